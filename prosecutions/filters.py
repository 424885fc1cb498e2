import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from atip.filters import YearFilter, YesNoFilter
from prosecutions.models import Charge, Court, Outcome, Prosecution


class ProsecutionFilter(django_filters.FilterSet):
    reference = django_filters.CharFilter(lookup_expr="icontains", label=_("Court case number"))
    court = django_filters.ChoiceFilter(choices=Court.choices, label=_("Court"))
    year = YearFilter(field_name="filed_on", label=_("Year filed"))
    pending = YesNoFilter(method="filter_pending", label=_("Outcome pending"))

    class Meta:
        model = Prosecution
        fields = ["reference", "court", "year", "pending"]

    def filter_pending(self, queryset, name, value):
        pending = Exists(Charge.objects.filter(prosecution=OuterRef("pk"), outcome=Outcome.PENDING))
        return queryset.filter(pending) if value else queryset.exclude(pending)
