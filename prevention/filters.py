import django_filters
from django.utils.translation import gettext_lazy as _

from atip.filters import YearFilter
from prevention.models import Activity, ActivityKind, Audience


class ActivityFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ActivityKind.choices, label=_("Kind"))
    direct = django_filters.ChoiceFilter(
        choices=[("yes", _("Direct")), ("no", _("Indirect"))], method="filter_direct", label=_("Direct")
    )
    audience = django_filters.ChoiceFilter(choices=Audience.choices, label=_("Audience"))
    year = YearFilter(field_name="date", label=_("Year"))

    class Meta:
        model = Activity
        fields = ["kind", "direct", "audience", "year"]

    def filter_direct(self, queryset, name, value):
        return queryset.filter(direct=value == "yes")
