from django import forms

from atip.forms import DATE
from atip.versioning import VersionedForm
from prevention.models import Activity


class ActivityForm(VersionedForm):
    class Meta:
        model = Activity
        fields = [
            "date",
            "kind",
            "direct",
            "title",
            "audience",
            "participants",
            "organiser",
            "notes",
        ]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"direct": "Direct (aimed at people)"}
