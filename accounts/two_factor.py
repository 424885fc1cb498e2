"""Two-factor authentication with django-otp: one TOTP device per account (an authenticator app,
enrolled by QR code) and one static device holding its ten single-use backup codes."""

from base64 import b32encode
from binascii import unhexlify

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from atip.audit import Action, audit

BACKUP_CODE_COUNT = 10
WRONG_CODE = _("That code is not right (or came too soon after a wrong one). Try the next code of your app.")


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def new_key() -> str:
    """A fresh TOTP secret (20 random bytes, hex), kept in the session until it is confirmed."""
    return random_hex(20)


def key_base32(key: str) -> str:
    """The secret as an authenticator app takes it when typed in (RFC 4648 base32, no padding)."""
    return b32encode(unhexlify(key)).decode().rstrip("=")


def otpauth_uri(*, user, key: str) -> str:
    """The secret as an otpauth:// URI (account, issuer, 6 digits, 30 seconds): what the QR code
    holds, and a link that opens the authenticator app on the phone the page is read on."""
    return TOTPDevice(user=user, key=key).config_url


def key_groups(key: str) -> str:
    """The base32 key in groups of four characters, to read and type."""
    secret = key_base32(key)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(*, user, key: str) -> str:
    """The otpauth:// URI of the secret as an inline SVG QR code, drawn here (no outside service)."""
    uri = otpauth_uri(user=user, key=key)
    return segno.make(uri, error="m").svg_inline(
        scale=5, border=2, omitsize=True, svgclass="qr-code", title=str(_("QR code of the secret"))
    )


def _codes_for(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Backup codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_enrol(*, user, key: str, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the secret `key` with a code of the user's app: the device and ten backup codes."""
    if is_enrolled(user):
        raise ValidationError(_("Two-factor authentication is already set up for this account."))
    totp = TOTP(unhexlify(key))
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == totp.digits and totp.verify(int(code), tolerance=1)):
        raise ValidationError({"code": WRONG_CODE})
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", key=key, last_t=totp.t())
    codes = _codes_for(user)
    audit(action=Action.OTP_ENROL, user=user, obj=user, object_ref=user.get_username())
    return device, codes


@transaction.atomic
def backup_codes_renew(*, user) -> list[str]:
    """Ten new backup codes; the old ones stop working."""
    codes = _codes_for(user)
    audit(action=Action.BACKUP_CODES, user=user, obj=user, object_ref=user.get_username())
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def verify_code(*, user, code: str) -> Device | None:
    """The device that accepts `code` (6 digits: the app; otherwise a backup code, used up),
    or None. django-otp's throttling makes each device wait longer after every wrong code."""
    code = "".join(code.split()).lower()
    if code.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices.select_for_update():
        if device.verify_token(code):
            return device
    return None


def two_factor_remove(user) -> int:
    """Delete every device of `user` (and their backup codes): they enrol again at next login."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    return removed + StaticDevice.objects.filter(user=user).delete()[0]
