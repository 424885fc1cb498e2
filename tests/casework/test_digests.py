"""Issue 20.6: a daily e-mail per worker with counts of what is due in her caseload and a link,
no names or references, which she can turn off; `send_digests` sends it once a day."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.casework import factories as make
from tests.factories import UserFactory, VictimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana():
    worker = UserFactory(username="ana", email="ana@example.org")
    today = timezone.localdate()
    victim = VictimFactory(responsible_worker=worker, given_name="Rosalinda")
    make.plan(
        victim, made_on=today - datetime.timedelta(days=40), next_review_on=today - datetime.timedelta(days=2)
    )
    return worker, victim


def test_each_worker_gets_her_counts_and_a_link_and_no_names(ana):
    worker, victim = ana
    UserFactory(username="ben", email="ben@example.org")  # nothing due in his caseload: no e-mail
    call_command("send_digests")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert "Care-plan reviews overdue: 1" in message.body
    assert reverse("casework:worklists") in message.body
    assert "Rosalinda" not in message.body and victim.reference not in message.body + message.subject


def test_a_second_run_the_same_day_sends_nothing(ana):
    call_command("send_digests")
    call_command("send_digests")
    assert len(mail.outbox) == 1


def test_she_turns_it_off(client, ana):
    worker, _victim = ana
    client.force_login(worker)
    page = client.get(reverse("casework:worklists")).content.decode()
    assert 'id="digest-on" checked' in page
    assert client.post(reverse("casework:worklists"), {}).status_code == 302
    call_command("send_digests")
    assert mail.outbox == []
    client.post(reverse("casework:worklists"), {"digest": "on"})
    call_command("send_digests")
    assert len(mail.outbox) == 1


def test_the_other_roles_have_no_worklist(client, login):
    from atip.roles import Role

    for role in (Role.POLICE, Role.SECRETARY, Role.ADMINISTRATOR):
        login(role)
        assert client.post(reverse("casework:worklists"), {"digest": "on"}).status_code == 404
