"""Issue 11, points 4 and 6: every label a form or a list shows is marked for translation, and
"Other" is the last choice of every list (its code unchanged)."""

import importlib
import inspect
import pkgutil

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django_countries.fields import CountryField

from victims.forms import VictimForm
from victims.models import Victim

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("atip", "accounts", "victims", "services", "cases", "prosecutions", "prevention", "casework")


def _modules_with_forms() -> list[str]:
    """Every module of the project's apps that defines a form (found, not listed: a new forms
    module is checked the day it is written)."""
    found = []
    for app in (*PROJECT_APPS, "reports"):
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            if any(
                issubclass(value, forms.BaseForm) and value.__module__ == info.name
                for _name, value in inspect.getmembers(module, inspect.isclass)
            ):
                found.append(info.name)
    return sorted(found)


FORM_MODULES = _modules_with_forms()
FILTER_MODULES = [
    "atip.filters",
    "cases.filters",
    "prevention.filters",
    "prosecutions.filters",
    "victims.filters",
]


def test_every_field_of_the_victim_form_has_a_marked_verbose_name():
    # A verbose name Django derives from the field's name cannot be translated.
    for name in VictimForm._meta.fields:
        field = Victim._meta.get_field(name)
        assert isinstance(field.verbose_name, Promise), name
        if field.help_text:
            assert isinstance(field.help_text, Promise), name
    assert isinstance(Victim._meta.verbose_name, Promise)


def test_every_code_list_of_the_project_has_marked_labels():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if isinstance(field, CountryField):  # django-countries translates its own names
                continue
            for _value, label in getattr(field, "flatchoices", None) or []:
                assert isinstance(label, Promise), (model.__name__, field.name, label)


def _form_classes():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if not issubclass(value, forms.BaseForm) or value.__module__ != module_name:
                continue
            if issubclass(value, forms.BaseModelForm) and value._meta.model is None:
                continue  # a base of model forms (VersionedForm)
            yield value


def _fields(form_class):
    """The form's fields as a page shows them: built by the form itself when it needs no more
    than its data (choices set in __init__ included), else as declared."""
    try:
        return form_class().fields
    except TypeError:  # it needs the record it is about (a prosecution, a referral…)
        return form_class.base_fields


def _values(field) -> list[str]:
    return [str(getattr(value, "value", value)) for value, _label in field.choices]


def test_other_comes_last_in_every_choice_list_of_every_form():
    checked = 0
    for form_class in _form_classes():
        for name, field in _fields(form_class).items():
            if not isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                continue
            if isinstance(field, forms.ModelChoiceField) and field.queryset is None:
                continue  # its rows are chosen in __init__ (for a user, a record): none declared
            values = _values(field)
            if "other" in values:
                checked += 1
                assert values[-1] == "other", (form_class.__name__, name, values)
    assert checked >= 10  # sex, forms of exploitation, languages, agencies, services, sources…


def test_other_comes_last_in_every_filter_of_every_list():
    checked = 0
    for module_name in FILTER_MODULES:
        module = importlib.import_module(module_name)
        for _name, filterset in inspect.getmembers(module, inspect.isclass):
            if not issubclass(filterset, django_filters.FilterSet) or filterset.__module__ != module_name:
                continue
            for name, field in filterset().form.fields.items():
                if isinstance(field, forms.ChoiceField) and "other" in _values(field):
                    checked += 1
                    assert _values(field)[-1] == "other", (filterset.__name__, name)
    assert checked >= 5


def test_every_code_list_puts_other_last():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            values = [value for value, _label in getattr(field, "flatchoices", None) or []]
            if isinstance(field, models.Field) and "other" in values:
                assert values[-1] == "other", (model.__name__, field.name)
