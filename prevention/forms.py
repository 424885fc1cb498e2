from django import forms

from atip.forms import DATE
from atip.versioning import VersionedForm
from prevention.models import Activity


class ActivityForm(VersionedForm):
    class Meta:
        model = Activity
        fields = [
            "reference",
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
        help_texts = {"reference": "Leave blank to have one given (e.g. P-2026-001)."}
        labels = {"direct": "Direct (aimed at people)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].required = False
        if self.instance.pk:
            del self.fields["reference"]
