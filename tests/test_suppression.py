"""Small-count suppression: counts 1..threshold-1 hidden, zero shown, a single hidden cell
protected by hiding the next smallest (else the total gives it away), no threshold: as is."""

from __future__ import annotations

import pytest

from legalaid.domain.suppression import shown_counts, shown_total, suppressed_cells


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([12, 7, 0], ["12", "7", "0"]),
        ([12, 4, 3, 9], ["12", "<5", "<5", "9"]),
        ([12, 4, 9, 30], ["12", "<5", "x", "30"]),  # secondary: the next smallest, 9, as x
        ([1], ["<5"]),  # nothing else to hide: the total is hidden with it (shown_total)
        ([5, 6], ["5", "6"]),  # the threshold itself is shown
    ],
)
def test_counts_below_the_threshold_are_hidden(counts: list[int], expected: list[str]) -> None:
    assert shown_counts(counts, 5) == expected


def test_without_a_total_no_secondary_suppression() -> None:
    assert suppressed_cells([12, 4, 9], 5, with_total=False) == [False, True, False]


def test_no_threshold_shows_everything_and_totals() -> None:
    assert shown_counts([1, 2, 0], None) == ["1", "2", "0"]
    assert (shown_total(3, 5), shown_total(0, 5), shown_total(5, 5)) == ("<5", "0", "5")
    assert shown_total(3, 10) == "<10"
