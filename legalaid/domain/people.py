"""The people the network serves: clients, victims, other parties."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legalaid.domain.base import Audited, Base, utc_now
from legalaid.domain.names import sort_key


class Person(Audited, Base):
    __tablename__ = "person"
    __audit_entity__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    surname: Mapped[str] = mapped_column(String(100))
    given_name: Mapped[str] = mapped_column(String(100))
    patronymic: Mapped[str | None] = mapped_column(String(100), nullable=True)
    gender: Mapped[str] = mapped_column(String(16))  # a Gender code
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    birth_year_estimate: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pin: Mapped[str | None] = mapped_column(String(14), unique=True, nullable=True)
    phone: Mapped[str | None] = mapped_column(String(32), nullable=True)
    region: Mapped[str | None] = mapped_column(String(32), nullable=True)  # a Region code
    district: Mapped[str | None] = mapped_column(String(64), nullable=True)
    settlement: Mapped[str | None] = mapped_column(String(100), nullable=True)
    street: Mapped[str | None] = mapped_column(String(200), nullable=True)
    languages: Mapped[str] = mapped_column(String(64), default="")  # comma-separated codes
    notes: Mapped[str | None] = mapped_column(Text, nullable=True)
    sort_key: Mapped[str] = mapped_column(String(400), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)

    vulnerabilities: Mapped[list[PersonVulnerability]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin"
    )


class PersonVulnerability(Base):
    """One marker of one person (a row each, so statistics can count them)."""

    __tablename__ = "person_vulnerability"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(32), primary_key=True)  # a Vulnerability code

    person: Mapped[Person] = relationship(back_populates="vulnerabilities")


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _keep_sort_key(_mapper: Any, _connection: Any, person: Person) -> None:
    """The alphabet-order key follows the name, whoever changes it."""
    person.sort_key = sort_key(person.surname, person.given_name, person.patronymic)
