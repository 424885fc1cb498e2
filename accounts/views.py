"""Account administration pages (Ability.MANAGE_USERS). Every account comes through the
selectors (404 outside, the superuser included); the services refuse an administrator's own
account with a 403 and its reason (templates/403.html), audited by atip.audit.AuditMiddleware."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import approval, services
from accounts.forms import AccountEditForm, AccountForm, DecisionForm, ResetTwoFactorForm, RoleForm
from accounts.models import ChangeStatus
from accounts.selectors import (
    account_for_user,
    accounts_for_user,
    change_for_user,
    events_since_request,
    made_by_requester,
    pending_changes,
    with_roles,
)
from atip import lockout
from atip.decorators import requires
from atip.forms import form_page, submit
from atip.paging import page_of
from atip.roles import Ability


def _done(change, done: str) -> str:
    """The message after a change: done, or waiting for a second administrator."""
    if change.status == ChangeStatus.PENDING:
        return _("Requested: %(change)s. It takes effect when another administrator approves it.") % {
            "change": change.summary
        }
    if not getattr(change, "mail_sent", True):
        return _(
            "%(done)s But the e-mail could not be sent: send the link again from the account's page."
        ) % {"done": done}
    return done


def _refuse_own(request, account) -> None:
    """403 with the reason before a form is shown for the administrator's own account."""
    services.check_may_manage(request.user, account)


@require_GET
@requires(Ability.MANAGE_USERS)
def account_list(request):
    page = page_of(request, accounts_for_user(user=request.user))
    page.object_list = with_roles(page.object_list)
    changes = approval.with_refusals(pending_changes(user=request.user), by=request.user)
    pending = {"changes": changes, "count": len(changes)}
    return render(request, "accounts/list.html", {"page": page, "pending": pending})


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_USERS)
def account_create(request):
    form = AccountForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.account_create(
            by=request.user, **form.cleaned_data, site_url=request.build_absolute_uri
        ),
        title=_("New account"),
        back="accounts:list",
        done=lambda change: _done(
            change,
            _("Account %(username)s created. A link to choose a password was sent to %(email)s.")
            % {"username": change.username, "email": services.masked_email(change.new_email)},
        ),
        template="accounts/form.html",
        intro=_(
            "The account holder receives an e-mail with a link, valid for 24 hours, to choose their "
            "password; you never set or see it. An account whose role reaches victim records exists "
            "only once another administrator approves it."
        ),
    )


@require_GET
@requires(Ability.MANAGE_USERS)
def account_detail(request, pk):
    account = account_for_user(user=request.user, pk=pk)
    changes = account.account_changes.select_related("requested_by", "decided_by")
    locked_until = lockout.account_locked_until(account.username)
    context = {
        "account": account,
        "changes": changes,
        "own": account.pk == request.user.pk,
        "locked_until": locked_until and lockout.LockEnd.of(locked_until),
    }
    return render(request, "accounts/detail.html", context)


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_USERS)
def account_role(request, pk):
    account = account_for_user(user=request.user, pk=pk)
    _refuse_own(request, account)
    form = RoleForm(request.POST or None, initial={"role": account.role})
    return form_page(
        request,
        form,
        save=lambda: services.account_set_role(
            by=request.user, account=account, role=form.cleaned_data["role"]
        ),
        title=_("Role of %(username)s") % {"username": account.username},
        back=account_url(account),
        done=lambda change: _done(
            change,
            _("%(username)s now has the role %(role)s.")
            % {"username": account.username, "role": change.get_new_role_display()},
        ),
        submit_label=_("Change the role"),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_USERS)
def account_edit(request, pk):
    account = account_for_user(user=request.user, pk=pk)
    _refuse_own(request, account)
    form = AccountEditForm(
        request.POST or None,
        initial={"first_name": account.first_name, "last_name": account.last_name, "email": account.email},
    )
    changes = submit(
        request, form, lambda: services.account_edit(by=request.user, account=account, **form.cleaned_data)
    )
    if changes is not None:
        for change in changes:
            messages.success(request, _done(change, f"{change.get_kind_display()}."))
        if not changes:
            messages.info(request, _("Nothing changed."))
        return redirect(account_url(account))
    context = {
        "form": form,
        "title": _("Name and e-mail of %(username)s") % {"username": account.username},
        "back": account_url(account),
    }
    return render(request, "accounts/form.html", context)


def _action(request, pk, service, done: Callable[[object], str]):
    """A POST-only action on one account: run the service, say what happened (`done(account)`),
    back to the page."""
    account = account_for_user(user=request.user, pk=pk)
    _refuse_own(request, account)
    try:
        change = service(by=request.user, account=account)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _done(change, done(account)))
    return redirect(account_url(account))


@require_POST
@requires(Ability.MANAGE_USERS)
def account_deactivate(request, pk):
    return _action(
        request,
        pk,
        services.account_deactivate,
        lambda account: _("%(username)s can no longer log in.") % {"username": account.username},
    )


@require_POST
@requires(Ability.MANAGE_USERS)
def account_reactivate(request, pk):
    return _action(
        request,
        pk,
        services.account_reactivate,
        lambda account: _("%(username)s can log in again.") % {"username": account.username},
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_USERS)
def account_reset_two_factor(request, pk):
    """Confirm the reset on a page of its own, with a reason for the audit log (issue 21.10)."""
    account = account_for_user(user=request.user, pk=pk)
    _refuse_own(request, account)
    form = ResetTwoFactorForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.account_reset_two_factor(
            by=request.user, account=account, reason=form.cleaned_data["reason"]
        ),
        title=_("Reset the two-factor authentication of %(username)s") % {"username": account.username},
        back=account_url(account),
        done=lambda change: _done(
            change,
            _("Two-factor authentication of %(username)s was reset: they enrol again at their next login.")
            % {"username": account.username},
        ),
        template="accounts/form.html",
        intro=_(
            "%(person)s's authenticator app and backup codes stop working: at their next login they "
            "set up two-factor authentication again. Do this only once you are sure who is asking "
            "(a lost or replaced phone). The reason is kept in the audit log."
        )
        % {"person": account.get_full_name() or account.username},
        submit_label=_("Reset two-factor"),
    )


@require_POST
@requires(Ability.MANAGE_USERS)
def account_unlock(request, pk):
    """Lift the account's login lockout (issue 21.6). Like every page here, a 404 for whoever is
    not an administrator, whatever the account and whether it is locked."""
    account = account_for_user(user=request.user, pk=pk)
    _refuse_own(request, account)
    try:
        services.account_unlock(by=request.user, account=account)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(username)s is unlocked: they can log in again.") % {"username": account.username}
        )
    return redirect(account_url(account))


@require_POST
@requires(Ability.MANAGE_USERS)
def account_password_link(request, pk):
    def send(*, by, account):
        return services.account_send_password_link(
            by=by, account=account, site_url=request.build_absolute_uri
        )

    account = account_for_user(user=request.user, pk=pk)
    masked = services.masked_email(account.email) if account.email else ""
    return _action(
        request,
        pk,
        send,
        lambda account: (
            _("A link to choose a new password (valid 24 hours) was sent to %(email)s.") % {"email": masked}
        ),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_USERS)
def change_decide(request, pk):
    """A request awaiting approval: who asked, what, when; approve or reject with a reason."""
    change = change_for_user(user=request.user, pk=pk)
    # Why this administrator may not approve it (accounts.approval), or None: "Approve" is then
    # not offered, and the page says why instead (issue 21.10).
    refused = (
        approval.refusal(by=request.user, change=change) if change.status == ChangeStatus.PENDING else None
    )
    form = DecisionForm(request.POST or None, may_approve=refused is None)

    def decide():
        data = form.cleaned_data
        if data["decision"] == "approve":
            return approval.change_approve(
                by=request.user, change=change, reason=data["reason"], site_url=request.build_absolute_uri
            )
        return approval.change_reject(by=request.user, change=change, reason=data["reason"])

    decided = submit(request, form, decide) if change.status == ChangeStatus.PENDING else None
    if decided is not None:
        if decided.status == ChangeStatus.APPROVED:
            messages.success(
                request,
                _done(
                    decided,
                    _("Approved: %(change)s (%(username)s).")
                    % {"change": decided.summary, "username": decided.username},
                ),
            )
        else:
            messages.success(
                request,
                _("Rejected: %(change)s (%(username)s). Nothing changed.")
                % {"change": decided.summary, "username": decided.username},
            )
        return redirect("accounts:list")
    context = {
        "change": change,
        "form": form,
        "own_request": change.requested_by_id == request.user.pk,
        "refusal": refused,
        "since": events_since_request(change=change),
        "made_by_requester": made_by_requester(change=change),
    }
    return render(request, "accounts/change.html", context)


def account_url(account) -> str:
    return reverse("accounts:detail", args=[account.pk])
