import pytest
from django.contrib.auth.models import Group

from atip.codes import Exploitation, Language
from atip.models import ExploitationForm
from atip.roles import Role
from victims.models import SpokenLanguage


@pytest.fixture(autouse=True)
def migration_rows(transactional_db):
    """The rows the data migration made (role groups, exploitation and language codes).

    Browser tests run against a live server, so their database is flushed after each test;
    serialized_rollback does not bring these rows back when a plain database test ran before
    (the saved copy is taken on another connection). Recreating them here keeps every browser
    test independent of the order the suite runs in."""
    for role in Role:
        Group.objects.get_or_create(name=role)
    for code in Exploitation:
        ExploitationForm.objects.get_or_create(code=code)
    for code in Language:
        SpokenLanguage.objects.get_or_create(code=code)
