"""Enrolment (QR code, key, a code to confirm, ten backup codes shown once), new backup codes,
and the requirement: with TWO_FACTOR_REQUIRED nothing but enrolment until enrolled."""

import re
import time
from base64 import b32decode
from binascii import unhexlify

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.auth_views import NEW_KEY
from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import enrol

pytestmark = pytest.mark.django_db
URL = reverse("accounts:two_factor")


def code_for(client):
    totp = TOTP(unhexlify(client.session[NEW_KEY]))
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_it_shows_a_qr_code_and_the_key(client, login):
    login()
    body = client.get(URL).content.decode()
    main = body.split("<main")[1].split("</main>")[0]
    assert re.search(r'<svg viewBox="[\d ]+" class="qr-code"><title>', main) and "<script" not in main
    secret = re.search(r'data-secret="([A-Z2-7]{32})"', body).group(1)
    assert unhexlify(client.session[NEW_KEY]) == b32decode(secret)
    assert f'data-secret="{secret}"' in client.get(URL).content.decode()  # the same key on reload


def test_a_right_code_enrols_and_shows_ten_backup_codes_once(client, login):
    user = login()
    client.get(URL)
    response = client.post(URL, {"code": code_for(client)})
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=user).confirmed
    assert sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == sorted(
        codes
    )
    assert AuditEvent.objects.get(action="otp_enrol").user == user
    body = client.get(URL).content.decode()
    assert "10</strong> unused backup codes" in body and codes[0] not in body


def test_a_wrong_code_does_not_enrol(client, login):
    user = login()
    client.get(URL)
    wrong = f"{(int(code_for(client)) + 1) % 1_000_000:06d}"
    response = client.post(URL, {"code": wrong})
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_new_backup_codes_replace_the_old_ones(client, login):
    user = login()
    client.get(URL)
    first = re.findall(
        r"<li>([a-z2-7]{8})</li>", client.post(URL, {"code": code_for(client)}).content.decode()
    )
    second = re.findall(
        r"<li>([a-z2-7]{8})</li>", client.post(reverse("accounts:backup_codes")).content.decode()
    )
    assert len(second) == 10 and not set(first) & set(second)
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(second)
    assert AuditEvent.objects.filter(action="backup_codes").count() == 1


def test_new_backup_codes_need_a_session_verified_by_a_code(client, login):
    user = login()  # force_login: no code given
    enrol(user)
    assert client.post(reverse("accounts:backup_codes")).status_code == 403


def test_backup_codes_reject_get(client, login):
    login()
    assert client.get(reverse("accounts:backup_codes")).status_code == 405


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).url.startswith(reverse("login"))


def test_it_rejects_other_methods(client, login):
    login()
    assert client.put(URL).status_code == 405


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_enrol(client, login, role):
    login(role)
    assert client.get(URL).status_code == 200


class TestRequired:
    @pytest.fixture(autouse=True)
    def required(self, settings):
        settings.TWO_FACTOR_REQUIRED = True

    def test_an_unenrolled_user_is_sent_to_enrolment(self, client, login):
        login()
        response = client.get(reverse("victims:list"))
        assert response.status_code == 302 and response.url == URL
        assert client.get(reverse("home")).url == URL
        body = client.get(URL).content.decode()
        assert reverse("victims:list") not in body  # the navigation offers nothing else meanwhile

    def test_enrolment_opens_the_application(self, client, login):
        login()
        client.get(URL)
        client.post(URL, {"code": code_for(client)})
        assert client.get(reverse("victims:list")).status_code == 200

    def test_logout_and_static_files_stay_open(self, client, login):
        login()
        assert client.post(reverse("logout")).url == reverse("login")

    def test_an_enrolled_session_without_a_code_must_log_in_again(self, client, login):
        user = login()
        enrol(user)
        response = client.get(reverse("victims:list"))
        assert response.url.startswith(reverse("login")) and "_auth_user_id" not in client.session

    def test_a_two_factor_reset_sends_an_open_session_to_enrol(self, client, login, as_user):
        user = login()
        client.get(URL)
        client.post(URL, {"code": code_for(client)})
        TOTPDevice.objects.filter(user=user).delete()
        assert client.get(reverse("victims:list")).url == URL

    def test_the_password_link_is_open_before_login(self, client):
        assert client.get(reverse("accounts:password_set", args=["MQ", "x-y"])).status_code == 200
