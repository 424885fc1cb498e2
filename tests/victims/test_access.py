"""victims.access: what a user may see of a victim, and the audit row of each name read."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import CaseFactory, UserFactory, VictimFactory
from victims.access import IdentityNotRead, VictimAccess

pytestmark = pytest.mark.django_db


def views_of(victim):
    return AuditEvent.objects.filter(action="view", object_type="victim", object_id=str(victim.pk))


def test_reading_the_identity_writes_one_row_naming_the_page():
    victim = VictimFactory(given_name="Marisol")
    access = VictimAccess(victim, user=UserFactory(role=Role.SOCIAL_WORKER), where="victim list")

    assert access.identity.given_name == "Marisol"

    assert list(views_of(victim).values_list("detail", flat=True)) == ["victim list"]


def test_an_identity_field_read_from_the_view_is_read_through_the_identity():
    victim = VictimFactory(given_name="Marisol", family_name="Pop")
    access = VictimAccess(victim, user=UserFactory(role=Role.SOCIAL_WORKER))

    assert access.full_name == "Marisol Pop"
    assert views_of(victim).count() == 1


def test_other_fields_are_read_without_a_row():
    victim = VictimFactory()
    access = VictimAccess(victim, user=UserFactory(role=Role.SOCIAL_WORKER))

    assert (access.reference, access.sex, access.pk) == (victim.reference, victim.sex, victim.pk)
    assert access == victim and access.victim is victim
    assert views_of(victim).count() == 0


def test_where_the_page_may_not_show_the_identity_it_is_none_and_a_field_read_fails_loudly():
    victim = VictimFactory()
    access = VictimAccess(victim, user=UserFactory(role=Role.SOCIAL_WORKER), identity=False)

    assert access.identity is None
    assert access.heading == victim.reference
    with pytest.raises(IdentityNotRead):
        access.full_name  # noqa: B018
    assert views_of(victim).count() == 0


def test_what_the_user_may_do_comes_with_the_view():
    victim = VictimFactory()
    worker = VictimAccess(victim, user=UserFactory(role=Role.SOCIAL_WORKER))
    officer = VictimAccess(victim, user=UserFactory(role=Role.POLICE))

    assert (worker.manage, worker.assistance, worker.casework) == (True, True, True)
    assert (officer.manage, officer.assistance, officer.casework) == (False, False, False)


def test_a_page_reading_a_name_many_times_writes_one_row(client):
    """The victim's page reads the identity for the heading, the person's facts and the
    guardian: one row for the response."""
    victim = VictimFactory(given_name="Marisol", guardian_name="Rosa")
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER))

    body = client.get(victim.get_absolute_url()).content.decode()

    assert "Marisol" in body and "Rosa" in body
    assert views_of(victim).count() == 1


def test_a_social_worker_reads_a_cases_victims_by_reference_only(client):
    victim = VictimFactory(given_name="Marisol")
    case = CaseFactory(victims=[victim])
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER))

    body = client.get(case.get_absolute_url()).content.decode()

    assert victim.reference in body and "Marisol" not in body
    assert views_of(victim).count() == 0


def test_names_are_audited_in_one_place():
    """atip.reads.audit_shown is called by atip and by the module that builds the views only."""
    callers = {
        path.relative_to(settings.BASE_DIR).as_posix()
        for path in Path(settings.BASE_DIR).glob("*/**/*.py")
        if not path.is_relative_to(Path(settings.BASE_DIR) / "tests")
        and ".venv" not in path.parts
        and re.search(r"\baudit_shown\(", path.read_text())
    }
    assert {caller for caller in callers if not caller.startswith("atip/")} <= {"victims/access.py"}
