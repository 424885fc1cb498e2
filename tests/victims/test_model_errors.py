"""Issue 19.9: a record's rule reported on a field the form does not show (the identification
date on the victim's form) is a message above the form, never a 500; and every form that edits a
record gets that from one base class (atip.forms.ModelForm)."""

import datetime
import importlib
import inspect

import pytest
from django import forms
from django.urls import reverse

from atip.forms import ModelForm
from tests.atip.test_labels import FORM_MODULES
from tests.factories import VictimFactory
from tests.victims.test_edit import form_data
from victims.models import IdentificationStatus, Victim

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize("born", ["9999-12-31", "2021-01-01"], ids=["year-9999", "after-identification"])
def test_a_birth_after_the_identification_is_a_message_not_a_500(client, login, born):
    login()
    victim = VictimFactory(
        date_of_birth=D(2000, 1, 1),
        registered_on=D(2020, 3, 1),
        status=IdentificationStatus.IDENTIFIED,
        identification_date=D(2020, 6, 1),
    )
    response = client.post(reverse("victims:edit", args=[victim.pk]), form_data(victim, date_of_birth=born))
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert f"The identification date is before the date of birth ({born})." in errors
    assert Victim.objects.get(pk=victim.pk).date_of_birth == D(2000, 1, 1)


def test_every_form_of_a_record_reports_unknown_fields_above_the_form():
    model_forms = [
        form
        for name in FORM_MODULES
        for _, form in inspect.getmembers(importlib.import_module(name), inspect.isclass)
        if issubclass(form, forms.ModelForm) and form.__module__ == name
    ]
    assert len(model_forms) > 10
    assert [form.__name__ for form in model_forms if not issubclass(form, ModelForm)] == []


def test_an_error_on_a_missing_field_goes_above_the_form():
    class Form(ModelForm):
        class Meta:
            model = Victim
            fields = ["given_name"]

    form = Form(data={"given_name": "Ana"})
    form.add_error(None, forms.ValidationError({"identification_date": "Wrong.", "given_name": "Short."}))
    assert form.non_field_errors() == ["Wrong."]
    assert form.errors["given_name"] == ["Short."]
