"""Code lists shared by several apps (spec/data-dictionary.md). Codes never change; their labels
are translated, and "Other" comes last in every list (its context tells the translator what it
qualifies: "Otro" or "Otra")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Unknown")
    OTHER = "other", pgettext_lazy("sex", "Other")  # last, as in every list (the code is unchanged)


class Exploitation(models.TextChoices):
    SEXUAL = "sexual", _("Sexual exploitation")
    FORCED_LABOUR = "forced_labour", _("Forced labour")
    DOMESTIC_SERVITUDE = "domestic_servitude", _("Domestic servitude")
    SLAVERY_PRACTICES = "slavery_practices", _("Slavery or similar practices")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    ORGAN_REMOVAL = "organ_removal", _("Removal of organs")
    FORCED_CRIMINALITY = "forced_criminality", _("Forced criminality")
    FORCED_BEGGING = "forced_begging", _("Forced begging")
    ILLEGAL_ADOPTION = "illegal_adoption", _("Illegal adoption")
    OTHER = "other", pgettext_lazy("form of exploitation", "Other")


class District(models.TextChoices):
    BELIZE = "belize", _("Belize")
    CAYO = "cayo", _("Cayo")
    COROZAL = "corozal", _("Corozal")
    ORANGE_WALK = "orange_walk", _("Orange Walk")
    STANN_CREEK = "stann_creek", _("Stann Creek")
    TOLEDO = "toledo", _("Toledo")


class Agency(models.TextChoices):
    """Agencies a victim is referred to or from (referrals, and who referred the person)."""

    ATIPS_POLICE = "atips_police", _("ATIPs Police Unit")
    DPP = "dpp", _("Office of the Director of Public Prosecutions")
    HUMAN_SERVICES = "human_services", _("Department of Human Services")
    IMMIGRATION = "immigration", _("Immigration Department")
    LABOUR = "labour", _("Labour Department")
    HEALTH = "health", _("Ministry of Health")
    EDUCATION = "education", _("Ministry of Education")
    NGO = "ngo", _("NGO (named)")
    IOM = "iom", _("IOM")
    CONSULATE = "consulate", _("Consulate (of a country)")
    SELF = "self", _("The person themself")
    OTHER = "other", pgettext_lazy("agency", "Other")


class Language(models.TextChoices):
    """Languages a person speaks (to plan interpretation): the
    languages of Belize and of the region its victims come from. ISO 639 codes (639-1 where one
    exists, else 639-3)."""

    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    KRIOL = "bzj", _("Belizean Kriol")
    GARIFUNA = "cab", _("Garifuna")
    QEQCHI = "kek", _("Q'eqchi'")
    MOPAN = "mop", _("Mopan Maya")
    YUCATEC = "yua", _("Yucatec Maya")
    PLAUTDIETSCH = "pdt", _("Plautdietsch (Mennonite Low German)")
    KICHE = "quc", _("K'iche'")
    MAM = "mam", _("Mam")
    HAITIAN_CREOLE = "ht", _("Haitian Creole")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH = "fr", _("French")
    CHINESE = "zh", _("Chinese")
    HINDI = "hi", _("Hindi")
    OTHER = "other", pgettext_lazy("language", "Other")


HOME_COUNTRY = "BZ"


def in_list_order(choices, field: str = "code") -> models.Case:
    """An ORDER BY expression that puts rows of a code table (ExploitationForm, SpokenLanguage)
    in the order of their code list ("Other" last), not in the codes' alphabetical order."""
    return models.Case(*(models.When(**{field: code}, then=i) for i, code in enumerate(choices.values)))


def choices_q(field: str, choices) -> models.Q:
    """A Q for a CheckConstraint that keeps `field` inside a code list."""
    return models.Q(**{f"{field}__in": list(choices.values)})
