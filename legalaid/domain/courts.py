"""Court representation (migrations 0011, 0012): the courts, the proceedings of a case in them,
hearings, procedural deadlines and a detained client's custody.

- `Court`: reference data (resources/reference/courts.json) loaded like the directory of
  organisations: matched by `code`, a coordinator's edit is kept. Its names change over time
  (Jalal-Abad city court became Manas city court in 2025): `CourtName` keeps each name with
  the dates it was valid, so an old proceeding shows the name the court had then.
- `Proceeding`: one case may have several (a criminal case and the civil claim; each
  instance: first instance, appeal, cassation). Moving to the next instance makes a new
  proceeding that points to the one before (`previous_id`), so the history stays whole.
- `Hearing`: when and where, who attended, the result (held, adjourned and why, decision
  announced), the next date (a new hearing), the time our lawyer spent.
- `Deadline`: computed from an event by a rule of resources/reference/deadline_rules.json
  (`rule_code`), or typed by hand; owned by a lawyer; open until done, missed or not
  applicable, with who closed it.
- `Custody`: for a detained client, the moment of actual detention, the court's custody
  decision, the term (and its extensions: a new `custody_until` keeps the earlier one in
  the audit trail) and the place.
- `ProceedingDocument`: which of the case's attachments belong to a proceeding (0012).

Every change is audited by the Audited mixin (field names, never the text).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from legalaid.domain.base import Audited, Base, utc_now

TEXT_MAX = 20_000


class Court(Audited, Base):
    __tablename__ = "court"
    __audit_entity__ = "court"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(24))  # a CourtKind code
    region: Mapped[str | None] = mapped_column(String(32), nullable=True)
    district: Mapped[str | None] = mapped_column(String(64), nullable=True)
    aliases: Mapped[str] = mapped_column(Text, default="")  # one per line
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(String(400), default="")
    verify: Mapped[bool] = mapped_column(Boolean, default=False)
    edited_locally: Mapped[bool] = mapped_column(Boolean, default=False)
    data_version: Mapped[str | None] = mapped_column(String(32), nullable=True)


class CourtName(Audited, Base):
    __tablename__ = "court_name"
    __audit_entity__ = "court_name"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    court_id: Mapped[int] = mapped_column(ForeignKey("court.id", ondelete="CASCADE"), index=True)
    name_ky: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    valid_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class Proceeding(Audited, Base):
    __tablename__ = "proceeding"
    __audit_entity__ = "proceeding"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), index=True
    )
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("proceeding.id", ondelete="SET NULL"), nullable=True
    )
    court_id: Mapped[int] = mapped_column(ForeignKey("court.id"), index=True)
    court_number: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(16))  # a ProceedingKind code
    client_role: Mapped[str] = mapped_column(String(24))  # a ProceduralRole code
    charges: Mapped[str] = mapped_column(Text, default="")  # "CC 122(2)" one per line
    judges: Mapped[str] = mapped_column(String(300), default="")
    instance: Mapped[str] = mapped_column(String(24))  # an Instance code
    stage: Mapped[str] = mapped_column(String(200), default="")
    representation: Mapped[str] = mapped_column(String(16))  # a Representation code
    lawyer_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id"), nullable=True, index=True
    )
    opposing_counsel: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16))  # a ProceedingStatus code
    outcome: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class Hearing(Audited, Base):
    __tablename__ = "hearing"
    __audit_entity__ = "hearing"
    # A lawyer's calendar: their hearings in a period, read by one index range.
    __table_args__ = (Index("ix_hearing_lawyer_starts", "lawyer_id", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proceeding_id: Mapped[int] = mapped_column(
        ForeignKey("proceeding.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)  # UTC
    minutes: Mapped[int] = mapped_column(Integer, default=60)  # expected length
    courtroom: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(24))  # a HearingKind code
    lawyer_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    result: Mapped[str | None] = mapped_column(String(24), nullable=True)  # HearingResult
    adjourned_reason: Mapped[str] = mapped_column(Text, default="")
    attended: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    time_spent_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    next_hearing_id: Mapped[int | None] = mapped_column(
        ForeignKey("hearing.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class Deadline(Audited, Base):
    __tablename__ = "deadline"
    __audit_entity__ = "deadline"
    __table_args__ = (Index("ix_deadline_responsible_due", "responsible_id", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), index=True
    )
    proceeding_id: Mapped[int | None] = mapped_column(
        ForeignKey("proceeding.id", ondelete="CASCADE"), nullable=True, index=True
    )
    rule_code: Mapped[str | None] = mapped_column(String(64), nullable=True)  # None: manual
    rules_version: Mapped[str | None] = mapped_column(String(32), nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    event_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)  # UTC
    due_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)  # UTC: the last moment
    responsible_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    state: Mapped[str] = mapped_column(String(16), index=True)  # a DeadlineState code
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class Custody(Audited, Base):
    __tablename__ = "custody"
    __audit_entity__ = "custody"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), index=True
    )
    proceeding_id: Mapped[int | None] = mapped_column(
        ForeignKey("proceeding.id", ondelete="SET NULL"), nullable=True
    )
    detained_at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC: actual detention
    decision_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)  # UTC
    custody_until: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    released_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class ProceedingDocument(Base):
    """A case's attachment filed under one of its proceedings (a filing, a decision, a
    summons). A link table, so that the attachment table is never rebuilt (SQLite rebuilds
    a table to add a foreign key, and dropping the old one would cascade to the files): the
    document goes with its attachment or, when the proceeding goes, stays on the case.
    Filing is audited by the attachments service (ids only)."""

    __tablename__ = "proceeding_document"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachment.id", ondelete="CASCADE"), primary_key=True
    )
    proceeding_id: Mapped[int] = mapped_column(
        ForeignKey("proceeding.id", ondelete="CASCADE"), index=True
    )
