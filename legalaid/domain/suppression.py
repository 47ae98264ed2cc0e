"""Small-count suppression for tables that leave the NGO (a donor's report, a ministry's
return): a count from 1 to threshold-1 is shown as "<threshold", so that no one can be
recognised from a table ("the one woman over 60 from Kadamjay").

A single hidden cell could be worked out from the total; so when exactly one cell of a
table is hidden and the table prints its total, the next smallest cell is hidden too
(secondary suppression). Zero is shown: it names no one. A mean is hidden when it rests
on fewer records than the threshold.
"""

from __future__ import annotations

from collections.abc import Sequence

SECONDARY = "x"  # a count hidden only so that a small one cannot be worked out
DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 2  # 2 hides every single person; 1 would hide nothing
MAX_THRESHOLD = 20


def hidden_text(threshold: int) -> str:
    return f"<{threshold}"


def is_small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def suppressed_cells(counts: Sequence[int], threshold: int, with_total: bool = True) -> list[bool]:
    """For each count, whether to hide it (primary, then secondary suppression)."""
    hide = [is_small(count, threshold) for count in counts]
    if with_total and sum(hide) == 1:
        others = [
            (count, index) for index, count in enumerate(counts) if not hide[index] and count > 0
        ]
        if others:
            hide[min(others)[1]] = True
    return hide


def shown_counts(
    counts: Sequence[int], threshold: int | None, with_total: bool = True
) -> list[str]:
    """The counts as printed: as they are without a threshold; else a small count as
    "<5", and one hidden only to protect it as "x" (it is not small: "<5" would be untrue)."""
    if threshold is None:
        return [str(count) for count in counts]
    hide = suppressed_cells(counts, threshold, with_total)
    return [
        (hidden_text(threshold) if is_small(count, threshold) else SECONDARY)
        if hidden
        else str(count)
        for count, hidden in zip(counts, hide, strict=True)
    ]


def shown_total(total: int, threshold: int | None) -> str:
    if threshold is not None and is_small(total, threshold):
        return hidden_text(threshold)
    return str(total)
