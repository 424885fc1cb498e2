from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from atip.access import ensure_can
from atip.decorators import requires
from atip.forms import form_page
from atip.history import history_with_changes
from atip.roles import Ability
from reports.editions import last_published
from reports.factsheet_texts import draft_of, draft_save, factsheet_languages
from reports.forms import FactsheetTextsForm, statistics_years


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_STATISTICS)
def factsheet_texts(request, year: int, language: str):
    """The secretary writes year `year`'s factsheet texts in `language` (others who read the
    statistics get 403): saved as the year's draft, shown on its factsheets, copied into the next
    edition published; the editions already published keep theirs."""
    ensure_can(request.user, Ability.PUBLISH_STATISTICS)
    if year not in statistics_years() or language not in factsheet_languages():
        raise Http404
    draft = draft_of(year, language)
    form = FactsheetTextsForm(request.POST or None, instance=draft, language=language)
    name = get_language_info(language)["name_translated"]
    return form_page(
        request,
        form,
        save=lambda: draft_save(
            year=year,
            language=language,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Factsheet texts for %(year)s, in %(language)s") % {"year": year, "language": name},
        back=f"{reverse('reports:annual')}?year={year}",
        section="editions",
        done=_(
            "The texts of the %(year)s factsheet in %(language)s are saved: the next edition "
            "published carries them."
        )
        % {"year": year, "language": name},
        template="reports/factsheet_texts.html",
        year=year,
        language=language,
        saved=draft.pk is not None,
        edition=last_published(year),
        languages=[get_language_info(code) for code in factsheet_languages() if code != language],
        history=history_with_changes(draft.history.all()) if draft.pk else None,
    )
