"""The year of the statistics: one rule for the page's ?year=, the export address and the command."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The first year of the Council's statistics. Records may be older (atip.dates.FIRST_YEAR), but
# no figures are shown or exported before this year.
FIRST_STATISTICS_YEAR = 2000


def statistics_years() -> range:
    """The years whose figures may be shown or exported: FIRST_STATISTICS_YEAR to this year."""
    return range(FIRST_STATISTICS_YEAR, timezone.localdate().year + 1)


class YearForm(forms.Form):
    """The statistics page's ?year=. Blank is this year; a year outside statistics_years(), or
    not a number, is an error, and the page shows this year (never a 500)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = statistics_years()
        self.this_year = years[-1]
        refused = _("Choose a year between %(first)s and %(last)s; showing %(last)s.") % {
            "first": years[0],
            "last": self.this_year,
        }
        # Built here, not on the class: the last year is this year, read on each request.
        self.fields["year"] = forms.IntegerField(
            label=_("Year"),
            required=False,
            min_value=years[0],
            max_value=years[-1],
            error_messages={"invalid": refused, "min_value": refused, "max_value": refused},
        )

    @property
    def year(self) -> int:
        """The year asked for, or this year when it is blank or refused."""
        if self.is_valid() and self.cleaned_data["year"] is not None:
            return self.cleaned_data["year"]
        return self.this_year


class PublishForm(forms.Form):
    """Publishing a year: the threshold of the public edition, and why (needed from the second
    edition on: reports.editions.edition_publish says so next to the field)."""

    threshold = forms.IntegerField(
        label=_("Threshold"),
        min_value=0,
        max_value=20,
        initial=5,
        widget=forms.NumberInput(attrs={"class": "form-control", "size": 3}),
        help_text=_("Counts of victims from 1 to threshold − 1 are shown as “<threshold”; 0: exact counts."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("Why the year is published again (required from the second edition on)."),
    )


class AnonymityForm(forms.Form):
    """The k of the CTDC file's k-anonymity (?k=); blank or refused: the default."""

    k = forms.IntegerField(label="k", required=False, min_value=2, max_value=100)

    def k_or_default(self, default: int) -> int:
        if self.is_valid() and self.cleaned_data["k"] is not None:
            return self.cleaned_data["k"]
        return default
