"""Login and logout are only announced by Django's signals; the receivers just audit them."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from atip.audit import Action, audit


@receiver(user_logged_in)
def _audit_login(sender, request, user, **kwargs):
    audit(action=Action.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit(action=Action.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _audit_login_failed(sender, credentials, request=None, **kwargs):
    audit(action=Action.LOGIN_FAILED, request=request, detail=str(credentials.get("username", ""))[:150])
