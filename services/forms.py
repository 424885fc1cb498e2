from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.forms import DATE
from atip.versioning import VersionedForm
from services.models import Repatriation, ServiceEpisode
from services.services import EPISODE_FIELDS, REPATRIATION_FIELDS


def _stays(stays) -> str:
    return "; ".join(stay.described for stay in stays)


class EpisodeForm(VersionedForm):
    """A service episode. A new one, for a person with an open accommodation stay, also offers
    to close that stay on its start date (services.services.episode_save)."""

    class Meta:
        model = ServiceEpisode
        fields = EPISODE_FIELDS
        widgets = {"start_date": DATE, "end_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, open_stays=(), **kwargs):
        super().__init__(*args, **kwargs)
        if open_stays and self.instance.pk is None:
            self.fields["close_open_stay"] = forms.BooleanField(
                required=False,
                label=_("If this is a new accommodation: close the open stay on its start date"),
                help_text=_("Open now: %(stays)s.") % {"stays": _stays(open_stays)},
            )


class CloseEpisodeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    end_date = forms.DateField(widget=DATE, initial=timezone.localdate, label=_("Ended on"))


class RepatriationForm(VersionedForm):
    """A repatriation; for a person with open accommodation stays, completing it offers to close
    them on the return date (services.services.repatriation_save)."""

    class Meta:
        model = Repatriation
        fields = REPATRIATION_FIELDS
        widgets = {"return_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"notes": _("Required when the destination is not the person's nationality: say why.")}

    def __init__(self, *args, open_stays=(), **kwargs):
        super().__init__(*args, **kwargs)
        if open_stays:
            self.fields["close_open_stays"] = forms.BooleanField(
                required=False,
                label=_("If the return is completed: close the open accommodation on the return date"),
                help_text=_("Open now: %(stays)s.") % {"stays": _stays(open_stays)},
            )
