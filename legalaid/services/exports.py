"""The audit event of anything that leaves the vault as a plain file (a report, a table, an
export for researchers): what it was and the filter it was made with (codes, dates and ids
only), so that what left can be told later. The caller checks the permission first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from legalaid.services.workspace import Workspace


def record_export(
    ws: Workspace, entity: str, what: str, flt: object, detail: dict[str, Any] | None = None
) -> None:
    values = {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in vars(flt).items()
        if value is not None
    }
    with ws.session() as session:
        ws.vault.record(session, "export", entity, what, {**values, **(detail or {})})
        session.commit()
