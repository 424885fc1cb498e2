"""Small-cell suppression for the public edition (spec/annual-statistics.md, "Publishing").

Primary: a count of 1–4 is shown as `<5`. Secondary: where a table gives a total, a hidden
count could be worked out by subtracting the shown cells from it, so a second cell of that row
or column is hidden too (shown as `*`), the smallest non-zero one, until no small count can be
pinned to one value.

"Pinned" is decided by bounds propagation over every additive group (members + total) of the
whole report at once, so that a cell shared by a row and a column, or a figure repeated in two
tables (the same cell id), is hidden consistently: each hidden small cell is known to lie in
1..4, each other hidden cell in 5..∞, each shown cell exactly; the bounds are tightened through
every group until nothing changes, and a small cell whose bounds meet has been back-solved.
Zeros are shown: hiding a zero protects nothing that the bounds would not give away.
"""

from dataclasses import dataclass

SMALL = "<5"
HIDDEN = "*"
SMALL_MAX = 4
INF = float("inf")


@dataclass(frozen=True)
class Group:
    """Cells that add up to `total` (all cell ids)."""

    members: tuple[str, ...]
    total: str


def is_small(value: int) -> bool:
    return 1 <= value <= SMALL_MAX


def _bounds(values: dict[str, int], primary: set[str], secondary: set[str], groups) -> dict:
    """[low, high] of every cell as a reader of the public table could work them out."""
    bounds = {}
    for cell, value in values.items():
        if cell in primary:
            bounds[cell] = [1, SMALL_MAX]
        elif cell in secondary:
            bounds[cell] = [SMALL_MAX + 1, INF]
        else:
            bounds[cell] = [value, value]
    changed = True
    while changed:
        changed = False
        for group in groups:
            total_low, total_high = bounds[group.total]
            lows = [bounds[m][0] for m in group.members]
            highs = [bounds[m][1] for m in group.members]
            sum_low, sum_high = sum(lows), sum(highs)
            new_total = [max(total_low, sum_low), min(total_high, sum_high)]
            if new_total != bounds[group.total]:
                bounds[group.total], changed = new_total, True
            total_low, total_high = new_total
            for i, (member, low, high) in enumerate(zip(group.members, lows, highs, strict=True)):
                others_low = sum_low - low
                others_high = sum(highs[:i]) + sum(highs[i + 1 :])  # not sum_high - high: ∞ - ∞
                new = [max(low, total_low - others_high), min(high, total_high - others_low)]
                if new != [low, high]:
                    bounds[member], changed = new, True
    return bounds


def suppress(values: dict[str, int], groups: list[Group]) -> dict[str, int | str]:
    """The public display of every cell: the count, `<5`, or `*` (hidden to protect a `<5`)."""
    groups = [g for g in groups if sum(values[m] for m in g.members) == values[g.total]]
    primary = {cell for cell, value in values.items() if is_small(value)}
    secondary: set[str] = set()
    while True:
        bounds = _bounds(values, primary, secondary, groups)
        exposed = sorted(c for c in primary if bounds[c][0] == bounds[c][1])
        if not exposed:
            break
        hidden = primary | secondary
        # The smallest shown non-zero cell of a group that holds the exposed one; failing that,
        # the group's total.
        candidates = [
            (values[m], m)
            for g in groups
            if exposed[0] in g.members
            for m in g.members
            if m not in hidden and values[m] > 0
        ]
        if not candidates:
            candidates = [(values[g.total], g.total) for g in groups if exposed[0] in g.members]
            candidates = [c for c in candidates if c[1] not in hidden]
        if not candidates:  # cannot happen with consistent groups; never loop forever
            break
        secondary.add(min(candidates)[1])
    return {
        cell: SMALL if cell in primary else HIDDEN if cell in secondary else value
        for cell, value in values.items()
    }
