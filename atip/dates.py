"""Dates of the records: none before 1900 (a year typed as 0024 for 2024 would otherwise be
kept, and would count the person as in care since antiquity)."""

import datetime

from django.core.exceptions import ValidationError

EARLIEST = datetime.date(1900, 1, 1)


def not_before_1900(value: datetime.date) -> None:
    if value < EARLIEST:
        raise ValidationError(f"{value.isoformat()} is before 1900: check the year.", code="too_early")
