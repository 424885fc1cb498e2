"""The two-person rule: a change reaching victim records waits until a second administrator
approves it; the requester cannot; rejection changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import AccountChange
from atip.models import AuditEvent
from atip.roles import Role, role_of
from tests.accounts.conftest import NOT_ADMINS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def url(change):
    return reverse("accounts:change", args=[change.pk])


@pytest.fixture
def role_request(client, admin):
    """ana.admin asks for a secretary to become a social worker."""
    user = UserFactory(username="sam", role=Role.SECRETARY)
    client.post(reverse("accounts:role", args=[user.pk]), {"role": Role.SOCIAL_WORKER})
    return AccountChange.objects.get()


@pytest.fixture
def creation_request(client, admin):
    client.post(
        reverse("accounts:create"),
        {
            "username": "new.sw",
            "first_name": "Nia",
            "last_name": "Reyes",
            "email": "nia@example.org",
            "role": Role.SOCIAL_WORKER,
        },
    )
    return AccountChange.objects.get()


def test_the_approver_sees_who_asked_what_and_when(client, role_request, second_admin, as_user):
    as_user(second_admin)
    body = client.get(url(role_request)).content.decode()
    assert "ana.admin" in body and "sam" in body
    assert "Council secretary → Social worker" in body
    assert role_request.requested_at.astimezone().strftime("%Y-%m-%d") in body
    assert 'value="approve"' in body and 'name="reason"' in body


def test_the_requester_cannot_approve(client, role_request):
    response = client.post(url(role_request), {"decision": "approve", "reason": "me"})
    assert response.status_code == 403
    assert "another administrator has to approve it" in response.content.decode()
    role_request.refresh_from_db()
    assert role_request.status == "pending"
    assert role_of(User.objects.get(username="sam")) == Role.SECRETARY


def test_the_database_refuses_an_approval_by_the_requester(role_request):
    with pytest.raises(IntegrityError), transaction.atomic():
        AccountChange.objects.filter(pk=role_request.pk).update(
            status="approved", decided_by=role_request.requested_by, applied_at=role_request.requested_at
        )


def test_a_second_administrator_approves_and_the_change_applies(client, role_request, second_admin, as_user):
    as_user(second_admin)
    response = client.post(url(role_request), {"decision": "approve", "reason": "moved to DHS"}, follow=True)
    assert (
        "Approved: Role changed: Council secretary → Social worker (Department of Human Services) (sam)"
        in (response.content.decode())
    )
    user = User.objects.get(username="sam")
    assert list(user.groups.values_list("name", flat=True)) == [Role.SOCIAL_WORKER]
    role_request.refresh_from_db()
    assert (role_request.status, role_request.decided_by, role_request.reason) == (
        "approved",
        second_admin,
        "moved to DHS",
    )
    applied = AuditEvent.objects.get(action="role_change")
    assert (applied.user, applied.detail) == (
        second_admin,
        "role: role secretary → social_worker; requested by ana.admin",
    )
    approval = AuditEvent.objects.get(action="account_approve")
    assert approval.detail == "role: role secretary → social_worker; requested by ana.admin"


def test_rejection_changes_nothing(client, role_request, second_admin, as_user):
    as_user(second_admin)
    client.post(url(role_request), {"decision": "reject", "reason": "no such transfer"})
    assert role_of(User.objects.get(username="sam")) == Role.SECRETARY
    role_request.refresh_from_db()
    assert (role_request.status, role_request.reason, role_request.applied_at) == (
        "rejected",
        "no such transfer",
        None,
    )
    assert AuditEvent.objects.get(action="account_reject").user == second_admin
    assert not AuditEvent.objects.filter(action="role_change").exists()


def test_the_requester_may_withdraw_their_request(client, role_request):
    client.post(url(role_request), {"decision": "reject", "reason": "typo"})
    role_request.refresh_from_db()
    assert role_request.status == "rejected"


def test_a_reason_is_needed(client, role_request, second_admin, as_user):
    as_user(second_admin)
    assert client.post(url(role_request), {"decision": "approve", "reason": ""}).status_code == 200
    role_request.refresh_from_db()
    assert role_request.status == "pending"


def test_a_decided_request_cannot_be_decided_again(client, role_request, second_admin, as_user):
    as_user(second_admin)
    client.post(url(role_request), {"decision": "reject", "reason": "no"})
    third = as_user(UserFactory(role=Role.ADMINISTRATOR))
    client.post(url(role_request), {"decision": "approve", "reason": "yes"})
    role_request.refresh_from_db()
    assert (role_request.status, role_request.decided_by) == ("rejected", second_admin)
    assert third != second_admin


def test_an_approved_creation_makes_the_account_and_mails_its_holder(
    client, creation_request, second_admin, as_user, mailoutbox
):
    assert not User.objects.filter(username="new.sw").exists()
    as_user(second_admin)
    client.post(url(creation_request), {"decision": "approve", "reason": "new DHS officer"})
    user = User.objects.get(username="new.sw")
    assert (user.first_name, user.email, role_of(user)) == ("Nia", "nia@example.org", Role.SOCIAL_WORKER)
    assert not user.has_usable_password()
    assert [m.to for m in mailoutbox] == [["nia@example.org"]]
    creation_request.refresh_from_db()
    assert creation_request.account == user
    assert AuditEvent.objects.get(action="account_create").detail == (
        "create: role - → social_worker; requested by ana.admin"
    )


def test_a_rejected_creation_makes_no_account(client, creation_request, second_admin, as_user, mailoutbox):
    as_user(second_admin)
    client.post(url(creation_request), {"decision": "reject", "reason": "unknown person"})
    assert not User.objects.filter(username="new.sw").exists() and mailoutbox == []


def test_an_administrator_the_requester_asks_for_cannot_approve_before_existing(client, admin, role_request):
    client.post(
        reverse("accounts:create"),
        {
            "username": "puppet",
            "first_name": "P",
            "last_name": "P",
            "email": "ana@example.org",
            "role": "administrator",
        },
    )
    assert not User.objects.filter(username="puppet").exists()  # waits for a second administrator
    role_request.refresh_from_db()
    assert role_request.status == "pending"


def test_a_change_to_the_approvers_own_account_is_not_theirs_to_decide(client, admin, second_admin, as_user):
    client.post(reverse("accounts:role", args=[second_admin.pk]), {"role": Role.POLICE})
    change = AccountChange.objects.get()
    as_user(second_admin)
    assert client.post(url(change), {"decision": "approve", "reason": "ok"}).status_code == 403
    assert role_of(second_admin) == Role.ADMINISTRATOR


def test_an_approval_is_refused_when_the_account_changed_since(client, role_request, second_admin, as_user):
    user = User.objects.get(username="sam")
    user.groups.set([])
    user.groups.add(role_request.account.groups.model.objects.get(name=Role.ADMINISTRATOR))
    as_user(second_admin)
    response = client.post(url(role_request), {"decision": "approve", "reason": "ok"})
    assert "has changed since" in response.content.decode()


def test_the_list_offers_the_request_to_other_administrators(client, role_request, second_admin, as_user):
    assert "Approve or reject" not in client.get(reverse("accounts:list")).content.decode()
    as_user(second_admin)
    assert "Approve or reject" in client.get(reverse("accounts:list")).content.decode()


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_other_roles_get_404(client, role_request, as_user, role):
    as_user(UserFactory(role=role))
    assert client.get(url(role_request)).status_code == 404
    assert client.post(url(role_request), {"decision": "approve", "reason": "x"}).status_code == 404
    role_request.refresh_from_db()
    assert role_request.status == "pending"


def test_anonymous_is_sent_to_login(client, role_request):
    client.logout()
    response = client.post(url(role_request), {"decision": "approve", "reason": "x"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_rejects_other_methods(client, role_request):
    assert client.put(url(role_request)).status_code == 405
