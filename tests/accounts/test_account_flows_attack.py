"""Issue 19, "Done when": a fresh attack on the account flows. One administrator (ana), alone or
with an administrator she created (ana4, approved once by a colleague), tries every order of two
steps among: create an account, re-role one, change an e-mail address, send a password link,
reset two-factor, approve what waits. Whatever the order, no account reaches a case-data role,
and no way into one (a password link, an address, a two-factor reset) reaches her, without a
second administrator."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountChange
from atip.roles import Role, reaches_victims, role_of
from tests.accounts.flows import EVIL, ask_account, ask_email, ask_role, decide, reset_two_factor, send_link
from tests.factories import UserFactory, enrol

pytestmark = pytest.mark.django_db
User = get_user_model()


def _approve_all(client, world, approver):
    world["as_user"](world[approver])
    for change in AccountChange.objects.filter(status="pending"):
        decide(client, change)
    world["as_user"](world["ana"])


STEPS = {
    "create": lambda c, w: ask_account(c, "new.sw", Role.SOCIAL_WORKER),
    "re-role secretary": lambda c, w: ask_role(c, w["sec"], Role.SOCIAL_WORKER),
    "e-mail secretary": lambda c, w: ask_email(c, w["sec"]),
    "e-mail worker": lambda c, w: ask_email(c, w["sw"]),
    "link secretary": lambda c, w: send_link(c, w["sec"]),
    "link worker": lambda c, w: send_link(c, w["sw"]),
    "reset worker": lambda c, w: reset_two_factor(c, w["sw"]),
    "approve as ana": lambda c, w: _approve_all(c, w, "ana"),
    "approve as ana4": lambda c, w: _approve_all(c, w, "ana4"),
}
ORDERS = [(step,) for step in STEPS] + list(itertools.permutations(STEPS, 2))


@pytest.fixture
def world(client, as_user):
    ana, ben = (UserFactory(username=n, role=Role.ADMINISTRATOR) for n in ("ana", "ben"))
    ana4_request = AccountChange.objects.create(
        kind="create",
        status="pending",
        username="ana4",
        new_role=Role.ADMINISTRATOR,
        requested_by=ana,
        new_email="ana4@example.org",
    )
    as_user(ben)
    decide(client, ana4_request)
    sec = UserFactory(username="sec", role=Role.SECRETARY, email="sec@example.org")
    sw = UserFactory(username="sw", role=Role.SOCIAL_WORKER, email="sw@example.org")
    enrol(sw)
    as_user(ana)
    return {"ana": ana, "ana4": User.objects.get(username="ana4"), "sec": sec, "sw": sw, "as_user": as_user}


@pytest.mark.parametrize("order", ORDERS, ids=" then ".join)
def test_no_path_to_case_data_without_a_second_administrator(client, world, order, mailoutbox):
    before = {u.username: role_of(u) for u in User.objects.all()}
    for step in order:
        STEPS[step](client, world)
    for account in User.objects.prefetch_related("groups"):
        role = role_of(account)
        if reaches_victims(role):
            assert before.get(account.username) == role, f"{account} gained {role}"
        assert account.email != EVIL, f"{account} re-addressed to ana"
    assert not [m for m in mailoutbox if EVIL in m.to], "a password link reached ana"
    if not TOTPDevice.objects.filter(user=world["sw"]).exists():  # a reset alone opens nothing:
        assert User.objects.get(pk=world["sw"].pk).email == "sw@example.org"  # the holder enrols again
