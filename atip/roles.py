"""The role table of spec/roles.md, once, in code.

Each *ability* names something a user may do; GRANTS says which roles have it. Which records
a granted role reaches ("linked" victims, "own" records) is decided by the selectors, which
scope every queryset to the user. Everything not granted here is denied.
"""

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker (Department of Human Services)"
    POLICE = "police", "Police officer (ATIPs Police Unit)"
    PROSECUTOR = "prosecutor", "Prosecutor (Office of the DPP)"
    SECRETARY = "secretary", "Council secretary"
    ADMINISTRATOR = "administrator", "System administrator"


class Ability(StrEnum):
    VIEW_VICTIMS = "view_victims"  # victim identity, demographics, decisions (scoped by link)
    LIST_VICTIMS = "list_victims"  # browse / search the whole caseload
    MANAGE_VICTIMS = "manage_victims"  # create, edit, archive victims; identification decisions
    REFER_PRESUMED_VICTIM = "refer_presumed_victim"  # register a presumed victim from a case
    MANAGE_ASSISTANCE = "manage_assistance"  # services, accommodation, case notes, location
    VIEW_REPATRIATION = "view_repatriation"  # destination and date only for police
    MANAGE_REPATRIATION = "manage_repatriation"
    VIEW_CASES = "view_cases"
    MANAGE_CASES = "manage_cases"  # reported cases, investigations, suspects
    VIEW_PROSECUTIONS = "view_prosecutions"
    MANAGE_PROSECUTIONS = "manage_prosecutions"  # prosecutions, charges, hearings, verdicts
    VIEW_PREVENTION = "view_prevention"
    MANAGE_PREVENTION = "manage_prevention"
    VIEW_STATISTICS = "view_statistics"
    EXPORT_STATISTICS = "export_statistics"
    EXPORT_OWN_RECORDS = "export_own_records"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"


_SW, _PO, _PR, _SE, _AD = (
    Role.SOCIAL_WORKER,
    Role.POLICE,
    Role.PROSECUTOR,
    Role.SECRETARY,
    Role.ADMINISTRATOR,
)

GRANTS: dict[Ability, frozenset[Role]] = {
    Ability.VIEW_VICTIMS: frozenset({_SW, _PO, _PR}),
    Ability.LIST_VICTIMS: frozenset({_SW}),
    Ability.MANAGE_VICTIMS: frozenset({_SW}),
    Ability.REFER_PRESUMED_VICTIM: frozenset({_SW, _PO}),
    Ability.MANAGE_ASSISTANCE: frozenset({_SW}),
    Ability.VIEW_REPATRIATION: frozenset({_SW, _PO}),
    Ability.MANAGE_REPATRIATION: frozenset({_SW}),
    Ability.VIEW_CASES: frozenset({_SW, _PO, _PR}),
    Ability.MANAGE_CASES: frozenset({_PO}),
    Ability.VIEW_PROSECUTIONS: frozenset({_SW, _PO, _PR}),
    Ability.MANAGE_PROSECUTIONS: frozenset({_PR}),
    Ability.VIEW_PREVENTION: frozenset({_SW, _PO, _PR, _SE}),
    Ability.MANAGE_PREVENTION: frozenset({_SE}),
    Ability.VIEW_STATISTICS: frozenset({_SW, _PO, _PR, _SE}),
    Ability.EXPORT_STATISTICS: frozenset({_SE}),
    Ability.EXPORT_OWN_RECORDS: frozenset({_SW, _PO, _PR}),
    Ability.MANAGE_USERS: frozenset({_AD}),
    Ability.VIEW_AUDIT: frozenset({_AD}),
}


def role_of(user) -> Role | None:
    """The user's one agency role, or None (anonymous, no group, or several groups)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cached = getattr(user, "_atip_role", False)
    if cached is not False:
        return cached
    names = [g.name for g in user.groups.all() if g.name in Role.values]
    role = Role(names[0]) if len(names) == 1 else None
    user._atip_role = role
    return role


def can(user, ability: Ability) -> bool:
    role = role_of(user)
    return role is not None and role in GRANTS[ability]
