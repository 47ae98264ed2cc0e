"""The imports made in this vault, newest first, as the import screen lists them for an undo:
when, by whom, what each made and updated, and whether it was undone already."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, select

from legalaid.domain.accounts import Account
from legalaid.domain.imports import ImportBatch, ImportedRecord
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace


@dataclass(frozen=True)
class PastImport:
    batch_id: int
    made_at: dt.datetime  # UTC
    made_by: str  # the coordinator's display name
    cases_created: int
    cases_updated: int
    people_created: int
    undone: bool


def past_imports(ws: Workspace, limit: int = 50) -> list[PastImport]:
    ws.require(Permission.MANAGE_ACCOUNTS)
    updated = (
        select(
            ImportedRecord.batch_id,
            func.sum(case((ImportedRecord.before.is_not(None), 1), else_=0)).label("updated"),
        )
        .group_by(ImportedRecord.batch_id)
        .subquery()
    )
    query = (
        select(ImportBatch, Account.display_name, func.coalesce(updated.c.updated, 0))
        .outerjoin(Account, Account.id == ImportBatch.created_by)
        .outerjoin(updated, updated.c.batch_id == ImportBatch.id)
        .order_by(ImportBatch.id.desc())
        .limit(limit)
    )
    with ws.reader() as session:
        return [
            PastImport(
                batch.id,
                batch.created_at,
                name or "",
                batch.cases_created,
                int(changed),
                batch.people_created,
                batch.undone_at is not None,
            )
            for batch, name, changed in session.execute(query)
        ]
