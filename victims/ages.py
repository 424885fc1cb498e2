"""Ages (data dictionary, "Ages"): whole years, the day a person turns 18, and the age groups
every figure is broken down by."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ADULT_AGE = 18


def add_years(day: datetime.date, years: int) -> datetime.date:
    """`day` moved by whole years; 29 February becomes 1 March when the year has none."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return datetime.date(day.year + years, 3, 1)


def full_years(since: datetime.date, day: datetime.date) -> int:
    """Whole years from `since` to `day` (an age: 17 until the day before the 18th birthday)."""
    return day.year - since.year - ((day.month, day.day) < (since.month, since.day))


def age_on(
    day: datetime.date,
    *,
    born: datetime.date | None,
    estimate: int | None,
    registered: datetime.date | None,
) -> int | None:
    """Age on `day`: from the date of birth, else from the age estimated at registration; None
    when unknown or when `day` is before the birth."""
    if born:
        age = full_years(born, day)
    elif estimate is not None and registered:
        age = estimate + full_years(registered, day)
    else:
        return None
    return age if age >= 0 else None


class AgeGroup(models.TextChoices):
    """Minor or adult on a given day (data dictionary, "Ages")."""

    MINOR = "minor", _("Minor (under 18)")
    ADULT = "adult", _("Adult")
    UNKNOWN = "unknown", _("Age unknown")


def age_group_q(day, *, prefix: str = "") -> dict[str, Q]:
    """{age group: the condition on a victim (through `prefix`) of being in it on `day`}: minor
    until the day before `adult_on`, the day the person turns 18."""
    adult_on = f"{prefix}adult_on"
    return {
        AgeGroup.MINOR: Q(**{f"{adult_on}__gt": day}),
        AgeGroup.ADULT: Q(**{f"{adult_on}__lte": day}),
        AgeGroup.UNKNOWN: Q(**{f"{adult_on}__isnull": True}),
    }
