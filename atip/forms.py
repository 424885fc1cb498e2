"""The one shape of every create/edit page: a form, a service call, a message, a redirect."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url

from atip.dates import EARLIEST

T = TypeVar("T")

# The browser's date picker, which also refuses the dates the records refuse (atip.dates).
DATE = forms.DateInput(attrs={"type": "date", "min": EARLIEST.isoformat()}, format="%Y-%m-%d")


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
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
    **context,
):
    """A create/edit page: on a valid POST, `save()`; then the `done` message and a redirect to
    `then` (a URL, a record, or a function of what `save()` returned; default `back`).
    Otherwise the form, with its errors next to the fields, and a Cancel link to `back`."""
    saved = submit(request, form, save)
    if saved is not None:
        messages.success(request, done(saved) if callable(done) else done)
        return redirect(then(saved) if callable(then) else (then or back))
    return render(request, template, {"form": form, "title": title, "back": resolve_url(back), **context})
