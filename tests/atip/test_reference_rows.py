"""The roles and code lists are there after every flush (a transactional test ends with one),
so a test that runs after it on the same worker finds the database as the migrations left it."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from atip.codes import Exploitation, Language
from atip.models import ExploitationForm
from atip.roles import Role
from victims.models import SpokenLanguage


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_roles_and_the_code_lists():
    call_command("flush", interactive=False, verbosity=0)
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(Role.values)
    assert set(ExploitationForm.objects.values_list("code", flat=True)) == set(Exploitation.values)
    assert set(SpokenLanguage.objects.values_list("code", flat=True)) == set(Language.values)
    administrator = Group.objects.get(name=Role.ADMINISTRATOR)
    assert administrator.permissions.filter(codename="view_auditevent").exists()


@pytest.mark.django_db(transaction=True)
def test_a_missing_code_is_added_again_by_migrate_and_nothing_is_doubled():
    ExploitationForm.objects.filter(code=Exploitation.values[0]).delete()
    call_command("migrate", verbosity=0)
    call_command("migrate", verbosity=0)
    assert ExploitationForm.objects.count() == len(Exploitation.values)
    assert Group.objects.count() == len(Role.values)


def test_no_test_asks_for_serialized_rollback():
    """Its closing flush skips post_migrate: the next plain test on the worker would find no roles."""
    tests = Path(__file__).resolve().parents[1]
    asking = [
        str(path.relative_to(tests))
        for path in tests.rglob("test_*.py")
        if path != Path(__file__).resolve() and "serialized_rollback=True" in path.read_text()
    ]
    assert asking == []
