"""Issue 19, item 10: a password link's token never reaches a log line (gunicorn's access and
error logs, Django's logging)."""

import io
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from gunicorn.config import Config

from atip.redaction import RedactingFilter, RedactingGunicornLogger, redact
from tests.factories import UserFactory

TOKEN = "cdu2hk-0f3b9d1c7e5a4b2c8d6e"
UID = "MTI"


def test_the_password_link_is_redacted():
    line = f'10.0.0.1 [01/Feb/2025:10:00:00] "GET /accounts/password/{UID}/{TOKEN}/" 200 512 0.01'
    redacted = redact(line)
    assert TOKEN not in redacted and UID not in redacted
    assert '"GET /accounts/password/…/…/" 200 512' in redacted


def test_the_redirect_after_the_link_and_secret_parameters_are_redacted():
    assert redact("/es/accounts/password/MTI/set-password/") == "/es/accounts/password/…/…/"
    uri = "otpauth://totp/ATIP:ana?secret=JBSWY3DPEHPK3PXP&issuer=ATIP"
    assert redact(uri) == "otpauth://totp/ATIP:ana?secret=…&issuer=ATIP"
    assert redact("/x/?token=abc&page=2") == "/x/?token=…&page=2"


def test_what_is_not_secret_is_kept():
    kept = ["/accounts/password/done/", "/victims/?page=2&postcode=12", "/accounts/users/3/password-link/"]
    for line in kept:
        assert redact(line) == line


def test_the_filter_rewrites_a_record_with_arguments():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/accounts/password/{UID}/{TOKEN}/",),
        None,
    )
    assert RedactingFilter().filter(record) is True
    assert record.getMessage() == "Not Found: /accounts/password/…/…/"


def test_djangos_logging_has_the_filter():
    handler = logging.getLogger().handlers[0]
    assert any(isinstance(f, RedactingFilter) for f in handler.filters)


def _access_line(path: str) -> str:
    """What gunicorn's access log (configured as gunicorn.conf.py says) writes for a GET of `path`."""
    cfg = Config()
    namespace: dict = {}
    exec(open("gunicorn.conf.py").read(), namespace)  # noqa: S102 - our own configuration file
    for name in ("accesslog", "access_log_format", "logger_class"):
        cfg.set(name, namespace[name])
    assert cfg.logger_class is RedactingGunicornLogger
    logger = RedactingGunicornLogger(cfg)
    stream = io.StringIO()
    logger.access_log.handlers[0].setStream(stream)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.1",
    }
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", "203.0.113.9")])
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    logger.access(response, request, environ, timedelta(milliseconds=12))
    return stream.getvalue()


@pytest.mark.django_db
def test_gunicorns_access_log_holds_no_token_of_a_real_link():
    user = UserFactory()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_set", kwargs={"uidb64": uid, "token": token})
    line = _access_line(path)
    assert token not in line and f"/{uid}/" not in line
    assert "GET /accounts/password/…/…/" in line and " 200 512 " in line
