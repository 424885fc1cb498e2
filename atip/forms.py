"""The one shape of every create/edit page: a form, a service call, a message, a redirect."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render, resolve_url

from atip.dates import EARLIEST

T = TypeVar("T")

# The browser's date picker, which also refuses the dates the records refuse (atip.dates).
DATE = forms.DateInput(attrs={"type": "date", "min": EARLIEST.isoformat()}, format="%Y-%m-%d")


class ModelForm(forms.ModelForm):
    """The base of every form that edits a record. A record's rule may name a field the form
    does not show (Victim.clean names the identification date, which has its own page): Django
    would answer that with a ValueError, a 500; here the message goes above the form."""

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = ValidationError(by_shown_field(error, self.fields))
        super().add_error(field, error)


def by_shown_field(error: ValidationError, fields) -> dict:
    """`error`'s messages by field, those of fields not in `fields` gathered above the form."""
    shown: dict = {}
    for name, errors in error.error_dict.items():
        key = name if name in fields else NON_FIELD_ERRORS
        shown.setdefault(key, []).extend(errors)
    return shown


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in by_shown_field(error, form.fields).items():
            form.add_error(None if field == NON_FIELD_ERRORS else field, errors)
    else:
        form.add_error(None, error)


def submit(request, form, save: Callable[[], T]) -> T | None:
    """Run `save()` (a service call) for a posted, valid form and return what it returns.

    None when nothing was saved: a GET, an invalid form, or a service that refused the change
    (a rule, a stale version) — its message is then on the form, next to the field it names.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as error:
        apply_errors(form, error)
        return None


def form_page(
    request,
    form,
    *,
    save: Callable[[], T],
    title: str,
    back,
    done: str | Callable[[T], str],
    then=None,
    template: str = "form.html",
    section: str = "",
    **context,
):
    """A create/edit page: on a valid POST, `save()`; then the `done` message and a redirect to
    `then` (a URL, a record, or a function of what `save()` returned; default `back`, at the
    `section` of its page that was being changed, so that a phone does not open at the top).
    Otherwise the form, with its errors next to the fields, and a Cancel link to `back`."""
    back_url = resolve_url(back) + (f"#{section}" if section else "")
    saved = submit(request, form, save)
    if saved is not None:
        messages.success(request, done(saved) if callable(done) else done)
        return redirect(then(saved) if callable(then) else (then or back_url))
    return render(request, template, {"form": form, "title": title, "back": back_url, **context})
