"""Small-cell suppression: 1–4 shown as <5, and no hidden small count can be worked out from totals."""

import random

import pytest

from reports.sections import build
from reports.statistics import annual_report
from reports.suppression import HIDDEN, SMALL, Group, suppress


def table(rows: list[list[int]]) -> tuple[dict, list[Group]]:
    """A 2-D table with row totals, column totals and a grand total, as cells and groups."""
    values, groups = {}, []
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            values[f"{r},{c}"] = v
        values[f"{r},T"] = sum(row)
        groups.append(Group(tuple(f"{r},{c}" for c in range(len(row))), f"{r},T"))
    for c in range(len(rows[0])):
        values[f"T,{c}"] = sum(row[c] for row in rows)
        groups.append(Group(tuple(f"{r},{c}" for r in range(len(rows))), f"T,{c}"))
    values["T,T"] = sum(map(sum, rows))
    groups.append(Group(tuple(f"T,{c}" for c in range(len(rows[0]))), "T,T"))
    groups.append(Group(tuple(f"{r},T" for r in range(len(rows))), "T,T"))
    return values, groups


def solutions(shown: dict, groups: list[Group], limit: int, threshold: int = 5) -> list[dict]:
    """Every assignment of the hidden cells that agrees with what is shown (backtracking: a group
    is checked as soon as its cells are known, partial sums never pass a known total)."""
    small = f"<{threshold}"
    hidden = [c for c, v in shown.items() if v in (small, HIDDEN)]
    ranges = {c: range(1, threshold) if shown[c] == small else range(threshold, limit + 1) for c in hidden}
    found = []

    def fits(full: dict) -> bool:
        for g in groups:
            cells = (*g.members, g.total)
            known = [full[c] for c in g.members if c in full]
            if all(c in full for c in cells):
                if sum(known) != full[g.total]:
                    return False
            elif g.total in full and sum(known) > full[g.total]:
                return False
        return True

    def extend(full: dict, rest: list) -> None:
        if not rest:
            found.append({c: full[c] for c in hidden})
            return
        for value in ranges[rest[0]]:
            full[rest[0]] = value
            if fits(full):
                extend(full, rest[1:])
            del full[rest[0]]

    extend({c: v for c, v in shown.items() if c not in ranges}, hidden)
    return found


CASES = [
    [[1, 50]],
    [[1, 5, 100]],
    [[1, 1], [20, 30]],
    [[3, 0, 12], [0, 2, 9], [7, 8, 40]],
    [[4, 6, 0], [9, 1, 15], [0, 0, 3]],
    [[2, 30, 0], [0, 4, 0], [11, 6, 1], [0, 0, 0]],
]


@pytest.mark.parametrize("rows", CASES)
def test_small_cells_cannot_be_back_solved(rows):
    values, groups = table(rows)
    shown = suppress(values, groups)

    assert all(shown[c] == SMALL for c, v in values.items() if 1 <= v <= 4)
    assert all(shown[c] == v for c, v in values.items() if v == 0 or shown[c] not in (SMALL, HIDDEN))
    consistent = solutions(shown, groups, limit=max(values.values()) + 5)  # a hidden total may be larger
    assert {k: values[k] for k in consistent[0]} in consistent  # the truth is one of them
    for cell in (c for c, v in shown.items() if v == SMALL):
        assert len({s[cell] for s in consistent}) >= 2, f"{cell} can be worked out"


def test_a_lone_small_cell_hides_a_second_one_in_its_row():
    values = {"a": 1, "b": 50, "c": 7, "total": 58}
    shown = suppress(values, [Group(("a", "b", "c"), "total")])
    assert shown == {"a": SMALL, "b": 50, "c": HIDDEN, "total": 58}  # c: the smallest other cell


def test_nothing_small_nothing_hidden():
    values, groups = table([[10, 0], [5, 20]])
    assert suppress(values, groups) == values


@pytest.mark.django_db
def test_the_report_layout_suppresses_persons_not_activities():
    report = annual_report(2020)
    report["identification"]["identified_total"] = 12
    report["identification"]["identified_by_sex_age"]["female"] = {"minor": 2, "adult": 10, "unknown": 0}
    report["prevention"]["trainings"] = 3
    shown = build(report, public=True).display()
    assert shown["identification.sex_age.female.minor"] == SMALL
    assert shown["identification.sex_age.female.adult"] == HIDDEN  # else 12 - 10
    assert shown["prevention.trainings"] == 3
    assert build(report).display()["identification.sex_age.female.minor"] == 2  # internal: exact


@pytest.mark.parametrize("seed", range(25))
def test_random_small_tables_cannot_be_back_solved(seed):
    rng = random.Random(seed)
    rows = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 12]) for _ in range(3)] for _ in range(3)]
    test_small_cells_cannot_be_back_solved(rows)


@pytest.mark.django_db
def test_only_counts_of_victims_are_suppressed():
    report = annual_report(2020)
    report["identification"]["identified_total"] = 2
    report["identification"]["identified_by_sex_age"]["female"]["adult"] = 2
    report["prosecution"]["cases_reported"] = 3
    report["prosecution"]["prosecutions_initiated"] = 1
    report["prosecution"]["persons_convicted"] = 2
    report["prosecution"]["convictions_by_exploitation"]["sexual"] = 2
    shown = build(report, public=True).display()
    assert shown["identification.identified_total"] == SMALL
    assert shown["identification.sex_age.female.adult"] == SMALL
    assert shown["prosecution.cases_reported"] == 3
    assert shown["prosecution.prosecutions_initiated"] == 1
    assert shown["prosecution.persons_convicted"] == 2
    assert shown["prosecution.convictions.sexual"] == 2


@pytest.mark.django_db
@pytest.mark.parametrize("threshold, shown", [(0, 3), (1, 3), (3, 3), (4, "<4"), (10, "<10")])
def test_the_threshold_is_chosen_per_edition(threshold, shown):
    report = annual_report(2020)
    report["identification"]["presumed_total"] = 3
    layout = build(report, public=True, threshold=threshold)
    assert layout.display()["identification.presumed_total"] == shown
    if threshold > 1:
        assert f"counts of victims from 1 to {threshold - 1} are shown as <{threshold}" in layout.rule
    else:
        assert layout.rule == "Public edition: every count is exact (no small-count suppression)."


@pytest.mark.parametrize("rows", [[[1, 8, 3], [6, 9, 2]], [[5, 9, 0], [9, 5, 7]]])
def test_a_higher_threshold_still_hides_no_cell_that_can_be_worked_out(rows):
    values, groups = table(rows)
    shown = suppress(values, groups, threshold=10)
    assert all(shown[c] == "<10" for c, v in values.items() if 1 <= v <= 9)
    consistent = solutions(shown, groups, limit=max(values.values()) + 10, threshold=10)
    assert {k: values[k] for k in consistent[0]} in consistent
    for cell in (c for c, v in shown.items() if v == "<10"):
        assert len({s[cell] for s in consistent}) >= 2, f"{cell} can be worked out"
