"""Behind the documented proxy every request comes from the proxy's address: the client's is the
one the trusted proxies put in X-Forwarded-For, for the audit log and the login lockout alike."""

import pytest
from django.urls import reverse

from atip.audit import client_ip
from atip.models import AuditEvent
from tests.factories import PASSWORD, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
A, B = "203.0.113.7", "198.51.100.23"


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def via_proxy(client_address, forged=None):
    """What the proxy sends on: the client's own header value, if any, then the client's address."""
    forwarded = f"{forged}, {client_address}" if forged else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


def test_without_trusted_proxies_x_forwarded_for_is_ignored(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(rf.get("/", REMOTE_ADDR=A, HTTP_X_FORWARDED_FOR=B)) == A


def test_behind_one_proxy_the_address_it_saw(rf, behind_one_proxy):
    assert client_ip(rf.get("/", **via_proxy(A))) == A
    assert client_ip(rf.get("/", **via_proxy(A, forged=B))) == A  # what the client wrote is not taken


def test_behind_two_proxies_the_address_the_outer_one_saw(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{B}, {A}, 10.0.0.1")
    assert client_ip(request) == A


def test_something_else_than_an_address_falls_back_to_the_peer(rf, behind_one_proxy):
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="unknown")) == PROXY
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY)) == PROXY


def test_audit_rows_show_the_forwarded_client_address(client, login, behind_one_proxy):
    login()
    victim = VictimFactory()
    assert client.get(victim.get_absolute_url(), **via_proxy(A, forged=B)).status_code == 200
    assert AuditEvent.objects.get(action="view").ip == A


def test_a_forged_x_forwarded_for_is_ignored_without_trusted_proxies(client, login, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    login()
    victim = VictimFactory()
    client.get(victim.get_absolute_url(), REMOTE_ADDR=A, HTTP_X_FORWARDED_FOR=B)
    assert AuditEvent.objects.get(action="view").ip == A


def log_in(client, username, password, address):
    return client.post(reverse("login"), {"username": username, "password": password}, **via_proxy(address))


def test_five_failures_from_one_address_do_not_lock_the_user_out_from_another(client, behind_one_proxy):
    UserFactory(username="maria")
    for _ in range(5):
        log_in(client, "maria", "wrong-password", A)
    assert log_in(client, "maria", PASSWORD, A).status_code == 429
    assert log_in(client, "maria", PASSWORD, B).status_code == 302
    assert set(AuditEvent.objects.filter(action="login_failed").values_list("ip", flat=True)) == {A}


def test_one_address_is_locked_out_after_its_limit_across_usernames(client, behind_one_proxy, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    for name in ("ana", "ben", "eva"):
        UserFactory(username=name)
    for name in ("ana", "ben"):
        for _ in range(4):  # under the limit of 5 for each username
            log_in(client, name, "wrong-password", A)
    assert log_in(client, "eva", PASSWORD, A).status_code == 429  # 8 failures from A in all
    assert log_in(client, "eva", PASSWORD, B).status_code == 302


def test_under_the_address_limit_other_users_still_log_in(client, behind_one_proxy, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    for name in ("ana", "ben", "eva"):
        UserFactory(username=name)
    for name, failures in (("ana", 4), ("ben", 3)):
        for _ in range(failures):
            log_in(client, name, "wrong-password", A)
    assert log_in(client, "eva", PASSWORD, A).status_code == 302  # 7 failures from A: not yet


def test_a_successful_login_clears_only_that_users_failures(client, behind_one_proxy):
    for name in ("ana", "ben"):
        UserFactory(username=name)
    for _ in range(4):
        log_in(client, "ana", "wrong-password", A)
    assert log_in(client, "ben", PASSWORD, A).status_code == 302  # from the same address
    client.post(reverse("logout"), **via_proxy(A))
    log_in(client, "ana", "wrong-password", A)  # ana's fifth: her four earlier ones still count
    assert log_in(client, "ana", PASSWORD, A).status_code == 429
