"""Issue 11.6: the previous versions on a victim's page name what changed as a person reads it:
labels of code lists and of sets ("Domestic servitude, Forced labour"), yes or no, never codes."""

import pytest
from django.utils import translation

from atip.history import history_with_changes
from tests.factories import VictimFactory
from victims.services import victim_update

pytestmark = pytest.mark.django_db


def changes_of(victim) -> list[str]:
    return [change for version in history_with_changes(victim.history.all()) for change in version.changes]


def test_a_set_of_forms_of_exploitation_is_shown_by_its_labels(client, login):
    user = login()
    victim = VictimFactory(exploitation_forms=["forced_labour"])
    data = {"exploitation_forms": ["forced_labour", "domestic_servitude"]}
    victim_update(victim=victim, by=user, data=data, expected_version=victim.version)
    assert "forms of exploitation: Forced labour → Domestic servitude, Forced labour" in changes_of(victim)
    body = client.get(victim.get_absolute_url()).content.decode()
    assert "Domestic servitude, Forced labour" in body
    assert "domestic_servitude" not in body


def test_languages_choices_and_yes_or_no_are_shown_as_words(login):
    user = login()
    victim = VictimFactory(languages=["es"], sex="unknown")
    data = {"languages": ["es", "kek"], "sex": "female", "interpreter_needed": True}
    victim_update(victim=victim, by=user, data=data, expected_version=victim.version)
    changes = changes_of(victim)
    assert "languages spoken: Spanish → Q'eqchi', Spanish" in changes
    assert "sex: Unknown → Female" in changes
    assert "interpreter needed: No → Yes" in changes


def test_the_history_is_in_the_language_of_the_page(login):
    user = login()
    victim = VictimFactory(sex="unknown")
    data = {"sex": "female", "interpreter_needed": True}
    victim_update(victim=victim, by=user, data=data, expected_version=victim.version)
    with translation.override("es"):
        changes = changes_of(victim)
    assert sorted(changes) == ["necesita intérprete: No → Sí", "sexo: Desconocido → Femenino"]
