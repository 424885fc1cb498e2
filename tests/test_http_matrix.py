"""Every URL of the project × every role: the answer roles.md gives, and the methods it refuses.

One row per URL name, read from the URL configuration: a URL added without its row, or renamed,
fails test_every_url_has_a_row. The records are linked (a victim listed in a case that has a
prosecution), so that a role that may see them gets 200 or 403 and never a 404 by accident;
what changes for records that are not linked is tested in test_access_matrix.py.

Answers: 200 the page; 302 done and sent back (actions answering POST only); 403 the role sees
the record but may not do this; 404 the role may not know it exists; LOGIN: sent to the login
page (anonymous). A GET/POST page answers POST (with an empty form) as it answers GET, unless
the answer is a pair (GET, POST). A refused request changes no record.
"""

import datetime

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from atip.models import SecurityIncident
from atip.roles import Role
from cases.links import link_request_victim
from reports.editions import edition_publish
from tests.factories import (
    ActivityFactory,
    CaseFactory,
    ChargeFactory,
    HearingFactory,
    ProsecutionFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    SuspectFactory,
    UserFactory,
    VictimFactory,
)

pytestmark = pytest.mark.django_db

LOGIN = "login"  # anonymous: a redirect to the login page, coming back here afterwards
GET, POST, GET_POST = ("GET",), ("POST",), ("GET", "POST")
WHO = ("anonymous", Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR)
# roles.md: a supervisor has every ability of a social worker; she gets a social worker's answer
# on every URL (the answers of ROUTES), but where SUPERVISOR says otherwise.
SUPERVISOR: dict[str, object] = {
    "reports:performance": 200,  # how well the unit works (issue 23.5)
    "victims:retention_hold": 200,  # a hold on retention (issue 22.1)
}
# The admin site (tested in atip/test_auth.py); the accounts and casework pages, each of which
# tests/accounts and tests/casework check for every role, anonymous and wrong methods.
NOT_IN_THE_MATRIX = {"admin", "accounts", "casework"}
REFUSED = {LOGIN, 403, 404, 405}
# Every table of the records and of their history (an update writes a history row).
RECORDS = [
    model
    for app in ("victims", "services", "cases", "prosecutions", "prevention")
    for model in apps.get_app_config(app).get_models(include_auto_created=True)
]

# fmt: off
# URL name: (arguments, methods, answers to: anonymous, social worker, police, prosecutor,
#            secretary, administrator). An argument is a record of `world` or a literal.
ROUTES = {
    "home":                          ((), GET,                       (LOGIN, 200, 200, 200, 200, 200)),
    "login":                         ((), GET_POST,                  (200, 302, 302, 302, 302, 302)),
    "logout":                        ((), POST,                      (302, 302, 302, 302, 302, 302)),
    "audit_log":                     ((), GET,                       (LOGIN, 404, 404, 404, 404, 200)),
    "incidents":                     ((), GET_POST,                  (LOGIN, 404, 404, 404, 404, 200)),
    "incident_edit":                 (("incident",), GET_POST,       (LOGIN, 404, 404, 404, 404, 200)),
    "keep_alive":                    ((), POST,                      (LOGIN, 204, 204, 204, 204, 204)),
    "victims:list":                  ((), GET,                       (LOGIN, 200, 404, 404, 404, 404)),
    "victims:create":                ((), GET_POST,                  (LOGIN, 200, 404, 404, 404, 404)),
    "victims:detail":                (("victim",), GET,              (LOGIN, 200, 200, 200, 404, 404)),
    "victims:edit":                  (("victim",), GET_POST,         (LOGIN, 200, 403, 403, 404, 404)),
    "victims:decide":                (("victim",), GET_POST,         (LOGIN, 200, 403, 403, 404, 404)),
    "victims:archive":               (("victim",), POST,             (LOGIN, 302, 403, 403, 404, 404)),
    "victims:subject_access":        (("victim",), GET_POST,         (LOGIN, 200, 403, 403, 404, 404)),
    "victims:duplicates":            ((), GET,                       (LOGIN, 200, 404, 404, 404, 404)),
    "victims:mark_duplicate":        (("victim", "other_victim"), POST, (LOGIN, 302, 404, 404, 404, 404)),
    "victims:distinct":              (("victim", "other_victim"), POST, (LOGIN, 302, 404, 404, 404, 404)),
    # A case nobody holds: a worker may take it, a supervisor give it to anyone (issue 20.1).
    "victims:assign":                (("victim",), GET_POST,         (LOGIN, 200, 403, 403, 404, 404)),
    "victims:retention_hold":        (("victim",), GET_POST,         (LOGIN, 403, 403, 403, 404, 404)),
    "services:victim":              (("victim",), GET,              (LOGIN, 200, 404, 404, 404, 404)),
    "services:create":               (("victim",), GET_POST,         (LOGIN, 200, 404, 404, 404, 404)),
    "services:edit":                 (("episode",), GET_POST,        (LOGIN, 200, 404, 404, 404, 404)),
    "services:close":                (("episode",), GET_POST,        (LOGIN, 200, 404, 404, 404, 404)),
    "services:repatriation_create":  (("victim",), GET_POST,         (LOGIN, 200, 404, 404, 404, 404)),
    "services:repatriation_edit":    (("repatriation",), GET_POST,   (LOGIN, 200, 404, 404, 404, 404)),
    "cases:list":                    ((), GET,                       (LOGIN, 200, 200, 200, 404, 404)),
    "cases:create":                  ((), GET_POST,                  (LOGIN, 403, 200, 403, 404, 404)),
    "cases:detail":                  (("case",), GET,                (LOGIN, 200, 200, 200, 404, 404)),
    "cases:edit":                    (("case",), GET_POST,           (LOGIN, 403, 200, 403, 404, 404)),
    "cases:status":                  (("case",), GET_POST,           (LOGIN, 403, 200, 403, 404, 404)),
    "cases:suspect_create":          (("case",), GET_POST,           (LOGIN, 403, 200, 403, 404, 404)),
    "cases:suspect_edit":            (("suspect",), GET_POST,        (LOGIN, 404, 200, 403, 404, 404)),
    "cases:request_victim":          (("case",), GET_POST,           (LOGIN, 403, 200, 200, 404, 404)),
    "cases:register_victim":         (("case",), GET_POST,           (LOGIN, 403, 200, 403, 404, 404)),
    "cases:unlink_victim":           (("case", "victim"), POST,      (LOGIN, 403, 302, 403, 404, 404)),
    "cases:request_case":            (("victim",), GET_POST,         (LOGIN, 200, 403, 403, 404, 404)),
    # Both sides read a request; only the side that did not ask decides it (GET, POST).
    "cases:decide_request":          (("link_request",), GET_POST,   (LOGIN, 200, (200, 403), (200, 403), 404, 404)),  # noqa: E501
    "prosecutions:list":             ((), GET,                       (LOGIN, 200, 200, 200, 404, 404)),
    "prosecutions:create":           (("case",), GET_POST,           (LOGIN, 403, 403, 200, 404, 404)),
    "prosecutions:detail":           (("prosecution",), GET,         (LOGIN, 200, 200, 200, 404, 404)),
    "prosecutions:edit":             (("prosecution",), GET_POST,    (LOGIN, 403, 403, 200, 404, 404)),
    "prosecutions:hearing_create":   (("prosecution",), GET_POST,    (LOGIN, 403, 403, 200, 404, 404)),
    "prosecutions:charge_create":    (("prosecution",), GET_POST,    (LOGIN, 403, 403, 200, 404, 404)),
    "prosecutions:charge_edit":      (("charge",), GET_POST,         (LOGIN, 403, 403, 200, 404, 404)),
    "prosecutions:hearing_edit":     (("hearing",), GET_POST,        (LOGIN, 403, 403, 200, 404, 404)),
    "prevention:list":               ((), GET,                       (LOGIN, 200, 200, 200, 200, 404)),
    "prevention:create":             ((), GET_POST,                  (LOGIN, 403, 403, 403, 200, 404)),
    "prevention:detail":             (("activity",), GET,            (LOGIN, 200, 200, 200, 200, 404)),
    "prevention:edit":               (("activity",), GET_POST,       (LOGIN, 403, 403, 403, 200, 404)),
    "reports:annual":                ((), GET,                       (LOGIN, 200, 200, 200, 200, 404)),
    "reports:export":                ((2020, "csv"), GET,            (LOGIN, 403, 403, 403, 200, 404)),
    "reports:publish":               ((2020,), POST,                 (LOGIN, 403, 403, 403, 302, 404)),
    "reports:edition":               ((2020, 1, "json"), GET,        (LOGIN, 403, 403, 403, 200, 404)),
    "reports:unodc":                 ((2020, "csv"), GET,            (LOGIN, 403, 403, 403, 200, 404)),
    # The secretary's texts of the factsheet (issue 21.13): an empty form is the page again.
    "reports:factsheet_texts":       ((2020, "en"), GET_POST,        (LOGIN, 403, 403, 403, 200, 404)),
    "reports:performance":           ((), GET,                       (LOGIN, 404, 404, 404, 200, 404)),
    "reports:person_level":          ((), GET,                       (LOGIN, 403, 403, 403, 200, 404)),
    "reports:person_level_file":     (("ctdc",), GET,                (LOGIN, 403, 403, 403, 200, 404)),
    # An empty form: the page again, with the agreement's reference asked for.
    "reports:person_level_archive":  ((), POST,                      (LOGIN, 403, 403, 403, 200, 404)),
    # A token no archive waits under.
    "reports:person_level_archive_file": (("guessed",), GET,         (LOGIN, 403, 403, 403, 404, 404)),
}
# fmt: on


def url_names(resolver=None, prefix=""):
    """Every URL name of the project, namespaced ("victims:detail"); an unnamed URL as its route."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace not in NOT_IN_THE_MATRIX:
                yield from url_names(
                    pattern, f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                )
        elif isinstance(pattern, URLPattern):
            yield prefix + pattern.name if pattern.name else f"(unnamed) {pattern.pattern}"


@pytest.fixture
def world():
    """One record of each kind, all linked: the victim is listed in the case, which is prosecuted."""
    victim = VictimFactory()
    case = CaseFactory(victims=[victim])
    suspect = SuspectFactory(case=case)
    prosecution = ProsecutionFactory(case=case, move_case=True)  # referred: "in prosecution"
    return {
        "victim": victim.pk,
        "other_victim": VictimFactory().pk,  # for the pages about two records of one person
        "case": case.pk,
        "suspect": suspect.pk,
        "prosecution": prosecution.pk,
        "charge": ChargeFactory(prosecution=prosecution, suspect=suspect).pk,
        "hearing": HearingFactory(prosecution=prosecution).pk,
        "episode": ServiceEpisodeFactory(victim=victim).pk,
        "repatriation": RepatriationFactory(victim=victim).pk,
        "activity": ActivityFactory().pk,
        "incident": SecurityIncident.objects.create(
            happened_on=datetime.date(2020, 1, 1),
            discovered_on=datetime.date(2020, 1, 2),
            what="A lost laptop.",
        ).pk,
        "edition": edition_publish(year=2020, threshold=5, reason="", by=UserFactory(role=Role.SECRETARY)).pk,
        "link_request": link_request_victim(
            case=case, by=UserFactory(role=Role.POLICE), typed_reference="V-1999-0001", reason="Named."
        ).pk,
    }


def url(name, world):
    args, _, _ = ROUTES[name]
    return reverse(name, args=[world.get(arg, arg) if isinstance(arg, str) else arg for arg in args])


def request(client, method, path):
    return client.generic(method, path, "", "application/x-www-form-urlencoded")


def rows() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in RECORDS}


def test_every_url_has_a_row():
    names = list(url_names())
    assert len(names) == len(set(names))
    assert {"missing": sorted(set(names) - set(ROUTES)), "stale": sorted(set(ROUTES) - set(names))} == {
        "missing": [],
        "stale": [],
    }


def answers_of(name) -> tuple:
    """The answers of ROUTES, and the supervisor's at the end."""
    expected = ROUTES[name][2]
    return (*expected, SUPERVISOR.get(name, expected[1]))


# One test per URL for both checks: the records are made once per URL.
@pytest.mark.parametrize("name", ROUTES)
def test_each_role_gets_the_answer_of_roles_md_and_other_methods_405(client, world, name):
    _, methods, _ = ROUTES[name]
    expected = answers_of(name)
    path = url(name, world)
    answers = {}
    for who in (*WHO, Role.SUPERVISOR):
        for method in methods:
            # Each request in a savepoint rolled back: one role's action changes nothing for the next.
            with transaction.atomic():
                client.logout()
                if who != "anonymous":
                    client.force_login(UserFactory(role=who))
                before = rows()
                response = request(client, method, path)
                answer = response.status_code
                if answer == 302 and response.url.startswith(f"{reverse('login')}?next="):
                    assert response.url == f"{reverse('login')}?next={path}"
                    answer = LOGIN
                if answer in REFUSED:
                    assert rows() == before, f"{who} {method}: refused with {answer}, but a record changed"
                answers[(who, method)] = answer
                transaction.set_rollback(True)
    assert answers == {
        (who, method): answer[methods.index(method)] if isinstance(answer, tuple) else answer
        for who, answer in zip((*WHO, Role.SUPERVISOR), expected, strict=True)
        for method in methods
    }
    # A method it does not answer gets 405, asked by someone it answers (so that the refusal is
    # the method's and not the role's).
    answered = ROUTES[name][2]
    who = next((w for w, answer in zip(WHO, answered, strict=True) if answer in (200, 302)), "anonymous")
    client.logout()
    if who != "anonymous":
        client.force_login(UserFactory(role=who))
    for method in {"GET", "POST", "PUT", "PATCH", "DELETE"} - set(methods):
        assert request(client, method, path).status_code == 405, method
