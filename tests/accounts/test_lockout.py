"""Issue 21.6, locked out: the lockout page says until when (local time) and leads back to the
login form; the login form warns at the last try before the lock, the same way whether or not
the username names an account; an administrator sees "locked until …" on the account's page and
unlocks it (POST, confirmed, audited on the account), and nobody else learns anything by trying."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from atip import lockout
from atip.models import AuditEvent
from atip.roles import Role
from tests.accounts.conftest import NOT_ADMINS
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("login")
WARNING = "One more failed attempt will lock this account for 30 minutes."


def fail(client, username, times=1):
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "wrong-password"})
    return response


def main(response) -> str:
    return response.content.decode().split("<main")[1].split("</main>")[0]


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def local(moment) -> datetime.datetime:
    return timezone.localtime(moment)


def shown(moment) -> str:
    """A lock's end as the pages write it: its local time, and its date unless it is today."""
    moment = local(moment)
    if moment.date() == timezone.localdate():
        return f"{moment:%H:%M}"
    return f"{moment:%H:%M} on {moment:%Y-%m-%d}"


def attempt(username, minutes_ago, failures, *, ip="127.0.0.1", agent=""):
    """A row of the lockout's records, as django-axes keeps them (one per username, address and
    browser; the time of its latest failure)."""
    row = AccessAttempt.objects.create(
        username=username,
        ip_address=ip,
        user_agent=agent or f"browser {minutes_ago}",
        failures_since_start=failures,
        get_data="",
        post_data="",
        http_accept="",
        path_info=LOGIN,
    )
    # The field is set to now on creation (auto_now_add), as axes does it.
    AccessAttempt.objects.filter(pk=row.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    row.refresh_from_db()
    return row


# --- The lockout page -------------------------------------------------------------------------------


def test_the_lockout_page_says_until_when_and_leads_back_to_the_login_form(client):
    UserFactory(username="maria")
    fail(client, "maria", 5)
    response = client.post(LOGIN, {"username": "maria", "password": PASSWORD})
    assert response.status_code == 429
    latest = AccessAttempt.objects.get(username="maria").attempt_time
    until = local(latest + datetime.timedelta(minutes=30))
    body = main(response)
    time = f'<time datetime="{until.isoformat(timespec="minutes")}">{shown(until)}</time>.'
    assert f"is locked until {time}" in " ".join(body.split())
    assert f'href="{LOGIN}"' in body and "Back to the login form" in body
    assert "for a while" not in body


def test_the_lockout_page_is_the_same_for_a_username_that_names_no_account(client):
    UserFactory(username="maria")
    known = fail(client, "maria", 5)
    unknown = fail(client, "mario", 5)  # as long as maria: its records are of the same kind
    assert known.status_code == unknown.status_code == 429

    def without_time(response):
        return re.sub(r"\d{4}-\d\d-\d\dT[\d:]+[-+]\d\d:\d\d|\d\d:\d\d", "T", main(response))

    assert without_time(known) == without_time(unknown)
    assert "maria" not in main(known) and "mario" not in main(unknown)


def test_made_up_usernames_of_one_length_do_not_tell_which_name_has_an_account(client):
    # Four failures with four made-up names of five letters: a fifth try locks nobody whether or
    # not its name has an account (counted together, "mario" would lock and "maria" would not).
    UserFactory(username="maria")
    for made_up in ("marta", "mauro", "mirta", "moira"):
        fail(client, made_up)
    assert fail(client, "mario").status_code == fail(client, "maria").status_code == 200
    assert "mario" not in " ".join(AccessAttempt.objects.values_list("username", flat=True))


def test_one_made_up_username_is_counted_as_an_account_is():
    def counter(typed):
        return lockout.lockout_username(None, {"username": typed})

    assert counter("mario") == counter("mario") != counter("marta")
    assert re.fullmatch(r"\(unknown username, 5 characters, counter [0-9a-f]{5}\)", counter("mario"))
    UserFactory(username="maria")
    assert counter("maria") == "maria"


def test_the_lockout_page_is_in_spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = fail(client, "maria", 5)
    body = text(main(response))
    assert "Demasiados intentos fallidos" in body and "bloqueado hasta las" in body
    assert "Volver al formulario de inicio de sesión" in body


def test_a_lock_ends_a_cool_off_after_the_failures_that_make_it(settings):
    settings.AXES_FAILURE_LIMIT = 5
    # Two browsers: 3 failures 25 minutes ago, 2 five minutes ago. All five count until the
    # older row is 30 minutes old; then two are left, under the limit.
    older = attempt("maria", 25, 3)
    attempt("maria", 5, 2)
    assert lockout.account_locked_until("maria") == older.attempt_time + datetime.timedelta(minutes=30)
    attempt("maria", 1, 3)  # three more a minute ago: the newest two rows make five on their own
    assert lockout.account_locked_until("maria") > older.attempt_time + datetime.timedelta(minutes=30)


def test_failures_older_than_the_cool_off_lock_nothing():
    attempt("maria", 31, 9)
    assert lockout.account_locked_until("maria") is None
    attempt("maria", 20, 4)  # four within the cool-off, from another address even
    assert lockout.account_locked_until("maria") is None


def test_an_account_locked_from_two_addresses_is_locked_until_the_later():
    attempt("maria", 20, 5, ip="10.0.0.1")
    latest = attempt("maria", 2, 5, ip="10.0.0.2")
    assert lockout.account_locked_until("maria") == latest.attempt_time + datetime.timedelta(minutes=30)


# --- The warning at the last try -------------------------------------------------------------------


def test_the_login_form_warns_at_the_last_try_before_the_lock(client):
    UserFactory(username="maria")
    for tries in range(1, 4):
        assert WARNING not in fail(client, "maria").content.decode(), tries
    fourth = fail(client, "maria")
    assert fourth.status_code == 200
    warning = re.search(
        r'<div class="alert alert-warning" role="alert" id="last-try">(.*?)</div>', main(fourth), re.S
    )
    assert text(warning[1]) == WARNING
    assert "Please enter a correct username and password" in fourth.content.decode()
    assert fail(client, "maria").status_code == 429  # the fifth locks, as warned


def test_the_warning_is_the_same_for_a_username_that_names_no_account(client):
    UserFactory(username="maria")
    fail(client, "maria", 3)
    fail(client, "mario", 3)
    known, unknown = fail(client, "maria"), fail(client, "mario")

    def page(response):
        return re.sub(r'name="(csrfmiddlewaretoken|username)" value="[^"]*"', "", main(response))

    assert WARNING in text(main(known))
    assert page(known) == page(unknown)


def test_the_warning_says_the_cool_off_of_the_settings(client, settings):
    settings.AXES_COOLOFF_TIME = 2.0  # hours
    assert "will lock this account for 120 minutes." in text(main(fail(client, "maria", 4)))


def test_no_warning_after_a_login_that_succeeds(client):
    UserFactory(username="maria")
    fail(client, "maria", 3)
    client.post(LOGIN, {"username": "maria", "password": PASSWORD})  # clears her failures
    client.post(reverse("logout"))
    assert WARNING not in fail(client, "maria").content.decode()


def test_the_warning_in_spanish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = fail(client, "maria", 4)
    assert "Un intento fallido más bloqueará esta cuenta durante 30 minutos." in text(main(response))


# --- The administrator ------------------------------------------------------------------------------


def detail(user):
    return reverse("accounts:detail", args=[user.pk])


def unlock_url(user):
    return reverse("accounts:unlock", args=[user.pk])


def test_the_account_page_says_locked_until_and_offers_to_unlock(client, admin):
    user = UserFactory(username="pat", role=Role.POLICE)
    latest = attempt("pat", 3, 5)
    body = client.get(detail(user)).content.decode()
    assert f"locked until {shown(latest.attempt_time + datetime.timedelta(minutes=30))}" in text(body)
    form = re.search(rf'<form method="post" action="{unlock_url(user)}"[^>]*>', body)[0]
    assert 'data-confirm="Unlock pat?' in form  # asked before it is sent (app.js)


def test_an_account_that_is_not_locked_offers_nothing(client, admin):
    user = UserFactory(username="pat")
    attempt("pat", 3, 4)  # one short of the lock
    attempt("pat", 40, 9, ip="10.0.0.9")  # long ago
    body = client.get(detail(user)).content.decode()
    assert "locked until" not in body and unlock_url(user) not in body


def test_unlocking_forgets_the_failures_and_is_audited_on_the_account(client, admin):
    user = UserFactory(username="pat", role=Role.POLICE)
    latest = attempt("pat", 3, 5)
    attempt("pat", 1, 2, ip="10.0.0.2")
    other = attempt("eva", 1, 5)
    response = client.post(unlock_url(user), follow=True)
    assert "pat is unlocked: they can log in again." in response.content.decode()
    assert list(AccessAttempt.objects.all()) == [other]
    event = AuditEvent.objects.get(action="unlock")
    assert (event.user, event.object_type, event.object_id) == (admin, "user", str(user.pk))
    assert event.object_ref == "pat"
    until = local(latest.attempt_time + datetime.timedelta(minutes=30))
    assert event.detail == f"login lockout lifted; it ran until {until:%Y-%m-%d %H:%M}"
    assert "locked until" not in client.get(detail(user)).content.decode()


def test_the_unlocked_account_logs_in(client, admin):
    user = UserFactory(username="pat", role=Role.SECRETARY)
    client.logout()
    fail(client, "pat", 5)
    assert client.post(LOGIN, {"username": "pat", "password": PASSWORD}).status_code == 429
    client.force_login(admin)
    client.post(unlock_url(user))
    client.logout()
    assert client.post(LOGIN, {"username": "pat", "password": PASSWORD}).status_code == 302


def test_unlocking_an_account_that_is_not_locked_says_so(client, admin):
    user = UserFactory(username="pat")
    attempt("pat", 3, 2)
    response = client.post(unlock_url(user), follow=True)
    assert "The account is not locked." in response.content.decode()
    assert AccessAttempt.objects.count() == 1 and not AuditEvent.objects.filter(action="unlock").exists()


def test_an_administrator_does_not_unlock_their_own_account(client, admin):
    attempt(admin.username, 3, 5, ip="10.0.0.3")
    assert client.post(unlock_url(admin)).status_code == 403
    assert AccessAttempt.objects.count() == 1
    body = client.get(detail(admin)).content.decode()
    assert "locked until" in body and unlock_url(admin) not in body


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_other_roles_learn_nothing_and_unlock_nothing(client, login, role):
    login(role)
    locked, free = UserFactory(username="pat"), UserFactory(username="eva")
    attempt("pat", 3, 5)
    answers = {
        client.post(unlock_url(locked)).status_code,
        client.post(unlock_url(free)).status_code,
        client.post(reverse("accounts:unlock", args=[999_999])).status_code,
    }
    assert answers == {404}
    assert AccessAttempt.objects.count() == 1 and not AuditEvent.objects.filter(action="unlock").exists()


def test_anonymous_is_sent_to_login_and_a_get_is_refused(client, admin):
    user = UserFactory(username="pat")
    attempt("pat", 3, 5)
    assert client.get(unlock_url(user)).status_code == 405
    client.logout()
    response = client.post(unlock_url(user))
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert AccessAttempt.objects.count() == 1


def test_the_account_page_in_spanish(client, admin):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    user = UserFactory(username="pat")
    attempt("pat", 3, 5)
    body = text(client.get(detail(user)).content.decode())
    assert "bloqueada hasta" in body and "Desbloquear" in body


def test_a_lock_that_ends_another_day_says_which(client, settings):
    settings.AXES_COOLOFF_TIME = 30.0  # hours: the lock ends tomorrow at the earliest
    response = fail(client, "maria", 5)
    end = local(AccessAttempt.objects.get().attempt_time + datetime.timedelta(hours=30))
    assert f"{end:%H:%M} on {end:%Y-%m-%d}</time>." in main(response)
