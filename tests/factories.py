"""factory-boy factories for every record. Victims are registered through the service, so that
derived fields (adult_on, current status) and the decision history are always consistent."""

import datetime
import time
from binascii import unhexlify

import factory
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from accounts.two_factor import backup_codes_renew
from atip.roles import Role
from atip.services import user_set_role
from cases.models import Case, CaseSource, CaseStatus, CaseVictim, Suspect
from prevention.models import Activity, ActivityKind
from prosecutions.models import Charge, Court, Offence, Outcome, Prosecution
from services.models import Repatriation, RepatriationStatus, ServiceEpisode, ServiceType
from victims.models import IdentificationStatus, Victim
from victims.services import victim_decide, victim_register

PASSWORD = "correct-horse-battery-staple"


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
        victim = victim_register(
            by=created_by, data={**fields, "exploitation_forms": list(exploitation_forms)}
        )
        if reference:  # as an import keeps its files' references
            Victim.objects.filter(pk=victim.pk).update(reference=reference)
            victim.reference = reference
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


class ServiceEpisodeFactory(DjangoModelFactory):
    class Meta:
        model = ServiceEpisode

    victim = factory.SubFactory(VictimFactory)
    service_type = ServiceType.SHELTER
    provider = "Department of Human Services"
    start_date = datetime.date(2020, 3, 2)
    end_date = None


class RepatriationFactory(DjangoModelFactory):
    class Meta:
        model = Repatriation

    victim = factory.SubFactory(VictimFactory)
    destination_country = "GT"
    status = RepatriationStatus.COMPLETED
    return_date = datetime.date(2020, 6, 1)
    assisted_by = "IOM"


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"C-2020-{n:03d}")
    reported_on = datetime.date(2020, 2, 1)
    source = CaseSource.HOTLINE
    district = "belize"
    status = CaseStatus.REPORTED
    summary = "Report received."

    @factory.post_generation
    def victims(self, create, extracted, **kwargs):
        for victim in extracted or ():
            CaseVictim.objects.create(case=self, victim=victim)


class SuspectFactory(DjangoModelFactory):
    class Meta:
        model = Suspect

    case = factory.SubFactory(CaseFactory)
    reference = factory.Sequence(lambda n: f"S-{n:04d}")
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    sex = "male"
    nationality = "BZ"


class ProsecutionFactory(DjangoModelFactory):
    class Meta:
        model = Prosecution

    case = factory.SubFactory(CaseFactory)
    reference = factory.Sequence(lambda n: f"MC-2020-{n:04d}")
    court = Court.MAGISTRATE
    filed_on = datetime.date(2020, 5, 1)


class ChargeFactory(DjangoModelFactory):
    class Meta:
        model = Charge

    prosecution = factory.SubFactory(ProsecutionFactory)
    suspect = factory.LazyAttribute(lambda o: SuspectFactory(case=o.prosecution.case))
    offence = Offence.TIP_TRAFFICKING
    exploitation_form = "sexual"
    outcome = Outcome.PENDING
    verdict_date = None


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    reference = factory.Sequence(lambda n: f"P-{n:04d}")
    date = datetime.date(2020, 6, 1)
    kind = ActivityKind.TRAINING
    direct = True
    title = factory.Sequence(lambda n: f"Training {n}")
    audience = "police"
    participants = 20
    organiser = "ATIPs Council"
