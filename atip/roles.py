"""The role table of spec/roles.md, once, in code.

Each *ability* names something a user may do; GRANTS says which roles have it. Every rule of
access is written as an ability: views and selectors ask `can(user, Ability.X)` and never test
a role by name. Which records a granted ability reaches ("linked" victims, cases that list one
of the Department's victims) is decided by the selectors, which scope every queryset to the
user. Everything not granted here is denied.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Social worker (Department of Human Services)")
    SUPERVISOR = "supervisor", _("Supervisor (Department of Human Services)")
    POLICE = "police", _("Police officer (ATIPs Police Unit)")
    PROSECUTOR = "prosecutor", _("Prosecutor (Office of the DPP)")
    SECRETARY = "secretary", _("Council secretary")
    ADMINISTRATOR = "administrator", _("System administrator")


class Ability(StrEnum):
    # Victims (roles.md rows "Victim: …").
    LIST_VICTIMS = "list_victims"  # the whole caseload: every victim, list and search
    VIEW_VICTIMS_OF_CASES = "view_victims_of_cases"  # victims listed in a case
    VIEW_VICTIMS_OF_PROSECUTIONS = "view_victims_of_prosecutions"  # … in a prosecuted case
    MANAGE_VICTIMS = "manage_victims"  # create, edit, archive victims; identification decisions
    REFER_PRESUMED_VICTIM = "refer_presumed_victim"  # register a presumed victim from a case
    # Assistance and repatriation.
    MANAGE_ASSISTANCE = "manage_assistance"  # services, accommodation, case notes, location
    VIEW_REPATRIATION = "view_repatriation"  # without MANAGE_REPATRIATION: destination and date
    MANAGE_REPATRIATION = "manage_repatriation"
    # Casework: consent, assessments, care plans and reviews, referrals to other
    # agencies, the printable case summary, the worklist.
    MANAGE_CASEWORK = "manage_casework"
    DECIDE_POLICE_REFERRAL = "decide_police_referral"  # accept or decline a referral to the police unit
    # Reported cases: without VIEW_CASE_DETAILS, only cases listing a victim, status and dates.
    VIEW_CASES = "view_cases"
    VIEW_CASE_DETAILS = "view_case_details"  # every case: summary, suspects, victims' identity
    MANAGE_CASES = "manage_cases"  # reported cases, investigations, suspects, unlinking victims
    # Links between cases and victims (roles.md): asked for by one side, decided by the other.
    REQUEST_VICTIM_LINK = "request_victim_link"  # ask to list a victim (by reference) in a case
    DECIDE_VICTIM_LINK = "decide_victim_link"  # accept or decline such a request
    REQUEST_CASE_LINK = "request_case_link"  # ask to list one's victim in a case (by reference)
    DECIDE_CASE_LINK = "decide_case_link"
    # Prosecutions: without VIEW_PROSECUTION_DETAILS, only linked ones, status and outcome.
    VIEW_PROSECUTIONS = "view_prosecutions"
    VIEW_PROSECUTION_DETAILS = "view_prosecution_details"  # every prosecution, hearings, history
    MANAGE_PROSECUTIONS = "manage_prosecutions"  # prosecutions, charges, hearings, verdicts
    # Prevention and statistics.
    VIEW_PREVENTION = "view_prevention"
    MANAGE_PREVENTION = "manage_prevention"
    VIEW_STATISTICS = "view_statistics"
    EXPORT_STATISTICS = "export_statistics"
    PUBLISH_STATISTICS = "publish_statistics"  # a year's edition, stored for good
    EXPORT_PERSON_LEVEL = "export_person_level"  # de-identified HTCDS and CTDC files, all victims
    VIEW_PERFORMANCE = "view_performance"  # how well the unit works: durations, aggregates only
    # Administration.
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    # Contact notes and documents (issue 20, items 2 and 3; roles.md "Supervision, notes and
    # documents"). A restricted note's text: its author, or READ_RESTRICTED_NOTES.
    READ_NOTES = "read_notes"  # every person's contact notes (a restricted one: that it exists)
    WRITE_NOTES = "write_notes"  # write a note; correct one's own (a new version)
    READ_RESTRICTED_NOTES = "read_restricted_notes"  # the text of every restricted note
    READ_DOCUMENTS = "read_documents"  # every person's documents, downloads audited
    ADD_DOCUMENTS = "add_documents"  # attach a document to a person; archive one
    SHARE_DOCUMENTS = "share_documents"  # share one document with one case, and unshare it
    READ_SHARED_DOCUMENTS = "read_shared_documents"  # a document shared with a case the user sees
    # Caseloads and supervision (issue 20, items 1 and 4; roles.md "Supervision, notes and
    # documents"). Every victim in care has one responsible worker, for the worklist, not access.
    KEEP_CASELOAD = "keep_caseload"  # be a victim's responsible worker; "my caseload"
    SUPERVISE_CASELOADS = "supervise_caseloads"  # each worker's caseload and worklist
    REASSIGN_CASES = "reassign_cases"  # give a victim another responsible worker, with a reason
    APPROVE_CASEWORK = "approve_casework"  # approve a care plan before it starts, and a closure
    HOLD_FROM_RETENTION = "hold_from_retention"  # keep a person's data past the schedule (issue 22)


_SW, _SU, _PO, _PR, _SE, _AD = (
    Role.SOCIAL_WORKER,
    Role.SUPERVISOR,
    Role.POLICE,
    Role.PROSECUTOR,
    Role.SECRETARY,
    Role.ADMINISTRATOR,
)

_GRANTS: dict[Ability, frozenset[Role]] = {
    Ability.LIST_VICTIMS: frozenset({_SW}),
    Ability.VIEW_VICTIMS_OF_CASES: frozenset({_PO}),
    Ability.VIEW_VICTIMS_OF_PROSECUTIONS: frozenset({_PR}),
    Ability.MANAGE_VICTIMS: frozenset({_SW}),
    Ability.REFER_PRESUMED_VICTIM: frozenset({_SW, _PO}),
    Ability.MANAGE_ASSISTANCE: frozenset({_SW}),
    Ability.VIEW_REPATRIATION: frozenset({_SW, _PO}),
    Ability.MANAGE_REPATRIATION: frozenset({_SW}),
    Ability.MANAGE_CASEWORK: frozenset({_SW}),
    Ability.DECIDE_POLICE_REFERRAL: frozenset({_PO}),
    Ability.VIEW_CASES: frozenset({_SW, _PO, _PR}),
    Ability.VIEW_CASE_DETAILS: frozenset({_PO, _PR}),
    Ability.MANAGE_CASES: frozenset({_PO}),
    Ability.REQUEST_VICTIM_LINK: frozenset({_PO, _PR}),
    Ability.DECIDE_VICTIM_LINK: frozenset({_SW}),
    Ability.REQUEST_CASE_LINK: frozenset({_SW}),
    Ability.DECIDE_CASE_LINK: frozenset({_PO}),
    Ability.VIEW_PROSECUTIONS: frozenset({_SW, _PO, _PR}),
    Ability.VIEW_PROSECUTION_DETAILS: frozenset({_PO, _PR}),
    Ability.MANAGE_PROSECUTIONS: frozenset({_PR}),
    Ability.VIEW_PREVENTION: frozenset({_SW, _PO, _PR, _SE}),
    Ability.MANAGE_PREVENTION: frozenset({_SE}),
    Ability.VIEW_STATISTICS: frozenset({_SW, _PO, _PR, _SE}),
    Ability.EXPORT_STATISTICS: frozenset({_SE}),
    Ability.PUBLISH_STATISTICS: frozenset({_SE}),
    Ability.EXPORT_PERSON_LEVEL: frozenset({_SE}),
    Ability.VIEW_PERFORMANCE: frozenset({_SE, _SU}),
    Ability.MANAGE_USERS: frozenset({_AD}),
    Ability.VIEW_AUDIT: frozenset({_AD}),
    # Contact notes and documents (issue 20, items 2 and 3).
    Ability.READ_NOTES: frozenset({_SW}),
    Ability.WRITE_NOTES: frozenset({_SW}),
    Ability.READ_RESTRICTED_NOTES: frozenset({_SU}),
    Ability.READ_DOCUMENTS: frozenset({_SW}),
    Ability.ADD_DOCUMENTS: frozenset({_SW}),
    Ability.SHARE_DOCUMENTS: frozenset({_SW}),
    Ability.READ_SHARED_DOCUMENTS: frozenset({_PO, _PR}),
    # Caseloads and supervision (issue 20, items 1 and 4).
    Ability.KEEP_CASELOAD: frozenset({_SW}),
    Ability.SUPERVISE_CASELOADS: frozenset({_SU}),
    Ability.REASSIGN_CASES: frozenset({_SU}),
    Ability.APPROVE_CASEWORK: frozenset({_SU}),
    Ability.HOLD_FROM_RETENTION: frozenset({_SU}),
}

# roles.md: "A supervisor has every ability of a social worker, plus those of 'Supervision,
# notes and documents'": the social worker's grants are the supervisor's too.
GRANTS: dict[Ability, frozenset[Role]] = {
    ability: roles | {_SU} if _SW in roles else roles for ability, roles in _GRANTS.items()
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


def roles_with(ability: Ability) -> list[str]:
    """The roles granted `ability`, for a query on who did something (the users' role groups)."""
    return sorted(GRANTS[ability])


def can(user, ability: Ability) -> bool:
    role = role_of(user)
    return role is not None and role in GRANTS[ability]


# Abilities that open victim records (identity, decisions, assistance, repatriation, or victims'
# identity on a case's page). An account holding any of them is guarded by the two-person rule of
# spec/roles.md "Accounts": its creation, role change, reactivation or e-mail change waits for a
# second administrator.
VICTIM_ABILITIES = frozenset(
    {
        Ability.LIST_VICTIMS,
        Ability.VIEW_VICTIMS_OF_CASES,
        Ability.VIEW_VICTIMS_OF_PROSECUTIONS,
        Ability.MANAGE_VICTIMS,
        Ability.REFER_PRESUMED_VICTIM,
        Ability.MANAGE_ASSISTANCE,
        Ability.VIEW_REPATRIATION,
        Ability.MANAGE_REPATRIATION,
        Ability.MANAGE_CASEWORK,
        Ability.DECIDE_POLICE_REFERRAL,
        Ability.VIEW_CASE_DETAILS,
        # Contact notes and documents (issue 20, items 2 and 3).
        Ability.READ_NOTES,
        Ability.WRITE_NOTES,
        Ability.READ_RESTRICTED_NOTES,
        Ability.READ_DOCUMENTS,
        Ability.ADD_DOCUMENTS,
        Ability.SHARE_DOCUMENTS,
        Ability.READ_SHARED_DOCUMENTS,
        Ability.KEEP_CASELOAD,
        Ability.SUPERVISE_CASELOADS,
        Ability.REASSIGN_CASES,
        Ability.APPROVE_CASEWORK,
    }
)


def reaches_victims(role: Role | str | None) -> bool:
    """Whether `role` holds any ability that opens victim records."""
    return role in Role.values and any(Role(role) in GRANTS[ability] for ability in VICTIM_ABILITIES)
