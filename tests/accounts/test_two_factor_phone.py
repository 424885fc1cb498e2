"""Issue 21.4, two-factor enrolment on the phone it is for: besides the QR code, the otpauth://
link that opens the authenticator app ("Open in your authenticator app") and the key to copy,
in groups of four, monospace, with a copy button (app.js: no inline script); a wrong code's
message at the top of the form, as an alert that is announced, as well as next to the field."""

import re
from binascii import unhexlify
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import TOTP

from accounts.auth_views import NEW_KEY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("accounts:two_factor")


def main(response) -> str:
    return response.content.decode().split("<main")[1].split("</main>")[0]


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def wrong_code(client) -> str:
    totp = TOTP(unhexlify(client.session[NEW_KEY]))
    return f"{(totp.token() + 500_000) % 1_000_000:06d}"


def test_the_link_opens_the_app_with_the_account_and_the_key(client):
    client.force_login(UserFactory(username="maria.sw"))
    body = main(client.get(URL))
    link = re.search(r'<a class="btn btn-primary" id="otpauth-link"\s+href="([^"]+)">([^<]+)</a>', body)
    assert link[2] == "Open in your authenticator app"
    uri = urlsplit(link[1].replace("&amp;", "&"))
    query = parse_qs(uri.query)
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert unquote(uri.path) == "/ATIP Case Management:maria.sw"
    secret = re.search(r'data-secret="([A-Z2-7]{32})"', body)[1]
    assert query["secret"] == [secret] and query["digits"] == ["6"] and query["period"] == ["30"]
    assert query["issuer"] == ["ATIP Case Management"]
    assert "svg" in body and 'class="qr-code"' in body  # the QR code stays, for another screen


def test_the_key_is_in_groups_of_four_in_monospace_with_a_copy_button(client, login):
    login()
    body = main(client.get(URL))
    code = re.search(r'<code id="totp-secret" class="otp-secret" data-secret="(\w{32})">([^<]+)</code>', body)
    assert code[2].split() == re.findall(".{4}", code[1])
    button = re.search(r"<button[^>]*data-copy=[^>]*>([^<]+)</button>", body)
    assert button[1] == "Copy the key"
    assert f'data-copy="{code[1]}"' in button[0]  # copied without the spaces
    assert " hidden " in button[0] and 'type="button"' in button[0]  # shown by app.js, which copies
    assert 'data-copied="Key copied."' in button[0] and 'role="status"' in body


def test_no_inline_script_on_the_page(client, login):
    login()
    body = client.get(URL).content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)", body) == []
    assert not re.search(r"\son[a-z]+=", body) and "javascript:" not in body


def test_a_wrong_code_is_said_at_the_top_of_the_form_and_next_to_the_field(client, login):
    login()
    client.get(URL)
    body = main(client.post(URL, {"code": wrong_code(client)}))
    form = re.search(r'<form method="post" novalidate>(.*?)</form>', body, re.S)[1]
    alert = re.search(
        r'<div class="alert alert-danger" role="alert" tabindex="-1" data-error-summary[^>]*>(.*?)</div>',
        form,
        re.S,
    )
    assert form.index(alert[0]) < form.index('name="code"')  # above the field
    assert "That code is not right" in text(alert[1])
    assert 'href="#id_code"' in alert[1]  # leads to the field
    after_field = form[form.index('name="code"') :]
    assert "That code is not right" in text(after_field)  # and next to it, as before
    assert 'aria-invalid="true"' in form


def test_no_alert_before_a_code_is_given(client, login):
    login()
    assert 'role="alert"' not in main(client.get(URL))


def test_in_spanish(client, login):
    login()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    body = text(main(client.get(URL)))
    assert "Abrir en su aplicación de autenticación" in body and "Copiar la clave" in body
    assert "1. Agregue esta cuenta a su aplicación" in body
