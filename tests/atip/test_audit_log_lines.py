"""Issue 21.11: the audit log is for people. One line per page view (the 25 reads of one list page
are one line), a login redirect is not an access refused, details in words, dates chosen with
the browser's date picker, filters by person and by record. The rows themselves are unchanged
(atip.audit): the grouping is the page's."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from accounts.services import account_set_role
from atip.audit import audit, audit_each
from atip.audit_log import detail_words, place_words
from atip.models import AuditEvent
from atip.paging import AUDIT_PAGE_SIZE
from atip.roles import Role
from tests.factories import UserFactory, VictimFactory

pytestmark = pytest.mark.django_db
URL = reverse("audit_log")


def lines(body: str) -> list[str]:
    """The table's rows, as text."""
    tbody = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))).strip() for row in tbody.split("<tr>")[1:]
    ]


@pytest.fixture
def admin_client(login, client):
    login(Role.ADMINISTRATOR, username="ana.admin", first_name="Ana", last_name="Díaz")
    return client


def test_the_reads_of_one_list_page_are_one_line(admin_client):
    people = [VictimFactory() for _ in range(25)]
    worker = UserFactory(username="sofia", role=Role.SOCIAL_WORKER, first_name="Sofía", last_name="Cal")
    other = Client()
    other.force_login(worker)
    assert other.get(reverse("victims:list")).status_code == 200
    reads = AuditEvent.objects.filter(action="view", user=worker)
    assert reads.count() == 25  # the chain keeps one row per person shown
    body = admin_client.get(URL, {"username": "sofia", "action": "view"}).content.decode()
    shown = lines(body)
    assert len(shown) == 1, shown
    assert "Viewed the victim list, 25 people" in shown[0]
    assert "25 references" in shown[0] and people[0].reference in body and people[24].reference in body
    assert "Social worker" in shown[0] and "(Sofía Cal, sofia@example.org)" in shown[0]


def test_two_views_of_a_page_are_two_lines(admin_client):
    VictimFactory()
    VictimFactory()
    other = Client()
    other.force_login(UserFactory(username="sofia"))
    other.get(reverse("victims:list"))
    other.get(reverse("victims:list"))
    shown = lines(admin_client.get(URL, {"username": "sofia", "action": "view"}).content.decode())
    assert [line.count("Viewed the victim list, 2 people") for line in shown] == [1, 1]


def test_a_persons_page_read_once_says_so(admin_client):
    victim = VictimFactory()
    other = Client()
    other.force_login(UserFactory(username="sofia"))
    other.get(victim.get_absolute_url())
    shown = lines(admin_client.get(URL, {"username": "sofia"}).content.decode())
    assert any("Viewed 1 person's record" in line and victim.reference in line for line in shown), shown


def test_filtering_by_record_finds_the_page_views_that_showed_it(admin_client):
    first, second = VictimFactory(), VictimFactory()
    other = Client()
    other.force_login(UserFactory(username="sofia"))
    other.get(reverse("victims:list"))
    other.get(second.get_absolute_url())
    body = admin_client.get(URL, {"object_ref": first.reference, "action": "view"}).content.decode()
    shown = lines(body)
    assert len(shown) == 1 and "Viewed the victim list, 1 person" in shown[0]
    assert (
        f'href="?object_ref={first.reference}&amp;action=view"' in body
    )  # each reference is a link to its events


def test_a_user_is_a_link_to_their_events_and_the_filter_names_the_person(admin_client):
    UserFactory(username="sofia", first_name="Sofía", last_name="Cal")
    audit(action="export", user=UserFactory(username="pedro"), object_type="records", detail="csv: all")
    body = admin_client.get(URL).content.decode()
    assert '<option value="sofia">sofia (Sofía Cal)</option>' in body
    assert 'href="?username=pedro"' in body


def test_the_dates_are_chosen_with_a_date_picker(admin_client):
    body = admin_client.get(URL).content.decode()
    assert re.search(r'<input type="date" name="date_from"', body)
    assert re.search(r'<input type="date" name="date_to"', body)


def test_a_login_redirect_is_not_an_access_refused(admin_client):
    Client().get("/victims/")  # anonymous: sent to log in
    refused = UserFactory(username="pedro", role=Role.POLICE)
    other = Client()
    other.force_login(refused)
    other.get(reverse("victims:create"))  # a police officer may not register: refused
    body = admin_client.get(URL).content.decode()
    shown = lines(body)
    redirect = next(line for line in shown if "/victims/" in line and "pedro" not in line)
    assert "Sent to log in" in redirect and "Access refused" not in redirect
    assert "not logged in: sent to the login page" in redirect
    assert any("Access refused" in line and "pedro" in line for line in shown)
    assert lines(admin_client.get(URL, {"action": "denied"}).content.decode())[0].count("pedro") >= 1
    assert len(lines(admin_client.get(URL, {"action": "denied"}).content.decode())) == 1
    only = lines(admin_client.get(URL, {"action": "login_redirect"}).content.decode())
    assert len(only) == 1 and "Sent to log in" in only[0]


def test_the_administrators_home_lists_refusals_not_login_redirects(admin_client):
    Client().get("/victims/?q=anonymous")
    other = Client()
    other.force_login(UserFactory(username="pedro", role=Role.POLICE))
    other.get(reverse("victims:create"))
    body = admin_client.get(reverse("home")).content.decode()
    refusals = body.split("Latest refused accesses", 1)[1].split("</ul>", 1)[0]
    assert "pedro" in refusals and "q=" not in refusals


def test_a_role_change_is_said_in_words(admin_client):
    ben = UserFactory(username="ben.admin", role=Role.ADMINISTRATOR)
    sam = UserFactory(username="sam", role=Role.SOCIAL_WORKER)
    account_set_role(by=ben, account=sam, role=Role.SUPERVISOR)  # waits for a second administrator
    body = admin_client.get(URL, {"action": "account_request"}).content.decode()
    assert (
        "asked: role changed from Social worker (Department of Human Services) to Supervisor "
        "(Department of Human Services)" in body
    )
    assert "social_worker → supervisor" not in body


@pytest.mark.parametrize(
    ("action", "detail", "words"),
    [
        ("account_request", "role: role secretary → police", "asked: role changed from Council secretary to"),
        (
            "account_approve",
            "create: role - → police; requested by ana",
            "approved: account created with the role",
        ),
        ("otp_reset", "reset_2fa: role police → police; reason: Phone lost", "reset; reason: Phone lost"),
        ("password_link", "password_link: role - → -; e-mail not sent", "the e-mail could not be sent"),
        ("account_create", "manage.py create_user: role - → police", "command line: account created"),
        ("login_failed", "(unknown username, 14 characters)", "an unknown username (14 characters)"),
        ("login_failed", "maria: wrong two-factor code", "as maria: wrong two-factor code"),
        ("denied", "404 not found", "not found, or not theirs to see (404)"),
        ("denied", "403 CSRF: CSRF token missing.", "expired or came from another site"),
        ("export", "csv: all victims", "csv: all victims"),  # not known: as written
    ],
)
def test_details_in_words(action, detail, words):
    assert words in detail_words(AuditEvent(action=action, detail=detail))


@pytest.mark.parametrize(
    ("place", "words"),
    [
        ("victim list", "the victim list"),
        ("case C-2026-001", "case C-2026-001"),
        ("contact note 12", "contact note 12"),
        ("service 5 edit page", "the edit page of service 5"),
        ("new care plan page", "the form for a new care plan"),
        ("likely matches at registration", "the likely matches on the registration form"),
        ("somewhere new", "somewhere new"),
    ],
)
def test_places_in_words(place, words):
    assert place_words(place) == words


def test_details_in_spanish(client, admin_client):
    ben = UserFactory(username="ben.admin", role=Role.ADMINISTRATOR)
    account_set_role(by=ben, account=UserFactory(role=Role.SOCIAL_WORKER), role=Role.SUPERVISOR)
    VictimFactory()
    other = Client()
    other.force_login(UserFactory(username="sofia"))
    other.get(reverse("victims:list"))
    client.post(reverse("accounts:language"), {"language": "es"})
    body = client.get(URL).content.decode()
    assert "solicitado: rol cambiado de Trabajador(a) social" in body
    assert "Consultó la lista de víctimas, 1 persona" in body
    assert "Enviado(a) a iniciar sesión" in body  # the action filter's choice


def test_pages_are_pages_of_lines(admin_client):
    worker = UserFactory(username="sofia")
    for n in range(AUDIT_PAGE_SIZE + 5):
        audit_each(
            [VictimFactory.build(pk=n + 1, reference=f"V-2020-{n:04}")] * 3, action="view", user=worker
        )
    first = lines(admin_client.get(URL, {"username": "sofia"}).content.decode())
    second = lines(admin_client.get(URL, {"username": "sofia", "page": 2}).content.decode())
    assert len(first) == AUDIT_PAGE_SIZE and len(second) == 5
    assert all("3 people" in line for line in first + second)


@pytest.mark.parametrize("views", [2, 12])
def test_query_count_does_not_grow_with_rows(admin_client, django_assert_num_queries, views):
    worker = UserFactory(username="sofia")
    people = [VictimFactory() for _ in range(views)]
    for n in range(views):
        audit_each(people[: n + 1], action="view", user=worker, detail="victim list")  # a page view
        audit(action="view", user=worker, obj=people[n])  # a person's page
        audit(action="export", user=worker, object_type="records", detail="csv")
        audit(action="denied", object_type="victims:list", detail="login required")
    # Expect 12 queries whatever the number of rows: savepoint, session, user, groups, the
    # accounts to filter by, count of lines, the page's leaders, the rows of its page views,
    # release, and the session refresh (savepoint, update, release).
    with django_assert_num_queries(12):
        assert admin_client.get(URL).status_code == 200
