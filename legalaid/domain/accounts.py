"""Staff accounts and the offices they work in."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legalaid.domain.base import Audited, Base, utc_now


class Office(Audited, Base):
    __tablename__ = "office"
    __audit_entity__ = "office"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name_ky: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(32))  # a Region code
    # the letterhead and the signature of the office's letters (migration 0010)
    address_ky: Mapped[str] = mapped_column(String(300), default="", server_default="")
    address_ru: Mapped[str] = mapped_column(String(300), default="", server_default="")
    address_en: Mapped[str] = mapped_column(String(300), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    email: Mapped[str] = mapped_column(String(200), default="", server_default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # PNG or JPEG
    signatory_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    signatory_title_ky: Mapped[str] = mapped_column(String(300), default="", server_default="")
    signatory_title_ru: Mapped[str] = mapped_column(String(300), default="", server_default="")
    signatory_title_en: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)

    accounts: Mapped[list[Account]] = relationship(back_populates="office")

    def name_in(self, language: str) -> str:
        return {"ky": self.name_ky, "ru": self.name_ru}.get(language, self.name_en)


class Account(Audited, Base):
    """A member of staff. The passphrase lives only in the key file's slot, never here."""

    __tablename__ = "account"
    __audit_entity__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # a Role code
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(2), default="ru")
    office_id: Mapped[int] = mapped_column(ForeignKey("office.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)

    office: Mapped[Office] = relationship(back_populates="accounts")
