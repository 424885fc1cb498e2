"""Reads on prosecutions, charges and hearings, always scoped to the user (roles.md).

Prosecutors keep every prosecution and police read them all; a social worker sees only the
prosecutions of cases that list one of the Department's victims, and only status and outcome.
"""

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from atip.homes import home_page
from atip.roles import Role, role_of
from cases.models import CaseVictim
from cases.selectors import FULL_CASE_ROLES
from prosecutions.models import Charge, Hearing, Outcome, Prosecution


def prosecutions_for_user(*, user) -> QuerySet[Prosecution]:
    role = role_of(user)
    if role in FULL_CASE_ROLES:
        return Prosecution.objects.all()
    if role == Role.SOCIAL_WORKER:
        return Prosecution.objects.filter(Exists(CaseVictim.objects.filter(case=OuterRef("case"))))
    return Prosecution.objects.none()


def prosecution_for_user_or_404(*, user, pk) -> Prosecution:
    try:
        return prosecutions_for_user(user=user).select_related("case").get(pk=pk)
    except (Prosecution.DoesNotExist, ValueError):
        raise Http404 from None


def charge_for_user_or_404(*, user, pk) -> Charge:
    """A charge, through its prosecution (same scope)."""
    try:
        return Charge.objects.select_related("prosecution__case", "suspect").get(
            pk=pk, prosecution__in=prosecutions_for_user(user=user)
        )
    except (Charge.DoesNotExist, ValueError):
        raise Http404 from None


def prosecution_list(*, user) -> QuerySet[Prosecution]:
    """The list: one query for the page, with charge counts and the next hearing annotated."""
    today = timezone.localdate()
    return (
        prosecutions_for_user(user=user)
        .select_related("case")
        .annotate(
            n_charges=Count("charges", distinct=True),
            n_pending=Count("charges", filter=Q(charges__outcome=Outcome.PENDING), distinct=True),
            next_hearing=Min("hearings__date", filter=Q(hearings__date__gte=today)),
        )
        .order_by("-filed_on", "-id")
    )


def prosecution_charges(*, prosecution: Prosecution) -> QuerySet[Charge]:
    return prosecution.charges.select_related("suspect").order_by("suspect__family_name", "id")


@home_page(Role.PROSECUTOR, "home/prosecutor.html")
def prosecutor_home(*, user) -> dict:
    """Prosecutions with a pending charge, the next hearings, and this year's verdicts."""
    today = timezone.localdate()
    prosecutions = prosecutions_for_user(user=user)
    pending = (
        prosecution_list(user=user)
        .filter(Exists(Charge.objects.filter(prosecution=OuterRef("pk"), outcome=Outcome.PENDING)))
        .order_by("filed_on", "id")
    )
    verdicts = (
        Charge.objects.filter(prosecution__in=prosecutions, verdict_date__year=today.year)
        .exclude(outcome=Outcome.PENDING)
        .select_related("prosecution", "suspect")
        .order_by("-verdict_date", "-id")
    )
    by_outcome = dict(verdicts.values_list("outcome").annotate(n=Count("id")).order_by())
    return {
        "pending": pending[:20],
        "pending_count": pending.count(),
        "hearings": Hearing.objects.filter(prosecution__in=prosecutions, date__gte=today)
        .select_related("prosecution")
        .order_by("date", "id")[:10],
        "verdicts": verdicts[:20],
        "verdicts_by_outcome": [(o, by_outcome.get(o.value, 0)) for o in Outcome if o != Outcome.PENDING],
        "year": today.year,
    }
