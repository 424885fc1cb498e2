"""Secrets out of every log line (issue 19, item 10).

A password link (`/accounts/password/<uid>/<token>/`) works until it is used or expires: a line of
the access log that holds it is a way into the account. The same holds for a two-factor secret
or a token carried as a query parameter. `redact(line)` replaces each such segment by "…";
`RedactingFilter` does it to every record a handler writes — gunicorn's access and error logs
(`RedactingGunicornLogger`, named in gunicorn.conf.py) and Django's own (settings.LOGGING).

Plain Python, imported by gunicorn before Django is set up.
"""

import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

HIDDEN = "…"

# Path segments that are secrets, after the prefix that announces them: the password link's
# uid and token (accounts.urls "password_set"; Django's view later redirects to
# `<uid>/set-password/`, which is redacted the same way). Not `/password/done/` (one segment).
_SECRET_PATH = re.compile(r"(/password/)[^/\s\"'?#]+/[^/\s\"'?#]+")
# Query parameters or key=value pairs whose value is a secret (the otpauth:// URI of a two-factor
# enrolment holds `secret=`).
_SECRET_VALUE = re.compile(
    r"(?i)\b(token|secret|key|otp|code|password|passwd|uidb64|sessionid|csrftoken|csrfmiddlewaretoken)"
    r"=[^&\s\"';]+"
)


def redact(line: str) -> str:
    """`line` with every secret path segment and secret parameter value replaced by "…"."""
    line = _SECRET_PATH.sub(rf"\g<1>{HIDDEN}/{HIDDEN}", line)
    return _SECRET_VALUE.sub(rf"\g<1>={HIDDEN}", line)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (its arguments merged in) without its secrets; keeps them all."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit: redact the template alone
            message = str(record.msg)
        record.msg, record.args = redact(message), ()
        return True


class RedactingGunicornLogger(GunicornLogger):
    """gunicorn's logger with RedactingFilter on the handlers of its access and error logs."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                    handler.addFilter(RedactingFilter())
