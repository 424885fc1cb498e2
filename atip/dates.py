"""The range a record's date may take, checked by field validators (one place for each rule).

No date before 1900: a year typed as 0024 for 2024 would otherwise be kept, and would count the
person as in care since antiquity. No date of something that has happened in the future.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1900, 1, 1)
# The years a list filter or the statistics page may ask for.
FIRST_YEAR, LAST_YEAR = EARLIEST.year, 2100


def not_before_1900(value: datetime.date) -> None:
    if value < EARLIEST:
        raise ValidationError(
            _("%(date)s is before 1900: check the year."),
            code="too_early",
            params={"date": value.isoformat()},
        )


def not_in_future(value: datetime.date) -> None:
    """For the date of something that has happened (a birth, a report, a verdict…)."""
    if value > timezone.localdate():
        raise ValidationError(_("This date is in the future."), code="future")


YEARS_AHEAD = 5  # how far ahead a planned date (a hearing, a return) may be


def not_far_ahead(value: datetime.date) -> None:
    """For a planned date: a hearing or a return more than a few years ahead is a typing error."""
    today = timezone.localdate()
    if value > today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28)):
        raise ValidationError(
            _("This date is more than %(years)d years ahead: check the year."),
            code="far",
            params={"years": YEARS_AHEAD},
        )


PAST = [not_before_1900, not_in_future]  # the validators of a date that has happened
PLANNED = [not_before_1900, not_far_ahead]  # … and of a date that may still be to come
