from django import forms
from django.utils import timezone

from atip.forms import DATE
from atip.versioning import VersionedForm
from services.models import Repatriation, ServiceEpisode


class EpisodeForm(VersionedForm):
    class Meta:
        model = ServiceEpisode
        fields = ["service_type", "provider", "start_date", "end_date", "notes"]
        widgets = {"start_date": DATE, "end_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


class CloseEpisodeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    end_date = forms.DateField(widget=DATE, initial=timezone.localdate, label="Ended on")


class RepatriationForm(VersionedForm):
    class Meta:
        model = Repatriation
        fields = ["destination_country", "status", "return_date", "assisted_by", "notes"]
        widgets = {"return_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
