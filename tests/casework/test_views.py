"""Every casework page: who may open it (roles.md: casework is the social workers'; the police
unit reads the referrals made to it), which methods it takes, and a query count that does not
grow with the rows it shows."""

import datetime

import pytest
from django.urls import reverse

from atip.services import model_save
from cases.services import case_register_presumed_victim
from casework.referrals import referral_set_status
from casework.services import consent_withdraw, goal_save, review_add
from casework.urls import urlpatterns
from tests.casework import factories as make
from tests.factories import (
    AD,
    PO,
    PR,
    SE,
    SU,
    SW,
    CaseFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    UserFactory,
    VictimFactory,
)
from tests.test_query_counts import queries_with

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _victim():
    return VictimFactory(given_name="Rosalinda")


def _consent():
    return make.consent(_victim())


def _plan():
    return make.plan(_victim())


def _review():
    plan = _plan()
    return review_add(
        plan=plan,
        by=UserFactory(),
        data={
            "reviewed_on": plan.made_on,
            "participants": "M. Pop",
            "changes": "—",
            "next_review_on": plan.made_on + DAY,
        },
    )


def _own_note():
    """A note by the user who logs in next (the test's `login`): the latest user made."""
    from django.contrib.auth import get_user_model

    return make.note(_victim(), by=get_user_model().objects.order_by("-pk").first())


def _share():
    """A share in force of a document with a case that lists its person (and is prosecuted)."""
    from casework.document_services import document_share
    from tests.factories import ProsecutionFactory

    victim = _victim()
    case = CaseFactory(victims=[victim])
    ProsecutionFactory(case=case)
    return document_share(document=make.document(victim), case=case, by=UserFactory(), reason="Evidence.")


def _closed():
    """A case closed (asked for by one worker, approved by a supervisor): it may be reopened."""
    return make.closure(_victim(), approve_by=UserFactory(role=SU))


def _return(**fields):
    return RepatriationFactory(victim=_victim(), **fields)


def _presumed():
    return case_register_presumed_victim(
        case=CaseFactory(),
        by=UserFactory(role=PO),
        data={"given_name": "Rosalinda", "sex": "female", "registered_on": datetime.date(2025, 3, 1)},
    )


# URL name -> a function building the record and returning the URL's arguments.
PAGES = {
    "casework:consent_create": lambda: [_victim().pk],
    "casework:consent_edit": lambda: [_consent().pk],
    "casework:consent_withdraw": lambda: [_consent().pk],
    "casework:assessment_create": lambda: [_victim().pk],
    "casework:assessment_edit": lambda: [make.assessment(_victim()).pk],
    "casework:plan_create": lambda: [_victim().pk],
    "casework:plan_edit": lambda: [_plan().pk],
    "casework:goal_create": lambda: [_plan().pk],
    "casework:goal_edit": lambda: [make.goal(_plan()).pk],
    "casework:review_create": lambda: [_plan().pk],
    "casework:review_edit": lambda: [_review().pk],
    "casework:referral_create": lambda: [_victim().pk],
    "casework:referral_status": lambda: [make.referral(_victim()).pk],
    "casework:police_referral": lambda: [make.referral(_victim(), agency="atips_police").pk],
    "casework:presumed_referral": lambda: [_presumed().pk],
    "casework:summary": lambda: [_victim().pk],
    "casework:worklist": lambda: ["reviews-overdue"],
    # Contact notes and documents (issue 20).
    "casework:notes": lambda: [_victim().pk],
    "casework:note_create": lambda: [_victim().pk],
    "casework:note": lambda: [make.note(_victim()).pk],
    "casework:note_correct": lambda: [_own_note().pk],
    "casework:document_create": lambda: [_victim().pk],
    "casework:document_download": lambda: [make.document(_victim()).pk],
    "casework:document_share": lambda: [make.document(_victim()).pk],
    "casework:document_archive": lambda: [make.document(_victim()).pk],
    "casework:document_unshare": lambda: [_share().pk],
    # Caseloads, closures and returns (issue 20.1, 20.4, 20.5); the worklist's e-mail setting (20.6).
    "casework:worklists": lambda: [],
    "casework:closure_create": lambda: [_victim().pk],
    "casework:closure_decide": lambda: [make.closure(_victim()).pk],
    "casework:closure_reopen": lambda: [_closed().pk],
    "casework:plan_approve": lambda: [_plan().pk],
    "casework:return_assessment": lambda: [_return(status="planned", return_date=None).pk],
    "casework:follow_up_create": lambda: [_return().pk, 3],
}
GET_ONLY = {
    "casework:summary",
    "casework:worklist",
    "casework:notes",
    "casework:note",
    "casework:document_download",
}
POST_ONLY = {"casework:document_unshare", "casework:plan_approve"}
# Who opens each page (GET), when it is not "social workers only": 404 for the others.
OPENS = {
    # Unsharing (POST): done and sent back; the police and prosecutors read the shared document,
    # so they may not know less than that it is there (403).
    "casework:document_unshare": {SW: 302, PO: 403, PR: 403},
    "casework:police_referral": {SW: 200, PO: 200},
    # The police see the person they registered from their case, but do not decide on it.
    "casework:presumed_referral": {SW: 200, PO: 403},
    # A worker sees a closure or a plan waiting (on the person's page); a supervisor decides.
    "casework:closure_decide": {SW: 403, SU: 200},
    "casework:plan_approve": {SW: 403, SU: 302},
}


def answer(name, role) -> int:
    """What `role` gets; a supervisor, who has every ability of a social worker (roles.md), the
    social worker's answer unless OPENS says otherwise."""
    row = OPENS.get(name, {SW: 200})
    return row.get(role, row.get(SW, 404) if role == SU else 404)


def test_every_page_is_in_this_table():
    assert {f"casework:{p.name}" for p in urlpatterns} == set(PAGES)


CELLS = [
    pytest.param(name, role, answer(name, role), id=f"{name.split(':')[1]}-{role}")
    for name in PAGES
    for role in (SW, SU, PO, PR, SE, AD)
]


def ask(client, name, url):
    """GET a page; POST an action that takes POST only."""
    return client.post(url) if name in POST_ONLY else client.get(url)


@pytest.mark.parametrize("name, role, expected", CELLS)
def test_each_role_gets_what_roles_md_grants(client, login, today, name, role, expected):
    login(role)
    response = ask(client, name, reverse(name, args=PAGES[name]()))
    assert response.status_code == expected
    if expected == 404:
        assert "Rosalinda" not in response.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_it_rejects_other_methods(client, login, today, name):
    login()
    url = reverse(name, args=PAGES[name]())
    assert client.put(url).status_code == 405
    assert client.delete(url).status_code == 405
    if name in GET_ONLY:
        assert client.post(url).status_code == 405
    if name in POST_ONLY:
        assert client.get(url).status_code == 405


@pytest.mark.parametrize("name", PAGES)
def test_it_requires_login(client, today, name):
    response = ask(client, name, reverse(name, args=PAGES[name]()))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["casework:consent_edit", "casework:goal_edit", "casework:referral_status"])
def test_no_such_record_is_404(client, login, today, name):
    login()
    assert client.get(reverse(name, args=[987654])).status_code == 404


# --- Query counts ---------------------------------------------------------------------------------


def _full_casework(victim, n, today):
    """n rows of every kind on one person's record, each by its own user, some edited."""
    for i in range(n):
        consent = make.consent(victim, by=UserFactory(), agency="ngo", agency_name=f"NGO {i}")
        consent_withdraw(consent=consent, by=UserFactory(), on=today, expected_version=consent.version)
        make.assessment(victim, by=UserFactory())
        make.referral(victim, by=UserFactory(), agency="ngo", agency_name=f"NGO {i}")
        ServiceEpisodeFactory(victim=victim)
        author = UserFactory()
        note = make.note(victim, by=author, restricted=bool(i % 2))
        make.document(victim, by=UserFactory(), consent=consent)
        make.document(victim, by=author, note=note)
    plan = make.plan(victim, next_review_on=today - DAY)
    for i in range(n):
        goal = make.goal(plan, by=UserFactory(), target_on=today - DAY)
        goal_save(
            goal=goal, by=UserFactory(), data={"status_note": f"Note {i}"}, expected_version=goal.version
        )
        review_add(
            plan=plan,
            by=UserFactory(),
            data={
                "reviewed_on": plan.made_on + i * DAY,
                "participants": "x",
                "changes": "y",
                "next_review_on": today,
            },
        )
    return plan


def victim_page(n, today):
    victim = VictimFactory()
    _full_casework(victim, n, today)
    return reverse("victims:detail", args=[victim.pk])


def summary_page(n, today):
    victim = VictimFactory()
    _full_casework(victim, n, today)
    return reverse("casework:summary", args=[victim.pk])


def social_worker_home(n, today):
    for i in range(n):
        _full_casework(VictimFactory(), 1, today)
        _presumed()
        make.consent(VictimFactory(), expires_on=today + i * DAY)
    return reverse("home")


def worklist_page(n, today):
    for _ in range(n):
        make.referral(VictimFactory())
    return reverse("casework:worklist", args=["referrals-waiting"])


def referral_page(n, today):
    referral = make.referral(VictimFactory())
    referral_set_status(referral=referral, by=UserFactory(), status="accepted", on=today, expected_version=1)
    for i in range(n):  # previous versions: corrections by several users
        referral.refresh_from_db()
        model_save(
            referral,
            fields=["shared"],
            data={"shared": f"v{i}"},
            by=UserFactory(),
            expected_version=referral.version,
        )
    return reverse("casework:referral_status", args=[referral.pk])


def police_home(n, today):
    for _ in range(n):
        make.referral(VictimFactory(), agency="atips_police")
    return reverse("home")


QUERY_PAGES = {
    "victim-page": (SW, victim_page),
    "summary": (SW, summary_page),
    "home-social_worker": (SW, social_worker_home),
    "worklist": (SW, worklist_page),
    "referral": (SW, referral_page),
    "home-police": (PO, police_home),
}


@pytest.mark.parametrize("page_name", QUERY_PAGES)
def test_query_count_does_not_grow_with_rows(client, login, today, page_name):
    role, build = QUERY_PAGES[page_name]
    login(role)
    few = queries_with(client, lambda n: build(n, today), 2)
    many = queries_with(client, lambda n: build(n, today), 8)
    assert few == many, f"{page_name}: {few} queries with 2 rows of each kind, {many} with 8"


def test_the_worklist_page_takes_a_fixed_number_of_queries(client, login, today, django_assert_num_queries):
    login()
    for _ in range(5):
        make.referral(VictimFactory())
    url = reverse("casework:worklist", args=["referrals-waiting"])
    client.get(url)  # the session is read once and cached from the first request on
    # Expect 11 queries: the request's savepoint and its release (ATOMIC_REQUESTS); session,
    # user, the user's groups (role); whether she holds a case (her caseload, or the Department's
    # when she holds none: victims.caseload.caseload_scope); the paginator's count, the page's
    # rows with their victims; the audit rows of the names shown (appended to the chain: lock
    # the head, one INSERT, move the head). The session is not saved: the page before moved its
    # expiry on less than a minute ago (accounts.sessions).
    with django_assert_num_queries(11):
        client.get(url)


def test_the_summary_takes_a_fixed_number_of_queries(client, login, today, django_assert_num_queries):
    login()
    victim = VictimFactory()
    _full_casework(victim, 3, today)
    url = reverse("casework:summary", args=[victim.pk])
    client.get(url)
    # Expect 27 queries: savepoint and release; session, user, groups; the victim; its VIEW and
    # EXPORT audit rows (each appended to the chain: lock the head, INSERT, move the head); plans,
    # their goals, their reviews; consents (with "counts"), assessments, referrals, services;
    # decisions, forms of exploitation, repatriations, cases; contact notes with their authors,
    # documents with what they are attached to, the shares in force of those; the stay open today
    # (the shelter / current location). The session is not saved (accounts.sessions).
    with django_assert_num_queries(27):
        client.get(url)


@pytest.mark.parametrize(
    "name, field",
    [
        ("casework:consent_create", "decided_on"),
        ("casework:assessment_create", "assessed_on"),
        ("casework:plan_create", "made_on"),
        ("casework:review_create", "reviewed_on"),
        ("casework:referral_create", "referred_on"),
    ],
)
def test_a_new_record_starts_today(client, login, today, name, field):
    login()
    form = client.get(reverse(name, args=PAGES[name]())).context["form"]
    assert form[field].value() == today


def test_a_new_goal_is_the_departments_and_a_new_plan_answers_the_latest_assessment(client, login, today):
    login()
    victim = _victim()
    make.assessment(victim, assessed_on=datetime.date(2024, 1, 1))
    latest = make.assessment(victim, assessed_on=datetime.date(2025, 1, 1))
    form = client.get(reverse("casework:plan_create", args=[victim.pk])).context["form"]
    assert form["assessment"].value() == latest.pk
    goal = client.get(reverse("casework:goal_create", args=[make.plan(victim).pk])).context["form"]
    assert goal["agency"].value() == "human_services"
