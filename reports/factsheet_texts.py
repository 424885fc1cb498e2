"""The words of the factsheet that the Council secretary writes (issue 21.13): the year in brief,
the definition of trafficking under the Act, the prevention summary and the contact block.

A year has one draft per language (FactsheetDraft), versioned and audited, shown on every
factsheet made of that year in that language; publishing copies it into the edition
(reports.editions), which keeps it for good with the figures and the PDF. Until the secretary
saves a draft, the factsheet shows the defaults below: the definition and the contact block
carried over from the latest earlier year's draft in the language, or else these texts, with the
e-mail and telephone of settings.FACTSHEET_CONTACT_EMAIL and FACTSHEET_CONTACT_PHONE."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from atip.services import model_save
from atip.versioning import STALE_MESSAGE
from reports.models import FACTSHEET_LANGUAGES, FactsheetDraft

TEXT_FIELDS = (
    "narrative",
    "definition",
    "prevention_summary",
    "contact_address",
    "contact_email",
    "contact_phone",
)
# What stays from one year to the next; the year in brief and the prevention summary are the year's.
CARRIED_OVER = ("definition", "contact_address", "contact_email", "contact_phone")

DEFINITION = _(
    "The Trafficking in Persons (Prohibition) Act 2013 makes trafficking in persons a crime: the "
    "recruitment, transport, transfer, harbouring or receipt of a person by the threat or use of force "
    "or other forms of coercion, abduction, fraud, deception, the abuse of power or of a position of "
    "vulnerability, or the giving or receiving of payments or benefits to obtain the consent of a person "
    "having control over another, for the purpose of exploitation. Exploitation includes sexual "
    "exploitation, forced labour or services, slavery or practices similar to it, servitude and the "
    "removal of organs."
)
ADDRESS = _(
    "Anti-Trafficking in Persons (ATIPs) Council\n"
    "Ministry of Human Development, Families and Indigenous Peoples' Affairs\n"
    "Belmopan, Belize"
)


def factsheet_languages() -> list[str]:
    """The languages of reports.models.FACTSHEET_LANGUAGES that settings.LANGUAGES offers (it may
    offer more, or name them with a region)."""
    offered = {part for code, _name in settings.LANGUAGES for part in (code, code.split("-")[0])}
    return [code for code in FACTSHEET_LANGUAGES if code in offered]


def factsheet_language(code: str | None = None) -> str:
    """`code` (default: the active language) as one of factsheet_languages(): "es-mx" is "es";
    anything else the first of them (English)."""
    code = (code or translation.get_language() or "").lower()
    languages = factsheet_languages()
    for candidate in (code, code.split("-")[0]):
        if candidate in languages:
            return candidate
    return languages[0]


def default_texts(language: str) -> dict[str, str]:
    """The texts of a factsheet in `language` before anyone wrote them."""
    with translation.override(language):
        return {
            "narrative": "",
            "definition": str(DEFINITION),
            "prevention_summary": "",
            "contact_address": str(ADDRESS),
            "contact_email": settings.FACTSHEET_CONTACT_EMAIL,
            "contact_phone": settings.FACTSHEET_CONTACT_PHONE,
        }


def draft_of(year: int, language: str) -> FactsheetDraft:
    """Year `year`'s draft in `language`; unsaved (no pk) and filled with the defaults when none
    has been saved yet."""
    drafts = FactsheetDraft.objects.filter(language=language, year__lte=year).order_by("-year")[:1]
    latest = next(iter(drafts), None)
    if latest is not None and latest.year == year:
        return latest
    texts = default_texts(language)
    if latest is not None:
        texts.update({field: getattr(latest, field) for field in CARRIED_OVER})
    return FactsheetDraft(year=year, language=language, **texts)


def texts_of(source) -> dict[str, str]:
    """The texts of a draft or an edition, by field."""
    return {field: getattr(source, field) for field in TEXT_FIELDS}


def draft_save(*, year: int, language: str, by, data: dict, expected_version: int | None) -> FactsheetDraft:
    """Write year `year`'s texts in `language`: the first save creates the draft, later ones need
    the version they were read at. Versioned and audited, naming the fields changed."""
    draft = draft_of(year, language)
    before = texts_of(draft) if draft.pk else {}
    changed = [field for field in TEXT_FIELDS if field in data and data[field] != before.get(field)]
    try:
        with transaction.atomic():
            return model_save(
                draft,
                fields=TEXT_FIELDS,
                data=data,
                by=by,
                expected_version=expected_version,
                detail=f"factsheet texts {year} {language}: {', '.join(changed) or 'nothing'} changed",
            )
    except IntegrityError:  # a draft of the same year and language saved at the same moment
        raise ValidationError(STALE_MESSAGE, code="stale") from None
