"""Choosing the interface's language: a button in the navigation, for everyone; a
logged-in user's choice is kept on their account and follows them to their next login."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.middleware import LANGUAGE_SESSION_KEY, offered
from accounts.models import LanguagePreference


@require_POST
def choose_language(request):
    """Switch to the posted language and go back to the page the switch was on. An unknown code
    is refused (400), and only this site's pages are gone back to."""
    code = request.POST.get("language", "")
    if not offered(code):
        return HttpResponseBadRequest()
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = "home"
    if request.user.is_authenticated:
        LanguagePreference.objects.update_or_create(user=request.user, defaults={"language": code})
        request.session[LANGUAGE_SESSION_KEY] = code
    translation.activate(code)
    response = redirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@receiver(user_logged_in)
def _language_at_login(sender, request, user, **kwargs):
    """The account's language, if its holder ever chose one, for the whole session."""
    if request is None:
        return
    code = LanguagePreference.of(user)
    if code and offered(code):
        request.session[LANGUAGE_SESSION_KEY] = code
