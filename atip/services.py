from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from atip.roles import Role


@transaction.atomic
def user_set_role(*, username: str, role: Role | str, password: str | None = None):
    """Create or update a user so that it has exactly `role` (and a new password if given).

    Administrators get admin-site access (is_staff) for managing users; nobody else does.
    """
    role = Role(role)
    user, _ = get_user_model().objects.get_or_create(username=username)
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
    elif not user.has_usable_password():
        user.set_unusable_password()
    user.is_staff = role == Role.ADMINISTRATOR
    user.is_active = True
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    return user
