"""The confidentiality undertaking (issue 22.4): accepted before first use and again when its text
changes; versions written by administrators; acceptances kept and audited."""

import pytest
from django.urls import reverse

from accounts.models import Undertaking, UndertakingAcceptance
from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("accounts:undertaking")
EDIT = reverse("accounts:undertaking_edit")
HOME = reverse("home")


@pytest.fixture(autouse=True)
def _required(settings):
    settings.UNDERTAKING_REQUIRED = True


def test_the_first_version_is_there_from_the_migration():
    assert Undertaking.objects.get().version == 1
    assert "Data Protection Act" in Undertaking.objects.get().text


def test_nothing_opens_before_it_is_accepted(client, login):
    login(Role.SOCIAL_WORKER)
    response = client.get(reverse("victims:list"))
    assert response.status_code == 302 and response["Location"].startswith(PAGE + "?next=")
    assert "Data Protection Act" in client.get(PAGE).content.decode()


def test_accepting_goes_on_to_the_page_asked_for_and_is_audited(client, login):
    user = login(Role.SOCIAL_WORKER)
    response = client.post(PAGE, {"accept": "on", "next": reverse("victims:list")})
    assert response["Location"] == reverse("victims:list")
    assert client.get(reverse("victims:list")).status_code == 200
    assert UndertakingAcceptance.objects.filter(user=user, undertaking__version=1).exists()
    event = AuditEvent.objects.get(action="undertaking")
    assert (event.user_id, event.detail) == (user.pk, "version 1")


def test_without_the_box_nothing_is_accepted(client, login):
    login(Role.POLICE)
    response = client.post(PAGE, {"next": "https://evil.example.org/"})
    assert response.status_code == 200 and "Tick the box" in response.content.decode()
    assert not UndertakingAcceptance.objects.exists()


def test_an_outside_next_is_not_followed(client, login):
    login(Role.POLICE)
    assert client.post(PAGE, {"accept": "on", "next": "https://evil.example.org/"})["Location"] == HOME


def test_a_new_version_asks_everyone_again(client, login):
    worker = login(Role.SOCIAL_WORKER)
    client.post(PAGE, {"accept": "on"})
    admin = UserFactory(role=Role.ADMINISTRATOR)
    UndertakingAcceptance.objects.create(user=admin, undertaking=Undertaking.objects.get())
    client.force_login(admin)
    response = client.post(EDIT, {"text": "Version two: keep it all confidential."})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="create", detail="undertaking, version 2").exists()
    assert client.get(HOME)["Location"].startswith(PAGE)  # the administrator too
    client.force_login(worker)
    assert client.get(HOME)["Location"].startswith(PAGE)
    assert "Version two" in client.get(PAGE).content.decode()
    client.post(PAGE, {"accept": "on"})
    assert client.get(HOME).status_code == 200
    assert UndertakingAcceptance.objects.filter(user=worker).count() == 2


def test_the_same_text_is_not_a_new_version(client, login):
    admin = login(Role.ADMINISTRATOR)
    UndertakingAcceptance.objects.create(user=admin, undertaking=Undertaking.objects.get())
    response = client.post(EDIT, {"text": Undertaking.objects.get().text})
    assert response.status_code == 200 and "change it to make a new version" in response.content.decode()
    response = client.post(EDIT, {"text": "  "})
    assert response.status_code == 200 and Undertaking.objects.count() == 1


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.SECRETARY])
def test_only_administrators_write_it(client, login, role):
    user = login(role)
    UndertakingAcceptance.objects.create(user=user, undertaking=Undertaking.objects.get())
    assert client.post(EDIT, {"text": "Mine now."}).status_code == 404
    assert Undertaking.objects.count() == 1


def test_script_in_the_text_is_shown_as_text(client, login):
    admin = login(Role.ADMINISTRATOR)
    UndertakingAcceptance.objects.create(user=admin, undertaking=Undertaking.objects.get())
    client.post(EDIT, {"text": "<script>alert(1)</script> Keep it secret."})
    body = client.get(PAGE).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body


def test_anonymous_users_log_in_first(client):
    assert client.get(PAGE)["Location"].startswith(reverse("login"))


def test_the_navigation_offers_only_the_undertaking_meanwhile(client, login):
    login(Role.SOCIAL_WORKER)
    body = client.get(PAGE).content.decode()
    assert reverse("victims:list") not in body and f'href="{PAGE}"' in body
    client.post(PAGE, {"accept": "on"})
    assert reverse("victims:list") in client.get(HOME).content.decode()
