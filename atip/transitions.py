"""Status changes, checked one way for every record type that has a status (an identification
decision, a case, a referral): a table says where each status may go next, {status: {next, …}};
any other move is refused, unless the record type lets it be made with a note saying why (a
reversed decision, a reopened case). The messages name the current status by its label."""

from collections.abc import Mapping, Sequence, Set

from django.db.models import TextChoices

Course = Mapping[str, Set[str]]


def in_order(statuses: Sequence[str]) -> dict[str, set[str]]:
    """The course of statuses that follow one another: each may go to any later one."""
    return {status: set(statuses[i + 1 :]) for i, status in enumerate(statuses)}


def transition_errors(
    course: Course,
    *,
    current: TextChoices,
    to: str,
    already: str,
    off_course: str,
    note: str | None = None,
) -> dict[str, str]:
    """The errors of moving from `current` to `to`, by form field ({} when the move is allowed).

    `already` and `off_course` are messages with %(status)s for the current status. A move off
    the course is refused on `status`; where the record type allows it with a note (`note` is
    given, "" when none was written), it is refused on `note` only while the note is blank.
    """
    label = {"status": current.label}
    if to == current:
        return {"status": already % label}
    if to in course[current]:
        return {}
    if note is None:
        return {"status": off_course % label}
    return {} if note.strip() else {"note": off_course % label}
