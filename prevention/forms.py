from django import forms

from atip.forms import DATE
from atip.versioning import VersionedForm
from prevention.models import Activity
from prevention.services import ACTIVITY_FIELDS


class ActivityForm(VersionedForm):
    class Meta:
        model = Activity
        fields = ACTIVITY_FIELDS
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"direct": "Direct (aimed at people)"}
