"""Links between cases and victims (roles.md): a request grants nothing until the other side
accepts it, the answer never tells whether a reference exists, and guessing is stopped."""

import re
from importlib import import_module

import pytest
from django.apps import apps
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


# --- Issue 19.6 and 21.9: the requester is never told whether the reference exists; a reference
# is checked for its shape as typed, and what is not one is neither stored nor logged. ----------


@pytest.mark.parametrize("direction", ["victim", "case"])
def test_the_requester_reads_the_same_request_page_whether_or_not_the_reference_exists(
    client, login, direction
):
    login(Role.POLICE if direction == "victim" else Role.SOCIAL_WORKER)
    case, victim = CaseFactory(), VictimFactory()
    if direction == "victim":
        url, known, unknown = request_victim_url(case), victim.reference, "V-1999-0001"
    else:
        url, known, unknown = request_case_url(victim), case.reference, "C-1999-001"
    for typed in (known, unknown):
        client.post(url, {"reference": typed, "reason": REASON}, follow=True)
    known_request, unknown_request = LinkRequest.objects.order_by("id")
    pages = [_page(client, r, typed) for r, typed in ((known_request, known), (unknown_request, unknown))]
    assert f"no such {direction}" not in pages[1]
    assert pages[0] == pages[1]
    # The side that decides is told.
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER if direction == "victim" else Role.POLICE))
    assert f"no such {direction}" in client.get(decide_url(unknown_request)).content.decode()
    assert f"no such {direction}" not in client.get(decide_url(known_request)).content.decode()


def _page(client, link_request, typed) -> str:
    """The request's page as its requester reads it, the reference typed and what changes on every
    response (the request's id, the CSRF token, the scripts' nonce) aside."""
    page = client.get(decide_url(link_request)).content.decode()
    page = re.sub(r'(value|nonce)="[^"]*"', r'\1=""', page)
    return page.replace(typed, "*").replace(f"/{link_request.pk}/", "/*/")


@pytest.mark.parametrize(
    "typed",
    [
        "V-2026-008",
        "Olga Díaz",
        "V-26-0008",
        "C-2026-001",
        "V-2026-0008-1",
        "V2026-0008",
        "<b>V-2026-0008</b>",
    ],
)
def test_a_malformed_victim_reference_is_refused_and_never_stored_nor_logged(client, login, typed):
    officer = login(Role.POLICE)
    case = CaseFactory()
    response = client.post(request_victim_url(case), {"reference": typed, "reason": REASON})
    assert response.status_code == 200
    assert "These references look like V-2026-0001" in response.context["form"].errors["reference"][0]
    assert not LinkRequest.objects.exists()
    event = AuditEvent.objects.get(user=officer, action="request")
    assert event.detail == f"link request refused: not a reference ({len(typed)} characters typed)"
    assert not AuditEvent.objects.filter(detail__icontains="olga").exists()
    assert not AuditEvent.objects.filter(detail__contains="2026-0").exists()


@pytest.mark.parametrize("typed", ["C-2026-04", "V-2026-0004", "Rosa"])
def test_a_malformed_case_reference_is_refused(client, login, typed):
    login(Role.SOCIAL_WORKER)
    victim = VictimFactory()
    response = client.post(request_case_url(victim), {"reference": typed, "reason": REASON})
    assert "These references look like C-2026-001" in response.context["form"].errors["reference"][0]
    assert not LinkRequest.objects.exists()


def test_the_shape_does_not_tell_whether_a_record_exists(client, login):
    # A well-formed reference that names nothing is sent like one that does (the test above the
    # section); a malformed one is refused whether or not a record has a similar reference.
    login(Role.POLICE)
    case = CaseFactory()
    VictimFactory(reference="V-2026-0008")
    response = client.post(request_victim_url(case), {"reference": "V-2026-008", "reason": REASON})
    assert "These references look like" in response.context["form"].errors["reference"][0]
    assert not LinkRequest.objects.exists()


def test_the_migration_keeps_only_the_length_of_what_was_not_a_reference():
    migration = import_module("cases.migrations.0007_linkrequest_malformed_references_redacted")
    case, victim = CaseFactory(), VictimFactory()
    police, worker = UserFactory(role=Role.POLICE), UserFactory(role=Role.SOCIAL_WORKER)
    typed = {"Olga Díaz": "victim_to_case", "V-2020-0001": "victim_to_case", "C-2020-001": "case_to_victim"}
    for reference, direction in typed.items():
        LinkRequest.objects.create(
            direction=direction,
            case=case if direction == "victim_to_case" else None,
            victim=victim if direction == "case_to_victim" else None,
            typed_reference=reference,
            reason=REASON,
            requested_by=police if direction == "victim_to_case" else worker,
        )
    migration.redact(apps, None)
    assert list(LinkRequest.objects.order_by("id").values_list("typed_reference", flat=True)) == [
        "(not a reference: 9 characters)",
        "V-2020-0001",
        "C-2020-001",
    ]
