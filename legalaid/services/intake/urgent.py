"""Urgent cases on the dashboard: the open ones, and recording what was done about them.

An urgent intake stays on the list until its urgent action is recorded; recording it also
finishes the urgent task and keeps the text as a note on the case's timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from legalaid.domain.accounts import Account
from legalaid.domain.cases import Case
from legalaid.domain.enums import ActivityKind
from legalaid.domain.intake import TEXT_MAX, Intake
from legalaid.domain.intake_rules import urgency_rules
from legalaid.domain.timeline import CaseEntry, CaseTask
from legalaid.errors import Conflict, NotFound, ValidationError
from legalaid.i18n import N_
from legalaid.services.cases import require_case_edit
from legalaid.services.intake.records import split_codes
from legalaid.services.permissions import Permission
from legalaid.services.visibility import case_visible
from legalaid.services.workspace import Workspace


@dataclass(frozen=True)
class UrgentCaseRow:
    intake_id: int
    case_id: int
    case_number: str
    rules: tuple[str, ...]  # urgency rule codes
    since: dt.date
    assigned_lawyer: str | None  # login

    def rule_labels(self, language: str | None = None) -> list[str]:
        labels = {rule.code: rule for rule in urgency_rules().rules}
        return [labels[c].label(language) if c in labels else c for c in self.rules]


def urgent_open_cases(ws: Workspace, limit: int = 100) -> list[UrgentCaseRow]:
    """Cases flagged urgent whose urgent action nobody has recorded yet, oldest first,
    only those the viewer may see."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        rows = session.execute(
            select(
                Intake.id,
                Case.id,
                Case.number,
                Intake.urgent_rules,
                Intake.taken_on,
                Account.login,
            )
            .join(Case, Case.id == Intake.case_id)
            .outerjoin(Account, Account.id == Case.assigned_lawyer_id)
            .where(
                Intake.urgent.is_(True), Intake.urgent_action_at.is_(None), case_visible(ws.actor)
            )
            .order_by(Intake.taken_on, Intake.id)
            .limit(limit)
        )
        return [UrgentCaseRow(r[0], r[1], r[2], split_codes(r[3]), r[4], r[5]) for r in rows]


def record_urgent_action(ws: Workspace, intake_id: int, text: str) -> UrgentCaseRow:
    """Record what was done about the urgent danger: the case leaves the dashboard's urgent
    list, the urgent task is done, and a note on the timeline keeps the text (audited)."""
    ws.require(Permission.EDIT_CASES)
    if not (text or "").strip():
        raise ValidationError(N_("Write down what was done."), field="text")
    if len(text) > TEXT_MAX:
        raise ValidationError(
            N_("Too long: at most {limit} characters (now {count})."),
            field="text",
            limit=TEXT_MAX,
            count=len(text),
        )
    with ws.session() as session:
        found = session.execute(
            select(Intake, Case)
            .join(Case, Case.id == Intake.case_id)
            .where(Intake.id == intake_id, case_visible(ws.actor))
        ).first()
        if found is None:
            raise NotFound(N_("No intake with this id is open to you."))
        intake, case = found
        require_case_edit(ws, case)
        if not intake.urgent:
            raise Conflict(N_("This intake was not urgent."))
        if intake.urgent_action_at is not None:
            raise Conflict(N_("The urgent action for this case is already recorded."))
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        intake.urgent_action_at, intake.urgent_action_by = now, ws.actor.id
        intake.urgent_action_text = text
        session.add(
            CaseEntry(
                case_id=case.id,
                kind=ActivityKind.NOTE.value,
                occurred_at=now,
                staff_id=ws.actor.id,
                text=text,
                created_by=ws.actor.id,
            )
        )
        if intake.urgent_task_id is not None:
            task = session.get(CaseTask, intake.urgent_task_id)
            if task is not None and task.done_at is None:
                task.done_at, task.done_by = now, ws.actor.id
        session.commit()
        return UrgentCaseRow(
            intake.id, case.id, case.number, split_codes(intake.urgent_rules), intake.taken_on, None
        )
