"""Logging in with a password and then a code, enrolling in two-factor authentication, and
choosing a password from an e-mailed link. These pages are open before a session is verified
(accounts.middleware.TwoFactorMiddleware lets them through)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import PasswordResetCompleteView, PasswordResetConfirmView
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils import formats, timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import two_factor
from accounts.forms import CodeForm, EnrolForm
from accounts.middleware import LANGUAGE_SESSION_KEY
from accounts.models import AccountChange
from accounts.selectors import changes_since
from atip import lockout
from atip.audit import Action, audit
from atip.forms import apply_errors

User = get_user_model()

PENDING = "accounts_login"  # session: who gave the right password and now owes a code
PENDING_SECONDS = 5 * 60
CODE_TRIES = 5  # then back to the password step (django-otp also slows each device down)
NEW_KEY = "accounts_totp_key"  # session: the secret shown for enrolment, until confirmed


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure())
    return url if allowed else ""


def _changed_message(change: AccountChange) -> str:
    when = formats.date_format(timezone.localtime(change.applied_at), "DATETIME_FORMAT")
    who = change.requested_by.get_username()
    if change.decided_by is not None:
        who = _("%(who)s (approved by %(approver)s)") % {
            "who": who,
            "approver": change.decided_by.get_username(),
        }
    return _("Your account was changed by %(who)s on %(when)s: %(what)s.") % {
        "who": who,
        "when": when,
        "what": change.summary,
    }


def _complete_login(request, user, *, backend: str, device=None, next_url: str = ""):
    """Log `user` in (verified by `device`, if any) and tell them what changed since last time."""
    previous = user.last_login
    auth_login(request, user, backend=backend)
    if device is not None:
        otp_login(request, device)
    # In the account's language, which applies from the next page (accounts.languages).
    with translation.override(request.session.get(LANGUAGE_SESSION_KEY) or translation.get_language()):
        for change in changes_since(account=user, since=previous):
            messages.info(request, _changed_message(change))
        if isinstance(device, StaticDevice):
            left = two_factor.backup_codes_left(user)
            messages.warning(
                request,
                _("You logged in with a backup code; %(left)s left. Make new ones if you run low.")
                % {"left": left},
            )
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters()
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login(request):
    """Step 1: username and password (django-axes locks out repeated failures). An account with
    two-factor authentication goes on to step 2; one without is logged in (and, when two-factor
    is required, sent to enrol)."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = _next_url(request)
    form = AuthenticationForm(request, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = form.get_user()
        if two_factor.is_enrolled(user):
            request.session[PENDING] = {
                "user": user.pk,
                "backend": user.backend,
                "at": time.time(),
                "next": next_url,
                "tries": 0,
            }
            return redirect("accounts:login_code")
        return _complete_login(request, user, backend=user.backend, next_url=next_url)
    context = {
        "form": form,
        "next": next_url,
        "two_factor_required": settings.TWO_FACTOR_REQUIRED,
        # Counted as the lock counts, the same whether or not the username names an account.
        "last_try": lockout.failures_left(request) == 1,
        "lock_minutes": lockout.cool_off_minutes(),
    }
    return render(request, "registration/login.html", context)


@sensitive_post_parameters()
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_code(request):
    """Step 2: the app's 6-digit code or a backup code. Wrong codes are audited as failed logins."""
    pending = request.session.get(PENDING)
    user = None
    if pending and time.time() - pending["at"] < PENDING_SECONDS:
        user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(PENDING, None)
        messages.info(request, "Please log in again.")
        return redirect("login")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        device = two_factor.verify_code(user=user, code=form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING]
            return _complete_login(
                request, user, backend=pending["backend"], device=device, next_url=pending["next"]
            )
        audit(
            action=Action.LOGIN_FAILED,
            obj=user,
            object_ref=user.get_username(),
            detail=f"{user.get_username()}: wrong two-factor code",
        )
        pending["tries"] += 1
        if pending["tries"] >= CODE_TRIES:
            del request.session[PENDING]
            messages.error(request, "Too many wrong codes. Log in again.")
            return redirect("login")
        request.session[PENDING] = pending
        form.add_error("code", two_factor.WRONG_CODE)
    return render(request, "registration/login_code.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def two_factor_setup(request):
    """Enrolment: scan the QR code (or type the key), confirm with a code, get ten backup codes
    shown once. Once enrolled: how many backup codes are left."""
    user = request.user
    if two_factor.is_enrolled(user):
        context = {"codes_left": two_factor.backup_codes_left(user), "verified": user.is_verified()}
        return render(request, "accounts/two_factor_enrolled.html", context)
    key = request.session.get(NEW_KEY) or two_factor.new_key()
    request.session[NEW_KEY] = key
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device, codes = two_factor.two_factor_enrol(user=user, key=key, code=form.cleaned_data["code"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            del request.session[NEW_KEY]
            otp_login(request, device)
            request.two_factor_pending = False  # verified from now on: the full navigation
            return render(request, "accounts/backup_codes.html", {"codes": codes, "enrolled": True})
    context = {
        "form": form,
        "qr": mark_safe(two_factor.qr_svg(user=user, key=key)),  # drawn by segno from our own URI
        "otpauth": two_factor.otpauth_uri(user=user, key=key),
        "secret": two_factor.key_base32(key),
        "secret_groups": two_factor.key_groups(key),
        "required": settings.TWO_FACTOR_REQUIRED,
    }
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@require_POST
@login_required
def backup_codes(request):
    """Ten new backup codes, shown once; only in a session verified by a code."""
    if not (two_factor.is_enrolled(request.user) and request.user.is_verified()):
        raise PermissionDenied("Log in with your code first to make new backup codes.")
    codes = two_factor.backup_codes_renew(user=request.user)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "enrolled": False})


class PasswordSetView(PasswordResetConfirmView):
    """The e-mailed link: the account holder chooses a password (the link then stops working)."""

    template_name = "registration/password_set.html"
    success_url = reverse_lazy("accounts:password_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit(
            action=Action.PASSWORD_SET,
            user=self.user,
            obj=self.user,
            object_ref=self.user.get_username(),
            detail="chosen by the account holder through an e-mailed link",
        )
        return response


class PasswordDoneView(PasswordResetCompleteView):
    template_name = "registration/password_set_done.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "login_url": resolve_url(settings.LOGIN_URL)}
