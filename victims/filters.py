"""The victim's own filters of the caseload list. Those on what is recorded above victims (an
accommodation stay, a care plan) are added where their meaning is: casework.filters."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.codes import District, Exploitation, Sex
from atip.filters import ConditionFilter, YearFilter
from atip.widgets import ManyOptionsSelect, country_choices
from victims.ages import AgeGroup, age_group_q
from victims.models import IdentificationStatus, Victim
from victims.search import search_victims
from victims.selectors import in_care_q


class VictimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Name or reference"), max_length=100)
    status = django_filters.ChoiceFilter(
        field_name="identification_status", choices=IdentificationStatus.choices, label=_("Status")
    )
    sex = django_filters.ChoiceFilter(choices=Sex.choices, label=_("Sex"))
    age_group = django_filters.ChoiceFilter(
        method="filter_age_group", label=_("Age today"), choices=AgeGroup.choices
    )
    # A callable: the names (and their order) of the language the page is shown in.
    nationality = django_filters.ChoiceFilter(
        choices=country_choices, label=_("Nationality"), widget=ManyOptionsSelect
    )
    form = django_filters.ChoiceFilter(
        field_name="exploitation_forms", choices=Exploitation.choices, label=_("Exploitation")
    )
    district = django_filters.ChoiceFilter(choices=District.choices, label=_("District"))
    year = YearFilter(field_name="registered_on", label=_("Year registered"))
    in_care = ConditionFilter(in_care_q, label=_("In care today"))

    class Meta:
        model = Victim
        fields = []

    def search(self, queryset, name, value):
        return search_victims(queryset, value) if value.strip() else queryset

    def filter_age_group(self, queryset, name, value):
        return queryset.filter(age_group_q(timezone.localdate())[value])
