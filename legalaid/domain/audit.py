"""The audit trail: who did what to which record, never the content.

Rows are append-only (triggers refuse UPDATE and DELETE) and chained by
HMAC-SHA256 (legalaid/storage/audit.py computes and verifies the chain).
"""

from __future__ import annotations

from sqlalchemy import Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from legalaid.domain.base import Base
from legalaid.i18n import N_

ACTION_LABELS = {
    "create": N_("created"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "sign_in": N_("signed in"),
    "sign_in_failures": N_("failed sign-ins reported"),
    "lock": N_("locked"),
    "unlock": N_("unlocked"),
    "backup": N_("backup made"),
    "export": N_("exported"),
    "print": N_("printed"),
    "file": N_("filed with a court proceeding's documents"),
    "unfile": N_("taken out of a court proceeding's documents"),
    "view": N_("viewed"),
    "passphrase_change": N_("passphrase changed"),
    "passphrase_reset": N_("passphrase reset"),
    "recovery_key_created": N_("recovery key created"),
    "recovery_used": N_("recovery key used"),
    "key_rotation": N_("data key rotated"),
    "vault_created": N_("vault created"),
    "vault_upgraded": N_("vault upgraded"),
    "restore": N_("restored from a backup"),
    "search_index_rebuilt": N_("search index rebuilt"),
    "settings_change": N_("office settings changed"),
    "audit_head_mismatch": N_("audit trail found cut or replaced"),
}


class AuditEvent(Base):
    __tablename__ = "audit_event"
    # A record's events, oldest first, for its history (migration 0007).
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(20))  # UTC, ISO 8601, seconds
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON: field names and counts only
    mac: Mapped[bytes] = mapped_column(LargeBinary(32))
