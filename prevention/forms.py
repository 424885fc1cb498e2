from django import forms
from django.utils.translation import gettext_lazy as _

from atip.forms import DATE
from atip.versioning import VersionedForm
from prevention.models import Activity
from prevention.services import ACTIVITY_FIELDS


class ActivityForm(VersionedForm):
    class Meta:
        model = Activity
        fields = ACTIVITY_FIELDS
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"direct": _("Direct (aimed at people)")}
