"""Small-count suppression: counts 1..threshold-1 hidden, zero shown; whenever the hidden
cells are all small, the smallest shown one is hidden too (else the total pins them: 40, <5,
<5 of 42 are 1 and 1), marked "x" since it is not small; a total hidden when nothing could
be hidden with them; the parts of a hidden row all hidden; no threshold: as is."""

from __future__ import annotations

import pytest

from legalaid.domain.suppression import (
    shown_counts,
    shown_total,
    suppressed_cells,
)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([12, 7, 0], ["12", "7", "0"]),
        ([12, 4, 3, 9], ["12", "<5", "<5", "x"]),  # two small ones pinned by the total
        ([40, 1, 1], ["x", "<5", "<5"]),  # 42 - 40 = 2: both would be 1
        ([12, 4, 9, 30], ["12", "<5", "x", "30"]),  # the next smallest, 9, as x
        ([1], ["<5"]),  # nothing else to hide: the total is hidden with it (shown_total)
        ([5, 6], ["5", "6"]),  # the threshold itself is shown
    ],
)
def test_counts_below_the_threshold_are_hidden(counts: list[int], expected: list[str]) -> None:
    assert shown_counts(counts, 5) == expected


def test_without_a_total_no_secondary_suppression() -> None:
    assert suppressed_cells([12, 4, 9], 5, with_total=False) == [False, True, False]


def test_the_parts_of_a_hidden_row_are_all_hidden() -> None:
    assert suppressed_cells([6, 0, 9], 5, forced=True) == [True, False, True]


def test_a_total_that_would_pin_the_hidden_cells_is_hidden() -> None:
    assert shown_total(7, 5, [3, 4], [True, True]) == "x"  # 3 + 4: each known to be 3 or 4
    assert shown_total(16, 5, [12, 4], [True, True]) == "16"  # x >= 5 and <5: open
    assert shown_total(20, 5, [20, 0], [False, False]) == "20"


def test_no_threshold_shows_everything_and_totals() -> None:
    assert shown_counts([1, 2, 0], None) == ["1", "2", "0"]
    assert (shown_total(3, 5), shown_total(0, 5), shown_total(5, 5)) == ("<5", "0", "5")
    assert shown_total(3, 10) == "<10"
    assert shown_total(3, None) == "3"
