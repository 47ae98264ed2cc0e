"""Procedural deadlines: counted from an event by a rule (legalaid/domain/deadline_rules.py,
rules and holidays as data), or typed by hand; each owned by a lawyer, open until someone
closes it as done, missed or not applicable (who and when are kept).

A decision announced at a hearing (services/proceedings.record_hearing) counts the appeal
deadlines of its kind of proceeding at once: first instance from the announcement (or the
decision in its final form), an appeal decision for cassation. Other events (a copy of the
judgment received, custody ordered) are entered with `add_rule_deadline`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.cases import Case
from legalaid.domain.courts import Deadline, Proceeding
from legalaid.domain.deadline_rules import (
    DeadlineRule,
    deadline_rules,
    due_moment,
    rules_version,
    working_calendar,
)
from legalaid.domain.enums import DeadlineState, Instance
from legalaid.errors import NotFound, ValidationError
from legalaid.i18n import N_, current_language
from legalaid.services.cases import find_case, require_case_edit
from legalaid.services.permissions import Permission
from legalaid.services.proceedings import find_proceeding, to_utc
from legalaid.services.timeline import as_utc
from legalaid.services.visibility import case_visible
from legalaid.services.workspace import AccountInfo, Workspace

TITLE_MAX = 300
# The events a decision announced stands for, by instance.
DECISION_TRIGGERS = {
    Instance.FIRST_INSTANCE.value: ("judgment_announced", "judgment_final_form"),
    Instance.APPEAL.value: ("appeal_decision",),
}


@dataclass(frozen=True)
class DeadlineRow:
    id: int
    case_id: int
    case_number: str
    proceeding_id: int | None
    title: str
    rule_code: str | None
    verify: bool  # the rule is still to be confirmed by a partner lawyer
    due_at: dt.datetime  # aware, UTC: the last moment
    state: DeadlineState
    responsible_login: str
    responsible: str

    def overdue(self, now: dt.datetime | None = None) -> bool:
        now = now or dt.datetime.now(dt.UTC)
        return self.state is DeadlineState.OPEN and self.due_at < now


def _new(
    session: Session,
    ws: Workspace,
    case: Case,
    proceeding: Proceeding | None,
    rule: DeadlineRule | None,
    title: str,
    event_at: dt.datetime | None,
    due_at: dt.datetime,
    responsible_id: int,
) -> Deadline:
    deadline = Deadline(
        case_id=case.id,
        proceeding_id=proceeding.id if proceeding else None,
        rule_code=rule.code if rule else None,
        rules_version=rules_version() if rule else None,
        title=title[:TITLE_MAX],
        event_at=to_utc(event_at) if event_at else None,
        due_at=to_utc(due_at),
        responsible_id=responsible_id,
        state=DeadlineState.OPEN.value,
        created_by=ws.actor.id,
    )
    session.add(deadline)
    return deadline


def _responsible(ws: Workspace, proceeding: Proceeding | None, case: Case) -> int:
    return (proceeding.lawyer_id if proceeding else None) or case.assigned_lawyer_id or ws.actor.id


def deadlines_for_decision(
    session: Session, ws: Workspace, case: Case, proceeding: Proceeding, decided_on: dt.date
) -> list[int]:
    """In the caller's transaction: the appeal deadlines a decision starts (ids)."""
    triggers = DECISION_TRIGGERS.get(proceeding.instance, ())
    event = dt.datetime.combine(decided_on, dt.time(12)).astimezone()
    created = []
    for rule in deadline_rules().values():
        if rule.trigger in triggers and proceeding.kind in rule.proceeding_kinds:
            due = due_moment(rule, event, working_calendar())
            deadline = _new(
                session,
                ws,
                case,
                proceeding,
                rule,
                rule.name(current_language()),
                event,
                due,
                _responsible(ws, proceeding, case),
            )
            session.flush()
            created.append(deadline.id)
    return created


def add_rule_deadline(
    ws: Workspace,
    proceeding_id: int,
    rule_code: str,
    event_at: dt.datetime,
    responsible_login: str | None = None,
) -> DeadlineRow:
    """A deadline counted by a rule from an event typed by the lawyer (local time)."""
    ws.require(Permission.EDIT_CASES)
    rule = deadline_rules().get(rule_code)
    if rule is None:
        raise ValidationError(N_("Choose the rule from the list."), field="rule_code")
    event = event_at if event_at.tzinfo else event_at.astimezone()
    with ws.session() as session:
        proceeding, case = find_proceeding(session, ws.actor, proceeding_id)
        require_case_edit(ws, case)
        if proceeding.kind not in rule.proceeding_kinds:
            raise ValidationError(
                N_("This rule is for another kind of proceeding."), field="rule_code"
            )
        responsible = _account(session, responsible_login) or _responsible(ws, proceeding, case)
        deadline = _new(
            session,
            ws,
            case,
            proceeding,
            rule,
            rule.name(current_language()),
            event,
            due_moment(rule, event, working_calendar()),
            responsible,
        )
        session.commit()
        return _row(session, ws.actor, deadline.id)


def add_manual_deadline(
    ws: Workspace,
    case_key: int | str,
    title: str,
    due_on: dt.date,
    responsible_login: str | None = None,
    proceeding_id: int | None = None,
) -> DeadlineRow:
    """A deadline no rule knows (a court's own time limit): kept until the end of its day."""
    ws.require(Permission.EDIT_CASES)
    text = " ".join((title or "").split())
    if not text:
        raise ValidationError(N_("Say what must be done by then."), field="title")
    if len(text) > TITLE_MAX:
        raise ValidationError(N_("At most {limit} characters."), field="title", limit=TITLE_MAX)
    with ws.session() as session:
        case = find_case(session, ws.actor, case_key)
        require_case_edit(ws, case)
        proceeding = None
        if proceeding_id is not None:
            proceeding, owner = find_proceeding(session, ws.actor, proceeding_id)
            if owner.id != case.id:
                raise ValidationError(
                    N_("Choose a proceeding of this case."), field="proceeding_id"
                )
        responsible = _account(session, responsible_login) or _responsible(ws, proceeding, case)
        due = dt.datetime.combine(due_on, dt.time(23, 59, 59)).astimezone()
        deadline = _new(session, ws, case, proceeding, None, text, None, due, responsible)
        session.commit()
        return _row(session, ws.actor, deadline.id)


def _account(session: Session, login: str | None) -> int | None:
    if not login:
        return None
    account = session.scalar(select(Account).where(Account.login == login))
    if account is None or not account.active:
        raise ValidationError(N_("Choose an active member of staff."), field="responsible_login")
    return account.id


def close_deadline(ws: Workspace, deadline_id: int, state: DeadlineState | str) -> DeadlineRow:
    """Done, missed or not applicable (with who and when); back to open undoes it."""
    ws.require(Permission.EDIT_CASES)
    target = DeadlineState(state)
    with ws.session() as session:
        row = session.execute(
            select(Deadline, Case)
            .join(Case, Case.id == Deadline.case_id)
            .where(Deadline.id == deadline_id, case_visible(ws.actor))
        ).first()
        if row is None:
            raise NotFound(N_("There is no such deadline, or it belongs to a case you cannot see."))
        deadline, case = row
        require_case_edit(ws, case)
        deadline.state = target.value
        if target is DeadlineState.OPEN:
            deadline.closed_at = deadline.closed_by = None
        else:
            deadline.closed_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
            deadline.closed_by = ws.actor.id
        session.commit()
        return _row(session, ws.actor, deadline.id)


# --- reading -------------------------------------------------------------------------------


def deadline_query(viewer: AccountInfo) -> Select[tuple[Deadline, str, str, str]]:
    return (
        select(Deadline, Case.number, Account.login, Account.display_name)
        .join(Case, Case.id == Deadline.case_id)
        .join(Account, Account.id == Deadline.responsible_id)
        .where(case_visible(viewer))
    )


def deadline_rows(
    session: Session, query: Select[tuple[Deadline, str, str, str]]
) -> list[DeadlineRow]:
    rules = deadline_rules()
    found = []
    for deadline, number, login, name in session.execute(query):
        rule = rules.get(deadline.rule_code or "")
        found.append(
            DeadlineRow(
                id=deadline.id,
                case_id=deadline.case_id,
                case_number=number,
                proceeding_id=deadline.proceeding_id,
                title=deadline.title,
                rule_code=deadline.rule_code,
                verify=bool(rule and rule.verify),
                due_at=as_utc(deadline.due_at),
                state=DeadlineState(deadline.state),
                responsible_login=login,
                responsible=name,
            )
        )
    return found


def _row(session: Session, viewer: AccountInfo, deadline_id: int) -> DeadlineRow:
    return deadline_rows(session, deadline_query(viewer).where(Deadline.id == deadline_id))[0]


def case_deadlines(ws: Workspace, case_key: int | str) -> list[DeadlineRow]:
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        case = find_case(session, ws.actor, case_key)
        return deadline_rows(
            session,
            deadline_query(ws.actor).where(Deadline.case_id == case.id).order_by(Deadline.due_at),
        )


def open_deadlines(
    ws: Workspace,
    until: dt.datetime | None = None,
    responsible_login: str | None = None,
    overdue_only: bool = False,
    now: dt.datetime | None = None,
) -> list[DeadlineRow]:
    """Open deadlines of the cases the viewer sees, the earliest first: up to `until`, of
    one lawyer, or only those already past (missed unless closed otherwise)."""
    ws.require(Permission.VIEW_RECORDS)
    now = now or dt.datetime.now(dt.UTC)
    query = deadline_query(ws.actor).where(Deadline.state == DeadlineState.OPEN.value)
    if overdue_only:
        query = query.where(Deadline.due_at < to_utc(now))
    if until is not None:
        query = query.where(Deadline.due_at <= to_utc(until))
    if responsible_login:
        query = query.where(Account.login == responsible_login)
    with ws.reader() as session:
        return deadline_rows(session, query.order_by(Deadline.due_at).limit(500))
