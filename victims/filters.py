import django_filters
from django.utils import timezone
from django_countries import countries

from atip.codes import District, Exploitation, Sex
from atip.filters import YearFilter
from victims.models import AgeGroup, IdentificationStatus, Victim, age_group_q
from victims.search import search_victims


class VictimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Name or reference", max_length=100)
    status = django_filters.ChoiceFilter(
        field_name="identification_status", choices=IdentificationStatus.choices, label="Status"
    )
    sex = django_filters.ChoiceFilter(choices=Sex.choices)
    age_group = django_filters.ChoiceFilter(
        method="filter_age_group", label="Age today", choices=AgeGroup.choices
    )
    nationality = django_filters.ChoiceFilter(choices=list(countries))
    form = django_filters.ChoiceFilter(
        field_name="exploitation_forms", choices=Exploitation.choices, label="Exploitation"
    )
    district = django_filters.ChoiceFilter(choices=District.choices)
    year = YearFilter(field_name="registered_on", label="Year registered")

    class Meta:
        model = Victim
        fields = []

    def search(self, queryset, name, value):
        return search_victims(queryset, value) if value.strip() else queryset

    def filter_age_group(self, queryset, name, value):
        return queryset.filter(age_group_q(timezone.localdate())[value])
