"""factory-boy factories for every record, each built through the service that writes it, so that
every record is one the application could have written: validated, versioned, with its first
history row, its audit row and what goes with it (a victim's decisions, a case's status changes).
Services take no request here: the audit rows name no user unless `created_by=` is given.
A `reference=` given to a factory replaces the one the system gave, as an import keeps its files'."""

import datetime
import time
from binascii import unhexlify

import factory
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import backup_codes_renew
from atip.roles import Role
from atip.services import user_set_role
from cases.links import link_victim
from cases.models import Case, CaseSource, CaseStatus, Suspect
from cases.services import case_create, case_set_status, suspect_create
from prevention.models import Activity, ActivityKind
from prevention.services import activity_create
from prosecutions.models import Charge, Court, Hearing, Offence, Outcome, Prosecution
from prosecutions.services import charge_save, hearing_add, prosecution_create
from services.models import Repatriation, RepatriationStatus, ServiceEpisode, ServiceType
from services.services import episode_save, repatriation_save
from victims.models import IdentificationStatus, Victim
from victims.services import victim_decide, victim_register

PASSWORD = "correct-horse-battery-staple"
# The roles in short, for the tests' tables of who may do what.
SW, SU, PO, PR, SE, AD = (
    Role.SOCIAL_WORKER,
    Role.SUPERVISOR,
    Role.POLICE,
    Role.PROSECUTOR,
    Role.SECRETARY,
    Role.ADMINISTRATOR,
)


class UserFactory(factory.Factory):
    """A user with exactly one role (social worker unless `role=` says otherwise)."""

    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.SOCIAL_WORKER
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")

    @classmethod
    def _create(cls, model_class, username, role, email, password=PASSWORD, **fields):
        user = user_set_role(username=username, role=role, password=password)
        for name, value in {"email": email, **fields}.items():
            setattr(user, name, value)
        user.save()
        return user


def enrol(user) -> tuple[str, list[str]]:
    """Give `user` two-factor authentication: the app's secret (hex) and ten backup codes."""
    device = TOTPDevice.objects.create(user=user, name="Authenticator app")
    return device.key, backup_codes_renew(user=user)


def totp_code(key: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for `key` (hex), now or `steps_ahead` 30 s later."""
    totp = TOTP(unhexlify(key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _keep_reference(record, reference: str):
    """The `reference` a test gives, in place of the one the system gave."""
    if reference:
        type(record).objects.filter(pk=record.pk).update(reference=reference)
        record.reference = reference
    return record


class VictimFactory(factory.Factory):
    """Builds through victims.services.victim_register; pass status/identification_date to decide."""

    class Meta:
        model = Victim

    reference = ""
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    sex = "female"
    date_of_birth = datetime.date(2000, 1, 1)
    age_estimate = None
    nationality = "GT"
    registered_on = datetime.date(2020, 3, 1)
    district = "belize"
    current_location = "Safe house A"
    notes = "Confidential case notes."

    @classmethod
    def _create(
        cls,
        model_class,
        status=IdentificationStatus.PRESUMED,
        identification_date=None,
        identified_by="human_services",
        exploitation_forms=(),
        created_by=None,
        **fields,
    ):
        reference = fields.pop("reference", "")
        victim = _keep_reference(
            victim_register(by=created_by, data={**fields, "exploitation_forms": list(exploitation_forms)}),
            reference,
        )
        if status != IdentificationStatus.PRESUMED:
            victim_decide(
                victim=victim,
                by=created_by,
                status=status,
                decided_on=identification_date or victim.registered_on,
                identified_by=identified_by,
            )
            victim.refresh_from_db()
        return victim


class ServiceEpisodeFactory(factory.Factory):
    """Builds through services.services.episode_save."""

    class Meta:
        model = ServiceEpisode

    victim = factory.SubFactory(VictimFactory)
    service_type = ServiceType.SHELTER
    provider = "Department of Human Services"
    start_date = datetime.date(2020, 3, 2)
    end_date = None

    @classmethod
    def _create(cls, model_class, victim, created_by=None, close_open_stay=True, **fields):
        # As a social worker confirms it on the form: a new stay closes the person's open one
        # on its start date (issue 10: one accommodation at a time).
        return episode_save(
            episode=ServiceEpisode(victim=victim), by=created_by, data=fields, close_open_stay=close_open_stay
        )


class RepatriationFactory(factory.Factory):
    """Builds through services.services.repatriation_save."""

    class Meta:
        model = Repatriation

    victim = factory.SubFactory(VictimFactory)
    destination_country = "GT"
    status = RepatriationStatus.COMPLETED
    return_date = datetime.date(2020, 6, 1)
    assisted_by = "IOM"
    # A return elsewhere than the person's nationality needs a note (issue 10): tests that
    # send the person elsewhere do not all say so.
    notes = "Arranged with IOM and the consulate."

    @classmethod
    def _create(cls, model_class, victim, created_by=None, close_open_stays=True, **fields):
        # As a social worker confirms it on the form: a completed return closes the person's
        # open stays on the return date (issue 10).
        return repatriation_save(
            repatriation=Repatriation(victim=victim),
            by=created_by,
            data=fields,
            close_open_stays=close_open_stays,
        )


class CaseFactory(factory.Factory):
    """Builds through cases.services, as the police would: case_create (the status history
    starts at "reported" on the report date), then case_set_status up to `status` (investigating
    on `investigation_opened_on`, default the report date; in prosecution, or closed with its
    `closing_reason`, on that same day), then case_link_victim for each of `victims`.

    Given an `investigation_opened_on`, the case is under investigation unless `status` says more.
    """

    class Meta:
        model = Case

    reference = ""  # given by the system (C-2019-001)
    # Before the first day of 2020: the statistics tests file prosecutions in all of 2020.
    reported_on = datetime.date(2019, 12, 2)
    source = CaseSource.HOTLINE
    district = "belize"
    summary = "Report received."
    investigation_opened_on = None
    status = factory.LazyAttribute(
        lambda o: CaseStatus.INVESTIGATING if o.investigation_opened_on else CaseStatus.REPORTED
    )
    closing_reason = ""
    victims = ()
    exploitation_forms = ()

    @classmethod
    def _create(
        cls,
        model_class,
        status,
        investigation_opened_on,
        closing_reason,
        victims,
        exploitation_forms,
        created_by=None,
        **fields,
    ):
        if status == CaseStatus.REPORTED and investigation_opened_on:
            raise ValueError("A case under investigation is not 'reported': give its status.")
        reference = fields.pop("reference", "")
        case = _keep_reference(
            case_create(by=created_by, data={**fields, "exploitation_forms": list(exploitation_forms)}),
            reference,
        )
        on = investigation_opened_on or case.reported_on
        # Closed after an investigation; "in prosecution" after one too.
        path = {
            CaseStatus.REPORTED: [],
            CaseStatus.INVESTIGATING: [CaseStatus.INVESTIGATING],
            CaseStatus.PROSECUTION: [CaseStatus.INVESTIGATING, CaseStatus.PROSECUTION],
            CaseStatus.CLOSED: [CaseStatus.INVESTIGATING, CaseStatus.CLOSED],
        }[CaseStatus(status)]
        for step in path:
            case_set_status(
                case=case, by=created_by, status=step, changed_on=on, closing_reason=closing_reason
            )
        for victim in victims:
            link_victim(case=case, victim=victim, by=created_by)
        case.refresh_from_db()
        return case


class SuspectFactory(factory.Factory):
    """Builds through cases.services.suspect_create."""

    class Meta:
        model = Suspect

    case = factory.SubFactory(CaseFactory)
    reference = ""  # given by the system (S-2019-0001)
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    sex = "male"
    nationality = "BZ"

    @classmethod
    def _create(cls, model_class, case, created_by=None, **fields):
        reference = fields.pop("reference", "")
        return _keep_reference(suspect_create(case=case, by=created_by, data=fields), reference)


class ProsecutionFactory(factory.Factory):
    """Builds through prosecutions.services.prosecution_create. The case keeps its status unless
    `move_case=True` (the form's box, ticked by default, moves it to "in prosecution")."""

    class Meta:
        model = Prosecution

    case = factory.SubFactory(CaseFactory)
    reference = factory.Sequence(lambda n: f"MC-2020-{n:04d}")
    court = Court.MAGISTRATE
    # The first day of 2020: the statistics tests record verdicts on every day of 2020.
    filed_on = datetime.date(2020, 1, 1)
    move_case = False

    @classmethod
    def _create(cls, model_class, case, move_case, created_by=None, **fields):
        return prosecution_create(case=case, by=created_by, data=fields, move_case=move_case)


class ChargeFactory(factory.Factory):
    """Builds through prosecutions.services.charge_save: a verdict needs its date, on or after
    the filing and not in the future; a pending charge has none."""

    class Meta:
        model = Charge

    prosecution = factory.SubFactory(ProsecutionFactory)
    suspect = factory.LazyAttribute(lambda o: SuspectFactory(case=o.prosecution.case))
    offence = Offence.TIP_TRAFFICKING
    exploitation_form = "sexual"
    outcome = Outcome.PENDING
    verdict_date = None
    sentence_months = None

    @classmethod
    def _create(cls, model_class, prosecution, created_by=None, **fields):
        return charge_save(charge=Charge(prosecution=prosecution), by=created_by, data=fields)


class HearingFactory(factory.Factory):
    """Builds through prosecutions.services.hearing_add (not before the filing)."""

    class Meta:
        model = Hearing

    prosecution = factory.SubFactory(ProsecutionFactory)
    date = datetime.date(2020, 6, 1)
    note = ""

    @classmethod
    def _create(cls, model_class, prosecution, date, note, created_by=None):
        return hearing_add(prosecution=prosecution, by=created_by, date=date, note=note)


class ActivityFactory(factory.Factory):
    """Builds through prevention.services.activity_create."""

    class Meta:
        model = Activity

    reference = ""  # given by the system (P-2020-001)
    date = datetime.date(2020, 6, 1)
    kind = ActivityKind.TRAINING
    direct = True
    title = factory.Sequence(lambda n: f"Training {n}")
    audience = "police"
    participants = 20
    organiser = "ATIPs Council"

    @classmethod
    def _create(cls, model_class, created_by=None, **fields):
        reference = fields.pop("reference", "")
        return _keep_reference(activity_create(by=created_by, data=fields), reference)
