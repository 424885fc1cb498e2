"""The language switch in the navigation (issue 11.4): for everyone, remembered per user."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import LanguagePreference
from atip.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SWITCH = reverse("accounts:language")


def html_lang(response):
    return response.content.decode().split("<html lang=", 1)[1].split(">", 1)[0].strip('"')


def test_the_navigation_offers_the_other_language_named_in_itself(client, login):
    login(Role.SOCIAL_WORKER)
    body = client.get(reverse("home")).content.decode()
    assert 'name="language" value="es" lang="es">Español</button>' in body
    assert 'value="en-gb"' not in body  # the language being read is not offered


def test_before_login_the_choice_is_kept_in_a_cookie(client):
    response = client.post(SWITCH, {"language": "es", "next": reverse("login")})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = client.get(reverse("login"))
    assert html_lang(page) == "es"
    assert 'value="en-gb" lang="en-gb">English</button>' in page.content.decode()


def test_a_users_choice_follows_them_to_their_next_login(client, login):
    user = login(Role.POLICE)
    client.post(SWITCH, {"language": "es", "next": reverse("home")})
    assert LanguagePreference.objects.get(user=user).language == "es"

    elsewhere = Client(HTTP_ACCEPT_LANGUAGE="en")  # another browser, which asks for English
    elsewhere.force_login(user)
    assert html_lang(elsewhere.get(reverse("home"))) == "es"
    assert html_lang(Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("login"))) == "en-gb"


def test_switching_back_to_english(client, login):
    user = login(Role.SECRETARY)
    client.post(SWITCH, {"language": "es"})
    client.post(SWITCH, {"language": "en-gb"})
    assert LanguagePreference.objects.get(user=user).language == "en-gb"
    assert html_lang(client.get(reverse("home"))) == "en-gb"


def test_without_a_choice_the_browser_decides(client, login):
    login(Role.SOCIAL_WORKER)
    assert html_lang(client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="es-GT,es;q=0.9")) == "es"
    assert html_lang(client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US")) == "en-gb"


@pytest.mark.parametrize("language", ["fr", "", "es'><script>", "EN"])
def test_a_language_not_offered_is_refused_and_nothing_is_kept(client, login, language):
    login(Role.SOCIAL_WORKER)
    response = client.post(SWITCH, {"language": language})
    assert response.status_code == 400
    assert not LanguagePreference.objects.exists()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


ELSEWHERE = ["https://evil.example.org/", "//evil.example.org/", "javascript:alert(1)"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_it_only_goes_back_to_this_sites_pages(client, login, target):
    login(Role.SOCIAL_WORKER)
    response = client.post(SWITCH, {"language": "es", "next": target})
    assert response["Location"] == reverse("home")


def test_it_changes_only_the_callers_own_account(client, login):
    other = UserFactory(role=Role.SOCIAL_WORKER)
    me = login(Role.SOCIAL_WORKER)
    client.post(SWITCH, {"language": "es", "user": other.pk, "user_id": other.pk})
    assert list(LanguagePreference.objects.values_list("user", flat=True)) == [me.pk]


def test_it_is_a_post_with_a_csrf_token(login):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(UserFactory(role=Role.SOCIAL_WORKER))
    assert csrf_client.get(SWITCH).status_code == 405
    assert csrf_client.post(SWITCH, {"language": "es"}).status_code == 403
    assert not LanguagePreference.objects.exists()
