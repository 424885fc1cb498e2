"""Response headers that hold on every page (issue 8: least privilege in the browser too)."""

from django.conf import settings
from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

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
    """A form sent after the session expired is not lost (issue 11): when a POST is answered by
    the redirect to the login page, its fields (never a password) are kept in the session; the
    user signs in, and the same page shows the form filled in again — unsaved, to be checked
    and sent. Placed after CsrfViewMiddleware, so a forged cross-site POST is refused before."""

    KEY = "atip_form_before_login"
    NOT_KEPT = {"csrfmiddlewaretoken", "password", "password1", "password2", "new_password1", "new_password2"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "POST" and not request.user.is_authenticated and self._to_login(response):
            data = request.POST.copy()
            for name in self.NOT_KEPT & set(data):
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
        kept = request.session.get(self.KEY) if request.user.is_authenticated else None
        if kept and request.method == "GET" and kept["path"] == request.path:
            del request.session[self.KEY]
            # The view binds its form to request.POST; a GET never saves (atip.forms.submit).
            request.POST = QueryDict(kept["data"])
            messages.info(
                request, _("This is what you typed before your session ended. Check it, then save.")
            )
        return None

    @staticmethod
    def _to_login(response) -> bool:
        return response.status_code == 302 and response.url.startswith(resolve_url(settings.LOGIN_URL) + "?")
