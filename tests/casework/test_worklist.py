"""The social worker's worklist on the home page (issue 10, point 1), its lists, the victim
list's new filters, and the accept / decline of a presumed victim referred by the police."""

import datetime
import types

import pytest
from django.urls import reverse

import atip.cached
from atip.models import AuditEvent
from atip.roles import Role
from cases.services import case_register_presumed_victim
from casework.worklist import CASELOAD_SECONDS, HOME_ROWS
from tests.casework import factories as make
from tests.factories import CaseFactory, ServiceEpisodeFactory, UserFactory, VictimFactory
from victims.models import IdentificationStatus, Victim

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
HOME = reverse("home")


def worklist(client) -> dict:
    panels = client.get(HOME).context["panels"]
    return next(p for p in panels if p["template"] == "casework/_worklist.html")


def referred_by_police(registered_on, **fields):
    """A presumed victim the police registered from their case."""
    return case_register_presumed_victim(
        case=CaseFactory(reported_on=datetime.date(2020, 1, 1)),
        by=UserFactory(role=Role.POLICE),
        data={
            "given_name": "Ana",
            "family_name": "Coc",
            "sex": "female",
            "registered_on": registered_on,
            **fields,
        },
    )


def figures(panel) -> dict:
    return {f.label: (f.n, f.url) for f in panel["figures"]}


def test_it_lists_what_waits_oldest_first_with_days_waiting(client, login, today, settings):
    settings.CASEWORK_OVERDUE_DAYS = 10
    login()
    recent = referred_by_police(today - 10 * DAY)
    old = referred_by_police(today - 11 * DAY)
    referral = make.referral(VictimFactory(), referred_on=today - 3 * DAY)
    VictimFactory()  # registered by a social worker: not a police referral
    panel = worklist(client)
    assert [(i.victim, i.days, i.overdue) for i in panel["waiting"]] == [
        (old, 11, True),
        (recent, 10, False),  # overdue only past the setting
        (referral.victim, 3, False),
    ]
    body = client.get(HOME).content.decode()
    assert '11 days <span class="badge text-bg-danger">overdue' in body
    assert reverse("casework:presumed_referral", args=[old.pk]) in body


def test_the_overdue_limit_is_a_setting(client, login, today, settings):
    settings.CASEWORK_OVERDUE_DAYS = 2
    login()
    make.referral(VictimFactory(), referred_on=today - 3 * DAY)
    assert [i.overdue for i in worklist(client)["waiting"]] == [True]


def test_it_lists_what_is_due_and_counts_it(client, login, today):
    login()
    overdue = VictimFactory(given_name="Overdue")
    make.plan(overdue, next_review_on=today - DAY)
    due = VictimFactory(given_name="Due")
    goal = make.goal(make.plan(due, next_review_on=today + 6 * DAY), target_on=today - DAY)
    later = VictimFactory(given_name="Later")
    make.plan(later, next_review_on=today + 7 * DAY)
    expiring = make.consent(VictimFactory(), expires_on=today + 30 * DAY)
    make.consent(VictimFactory(), expires_on=today + 31 * DAY)  # not yet
    panel = worklist(client)
    assert [(i.victim.given_name, i.what.split(":")[0]) for i in panel["due"]] == [
        ("Overdue", "Care-plan review overdue"),
        ("Due", "Goal past its target date"),
        ("Due", "Care-plan review due"),
        (expiring.victim.given_name, "Consent expiring"),
    ]
    counted = figures(panel)
    # She holds no case yet: her worklist is the Department's, and so are the lists it links to.
    assert counted["with a review overdue"] == (
        1,
        reverse("victims:list") + "?caseload=all&review_overdue=true",
    )
    assert counted["care-plan reviews due this week"][0] == 1
    assert counted["goals past their target date"] == (
        1,
        reverse("casework:worklist", args=["goals-past-target"]) + "?caseload=all",
    )
    assert counted["consents expiring within 30 days"][0] == 1
    assert goal.plan.victim == due


def test_every_count_links_to_a_list_of_exactly_what_it_counts(client, login, today):
    login()
    in_care = VictimFactory(given_name="Incare")
    ServiceEpisodeFactory(victim=in_care, service_type="medical", start_date=today - DAY)
    stay = VictimFactory(given_name="Staying")
    ServiceEpisodeFactory(victim=stay, start_date=today - 5 * DAY)  # a shelter, open
    ServiceEpisodeFactory(victim=stay, start_date=today - 5 * DAY, service_type="foster_care")  # counted once
    ended = VictimFactory(given_name="Ended")
    ServiceEpisodeFactory(victim=ended, start_date=today - 9 * DAY, end_date=today - DAY)
    make.plan(VictimFactory(given_name="Overdue"), next_review_on=today - DAY)
    make.plan(VictimFactory(given_name="Due"), next_review_on=today)
    make.goal(
        make.plan(VictimFactory(given_name="Goal"), next_review_on=today + 20 * DAY), target_on=today - DAY
    )
    make.consent(VictimFactory(given_name="Expiring"), expires_on=today)
    make.referral(VictimFactory(given_name="Referred"))
    referred_by_police(today, given_name="Policeref")
    for figure in worklist(client)["figures"]:
        n, label, url = figure.n, figure.label, figure.url
        response = client.get(url)
        assert response.status_code == 200, url
        if "/victims/" in url:
            listed = list(response.context["page"])
        else:
            listed = [item.victim for item in response.context["items"]]
        assert len(listed) == n, label
    listed = {
        q: [v.given_name for v in client.get(reverse("victims:list") + q).context["page"]]
        for q in ("?in_care=true", "?open_stay=true", "?review_overdue=true", "?open_stay=false")
    }
    assert sorted(listed["?in_care=true"]) == ["Incare", "Staying"]
    assert listed["?open_stay=true"] == ["Staying"]
    assert listed["?review_overdue=true"] == ["Overdue"]
    assert "Staying" not in listed["?open_stay=false"] and "Ended" in listed["?open_stay=false"]


@pytest.mark.parametrize("n", [HOME_ROWS - 1, HOME_ROWS, HOME_ROWS + 2])
def test_a_list_is_counted_past_the_rows_the_home_shows(client, login, today, n):
    login()
    for _ in range(n):
        make.consent(VictimFactory(), expires_on=today)
    panel = worklist(client)
    count = next(f.n for f in panel["figures"] if "consents expiring" in f.label)
    assert count == n
    assert len([item for item in panel["due"] if "onsent" in item.what]) == min(n, HOME_ROWS)


def test_a_long_list_s_count_is_kept_a_minute_as_the_caseload_figures_are(client, login, today, monkeypatch):
    # A whole Department's list of follow-ups due runs to thousands: its count is not made again
    # for each home page within a minute (a short list is counted from its rows, always exact).
    clock = types.SimpleNamespace(now=1_000_000.0)
    monkeypatch.setattr(atip.cached, "time", types.SimpleNamespace(time=lambda: clock.now))
    login()
    for _ in range(HOME_ROWS + 2):
        make.consent(VictimFactory(), expires_on=today)

    def counted():
        return next(f.n for f in worklist(client)["figures"] if "consents expiring" in f.label)

    assert counted() == HOME_ROWS + 2
    make.consent(VictimFactory(), expires_on=today)
    assert counted() == HOME_ROWS + 2
    clock.now += CASELOAD_SECONDS
    assert counted() == HOME_ROWS + 3


def test_archived_people_leave_the_worklist(client, login, today):
    login()
    victim = VictimFactory()
    make.plan(victim, next_review_on=today - DAY)
    victim.archived_at = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    victim.save()
    panel = worklist(client)
    assert panel["due"] == [] and figures(panel)["with a review overdue"][0] == 0


def test_the_names_it_shows_are_audited(client, login, today):
    user = login()
    victim = referred_by_police(today)
    client.get(HOME)
    assert AuditEvent.objects.filter(
        action="view", object_id=str(victim.pk), user=user, detail="home page"
    ).exists()


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR])
def test_other_roles_have_no_worklist(client, login, today, role):
    login(role)
    make.plan(VictimFactory(given_name="Rosalinda"), next_review_on=today - DAY)
    response = client.get(HOME)
    assert all(p["template"] != "casework/_worklist.html" for p in response.context["panels"])
    assert "Rosalinda" not in response.content.decode()
    assert client.get(reverse("casework:worklist", args=["reviews-overdue"])).status_code == 404


def test_a_worklist_page_lists_every_row_and_refuses_unknown_kinds(client, login, today):
    login()
    for n in range(3):
        make.goal(make.plan(VictimFactory(), next_review_on=today), target_on=today - (n + 1) * DAY)
    response = client.get(reverse("casework:worklist", args=["goals-past-target"]))
    assert [i.days for i in response.context["items"]] == [3, 2, 1]  # the longest past first
    assert client.get(reverse("casework:worklist", args=["everything"])).status_code == 404
    assert client.post(reverse("casework:worklist", args=["goals-past-target"])).status_code == 405


# --- Accept (identify) or decline (screen out) a presumed victim referred by the police ------------


def presumed_url(victim):
    return reverse("casework:presumed_referral", args=[victim.pk])


def test_accepting_identifies_the_person(client, login, today):
    user = login()
    victim = referred_by_police(today - 3 * DAY)
    page = client.get(presumed_url(victim)).content.decode()
    assert "Ana Coc" in page and "Referred from case" in page
    response = client.post(
        presumed_url(victim),
        {"decision": "accept", "decided_on": "2025-03-12", "identified_by": "human_services"},
    )
    assert response.url == victim.get_absolute_url()
    victim.refresh_from_db()
    assert (victim.identification_status, victim.identification_date) == ("identified", today)
    assert victim.decisions.first().recorded_by == user
    assert worklist(client)["waiting"] == []


def test_declining_screens_the_person_out_with_a_reason(client, login, today):
    login()
    victim = referred_by_police(today - 3 * DAY)
    response = client.post(presumed_url(victim), {"decision": "decline", "decided_on": "2025-03-12"})
    assert "Say why" in " ".join(response.context["form"].errors["note"])
    client.post(
        presumed_url(victim), {"decision": "decline", "decided_on": "2025-03-12", "note": "No indicators."}
    )
    victim.refresh_from_db()
    assert victim.identification_status == IdentificationStatus.NOT_VICTIM
    assert victim.decisions.first().note == "No indicators."
    again = client.post(presumed_url(victim), {"decision": "accept", "decided_on": "2025-03-12"})
    assert "already taken" in str(again.context["form"].non_field_errors())


def test_accepting_needs_the_institution_and_a_date_after_the_referral(client, login, today):
    login()
    victim = referred_by_police(today - 3 * DAY)
    response = client.post(
        presumed_url(victim), {"decision": "accept", "decided_on": "2025-03-01", "identified_by": ""}
    )
    errors = response.context["form"].errors
    assert (
        "which institution" in errors["identified_by"][0]
        and "before the date of the current decision" in errors["decided_on"][0]
    )


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR])
def test_the_police_cannot_decide_on_their_own_referral(client, login, today, role):
    login(role)
    victim = referred_by_police(today - 3 * DAY)
    expected = 403 if role == Role.POLICE else 404  # the police see the person they brought in
    assert (
        client.post(presumed_url(victim), {"decision": "accept", "decided_on": "2025-03-12"}).status_code
        == expected
    )
    victim.refresh_from_db()
    assert victim.identification_status == "presumed"


def test_the_home_counts_the_caseload_awaiting_and_identified(client, login):
    login(Role.SOCIAL_WORKER)
    for _ in range(3):
        VictimFactory()  # presumed
    archived = VictimFactory()
    Victim.objects.filter(pk=archived.pk).update(
        archived_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )
    VictimFactory(status="identified", identification_date=datetime.date(2024, 1, 1))
    VictimFactory(status="not_victim")
    context = client.get(HOME).context
    assert (context["awaiting_count"], context["identified_count"]) == (3, 1)


def test_the_caseload_counts_are_kept_a_minute_a_short_awaiting_list_is_counted_exactly(
    client, login, monkeypatch
):
    clock = types.SimpleNamespace(now=1_000_000.0)
    monkeypatch.setattr(atip.cached, "time", types.SimpleNamespace(time=lambda: clock.now))
    login(Role.SOCIAL_WORKER)
    VictimFactory(status="identified", identification_date=datetime.date(2024, 1, 1))
    assert client.get(HOME).context["identified_count"] == 1
    VictimFactory()  # presumed: the short list shown counts it at once
    VictimFactory(status="identified", identification_date=datetime.date(2024, 1, 1))
    context = client.get(HOME).context
    assert (context["awaiting_count"], context["identified_count"]) == (1, 1)
    clock.now += CASELOAD_SECONDS
    assert client.get(HOME).context["identified_count"] == 2


# --- Issue 21, item 8: her own referral to the police is not a referral from the police ----------


def test_her_own_referral_accepted_by_the_police_is_not_a_police_referral(client, login, today):
    worker = login()
    victim = VictimFactory(created_by=worker, registered_on=today - 5 * DAY)
    referral = make.referral(victim, by=worker, agency="atips_police", referred_on=today - 4 * DAY)
    officer = UserFactory(role=Role.POLICE)
    client.force_login(officer)
    client.post(
        reverse("casework:police_referral", args=[referral.pk]),
        {"version": referral.version, "decision": "accept_new", "district": "cayo"},
    )
    assert victim.case_links.exists()  # listed in the police's new case, by her
    client.force_login(worker)
    panel = worklist(client)
    assert [i.victim for i in panel["waiting"]] == []
    assert figures(panel)["presumed victims referred by the police"][0] == 0
    page = client.get(reverse("casework:worklist", args=["police-referrals"])).content.decode()
    assert victim.reference not in page
    home = client.get(HOME).content.decode()
    assert "Referrals awaiting an identification decision" not in home
    assert "Awaiting identification" in home and victim.reference in home  # still waits for a decision
