"""The year of the statistics: one rule for the page's ?year=, the export address and the command."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.versioning import VersionedForm
from reports.models import FactsheetDraft
from reports.periods import CALENDAR, PERIOD_KINDS, Period

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

        self.fields["period"] = forms.ChoiceField(
            label=_("Period"), required=False, choices=list(PERIOD_KINDS.items())
        )

    @property
    def period(self) -> Period:
        """The year asked for, of the kind asked for (a kind refused or blank: the calendar year)."""
        kind = self.cleaned_data.get("period") if self.is_valid() else None
        return Period(self.year, kind or CALENDAR)

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


class FactsheetTextsForm(VersionedForm):
    """The secretary's texts of a year's factsheet in one language (reports.factsheet_texts). The
    definition and the address are what a published factsheet always carries: required."""

    class Meta:
        model = FactsheetDraft
        fields = [
            "narrative",
            "definition",
            "prevention_summary",
            "contact_address",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 5}),
            "definition": forms.Textarea(attrs={"rows": 7}),
            "prevention_summary": forms.Textarea(attrs={"rows": 4}),
            "contact_address": forms.Textarea(attrs={"rows": 4}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        }

    def __init__(self, data=None, *args, language: str, **kwargs):
        if data is not None:
            # A browser counts a line break as one character towards maxlength and sends it as
            # two (CR LF): read it as one, so that what the page let through is not refused here.
            data = data.copy()
            for name in self._meta.widgets:
                if name in data:
                    data[name] = data[name].replace("\r\n", "\n").replace("\r", "\n")
        super().__init__(data, *args, **kwargs)
        for name in ("definition", "contact_address"):
            self.fields[name].required = True
        for name in self._meta.fields:
            field = self.fields[name]
            # The texts are in the factsheet's language, whatever the page's: spelling and speech.
            field.widget.attrs["lang"] = language
            if name in self._meta.widgets and isinstance(field.widget, forms.Textarea):
                limit = _("At most %(n)s characters.") % {"n": field.max_length}
                field.help_text = f"{field.help_text} {limit}".strip()


class AnonymityForm(forms.Form):
    """The k of the CTDC file's k-anonymity (?k=); blank or refused: the default."""

    k = forms.IntegerField(label="k", required=False, min_value=2, max_value=100)

    def k_or_default(self, default: int) -> int:
        if self.is_valid() and self.cleaned_data["k"] is not None:
            return self.cleaned_data["k"]
        return default


class AgreementForm(forms.Form):
    """The data-sharing agreement under which the pseudonymous file is sent."""

    agreement = forms.RegexField(
        label=_("Reference of the data-sharing agreement"),
        max_length=64,
        regex=r"^[A-Za-z0-9][A-Za-z0-9 /._-]{2,63}$",
        error_messages={
            "invalid": _("Give the agreement's reference: 3 to 64 letters, digits, spaces, / . _ or -.")
        },
        help_text=_("As written on the signed agreement, e.g. DSA-2026-03."),
    )
