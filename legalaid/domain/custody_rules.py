"""When a detained client's custody needs someone to act (Constitution: at most 48 hours
from actual detention to a court decision; a custody term ends on its last day).

Pure rules over one custody record at a moment; the services list them on the Dashboard.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from legalaid.i18n import N_

DECISION_LIMIT = dt.timedelta(hours=48)
DECISION_WARNING = dt.timedelta(hours=12)  # warn this long before the 48 hours run out
TERM_WARNING_DAYS = 5  # warn this many days before a custody term ends

NO_DECISION_LATE = "no_decision_late"
NO_DECISION_SOON = "no_decision_soon"
TERM_PASSED = "term_passed"
TERM_ENDING = "term_ending"

MESSAGES = {
    NO_DECISION_LATE: N_("More than 48 hours in detention without a court decision."),
    NO_DECISION_SOON: N_("The 48 hours of detention without a court decision end soon."),
    TERM_PASSED: N_("The custody term has ended: check the extension or the release."),
    TERM_ENDING: N_("The custody term ends soon."),  # the date is shown beside it
}


@dataclass(frozen=True)
class CustodyWarning:
    code: str
    deadline: dt.datetime  # aware: when the limit runs (or ran) out

    def message(self) -> str:
        """The untranslated template; `days` for TERM_ENDING."""
        return MESSAGES[self.code]


def custody_warnings(
    detained_at: dt.datetime,
    decision_at: dt.datetime | None,
    custody_until: dt.date | None,
    released_on: dt.date | None,
    now: dt.datetime,
    term_warning_days: int = TERM_WARNING_DAYS,
) -> list[CustodyWarning]:
    """Aware datetimes in, the warnings that hold at `now` out (none once released)."""
    if released_on is not None and released_on <= now.date():
        return []
    warnings = []
    limit = detained_at + DECISION_LIMIT
    if decision_at is None and now > limit:
        warnings.append(CustodyWarning(NO_DECISION_LATE, limit))
    elif decision_at is None and now > limit - DECISION_WARNING:
        warnings.append(CustodyWarning(NO_DECISION_SOON, limit))
    if custody_until is not None:
        end = dt.datetime.combine(custody_until, dt.time(23, 59, 59), tzinfo=now.tzinfo)
        if now > end:
            warnings.append(CustodyWarning(TERM_PASSED, end))
        elif (custody_until - now.date()).days <= term_warning_days:
            warnings.append(CustodyWarning(TERM_ENDING, end))
    return warnings
