"""Conditions on a victim that the victim list filters by and that casework keeps: an open
accommodation stay, a care-plan review overdue. Registered here into victims.filters.CONDITIONS
(victims imports no app above it); casework.apps imports this module."""

import datetime

from django.db.models import Q

from services.models import ACCOMMODATION_TYPES
from victims.filters import CONDITIONS


def open_stay_q(day: datetime.date) -> Q:
    """An accommodation stay (shelter, independent living, foster care) not ended."""
    return Q(services__service_type__in=ACCOMMODATION_TYPES, services__end_date__isnull=True)


def review_overdue_q(day: datetime.date) -> Q:
    """An open care plan whose next review is before `day`."""
    return Q(care_plans__closed_on__isnull=True, care_plans__next_review_on__lt=day)


CONDITIONS.update(open_stay=open_stay_q, review_overdue=review_overdue_q)
