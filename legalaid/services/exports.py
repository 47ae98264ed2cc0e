"""The audit event of anything that leaves the vault as a plain file (a report, a table, an
export for researchers): what it was and the filter it was made with (codes, dates and ids
only), so that what left can be told later. The caller checks the permission first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services.workspace import Workspace


def confirmed_target(confirm_unencrypted: bool, target: Path, suffixes: tuple[str, ...]) -> str:
    """The target's suffix, once the person has confirmed an unencrypted copy and the name
    ends as the format needs."""
    if not confirm_unencrypted:
        raise ValidationError(
            N_("Saving an unencrypted copy needs your confirmation."), field="confirm"
        )
    suffix = Path(target).suffix.lower()
    if suffix not in suffixes:
        raise ValidationError(
            N_("Choose a file ending in {suffixes}."),
            field="target",
            suffixes=" or ".join(suffixes),
        )
    return suffix


def record_export(
    ws: Workspace,
    entity: str,
    what: str,
    flt: object | None,
    detail: dict[str, Any] | None = None,
) -> None:
    values = {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in (vars(flt) if flt is not None else {}).items()
        if value is not None
    }
    with ws.session() as session:
        ws.vault.record(session, "export", entity, what, {**values, **(detail or {})})
        session.commit()
