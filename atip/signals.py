"""Login, logout and unhandled exceptions are only announced by Django's signals; the receivers
just audit them."""

import logging
import sys

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.signals import got_request_exception
from django.dispatch import receiver

from atip.audit import Action, audit, login_name

logger = logging.getLogger(__name__)


@receiver(user_logged_in)
def _audit_login(sender, request, user, **kwargs):
    audit(action=Action.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit(action=Action.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _audit_login_failed(sender, credentials, request=None, **kwargs):
    audit(action=Action.LOGIN_FAILED, request=request, detail=login_name(credentials.get("username")))


@receiver(got_request_exception)
def _audit_server_error(sender, request=None, **kwargs):
    # Sent once the view's transaction has been rolled back: the row is written in its own. Only
    # the exception's type: its message may quote the data being saved.
    exception = sys.exc_info()[1]
    try:
        audit(action=Action.ERROR, request=request, detail=f"500 {type(exception).__name__}")
    except Exception:
        logger.exception("The server error could not be written to the audit log")
