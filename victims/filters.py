import datetime
from collections.abc import Callable

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from atip.codes import District, Exploitation, Sex
from atip.filters import YearFilter
from victims.ages import AgeGroup, age_group_q
from victims.models import IdentificationStatus, Victim
from victims.search import search_victims
from victims.selectors import in_care_q

# Conditions on a victim that apps above victims define (an open accommodation stay, a care-plan
# review overdue): {filter name: function of the day -> a Q on Victim through the reverse
# relations' names}. The app that keeps the records registers them (casework.apps), so that
# victims imports none of them; a condition nobody registered filters nothing.
CONDITIONS: dict[str, Callable[[datetime.date], Q]] = {}


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
    nationality = django_filters.ChoiceFilter(choices=lambda: list(countries), label=_("Nationality"))
    form = django_filters.ChoiceFilter(
        field_name="exploitation_forms", choices=Exploitation.choices, label=_("Exploitation")
    )
    district = django_filters.ChoiceFilter(choices=District.choices, label=_("District"))
    year = YearFilter(field_name="registered_on", label=_("Year registered"))
    in_care = django_filters.BooleanFilter(method="filter_in_care", label=_("In care today"))
    open_stay = django_filters.BooleanFilter(method="filter_condition", label=_("Has an open stay"))
    review_overdue = django_filters.BooleanFilter(method="filter_condition", label=_("Review overdue"))

    class Meta:
        model = Victim
        fields = []

    def search(self, queryset, name, value):
        return search_victims(queryset, value) if value.strip() else queryset

    def filter_age_group(self, queryset, name, value):
        return queryset.filter(age_group_q(timezone.localdate())[value])

    def filter_in_care(self, queryset, name, value):
        return queryset.filter(in_care_q()) if value else queryset.exclude(in_care_q())

    def filter_condition(self, queryset, name, value):
        condition = CONDITIONS.get(name)
        if condition is None:
            return queryset
        # Through a subquery: a person with two matching rows is listed once.
        matching = Exists(Victim.objects.filter(condition(timezone.localdate()), pk=OuterRef("pk")))
        return queryset.filter(matching) if value else queryset.exclude(matching)
