"""Printing a record is audited like viewing it: paper leaves the office as easily as a
file does (SECURITY.md 20)."""

from __future__ import annotations

from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

PRINTABLE = frozenset({"case", "person", "intake"})


def record_printed(ws: Workspace, entity: str, record_id: int) -> None:
    """Write the "print" audit event for a record the actor has open."""
    if entity not in PRINTABLE:
        raise ValueError(f"{entity!r} records are not printed")
    ws.require(Permission.VIEW_RECORDS)
    with ws.session() as session:
        ws.vault.record(session, "print", entity, record_id)
        session.commit()
