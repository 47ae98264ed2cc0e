"""k-anonymity of record-level exports: a combination of known fields shared by fewer than
k rows is coarsened (quarter, * for office, age, oblast, subcategory) and left out if still
too rare; rows come in a random order within their quarter."""

from __future__ import annotations

import random

from legalaid.domain.anonymity import HIDDEN, Columns, k_anonymous, quarter

COLUMNS = Columns(
    office=0, opened=1, closed=2, category=3, subcategory=4, gender=5, age_group=6, oblast=7
)


def row(office: str, month: str, age: str, sub: str = "FAM.custody") -> list[object]:
    return [office, month, None, "FAM", sub, "female", age, "osh", 1]


def test_rare_rows_are_coarsened_then_left_out() -> None:
    rows = [row("OSH", "2026-02", "30_44") for _ in range(3)]
    rows += [row("OSH", "2026-01", "18_29"), row("BATKEN", "2026-03", "60_plus")]
    rows += [row("MANAS", "2026-04", "45_59")]  # alone even by quarter
    found = k_anonymous(rows, COLUMNS, 2, random.Random(1))
    # the three February rows stay as they are; January and March share Q1 once coarsened
    assert found.generalised == 2 and found.left_out == 1
    assert sum(1 for r in found.rows if r[1] == "2026-02") == 3
    coarse = [r for r in found.rows if r[0] == HIDDEN]
    assert {tuple(r[:8]) for r in coarse} == {
        (HIDDEN, "2026-Q1", None, "FAM", HIDDEN, "female", HIDDEN, HIDDEN)
    }
    assert all(r[1] != "2026-04" for r in found.rows)


def test_every_combination_is_shared_by_k_rows() -> None:
    rng = random.Random(7)
    offices, ages = ("OSH", "BATKEN", "MANAS"), ("18_29", "30_44", "45_59", "60_plus")
    rows = [
        row(rng.choice(offices), f"2026-{rng.randint(1, 12):02d}", rng.choice(ages))
        for _ in range(400)
    ]
    found = k_anonymous(rows, COLUMNS, 5, random.Random(3))
    combos: dict[tuple[object, ...], int] = {}
    for kept in found.rows:
        key = tuple(kept[i] for i in COLUMNS.known)
        combos[key] = combos.get(key, 0) + 1
    assert combos and min(combos.values()) >= 5
    assert len(found.rows) + found.left_out == 400


def test_quarters() -> None:
    assert [quarter(m) for m in ("2026-01", "2026-03", "2026-04", "2026-12")] == [
        "2026-Q1",
        "2026-Q1",
        "2026-Q2",
        "2026-Q4",
    ]
    assert quarter(None) is None and quarter("2026-Q1") == "2026-Q1"
