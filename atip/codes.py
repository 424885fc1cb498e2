"""Code lists shared by several apps (spec/data-dictionary.md). Codes never change."""

from django.db import models


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"


class Exploitation(models.TextChoices):
    SEXUAL = "sexual", "Sexual exploitation"
    FORCED_LABOUR = "forced_labour", "Forced labour"
    DOMESTIC_SERVITUDE = "domestic_servitude", "Domestic servitude"
    SLAVERY_PRACTICES = "slavery_practices", "Slavery or similar practices"
    FORCED_MARRIAGE = "forced_marriage", "Forced marriage"
    ORGAN_REMOVAL = "organ_removal", "Removal of organs"
    FORCED_CRIMINALITY = "forced_criminality", "Forced criminality"
    FORCED_BEGGING = "forced_begging", "Forced begging"
    ILLEGAL_ADOPTION = "illegal_adoption", "Illegal adoption"
    OTHER = "other", "Other"


class District(models.TextChoices):
    BELIZE = "belize", "Belize"
    CAYO = "cayo", "Cayo"
    COROZAL = "corozal", "Corozal"
    ORANGE_WALK = "orange_walk", "Orange Walk"
    STANN_CREEK = "stann_creek", "Stann Creek"
    TOLEDO = "toledo", "Toledo"


class Agency(models.TextChoices):
    """Agencies a victim is referred to or from (issue 10: referrals, "who referred the person")."""

    ATIPS_POLICE = "atips_police", "ATIPs Police Unit"
    DPP = "dpp", "Office of the Director of Public Prosecutions"
    HUMAN_SERVICES = "human_services", "Department of Human Services"
    IMMIGRATION = "immigration", "Immigration Department"
    LABOUR = "labour", "Labour Department"
    HEALTH = "health", "Ministry of Health"
    EDUCATION = "education", "Ministry of Education"
    NGO = "ngo", "NGO (named)"
    IOM = "iom", "IOM"
    CONSULATE = "consulate", "Consulate (of a country)"
    SELF = "self", "The person themself"
    OTHER = "other", "Other"


class Language(models.TextChoices):
    """Languages a person speaks (issue 10: "languages spoken", to plan interpretation): the
    languages of Belize and of the region its victims come from. ISO 639 codes (639-1 where one
    exists, else 639-3)."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"
    KRIOL = "bzj", "Belizean Kriol"
    GARIFUNA = "cab", "Garifuna"
    QEQCHI = "kek", "Q'eqchi'"
    MOPAN = "mop", "Mopan Maya"
    YUCATEC = "yua", "Yucatec Maya"
    PLAUTDIETSCH = "pdt", "Plautdietsch (Mennonite Low German)"
    KICHE = "quc", "K'iche'"
    MAM = "mam", "Mam"
    HAITIAN_CREOLE = "ht", "Haitian Creole"
    PORTUGUESE = "pt", "Portuguese"
    FRENCH = "fr", "French"
    CHINESE = "zh", "Chinese"
    HINDI = "hi", "Hindi"
    OTHER = "other", "Other"


HOME_COUNTRY = "BZ"


def choices_q(field: str, choices) -> models.Q:
    """A Q for a CheckConstraint that keeps `field` inside a code list."""
    return models.Q(**{f"{field}__in": list(choices.values)})
