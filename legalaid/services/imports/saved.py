"""Mappings saved by name: the columns of a register (by their header text) and the values a
person mapped by hand, so that next month's file of the same shape imports without mapping
it again (`legalaid import FILE --mapping NAME`, or the import screen's list). Kept in the
vault (a mapping names the register's words, which may be sensitive), a coordinator's."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from legalaid.domain.imports import ImportMapping
from legalaid.errors import NotFound, ValidationError
from legalaid.i18n import N_
from legalaid.services.fields import bounded_text
from legalaid.services.imports.mapping import FIELD_BY_CODE
from legalaid.services.imports.sources import Table
from legalaid.services.imports.vault_names import value_suggestions
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

NAME_MAX = 80

Values = dict[str, dict[str, str | None]]


@dataclass(frozen=True)
class SavedMapping:
    name: str
    columns: Mapping[str, str]  # header text -> field code
    values: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class AppliedMapping:
    """A saved mapping laid on a file: its columns by index, its values (the file's own
    values suggested, then the saved hand-made ones over them), and the saved headers the
    file lacks."""

    columns: dict[int, str]
    values: Values
    missing: tuple[str, ...]


def _name(name: str) -> str:
    text = bounded_text(name, "name", NAME_MAX)
    if not text:
        raise ValidationError(N_("Give the mapping a name."), field="name")
    if any(ord(char) < 32 for char in text):
        raise ValidationError(N_("A name cannot hold control characters."), field="name")
    return text


def list_mappings(ws: Workspace) -> list[str]:
    ws.require(Permission.MANAGE_ACCOUNTS)
    with ws.reader() as session:
        return list(session.scalars(select(ImportMapping.name).order_by(ImportMapping.name)))


def load_mapping(ws: Workspace, name: str) -> SavedMapping:
    ws.require(Permission.MANAGE_ACCOUNTS)
    with ws.reader() as session:
        found = session.scalar(select(ImportMapping).where(ImportMapping.name == name.strip()))
        if found is None:
            raise NotFound(N_("There is no saved mapping named {name}."), name=name)
        body = json.loads(found.body)
    return SavedMapping(found.name, body.get("columns", {}), body.get("values", {}))


def save_mapping(
    ws: Workspace,
    name: str,
    columns: Mapping[str, str],
    values: Mapping[str, Mapping[str, str | None]],
) -> None:
    """Save (or replace) a mapping under a name; only fields the app knows are kept."""
    ws.require(Permission.MANAGE_ACCOUNTS)
    text = _name(name)
    body = {
        "columns": {header: code for header, code in columns.items() if code in FIELD_BY_CODE},
        "values": {
            code: {value: meaning for value, meaning in found.items() if meaning}
            for code, found in values.items()
            if code in FIELD_BY_CODE
        },
    }
    data = json.dumps(body, ensure_ascii=False, sort_keys=True)
    with ws.session() as session:
        found = session.scalar(select(ImportMapping).where(ImportMapping.name == text))
        if found is None:
            session.add(ImportMapping(name=text, body=data, updated_by=ws.actor.id))
        else:
            found.body, found.updated_by = data, ws.actor.id
        session.commit()


def delete_mapping(ws: Workspace, name: str) -> None:
    ws.require(Permission.MANAGE_ACCOUNTS)
    with ws.session() as session:
        found = session.scalar(select(ImportMapping).where(ImportMapping.name == name))
        if found is None:
            raise NotFound(N_("There is no saved mapping named {name}."), name=name)
        session.delete(found)
        session.commit()


def apply_mapping(ws: Workspace, saved: SavedMapping, table: Table) -> AppliedMapping:
    """The saved mapping on this file: columns found by header text (folded whitespace)."""
    by_header = {" ".join(title.split()): index for index, title in enumerate(table.header)}
    columns: dict[int, str] = {}
    missing: list[str] = []
    for header, code in saved.columns.items():
        index = by_header.get(" ".join(header.split()))
        if index is None:
            missing.append(header)
        elif code in FIELD_BY_CODE and code not in columns.values():
            columns[index] = code
    values = value_suggestions(table, columns, ws)
    for code, found in values.items():
        hand = saved.values.get(code, {})
        for value in found:
            if hand.get(value):
                found[value] = hand[value]
    return AppliedMapping(dict(sorted(columns.items())), values, tuple(missing))
