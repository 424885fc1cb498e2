"""The lines of the worklists (casework.worklist): one WorkItem for each thing that waits or is
due, built from its record."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from casework.models.consent import Consent
from casework.models.plans import CarePlan, Goal
from casework.models.referrals import Referral
from victims.access import VictimAccess
from victims.models import Victim


def overdue_days() -> int:
    """Days a referral may wait for an answer before it is shown as overdue."""
    return settings.CASEWORK_OVERDUE_DAYS


@dataclass
class WorkItem:
    """One line of a worklist: whose, what, since or by when, and what to do about it."""

    victim: VictimAccess  # (built with the record, then the page's view of it: worklist_items)
    what: str
    on: datetime.date
    days: int  # waiting since `on`, or overdue by (negative: due in)
    overdue: bool
    action: str  # URL
    action_label: str

    @property
    def ahead(self) -> int:
        """Days until the date (of something due)."""
        return -self.days


def _days(since: datetime.date, today: datetime.date) -> int:
    return (today - since).days


def _police_referral_item(victim: Victim, today) -> WorkItem:
    days = _days(victim.registered_on, today)
    return WorkItem(
        victim=victim,
        what=_("Presumed victim referred by the police from case %(reference)s")
        % {"reference": victim.from_case}
        + (f" ({victim.created_by})" if victim.created_by else ""),
        on=victim.registered_on,
        days=days,
        overdue=days > overdue_days(),
        action=reverse("casework:presumed_referral", args=[victim.pk]),
        action_label=_("Accept or decline"),
    )


def _referral_item(referral: Referral, today) -> WorkItem:
    days = _days(referral.referred_on, today)
    return WorkItem(
        victim=referral.victim,
        what=_("Referral to %(agency)s: no answer yet") % {"agency": referral.agency_label},
        on=referral.referred_on,
        days=days,
        overdue=days > overdue_days(),
        action=reverse("casework:referral_status", args=[referral.pk]),
        action_label=_("See the referral") if referral.to_police else _("Record the answer"),
    )


def _review_item(plan: CarePlan, today) -> WorkItem:
    days = _days(plan.next_review_on, today)
    return WorkItem(
        victim=plan.victim,
        what=_("Care-plan review overdue") if days > 0 else _("Care-plan review due"),
        on=plan.next_review_on,
        days=days,
        overdue=days > 0,
        action=reverse("casework:review_create", args=[plan.pk]),
        action_label=_("Record the review"),
    )


def _goal_item(goal: Goal, today) -> WorkItem:
    return WorkItem(
        victim=goal.plan.victim,
        what=_("Goal past its target date: %(domain)s — %(goal)s")
        % {"domain": goal.get_domain_display(), "goal": goal.description[:80]},
        on=goal.target_on,
        days=_days(goal.target_on, today),
        overdue=True,
        action=reverse("casework:goal_edit", args=[goal.pk]),
        action_label=_("Update the goal"),
    )


def _consent_item(consent: Consent, today) -> WorkItem:
    about = (
        consent.get_purpose_display()
        if not consent.agency
        else _("sharing with %(agency)s") % {"agency": consent.agency_label}
    )
    return WorkItem(
        victim=consent.victim,
        what=_("Consent expiring: %(about)s") % {"about": about},
        on=consent.expires_on,
        days=_days(consent.expires_on, today),
        overdue=False,
        action=reverse("casework:consent_create", args=[consent.victim_id]),
        action_label=_("Renew the consent"),
    )
