"""Links between cases and victims (roles.md): a request grants nothing until the other side
accepts it, the answer never tells whether a reference exists, and guessing is stopped."""

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from cases.links import UNMATCHED_PER_DAY
from cases.models import CaseVictim, LinkRequest
from tests.factories import CaseFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db
REASON = "Named by the complainant in the report."


def request_victim_url(case):
    return reverse("cases:request_victim", args=[case.pk])


def request_case_url(victim):
    return reverse("cases:request_case", args=[victim.pk])


def decide_url(link_request):
    return reverse("cases:decide_request", args=[link_request.pk])


def ask(client, case, typed, reason=REASON):
    return client.post(request_victim_url(case), {"reference": typed, "reason": reason}, follow=True)


def test_a_police_request_grants_nothing_until_a_social_worker_accepts(client, login):
    officer = login(Role.POLICE)
    case, victim = CaseFactory(), VictimFactory()
    response = ask(client, case, victim.reference)
    assert "Request sent" in response.content.decode()
    assert not CaseVictim.objects.exists()
    assert client.get(victim.get_absolute_url()).status_code == 404
    link_request = LinkRequest.objects.get()
    assert (link_request.victim, link_request.case, link_request.requested_by) == (victim, case, officer)
    assert AuditEvent.objects.filter(action="request", object_type="case", object_id=str(case.pk)).exists()

    worker = UserFactory(role=Role.SOCIAL_WORKER)
    client.force_login(worker)
    home = client.get(reverse("home")).content.decode()
    for shown in (case.reference, victim.reference, officer.username, REASON, "0 days"):
        assert shown in home, shown
    response = client.post(decide_url(link_request), {"decision": "accept", "note": ""})
    assert response.status_code == 302
    link = CaseVictim.objects.get()
    assert (link.case, link.victim, link.linked_by) == (case, victim, officer)
    assert AuditEvent.objects.get(action="link").user == worker

    client.force_login(officer)
    assert client.get(victim.get_absolute_url()).status_code == 200


def test_a_declined_request_needs_a_reason_the_requester_reads(client, login):
    officer = login(Role.POLICE)
    case, victim = CaseFactory(), VictimFactory()
    ask(client, case, victim.reference)
    link_request = LinkRequest.objects.get()
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER))
    response = client.post(decide_url(link_request), {"decision": "decline", "note": ""})
    assert "Say why" in response.context["form"].errors["note"][0]
    client.post(decide_url(link_request), {"decision": "decline", "note": "Not the same person."})
    link_request.refresh_from_db()
    assert link_request.status == "declined"
    assert AuditEvent.objects.filter(action="decline").exists()
    assert not CaseVictim.objects.exists()
    client.force_login(officer)
    assert "Not the same person." in client.get(case.get_absolute_url()).content.decode()
    # Deciding twice is refused.
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER))
    response = client.post(decide_url(link_request), {"decision": "accept", "note": ""})
    assert "already declined" in str(response.context["form"].non_field_errors())


@pytest.mark.parametrize(
    "typed", ["V-2020-0001", "v-2020-0001", " V-2020-0001 ", "V-2020-\u200b0001", "Ｖ-2020-0001"]
)
def test_references_are_compared_after_normalisation(client, login, typed):
    login(Role.POLICE)
    case, victim = CaseFactory(), VictimFactory(reference="V-2020-0001")
    ask(client, case, typed)
    assert LinkRequest.objects.get().victim == victim


def test_the_answer_is_the_same_whether_or_not_the_reference_exists(client, login):
    login(Role.POLICE)
    case, victim = CaseFactory(), VictimFactory(reference="V-2020-0001")
    known = ask(client, case, victim.reference)
    unknown = ask(client, case, "V-2020-0002")
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert [str(m) for m in known.context["messages"]] == [str(m) for m in unknown.context["messages"]]
    assert "No victim with" not in unknown.content.decode()


def test_guessing_references_opens_no_victim(client, login):
    """The attack of issue 8: every V-YYYY-NNNN, upper and lower case, posted as links."""
    login(Role.POLICE)
    case = CaseFactory()
    victims = [VictimFactory(reference=f"V-2020-{n:04d}") for n in range(1, 4)]
    for n in range(1, 6):
        for typed in (f"V-2020-{n:04d}", f"v-2020-{n:04d}"):
            ask(client, case, typed)
    assert not CaseVictim.objects.exists()
    assert all(client.get(v.get_absolute_url()).status_code == 404 for v in victims)


def test_more_than_ten_unknown_references_a_day_block_the_user(client, login):
    officer = login(Role.POLICE)
    case, victim = CaseFactory(), VictimFactory()
    for n in range(UNMATCHED_PER_DAY + 1):
        ask(client, case, f"V-1999-{n:04d}")
    blocked = AuditEvent.objects.get(action="blocked")
    assert blocked.user == officer
    response = ask(client, case, victim.reference)
    assert "blocked" in str(response.context["form"].non_field_errors())
    assert LinkRequest.objects.count() == UNMATCHED_PER_DAY + 1
    # The administrators see it on the audit page.
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    assert officer.username in client.get(reverse("audit_log"), {"action": "blocked"}).content.decode()


def test_a_social_worker_asks_the_police_unit_for_a_case(client, login):
    worker = login(Role.SOCIAL_WORKER)
    victim, case = VictimFactory(), CaseFactory(reference="C-2026-004")
    response = client.post(request_case_url(victim), {"reference": "c-2026-004", "reason": REASON})
    assert response.status_code == 302
    assert not CaseVictim.objects.exists()
    assert client.get(case.get_absolute_url()).status_code == 404  # not theirs yet
    link_request = LinkRequest.objects.get()
    assert (link_request.case, link_request.victim, link_request.requested_by) == (case, victim, worker)
    # The requester reads the request but cannot decide it.
    assert client.get(decide_url(link_request)).status_code == 200
    assert client.post(decide_url(link_request), {"decision": "accept"}).status_code == 403

    officer = UserFactory(role=Role.POLICE)
    client.force_login(officer)
    assert REASON in client.get(reverse("home")).content.decode()
    client.post(decide_url(link_request), {"decision": "accept", "note": ""})
    assert CaseVictim.objects.filter(case=case, victim=victim).exists()
    client.force_login(worker)
    assert client.get(case.get_absolute_url()).status_code == 200


def test_a_request_naming_nothing_cannot_be_accepted(client, login):
    login(Role.POLICE)
    case = CaseFactory()
    ask(client, case, "V-1999-0001")
    link_request = LinkRequest.objects.get()
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER))
    assert "no such victim" in client.get(reverse("home")).content.decode()
    response = client.post(decide_url(link_request), {"decision": "accept", "note": ""})
    assert "names no record" in response.context["form"].errors["note"][0]
    assert not CaseVictim.objects.exists()


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.ADMINISTRATOR])
def test_other_roles_get_404(client, login, role):
    police = UserFactory(role=Role.POLICE)
    case, victim = CaseFactory(), VictimFactory()
    client.force_login(police)
    ask(client, case, victim.reference)
    login(role)
    link_request = LinkRequest.objects.get()
    assert client.get(decide_url(link_request)).status_code == 404
    assert client.post(decide_url(link_request), {"decision": "accept"}).status_code == 404
    assert client.get(request_victim_url(case)).status_code == 404
    assert client.get(request_case_url(victim)).status_code == 404


def test_the_roles_that_may_not_ask(client, login):
    login(Role.SOCIAL_WORKER)
    case = CaseFactory(victims=[VictimFactory()])
    assert client.post(request_victim_url(case), {"reference": "V-1", "reason": "x"}).status_code == 403
    login(Role.POLICE)
    victim = VictimFactory()
    CaseFactory(victims=[victim])
    assert client.post(request_case_url(victim), {"reference": "C-1", "reason": "x"}).status_code == 403
    assert not LinkRequest.objects.exists()


def test_a_reason_with_markup_is_shown_as_text(client, login):
    login(Role.POLICE)
    case, victim = CaseFactory(), VictimFactory()
    ask(client, case, victim.reference, reason="<script>alert(1)</script>")
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER))
    home = client.get(reverse("home")).content.decode()
    assert "<script>alert(1)" not in home and "&lt;script&gt;alert(1)" in home


def test_wrong_methods(client, login):
    login(Role.POLICE)
    assert client.put(request_victim_url(CaseFactory())).status_code == 405
