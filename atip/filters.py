import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

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
    """Every account, to choose from (an event of an unknown name is found by its other fields)."""
    names = get_user_model().objects.order_by("username").values_list("username", flat=True)
    return [(name, name) for name in names]


def record_types():
    """The record types events are written about, by the name people know them by."""
    models = {
        model._meta.model_name: capfirst(model._meta.verbose_name)
        for app in AUDITED_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    }
    return sorted({**models, **NOT_RECORDS}.items(), key=lambda choice: str(choice[1]).lower())


class AuditEventFilter(django_filters.FilterSet):
    username = django_filters.ChoiceFilter(choices=usernames, label=_("User"))
    action = django_filters.ChoiceFilter(choices=AuditEvent.Action.choices, label=_("Action"))
    object_type = django_filters.ChoiceFilter(choices=record_types, label=_("Record type"))
    object_ref = django_filters.CharFilter(label=_("Reference"), lookup_expr="iexact")
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("To"))

    class Meta:
        model = AuditEvent
        fields = ["username", "action", "object_type", "object_ref"]
