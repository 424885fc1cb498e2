"""Return and reintegration (issue 20.5): the return assessment before a repatriation, the
follow-ups after it, and their lines on the worklist (registered in casework.worklist)."""

import calendar
import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from atip.access import object_for_user
from atip.services import model_save
from casework.models.returns import FOLLOW_UP_MONTHS, FollowUp, ReturnAssessment
from casework.selectors import WEEK, of_caseload
from services.models import Repatriation, RepatriationStatus

ASSESSMENT_FIELDS = (
    "assessed_on",
    "risk",
    "best_interests",
    "receiver",
    "receiver_details",
    "consulate_contact",
    "travel_documents",
)
FOLLOW_UP_FIELDS = ("done_on", "outcome", "note")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has fewer)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_due_on(repatriation: Repatriation, months: int) -> datetime.date:
    return add_months(repatriation.return_date, months)


def repatriation_for_user_or_404(*, user, pk) -> Repatriation:
    return object_for_user(of_caseload(Repatriation, user).select_related("victim"), pk, user=user)


def return_assessment_save(*, repatriation: Repatriation, by, data: dict, expected_version=None):
    assessment = getattr(repatriation, "return_assessment", None) or ReturnAssessment(
        repatriation=repatriation
    )
    return model_save(
        assessment,
        fields=ASSESSMENT_FIELDS,
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=repatriation.victim,
        detail=lambda a: f"return assessment {a.pk} of repatriation {repatriation.pk}",
    )


def follow_up_record(*, repatriation: Repatriation, months: int, by, data: dict) -> FollowUp:
    return model_save(
        FollowUp(repatriation=repatriation, months=months),
        fields=FOLLOW_UP_FIELDS,
        data=data,
        by=by,
        audit_obj=repatriation.victim,
        detail=lambda f: f"{months}-month follow-up of repatriation {repatriation.pk}: {f.outcome}",
    )


def next_follow_up(repatriation: Repatriation) -> int | None:
    """The first follow-up (in months) not yet recorded, from prefetched `follow_ups`."""
    done = {f.months for f in repatriation.follow_ups.all()}
    return next((m for m in FOLLOW_UP_MONTHS if m not in done), None)


def follow_ups_due(*, user, today: datetime.date) -> QuerySet[Repatriation]:
    """Completed returns with a follow-up due this week or overdue and not recorded."""
    horizon = today + datetime.timedelta(days=WEEK - 1)
    due = Q()
    for months in FOLLOW_UP_MONTHS:
        # return_date + months <= horizon, written on return_date so that the index is usable.
        recorded = FollowUp.objects.filter(repatriation=OuterRef("pk"), months=months)
        due |= Q(return_date__lte=add_months(horizon, -months)) & ~Exists(recorded)
    return (
        of_caseload(Repatriation, user)
        .filter(due, status=RepatriationStatus.COMPLETED, victim__archived_at__isnull=True)
        .select_related("victim")
        .prefetch_related("follow_ups")
        .order_by("return_date", "id")
    )


def returns_unassessed(*, user, today: datetime.date) -> QuerySet[Repatriation]:
    """Planned repatriations without a return assessment."""
    return (
        of_caseload(Repatriation, user)
        .filter(
            # NOT EXISTS, not a LEFT JOIN … IS NULL: PostgreSQL estimates an anti-join well and
            # walks repatriation_due_idx for the first rows (a misestimate made it sort them all).
            ~Exists(ReturnAssessment.objects.filter(repatriation=OuterRef("pk"))),
            status=RepatriationStatus.PLANNED,
            victim__archived_at__isnull=True,
        )
        .select_related("victim")
        .order_by("return_date", "id")
    )


def follow_up_item(repatriation: Repatriation, today, WorkItem):
    months = next_follow_up(repatriation)
    on = follow_up_due_on(repatriation, months)
    days = (today - on).days
    return WorkItem(
        victim=repatriation.victim,
        what=_("%(months)s-month follow-up after the return") % {"months": months},
        on=on,
        days=days,
        overdue=days > 0,
        action=reverse("casework:follow_up_create", args=[repatriation.pk, months]),
        action_label=_("Record the follow-up"),
    )


def unassessed_item(repatriation: Repatriation, today, WorkItem):
    on = repatriation.return_date or today
    return WorkItem(
        victim=repatriation.victim,
        what=_("Return assessment needed before the repatriation"),
        on=on,
        days=(today - on).days,
        overdue=False,
        action=reverse("casework:return_assessment", args=[repatriation.pk]),
        action_label=_("Assess the return"),
    )


# The worklists of returns (casework.worklist): title, rows (user, today), item (row, today, WorkItem).
LISTS = {
    "follow-ups-due": (
        gettext_lazy("Follow-ups after a return"),
        lambda user, today: follow_ups_due(user=user, today=today),
        follow_up_item,
    ),
    "returns-unassessed": (
        gettext_lazy("Returns without an assessment"),
        lambda user, today: returns_unassessed(user=user, today=today),
        unassessed_item,
    ),
}
