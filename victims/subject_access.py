"""A person's own copy of what is held about them (issue 22.2; Data Protection Act: the right of
access). Everything kept about the person, in sections of (label, value) rows, for a PDF in the
person's language or for JSON; the request's reference and date are recorded and the copy is
audited.

Withheld, and said so in the copy (WITHHELD): other people's data (suspects, the police's case
summary, who else took part in a contact), the names of the staff who read or wrote the record
(their role is given), and the text of notes a supervisor restricted; the stored bytes of the
documents (their list is given; a copy of one is handed over separately).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from atip.codes import Language
from atip.dates import PAST
from atip.models import AuditEvent, written_by
from atip.roles import Role

LANGUAGES = [
    (Language.ENGLISH.value, Language.ENGLISH.label),
    (Language.SPANISH.value, Language.SPANISH.label),
]
WITHHELD = [
    _("other people's data: suspects, the police's case summary, others present at a contact;"),
    _("the names of the staff who read or wrote the record (their role is given);"),
    _("the text of notes a supervisor restricted (their date and kind are given);"),
    _("the documents themselves (their list is given: ask for a copy of any of them)."),
]


class SubjectAccessRequest(models.Model):
    """A person asked for their data (or to correct it): the request's reference and date, who
    produced the copy and when, in which language and format."""

    victim = models.ForeignKey(
        "victims.Victim", on_delete=models.PROTECT, related_name="access_requests", verbose_name=_("victim")
    )
    reference = models.CharField(_("reference of the request"), max_length=64)
    received_on = models.DateField(_("request received on"), validators=PAST)
    language = models.CharField(_("language of the copy"), max_length=8, choices=LANGUAGES)
    format = models.CharField(_("format"), max_length=8, choices=[("pdf", _("PDF")), ("json", _("JSON"))])
    produced_by = written_by(_("produced by"))
    produced_at = models.DateTimeField(_("produced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("subject access request")
        verbose_name_plural = _("subject access requests")
        ordering = ["-produced_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reference=""), name="subjectaccess_has_reference"),
            models.CheckConstraint(
                condition=Q(language__in=["en", "es"]), name="subjectaccess_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(format__in=["pdf", "json"]), name="subjectaccess_format_valid"
            ),
        ]

    def __str__(self):
        return self.reference


def readers(victim) -> list[dict]:
    """Who read the record (audit log): when, which role, what; never the staff's names."""
    events = AuditEvent.objects.filter(object_type="victim", object_id=str(victim.pk)).order_by("at", "seq")
    roles = dict(Role.choices)
    return [
        {"at": event.at, "role": str(roles.get(event.role, "")), "action": event.get_action_display()}
        for event in events.only("at", "role", "action")
    ]
