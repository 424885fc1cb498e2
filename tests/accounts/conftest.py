import pytest

from atip.roles import Role
from tests.factories import UserFactory

NOT_ADMINS = [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.SECRETARY]


@pytest.fixture
def admin(login):
    """The administrator logged in on `client`."""
    return login(Role.ADMINISTRATOR, username="ana.admin")


@pytest.fixture
def second_admin():
    """Another administrator: the second person of the two-person rule."""
    return UserFactory(role=Role.ADMINISTRATOR, username="ben.admin")


@pytest.fixture
def as_user(client):
    """as_user(user): log `user` in on `client` instead of whoever was."""

    def _as(user):
        client.logout()
        client.force_login(user)
        return user

    return _as
