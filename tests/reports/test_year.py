"""The statistics' year, one rule for the page, the export address and the command: from
FIRST_STATISTICS_YEAR to this year. "This year" is read from the clock, never written down."""

import pytest
from django.utils import timezone

from reports.forms import FIRST_STATISTICS_YEAR, YearForm, statistics_years


def this_year() -> int:
    return timezone.localdate().year


def test_the_years_run_from_the_first_to_this_year():
    years = statistics_years()
    assert (years[0], years[-1]) == (FIRST_STATISTICS_YEAR, this_year())


@pytest.mark.parametrize("raw", ["", None])
def test_blank_is_this_year_without_error(raw):
    form = YearForm({} if raw is None else {"year": raw})
    assert form.is_valid()
    assert form.year == this_year()


def test_the_first_and_this_year_are_accepted():
    assert YearForm({"year": str(FIRST_STATISTICS_YEAR)}).year == FIRST_STATISTICS_YEAR
    assert YearForm({"year": str(this_year())}).year == this_year()


REFUSED = {
    "before the first": lambda: str(FIRST_STATISTICS_YEAR - 1),
    "next year": lambda: str(this_year() + 1),
    "a word": lambda: "abc",
    "negative": lambda: "-5",
    "a float": lambda: "1e400",
    "not a number": lambda: "NaN",
    "too large": lambda: "99999999999999999999",
    "too many digits": lambda: "9" * 5000,
}


@pytest.mark.parametrize("raw", REFUSED.values(), ids=REFUSED.keys())
def test_anything_else_is_refused_with_a_message_and_this_year(raw):
    form = YearForm({"year": raw()})
    assert not form.is_valid()
    year = this_year()
    assert form.errors["year"] == [
        f"Choose a year between {FIRST_STATISTICS_YEAR} and {year}; showing {year}."
    ]
    assert form.year == year
