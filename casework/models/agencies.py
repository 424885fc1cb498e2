"""The agency a casework record names (a consent to share, a goal's responsible agency, a
referral), and whether a person is a minor on a day."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from atip.codes import HOME_COUNTRY, Agency, choices_q
from victims.models import Victim

# Agencies known by a name (an NGO, "other"), and by a country (a consulate).
NAMED_AGENCIES = (Agency.NGO, Agency.OTHER)
# Neither the Department itself nor the person is an agency information is shared with.
OUTSIDE_AGENCIES = tuple(a for a in Agency if a not in (Agency.HUMAN_SERVICES, Agency.SELF))


def minor_on(victim: Victim, day: datetime.date) -> bool:
    """The person is a minor on `day`: before `adult_on`, the rule of victims.ages.age_group_q.
    An unknown age is not a minor (the form says to name a guardian when in doubt)."""
    return victim.adult_on is not None and day < victim.adult_on


class AgencyFields(models.Model):
    """An agency of the code list (atip.codes.Agency), with the name of an NGO (or other agency)
    and the country of a consulate. Two records name the same agency when all three match, the
    name without regard to case (casework.selectors.sharing_consent)."""

    agency = models.CharField(_("agency"), max_length=16, choices=Agency.choices, blank=True)
    agency_name = models.CharField(
        _("name of the NGO or agency"),
        max_length=200,
        blank=True,
        help_text=_("For an NGO or another agency."),
    )
    agency_country = CountryField(_("country of the consulate"), blank=True, help_text=_("For a consulate."))

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(agency="") | choices_q("agency", Agency), name="%(class)s_agency_valid"
            ),
            models.CheckConstraint(
                condition=Q(agency__in=NAMED_AGENCIES) | Q(agency_name=""), name="%(class)s_name_if_named"
            ),
            models.CheckConstraint(
                condition=Q(agency=Agency.CONSULATE) | Q(agency_country=""),
                name="%(class)s_country_if_consulate",
            ),
        ]

    def agency_errors(self, *, required: bool, outside: bool) -> dict[str, str]:
        errors = {}
        if not self.agency:
            if required:
                errors["agency"] = _("Say which agency.")
            return errors
        if outside and self.agency not in OUTSIDE_AGENCIES:
            errors["agency"] = _("Choose an agency outside the Department.")
        if self.agency in NAMED_AGENCIES and not self.agency_name.strip():
            errors["agency_name"] = (
                _("Give the name of the NGO.")
                if self.agency == Agency.NGO
                else _("Give the name of the agency.")
            )
        if self.agency == Agency.CONSULATE:
            if not self.agency_country:
                errors["agency_country"] = _("Say which country's consulate.")
            elif self.agency_country == HOME_COUNTRY:
                errors["agency_country"] = _("A consulate is another country's.")
        return errors

    @property
    def agency_label(self) -> str:
        if self.agency == Agency.NGO:
            return _("%(name)s (NGO)") % {"name": self.agency_name}
        if self.agency == Agency.OTHER:
            return self.agency_name
        if self.agency == Agency.CONSULATE:
            return _("Consulate of %(country)s") % {"country": self.agency_country.name}
        return self.get_agency_display()
