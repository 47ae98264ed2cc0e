"""One search box for people and cases: any part of a name (prefixes of each word), in
either script, a PIN, a phone number or a case number. FTS5 in the vault does the work;
results are ranked (exact spelling above a cross-script match) and filtered by what the
viewer may see, in SQL. Restricted matches are only counted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, column, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from legalaid.domain.cases import Case, case_number
from legalaid.domain.enums import CaseStatus
from legalaid.domain.names import fold, skeleton_word
from legalaid.domain.people import Person
from legalaid.services.cases import first_clients
from legalaid.services.permissions import Permission
from legalaid.services.search_index import full_name, phone_digits
from legalaid.services.visibility import (
    case_visible,
    person_hidden,
    person_visible,
    sees_everything,
)
from legalaid.services.workspace import AccountInfo, Workspace

MAX_QUERY = 200  # characters; nobody types more into a search box
MIN_DIGIT_PREFIX = 4  # "99" would match every phone number
CASE_NUMBER = re.compile(r"^\s*([A-Za-z][A-Za-z0-9]*)[\s-]?(\d{4})[\s-]?(\d{1,6})\s*$")
NUMBERS_ONLY = re.compile(r"^[\d\s+()\-.]+$")
# Column weights for bm25: a name spelt as typed counts more than a cross-script match.
PERSON_WEIGHTS = (10.0, 3.0, 6.0)  # exact, skeleton, numbers
CASE_WEIGHTS = (8.0, 10.0, 3.0)  # number, exact, skeleton

_person_fts = table("person_search", column("rowid"))
_case_fts = table("case_search", column("rowid"))


@dataclass(frozen=True)
class PersonHit:
    id: int
    full_name: str
    birth_date: dt.date | None
    region: str | None


@dataclass(frozen=True)
class CaseHit:
    id: int
    number: str
    status: CaseStatus
    category: str
    client: str | None


@dataclass(frozen=True)
class SearchResults:
    people: list[PersonHit] = field(default_factory=list)
    cases: list[CaseHit] = field(default_factory=list)
    restricted_matches: int = 0  # people or cases that match but are not open to the viewer


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _term(column_name: str, token: str, prefix: bool) -> str:
    return f"{column_name} : {_quote(token)}" + ("*" if prefix else "")


def match_expressions(query: str, prefix: bool = True) -> tuple[str | None, str | None]:
    """FTS5 MATCH strings for (people, cases), or None when nothing searchable was typed.

    Every word must match. A word matches as a beginning (prefix=True) from two letters
    (its Latin skeleton from two letters too) or four digits; shorter ones match whole.
    User text only ever appears inside quoted FTS5 strings.
    """
    query = query[:MAX_QUERY]
    if NUMBERS_ONLY.match(query) and len(phone_digits(query)) >= 2:
        digits = phone_digits(query)
        grow = prefix and len(digits) >= MIN_DIGIT_PREFIX
        return _term("numbers", digits, grow), _term("number", digits, grow)
    people, cases = [], []
    for token in fold(query).split():
        if token.isdigit():
            grow = prefix and len(token) >= MIN_DIGIT_PREFIX
            people.append(_term("numbers", token, grow))
            cases.append(_term("number", token, grow))
            continue
        alternatives = [_term("exact", token, prefix and len(token) >= 2)]
        latin = skeleton_word(token)
        if len(latin) >= 2:
            alternatives.append(_term("skeleton", latin, prefix))
        names = " OR ".join(alternatives)
        people.append(f"({names})")
        cases.append(f"({_term('number', token, prefix and len(token) >= 2)} OR {names})")
    if not people or len(fold(query).replace(" ", "")) < 2:
        return None, None
    return " AND ".join(people), " AND ".join(cases)


def _match(fts_name: str, expression: str) -> ColumnElement[bool]:
    return text(f"{fts_name} MATCH :match_{fts_name}").bindparams(
        **{f"match_{fts_name}": expression}
    )  # type: ignore[return-value]


def people_query(viewer: AccountInfo, expression: str, limit: int) -> Select[*tuple[Any, ...]]:
    rank = func.bm25(literal_column("person_search"), *PERSON_WEIGHTS)
    return (
        select(
            Person.id,
            Person.surname,
            Person.given_name,
            Person.patronymic,
            Person.birth_date,
            Person.region,
        )
        .select_from(_person_fts)
        .join(Person, Person.id == _person_fts.c.rowid)
        .where(_match("person_search", expression), person_visible(viewer))
        .order_by(rank, Person.sort_key)
        .limit(limit)
    )


def cases_query(viewer: AccountInfo, expression: str, limit: int) -> Select[*tuple[Any, ...]]:
    rank = func.bm25(literal_column("case_search"), *CASE_WEIGHTS)
    return (
        select(Case.id, Case.number, Case.status, Case.category)
        .select_from(_case_fts)
        .join(Case, Case.id == _case_fts.c.rowid)
        .where(_match("case_search", expression), case_visible(viewer))
        .order_by(rank, Case.opened_on.desc())
        .limit(limit)
    )


def _hidden_count(session: Session, viewer: AccountInfo, people: str, cases: str) -> int:
    hidden_people = (
        session.scalar(
            select(func.count())
            .select_from(_person_fts)
            .join(Person, Person.id == _person_fts.c.rowid)
            .where(_match("person_search", people), person_hidden(viewer))
        )
        or 0
    )
    hidden_cases = (
        session.scalar(
            select(func.count())
            .select_from(_case_fts)
            .join(Case, Case.id == _case_fts.c.rowid)
            .where(_match("case_search", cases), ~case_visible(viewer))
        )
        or 0
    )
    return int(hidden_people) + int(hidden_cases)


def run_search(session: Session, viewer: AccountInfo, query: str, limit: int = 20) -> SearchResults:
    """The search itself, on any session (the bench runs it on a plain SQLite twin too)."""
    exact_case = _exact_case_number(session, viewer, query)
    if exact_case:
        return SearchResults(cases=exact_case)  # a whole case number means that case
    people_expr, cases_expr = match_expressions(query)
    if people_expr is None or cases_expr is None:
        return SearchResults(cases=exact_case)
    people = [
        PersonHit(r[0], full_name(r[1], r[2], r[3]), r[4], r[5])
        for r in session.execute(people_query(viewer, people_expr, limit))
    ]
    case_rows = session.execute(cases_query(viewer, cases_expr, limit)).all()
    clients = first_clients(session, [r[0] for r in case_rows])
    cases = [CaseHit(r[0], r[1], CaseStatus(r[2]), r[3], clients.get(r[0])) for r in case_rows]
    hidden = 0
    if not sees_everything(viewer):
        # Whole words only: counting prefix matches would let someone spell out a hidden
        # name or PIN one keystroke at a time.
        whole_people, whole_cases = match_expressions(query, prefix=False)
        if whole_people and whole_cases:
            hidden = _hidden_count(session, viewer, whole_people, whole_cases)
    return SearchResults(people, cases[:limit], hidden)


def _exact_case_number(session: Session, viewer: AccountInfo, query: str) -> list[CaseHit]:
    found = CASE_NUMBER.match(query)
    if not found:
        return []
    number = case_number(found.group(1).upper(), int(found.group(2)), int(found.group(3)))
    row = session.execute(
        select(Case.id, Case.number, Case.status, Case.category).where(
            Case.number == number, case_visible(viewer)
        )
    ).first()
    if row is None:
        return []
    return [
        CaseHit(
            row[0], row[1], CaseStatus(row[2]), row[3], first_clients(session, [row[0]]).get(row[0])
        )
    ]


def search(ws: Workspace, query: str, limit: int = 20) -> SearchResults:
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        return run_search(session, ws.actor, query, limit)
