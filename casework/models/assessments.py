"""Needs and risk assessments, and the domains of needs (and of care-plan goals)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from atip.codes import choices_q
from atip.dates import PAST
from atip.models import VersionedModel
from victims.models import Victim


class Domain(models.TextChoices):
    """The domains of needs and of care-plan goals."""

    SAFETY = "safety", _("Safety")
    ACCOMMODATION = "accommodation", _("Accommodation")
    HEALTH = "health", _("Health")
    PSYCHOLOGICAL = "psychological", _("Psychological")
    LEGAL = "legal", _("Legal")
    DOCUMENTATION = "documentation", _("Documentation")
    EDUCATION = "education", _("Education")
    LIVELIHOOD = "livelihood", _("Livelihood")
    FAMILY_REUNIFICATION = "family_reunification", _("Family reunification")
    INTERPRETATION = "interpretation", _("Interpretation")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


def _need(domain: Domain):
    return models.TextField(domain.label, blank=True)


class Assessment(VersionedModel):
    """A needs and risk assessment: the risk level with its basis, and the needs found in each
    domain (blank: none found)."""

    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("victim")
    )
    assessed_on = models.DateField(_("assessed on"), validators=PAST)
    risk = models.CharField(_("risk level"), max_length=8, choices=RiskLevel.choices)
    risk_basis = models.TextField(_("basis of the risk level"))
    need_safety = _need(Domain.SAFETY)
    need_accommodation = _need(Domain.ACCOMMODATION)
    need_health = _need(Domain.HEALTH)
    need_psychological = _need(Domain.PSYCHOLOGICAL)
    need_legal = _need(Domain.LEGAL)
    need_documentation = _need(Domain.DOCUMENTATION)
    need_education = _need(Domain.EDUCATION)
    need_livelihood = _need(Domain.LIVELIHOOD)
    need_family_reunification = _need(Domain.FAMILY_REUNIFICATION)
    need_interpretation = _need(Domain.INTERPRETATION)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=choices_q("risk", RiskLevel), name="assessment_risk_valid"),
        ]

    def __str__(self):
        return _("Assessment of %(date)s (%(risk)s risk)") % {
            "date": self.assessed_on,
            "risk": self.get_risk_display().lower(),
        }

    @property
    def needs(self) -> list[tuple[str, str]]:
        """(domain label, need) for each domain with a need."""
        return [(d.label, getattr(self, NEED_FIELDS[d])) for d in Domain if getattr(self, NEED_FIELDS[d])]


NEED_FIELDS = {domain: f"need_{domain.value}" for domain in Domain}
