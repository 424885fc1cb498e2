import django_filters

from atip.filters import YearFilter
from prevention.models import Activity, ActivityKind, Audience


class ActivityFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices)
    direct = django_filters.ChoiceFilter(
        choices=[("yes", "Direct"), ("no", "Indirect")], method="filter_direct", label="Direct"
    )
    audience = django_filters.ChoiceFilter(choices=Audience.choices)
    year = YearFilter(field_name="date", label="Year")

    class Meta:
        model = Activity
        fields = ["kind", "direct", "audience", "year"]

    def filter_direct(self, queryset, name, value):
        return queryset.filter(direct=value == "yes")
