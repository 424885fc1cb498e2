"""Response headers that hold on every page (least privilege in the browser too)."""

from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import Http404, QueryDict
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found, server_error

# No page of this application uses any of these browser features.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class SecurityHeadersMiddleware:
    """A Permissions-Policy on every response, and `Cache-Control: no-store` on every response to
    a logged-in user: a page with a victim's name must not stay in a shared computer's cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class KeepFormAcrossLoginMiddleware:
    """A form sent after the session expired is not lost: when a POST is answered by
    the redirect to the login page, its fields (never a password) are stored in the session; the
    user signs in, and the same page shows the form filled in again — unsaved, to be checked
    and sent. Placed after CsrfViewMiddleware, so a forged cross-site POST is refused before."""

    KEY = "atip_form_before_login"
    UNSTORED = {"csrfmiddlewaretoken", "password", "password1", "password2", "new_password1", "new_password2"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and not request.user.is_authenticated
            and self._sent_to_log_in(request, response)
        ):
            data = request.POST.copy()
            for name in self.UNSTORED & set(data):
                del data[name]
            request.session[self.KEY] = {"path": request.path, "data": data.urlencode()}
            messages.info(
                request,
                _(
                    "Your session ended after 30 minutes without activity, so nothing was saved. "
                    "Sign in again: what you typed will be shown again for you to check and save."
                ),
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        stored = request.session.get(self.KEY) if request.user.is_authenticated else None
        if stored and request.method == "GET" and stored["path"] == request.path:
            del request.session[self.KEY]
            # The view binds its form to request.POST; a GET never saves (atip.forms.submit).
            request.POST = QueryDict(stored["data"])
            messages.info(
                request, _("This is what you typed before your session ended. Check it, then save.")
            )
        return None

    @staticmethod
    def _sent_to_log_in(request, response) -> bool:
        """The POST was refused for want of a session: sent to log in and come back to this very
        page — not a page that merely goes to the login page afterwards (the language switch)."""
        if response.status_code != 302:
            return False
        target = urlsplit(response.url)
        back = parse_qs(target.query).get(REDIRECT_FIELD_NAME, [""])[0]
        return target.path == resolve_url(settings.LOGIN_URL) and back == request.get_full_path()


class ErrorPagesInDevelopmentMiddleware:
    """With DEBUG on (`make run`), the pages people see when a record is missing or the server
    fails are the application's own (404.html, 500.html, in the user's language), not Django's
    debug pages, whose 404 lists every URL of the application. Installed first, so that it sees
    every response; the error has been logged and audited by then. DEBUG_PAGES=true brings the
    debug pages back for a developer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and self._is_debug_page(response):
            return page_not_found(request, Http404())
        if response.status_code == 500 and self._is_debug_page(response):
            return server_error(request)
        return response

    @staticmethod
    def _is_debug_page(response) -> bool:
        return not getattr(response, "streaming", False) and b"DEBUG = True" in response.content
