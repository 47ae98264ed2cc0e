"""A form's unsaved input, kept per account so that a crash, a lock or another person
signing in at the same PC loses nothing typed. Not audited: drafts are written every few
seconds and are nobody's record until saved (the saving is audited)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from legalaid.domain.base import Base, utc_now

NEW_RECORD = 0  # record_id of a draft for a record not saved yet


class FormDraft(Base):
    __tablename__ = "form_draft"
    __table_args__ = (
        UniqueConstraint("account_id", "form", "record_id", name="uq_form_draft_account_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    form: Mapped[str] = mapped_column(String(16))  # "person" or "case"
    record_id: Mapped[int] = mapped_column(Integer)  # NEW_RECORD for a new one
    state: Mapped[str] = mapped_column(Text)  # JSON of the form's fields
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
