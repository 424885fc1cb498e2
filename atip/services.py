"""Writes shared by every app: the one path a record is saved by, and users' roles."""

from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Model

from atip.audit import Action, audit
from atip.roles import Role
from atip.versioning import save_versioned

M = TypeVar("M", bound=Model)


@transaction.atomic
def model_save(
    instance: M,
    *,
    fields: Iterable[str],
    data: Mapping,
    by,
    expected_version: int | None = None,
    many: Iterable[str] = (),
    audit_obj: Model | None = None,
    detail: str | Callable[[M], str] = "",
) -> M:
    """Create (no pk) or change a record: set the named `fields` (and `many`-to-many sets) that
    `data` holds, refuse a stale version, validate the whole record, save it and audit it.

    In the manner of HackSoft's `model_update`: each service names the fields it writes, and
    anything else in `data` is ignored. The audit row names `audit_obj` (default: the record),
    with `detail` (or `detail(record)`, once the record has its pk).
    """
    created = instance.pk is None
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    if created and hasattr(instance, "created_by_id"):
        instance.created_by = by
    save_versioned(instance, expected_version=expected_version)
    for name in many:
        if name in data:
            getattr(instance, name).set(data[name])
    audit(
        action=Action.CREATE if created else Action.CHANGE,
        user=by,
        obj=audit_obj or instance,
        detail=detail(instance) if callable(detail) else detail,
    )
    return instance


@transaction.atomic
def user_set_role(*, username: str, role: Role | str, password: str | None = None):
    """Create or update a user so that it has exactly `role` (and a new password if given).

    No role reaches the admin site (is_staff): administrators manage accounts in the accounts
    app; the admin site is the emergency superuser's alone.
    """
    role = Role(role)
    user, _ = get_user_model().objects.get_or_create(username=username)
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
    elif not user.has_usable_password():
        user.set_unusable_password()
    user.is_staff = user.is_superuser
    user.is_active = True
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    return user
