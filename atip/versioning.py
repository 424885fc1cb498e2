"""Optimistic locking for records edited through forms (roles.md: no silent overwrite)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from atip.forms import ModelForm

STALE_MESSAGE = _(
    "Someone else saved this record while you were editing it. Nothing of yours was saved: "
    "reload the page to see their changes, then make yours again."
)


def save_versioned(obj, *, expected_version: int | None) -> None:
    """Validate and save `obj` if nobody saved it since `expected_version` was read.

    New objects (no pk) are simply validated and saved. Raises ValidationError otherwise.
    """
    with transaction.atomic():
        if obj.pk is not None:
            current = (
                type(obj)
                .objects.select_for_update()
                .filter(pk=obj.pk)
                .values_list("version", flat=True)
                .first()
            )
            if expected_version is None or current != expected_version:
                raise ValidationError(STALE_MESSAGE, code="stale")
            obj.version = current + 1
        obj.full_clean()
        obj.save()


class VersionedForm(ModelForm):
    """A ModelForm that carries the version of the record it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version


def posted_version(request) -> int | None:
    """The version a POST without a form (a button) says it was read at; None if absent."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None
