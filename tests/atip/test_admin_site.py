"""Issue 19, item 4: the emergency superuser changed a role through /admin/ with no second
administrator and no audit row. The admin site is read-only for every model on it; a change
posted there answers 403 and is audited as a refused access."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from atip.models import AuditEvent
from atip.roles import Role, role_of
from tests.factories import UserFactory, enrol

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(user)
    return user


def test_a_role_change_posted_through_the_admin_site_fails_and_is_audited(client, root):
    sam = UserFactory(username="sam", role=Role.SECRETARY)
    social_workers = Group.objects.get(name=Role.SOCIAL_WORKER)
    data = {"username": "sam", "first_name": "", "last_name": "", "email": "root@evil.example"}
    data |= {"is_active": "on", "groups": [social_workers.pk], "last_login_0": "", "date_joined_0": ""}
    response = client.post(reverse("admin:auth_user_change", args=[sam.pk]), data)
    assert response.status_code == 403
    sam.refresh_from_db()
    assert role_of(sam) == Role.SECRETARY and sam.email != "root@evil.example"
    refusal = AuditEvent.objects.get(action="denied")
    assert (refusal.user, refusal.object_type, refusal.detail) == (
        root,
        "admin:auth_user_change",
        "403 forbidden",
    )


def test_the_admin_site_sets_no_password_and_resets_no_device(client, root):
    sam = UserFactory(username="sam", role=Role.SOCIAL_WORKER)
    enrol(sam)
    password = reverse("admin:auth_user_password_change", args=[sam.pk])
    response = client.post(
        password, {"password1": "y" * 16, "password2": "y" * 16, "usable_password": "true"}
    )
    assert response.status_code == 403
    device = TOTPDevice.objects.get(user=sam)
    assert (
        client.post(
            reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert TOTPDevice.objects.filter(user=sam).exists()


def test_a_group_cannot_be_given_permissions(client, root):
    group = Group.objects.get(name=Role.SECRETARY)
    response = client.post(reverse("admin:auth_group_change", args=[group.pk]), {"name": "secretary"})
    assert response.status_code == 403


def test_every_model_on_the_admin_site_is_read_only(root):
    request = RequestFactory().get("/admin/")
    request.user = root
    for model, model_admin in admin.site._registry.items():
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
        assert model_admin.has_view_permission(request), model
