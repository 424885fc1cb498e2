"""Which people are due for anonymisation (settings.RETENTION_*), and which are held.

A person's clock starts at their last recorded activity: registration, an identification decision, closure
(archiving), the latest contact note, the latest service (start or end) or repatriation. Due:
RETENTION_YEARS after it, RETENTION_SCREENED_OUT_YEARS for a person screened out. Held (never
touched): a person listed in a case that is not closed, or in a prosecution with a charge still
pending (or none yet), or under a hold a supervisor set with a reason (victims.holds).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateField, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from atip.audit import Action, audit
from cases.models import CaseStatus, CaseVictim
from casework.models import ContactNote
from prosecutions.models import Charge, Outcome, Prosecution
from services.models import Repatriation, ServiceEpisode
from victims.ages import add_years
from victims.holds import RetentionHold
from victims.models import IdentificationDecision, IdentificationStatus, Victim


def _latest(model, field: str):
    """The person's latest `field` on `model`, or their registration date."""
    latest = (
        model.objects.filter(victim_id=OuterRef("pk")).order_by().values("victim_id").annotate(d=Max(field))
    )
    return Coalesce(Subquery(latest.values("d")[:1], output_field=DateField()), F("registered_on"))


def last_activity():
    """The date of the person's last recorded activity, as an expression."""
    return Greatest(
        F("registered_on"),
        _latest(IdentificationDecision, "decided_on"),
        Coalesce(TruncDate("archived_at"), F("registered_on")),
        _latest(ContactNote, "happened_on"),
        _latest(ServiceEpisode, "start_date"),
        _latest(ServiceEpisode, "end_date"),
        _latest(Repatriation, "return_date"),
        output_field=DateField(),
    )


def _open_case():
    return Exists(CaseVictim.objects.filter(victim_id=OuterRef("pk")).exclude(case__status=CaseStatus.CLOSED))


def _open_prosecution():
    """A prosecution of one of the person's cases with a charge still pending, or no charge yet."""
    pending = Charge.objects.filter(prosecution_id=OuterRef("pk"), outcome=Outcome.PENDING)
    charged = Charge.objects.filter(prosecution_id=OuterRef("pk"))
    open_ = Prosecution.objects.filter(case__victim_links__victim_id=OuterRef("pk")).filter(
        Exists(pending) | ~Exists(charged)
    )
    return Exists(open_)


def _held_by_supervisor():
    return Exists(RetentionHold.objects.filter(victim_id=OuterRef("pk"), lifted_at__isnull=True))


def due_q(today: datetime.date) -> Q:
    """Over victims annotated with `last` (last_activity): past the schedule on `today`."""
    screened = add_years(today, -settings.RETENTION_SCREENED_OUT_YEARS)
    others = add_years(today, -settings.RETENTION_YEARS)
    return Q(identification_status=IdentificationStatus.NOT_VICTIM, last__lt=screened) | Q(last__lt=others)


@dataclass
class Schedule:
    due: list[int]  # ids of the people to anonymise
    held_case: int  # due, but listed in an open case
    held_prosecution: int  # … in an open prosecution (and no open case)
    held_supervisor: int  # … under a supervisor's hold (and neither)


def schedule(today: datetime.date) -> Schedule:
    """Who is due on `today` and who is held, among the people not yet anonymised (one query)."""
    rows = (
        Victim.objects.filter(anonymised_on__isnull=True)
        .annotate(last=last_activity())
        .filter(due_q(today))
        .annotate(case=_open_case(), prosecution=_open_prosecution(), hold=_held_by_supervisor())
        .values_list("pk", "case", "prosecution", "hold")
        .order_by("pk")
    )
    result = Schedule(due=[], held_case=0, held_prosecution=0, held_supervisor=0)
    for pk, case, prosecution, hold in rows:
        if case:
            result.held_case += 1
        elif prosecution:
            result.held_prosecution += 1
        elif hold:
            result.held_supervisor += 1
        else:
            result.due.append(pk)
    return result


def hold_in_force(victim) -> RetentionHold | None:
    return (
        RetentionHold.objects.filter(victim=victim, lifted_at__isnull=True).select_related("set_by").first()
    )


@transaction.atomic
def hold_set(*, victim, by, reason: str) -> RetentionHold:
    """Hold `victim` from retention, as a supervisor decided: apply_retention passes them by."""
    type(victim).objects.select_for_update().filter(pk=victim.pk).first()  # one hold at a time
    if hold_in_force(victim):
        raise ValidationError(_("This person is already held from retention."))
    hold = RetentionHold.objects.create(victim=victim, reason=reason.strip(), set_by=by)
    audit(action=Action.HOLD, user=by, obj=victim, detail="retention hold set")
    return hold


@transaction.atomic
def hold_lift(*, victim, by, reason: str = "") -> int:
    """Lift the holds in force on `victim` (kept, with who lifted them and why): the schedule
    applies again."""
    type(victim).objects.select_for_update().filter(pk=victim.pk).first()
    lifted = RetentionHold.objects.filter(victim=victim, lifted_at__isnull=True).update(
        lifted_at=timezone.now(), lifted_by=by, lift_reason=reason.strip()
    )
    if not lifted:
        raise ValidationError(_("This person is not held from retention."))
    audit(action=Action.HOLD, user=by, obj=victim, detail=f"retention hold lifted ({lifted})")
    return lifted
