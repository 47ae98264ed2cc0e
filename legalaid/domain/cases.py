"""Cases: numbered per office and year, a status that moves along allowed paths, parties."""

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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legalaid.domain.base import Audited, Base, utc_now
from legalaid.domain.enums import CaseStatus
from legalaid.domain.people import Person

# Where a case may go from each status (closing needs an outcome; reopening clears it).
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.INTAKE: frozenset({CaseStatus.OPEN, CaseStatus.REFERRED, CaseStatus.CLOSED}),
    CaseStatus.OPEN: frozenset({CaseStatus.REFERRED, CaseStatus.IN_COURT, CaseStatus.CLOSED}),
    CaseStatus.REFERRED: frozenset({CaseStatus.OPEN, CaseStatus.IN_COURT, CaseStatus.CLOSED}),
    CaseStatus.IN_COURT: frozenset({CaseStatus.REFERRED, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.REOPENED}),
    CaseStatus.REOPENED: frozenset({CaseStatus.REFERRED, CaseStatus.IN_COURT, CaseStatus.CLOSED}),
}
ACTIVE_STATUSES = frozenset(TRANSITIONS) - {CaseStatus.CLOSED}


def case_number(office_code: str, year: int, seq: int) -> str:
    return f"{office_code}-{year}-{seq:05d}"


class Case(Audited, Base):
    __tablename__ = "legal_case"
    __audit_entity__ = "case"
    __table_args__ = (UniqueConstraint("office_id", "year", "seq", name="uq_legal_case_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    opened_on: Mapped[dt.date] = mapped_column(Date, index=True)
    category: Mapped[str] = mapped_column(String(16), index=True)
    subcategory: Mapped[str | None] = mapped_column(String(48), nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), index=True)  # a CaseStatus code
    assigned_lawyer_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id"), nullable=True, index=True
    )
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    outcome: Mapped[str | None] = mapped_column(String(32), nullable=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    # its number in the register it was imported from: a re-import updates, never duplicates
    external_ref: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)

    parties: Mapped[list[CaseParty]] = relationship(
        back_populates="case", cascade="all, delete-orphan", lazy="selectin"
    )


class CaseParty(Audited, Base):
    __tablename__ = "case_party"
    __audit_entity__ = "case_party"
    __table_args__ = (
        UniqueConstraint("case_id", "person_id", "role", name="uq_case_party"),
        # Statistics: was this person a client of an earlier case (new or returning)?
        Index("ix_case_party_person_role", "person_id", "role", "case_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(24))  # a PartyRole code

    case: Mapped[Case] = relationship(back_populates="parties")
    person: Mapped[Person] = relationship(lazy="joined")


class CaseCounter(Base):
    """The last number given per office and year (numbers never repeat, even after deletes)."""

    __tablename__ = "case_counter"

    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
