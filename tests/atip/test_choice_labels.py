"""atip.models.ChoiceLabels: get_FOO_display() from labels made once per field and language,
the same as Django's own."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from atip.models import ChoiceLabels, ExploitationForm
from victims.models import Victim


def test_the_labels_are_those_of_the_language_of_the_request():
    victim = Victim(sex="female", nationality="DE")
    assert (victim.get_sex_display(), victim.get_nationality_display()) == ("Female", "Germany")
    with translation.override("es"):
        assert (victim.get_sex_display(), victim.get_nationality_display()) == ("Femenino", "Alemania")
    assert victim.get_sex_display() == "Female"  # the English labels were not replaced


def test_a_value_without_a_label_is_shown_as_it_is():
    assert Victim(sex="zz").get_sex_display() == "zz"
    assert Victim(sex=None).get_sex_display() is None


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_label_is_djangos_own(language):
    """Each choice field of every record that takes the labels from ChoiceLabels, each choice."""
    checked = 0
    with translation.override(language):
        for model in apps.get_models():
            if not issubclass(model, ChoiceLabels):
                continue
            for field in model._meta.concrete_fields:
                if not field.choices:
                    continue
                for value, _label in field.flatchoices[:30]:
                    record = model(**{field.attname: value})
                    ours = getattr(record, f"get_{field.name}_display")()
                    assert ours == models.Model._get_FIELD_display(record, field), (model, field.name)
                    checked += 1
    assert checked > 200
    assert issubclass(ExploitationForm, ChoiceLabels)
