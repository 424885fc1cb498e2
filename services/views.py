from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from atip.decorators import requires
from atip.forms import form_page
from atip.history import history_with_changes
from atip.roles import Ability
from services import services
from services.forms import CloseEpisodeForm, EpisodeForm, RepatriationForm
from services.models import Repatriation, ServiceEpisode
from services.selectors import (
    assistance_panel,
    episode_for_user_or_404,
    open_stays,
    repatriation_for_user_or_404,
)
from victims.access import VictimAccess
from victims.selectors import victim_for_user_or_404

SERVICES_HISTORY = 50  # versions shown on a victim's services page


@require_GET
@requires(Ability.MANAGE_ASSISTANCE)
def victim_services(request, victim_pk):
    """The victim's assistance record: every episode with its previous versions."""
    victim = victim_for_user_or_404(user=request.user, pk=victim_pk, where="services")
    history = history_with_changes(ServiceEpisode.history.filter(victim_id=victim.pk), limit=SERVICES_HISTORY)
    return render(
        request,
        "services/victim_services.html",
        {"victim": victim, "history": history, "panel": assistance_panel(user=request.user, victim=victim)},
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_ASSISTANCE)
def episode_create(request, victim_pk):
    access = victim_for_user_or_404(user=request.user, pk=victim_pk, where="new service page")
    victim = access.victim
    form = EpisodeForm(request.POST or None, open_stays=open_stays(victim=victim))
    return form_page(
        request,
        form,
        save=lambda: services.episode_save(
            episode=ServiceEpisode(victim=victim),
            by=request.user,
            data=form.cleaned_data,
            close_open_stay=form.cleaned_data.get("close_open_stay", False),
        ),
        title=_("Add a service — %(victim)s") % {"victim": access.heading},
        back=victim,
        section="assistance",
        done=_("Service added."),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_ASSISTANCE)
def episode_edit(request, pk):
    episode = episode_for_user_or_404(user=request.user, pk=pk)
    person = VictimAccess(episode.victim, user=request.user, where=f"service {episode.pk} edit page")
    form = EpisodeForm(request.POST or None, instance=episode)
    return form_page(
        request,
        form,
        save=lambda: services.episode_save(
            episode=episode,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Edit a service — %(victim)s") % {"victim": person.heading},
        back=episode.victim,
        section="assistance",
        done=_("Service saved."),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_ASSISTANCE)
def episode_close(request, pk):
    episode = episode_for_user_or_404(user=request.user, pk=pk)
    person = VictimAccess(episode.victim, user=request.user, where=f"service {episode.pk} close page")
    form = CloseEpisodeForm(request.POST or None, initial={"version": episode.version})
    return form_page(
        request,
        form,
        save=lambda: services.episode_close(
            episode=episode,
            by=request.user,
            end_date=form.cleaned_data["end_date"],
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Close: %(service)s — %(victim)s") % {"service": episode, "victim": person.heading},
        back=episode.victim,
        section="assistance",
        done=_("Service closed."),
        submit_label=_("Close service"),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_REPATRIATION)
def repatriation_create(request, victim_pk):
    access = victim_for_user_or_404(user=request.user, pk=victim_pk, where="new repatriation page")
    victim = access.victim
    form = RepatriationForm(request.POST or None, open_stays=open_stays(victim=victim))
    return form_page(
        request,
        form,
        save=lambda: services.repatriation_save(
            repatriation=Repatriation(victim=victim),
            by=request.user,
            data=form.cleaned_data,
            close_open_stays=form.cleaned_data.get("close_open_stays", False),
        ),
        title=_("Record a repatriation — %(victim)s") % {"victim": access.heading},
        back=victim,
        section="repatriation",
        done=_("Repatriation recorded."),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_REPATRIATION)
def repatriation_edit(request, pk):
    repatriation = repatriation_for_user_or_404(user=request.user, pk=pk)
    person = VictimAccess(
        repatriation.victim, user=request.user, where=f"repatriation {repatriation.pk} edit page"
    )
    form = RepatriationForm(
        request.POST or None, instance=repatriation, open_stays=open_stays(victim=repatriation.victim)
    )
    return form_page(
        request,
        form,
        save=lambda: services.repatriation_save(
            repatriation=repatriation,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
            close_open_stays=form.cleaned_data.get("close_open_stays", False),
        ),
        title=_("Edit a repatriation — %(victim)s") % {"victim": person.heading},
        back=repatriation.victim,
        section="repatriation",
        done=_("Repatriation saved."),
    )
