"""What a case worker can know of how the person was trafficked, in the code lists of IOM's Human
Trafficking Case Data Standard 2.0 (HTCDS, "HTCDS Field Standards 2.0", UNMigration/HTCDS): each
code is the standard's value name, so that the HTCDS file (reports.person_level) writes it as
stored. docs/htcds.md lists the fields and where each goes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from atip.codes import District, choices_q


class ControlMethod(models.TextChoices):
    """vic_MethodsOfControl."""

    PHYSICAL_THREATS = "PhysicalThreats", _("Physical threats")
    THREATS_LAW_ENFORCEMENT = "ThreatsLawEnforcement", _("Threats of law enforcement")
    THREATENS_CHILDREN_FAMILY = "ThreatensChildrenFamily", _("Threatens children or family")
    DEBT_BONDAGE = "DebtBondage", _("Debt bondage")
    FALSE_PROMISES = "FalsePromises", _("False promises")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Physical abuse")
    SEXUAL_ABUSE = "SexualAbuse", _("Sexual abuse")
    TAKES_EARNINGS = "TakesEarnings", _("Takes earnings")
    RESTRICTS_FINANCIAL_ACCESS = "RestrictsFinancialAccess", _("Restricts financial access")
    RESTRICTS_MEDICAL_CARE = "RestrictsMedicalCare", _("Restricts medical care")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Withholds necessities")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Psychological abuse")
    PSYCHOACTIVE_SUBSTANCE = "PsychoactiveSubstance", _("Psychoactive substances")
    EXCESSIVE_WORKING_HOURS = "ExcessiveWorkingHours", _("Excessive working hours")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Withholds documents")
    OTHER = "Other", pgettext_lazy("method of control", "Other")


class RecruitmentMethod(models.TextChoices):
    """vic_MethodOfRecruitment."""

    PLACE_OF_BUSINESS = "AtAPlaceOfBusiness", _("At a place of business")
    EDUCATIONAL_INSTITUTION = "AtAnEducationalInstitution", _("At an educational institution")
    AT_WORK = "AtWork", _("At work")
    ONLINE_SOCIAL_NETWORKS = "ThroughOnlineSocialNetworks", _("Through online social networks")
    ONLINE_ADVERTISEMENT = "ThroughAnOnlineAdvertisement", _("Through an online advertisement")
    TELEVISION_ADVERT = "ThroughATelevisionAdvert", _("Through a television advert")
    NEWSPAPER_ADVERT = "ThroughANewspaperAdvert", _("Through a newspaper advert")
    FAMILY = "ThroughFamilyOrFamilyEvents", _("Through family or family events")
    FRIENDS = "ThroughFriendsOrSocialEvents", _("Through friends or social events")
    OTHER = "Other", pgettext_lazy("method of recruitment", "Other")


class RecruiterRelationship(models.TextChoices):
    """vic_RelationshipToTrafficker (the standard spells its third value "Unaquainted")."""

    FAMILIAL = "Familial", _("Family member")
    ACQUAINTED = "Acquainted", _("Acquaintance")
    UNACQUAINTED = "Unaquainted", _("Stranger")


class LabourIndustry(models.TextChoices):
    """vic_ForcedLabourIndustry: the sections of ISIC Rev. 4."""

    A = "A_AgricultureForestryAndFishing", _("Agriculture, forestry and fishing")
    B = "B_MiningAndQuarrying", _("Mining and quarrying")
    C = "C_Manufacturing", _("Manufacturing")
    D = (
        "D_ElectricityGasSteamAndAirConditioningSupply",
        _("Electricity, gas, steam and air conditioning supply"),
    )
    E = "E_WaterSupplySewerageWasteManagement", _("Water supply, sewerage and waste management")
    F = "F_Construction", _("Construction")
    G = "G_WholesaleAndRetailTradeRepairOfMotorVehicles", _("Wholesale and retail trade, repair of vehicles")
    H = "H_TransportationAndStorage", _("Transportation and storage")
    I = "I_AccommodationAndFoodServiceActivities", _("Accommodation and food service")  # noqa: E741
    J = "J_InformationAndCommunication", _("Information and communication")
    K = "K_FinancialAndInsuranceActivities", _("Financial and insurance activities")
    L = "L_RealEstateActivities", _("Real estate activities")
    M = (
        "M_ProfessionalScientificAndTechnicalActivities",
        _("Professional, scientific and technical activities"),
    )
    N = "N_AdministrativeAndSupportServiceActivities", _("Administrative and support services")
    O = "O_PublicAdministrationAndDefence", _("Public administration and defence")  # noqa: E741
    P = "P_Education", _("Education")
    Q = "Q_HumanHealthAndSocialWorkActivities", _("Human health and social work")
    R = "R_ArtsEntertainmentAndRecreation", _("Arts, entertainment and recreation")
    S = "S_OtherServiceActivities", _("Other service activities")
    T = "T_ActivitiesOfHouseholdsAsEmployers", _("Households as employers (domestic work)")
    U = "U_ActivitiesOfExtraterritorialOrganizations", _("Extraterritorial organisations")


class SexExploitationType(models.TextChoices):
    """vic_TypeOfSexExploitation."""

    PROSTITUTION = "Prostitution", _("Prostitution")
    PORNOGRAPHY = "Pornography", _("Pornography")
    REMOTE_INTERACTIVE = "RemoteInteractiveServices", _("Remote interactive services")
    PRIVATE_SEXUAL = "PrivateSexualServices", _("Private sexual services")


# The multiselect fields and their code lists (stored as JSON lists of codes).
CODE_LISTS = {
    "control_methods": ControlMethod,
    "recruitment_methods": RecruitmentMethod,
    "sex_exploitation_types": SexExploitationType,
}


@deconstructible
class CodesOf:
    """A validator: a list of distinct codes of the code list named `name` (CODE_LISTS)."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, value):
        codes = set(CODE_LISTS[self.name].values)
        if not isinstance(value, list) or len(set(value)) != len(value) or not set(value) <= codes:
            raise ValidationError(_("Choose from the list."), code="invalid_choice")

    def __eq__(self, other):
        return isinstance(other, CodesOf) and other.name == self.name

    @property
    def choices(self):
        """The code list's (code, label) pairs: what the history of a record shows."""
        return CODE_LISTS[self.name].choices


# Victim.Meta adds these (a child's Meta replaces its abstract parent's constraints).
TRAFFICKING_CONSTRAINTS = [
    models.CheckConstraint(
        condition=models.Q(recruiter_relationship="")
        | choices_q("recruiter_relationship", RecruiterRelationship),
        name="victim_recruiter_relationship_valid",
    ),
    models.CheckConstraint(
        condition=models.Q(labour_industry="") | choices_q("labour_industry", LabourIndustry),
        name="victim_labour_industry_valid",
    ),
    models.CheckConstraint(
        condition=models.Q(exploitation_district="") | choices_q("exploitation_district", District),
        name="victim_exploitation_district_valid",
    ),
]


class TraffickingFacts(models.Model):
    """The HTCDS fields of a victim's record: blank or empty where not known."""

    control_methods = models.JSONField(
        _("methods of control"), default=list, blank=True, validators=[CodesOf("control_methods")]
    )
    recruitment_methods = models.JSONField(
        _("how the person was recruited"),
        default=list,
        blank=True,
        validators=[CodesOf("recruitment_methods")],
    )
    recruiter_relationship = models.CharField(
        _("recruiter's relationship to the person"),
        max_length=16,
        choices=RecruiterRelationship.choices,
        blank=True,
    )
    labour_industry = models.CharField(
        _("sector of the forced labour"), max_length=56, choices=LabourIndustry.choices, blank=True
    )
    sex_exploitation_types = models.JSONField(
        _("types of sexual exploitation"),
        default=list,
        blank=True,
        validators=[CodesOf("sex_exploitation_types")],
    )
    exploitation_country = CountryField(_("country of exploitation"), blank=True)
    exploitation_district = models.CharField(
        _("district of exploitation"),
        max_length=16,
        choices=District.choices,
        blank=True,
        help_text=_("Where in Belize, when the country of exploitation is Belize."),
    )
    recruitment_country = CountryField(_("country of recruitment"), blank=True)
    transit_country = CountryField(
        _("country crossed in transit"),
        blank=True,
        help_text=_("A country the person travelled through, if any."),
    )

    class Meta:
        abstract = True

    def trafficking_shown(self) -> list[tuple[str, str]]:
        """Each field as the victim's page shows it: its label and its value's labels ("" when
        not known), in TRAFFICKING_FIELDS' order."""
        return [
            (capfirst(self._meta.get_field(name).verbose_name), self._shown(name))
            for name in TRAFFICKING_FIELDS
        ]

    def _shown(self, name: str) -> str:
        value = getattr(self, name)
        if name in CODE_LISTS:
            labels = dict(CODE_LISTS[name].choices)
            return ", ".join(str(labels.get(code, code)) for code in value)
        if name.endswith("_country"):
            return str(value.name) if value else ""
        return str(getattr(self, f"get_{name}_display")())


TRAFFICKING_FIELDS = (
    "exploitation_country",
    "exploitation_district",
    "labour_industry",
    "sex_exploitation_types",
    "control_methods",
    "recruitment_methods",
    "recruiter_relationship",
    "recruitment_country",
    "transit_country",
)
