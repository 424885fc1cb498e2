"""How well the unit works (issue 23.5): days between the steps of the work, per quarter of the
later step, as the median and 90th percentile with the number of people behind them; the share of
care-plan reviews and of follow-ups after a return done by their due date, per quarter of that
date; aggregates only, never a name or a record. A quarter with fewer people than the public
threshold (reports.suppression.DEFAULT_THRESHOLD) shows its n as "<5" and no durations or share,
as the public figures do. One or two queries per measure, whatever the number of records."""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Min, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from casework.models import CarePlan, Closure, FollowUp, Referral, Review
from casework.models.closures import ClosureReason, ClosureStatus
from casework.models.returns import FOLLOW_UP_MONTHS
from casework.returns import add_months
from prosecutions.models import Prosecution
from reports.suppression import DEFAULT_THRESHOLD, small_mark
from services.models import Repatriation, RepatriationStatus
from victims.models import IdentificationStatus, Victim


@dataclass(frozen=True)
class Row:
    quarter: str  # "2024 Q3"
    group: str  # an agency or a reason; "" when the measure has no groups
    n: int | str  # a count, or "<5"
    median: int | None = None  # days; None when suppressed
    p90: int | None = None
    due: int | None = None  # on-time measures: how many fell due; None when suppressed
    share: int | None = None  # … and the percentage of them done by their due date


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    rows: list[Row]
    counts: bool = False  # a count per group, not durations
    shares: bool = False  # the share done on time, not durations


def quarter(day: datetime.date) -> str:
    return gettext("%(year)s Q%(quarter)s") % {"year": day.year, "quarter": (day.month - 1) // 3 + 1}


def percentile(days: list[int], share: float) -> int:
    """The nearest-rank percentile: the smallest value with `share` of the values at or below it."""
    ordered = sorted(days)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def _rows(pairs, threshold: int) -> list[Row]:
    """Rows from (start, end, group) triples: durations by quarter of the end, then group."""
    cells = defaultdict(list)
    for start, end, group in pairs:
        if start is not None and end is not None and end >= start:
            cells[(quarter(end), str(group))].append((end - start).days)
    rows = []
    for (when, group), days in sorted(cells.items()):
        if len(days) < threshold:
            rows.append(Row(when, group, small_mark(threshold)))
        else:
            rows.append(Row(when, group, len(days), percentile(days, 0.5), percentile(days, 0.9)))
    return rows


def _counts(pairs, threshold: int) -> list[Row]:
    cells = defaultdict(int)
    for day, group in pairs:
        cells[(quarter(day), str(group))] += 1
    return [
        Row(when, group, n if n >= threshold or threshold <= 1 else small_mark(threshold))
        for (when, group), n in sorted(cells.items())
    ]


def _shares(dues, threshold: int) -> list[Row]:
    """Rows from (due date, done on time, person) triples: per quarter of the due date, the people
    behind it, how many fell due and the percentage done by their due date (rounded half up)."""
    cells = defaultdict(list)
    for due, on_time, person in dues:
        cells[quarter(due)].append((on_time, person))
    rows = []
    for when, items in sorted(cells.items()):
        people = len({person for _on_time, person in items})
        if people < threshold:
            rows.append(Row(when, "", small_mark(threshold)))
        else:
            done = sum(1 for on_time, _person in items if on_time)
            rows.append(
                Row(when, "", people, due=len(items), share=(200 * done + len(items)) // (2 * len(items)))
            )
    return rows


def review_dues(today: datetime.date):
    """(due date, reviewed by then, person) for every care-plan review that has fallen due.

    A review is due on the date set when the plan was made (its first version, kept by
    django-simple-history) or by the review before it; the next review of the plan is the one
    that meets it, on time if on or before that date. A date moved afterwards on the plan does not
    move when the review was due. A due date not met by a review counts once it has passed (late);
    one met early counts once it has come. People archived (or recorded twice) are left out, as on
    the worklist. Two queries: the plans with their first date, and every review."""
    first = CarePlan.history.filter(id=OuterRef("pk")).order_by("history_id").values("next_review_on")[:1]
    plans = (
        CarePlan.objects.filter(victim__archived_at__isnull=True)
        .annotate(first_due=Subquery(first))
        .values_list("pk", "victim_id", "first_due", "closed_on")
    )
    reviews = defaultdict(list)
    for plan, reviewed_on, next_on in (
        Review.objects.filter(plan__victim__archived_at__isnull=True)
        .order_by("plan_id", "reviewed_on", "id")
        .values_list("plan_id", "reviewed_on", "next_review_on")
    ):
        reviews[plan].append((reviewed_on, next_on))
    for plan, person, due, closed_on in plans:
        for reviewed_on, next_on in reviews[plan]:
            if due is not None and due <= today:
                yield due, reviewed_on <= due, person
            due = next_on
        if closed_on is None and due is not None and due < today:
            yield due, False, person


def follow_up_dues(today: datetime.date):
    """(due date, done by then, person) for every follow-up after a completed return that has
    fallen due: the 1-, 3-, 6- and 12-month follow-ups are due that many months after the return
    date (casework.returns.add_months); one done on or before its due date is on time. A follow-up
    not recorded counts once its date has passed (late), one recorded early once its date has
    come. People archived are left out. Two queries: the returns and their follow-ups."""
    returns = Repatriation.objects.filter(
        status=RepatriationStatus.COMPLETED, return_date__isnull=False, victim__archived_at__isnull=True
    ).values_list("pk", "victim_id", "return_date")
    done = {
        (repatriation, months): done_on
        for repatriation, months, done_on in FollowUp.objects.filter(
            repatriation__victim__archived_at__isnull=True
        ).values_list("repatriation_id", "months", "done_on")
    }
    for repatriation, person, returned in returns:
        for months in FOLLOW_UP_MONTHS:
            due = add_months(returned, months)
            done_on = done.get((repatriation, months))
            if done_on is not None and due <= today:
                yield due, done_on <= due, person
            elif done_on is None and due < today:
                yield due, False, person


def measures(threshold: int = DEFAULT_THRESHOLD) -> list[Measure]:
    # The first decision that is one (identified or screened out), not the registration's "presumed".
    decided = ~Q(decisions__status=IdentificationStatus.PRESUMED)
    first_decision = Victim.objects.annotate(first=Min("decisions__decided_on", filter=decided)).filter(
        first__isnull=False
    )
    first_service = Victim.objects.filter(identification_date__isnull=False).annotate(
        first=Min("services__start_date", filter=Q(services__start_date__gte=F("identification_date")))
    )
    agencies = dict(Referral._meta.get_field("agency").flatchoices)
    referrals = Referral.objects.filter(answered_on__isnull=False).values_list(
        "referred_on", "answered_on", "agency"
    )
    reasons = dict(ClosureReason.choices)
    verdicts = Prosecution.objects.annotate(verdict=Min("charges__verdict_date")).filter(
        verdict__isnull=False
    )
    today = timezone.localdate()
    return [
        Measure(
            "contact_to_decision",
            _("Days from first contact to the identification decision"),
            _rows(((r, d, "") for r, d in first_decision.values_list("registered_on", "first")), threshold),
        ),
        Measure(
            "identification_to_service",
            _("Days from identification to the first service"),
            _rows(
                ((i, s, "") for i, s in first_service.values_list("identification_date", "first")), threshold
            ),
        ),
        Measure(
            "referral_answer",
            _("Days from a referral sent to its answer, per agency"),
            _rows(((s, a, agencies.get(g, g)) for s, a, g in referrals), threshold),
        ),
        Measure(
            "reviews_on_time",
            _("Care-plan reviews done on time"),
            _shares(review_dues(today), threshold),
            shares=True,
        ),
        Measure(
            "follow_ups_on_time",
            _("Follow-ups after a return done on time"),
            _shares(follow_up_dues(today), threshold),
            shares=True,
        ),
        Measure(
            "investigation_to_prosecution",
            _("Days from the investigation opened to the prosecution filed"),
            _rows(
                (
                    (o, f, "")
                    for o, f in Prosecution.objects.values_list("case__investigation_opened_on", "filed_on")
                ),
                threshold,
            ),
        ),
        Measure(
            "prosecution_to_verdict",
            _("Days from the prosecution filed to the first verdict"),
            _rows(((f, v, "") for f, v in verdicts.values_list("filed_on", "verdict")), threshold),
        ),
        Measure(
            "closed_by_reason",
            _("Cases closed, by reason"),
            _counts(
                (
                    (day, reasons.get(reason, reason))
                    for day, reason in Closure.objects.filter(status=ClosureStatus.CLOSED).values_list(
                        "closed_on", "reason"
                    )
                ),
                threshold,
            ),
            counts=True,
        ),
    ]
