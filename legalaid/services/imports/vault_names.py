"""What the vault calls the things a register's values may name: its active lawyers (by
name in either order, or login), organisations of the directory and courts (by any of their
names, older ones and aliases too, across scripts), and the offices. Suggestions for a
file's values, the choices a person maps a value to by hand, and what a plan checks against.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from legalaid.domain.accounts import Account, Office
from legalaid.domain.courts import Court
from legalaid.domain.enums import Role
from legalaid.domain.names import skeleton
from legalaid.domain.referrals import Organisation
from legalaid.i18n import N_, translate_in
from legalaid.services.courts import courts_by_id
from legalaid.services.imports.mapping import (
    CODED_FIELDS,
    match_values,
    suggest_values,
    value_choices,
)
from legalaid.services.imports.rows import NO_LAWYER, Known
from legalaid.services.imports.sources import Table
from legalaid.services.workspace import Workspace

LINKED = ("referral_to", "court", "office")  # fields whose values are the vault's own records


def active_lawyers(ws: Workspace) -> dict[str, str]:
    """Folded display names and logins of the active lawyers and coordinators -> login."""
    with ws.reader() as session:
        rows = session.execute(
            select(Account.login, Account.display_name).where(
                Account.active, Account.role.in_((Role.LAWYER.value, Role.COORDINATOR.value))
            )
        )
        found: dict[str, str] = {}
        for login, name in rows:
            found[skeleton(login)] = login
            found[skeleton(name)] = login
            words = name.split()
            if len(words) >= 2:  # "Асанов Нурбек" or "Нурбек Асанов": either order
                found[skeleton(" ".join(reversed(words)))] = login
        return found


def _name_words(text: str) -> tuple[str, ...]:
    """A name's words in the shared Latin spelling: "Ак-Журок" meets "Ak-Jurok"."""
    return tuple(skeleton(text).split())


def _link_meanings(session: Any, field_code: str) -> dict[str, list[str]]:
    """What a register may call each active organisation (its id as text) or court (its
    code): the names in the three languages; a court's earlier names and aliases too."""
    if field_code == "referral_to":
        return {
            str(row.id): [row.name_ky, row.name_ru, row.name_en]
            for row in session.scalars(select(Organisation).where(Organisation.active))
        }
    if field_code == "office":
        return {
            row.code: [row.code, row.name_ky, row.name_ru, row.name_en]
            for row in session.scalars(select(Office))
        }
    ids = set(session.scalars(select(Court.id).where(Court.active)))
    return {
        court.code: [
            *(name for entry in court.history for name in entry.names.values()),
            *court.aliases,
        ]
        for court in courts_by_id(session, ids).values()
    }


def _suggest_links(session: Any, field_code: str, typed: Sequence[str]) -> dict[str, str | None]:
    return match_values(_link_meanings(session, field_code), typed, _name_words)


def value_suggestions(
    table: Table, columns: Mapping[int, str], ws: Workspace | None = None
) -> dict[str, dict[str, str | None]]:
    """For each coded field mapped to a column: its distinct values and what they mean
    (with a workspace, the lawyer column's names too, matched to logins, and the names of
    organisations and courts, matched to the vault's)."""
    found: dict[str, dict[str, str | None]] = {}
    for index, code in columns.items():
        if code in CODED_FIELDS:
            found[code] = suggest_values(code, (row[index] for row in table.rows))
        elif code == "lawyer" and ws is not None:
            lawyers = active_lawyers(ws)
            typed = dict.fromkeys(row[index].strip() for row in table.rows if row[index].strip())
            found[code] = {value: lawyers.get(skeleton(value)) for value in typed}
        elif code in LINKED and ws is not None:
            with ws.reader() as session:
                found[code] = _suggest_links(
                    session, code, [row[index].strip() for row in table.rows]
                )
    return found


def field_choices(ws: Workspace, field_code: str, language: str) -> list[tuple[str, str]]:
    """(code, label) of what a register's value of this field may be mapped to by hand:
    reference values, or the vault's own (lawyers; organisations by id as text and courts
    by code, named in `language`, the court by its name of today)."""
    if field_code == "lawyer":  # "nobody" first: for those who have left the office
        nobody = translate_in(language, N_("nobody (the case stays unassigned)"))
        return [(NO_LAWYER, nobody), *lawyer_choices(ws)]
    if field_code == "referral_to":
        with ws.reader() as session:
            rows = session.scalars(select(Organisation).where(Organisation.active))
            found = [(str(row.id), row.name_in(language)) for row in rows]
    elif field_code == "office":
        with ws.reader() as session:
            found = [
                (row.code, f"{getattr(row, 'name_' + language)} ({row.code})")
                for row in session.scalars(select(Office))
            ]
    elif field_code == "court":
        with ws.reader() as session:
            ids = set(session.scalars(select(Court.id).where(Court.active)))
            found = [
                (court.code, court.name_on(language=language))
                for court in courts_by_id(session, ids).values()
            ]
    else:
        return value_choices(field_code, language)
    return sorted(found, key=lambda choice: (choice[1].casefold(), choice[0]))


VALUE_MAPPED = (*CODED_FIELDS, "lawyer", *LINKED)  # the fields whose values a person maps


def lawyer_choices(ws: Workspace) -> list[tuple[str, str]]:
    """(login, display name) of the active lawyers and coordinators a case may go to."""
    with ws.reader() as session:
        return [
            (login, name)
            for login, name in session.execute(
                select(Account.login, Account.display_name)
                .where(
                    Account.active, Account.role.in_((Role.LAWYER.value, Role.COORDINATOR.value))
                )
                .order_by(Account.display_name)
            )
        ]


def with_vault_values(
    session: Any,
    table: Table,
    columns: Mapping[int, str],
    values: Mapping[str, Mapping[str, str | None]],
    lawyers: Mapping[str, str],
) -> tuple[dict[str, Mapping[str, str | None]], Known]:
    """The values with the organisations and courts the vault's names suggest wherever
    none was mapped by hand (as lawyers are matched by name), and what the vault has."""
    merged: dict[str, Mapping[str, str | None]] = dict(values)
    for index, code in columns.items():
        if code in LINKED:
            hand = values.get(code, {})
            typed = [row[index].strip() for row in table.rows]
            auto = _suggest_links(session, code, typed)
            merged[code] = {value: hand.get(value) or found for value, found in auto.items()}
    known = Known(
        lawyers,
        frozenset(
            str(i) for i in session.scalars(select(Organisation.id).where(Organisation.active))
        ),
        frozenset(session.scalars(select(Court.code).where(Court.active))),
        frozenset(session.scalars(select(Office.code))),
    )
    return merged, known
