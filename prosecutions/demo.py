"""Demo cases, suspects, prosecutions, charges, verdicts and hearings for seed_demo.

Synthetic only. Everything goes through the services, so that references, status histories,
versions and the audit log are what real use would produce.
"""

import datetime

from django.utils import timezone

from atip.codes import HOME_COUNTRY, District
from atip.roles import Role
from cases.links import link_request_decide, link_request_victim
from cases.models import CaseSource, CaseStatus
from cases.services import case_create, case_set_status, suspect_create
from prosecutions.models import Charge, Court, Offence, Outcome, Prosecution
from prosecutions.services import charge_save, hearing_add, prosecution_create

YEARS = range(2018, 2027)
SUSPECT_GIVEN = ["Marco", "Julio", "Pedro", "Elena", "Raul", "Dwight", "Kevin", "Lucia", "Hector", "Wilfredo"]
SUSPECT_FAMILY = ["Ramirez", "Flores", "Usher", "Cal", "Tillett", "Reyes", "Sanchez", "Moh", "Ical"]
SUMMARIES = [
    "Hotline report of minors working in a bar at night.",
    "Labour inspection found workers whose passports were held by the employer.",
    "NGO referral: domestic worker not paid and not allowed to leave the house.",
    "Joint operation at a citrus farm after reports of debt bondage.",
    "Report of girls recruited through social media for 'modelling' jobs.",
    "Immigration officers referred a group travelling with a suspected recruiter.",
]
# The course of each demo case: (final status, number of prosecutions, outcomes of its charges).
PLANS = [  # oldest first: old cases are closed, recent ones still open
    (CaseStatus.CLOSED, 1, [Outcome.CONVICTED, Outcome.CONVICTED]),
    (CaseStatus.CLOSED, 0, []),
    (CaseStatus.CLOSED, 1, [Outcome.ACQUITTED]),
    (CaseStatus.CLOSED, 1, [Outcome.DISMISSED, Outcome.WITHDRAWN]),
    (CaseStatus.PROSECUTION, 1, [Outcome.CONVICTED]),
    (CaseStatus.PROSECUTION, 1, [Outcome.CONVICTED, Outcome.PENDING]),
    (CaseStatus.PROSECUTION, 1, [Outcome.PENDING, Outcome.PENDING]),
    (CaseStatus.INVESTIGATING, 0, []),
    (CaseStatus.INVESTIGATING, 0, []),
    (CaseStatus.REPORTED, 0, []),
    (CaseStatus.REPORTED, 0, []),
]
OFFENCES = [Offence.TIP_TRAFFICKING, Offence.TIP_TRAFFICKING, Offence.TIP_OTHER, Offence.CSEC, Offence.OTHER]
COURTS = {Offence.CSEC: Court.MAGISTRATE}


def _day(rng, start: datetime.date, min_days: int, max_days: int, today: datetime.date) -> datetime.date:
    """A day between start+min_days and start+max_days, never after today."""
    return min(start + datetime.timedelta(days=rng.randrange(min_days, max_days)), today)


def seed(*, rng, victims, users) -> None:
    """Demo cases, suspects (and prosecutions) consistent with the demo victims.

    About a dozen cases over 2018–2026 in every status; each is reported after the victims it
    lists were registered. Called only when no case exists.
    """
    police, prosecutor = users[Role.POLICE], users[Role.PROSECUTOR]
    today = timezone.localdate()
    pool = sorted(victims, key=lambda v: v.registered_on)
    for n, (status, n_prosecutions, outcomes) in enumerate(PLANS):
        year = YEARS[n * len(YEARS) // len(PLANS)]
        if status in (CaseStatus.PROSECUTION, CaseStatus.CLOSED) and year >= today.year:
            year = today.year - 1  # a case takes time to reach a court
        reported = min(datetime.date(year, 1 + rng.randrange(12), 1 + rng.randrange(28)), today)
        case = case_create(
            by=police,
            data={
                "reported_on": reported,
                "source": rng.choice(CaseSource.values),
                "district": rng.choice(District.values),
                "summary": rng.choice(SUMMARIES),
                "exploitation_forms": rng.sample(
                    ["sexual", "forced_labour", "domestic_servitude"], rng.choice([1, 1, 2])
                ),
            },
        )
        registered_before = [v for v in pool if v.registered_on <= reported]
        for victim in rng.sample(registered_before, min(len(registered_before), rng.randrange(1, 4))):
            request = link_request_victim(
                case=case, by=police, typed_reference=victim.reference, reason="Named in the report."
            )
            if n < len(PLANS) - 2:  # the two latest cases still wait for Human Services
                link_request_decide(request=request, by=users[Role.SOCIAL_WORKER], accept=True)
        suspects = [
            suspect_create(
                case=case,
                by=police,
                data={
                    "given_name": rng.choice(SUSPECT_GIVEN),
                    "family_name": rng.choice(SUSPECT_FAMILY),
                    "sex": rng.choice(["male", "male", "male", "female"]),
                    "nationality": rng.choice([HOME_COUNTRY, HOME_COUNTRY, "GT", "HN", "MX", ""]),
                },
            )
            for _ in range(max(1, len(outcomes)) if status != CaseStatus.REPORTED else rng.randrange(0, 2))
        ]
        if status == CaseStatus.REPORTED:
            continue
        day = _day(rng, reported, 1, 30, today)
        case_set_status(case=case, by=police, status=CaseStatus.INVESTIGATING, changed_on=day)
        for _ in range(n_prosecutions):
            day = _day(rng, day, 60, 300, today)
            _prosecute(rng, case, suspects, outcomes, day, prosecutor, today)
        if status == CaseStatus.CLOSED:
            verdicts = Charge.objects.filter(prosecution__case=case, verdict_date__isnull=False)
            last = max([day, *verdicts.values_list("verdict_date", flat=True)])
            reason = "Court proceedings concluded." if n_prosecutions else "Insufficient evidence to charge."
            case_set_status(
                case=case,
                by=police,
                status=CaseStatus.CLOSED,
                changed_on=_day(rng, last, 1, 60, today),
                closing_reason=reason,
            )


def _prosecute(rng, case, suspects, outcomes, filed, prosecutor, today) -> Prosecution:
    offence = rng.choice(OFFENCES)
    court = COURTS.get(offence, rng.choice([Court.MAGISTRATE, Court.SUPREME]))
    prefix = "MC" if court == Court.MAGISTRATE else "SC"
    prosecution = prosecution_create(
        case=case,
        by=prosecutor,
        data={"reference": f"{prefix}-{filed.year}-{case.pk:03d}", "court": court, "filed_on": filed},
    )
    hearing = filed
    for _ in range(rng.randrange(1, 4)):
        hearing = _day(rng, hearing, 30, 120, today)
        hearing_add(
            prosecution=prosecution,
            by=prosecutor,
            date=hearing,
            note=rng.choice(["Arraignment", "Bail hearing", "Preliminary inquiry", "Trial", "Sentencing"]),
        )
    if Outcome.PENDING in outcomes:  # a hearing still to come
        hearing_add(
            prosecution=prosecution,
            by=prosecutor,
            date=today + datetime.timedelta(days=rng.randrange(7, 90)),
            note="Trial continues",
        )
    for suspect, outcome in zip(suspects, outcomes, strict=False):
        verdict = None if outcome == Outcome.PENDING else _day(rng, filed, 90, 500, today)
        charge_save(
            charge=Charge(prosecution=prosecution),
            by=prosecutor,
            data={
                "suspect": suspect,
                "offence": offence,
                "exploitation_form": case.exploitation_forms.first().code,
                "outcome": outcome,
                "verdict_date": verdict,
                "sentence_months": rng.choice([36, 60, 96, 120]) if outcome == Outcome.CONVICTED else None,
            },
        )
    return prosecution
