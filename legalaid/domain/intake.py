"""Intake interviews and what they leave behind (migration 0008).

- `Intake`: the submitted interview, one per case it opened: how the client may be
  contacted safely, the complaint in their words, when and where, who is responsible,
  what they want, the paralegal's assessment (urgency, eligibility for state-guaranteed
  legal aid with the rules' version and the documents to bring, the recommended action)
  and what was done about a possible conflict of interest.
- `Consent`: one row per consent given (to record data, to share with named kinds of
  organisations, to be contacted), with the date and how it was given.
- `AnonymousRecord`: all that is kept when a person does not consent to their data being
  recorded: category, district, gender, age group, date and office. No name, no free text.
- `AdviceConsultation`: an advice-only visit (topic, advice given, duration), no case.

All four are records: every change is audited (field names only, never the text).
Codes are stored as in `legalaid.domain.enums`; lists of codes are comma-separated.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from legalaid.domain.base import Audited, Base, utc_now

NARRATIVE_MAX = 100_000  # characters: a long statement pasted from elsewhere fits
TEXT_MAX = 20_000  # the other free texts of the form


class Intake(Audited, Base):
    __tablename__ = "intake"
    __audit_entity__ = "intake"
    # Statistics count intakes by day: the index covers it (no narrative page is read).
    __table_args__ = (Index("ix_intake_taken_on", "taken_on", "case_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), unique=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    taken_on: Mapped[dt.date] = mapped_column(Date)
    # Contact and safe contact.
    contact_phone: Mapped[str | None] = mapped_column(String(32), nullable=True)
    may_call: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    may_leave_messages: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    do_not_tell: Mapped[str | None] = mapped_column(Text, nullable=True)
    safe_contact_notes: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The complaint.
    narrative: Mapped[str] = mapped_column(Text)
    incident_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    incident_period: Mapped[str | None] = mapped_column(String(100), nullable=True)
    incident_region: Mapped[str | None] = mapped_column(String(32), nullable=True)
    incident_district: Mapped[str | None] = mapped_column(String(64), nullable=True)
    incident_settlement: Mapped[str | None] = mapped_column(String(100), nullable=True)
    responsible: Mapped[str | None] = mapped_column(Text, nullable=True)
    institutions_approached: Mapped[str | None] = mapped_column(Text, nullable=True)
    documents_held: Mapped[str | None] = mapped_column(Text, nullable=True)
    wants: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Assessment: urgency.
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    urgent_rules: Mapped[str] = mapped_column(String(200), default="")  # rule codes
    urgency_answers: Mapped[str] = mapped_column(String(200), default="")  # answer codes
    deadline_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    urgent_task_id: Mapped[int | None] = mapped_column(
        ForeignKey("case_task.id", ondelete="SET NULL"), nullable=True
    )
    urgent_action_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    urgent_action_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    urgent_action_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Assessment: eligibility for state-guaranteed legal aid.
    eligibility: Mapped[str] = mapped_column(String(16))  # an EligibilityOutcome code
    eligibility_categories: Mapped[str] = mapped_column(String(300), default="")
    eligibility_income: Mapped[int | None] = mapped_column(Integer, nullable=True)
    eligibility_documents: Mapped[str] = mapped_column(String(500), default="")
    eligibility_rules_version: Mapped[str] = mapped_column(String(32))
    eligibility_rules_date: Mapped[str] = mapped_column(String(10))
    eligibility_to_verify: Mapped[bool] = mapped_column(Boolean, default=False)
    recommended_action: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # Conflict of interest.
    conflict_matches: Mapped[int] = mapped_column(Integer, default=0)
    conflict_decision: Mapped[str | None] = mapped_column(String(16), nullable=True)
    conflict_decided_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    conflict_lawyer_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class Consent(Audited, Base):
    """One consent the person gave at an intake."""

    __tablename__ = "consent"
    __audit_entity__ = "consent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intake.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # a ConsentKind code
    organisation_kinds: Mapped[str] = mapped_column(String(300), default="")  # for "share"
    method: Mapped[str] = mapped_column(String(16))  # a ConsentMethod code
    witness_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    given_on: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class AnonymousRecord(Audited, Base):
    """A complaint counted for statistics when the person refused to have data recorded."""

    __tablename__ = "anonymous_record"
    __audit_entity__ = "anonymous_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recorded_on: Mapped[dt.date] = mapped_column(Date, index=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    category: Mapped[str] = mapped_column(String(16))
    region: Mapped[str | None] = mapped_column(String(32), nullable=True)
    district: Mapped[str | None] = mapped_column(String(64), nullable=True)
    gender: Mapped[str] = mapped_column(String(16))  # a Gender code
    age_group: Mapped[str] = mapped_column(String(16))  # an AgeGroup code
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class AdviceConsultation(Audited, Base):
    """An advice-only visit: counted in statistics, no case opened."""

    __tablename__ = "advice_consultation"
    __audit_entity__ = "advice"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    given_on: Mapped[dt.date] = mapped_column(Date, index=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    topic: Mapped[str] = mapped_column(String(16))  # a taxonomy category
    subtopic: Mapped[str | None] = mapped_column(String(48), nullable=True)
    advice: Mapped[str] = mapped_column(Text)
    duration_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), nullable=True, index=True
    )
    gender: Mapped[str | None] = mapped_column(String(16), nullable=True)
    age_group: Mapped[str | None] = mapped_column(String(16), nullable=True)
    district: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
