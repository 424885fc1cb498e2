"""roles.md: every response that shows a victim's name adds an audit row naming the victims
shown (issue 8, point 5). Every URL of the application is classified below, so that a new page
must say whether it shows a name."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from atip.models import AuditEvent
from atip.roles import Role
from casework.services import review_add
from tests.casework import factories as casework
from tests.factories import (
    CaseFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    UserFactory,
    VictimFactory,
)

pytestmark = pytest.mark.django_db
SW, SU, PO = Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.POLICE


def _victim_page(name, role=SW):
    def build():
        victim = VictimFactory()
        return role, reverse(name, args=[victim.pk]), victim

    return build


def _episode_page(name):
    def build():
        episode = ServiceEpisodeFactory()
        return SW, reverse(name, args=[episode.pk]), episode.victim

    return build


def _repatriation_edit():
    repatriation = RepatriationFactory()
    return SW, reverse("services:repatriation_edit", args=[repatriation.pk]), repatriation.victim


def _review(victim):
    plan = casework.plan(victim)
    data = {
        "reviewed_on": plan.made_on,
        "participants": "x",
        "changes": "y",
        "next_review_on": plan.next_review_on,
    }
    return review_add(plan=plan, by=None, data=data)


def _victim_list():
    return SW, reverse("victims:list"), VictimFactory()


def _victim_search():
    victim = VictimFactory(given_name="Marisol")
    return SW, reverse("victims:list") + "?q=Marisol", victim


def _home():
    return SW, reverse("home"), VictimFactory()  # presumed: listed as awaiting a decision


def _casework_page(name, record, role=SW):
    """A casework page (issue 10) of a record of the victim's, seen by a social worker (or `role`);
    `record` gives the URL's argument, or a list of them."""

    def build():
        victim = VictimFactory()
        args = record(victim)
        return role, reverse(name, args=args if isinstance(args, list) else [args]), victim

    return build


def _worklist():
    victim = VictimFactory()
    casework.plan(victim)  # its first review, in 2020, is overdue
    return SW, reverse("casework:worklist", args=["reviews-overdue"]), victim


def _worklists():
    """The whole worklist of the Department: a person whose care-plan review is overdue."""
    victim = VictimFactory()
    casework.plan(victim)
    return SW, reverse("casework:worklists") + "?caseload=all", victim


def _possible_duplicates():
    first = VictimFactory(given_name="Olga", family_name="Díaz")
    VictimFactory(given_name="Olga", family_name="Diaz")
    return SW, reverse("victims:duplicates"), first


def _case_page():
    victim = VictimFactory()
    return PO, reverse("cases:detail", args=[CaseFactory(victims=[victim]).pk]), victim


def _own_note_page():
    """A note's correction page, opened by its author alone: the builder names the user to log in
    as (a fourth item; the other builders' user is made anew for the role)."""
    victim = VictimFactory()
    note = casework.note(victim, by=UserFactory(username="note.author"))
    return SW, reverse("casework:note_correct", args=[note.pk]), victim, "note.author"


# URL name -> builder of (role, URL, a victim whose name the page shows).
SHOWS_NAMES = {
    "victims:list": _victim_list,
    "victims:detail": _victim_page("victims:detail"),
    "victims:edit": _victim_page("victims:edit"),
    "victims:decide": _victim_page("victims:decide"),
    "victims:duplicates": _possible_duplicates,
    "services:victim": _victim_page("services:victim"),
    "services:create": _victim_page("services:create"),
    "services:repatriation_create": _victim_page("services:repatriation_create"),
    "services:edit": _episode_page("services:edit"),
    "services:close": _episode_page("services:close"),
    "services:repatriation_edit": _repatriation_edit,
    "cases:request_case": _victim_page("cases:request_case"),
    "cases:detail": _case_page,
    "home": _home,
    "casework:consent_create": _casework_page("casework:consent_create", lambda v: v.pk),
    "casework:consent_edit": _casework_page("casework:consent_edit", lambda v: casework.consent(v).pk),
    "casework:consent_withdraw": _casework_page(
        "casework:consent_withdraw", lambda v: casework.consent(v).pk
    ),
    "casework:assessment_create": _casework_page("casework:assessment_create", lambda v: v.pk),
    "casework:assessment_edit": _casework_page(
        "casework:assessment_edit", lambda v: casework.assessment(v).pk
    ),
    "casework:plan_create": _casework_page("casework:plan_create", lambda v: v.pk),
    "casework:plan_edit": _casework_page("casework:plan_edit", lambda v: casework.plan(v).pk),
    "casework:goal_create": _casework_page("casework:goal_create", lambda v: casework.plan(v).pk),
    "casework:goal_edit": _casework_page("casework:goal_edit", lambda v: casework.goal(casework.plan(v)).pk),
    "casework:review_create": _casework_page("casework:review_create", lambda v: casework.plan(v).pk),
    "casework:review_edit": _casework_page("casework:review_edit", lambda v: _review(v).pk),
    "casework:referral_create": _casework_page("casework:referral_create", lambda v: v.pk),
    "casework:referral_status": _casework_page("casework:referral_status", lambda v: casework.referral(v).pk),
    # Police read it by reference until the person is linked; a social worker reads the name.
    "casework:police_referral": _casework_page(
        "casework:police_referral", lambda v: casework.referral(v, agency="atips_police").pk
    ),
    "casework:presumed_referral": _casework_page("casework:presumed_referral", lambda v: v.pk),
    "casework:summary": _casework_page("casework:summary", lambda v: v.pk),
    "casework:worklist": _worklist,
    "casework:worklists": _worklists,
    # Closures and returns (issue 20.4, 20.5): a supervisor decides a closure another worker asked.
    "casework:closure_create": _casework_page("casework:closure_create", lambda v: v.pk),
    "casework:closure_decide": _casework_page(
        "casework:closure_decide", lambda v: casework.closure(v).pk, SU
    ),
    "casework:closure_reopen": _casework_page(
        "casework:closure_reopen", lambda v: casework.closure(v, approve_by=UserFactory(role=SU)).pk
    ),
    "casework:return_assessment": _casework_page(
        "casework:return_assessment",
        lambda v: RepatriationFactory(victim=v, status="planned", return_date=None).pk,
    ),
    "casework:follow_up_create": _casework_page(
        "casework:follow_up_create", lambda v: [RepatriationFactory(victim=v).pk, 3]
    ),
    # Contact notes and documents (issue 20): what a note says is audited as the name is.
    "casework:notes": _casework_page("casework:notes", lambda v: casework.note(v).victim_id),
    "casework:note_create": _casework_page("casework:note_create", lambda v: v.pk),
    "casework:note": _casework_page("casework:note", lambda v: casework.note(v).pk),
    "casework:note_correct": _own_note_page,
    "casework:document_create": _casework_page("casework:document_create", lambda v: v.pk),
    "casework:document_share": _casework_page("casework:document_share", lambda v: casework.document(v).pk),
    "casework:document_archive": _casework_page(
        "casework:document_archive", lambda v: casework.document(v).pk
    ),
}
SEARCHES = {"victims:list (search)": _victim_search}
# Pages that show no victim's name (references at most), or only take a POST.
NO_NAMES = {
    "accounts:undertaking",  # the Council's text, and the user's acceptance
    "accounts:undertaking_edit",
    "incidents",  # the administrators' register of security incidents: no person's record
    "incident_edit",
    "prosecutions:hearing_edit",  # the hearing: date, court, what happened
    "reports:performance",  # aggregates only
    "reports:factsheet_texts",  # the Council's texts of a year's factsheet
    "reports:person_level_archive",  # pseudonymous (HTCDS): no name; the export is audited
    "reports:person_level_archive_file",
    "victims:subject_access",  # the form shows no name; the copy itself is audited as an export
    "login",
    "logout",
    "audit_log",
    "keep_alive",
    "accounts:backup_codes",
    "accounts:change",
    "accounts:create",
    "accounts:deactivate",
    "accounts:detail",
    "accounts:edit",
    "accounts:list",
    "accounts:language",  # POST only, then a redirect
    "accounts:login_code",
    "accounts:password_done",
    "accounts:password_link",
    "accounts:password_set",
    "accounts:reactivate",
    "accounts:reset_two_factor",
    "accounts:role",
    "accounts:unlock",  # POST only, then a redirect
    "accounts:two_factor",  # staff accounts: no victim data
    "victims:create",  # an empty form; a POST audits the likely matches it shows (test_registration_check.py)
    "victims:archive",  # POST only, then a redirect
    "victims:mark_duplicate",  # POST only, then a redirect
    "victims:distinct",  # POST only, then a redirect
    "victims:assign",  # the person by reference; the workers' names, no victim's
    "victims:retention_hold",  # the person by reference
    "cases:list",
    "cases:create",
    "cases:edit",
    "cases:status",
    "cases:suspect_create",
    "cases:suspect_edit",
    "cases:register_victim",  # an empty form, no likely matches shown; the new person is audited
    "cases:request_victim",
    "cases:decide_request",  # references only
    "cases:unlink_victim",  # POST only
    "prosecutions:list",
    "prosecutions:detail",
    "prosecutions:create",
    "prosecutions:edit",
    "prosecutions:hearing_create",
    "prosecutions:charge_create",
    "prosecutions:charge_edit",
    "prevention:list",
    "prevention:detail",
    "prevention:create",
    "prevention:edit",
    "reports:annual",
    "reports:export",
    "reports:publish",  # POST only, then a redirect
    "reports:edition",  # a stored edition's PDF or figures: aggregates
    "reports:unodc",  # aggregates: counts by sex, age, form and citizenship
    "reports:person_level",  # counts of records only
    "reports:person_level_file",  # de-identified rows: no name, date of birth or reference
    "casework:document_download",  # a file; audited as an export naming the document and its person
    "casework:document_unshare",  # POST only, then a redirect
    "casework:plan_approve",  # POST only, then a redirect
}


def _url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the emergency superuser's admin site: no case data registered
            yield from _url_names(
                pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_url_is_classified():
    assert set(_url_names()) == set(SHOWS_NAMES) | NO_NAMES


@pytest.mark.parametrize("name", sorted({**SHOWS_NAMES, **SEARCHES}))
def test_a_page_showing_a_name_audits_it(client, name):
    role, url, victim, *author = {**SHOWS_NAMES, **SEARCHES}[name]()
    user = get_user_model().objects.get(username=author[0]) if author else UserFactory(role=role)
    client.force_login(user)
    before = AuditEvent.objects.filter(action="view", object_type="victim", object_id=str(victim.pk)).count()
    response = client.get(url)
    assert response.status_code == 200
    assert victim.full_name in response.content.decode() or victim.reference in response.content.decode()
    rows = AuditEvent.objects.filter(action="view", object_type="victim", object_id=str(victim.pk), user=user)
    assert rows.count() == before + 1
