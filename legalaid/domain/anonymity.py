"""k-anonymity for record-level exports (the researchers' CSV of cases): no row may be the
only one, or one of fewer than k, with its combination of the fields an outsider could know
about a person (office, month, category, gender, age group, oblast). "The one woman over
60 with a torture case in the Osh office in March" must not be a row of her own.

Rows in a combination of fewer than k are generalised first: office, age group, oblast
and subcategory blanked ("*"), months coarsened to quarters. Rows still in a combination of
fewer than k after that are left out. The rows come back in a random order within their
opening period, so their order tells nothing finer than the period printed.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

HIDDEN = "*"


@dataclass(frozen=True)
class Columns:
    """Where the fields are in a row (indexes)."""

    office: int
    opened: int  # "YYYY-MM"
    closed: int  # "YYYY-MM" or None
    category: int
    subcategory: int
    gender: int
    age_group: int
    oblast: int

    @property
    def known(self) -> tuple[int, ...]:
        """The fields an outsider could know of a person (the quasi-identifiers)."""
        return (self.office, self.opened, self.category, self.gender, self.age_group, self.oblast)


@dataclass(frozen=True)
class Anonymised:
    rows: list[list[Any]]
    generalised: int
    left_out: int


def quarter(month: Any) -> Any:
    """ "2026-05" -> "2026-Q2"; anything else as it is."""
    if isinstance(month, str) and len(month) == 7 and month[4] == "-" and month[5:].isdigit():
        return f"{month[:4]}-Q{(int(month[5:]) - 1) // 3 + 1}"
    return month


def _key(row: Sequence[Any], columns: Columns) -> tuple[Any, ...]:
    return tuple(row[index] for index in columns.known)


def _generalise(row: list[Any], columns: Columns) -> list[Any]:
    out = list(row)
    for index in (columns.office, columns.age_group, columns.oblast, columns.subcategory):
        out[index] = HIDDEN
    out[columns.opened] = quarter(out[columns.opened])
    out[columns.closed] = quarter(out[columns.closed])
    return out


def k_anonymous(
    rows: Sequence[Sequence[Any]], columns: Columns, k: int, rng: random.Random | None = None
) -> Anonymised:
    """The rows with every combination of known fields shared by at least `k` rows."""
    rng = rng or random.SystemRandom()
    sizes = Counter(_key(row, columns) for row in rows)
    kept = [
        list(row) if sizes[_key(row, columns)] >= k else _generalise(list(row), columns)
        for row in rows
    ]
    sizes = Counter(_key(row, columns) for row in kept)
    final = [row for row in kept if sizes[_key(row, columns)] >= k]
    order = {id(row): rng.random() for row in final}
    final.sort(key=lambda row: (quarter(row[columns.opened]), order[id(row)]))
    generalised = sum(1 for row in final if row[columns.office] == HIDDEN)
    return Anonymised(final, generalised, len(rows) - len(final))
