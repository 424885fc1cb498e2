"""Usernames that cannot pass for one another (issue 19, item 3): ASCII letters, digits, `.`, `_`
and `-` only — a Cyrillic "а" in "аdmin2" looks exactly like admin2 in an audit row — and unique
whatever their case (the database holds that too: a unique index on LOWER(username), migration
accounts/0006)."""

from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

username_validator = RegexValidator(
    r"\A[A-Za-z0-9._-]+\Z",
    _("Use only unaccented letters (a–z, A–Z), digits, and . _ -"),
    code="invalid_username",
)


def username_taken(username: str, *, exclude_pk=None) -> bool:
    """Whether an account holds `username` in any case (but the one `exclude_pk`)."""
    accounts = get_user_model().objects.filter(username__iexact=username)
    return accounts.exclude(pk=exclude_pk).exists() if exclude_pk else accounts.exists()
