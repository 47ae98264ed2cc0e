"""Keeps the full-text search tables in step with people and cases, in the same transaction.

`person_search` (rowid = person id): the name folded, its Latin skeleton, and the PIN
and phone digits. `case_search` (rowid = case id): the case number's parts and the
names of every party (so a conflict check on the opposing party finds the case).
An after_flush hook rewrites the rows of whatever the flush touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, event, select, text
from sqlalchemy.orm import Session

from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.names import fold, skeleton
from legalaid.domain.people import Person

COUNTRY_CODE = "996"


def phone_digits(phone: str | None) -> str:
    return re.sub(r"\D", "", phone or "")


def phone_tokens(phone: str | None) -> list[str]:
    """The forms a person types a Kyrgyz mobile number in: +996 555 ..., 0555 ..., 555 ...,
    and its last six digits."""
    digits = phone_digits(phone)
    if not digits:
        return []
    national = digits[len(COUNTRY_CODE) :] if digits.startswith(COUNTRY_CODE) else digits
    national = national.lstrip("0")
    forms = {digits, national, "0" + national, COUNTRY_CODE + national}
    if len(national) > 6:
        forms.add(national[-6:])
    return sorted(forms)


def full_name(surname: str, given_name: str, patronymic: str | None) -> str:
    return " ".join(part for part in (surname, given_name, patronymic) if part)


def person_document(
    surname: str, given_name: str, patronymic: str | None, pin: str | None, phone: str | None
) -> tuple[str, str, str]:
    name = full_name(surname, given_name, patronymic)
    numbers = " ".join([*([pin] if pin else []), *phone_tokens(phone)])
    return fold(name), skeleton(name), numbers


def number_tokens(number: str) -> str:
    """'OSH-2026-00042' -> 'osh 2026 00042 42 osh202600042' (typed in any of these ways)."""
    parts = fold(number).split()
    extra = [part.lstrip("0") for part in parts if part.isdigit() and part.lstrip("0")]
    return " ".join([*parts, *extra, "".join(parts)])


def case_document(number: str, party_names: Iterable[str]) -> tuple[str, str, str]:
    names = " ".join(party_names)
    return number_tokens(number), fold(names), skeleton(names)


# The columns of each search table after its rowid (the record's id).
COLUMNS = {
    "person_search": ("exact", "skeleton", "numbers"),
    "case_search": ("number", "exact", "skeleton"),
}


def _replace_rows(
    connection: Connection, table: str, rows: Sequence[tuple[int, str, str, str]]
) -> None:
    """(record id, *columns) rows replace what the index held for those records."""
    if not rows:
        return
    columns = COLUMNS[table]
    connection.execute(
        text(f"DELETE FROM {table} WHERE rowid = :id"), [{"id": row[0]} for row in rows]
    )
    connection.execute(
        text(
            f"INSERT INTO {table} (rowid, {', '.join(columns)}) "
            f"VALUES (:id, {', '.join(':' + c for c in columns)})"
        ),
        [{"id": row[0], **dict(zip(columns, row[1:], strict=True))} for row in rows],
    )


def write_people(connection: Connection, rows: Sequence[tuple[int, str, str, str]]) -> None:
    """(person id, exact, skeleton, numbers)."""
    _replace_rows(connection, "person_search", rows)


def write_cases(connection: Connection, rows: Sequence[tuple[int, str, str, str]]) -> None:
    """(case id, number tokens, exact, skeleton)."""
    _replace_rows(connection, "case_search", rows)


def drop_rows(connection: Connection, table: str, ids: Iterable[int]) -> None:
    assert table in COLUMNS
    params = [{"id": i} for i in ids]
    if params:
        connection.execute(text(f"DELETE FROM {table} WHERE rowid = :id"), params)


def reindex_cases(connection: Connection, case_ids: Iterable[int]) -> None:
    """Rebuild the case rows from the database as this transaction sees it."""
    ids = sorted(set(case_ids))
    if not ids:
        return
    cases = dict(
        [
            (row[0], row[1])
            for row in connection.execute(select(Case.id, Case.number).where(Case.id.in_(ids)))
        ]
    )
    names: dict[int, list[str]] = {case_id: [] for case_id in cases}
    query = (
        select(CaseParty.case_id, Person.surname, Person.given_name, Person.patronymic)
        .join(Person, Person.id == CaseParty.person_id)
        .where(CaseParty.case_id.in_(ids))
    )
    for case_id, surname, given, patronymic in connection.execute(query):
        names[case_id].append(full_name(surname, given, patronymic))
    write_cases(connection, [(i, *case_document(cases[i], names[i])) for i in cases])
    drop_rows(connection, "case_search", set(ids) - set(cases))


def _cases_of_people(connection: Connection, person_ids: set[int]) -> set[int]:
    if not person_ids:
        return set()
    query = select(CaseParty.case_id).where(CaseParty.person_id.in_(person_ids))
    return set(connection.execute(query).scalars())


@event.listens_for(Session, "after_flush")
def _sync_search_index(session: Session, _context: Any) -> None:
    people: dict[int, Person] = {}
    gone_people: set[int] = set()
    cases: set[int] = set()
    gone_cases: set[int] = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Person):
            people[obj.id] = obj
        elif isinstance(obj, Case):
            cases.add(obj.id)
        elif isinstance(obj, CaseParty):
            cases.add(obj.case_id)
    for obj in session.deleted:
        if isinstance(obj, Person):
            gone_people.add(obj.id)
        elif isinstance(obj, Case):
            gone_cases.add(obj.id)
        elif isinstance(obj, CaseParty):
            cases.add(obj.case_id)
    if not (people or gone_people or cases or gone_cases):
        return
    connection = session.connection()
    write_people(
        connection,
        [
            (p.id, *person_document(p.surname, p.given_name, p.patronymic, p.pin, p.phone))
            for p in people.values()
        ],
    )
    drop_rows(connection, "person_search", gone_people)
    cases |= _cases_of_people(connection, set(people))
    reindex_cases(connection, cases - gone_cases)
    drop_rows(connection, "case_search", gone_cases)


def rebuild(connection: Connection) -> None:
    """Write both search tables afresh from the records (after damage or a format change)."""
    connection.execute(text("DELETE FROM person_search"))
    connection.execute(text("DELETE FROM case_search"))
    people = connection.execute(
        select(
            Person.id,
            Person.surname,
            Person.given_name,
            Person.patronymic,
            Person.pin,
            Person.phone,
        )
    )
    write_people(connection, [(row[0], *person_document(*row[1:])) for row in people])
    reindex_cases(connection, connection.execute(select(Case.id)).scalars().all())
