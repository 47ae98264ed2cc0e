"""Unsaved form input kept in the vault, per person: written every few seconds while a
form has changes, and at a lock, so that a crash, a power cut or another person signing
in at the same PC loses nothing typed. Only the person who typed it sees it again.

A draft is JSON of the form's fields (the form decides what they are). It is encrypted
with the vault; it is never written anywhere else.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from legalaid.domain.base import utc_now
from legalaid.domain.drafts import NEW_RECORD, FormDraft
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services.workspace import Workspace

TIMELINE_DRAFT = "timeline"  # a note or task typed on a case's timeline (record: the case)
INTAKE_DRAFT = "intake"  # an intake interview in progress (record: a slot of its own)
REFERRAL_DRAFT = "referral"  # a referral being written or corrected (record: the case)
# A hearing's facts typed on the courtroom screen that could not be saved yet (an
# impossible date) when the screen locked or closed (record: the observation).
OBSERVATION_DRAFT = "observation"
FORMS = frozenset(
    {"person", "case", TIMELINE_DRAFT, INTAKE_DRAFT, REFERRAL_DRAFT, OBSERVATION_DRAFT}
)
MAX_STATE_CHARS = 1_000_000  # a form holds a few pages of text at most


@dataclass(frozen=True)
class DraftInfo:
    form: str
    slot: int  # the record's id, or a negative number naming one form for a new record
    state: dict[str, Any]
    saved_at: dt.datetime

    @property
    def record_id(self) -> int | None:
        """The saved record the draft changes; None for a record not saved yet."""
        return self.slot if self.slot > 0 else None


def new_record_slot() -> int:
    """A slot of its own for a form of a new record, so that two new-person forms (one
    left for another, or one at a crash and one after) never overwrite each other."""
    return -1 - secrets.randbelow(2**31 - 2)


def _key(form: str, record_id: int | None) -> tuple[str, int]:
    """`record_id`: a saved record's id, a slot from new_record_slot(), or None (the one
    shared slot of a new record, kept for callers that have no slot of their own)."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}")
    return form, NEW_RECORD if record_id is None else int(record_id)


def save_draft(ws: Workspace, form: str, record_id: int | None, state: dict[str, Any]) -> None:
    """Keep (or replace) the actor's draft of this form."""
    form, record = _key(form, record_id)
    text = json.dumps(state, ensure_ascii=False, sort_keys=True)
    if len(text) > MAX_STATE_CHARS:
        raise ValidationError(N_("The form holds too much text to keep as a draft."))
    with ws.session() as session:
        draft = session.scalar(
            select(FormDraft).where(
                FormDraft.account_id == ws.actor.id,
                FormDraft.form == form,
                FormDraft.record_id == record,
            )
        )
        if draft is None:
            draft = FormDraft(account_id=ws.actor.id, form=form, record_id=record)
            session.add(draft)
        draft.state, draft.saved_at = text, utc_now()
        session.commit()


def discard_draft(ws: Workspace, form: str, record_id: int | None) -> None:
    form, record = _key(form, record_id)
    with ws.session() as session:
        session.execute(
            delete(FormDraft).where(
                FormDraft.account_id == ws.actor.id,
                FormDraft.form == form,
                FormDraft.record_id == record,
            )
        )
        session.commit()


def my_drafts(ws: Workspace) -> list[DraftInfo]:
    """The actor's drafts, newest first."""
    with ws.reader() as session:
        rows = session.scalars(
            select(FormDraft)
            .where(FormDraft.account_id == ws.actor.id)
            .order_by(FormDraft.saved_at.desc(), FormDraft.id.desc())
        )
        return [
            DraftInfo(
                row.form, row.record_id, json.loads(row.state), row.saved_at.replace(tzinfo=dt.UTC)
            )
            for row in rows
        ]


def my_draft(ws: Workspace, form: str, record_id: int) -> DraftInfo | None:
    """The actor's draft of one form of one record, if there is one."""
    form, record = _key(form, record_id)
    return next((d for d in my_drafts(ws) if (d.form, d.slot) == (form, record)), None)
