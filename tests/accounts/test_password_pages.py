import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def link(user, token=None):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:password_set", args=[uid, token or default_token_generator.make_token(user)])


def test_a_wrong_token_says_the_link_no_longer_works(client):
    assert "no longer works" in client.get(link(UserFactory(), "abc-def"), follow=True).content.decode()


def test_a_weak_password_is_refused(client):
    user = UserFactory()
    form_url = client.get(link(user)).url
    response = client.post(form_url, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200 and "at least 12 characters" in response.content.decode()


def test_the_done_page_offers_the_login(client):
    body = client.get(reverse("accounts:password_done")).content.decode()
    assert "Your password is set" in body and reverse("login") in body
