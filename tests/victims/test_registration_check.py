"""The same person recorded twice (issue 10, point 6): the likely matches shown before a social
worker registers a person, saved only once "a different person" is confirmed. (Police
registrations: tests/cases/test_link_victim.py.)"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atip.models import AuditEvent
from tests.victims.olga import form, olga
from victims.models import DistinctPair, Victim

pytestmark = pytest.mark.django_db
D = datetime.date
CREATE = reverse("victims:create")


def shown_token(response) -> str:
    """The token of the matches shown, as the page posts it back."""
    return response.context["form"]["matches_token"].value()


def test_olga_diaz_next_to_two_olga_diaz_is_not_saved_silently(client, login):
    login()
    first, second = olga(), olga(registered_on=D(2023, 9, 1))
    response = client.post(CREATE, form())
    assert response.status_code == 200
    assert Victim.objects.count() == 2
    body = response.content.decode()
    assert "may already be registered" in " ".join(response.context["form"].errors["different_person"])
    assert 'href="#id_different_person"' in body  # the summary of errors links to the box
    assert first.reference in body and second.reference in body
    assert response.context["check"].matches == [first, second]


def test_confirming_a_different_person_saves_and_records_it(client, login):
    user = login()
    first, second = olga(), olga(registered_on=D(2023, 9, 1))
    token = shown_token(client.post(CREATE, form()))
    response = client.post(CREATE, {**form(), "different_person": "on", "matches_token": token})
    assert response.status_code == 302
    victim = Victim.objects.latest("id")
    assert response.url == victim.get_absolute_url()
    pairs = DistinctPair.objects.order_by("first_id")
    assert [(p.first, p.second, p.confirmed_by, p.at_registration) for p in pairs] == [
        (first, victim, user, True),
        (second, victim, user, True),
    ]
    assert victim.decisions.get().note_shown == (
        f"Registered. Confirmed as a different person from {first.reference}, {second.reference}."
    )
    assert AuditEvent.objects.filter(
        action="change", object_id=str(victim.pk), detail__contains=first.reference
    ).exists()
    body = client.get(victim.get_absolute_url()).content.decode()
    assert f'Not the same person as <a href="{first.get_absolute_url()}">{first.reference}</a>' in body


def test_the_box_without_the_token_of_the_matches_shown_saves_nothing(client, login):
    login()
    olga()
    for token in ("", "0" * 64, "forged"):
        response = client.post(CREATE, {**form(), "different_person": "on", "matches_token": token})
        assert response.status_code == 200
        assert response.context["check"].count == 1
    assert Victim.objects.count() == 1


def test_a_match_that_appears_after_the_confirmation_is_shown_again(client, login):
    login()
    olga()
    token = shown_token(client.post(CREATE, form()))
    late = olga(registered_on=D(2024, 1, 1))
    response = client.post(CREATE, {**form(), "different_person": "on", "matches_token": token})
    assert response.status_code == 200
    assert late in response.context["check"].matches
    assert Victim.objects.count() == 2


def test_the_token_without_the_box_saves_nothing(client, login):
    login()
    olga()
    token = shown_token(client.post(CREATE, form()))
    assert client.post(CREATE, {**form(), "matches_token": token}).status_code == 200
    assert Victim.objects.count() == 1


def test_no_match_saves_at_once(client, login):
    login()
    olga()
    assert client.post(CREATE, form(nationality="GT")).status_code == 302
    assert not DistinctPair.objects.exists()


def test_the_matches_shown_are_audited(client, login):
    user = login()
    existing = olga()
    client.post(CREATE, form())
    assert AuditEvent.objects.filter(
        user=user, action="view", object_id=str(existing.pk), detail="likely matches at registration"
    ).exists()


def test_script_in_a_matching_name_is_escaped(client, login):
    login()
    olga(given_name="Olga<script>x()</script>")
    body = client.post(CREATE, form(given_name="Olga<script>x()</script>")).content.decode()
    assert "Olga&lt;script&gt;x()&lt;/script&gt;" in body
    assert "<script>x()" not in body


def test_the_registration_takes_as_many_queries_whatever_the_matches(client, login):
    """Compared rather than pinned: the form's own validation queries its constraints one by
    one (Django's ModelForm), a number that says nothing of the matches. The matches are one
    query, their audit rows one INSERT, whatever their number."""
    login()
    client.get(CREATE)  # the session's expiry moved on (accounts.sessions), once a minute

    def queries(matches: int) -> int:
        while Victim.objects.count() < matches:
            olga()
        with CaptureQueriesContext(connection) as captured:
            response = client.post(CREATE, form())
        assert response.context["check"].count == matches
        return len(captured)

    assert queries(2) == queries(6)
