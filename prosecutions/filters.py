import django_filters
from django.db.models import Exists, OuterRef

from atip.filters import YearFilter
from prosecutions.models import Charge, Court, Outcome, Prosecution


class ProsecutionFilter(django_filters.FilterSet):
    reference = django_filters.CharFilter(lookup_expr="icontains", label="Court case number")
    court = django_filters.ChoiceFilter(choices=Court.choices)
    year = YearFilter(field_name="filed_on", label="Year filed")
    pending = django_filters.BooleanFilter(method="filter_pending", label="Outcome pending")

    class Meta:
        model = Prosecution
        fields = ["reference", "court", "year", "pending"]

    def filter_pending(self, queryset, name, value):
        pending = Exists(Charge.objects.filter(prosecution=OuterRef("pk"), outcome=Outcome.PENDING))
        return queryset.filter(pending) if value else queryset.exclude(pending)
