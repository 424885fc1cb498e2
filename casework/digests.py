"""The daily e-mail to each worker (issue 20.6): how many things are due or overdue in her
caseload, and a link — no name, no reference, nothing about a person. She may turn it off.
Sent by `python manage.py send_digests` (scheduled in docker-compose.yml)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import DigestPreference, LanguagePreference
from atip.roles import GRANTS, Ability
from casework.worklist import WORKLISTS
from victims.caseload import MINE, Scope


def digest_counts(*, user, today: datetime.date) -> dict[str, int]:
    """Per worklist of her own caseload: how many lines are due or overdue (non-zero only)."""
    mine = Scope(MINE, user, "")
    counts = {kind: worklist.scoped(user, today, mine).count() for kind, worklist in WORKLISTS.items()}
    return {kind: n for kind, n in counts.items() if n}


def digest_text(*, counts: dict[str, int], link: str) -> tuple[str, str]:
    """Subject and body, in the active language: counts and a link, nothing else."""
    lines = [f"- {WORKLISTS[kind].title}: {n}" for kind, n in counts.items()]
    subject = _("Your worklist: %(n)s things due or overdue") % {"n": sum(counts.values())}
    body = "\n".join(
        [
            _("Due or overdue in your caseload today:"),
            "",
            *lines,
            "",
            _("Open your worklist: %(link)s") % {"link": link},
            "",
            _("You can turn this daily e-mail off on the same page."),
        ]
    )
    return subject, body


def recipients():
    """Active accounts that keep a caseload, with an e-mail address, who did not opt out."""
    roles = [str(role) for role in GRANTS[Ability.KEEP_CASELOAD]]
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles)
        .exclude(email="")
        .exclude(digest_preference__opted_out=True)
        .order_by("pk")
    )


def send_digests(*, today: datetime.date, site_url: str) -> int:
    """Send today's e-mail to each recipient not sent one today, if anything is due; how many sent."""
    link = site_url.rstrip("/") + reverse("casework:worklists") + "?caseload=mine"
    sent = 0
    for user in recipients():
        preference, _created = DigestPreference.objects.get_or_create(user=user)
        if preference.last_sent_on == today:
            continue
        counts = digest_counts(user=user, today=today)
        if not counts:
            continue
        with translation.override(LanguagePreference.of(user) or settings.LANGUAGE_CODE):
            subject, body = digest_text(counts=counts, link=link)
        send_mail(subject, body, None, [user.email])
        preference.last_sent_on = today
        preference.save(update_fields=["last_sent_on"])
        sent += 1
    return sent


def digest_set(*, user, on: bool) -> DigestPreference:
    preference, _created = DigestPreference.objects.get_or_create(user=user)
    preference.opted_out = not on
    preference.save(update_fields=["opted_out"])
    return preference
