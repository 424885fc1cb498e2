from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import record_fields, submit
from atip.history import history_with_changes
from atip.roles import Ability
from services import services
from services.forms import CloseEpisodeForm, EpisodeForm, RepatriationForm
from services.models import Repatriation, ServiceEpisode
from services.selectors import episode_for_user_or_404, repatriation_for_user_or_404, service_panel
from victims.selectors import victim_for_user_or_404


@require_GET
@requires(Ability.MANAGE_ASSISTANCE)
def victim_services(request, pk):
    """The victim's assistance record: every episode with its previous versions."""
    victim = victim_for_user_or_404(user=request.user, pk=pk)
    audit(action=Action.VIEW, request=request, obj=victim, detail="services")
    history = history_with_changes(ServiceEpisode.history.filter(victim_id=victim.pk), limit=50)
    return render(
        request,
        "services/victim_services.html",
        {"victim": victim, "history": history, **service_panel(victim=victim)},
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_ASSISTANCE)
def episode_create(request, victim_pk):
    victim = victim_for_user_or_404(user=request.user, pk=victim_pk)
    form = EpisodeForm(request.POST or None)
    if submit(
        request,
        form,
        lambda: services.episode_save(
            episode=ServiceEpisode(victim=victim),
            by=request.user,
            fields=record_fields(form),
            request=request,
        ),
    ):
        messages.success(request, "Service added.")
        return redirect(victim)
    return render(request, "services/form.html", {"form": form, "victim": victim, "title": "Add a service"})


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_ASSISTANCE)
def episode_edit(request, pk):
    episode = episode_for_user_or_404(user=request.user, pk=pk)
    form = EpisodeForm(request.POST or None, instance=episode)
    if submit(
        request,
        form,
        lambda: services.episode_save(
            episode=episode,
            by=request.user,
            fields=record_fields(form),
            expected_version=form.cleaned_data["version"],
            request=request,
        ),
    ):
        messages.success(request, "Service saved.")
        return redirect(episode.victim)
    return render(
        request, "services/form.html", {"form": form, "victim": episode.victim, "title": "Edit a service"}
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_ASSISTANCE)
def episode_close(request, pk):
    episode = episode_for_user_or_404(user=request.user, pk=pk)
    form = CloseEpisodeForm(request.POST or None, initial={"version": episode.version})
    if submit(
        request,
        form,
        lambda: services.episode_close(
            episode=episode,
            by=request.user,
            end_date=form.cleaned_data["end_date"],
            expected_version=form.cleaned_data["version"],
            request=request,
        ),
    ):
        messages.success(request, "Service closed.")
        return redirect(episode.victim)
    return render(
        request,
        "services/form.html",
        {
            "form": form,
            "victim": episode.victim,
            "title": f"Close: {episode}",
            "submit_label": "Close service",
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_REPATRIATION)
def repatriation_create(request, victim_pk):
    victim = victim_for_user_or_404(user=request.user, pk=victim_pk)
    form = RepatriationForm(request.POST or None)
    if submit(
        request,
        form,
        lambda: services.repatriation_save(
            repatriation=Repatriation(victim=victim),
            by=request.user,
            fields=record_fields(form),
            request=request,
        ),
    ):
        messages.success(request, "Repatriation recorded.")
        return redirect(victim)
    return render(
        request, "services/form.html", {"form": form, "victim": victim, "title": "Record a repatriation"}
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_REPATRIATION)
def repatriation_edit(request, pk):
    repatriation = repatriation_for_user_or_404(user=request.user, pk=pk)
    form = RepatriationForm(request.POST or None, instance=repatriation)
    if submit(
        request,
        form,
        lambda: services.repatriation_save(
            repatriation=repatriation,
            by=request.user,
            fields=record_fields(form),
            expected_version=form.cleaned_data["version"],
            request=request,
        ),
    ):
        messages.success(request, "Repatriation saved.")
        return redirect(repatriation.victim)
    return render(
        request,
        "services/form.html",
        {"form": form, "victim": repatriation.victim, "title": "Edit a repatriation"},
    )
