"""Small-cell suppression for the public edition (docs/suppression.md).

The threshold T is chosen per edition (DEFAULT_THRESHOLD, 5; 0 or 1 hides nothing). Primary: a
count of 1 to T−1 is shown as `<T`. Secondary: where a table gives a total, a hidden
count could be worked out by subtracting the shown cells from it, so a second cell of that row
or column is hidden too (shown as `*`), the smallest non-zero one, until no small count can be
pinned to one value.

"Pinned" is decided over every additive group (members + total) of the whole report at once, so
that a cell shared by a row and a column, or a figure repeated in two tables (the same cell id),
is hidden consistently: a small cell is safe when some other table, agreeing with everything
shown (hidden small cells in 1..4, other hidden cells 5 or more), differs in it (`_movable`).
Zeros are shown: hiding a zero protects nothing that the bounds would not give away.
"""

from dataclasses import dataclass

DEFAULT_THRESHOLD = 5
SMALL = "<5"  # the default threshold's mark
HIDDEN = "*"
INF = float("inf")


@dataclass(frozen=True)
class Group:
    """Cells that add up to `total` (all cell ids)."""

    members: tuple[str, ...]
    total: str


def small_mark(threshold: int) -> str:
    """What a primary-suppressed count shows: `<T`."""
    return f"<{threshold}"


def _movable(
    cell: str, values: dict[str, int], primary: set[str], hidden: set[str], groups, small_max: int
) -> bool:
    """Whether another table agrees with everything shown but has a different value in `cell`.

    The differences between two such tables are a combination of "cycles" (+1/−1 on hidden cells
    that keep every group's sum; the group matrices of tables with margins are totally
    unimodular), so it is enough to look for one step of −1, 0 or +1 per hidden cell that moves
    `cell`, keeps every group summing to its total and keeps each hidden cell in what the reader
    knows of it: 1..T−1 for `<T`, T or more for `*`. A search that grows too long counts as "not
    movable", which only hides more.
    """
    constraints = []  # [(cell, coefficient), …] over hidden cells, whose weighted sum must stay 0
    for group in groups:
        terms = [(m, 1) for m in group.members if m in hidden]
        if group.total in hidden:
            terms.append((group.total, -1))
        if terms:
            constraints.append(terms)
    by_cell: dict[str, list] = {}
    for terms in constraints:
        for c, _ in terms:
            by_cell.setdefault(c, []).append(terms)

    def steps(c: str) -> list[int]:
        low, high = (1, small_max) if c in primary else (small_max + 1, INF)
        return [d for d in (0, 1, -1) if low <= values[c] + d <= high]

    # Cells in the order they are reached from `cell` through shared groups.
    order, seen = [cell], {cell}
    for c in order:
        for terms in by_cell.get(c, ()):
            for other, _ in terms:
                if other not in seen:
                    seen.add(other)
                    order.append(other)
    step: dict[str, int] = {}
    budget = [20000]

    def consistent(c: str) -> bool:
        for terms in by_cell.get(c, ()):
            total = sum(step[x] * k for x, k in terms if x in step)
            free = sum(1 for x, _ in terms if x not in step)
            if abs(total) > free:
                return False
        return True

    def search(i: int) -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            return False
        if i == len(order):
            return True
        c = order[i]
        for d in steps(c) if i else [d for d in steps(c) if d]:
            step[c] = d
            if consistent(c) and search(i + 1):
                return True
            del step[c]
        return False

    return search(0)


def suppress(
    values: dict[str, int], groups: list[Group], threshold: int = DEFAULT_THRESHOLD
) -> dict[str, int | str]:
    """The public display of every cell: the count, `<T`, or `*` (hidden to protect a `<T`)."""
    small_max = threshold - 1
    if small_max < 1:
        return dict(values)
    groups = [g for g in groups if sum(values[m] for m in g.members) == values[g.total]]
    primary = {cell for cell, value in values.items() if 1 <= value <= small_max}
    secondary: set[str] = set()
    while True:
        hidden = primary | secondary
        exposed = sorted(c for c in primary if not _movable(c, values, primary, hidden, groups, small_max))
        if not exposed:
            break
        # Candidates: shown non-zero cells of the groups around the exposed cells, then of the
        # groups around any hidden cell, then those groups' totals. The smallest one that makes
        # the first exposed cell safe is hidden; failing that, the smallest. One per round.
        candidates = []
        for near in ({*exposed}, hidden):
            around = [g for g in groups if any(c in near for c in (*g.members, g.total))]
            candidates = sorted(
                {
                    (values[c], c)
                    for g in around
                    for c in (*g.members, g.total)
                    if c not in hidden and values[c] > 0
                }
            )
            if candidates:
                break
        if not candidates:  # nothing left to hide
            break
        chosen = next(
            (
                c
                for c in candidates
                if _movable(exposed[0], values, primary, hidden | {c[1]}, groups, small_max)
            ),
            candidates[0],
        )
        secondary.add(chosen[1])
    return {
        cell: small_mark(threshold) if cell in primary else HIDDEN if cell in secondary else value
        for cell, value in values.items()
    }
