"""The history of one person or case, from the audit trail, in words a person reads."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, false, select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.attachments import Attachment
from legalaid.domain.audit import ACTION_LABELS, AuditEvent
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.intake import Intake
from legalaid.domain.people import Person
from legalaid.domain.referrals import OutgoingLetter, Referral
from legalaid.domain.timeline import CaseEntry, CaseTask
from legalaid.i18n import N_, _
from legalaid.services.permissions import Permission
from legalaid.services.visibility import (
    case_visible,
    not_found_or_restricted,
    person_not_found,
    person_visible,
)
from legalaid.services.workspace import Workspace

FIELD_LABELS = {
    "surname": N_("surname"), "given_name": N_("given name"), "patronymic": N_("patronymic"),
    "gender": N_("gender"), "birth_date": N_("birth date"),
    "birth_year_estimate": N_("approximate age"), "pin": N_("PIN"), "phone": N_("phone"),
    "region": N_("region"), "district": N_("district"), "settlement": N_("settlement"),
    "street": N_("street"), "languages": N_("languages"), "notes": N_("notes"),
    "summary": N_("summary"), "category": N_("category"), "subcategory": N_("subcategory"),
    "status": N_("status"), "assigned_lawyer_id": N_("lawyer"), "restricted": N_("restriction"),
    "outcome": N_("outcome"), "closed_on": N_("closing date"), "opened_on": N_("opening date"),
    "done_at": N_("completion"), "parties": N_("parties"), "attachments": N_("attachments"),
    "description": N_("description"), "file_name": N_("file name"),
    "urgent_action_text": N_("urgent action taken"),
    "organisation_id": N_("organisation"), "referred_on": N_("referral date"),
    "reason": N_("reason"), "request": N_("what is asked"), "legal_basis": N_("legal basis"),
    "enclosures": N_("enclosures"), "method": N_("how referred"),
    "responsible_id": N_("responsible"), "due_on": N_("answer due date"),
    "sent_on": N_("sending date"), "response_on": N_("answer date"),
    "response_summary": N_("their answer"), "consent_on": N_("consent date"),
    "consent_method": N_("how consent was given"), "consent_scope": N_("what may be shared"),
    "letter_ready": N_("ready to print"), "cancelled_at": N_("cancellation"),
    "cancel_reason": N_("reason for cancelling"),
}  # fmt: skip
# Bookkeeping columns nobody needs to read about.
QUIET_FIELDS = {
    "id", "sort_key", "created_at", "created_by", "number", "office_id", "year", "seq",
    "case_id", "done_by", "person_id", "added_at", "added_by", "sha256", "size", "media_type",
    "urgent_action_at", "urgent_action_by", "status_on", "cancelled_by", "pdf", "recipient",
    "language", "issued_on", "referral_id", "organisation",
}  # fmt: skip
# Records that belong to a case and appear in its history, and how their events read.
CASE_PARTS = {
    "case_party": N_("party {action}"),
    "case_entry": N_("timeline entry {action}"),
    "case_task": N_("task {action}"),
    "attachment": N_("attachment {action}"),
    "intake": N_("intake {action}"),
    "referral": N_("referral {action}"),
    "outgoing_letter": N_("letter {action}"),
}


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    who: str
    what: str  # e.g. "changed: summary, status"


def record_history(ws: Workspace, entity: str, record_id: int) -> list[HistoryEntry]:
    """Oldest first. A case's history includes its parties, timeline entries and tasks
    (added, removed, done), by field name only."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        if entity == "case":
            if (
                session.scalar(select(Case.id).where(Case.id == record_id, case_visible(ws.actor)))
                is None
            ):
                raise not_found_or_restricted()
            condition = (AuditEvent.entity == "case") & (AuditEvent.entity_id == str(record_id))
            for entity_name, part in (
                ("case_party", CaseParty),
                ("case_entry", CaseEntry),
                ("case_task", CaseTask),
                ("attachment", Attachment),
                ("intake", Intake),
                ("referral", Referral),
                ("outgoing_letter", OutgoingLetter),
            ):
                condition |= _events_of_parts(session, entity_name, part, part.case_id, record_id)
        elif entity == "person":
            if (
                session.scalar(
                    select(Person.id).where(Person.id == record_id, person_visible(ws.actor))
                )
                is None
            ):
                raise person_not_found()
            condition = (AuditEvent.entity == "person") & (AuditEvent.entity_id == str(record_id))
            condition |= _events_of_parts(
                session, "attachment", Attachment, Attachment.person_id, record_id
            )
        else:
            raise ValueError("history is kept for people and cases")
        events = session.scalars(select(AuditEvent).where(condition).order_by(AuditEvent.seq))
        names = dict(
            (row[0], row[1]) for row in session.execute(select(Account.id, Account.display_name))
        )
        return [_entry(event, names) for event in events]


def _events_of_parts(
    session: Session, entity_name: str, part: Any, owner_column: Any, owner_id: int
) -> ColumnElement[bool]:
    """The audit events of the records that belong to a case or person today."""
    ids = [str(i) for i in session.scalars(select(part.id).where(owner_column == owner_id))]
    if not ids:
        return false()
    return (AuditEvent.entity == entity_name) & AuditEvent.entity_id.in_(ids)


def _entry(event: AuditEvent, names: dict[int, str]) -> HistoryEntry:
    at = dt.datetime.strptime(event.at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    who = names.get(event.actor_id or -1, _("the system"))
    action = _(ACTION_LABELS.get(event.action, event.action))
    if event.entity in CASE_PARTS:
        action = _(CASE_PARTS[event.entity]).format(action=action)
    fields = [
        f for f in json.loads(event.detail or "{}").get("fields", []) if f not in QUIET_FIELDS
    ]
    if fields and event.action == "update":
        action += ": " + ", ".join(_(FIELD_LABELS.get(f, f)) for f in fields)
    return HistoryEntry(at, who, action)
