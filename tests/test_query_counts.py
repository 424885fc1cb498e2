"""The project rule for pages that list records: the query count does not grow with the rows.

The list views have their own tests; these are the home and detail pages that list rows. Each
builder makes `n` rows of every kind its page lists (each by its own user where the page shows
who did something) and returns the page's URL. The page is rendered once with n=2 and once with
n=8, each time in a savepoint rolled back afterwards, and both renderings must take as many
queries.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import account_set_role
from atip.audit import Action, audit
from atip.roles import Role
from cases.services import case_set_status, case_update
from prosecutions.services import hearing_add, prosecution_update
from services.models import ServiceEpisode
from services.services import episode_save
from tests.factories import (
    ActivityFactory,
    CaseFactory,
    ChargeFactory,
    ProsecutionFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    SuspectFactory,
    UserFactory,
    VictimFactory,
)
from victims.services import victim_decide, victim_update

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
TODAY = datetime.date(2024, 1, 1)  # the test sets the clock to it
ENDED = datetime.date(2020, 4, 1)  # end date of a past service episode
FORMS = (["sexual"], ["sexual", "forced_labour"])  # alternated, so that each version changes the set


def social_worker_home(n):
    for _ in range(n):
        VictimFactory(created_by=UserFactory(role=Role.POLICE))  # a referral awaiting a decision
        ServiceEpisodeFactory(victim=VictimFactory(status="identified", registered_on=TODAY))
    return reverse("home")


def police_home(n):
    for _ in range(n):  # cases reported this year, each with a presumed victim
        CaseFactory(reported_on=TODAY, status="investigating", victims=[VictimFactory()])
    return reverse("home")


def prosecutor_home(n):
    for i in range(n):
        prosecution = ProsecutionFactory(filed_on=TODAY - 90 * DAY)
        ChargeFactory(prosecution=prosecution)  # pending
        ChargeFactory(prosecution=prosecution, outcome="convicted", verdict_date=TODAY)
        hearing_add(prosecution=prosecution, by=UserFactory(role=Role.PROSECUTOR), date=TODAY + i * DAY)
    return reverse("home")


def secretary_home(n):
    for _ in range(n):
        ActivityFactory(date=TODAY)
        ActivityFactory(date=TODAY, kind="campaign", direct=False)
        VictimFactory(registered_on=TODAY, sex="unknown", nationality="", date_of_birth=None)
    return reverse("home")


def administrator_home(n):
    for role in list(Role)[:n]:
        UserFactory(role=role)
    for i in range(n):
        audit(action=Action.DENIED, user=UserFactory(role=Role.POLICE), object_type="victims:detail")
        audit(action=Action.LOGIN_FAILED, detail=f"username: someone{i}")
        # Requests awaiting a second administrator, each by its own administrator (issue 21.10).
        account_set_role(
            by=UserFactory(role=Role.ADMINISTRATOR), account=UserFactory(role="secretary"), role="police"
        )
    return reverse("home")


def victim_detail(n):
    victim = VictimFactory(exploitation_forms=FORMS[0])
    for i in range(n):
        victim_decide(
            victim=victim,
            by=UserFactory(),
            status="identified" if i % 2 == 0 else "not_victim",
            decided_on=victim.registered_on + i * DAY,
            identified_by="police",
            note="Reviewed.",
        )
        ServiceEpisodeFactory(victim=victim, service_type="medical")  # current
        ServiceEpisodeFactory(victim=victim, service_type="legal", end_date=ENDED)  # past
        RepatriationFactory(victim=victim)
        ChargeFactory(prosecution=ProsecutionFactory(case=CaseFactory(victims=[victim])))
        audit(action=Action.VIEW, user=UserFactory(), obj=victim)  # a viewer
    for i in range(n):  # previous versions, each changing the forms too
        victim.refresh_from_db()
        victim_update(
            victim=victim,
            by=UserFactory(),
            data={"current_location": f"Shelter {i}", "exploitation_forms": FORMS[(i + 1) % 2]},
            expected_version=victim.version,
        )
    return reverse("victims:detail", args=[victim.pk])


def victim_services(n):
    victim = VictimFactory()
    for i in range(n):
        for end_date in (None, ENDED):  # current and past, each edited once (previous versions)
            episode = episode_save(
                episode=ServiceEpisode(victim=victim),
                by=UserFactory(),
                data={"service_type": "medical", "start_date": ENDED - 30 * DAY, "end_date": end_date},
            )
            episode_save(
                episode=episode, by=UserFactory(), data={"provider": i}, expected_version=episode.version
            )
    return reverse("services:victim", args=[victim.pk])


def case_detail(n):
    case = CaseFactory(victims=[VictimFactory() for _ in range(n)])
    case.exploitation_forms.set(FORMS[0])
    for i in range(n):
        case_set_status(
            case=case,
            by=UserFactory(role=Role.POLICE),
            status="investigating" if i % 2 == 0 else "reported",
            changed_on=case.reported_on + i * DAY,
            note="Reviewed.",
        )
        ChargeFactory(prosecution=ProsecutionFactory(case=case), suspect=SuspectFactory(case=case))
    for i in range(n):  # previous versions, each changing the forms too
        case.refresh_from_db()
        case_update(
            case=case,
            by=UserFactory(role=Role.POLICE),
            data={"summary": f"Report {i}.", "exploitation_forms": FORMS[(i + 1) % 2]},
            expected_version=case.version,
        )
    return reverse("cases:detail", args=[case.pk])


def prosecution_detail(n):
    prosecution = ProsecutionFactory()
    verdict = prosecution.filed_on + 30 * DAY
    for i in range(n):
        suspect = SuspectFactory(case=prosecution.case)
        ChargeFactory(prosecution=prosecution, suspect=suspect)
        ChargeFactory(prosecution=prosecution, suspect=suspect, outcome="acquitted", verdict_date=verdict)
        hearing_add(prosecution=prosecution, by=UserFactory(role=Role.PROSECUTOR), date=verdict + i * DAY)
    for i in range(n):  # previous versions
        prosecution.refresh_from_db()
        prosecution_update(
            prosecution=prosecution,
            by=UserFactory(role=Role.PROSECUTOR),
            data={"notes": f"Note {i}."},
            expected_version=prosecution.version,
        )
    return reverse("prosecutions:detail", args=[prosecution.pk])


# page name: (the role that uses the page, its builder)
PAGES = {
    "home-social_worker": (Role.SOCIAL_WORKER, social_worker_home),
    "home-police": (Role.POLICE, police_home),
    "home-prosecutor": (Role.PROSECUTOR, prosecutor_home),
    "home-secretary": (Role.SECRETARY, secretary_home),
    "home-administrator": (Role.ADMINISTRATOR, administrator_home),
    "victim-detail": (Role.SOCIAL_WORKER, victim_detail),
    "victim-services": (Role.SOCIAL_WORKER, victim_services),
    "case-detail-police": (Role.POLICE, case_detail),
    "case-detail-prosecutor": (Role.PROSECUTOR, case_detail),  # a prosecuted case
    "prosecution-detail": (Role.PROSECUTOR, prosecution_detail),
}


def queries_with(client, build, n) -> int:
    """The queries to render the page built with n rows of each kind; the rows are rolled back."""
    with transaction.atomic():
        url = build(n)
        cache.clear()  # counts kept a minute (e.g. in care today) are computed each time here
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        transaction.set_rollback(True)
    return len(queries)


# Not named "page": that is pytest-playwright's browser fixture.
@pytest.mark.parametrize("page_name", PAGES)
def test_query_count_does_not_grow_with_rows(client, login, freeze_clock, page_name):
    # The home pages list this year's rows: on 1 January, "this year" has just begun.
    freeze_clock(TODAY)
    role, build = PAGES[page_name]
    login(role)
    few, many = queries_with(client, build, 2), queries_with(client, build, 8)
    assert few == many, f"{page_name}: {few} queries with 2 rows of each kind, {many} with 8"
