"""The content of a person's own copy (victims.subject_access): every record kept about them, in
sections of rows (field name, label in the active language, value), for the PDF and the JSON."""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from cases.models import CaseVictim
from casework.models import Assessment, CarePlan, Consent, ContactNote, Document, Goal, Referral, Review
from services.models import Repatriation, ServiceEpisode
from victims.models import IdentificationDecision, Victim
from victims.subject_access import WITHHELD, SubjectAccessRequest, readers

# Never in the copy: bookkeeping, derived copies, where the bytes are, and (ForeignKeys, all
# skipped) the staff who wrote each record.
SKIPPED = {"id", "version", "updated_at", "search_name", "adult_on", "storage_name", "key_id", "sha256"}
OTHERS = {ContactNote: {"participants"}, Review: {"participants"}}  # other people's names


def _value(record, field) -> str:
    value = getattr(record, field.name)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(getattr(record, f"get_{field.name}_display")())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%Y-%m-%d}"
    return str(getattr(value, "name", value))  # a country: its name


def rows(record) -> list[tuple[str, str, str]]:
    """(field name, label, value) of every field the person may read."""
    skipped = SKIPPED | OTHERS.get(type(record), set())
    out = []
    for field in record._meta.concrete_fields:
        if field.name in skipped or isinstance(field, models.ForeignKey):
            continue
        value = _value(record, field)
        if isinstance(record, ContactNote) and field.name == "text" and record.restricted:
            value = _("(withheld: restricted by a supervisor)")
        out.append((field.name, str(field.verbose_name).capitalize(), value))
    return out


def _section(key: str, title: str, records) -> dict:
    return {"key": key, "title": title, "items": [rows(r) for r in records]}


def _cases(victim: Victim) -> list:
    links = CaseVictim.objects.filter(victim=victim).select_related("case")
    return [
        [
            ("reference", _("Case"), link.case.reference),
            ("status", _("Status"), link.case.get_status_display()),
        ]
        for link in links
    ]


def _readers(victim: Victim) -> list:
    return [
        [
            ("at", _("When"), f"{timezone.localtime(r['at']):%Y-%m-%d %H:%M}"),
            ("role", _("Role"), r["role"]),
            ("action", _("What"), str(r["action"])),
        ]
        for r in readers(victim)
    ]


def sections(victim: Victim) -> list[dict]:
    plans = CarePlan.objects.filter(victim=victim)
    forms = ", ".join(str(f) for f in victim.exploitation_forms.all())
    languages = ", ".join(str(x) for x in victim.languages.all())
    person = [
        *rows(victim),
        ("exploitation_forms", _("Forms of exploitation"), forms),
        ("languages", _("Languages spoken"), languages),
    ]
    own = {"victim": victim}
    return [
        {"key": "person", "title": _("The record"), "items": [person]},
        _section("decisions", _("Identification decisions"), IdentificationDecision.objects.filter(**own)),
        _section("services", _("Services"), ServiceEpisode.objects.filter(**own)),
        _section("repatriations", _("Repatriation"), Repatriation.objects.filter(**own)),
        _section("consents", _("Consents"), Consent.objects.filter(**own)),
        _section("assessments", _("Assessments"), Assessment.objects.filter(**own)),
        _section("plans", _("Care plans"), plans),
        _section("goals", _("Goals of the care plans"), Goal.objects.filter(plan__in=plans)),
        _section("reviews", _("Reviews of the care plans"), Review.objects.filter(plan__in=plans)),
        _section("referrals", _("Referrals"), Referral.objects.filter(**own)),
        _section("notes", _("Contact notes"), ContactNote.objects.filter(**own)),
        _section("documents", _("Documents (the list)"), Document.objects.filter(**own)),
        {"key": "cases", "title": _("Cases the person is listed in"), "items": _cases(victim)},
        {"key": "readers", "title": _("Who read or changed the record"), "items": _readers(victim)},
    ]


def copy_json(victim: Victim, request: SubjectAccessRequest) -> bytes:
    with override(request.language):
        content = {
            section["key"]: [{name: value for name, _label, value in item} for item in section["items"]]
            for section in sections(victim)
        }
        body = {
            "person": victim.reference,
            "request": {"reference": request.reference, "received_on": request.received_on},
            "produced_at": request.produced_at,
            "withheld": [str(w) for w in WITHHELD],
            "sections": content,
        }
    return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def copy_pdf(victim: Victim, request: SubjectAccessRequest) -> bytes:
    from weasyprint import HTML  # slow to import: only when a PDF is made

    with override(request.language):
        context = {
            "victim": victim,
            "request": request,
            "received": f"{request.received_on:%Y-%m-%d}",
            "produced": f"{timezone.localtime(request.produced_at):%Y-%m-%d}",
            "sections": sections(victim),
            "withheld": WITHHELD,
        }
        html = render_to_string("victims/subject_access_pdf.html", context)
    return HTML(string=html).write_pdf()
