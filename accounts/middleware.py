"""Two-factor authentication for every account (spec/roles.md "Accounts")."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.two_factor import is_enrolled
from accounts.undertaking import has_accepted

# What a logged-in session reaches before a code has verified it.
OPEN_VIEWS = frozenset(
    {
        "login",
        "logout",
        "accounts:login_code",
        "accounts:two_factor",
        "accounts:password_set",
        "accounts:password_done",
        "accounts:language",
    }
)


class TwoFactorMiddleware:
    """With settings.TWO_FACTOR_REQUIRED (default: DEBUG off), a logged-in session that no code
    has verified reaches only OPEN_VIEWS and static files: an account without two-factor
    authentication is sent to enrol; one with it (enrolled in another session) logs in again.

    After django_otp's OTPMiddleware (request.user.is_verified) and the message middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if settings.TWO_FACTOR_REQUIRED and user.is_authenticated and not user.is_verified():
            request.two_factor_pending = True  # the navigation offers nothing else meanwhile
            if not self._open(request.path_info):
                if is_enrolled(user):
                    logout(request)
                    messages.info(request, _("Log in again with your code."))
                    return redirect_to_login(request.get_full_path())
                return redirect("accounts:two_factor")
        return self.get_response(request)

    @staticmethod
    def _open(path: str, extra=frozenset()) -> bool:
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return True
        try:
            return resolve(path).view_name in OPEN_VIEWS | extra
        except Resolver404:
            return False


class UndertakingMiddleware:
    """With settings.UNDERTAKING_REQUIRED (default on), a logged-in user who has not accepted the
    confidentiality undertaking in force reaches only OPEN_VIEWS and the undertaking's page
    (accounts.undertaking). After TwoFactorMiddleware: a session waiting for its code is sent
    there first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.UNDERTAKING_REQUIRED
            and user.is_authenticated
            and not getattr(request, "two_factor_pending", False)
            and not has_accepted(request)
        ):
            request.undertaking_pending = True  # the navigation offers nothing else meanwhile
            if not TwoFactorMiddleware._open(request.path_info, extra={"accounts:undertaking"}):
                return redirect_to_login(request.get_full_path(), "accounts:undertaking")
        return self.get_response(request)


LANGUAGE_SESSION_KEY = "language"


def offered(code) -> bool:
    """Whether `code` is one of the languages the application speaks (settings.LANGUAGES)."""
    return code in dict(settings.LANGUAGES)


class UserLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware (cookie, then Accept-Language), except that a logged-in user's
    own choice wins: accounts.languages copies it from their account into the session at login
    and when they switch, so no request pays a query for it."""

    def process_request(self, request):
        super().process_request(request)
        chosen = request.session.get(LANGUAGE_SESSION_KEY) if request.user.is_authenticated else None
        if chosen and offered(chosen):
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
