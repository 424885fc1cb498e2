"""Notes the application writes itself on a record's history ("Registered.", "Reported.",
"Referred from case C-2026-001."): stored as a code and its parameters (a record's
`system_notes`, a list of [code, params]) and put in words in the reader's language when shown,
before whatever a person wrote in the same note."""

from django.utils.translation import gettext, ngettext

CODES = ("registered", "reported", "referred_from_case", "prosecution_filed", "different_from")


def _words(code: str, params: dict) -> str:
    if code == "registered":
        return gettext("Registered.")
    if code == "reported":
        return gettext("Reported.")
    if code == "referred_from_case":
        return gettext("Referred from case %(case)s.") % params
    if code == "prosecution_filed":
        return gettext("Prosecution %(reference)s filed.") % params
    if code == "different_from" and "references" in params:
        return gettext("Confirmed as a different person from %(references)s.") % params
    if code == "different_from":
        n = params.get("count", 0)
        return ngettext(
            "Confirmed as a different person from %(count)d likely match.",
            "Confirmed as a different person from %(count)d likely matches.",
            n,
        ) % {"count": n}
    return ""


def system_note(code: str, **params) -> list:
    """One note of the application, as stored."""
    assert code in CODES, code
    return [code, params]


def note_shown(system_notes: list, note: str) -> str:
    """The application's notes in the reader's language, then the note a person wrote."""
    return " ".join([_words(code, params) for code, params in system_notes or ()] + ([note] if note else []))
