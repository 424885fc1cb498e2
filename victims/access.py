"""What a user may see of a victim: the one place where a victim's identity is read.

Every selector that hands victims to a page — a victim's own pages, the list and search, the
home pages, the worklists, a case's victims, the likely matches at a registration — hands out
VictimAccess views, never the bare records. A view reads like the record (`victim.reference`,
`victim.get_sex_display`), says what the user may do (`victim.manage`), and keeps the person's
identity behind `victim.identity`: reading it records the read in the audit log, once per
response (atip.reads), so that a response records exactly the names it shows. An identity field
read from the view itself (`victim.full_name`) goes through `identity` too; where the page may
not show the identity, it raises IdentityNotRead. Only writes take the bare record
(`victim.victim`), never a template.
"""

from collections.abc import Iterable

from atip.access import RecordAccess
from atip.reads import read
from atip.roles import Ability
from victims.models import Victim

# Who the person is, where they are, and what was written about them (roles.md: "Victim:
# identity", "Shelter name / address / current location", "case notes").
IDENTITY_FIELDS = frozenset(
    {
        "given_name",
        "family_name",
        "full_name",
        "search_name",
        "date_of_birth",
        "contact",
        "guardian",
        "guardian_name",
        "guardian_relationship",
        "guardian_contact",
        "current_location",
        "notes",
    }
)


class IdentityNotRead(Exception):
    """An identity field read where the page may not show it. Not an AttributeError, which a
    template would silently render as nothing: the page fails, and its test with it."""


class VictimAccess(RecordAccess[Victim]):
    """One victim as one user may see it on one page (`where`, named in the audit rows)."""

    may = {
        "manage": Ability.MANAGE_VICTIMS,
        "assistance": Ability.MANAGE_ASSISTANCE,
        "casework": Ability.MANAGE_CASEWORK,
        "hold_retention": Ability.HOLD_FROM_RETENTION,
    }

    def __init__(self, victim: Victim, *, user, where: str = "", identity: bool = True):
        super().__init__(victim, user=user)
        self.where = where
        self.shows_identity = identity

    @property
    def victim(self) -> Victim:
        """The record, for writes and queries. Its identity is read through `identity`."""
        return self.record

    @property
    def identity(self) -> Victim | None:
        """The record, to read the person's names, date of birth, contact and location, or None
        where this page may not show them. Reading it is recorded in the audit log."""
        if not self.shows_identity:
            return None
        read(self.record, where=self.where)
        return self.record

    @property
    def heading(self) -> str:
        """The person as a page's title names them: "name (reference)", or the reference alone
        where the identity is not shown."""
        identity = self.identity
        return f"{identity.full_name} ({identity.reference})" if identity else self.record.reference

    def __getattr__(self, name: str):
        if name in IDENTITY_FIELDS:  # `victim.full_name` is `victim.identity.full_name`
            identity = self.identity
            if identity is None:
                raise IdentityNotRead(f"{name}: this page may not show the person's identity")
            return getattr(identity, name)
        return super().__getattr__(name)


def victims_shown(
    victims: Iterable[Victim], *, user, where: str, identity: bool = True
) -> list[VictimAccess]:
    """The views of `victims` (already scoped to `user`) for a page that lists them."""
    return [VictimAccess(victim, user=user, where=where, identity=identity) for victim in victims]
