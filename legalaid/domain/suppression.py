"""Small-count suppression for tables that leave the NGO (a donor's report, a ministry's
return): a count from 1 to threshold-1 is shown as "<threshold", so that no one can be
recognised from a table ("the one woman over 60 from Kadamjay").

Hidden small counts could be worked out from the printed total (40, <5, <5 of 42: both are
1); so whenever the hidden cells of a table are all small, the smallest count still shown
is hidden too, as "x" (secondary suppression: it is not small, "<5" would be untrue). When
nothing is left to hide with them, the total is hidden. A table that breaks down the rows
of another (subcategories of a category) hides every part of a hidden row, and is hidden
within each row's parts, since the parent's count is printed elsewhere. Zero is shown: it
names no one. A mean is hidden when its count is.
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


def suppressed_cells(
    counts: Sequence[int],
    threshold: int,
    with_total: bool = True,
    forced: bool = False,
) -> list[bool]:
    """For each count, whether to hide it: small ones, then the smallest one shown when
    the hidden ones are all small and a total is printed; every non-zero one when
    `forced` (the parent row of these parts is hidden)."""
    if forced:
        return [count > 0 for count in counts]
    hide = [is_small(count, threshold) for count in counts]
    pinned = any(hide) and all(counts[i] < threshold for i, h in enumerate(hide) if h)
    if with_total and pinned:
        others = [
            (count, index) for index, count in enumerate(counts) if not hide[index] and count > 0
        ]
        if others:
            hide[min(others)[1]] = True
    return hide


def cell_text(count: int, hidden: bool, threshold: int) -> str:
    if not hidden:
        return str(count)
    return hidden_text(threshold) if is_small(count, threshold) else SECONDARY


def shown_counts(
    counts: Sequence[int], threshold: int | None, with_total: bool = True
) -> list[str]:
    """The counts as printed: as they are without a threshold; else suppressed."""
    if threshold is None:
        return [str(count) for count in counts]
    hide = suppressed_cells(counts, threshold, with_total)
    return [cell_text(c, h, threshold) for c, h in zip(counts, hide, strict=True)]


def shown_total(
    total: int,
    threshold: int | None,
    counts: Sequence[int] = (),
    hidden: Sequence[bool] = (),
) -> str:
    """The total as printed: hidden when small, or when it would pin the hidden cells (they
    are all small and no other cell could be hidden with them)."""
    if threshold is None:
        return str(total)
    if is_small(total, threshold):
        return hidden_text(threshold)
    hidden_counts = [c for c, h in zip(counts, hidden, strict=True) if h]
    if hidden_counts and all(c < threshold for c in hidden_counts):
        return SECONDARY
    return str(total)
