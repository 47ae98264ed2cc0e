"""Facts about the vault itself, kept inside the encrypted database."""

from __future__ import annotations

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from legalaid.domain.base import Base


class VaultMeta(Base):
    """Key/value pairs: vault id, audit chain secret, demo flag. Not audited (not a record)."""

    __tablename__ = "vault_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)
