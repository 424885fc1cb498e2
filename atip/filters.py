import django_filters
from django import forms
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


class AuditEventFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(lookup_expr="iexact", label=_("Username"))
    action = django_filters.ChoiceFilter(choices=AuditEvent.Action.choices, label=_("Action"))
    object_type = django_filters.CharFilter(label=_("Record type"))
    object_ref = django_filters.CharFilter(label=_("Reference"), lookup_expr="iexact")
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("To"))

    class Meta:
        model = AuditEvent
        fields = ["username", "action", "object_type", "object_ref"]
