"""Imports of registers: one batch per file imported (its SHA-256, what it made), and the
records each batch created, so that a coordinator can undo a batch while nothing it made
has been touched since."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from legalaid.domain.base import Audited, Base, utc_now


class ImportBatch(Audited, Base):
    __tablename__ = "import_batch"
    __audit_entity__ = "import_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    cases_created: Mapped[int] = mapped_column(Integer, default=0)
    people_created: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class ImportedRecord(Base):
    """A record a batch created ("person" or "case" and its id), or updated: then `before`
    holds, as JSON, the values it replaced, for an undo."""

    __tablename__ = "imported_record"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batch.id", ondelete="CASCADE"), primary_key=True
    )
    entity: Mapped[str] = mapped_column(String(16), primary_key=True)
    entity_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    before: Mapped[str | None] = mapped_column(Text, nullable=True)


class ImportMapping(Audited, Base):
    """A column and value mapping saved by name, for the next register of the same shape
    (JSON: {"columns": {header: field}, "values": {field: {value: code}}})."""

    __tablename__ = "import_mapping"
    __audit_entity__ = "import_mapping"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
