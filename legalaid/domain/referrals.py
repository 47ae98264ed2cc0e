"""Referrals, the directory of organisations they go to, and the outgoing letter register
(migration 0010).

- `Organisation`: a body cases are referred to (state legal aid centre, Ombudsperson,
  prosecutor, crisis centre, partner NGO...), named in ky/ru/en. Shipped entries carry the
  `key` of resources/reference/organisations.json; `edited_locally` stops an update of that
  file from overwriting what a coordinator changed.
- `Referral`: a case sent to an organisation: what is asked, how, by whom, by when an answer
  is due, its status (ReferralStatus, with the allowed moves in `legalaid.domain.referral_rules`)
  and the client's consent to share their data with that organisation (date, scope).
- `ReferralNote`: follow-up notes (a call to chase the answer...), newest last.
- `OutgoingLetter`: the register. A number is unique per office and year (OSH-2026/0123) and
  never reused: a cancelled letter keeps its row and its number, with who cancelled it and
  why. The letter as issued is kept (its PDF bytes, inside the encrypted vault) so that a
  reprint is what was sent. The register outlives an erased case (links set to NULL).
- `LetterTemplate`: a coordinator's wording of a letter in one language; without one the
  shipped wording (resources/letters) is used.

Every change is audited (field names only, never the text). Codes as in
`legalaid.domain.enums`; lists of codes are comma-separated.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from legalaid.domain.base import Audited, Base, utc_now

NAME_MAX = 300
TEXT_MAX = 20_000


class Organisation(Audited, Base):
    __tablename__ = "organisation"
    __audit_entity__ = "organisation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str | None] = mapped_column(String(80), unique=True, nullable=True)
    kind: Mapped[str] = mapped_column(String(24), index=True)  # an OrganisationType code
    name_ky: Mapped[str] = mapped_column(String(NAME_MAX))
    name_ru: Mapped[str] = mapped_column(String(NAME_MAX))
    name_en: Mapped[str] = mapped_column(String(NAME_MAX))
    address_ky: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    address_ru: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    address_en: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    head_name: Mapped[str] = mapped_column(String(200), default="")
    head_title_ky: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    head_title_ru: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    head_title_en: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    regions: Mapped[str] = mapped_column(String(200), default="")  # Region codes
    categories: Mapped[str] = mapped_column(String(400), default="")  # "" = every category
    letter_language: Mapped[str] = mapped_column(String(2), default="ru")
    response_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(String(400), default="")
    verify: Mapped[bool] = mapped_column(Boolean, default=False)
    edited_locally: Mapped[bool] = mapped_column(Boolean, default=False)
    data_version: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)

    def name_in(self, language: str) -> str:
        return {"ky": self.name_ky, "ru": self.name_ru}.get(language, self.name_en)


class Referral(Audited, Base):
    __tablename__ = "referral"
    __audit_entity__ = "referral"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    referred_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    request: Mapped[str] = mapped_column(Text, default="")  # what is asked of them
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    enclosures: Mapped[str] = mapped_column(Text, default="")  # one per line
    method: Mapped[str] = mapped_column(String(16))  # a ReferralMethod code
    responsible_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(24), index=True)  # a ReferralStatus code
    status_on: Mapped[dt.date] = mapped_column(Date)  # when the status was reached
    sent_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    response_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    response_summary: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    consent_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    consent_method: Mapped[str | None] = mapped_column(String(24), nullable=True)
    consent_scope: Mapped[str] = mapped_column(String(200), default="")  # ShareScope codes
    letter_ready: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class ReferralNote(Audited, Base):
    __tablename__ = "referral_note"
    __audit_entity__ = "referral_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class OutgoingLetter(Audited, Base):
    __tablename__ = "outgoing_letter"
    __audit_entity__ = "outgoing_letter"
    __table_args__ = (UniqueConstraint("office_id", "year", "seq", name="uq_outgoing_letter_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    issued_on: Mapped[dt.date] = mapped_column(Date)
    referral_id: Mapped[int | None] = mapped_column(
        ForeignKey("referral.id", ondelete="SET NULL"), nullable=True, index=True
    )
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_case.id", ondelete="SET NULL"), nullable=True, index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), nullable=True
    )
    recipient: Mapped[str] = mapped_column(String(NAME_MAX))  # as written on the letter
    language: Mapped[str] = mapped_column(String(2))
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    cancelled_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)


class LetterTemplate(Audited, Base):
    __tablename__ = "letter_template"
    __audit_entity__ = "letter_template"
    __table_args__ = (UniqueConstraint("kind", "language", name="uq_letter_template_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # "referral_letter"
    language: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
