"""The page on which a new person is registered, with its duplicate check (issue 10): social
workers at /victims/new/, police from a case (cases.views.case_register_victim).

When records look like the person, the form comes back with them and a "this is a different
person" box; the registration is saved only once that is confirmed for exactly the matches
shown (victims.services.victim_register_checked). Social workers see the matching records;
anyone else only how many there are, never which: police may not see victims outside their
cases (roles.md), and a reference would let them confirm who Human Services holds.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from atip.audit import Action, audit
from atip.forms import form_page
from atip.reads import audit_shown
from atip.roles import Ability, can
from victims.duplicates import matches_token
from victims.models import Victim
from victims.services import LikelyDuplicates, victim_register_checked

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

    names: bool  # may the user see the records themselves?
    matches: list[Victim] = field(default_factory=list)

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


def registration_page(request, form, *, register: Callable[[], Victim], where: str, audit_obj=None, **page):
    """atip.forms.form_page for a registration: `register()` runs (in the duplicate check)
    once the form is valid. `where` names the page in the audit rows of the matches shown;
    `audit_obj` is the record a count shown to a user who may not see the names is audited on
    (the case a police officer registers from)."""
    check = Check(names=can(request.user, Ability.LIST_VICTIMS))
    confirm = DifferentPersonForm(request.POST or None)

    def save() -> Victim:
        try:
            return victim_register_checked(
                by=request.user, data=form.cleaned_data, confirmed=confirm.token(), register=register
            )
        except LikelyDuplicates as found:
            check.matches = found.matches
            _ask_to_confirm(form, matches_token(found.matches))
            if check.names:
                audit_shown(found.matches, where=f"likely matches at {where}")
            else:
                # No name is shown, but which records matched is worth knowing afterwards: an
                # officer could try names to learn whom Human Services holds.
                audit(
                    action=Action.VIEW,
                    obj=audit_obj,
                    detail=f"duplicate check at {where}: {check.count} likely matches shown as a count "
                    f"({', '.join(m.reference for m in found.matches)})",
                )
            raise ValidationError({"different_person": found.messages}) from found

    return form_page(request, form, save=save, template="victims/register.html", check=check, **page)
