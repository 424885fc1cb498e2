import django_filters

from atip.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(lookup_expr="iexact")
    action = django_filters.ChoiceFilter(choices=AuditEvent.Action.choices)
    object_type = django_filters.CharFilter(label="Record type")
    object_ref = django_filters.CharFilter(label="Reference", lookup_expr="iexact")
    date_from = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label="From")
    date_to = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label="To")

    class Meta:
        model = AuditEvent
        fields = ["username", "action", "object_type", "object_ref"]
