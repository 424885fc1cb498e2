"""The page on which a new person is registered, with its duplicate check: social
workers at /victims/new/, police from a case (cases.views.case_register_victim).

When records look like the person, a social worker's form comes back with them and a "this is a
different person" box; the registration is saved only once that is confirmed for exactly the
matches shown (victims.services.victim_register_checked). Anyone who may not see those records
(police: roles.md) is answered the same whether or not they exist, or the answer would tell whom
Human Services holds: the person is registered at once and the likely matches are left to Human
Services' duplicate review (victims.services.victim_register_for_review).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from atip.forms import form_page
from atip.roles import Ability, can
from victims.access import VictimAccess, victims_shown
from victims.duplicates import matches_token
from victims.models import Victim
from victims.services import LikelyDuplicates, victim_register_checked, victim_register_for_review

CONFIRM_LABEL = _("This is a different person: register a new record")


class DifferentPersonForm(forms.Form):
    """What the page posts back once it has shown likely matches."""

    different_person = forms.BooleanField(required=False)
    matches_token = forms.CharField(required=False, max_length=128)

    def token(self) -> str:
        """The confirmed matches' token, or "" when the box is not ticked."""
        if not self.is_valid() or not self.cleaned_data["different_person"]:
            return ""
        return self.cleaned_data["matches_token"]


@dataclass
class Check:
    """The likely matches shown on the page (none until a registration met some)."""

    names: bool  # may the user see the records themselves? (if not, no check is shown)
    matches: list[VictimAccess] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.matches)


def _ask_to_confirm(form, token: str) -> None:
    """Add the "different person" box (unticked: every new set of matches is confirmed anew) and
    the matches' token to the form, so that they are posted with it."""
    form.fields["different_person"] = forms.BooleanField(required=False, label=CONFIRM_LABEL)
    form.fields["matches_token"] = forms.CharField(required=False, widget=forms.HiddenInput)
    data = form.data.copy()
    data.pop("different_person", None)
    data["matches_token"] = token
    form.data = data


def registration_page(request, form, *, register: Callable[[], Victim], where: str, **page):
    """atip.forms.form_page for a registration: `register()` runs (in the duplicate check)
    once the form is valid. `where` names the page in the audit rows of the matches shown."""
    check = Check(names=can(request.user, Ability.LIST_VICTIMS))
    if not check.names:
        # Nothing posted about matches is read (a "different people" box would hide the pair
        # from Human Services' review).
        return form_page(
            request,
            form,
            save=lambda: victim_register_for_review(
                by=request.user, data=form.cleaned_data, register=register
            ),
            template="victims/register.html",
            check=check,
            **page,
        )
    confirm = DifferentPersonForm(request.POST or None)

    def save() -> Victim:
        try:
            return victim_register_checked(
                by=request.user, data=form.cleaned_data, confirmed=confirm.token(), register=register
            )
        except LikelyDuplicates as found:
            check.matches = victims_shown(
                found.matches, user=request.user, where=f"likely matches at {where}"
            )
            _ask_to_confirm(form, matches_token(found.matches))
            raise ValidationError({"different_person": found.messages}) from found

    return form_page(request, form, save=save, template="victims/register.html", check=check, **page)
