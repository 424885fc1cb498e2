"""Pages of referrals: a referral made by Human Services and the agency's answer, the police
unit's reading and answer of a referral made to it, and the decision on a presumed victim referred
by the police. Like casework.views, each gets its record through a scoped selector, writes through
casework.referrals, and shows the victim through victims.access, which audits the name."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from atip.access import ensure_can
from atip.decorators import requires
from atip.forms import form_page
from atip.history import history_with_changes
from atip.roles import Ability, can
from casework import forms, referrals, selectors
from casework.models.referrals import Referral, ReferralStatus
from casework.referrals import REFERRAL_FIELDS
from casework.views import GET_POST, person_of, victim_shown
from victims.models import IdentificationStatus
from victims.selectors import victim_for_user_or_404

# A referral refused for want of consent is kept in the session, by person, while the consent is
# recorded (casework.views.consent_create, `?then=referral`), and typed back into the form.
DRAFTS = "referral_drafts"
DRAFT_LENGTH = 10_000  # characters kept of each field: more than any field takes


def referral_draft(request, victim) -> dict:
    return request.session.get(DRAFTS, {}).get(str(victim.pk), {})


def _keep_draft(request, victim) -> str:
    """Keep what was typed and answer the consent page that comes back here."""
    draft = {name: request.POST.get(name, "")[:DRAFT_LENGTH] for name in REFERRAL_FIELDS}
    request.session[DRAFTS] = {**request.session.get(DRAFTS, {}), str(victim.pk): draft}
    about = {name: draft[name] for name in ("agency", "agency_name", "agency_country")}
    query = urlencode({"purpose": "sharing", **about, "then": "referral"})
    return f"{reverse('casework:consent_create', args=[victim.pk])}?{query}"


def _drop_draft(request, victim) -> None:
    drafts = request.session.get(DRAFTS, {})
    if drafts.pop(str(victim.pk), None) is not None:
        request.session[DRAFTS] = drafts


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def referral_create(request, victim_pk):
    person = victim_shown(request, victim_pk, where="new referral page")
    victim = person.victim
    if request.method == "POST" and forms.RECORD_CONSENT in request.POST:
        messages.info(
            request,
            _("The referral is kept as you typed it: record the consent, and you come back to it."),
        )
        return redirect(_keep_draft(request, victim))
    form = forms.ReferralForm(
        request.POST or None, instance=Referral(victim=victim), initial=referral_draft(request, victim)
    )

    def save() -> Referral:
        referral = referrals.referral_create(victim=victim, by=request.user, data=form.cleaned_data)
        _drop_draft(request, victim)
        return referral

    return form_page(
        request,
        form,
        save=save,
        title=_("Refer to another agency — %(victim)s") % {"victim": person.heading},
        back=victim,
        done=lambda r: (
            (
                _(
                    "Referral to %(agency)s recorded without consent: the reason is on the record and in "
                    "the audit log."
                )
                if r.without_consent
                else _("Referral to %(agency)s recorded.")
            )
            % {"agency": r.agency_label}
        ),
        template="casework/referral_form.html",
        consents=[
            c for c in selectors.victim_consents(victim=victim, today=timezone.localdate()) if c.agency
        ],
        submit_label=_("Record the referral"),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def referral_status(request, pk):
    """A referral as Human Services keeps it, and the agency's answer (or its completion)."""
    referral = selectors.referral_for_user_or_404(user=request.user, pk=pk)
    person = person_of(request, referral, where=f"referral {referral.pk}")
    form = forms.ReferralStatusForm(
        request.POST or None, referral=referral, initial={"version": referral.version}
    )
    return form_page(
        request,
        form,
        save=lambda: referrals.referral_set_status(
            referral=referral,
            by=request.user,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Referral to %(agency)s — %(victim)s")
        % {"agency": referral.agency_label, "victim": person.heading},
        back=referral.victim,
        section="referrals",
        done=_("Referral updated."),
        template="casework/referral.html",
        referral=referral,
        person=person,
        answer=bool(form.fields["status"].choices),
        history=history_with_changes(referral.history.all()),
        submit_label=_("Record"),
    )


@GET_POST
@login_required
def police_referral(request, pk):
    """A referral to the ATIPs Police Unit, as the police read it (the person's identity only
    once linked to a case), and their answer."""
    referral = selectors.referral_for_user_or_404(user=request.user, pk=pk)
    if not referral.to_police:
        raise Http404
    if request.method == "POST":
        ensure_can(request.user, Ability.DECIDE_POLICE_REFERRAL)
    person = selectors.referred_person(user=request.user, referral=referral)
    form = (
        forms.PoliceDecisionForm(request.POST or None, initial={"version": referral.version})
        if can(request.user, Ability.DECIDE_POLICE_REFERRAL)  # the unit answers; others read
        else None
    )
    return form_page(
        request,
        form,
        save=lambda: referrals.police_referral_decide(
            referral=referral,
            by=request.user,
            decision=form.cleaned_data["decision"],
            case_reference=form.cleaned_data["case_reference"],
            district=form.cleaned_data["district"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Referral from Human Services — %(reference)s") % {"reference": referral.victim.reference},
        back="home",
        done=lambda r: (
            _("Referral accepted into case %(reference)s: the person is listed in it.")
            % {"reference": r.case.reference}
            if r.case_id
            else _("Referral declined.")
        ),
        then=lambda r: r.case if r.case_id else "home",
        template="casework/referral.html",
        referral=referral,
        person=person,
        answer=referral.status == ReferralStatus.SENT,
        submit_label=_("Record the answer"),
    )


@GET_POST
@login_required
def presumed_referral(request, victim_pk):
    """A presumed victim referred by the police: accept (identify) or decline (screen out)."""
    person = victim_for_user_or_404(
        user=request.user, pk=victim_pk, to=Ability.MANAGE_VICTIMS, where="presumed-victim referral page"
    )
    victim = person.victim
    form = forms.PresumedDecisionForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: referrals.presumed_referral_decide(
            victim=victim,
            by=request.user,
            accept=form.cleaned_data["decision"] == "accept",
            decided_on=form.cleaned_data["decided_on"],
            identified_by=form.cleaned_data["identified_by"],
            note=form.cleaned_data["note"],
        ),
        title=_("Referral from the police — %(victim)s") % {"victim": person.heading},
        back="home",
        done=lambda d: (
            _("Accepted: the person is identified as a victim.")
            if d.status == IdentificationStatus.IDENTIFIED
            else _("Declined: the person is screened out.")
        ),
        then=victim,
        template="casework/presumed.html",
        victim=person,
        answer=victim.identification_status == IdentificationStatus.PRESUMED,
        decisions=victim.decisions.select_related("recorded_by"),
        submit_label=_("Record the decision"),
    )
