import datetime
from collections.abc import Callable

import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Exists
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from atip.audit_log import action_choices, action_filter
from atip.dates import FIRST_YEAR, LAST_YEAR
from atip.models import AuditEvent


class YearFilter(django_filters.NumberFilter):
    """A calendar year of a date field. A year the database cannot hold (-5, 99999…) is a
    message next to the field and no filter, never a 500."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)


class AnyYesNoSelect(forms.NullBooleanSelect):
    """A yes/no filter's choices: "Any" (no filter) rather than Django's "Unknown", which reads
    as "not recorded". The values sent stay Django's (unknown, true, false)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [
            ("unknown", pgettext_lazy("no filter", "Any")),
            ("true", _("Yes")),
            ("false", _("No")),
        ]


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no filter whose empty choice says "Any"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", AnyYesNoSelect)
        super().__init__(*args, **kwargs)


def active_filters(filterset) -> int:
    """How many of the filters were given a value (an empty one, or "Any", is no filter): the
    number on the button that unfolds them on a phone. Reads the submitted data only."""
    form = filterset.form
    if not form.is_bound:
        return 0
    count = 0
    for name, field in form.fields.items():
        value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, "", [], ()):
            count += 1
    return count


class ConditionFilter(YesNoFilter):
    """Yes: the rows for which `condition(today)` holds; no: the others. The condition is given
    where the filter is declared, so that a list cannot name one nobody defined; it is an Exists
    on the listed rows, so that a row matched through two related rows is listed once."""

    def __init__(self, condition: Callable[[datetime.date], Exists], **kwargs):
        super().__init__(**kwargs)
        self.condition = condition

    def filter(self, qs, value):
        if value is None:
            return qs
        matching = self.condition(timezone.localdate())
        return qs.filter(matching) if value else qs.exclude(matching)


# What an audit event is about, besides the project's records (atip.audit: a model's name).
AUDITED_APPS = (
    "auth",
    "accounts",
    "victims",
    "services",
    "cases",
    "casework",
    "prosecutions",
    "prevention",
    "reports",
)
NOT_RECORDS = {
    "records": _("Records (export)"),
    "annual_report": _("Annual statistics"),
    "annual_edition": _("Published edition"),
    "person_level": _("Person-level export"),
}


def usernames():
    """Every account, to choose from, by its username and the person's name (an event of an
    unknown name is found by its other fields)."""
    accounts = (
        get_user_model().objects.order_by("username").values_list("username", "first_name", "last_name")
    )
    return [(username, _person(username, f"{first} {last}".strip())) for username, first, last in accounts]


def _person(username: str, name: str) -> str:
    return f"{username} ({name})" if name else username


def record_types():
    """The record types events are written about, by the name people know them by."""
    models = {
        model._meta.model_name: capfirst(model._meta.verbose_name)
        for app in AUDITED_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }
    return sorted({**models, **NOT_RECORDS}.items(), key=lambda choice: str(choice[1]).lower())


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # the browser's date picker


class AuditEventFilter(django_filters.FilterSet):
    """The audit page's filters (issue 21.11): by person, by record (its reference, or the
    username of an account), by action and by dates chosen with the browser's date picker."""

    username = django_filters.ChoiceFilter(choices=usernames, label=_("User"))
    object_ref = django_filters.CharFilter(
        label=_("Record reference"),
        lookup_expr="iexact",
        widget=forms.TextInput(attrs={"placeholder": "V-2026-0001"}),
    )
    action = django_filters.ChoiceFilter(
        choices=action_choices, label=_("Action"), method=lambda qs, name, value: action_filter(qs, value)
    )
    object_type = django_filters.ChoiceFilter(choices=record_types, label=_("Record type"))
    date_from = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=_("From"), widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("To"), widget=DATE_INPUT
    )

    class Meta:
        model = AuditEvent
        fields = ["username", "object_ref", "action", "object_type"]
