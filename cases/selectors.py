"""Reads on cases and suspects, always scoped to the user (roles.md)."""

from django.db.models import Q

from atip.roles import Role, role_of


def victims_visible_q(*, user) -> Q:
    """Which victims `user` reaches through cases: police every victim listed in a case (they
    see every case), prosecutors those listed in a case that has a prosecution; nobody else."""
    role = role_of(user)
    if role == Role.POLICE:
        return Q(case_links__isnull=False)
    if role == Role.PROSECUTOR:
        return Q(case_links__case__prosecutions__isnull=False)
    return Q(pk__in=[])


def police_home(*, user) -> dict:
    return {}


def victim_case_panel(*, user, victim) -> dict:
    """Context for templates/cases/_victim_cases.html on a victim's page (cases of the victim)."""
    return {}
