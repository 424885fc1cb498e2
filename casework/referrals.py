"""Referrals of a person to outside agencies and their answers (the police unit's included),
and the decision on a presumed victim referred by the police. Every write goes through
casework.services.casework_save (validated, versioned, audited on the victim's record) and takes
the acting user as `by`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from atip.references import normalise
from atip.transitions import transition_errors
from cases.links import link_victim
from cases.models import Case, CaseSource
from cases.services import case_create
from casework.models.consent import Consent, ConsentAnswer
from casework.models.referrals import Referral, ReferralStatus
from casework.selectors import latest_sharing_answer, sharing_consent
from casework.services import AGENCY_FIELDS, agency_data, casework_save
from victims.models import IdentificationStatus, Victim
from victims.services import victim_decide

REFERRAL_FIELDS = ("referred_on", *AGENCY_FIELDS, "reason", "shared", "override_reason")

# The course of a referral: sent → accepted or declined; accepted → completed. No other move,
# not even with a note (atip.transitions).
NEXT_STATUS = {
    ReferralStatus.SENT: {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED},
    ReferralStatus.ACCEPTED: {ReferralStatus.COMPLETED},
    ReferralStatus.DECLINED: set(),
    ReferralStatus.COMPLETED: set(),
}


def _no_consent_message(referral: Referral, latest: Consent | None, *, on: datetime.date) -> str:
    """Why no consent counts on `on` (the referral's date, or today), and what to do."""
    to = referral.agency_label
    if latest is None:
        why = _("No consent to share with %(agency)s is recorded.") % {"agency": to}
    elif latest.answer == ConsentAnswer.REFUSED:
        why = _("The person refused to share with %(agency)s on %(date)s.") % {
            "agency": to,
            "date": f"{latest.decided_on:%Y-%m-%d}",
        }
    elif latest.withdrawn_on and latest.withdrawn_on <= on:
        why = _("The consent to share with %(agency)s was withdrawn on %(date)s.") % {
            "agency": to,
            "date": f"{latest.withdrawn_on:%Y-%m-%d}",
        }
    else:
        why = _("The consent to share with %(agency)s expired on %(date)s.") % {
            "agency": to,
            "date": f"{latest.expires_on:%Y-%m-%d}",
        }
    if on != referral.referred_on:
        return _(
            "%(why)s A referral needs consent on its date and still today, %(today)s: record the "
            "person's consent first, or say here why the referral must go without it."
        ) % {"why": why, "today": f"{on:%Y-%m-%d}"}
    return _(
        "%(why)s Record the person's consent first, or say here why the referral must go without it "
        "(on the referral's date, %(date)s)."
    ) % {"why": why, "date": f"{referral.referred_on:%Y-%m-%d}"}


@transaction.atomic
def referral_create(*, victim: Victim, by, data: dict) -> Referral:
    """Refer a person to an outside agency. It needs the person's consent to share with that
    agency, current on the referral's date and still today (a referral dated back before a
    withdrawal does not skip it), or a written reason to go without it; the audit row says which.
    The date is not in the future (Referral.referred_on)."""
    data = agency_data(data)
    referral = Referral(victim=victim)
    for name in REFERRAL_FIELDS:
        if name in data:
            setattr(referral, name, data[name])
    if errors := referral.agency_errors(required=True, outside=True):
        raise ValidationError(errors)
    about = {name: getattr(referral, name) for name in AGENCY_FIELDS}
    consent, missing_on = None, None
    for on in dict.fromkeys((referral.referred_on, timezone.localdate())):
        counts = sharing_consent(victim=victim, on=on, **about)
        if counts is None:
            missing_on = missing_on or on
        elif on == referral.referred_on:
            consent = counts  # the consent the referral goes on
    if missing_on is not None:
        consent = None
        if not (data.get("override_reason") or "").strip():
            latest = latest_sharing_answer(victim=victim, on=missing_on, **about)
            raise ValidationError({"override_reason": _no_consent_message(referral, latest, on=missing_on)})
    referral.consent = consent
    data = {**data, "override_reason": "" if consent else data["override_reason"].strip()}

    def detail(r: Referral) -> str:
        basis = f"consent {consent.pk}" if consent else "WITHOUT CONSENT: override, reason recorded"
        return f"referral {r.pk} to {r.agency}: {basis}"

    return casework_save(referral, fields=REFERRAL_FIELDS, data=data, by=by, detail=detail)


@transaction.atomic
def referral_set_status(
    *, referral: Referral, by, status: str, on: datetime.date, note: str = "", expected_version: int | None
) -> Referral:
    """Record the agency's answer (accepted, or declined with its reason) and then the
    referral's completion. The police unit answers its referrals itself (police_referral_decide)."""
    note = note.strip()
    cannot = _("A referral that is “%(status)s” cannot become that.")
    if errors := transition_errors(
        NEXT_STATUS, current=ReferralStatus(referral.status), to=status, already=cannot, off_course=cannot
    ):
        raise ValidationError(errors)
    if referral.to_police and status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
        raise ValidationError(
            {"status": _("The ATIPs Police Unit answers this referral in the application.")}
        )
    data = {"status": status}
    if status == ReferralStatus.COMPLETED:
        data["completed_on"] = on
    else:
        data.update(answered_on=on, answered_by=by)
    if status == ReferralStatus.DECLINED:
        if not note:
            raise ValidationError({"note": _("Say why the agency declined.")})
        data["decline_reason"] = note
    return casework_save(
        referral,
        fields=tuple(data),
        data=data,
        by=by,
        expected_version=expected_version,
        detail=lambda r: f"referral {r.pk}: {r.status}",
    )


# What the police unit may do with a referral made to it.
ACCEPT_NEW, ACCEPT_JOIN, DECLINE = "accept_new", "accept_join", "decline"


@transaction.atomic
def police_referral_decide(
    *,
    referral: Referral,
    by,
    decision: str,
    case_reference: str = "",
    district: str = "",
    note: str = "",
    expected_version: int | None,
) -> Referral:
    """The police unit accepts a referral made to it — opening a case, or in an existing case
    named by its reference — which lists the person in that case (cases.links.link_victim,
    audited); or declines it, saying why."""
    if not referral.to_police:
        raise ValidationError(_("This referral is not to the ATIPs Police Unit."))
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(
            _("This referral was already %(status)s.") % {"status": referral.get_status_display().lower()}
        )
    note = note.strip()
    today = timezone.localdate()
    data = {"answered_on": today, "answered_by": by}
    if decision == DECLINE:
        if not note:
            raise ValidationError({"note": _("Say why the referral is declined: Human Services reads it.")})
        data.update(status=ReferralStatus.DECLINED, decline_reason=note)
    elif decision == ACCEPT_JOIN:
        case = Case.objects.filter(reference=normalise(case_reference)).first() if case_reference else None
        if case is None:
            raise ValidationError({"case_reference": _("No case has this reference.")})
        data.update(status=ReferralStatus.ACCEPTED, case=case)
    elif decision == ACCEPT_NEW:
        case = case_create(
            by=by,
            data={
                "reported_on": referral.referred_on,
                "source": CaseSource.HUMAN_SERVICES,
                "district": district or "",
                # Its source and date say where it came from: the summary is the referral's reason.
                "summary": referral.reason,
                # The person's forms of exploitation are the case's (the statistics count cases by them).
                "exploitation_forms": list(referral.victim.exploitation_forms.all()),
            },
        )
        data.update(status=ReferralStatus.ACCEPTED, case=case)
    else:
        raise ValidationError({"decision": _("Accept or decline the referral.")})
    saved = casework_save(
        referral,
        fields=tuple(data),
        data=data,
        by=by,
        expected_version=expected_version,
        detail=lambda r: (
            f"referral {r.pk}: {r.status} by the police unit"
            + (f", case {r.case.reference}" if r.case_id else "")
        ),
    )
    if saved.case_id:
        link_victim(case=saved.case, victim=referral.victim, by=referral.created_by or by, accepted_by=by)
    return saved


# --- The police's presumed-victim referrals ------------------------------------------------------


def presumed_referral_decide(
    *, victim: Victim, by, accept: bool, decided_on: datetime.date, identified_by: str = "", note: str = ""
):
    """Accept a presumed victim referred by the police (identify the person) or decline the
    referral (screen the person out, saying why), through victims.services.victim_decide."""
    if victim.identification_status != IdentificationStatus.PRESUMED:
        raise ValidationError(
            _("A decision was already taken: “%(status)s”.")
            % {"status": victim.get_identification_status_display()}
        )
    if not accept and not note.strip():
        raise ValidationError({"note": _("Say why the person is screened out.")})
    return victim_decide(
        victim=victim,
        by=by,
        status=IdentificationStatus.IDENTIFIED if accept else IdentificationStatus.NOT_VICTIM,
        decided_on=decided_on,
        identified_by=identified_by if accept else "",
        note=note.strip(),
    )
