"""The rules of a referral's life, kept apart from storage so they read as a table.

    draft ──> sent ──> received ──> accepted ──> answered
                 │          │            └────> closed without answer
                 │          ├──> declined
                 │          ├──> answered
                 │          └──> closed without answer
                 ├──> accepted / declined / answered / closed without answer
                 (the organisation may answer without anyone noting that it arrived)

Declined, answered and closed without answer are final. A draft is not "sent" by printing
its letter: someone records that it left (the date may be the printing day).

A referral is *overdue* when it has been sent, has an answer due date that has passed and
no response has come (sent, or only received: accepting is a response). It is *awaiting
sending* while a draft.
"""

from __future__ import annotations

import datetime as dt

from legalaid.domain.enums import OrganisationType, ReferralStatus

S = ReferralStatus

ALLOWED_MOVES: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    S.DRAFT: frozenset({S.SENT}),
    S.SENT: frozenset({S.RECEIVED, S.ACCEPTED, S.DECLINED, S.ANSWERED, S.CLOSED_NO_ANSWER}),
    S.RECEIVED: frozenset({S.ACCEPTED, S.DECLINED, S.ANSWERED, S.CLOSED_NO_ANSWER}),
    S.ACCEPTED: frozenset({S.ANSWERED, S.CLOSED_NO_ANSWER}),
    S.DECLINED: frozenset(),
    S.ANSWERED: frozenset(),
    S.CLOSED_NO_ANSWER: frozenset(),
}
WAITING = frozenset({S.SENT, S.RECEIVED})  # no response yet: the due date counts
ANSWERS = frozenset({S.ACCEPTED, S.DECLINED, S.ANSWERED})  # a response came: its date counts
FINAL = frozenset(status for status, moves in ALLOWED_MOVES.items() if not moves)

# Days to wait for an answer when the organisation has no figure of its own (the shipped
# directory's `default_response_days` overrides these; 14 days is the usual period for a
# state body to acknowledge, 30 for a substantive answer to a citizen's appeal — verify).
FALLBACK_RESPONSE_DAYS = 30


def may_move(current: ReferralStatus, target: ReferralStatus) -> bool:
    return target in ALLOWED_MOVES[current]


def next_statuses(current: ReferralStatus) -> list[ReferralStatus]:
    """The statuses a referral may move to, in the order of the enumeration."""
    return [status for status in ReferralStatus if status in ALLOWED_MOVES[current]]


def default_due_date(
    sent_or_referred_on: dt.date,
    organisation_days: int | None,
    kind: OrganisationType,
    kind_days: dict[str, int],
) -> dt.date:
    """When an answer is due by default: the organisation's own figure, else its kind's,
    else `FALLBACK_RESPONSE_DAYS`, counted in calendar days."""
    days = organisation_days or kind_days.get(kind.value) or FALLBACK_RESPONSE_DAYS
    return sent_or_referred_on + dt.timedelta(days=days)


def is_overdue(status: ReferralStatus, due_on: dt.date | None, today: dt.date) -> bool:
    return status in WAITING and due_on is not None and due_on < today
