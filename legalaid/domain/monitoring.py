"""Fair-trial monitoring (migrations 0013, 0014): checklist template versions, trial observations
with their defendants, answers, clock stamps, review comments and experts' assessments.

Monitoring is kept apart from client files: an observation names no client (defendants are
pseudonyms), belongs to the monitor who made it, and points to a client's case only when a
lawyer or a coordinator links it (`case_id`).

- `ChecklistTemplate`: one version of a checklist (legalaid/domain/checklists.py parses its
  `body`, the template's JSON). A version used by an observation is `frozen`: it is never
  changed again, so statistics compare like with like; a coordinator's change makes the next
  version (`based_on_id`).
- `Observation`: one hearing watched — who, where, the case's number, kind and stage, times,
  adjournment, who was present, the guards, the outcome and notes — and its
  way from draft to approval (ObservationStatus). Only approved observations are counted in
  findings. What the checklist asks (the venue, the dock, handcuffs, recording, the public,
  the media, the interpreter) is answered there, not twice.
- `ObservedDefendant`: per defendant, a pseudonym (names only where the office allows them),
  sex, age band, custody, language, counsel.
- `ObservationAnswer`: one row per stored value, so that SQL counts answers per item and
  value directly (GROUP BY); a multiple choice is several rows, a count or duration carries
  its `number` for averages, `concern` says whether the template calls that value a concern.
- `AnswerComment`: the monitor's comment on an item, where there is one.
- `ClockStamp`: "hearing started", "break", "resumed", "ended", stamped with a button.
- `ObservationComment`: a coordinator's review comment (or the monitor's reply).
- `ExpertAssessment`: a lawyer's legal analysis and grade (A–F), separate from what the
  monitor saw.

Audited like the rest (field names only, never the text); answers are audited through their
observation (one event per save, not one per item).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from legalaid.domain.base import Audited, Base, utc_now


class ChecklistTemplate(Audited, Base):
    __tablename__ = "checklist_template"
    __audit_entity__ = "checklist_template"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    title_ky: Mapped[str] = mapped_column(String(300))
    title_ru: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)  # the template's JSON
    shipped: Mapped[bool] = mapped_column(Boolean, default=False)  # from resources/checklists
    frozen: Mapped[bool] = mapped_column(Boolean, default=False)  # used: never changed again
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # offered for new observations
    based_on_id: Mapped[int | None] = mapped_column(
        ForeignKey("checklist_template.id"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class MonitoringCounter(Base):
    """The last observation number given in a year (numbers are never given twice)."""

    __tablename__ = "monitoring_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class Observation(Audited, Base):
    __tablename__ = "observation"
    __audit_entity__ = "observation"
    # Findings filter by court and period; a monitor's list reads their own.
    __table_args__ = (
        Index("ix_observation_court_started", "court_id", "started_at"),
        Index("ix_observation_monitor_status", "monitor_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)  # MON-2026-0001
    template_id: Mapped[int] = mapped_column(ForeignKey("checklist_template.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)  # an ObservationStatus code
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    monitor_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    second_monitor_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    # Where.
    court_id: Mapped[int | None] = mapped_column(ForeignKey("court.id"), nullable=True)
    courtroom: Mapped[str] = mapped_column(String(100), default="")
    # The case heard (public facts of the court, no client data).
    court_number: Mapped[str] = mapped_column(String(64), default="")
    case_kind: Mapped[str | None] = mapped_column(String(16), nullable=True)  # ProceedingKind
    charges: Mapped[str] = mapped_column(Text, default="")  # "CC 350(1)", one per line
    stage: Mapped[str | None] = mapped_column(String(24), nullable=True)  # a TrialStage code
    stage_detail: Mapped[str] = mapped_column(String(200), default="")
    hearing_kind: Mapped[str | None] = mapped_column(String(24), nullable=True)  # HearingKind
    judges: Mapped[str] = mapped_column(String(300), default="")
    panel: Mapped[bool] = mapped_column(Boolean, default=False)
    # When (UTC; delay and duration are computed from these).
    scheduled_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    adjourned: Mapped[str | None] = mapped_column(String(16), nullable=True)  # a yn4 code
    adjourned_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    next_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # Who was there.
    prosecutor_present: Mapped[str | None] = mapped_column(String(16), nullable=True)  # yn4
    victim_present: Mapped[str | None] = mapped_column(String(16), nullable=True)  # yn4
    witnesses: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Guards in the room (the dock, handcuffs, recording: checklist items C1, C2, A11).
    guards: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # What came of it, and the monitor's running notes.
    outcome: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # A summary of the answers, kept on every save (migration 0014): findings count sections
    # and concerns from one row per hearing. Section letters in order, e.g. "ABCK".
    answered_sections: Mapped[str] = mapped_column(String(32), default="", server_default="")
    concern_sections: Mapped[str] = mapped_column(String(32), default="", server_default="")
    concern_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_case.id", ondelete="SET NULL"), nullable=True, index=True
    )
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    approved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class ObservedDefendant(Audited, Base):
    __tablename__ = "observed_defendant"
    __audit_entity__ = "observed_defendant"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=1)  # D1, D2... in the order given
    pseudonym: Mapped[str] = mapped_column(String(64))
    sex: Mapped[str | None] = mapped_column(String(16), nullable=True)  # a Gender code
    age_band: Mapped[str | None] = mapped_column(String(16), nullable=True)  # an AgeBand code
    juvenile: Mapped[bool] = mapped_column(Boolean, default=False)
    custody: Mapped[str | None] = mapped_column(String(16), nullable=True)  # CustodyStatus
    detention_place: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)  # a Language code
    disability: Mapped[bool] = mapped_column(Boolean, default=False)
    plea: Mapped[str | None] = mapped_column(String(16), nullable=True)  # a Plea code
    counsel: Mapped[str | None] = mapped_column(String(24), nullable=True)  # a CounselType


class ObservationAnswer(Base):
    __tablename__ = "observation_answer"
    # Findings count per item and value within a filter: the index covers the query.
    __table_args__ = (
        Index("ix_observation_answer_counts", "item_code", "value", "observation_id", "concern"),
    )

    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), primary_key=True
    )
    item_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(Text, primary_key=True)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)  # count, duration
    concern: Mapped[bool] = mapped_column(Boolean, default=False)


class AnswerComment(Base):
    __tablename__ = "answer_comment"

    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), primary_key=True
    )
    item_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    comment: Mapped[str] = mapped_column(Text)


class ClockStamp(Base):
    __tablename__ = "clock_stamp"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # started / break / resumed / ended
    at: Mapped[dt.datetime] = mapped_column(DateTime)  # UTC


class ObservationComment(Audited, Base):
    __tablename__ = "observation_comment"
    __audit_entity__ = "observation_comment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(16))  # comment / returned / approved / reply
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class ExpertAssessment(Audited, Base):
    __tablename__ = "expert_assessment"
    __audit_entity__ = "expert_assessment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observation.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    grade: Mapped[str] = mapped_column(String(1))  # A, B, C, D or F
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
