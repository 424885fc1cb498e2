"""Forms of account administration and of the two-factor steps. Plain forms with the fields they
name: anything else posted (is_superuser, groups, …) is never read."""

from django import forms
from django.utils.translation import gettext_lazy as _

from atip.roles import Role
from atip.usernames import username_validator

ROLE_CHOICES = [("", "—")] + Role.choices


class AccountForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[username_validator],
        help_text=_("Unaccented letters, digits, and . _ - only; compared whatever the case."),
    )
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The account holder's own address: the link to choose a password is sent there."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, help_text=_("Exactly one role."))


class AccountEditForm(forms.Form):
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, help_text=_("Exactly one role."))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, may_approve: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_approve:
            # Only "Reject" is offered (the button says it); an "approve" posted all the same
            # reaches accounts.approval, which refuses it with the reason (403, audited).
            self.fields["decision"].widget = forms.HiddenInput()
            self.fields["decision"].initial = "reject"


class ResetTwoFactorForm(forms.Form):
    """A two-factor reset is confirmed on a page of its own, with the reason written to the
    audit log (issue 21.10)."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("Why the reset is needed (e.g. phone lost, replaced): kept in the audit log."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "inputmode": "text"}
        ),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
