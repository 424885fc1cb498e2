"""factory-boy factories for every record. Victims are registered through the service, so that
derived fields (adult_on, current status) and the decision history are always consistent."""

import datetime

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from atip.roles import Role
from atip.services import user_set_role
from cases.models import Case, CaseSource, CaseStatus, CaseVictim, Suspect
from prevention.models import Activity, ActivityKind
from prosecutions.models import Charge, Court, Hearing, Offence, Outcome, Prosecution
from prosecutions.services import hearing_add
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

    @classmethod
    def _create(cls, model_class, username, role, password=PASSWORD):
        return user_set_role(username=username, role=role, password=password)


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
        victim = victim_register(by=created_by, fields=fields, exploitation_forms=list(exploitation_forms))
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
