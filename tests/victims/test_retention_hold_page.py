"""A supervisor holds a person from retention from the person's page, and lifts the hold, each
time with a reason (issue 22.1: "a hold set by a supervisor with a reason"). apply_retention
passes a held person by; nobody else may hold, and the page tells no one else it exists."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import CaseFactory, ProsecutionFactory, VictimFactory
from victims.holds import RetentionHold

pytestmark = pytest.mark.django_db


def url(victim):
    return reverse("victims:retention_hold", args=[victim.pk])


def due(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", "--today", "2099-01-01", stdout=out)
    return out.getvalue()


def test_a_supervisor_holds_and_lifts_with_a_reason(client, login):
    supervisor = login(Role.SUPERVISOR)
    person = VictimFactory(given_name="Rosa")
    body = client.get(person.get_absolute_url()).content.decode()
    assert "The retention schedule applies" in body and url(person) in body

    response = client.post(url(person), {"reason": "Civil claim filed in the Supreme Court."})
    assert response.status_code == 302 and response.url == person.get_absolute_url() + "#retention"
    hold = RetentionHold.objects.get(victim=person, lifted_at__isnull=True)
    assert (hold.reason, hold.set_by) == ("Civil claim filed in the Supreme Court.", supervisor)
    assert "1 by a supervisor" in due()
    body = client.get(person.get_absolute_url()).content.decode()
    assert "Held from retention since" in body and "Civil claim filed in the Supreme Court." in body

    response = client.post(url(person), {"reason": "The claim was settled."})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert (hold.lifted_by, hold.lift_reason) == (supervisor, "The claim was settled.")
    assert "1 by a supervisor" not in due()
    details = list(
        AuditEvent.objects.filter(action="hold", object_ref=person.reference)
        .order_by("seq")
        .values_list("detail", flat=True)
    )
    assert details == ["retention hold set", "retention hold lifted (1)"]


def test_the_reason_is_required_and_nothing_is_held_without_it(client, login):
    login(Role.SUPERVISOR)
    person = VictimFactory()
    response = client.post(url(person), {"reason": "   "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not RetentionHold.objects.exists()


def test_script_in_the_reason_is_shown_as_text(client, login):
    login(Role.SUPERVISOR)
    person = VictimFactory()
    client.post(url(person), {"reason": "<script>alert(1)</script>"})
    body = client.get(person.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.SOCIAL_WORKER, 403), (Role.POLICE, 403), (Role.PROSECUTOR, 403), (Role.SECRETARY, 404)],
)
def test_no_other_role_holds_or_sees_the_hold(client, login, role, status):
    login(role)
    person = VictimFactory()
    ProsecutionFactory(case=CaseFactory(victims=[person]), move_case=True)  # police and DPP see her
    assert client.post(url(person), {"reason": "Mine."}).status_code == status
    assert not RetentionHold.objects.exists()
    if status == 403:
        body = client.get(person.get_absolute_url()).content.decode()
        assert url(person) not in body and "retention schedule" not in body


def test_an_unknown_or_unseen_person_is_the_same_404(client, login):
    login(Role.POLICE)
    unseen = VictimFactory()  # in no case: the police may not know she exists
    assert client.get(url(unseen)).status_code == 404
    assert client.get(reverse("victims:retention_hold", args=[unseen.pk + 1000])).status_code == 404
