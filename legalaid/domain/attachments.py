"""Attachments: scans, photos, PDFs and office documents kept inside the vault.

An attachment belongs to exactly one case or one person (a CHECK constraint holds it). The
bytes live in their own table, one row per attachment, so listing a record's attachments
never reads (and decrypts) the files themselves.

Both rows go with their owner: the database removes them when the case or the person is
erased (ON DELETE CASCADE; foreign keys are on for every connection, see storage/engine.py),
and the content goes with its attachment the same way. There is no ORM collection on Case or
Person, so erasing a record does not load its files first. Only `Attachment` is audited: one
event per attachment, field names only (never the name of the file, never its bytes).
Times are stored in UTC without a zone, as `created_at` everywhere.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legalaid.domain.base import Audited, Base, utc_now

FILE_NAME_MAX = 200
MEDIA_TYPE_MAX = 100
DESCRIPTION_MAX = 1000
# One owner, never both, never none (the name becomes ck_attachment_one_owner).
ONE_OWNER = "(case_id IS NULL) <> (person_id IS NULL)"


class Attachment(Audited, Base):
    __tablename__ = "attachment"
    __audit_entity__ = "attachment"
    # AUTOINCREMENT: an id is never given again, so audit events keep naming one file.
    __table_args__ = (
        CheckConstraint(ONE_OWNER, name="one_owner"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("legal_case.id", ondelete="CASCADE"), nullable=True, index=True
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), nullable=True, index=True
    )
    file_name: Mapped[str] = mapped_column(String(FILE_NAME_MAX))
    media_type: Mapped[str] = mapped_column(String(MEDIA_TYPE_MAX))  # sniffed from the bytes
    size: Mapped[int] = mapped_column(Integer)  # bytes
    sha256: Mapped[str] = mapped_column(String(64))  # hex
    description: Mapped[str | None] = mapped_column(Text, nullable=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)  # UTC
    added_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)

    # Never loaded by accident (lazy="raise"); deleting an attachment leaves the content row
    # to the database's cascade (passive_deletes) instead of reading megabytes to delete them.
    content: Mapped[AttachmentContent] = relationship(
        back_populates="attachment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        single_parent=True,
        uselist=False,
        lazy="raise",
    )


class AttachmentContent(Base):
    """The file itself (encrypted with the rest of the vault)."""

    __tablename__ = "attachment_content"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachment.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)

    attachment: Mapped[Attachment] = relationship(back_populates="content", lazy="raise")
