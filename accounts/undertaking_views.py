"""The confidentiality undertaking's pages: accepting the version in force (every user), writing
a new version (administrators)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.auth_views import _next_url
from accounts.undertaking import current, undertaking_accept, undertaking_write
from atip.decorators import requires
from atip.forms import form_page
from atip.roles import Ability


class AcceptForm(forms.Form):
    accept = forms.BooleanField(
        label=gettext_lazy("I have read this undertaking and I accept it."),
        error_messages={"required": gettext_lazy("Tick the box to accept the undertaking.")},
    )


class UndertakingForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text of the undertaking"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=20000,
        help_text=gettext_lazy("Saving makes a new version: every user accepts it before going on."),
    )

    def __init__(self, *args, previous: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = previous

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if text == self.previous.strip():
            raise forms.ValidationError(_("The text is the one in force: change it to make a new version."))
        return text


@login_required
@require_http_methods(["GET", "POST"])
def undertaking(request):
    """The version in force, and the box to accept it; then on to where the user was going."""
    in_force = current()
    if in_force is None:
        return redirect("home")
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        undertaking_accept(request=request, undertaking=in_force)
        return redirect(_next_url(request) or "home")
    context = {"undertaking": in_force, "form": form, "next": _next_url(request)}
    return render(request, "accounts/undertaking.html", context)


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_USERS)
def undertaking_edit(request):
    in_force = current()
    previous = in_force.text if in_force else ""
    form = UndertakingForm(request.POST or None, initial={"text": previous}, previous=previous)
    return form_page(
        request,
        form,
        save=lambda: undertaking_write(text=form.cleaned_data["text"], by=request.user),
        title=_("Confidentiality undertaking"),
        back="accounts:list",
        done=lambda saved: (
            _("Version %(version)s is in force: every user accepts it at their next page.")
            % {"version": saved.version}
        ),
        submit_label=_("Save as a new version"),
    )
