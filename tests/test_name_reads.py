"""roles.md: every response that shows a victim's name adds an audit row naming the victims
shown (issue 8, point 5). Every URL of the application is classified below, so that a new page
must say whether it shows a name."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import CaseFactory, RepatriationFactory, ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db
SW, PO = Role.SOCIAL_WORKER, Role.POLICE


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


def _victim_list():
    return SW, reverse("victims:list"), VictimFactory()


def _victim_search():
    victim = VictimFactory(given_name="Marisol")
    return SW, reverse("victims:list") + "?q=Marisol", victim


def _home():
    return SW, reverse("home"), VictimFactory()  # presumed: listed as awaiting a decision


def _possible_duplicates():
    first = VictimFactory(given_name="Olga", family_name="Díaz")
    VictimFactory(given_name="Olga", family_name="Diaz")
    return SW, reverse("victims:duplicates"), first


def _case_page():
    victim = VictimFactory()
    return PO, reverse("cases:detail", args=[CaseFactory(victims=[victim]).pk]), victim


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
}
SEARCHES = {"victims:list (search)": _victim_search}
# Pages that show no victim's name (references at most), or only take a POST.
NO_NAMES = {
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
    "accounts:login_code",
    "accounts:password_done",
    "accounts:password_link",
    "accounts:password_set",
    "accounts:reactivate",
    "accounts:reset_two_factor",
    "accounts:role",
    "accounts:two_factor",  # staff accounts: no victim data
    "victims:create",  # an empty form; the likely matches a POST shows are audited (test_duplicates.py)
    "victims:archive",  # POST only, then a redirect
    "victims:mark_duplicate",  # POST only, then a redirect
    "victims:distinct",  # POST only, then a redirect
    "cases:list",
    "cases:create",
    "cases:edit",
    "cases:status",
    "cases:suspect_create",
    "cases:suspect_edit",
    "cases:register_victim",  # an empty form, likely matches as a count; the new person is audited
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
    from tests.factories import UserFactory

    role, url, victim = {**SHOWS_NAMES, **SEARCHES}[name]()
    user = UserFactory(role=role)
    client.force_login(user)
    before = AuditEvent.objects.filter(action="view", object_type="victim", object_id=str(victim.pk)).count()
    response = client.get(url)
    assert response.status_code == 200
    assert victim.full_name in response.content.decode() or victim.reference in response.content.decode()
    rows = AuditEvent.objects.filter(action="view", object_type="victim", object_id=str(victim.pk), user=user)
    assert rows.count() == before + 1
