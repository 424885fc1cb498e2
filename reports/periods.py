"""The period of the figures: the calendar year Y (1 January – 31 December, the Council's own,
spec/annual-statistics.md) or the TIP Report's year Y (1 April Y – 31 March Y+1: the US State
Department's reporting period, docs/tip-indicators.md)."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

CALENDAR, TIP = "calendar", "tip"
PERIOD_KINDS = {CALENDAR: _("Calendar year"), TIP: _("TIP Report year (1 April – 31 March)")}


@dataclass(frozen=True)
class Period:
    """Year `year` of `kind`: the days first..last inclusive."""

    year: int
    kind: str = CALENDAR

    def __post_init__(self):
        if self.kind not in PERIOD_KINDS:
            raise ValueError(f"no period of kind {self.kind!r}")

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.kind == CALENDAR else 4, 1)

    @property
    def last(self) -> datetime.date:
        if self.kind == CALENDAR:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year + 1, 3, 31)

    @property
    def key(self) -> str:
        """ "2024" for a calendar year, "2024-tip" for a TIP year (file names, cache keys)."""
        return str(self.year) if self.kind == CALENDAR else f"{self.year}-{self.kind}"

    @property
    def interval(self) -> str:
        """ "2024" for a calendar year; the ISO interval "2024-04-01/2025-03-31" otherwise."""
        return (
            str(self.year) if self.kind == CALENDAR else f"{self.first.isoformat()}/{self.last.isoformat()}"
        )

    def label(self) -> str:
        """ "2024", or "1 April 2024 – 31 March 2025" in the active language."""
        if self.kind == CALENDAR:
            return str(self.year)
        return f"{date_format(self.first, 'DATE_FORMAT')} – {date_format(self.last, 'DATE_FORMAT')}"

    def before(self) -> "Period":
        return Period(self.year - 1, self.kind)


def as_period(year: "int | Period") -> Period:
    """A period from a year (the calendar year) or a period."""
    return year if isinstance(year, Period) else Period(year)


# What every figure takes: a calendar year, or a Period.
Year = int | Period
