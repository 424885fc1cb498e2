import django_filters
from django.utils.translation import gettext_lazy as _

from atip.codes import District
from atip.filters import YearFilter
from atip.roles import Ability, can
from cases.models import Case, CaseSource, CaseStatus


class CaseFilter(django_filters.FilterSet):
    reference = django_filters.CharFilter(lookup_expr="icontains", label=_("Reference"))
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label=_("Status"))
    source = django_filters.ChoiceFilter(choices=CaseSource.choices, label=_("Source"))
    district = django_filters.ChoiceFilter(choices=District.choices, label=_("District"))
    year = YearFilter(field_name="reported_on", label=_("Year reported"))

    class Meta:
        model = Case
        fields = ["reference", "status", "source", "district", "year"]


def case_filter_for(user) -> type[CaseFilter]:
    """The filters of the case list for what `user` reads of a case."""
    return CaseFilter if can(user, Ability.VIEW_CASE_DETAILS) else LimitedCaseFilter


class LimitedCaseFilter(CaseFilter):
    """For social workers, who read only the status and dates of a case (roles.md)."""

    class Meta:
        model = Case
        fields = ["reference", "status", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["source"]
        del self.filters["district"]
