"""The dry run of an import: what every row of a register would become, before anything is
written. A row is `create` (a new case, with a new or an existing person), `update` (its
register number matches a case imported earlier, and the register now says something else),
`duplicate` (nothing new: the same register number with the same facts, or the same client
already has a case of that category opened that day), `conflict` (the register differs only
in what someone has edited in the app since the last import: the app's values are kept and
shown), or `reject` with each problem named by its column and row (an invalid PIN, an
impossible date, a value no mapping knows...). Nothing here writes.

An update never overwrites an edit made in the app after the import that last wrote the
case: such fields are kept and listed with both values, so the coordinator sees them.

People are matched by PIN, else by surname, given name and birth date across scripts
("Асанова Жылдыз" and "Asanova Jyldyz" born the same day are one person), and rows of the
same file that name the same person become one person.

How a row is read is in rows.py; what the vault calls lawyers, organisations and courts is
in vault_names.py.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select

from legalaid.domain.accounts import Account, Office
from legalaid.domain.audit import AuditEvent
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import PartyRole
from legalaid.domain.names import skeleton
from legalaid.domain.people import Person
from legalaid.errors import LegalAidError
from legalaid.i18n import N_
from legalaid.services.imports.rows import (
    CaseValues,
    PersonValues,
    Problem,
    RowReader,
    people_only,
    read_row,
)
from legalaid.services.imports.sources import Table
from legalaid.services.imports.vault_names import active_lawyers, with_vault_values
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace


class Outcome(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECT = "reject"


# what a re-import may change in a case: import field -> the case's attribute
UPDATABLE = {
    "category": "category",
    "subcategory": "subcategory",
    "status": "status",
    "closed_on": "closed_on",
    "lawyer": "assigned_lawyer_id",
    "summary": "summary",
}


@dataclass(frozen=True)
class Change:
    """A field a re-import changes (or keeps, if edited in the app): codes, logins, ISO days."""

    field: str  # an import field code (see UPDATABLE)
    old: str | None
    new: str | None


@dataclass(frozen=True)
class RowPlan:
    row: int  # its number in the file
    outcome: Outcome
    problems: tuple[Problem, ...] = ()
    person: PersonValues | None = None
    case: CaseValues | None = None
    person_id: int | None = None  # an existing person it matches
    case_id: int | None = None  # the existing case it duplicates or updates
    changes: tuple[Change, ...] = ()  # what an update writes
    kept: tuple[Change, ...] = ()  # what the app changed since: kept, not overwritten


@dataclass(frozen=True)
class ImportPlan:
    rows: tuple[RowPlan, ...]
    unmapped: Mapping[str, tuple[str, ...]]  # field -> values no mapping knows

    @property
    def counts(self) -> dict[Outcome, int]:
        found = Counter(row.outcome for row in self.rows)
        return {outcome: found.get(outcome, 0) for outcome in Outcome}


def _existing_person(session: Any, person: PersonValues) -> int | None:
    if person.pin:
        found = session.scalar(select(Person.id).where(Person.pin == person.pin))
        if found is not None:
            return int(found)
    if person.birth_date is None:
        return None
    for pid, surname, given in session.execute(
        select(Person.id, Person.surname, Person.given_name).where(
            Person.birth_date == person.birth_date
        )
    ):
        if (skeleton(surname), skeleton(given)) == (
            skeleton(person.surname),
            skeleton(person.given_name),
        ):
            return int(pid)
    return None


def _existing_case(session: Any, person_id: int, case: CaseValues) -> int | None:
    """The client's case of this category opened that day (unless it has another number
    in the register: then it is another case)."""
    query = (
        select(Case.id)
        .join(CaseParty, CaseParty.case_id == Case.id)
        .where(
            CaseParty.person_id == person_id,
            CaseParty.role == PartyRole.CLIENT.value,
            Case.category == case.category,
            Case.opened_on == case.opened_on,
        )
    )
    if case.external_ref is not None:
        query = query.where(
            or_(Case.external_ref.is_(None), Case.external_ref == case.external_ref)
        )
    return session.scalar(query.limit(1))


def _case_by_ref(session: Any, ref: str, office_id: int | None) -> Case | None:
    """The office's case with this number in its register (registers restart in each
    office, so another office's number is another case). Looked up by the number alone,
    which its index finds at once, the office compared after: joined with the office,
    SQLite would walk all of the office's cases."""
    for case in session.scalars(select(Case).where(Case.external_ref == ref).order_by(Case.id)):
        if case.office_id == office_id:
            return case
    return None


def _client_of(session: Any, case_id: int, person_id: int | None) -> bool:
    return person_id is not None and bool(
        session.scalar(
            select(func.count())
            .select_from(CaseParty)
            .where(
                CaseParty.case_id == case_id,
                CaseParty.person_id == person_id,
                CaseParty.role == PartyRole.CLIENT.value,
            )
        )
    )


def _edited_in_app(session: Any, case_id: int) -> set[str]:
    """The case's attributes ever changed by anything but an import (or its undo): those
    are the app's from then on, and a register does not overwrite them."""
    edited: set[str] = set()
    for (detail,) in session.execute(
        select(AuditEvent.detail).where(
            AuditEvent.entity == "case",
            AuditEvent.entity_id == str(case_id),
            AuditEvent.action == "update",
        )
    ):
        found = json.loads(detail or "{}")
        if found.get("origin") != "import":
            edited.update(found.get("fields", ()))
    return edited


def _compare(
    session: Any, case: Case, values: CaseValues, logins: Mapping[int, str]
) -> tuple[tuple[Change, ...], tuple[Change, ...]]:
    """What the register would change in an imported case, and what it would overwrite of
    an edit made in the app since (kept)."""
    differences: list[tuple[str, Change]] = []
    for code, attribute in UPDATABLE.items():
        new = values.register_says(code)
        if new is None:
            continue
        current = getattr(case, attribute)
        if code == "lawyer":
            current = logins.get(current) if current is not None else None
        elif isinstance(current, dt.date):
            current = current.isoformat()
        if (current or None) != new:
            differences.append((attribute, Change(code, current or None, new)))
    recategorised = any(change.field == "category" for _a, change in differences)
    if recategorised and values.subcategory is None and case.subcategory is not None:
        # another category: the old one's subcategory cannot stay
        differences.append(("subcategory", Change("subcategory", case.subcategory, None)))
    if not differences:
        return (), ()  # the same facts: no need to read the case's history
    edited = _edited_in_app(session, case.id)
    if edited & {"category", "subcategory"}:
        edited |= {"category", "subcategory"}  # one choice: never half of it overwritten
    if edited & {"status", "closed_on", "outcome"}:
        edited |= {"status", "closed_on"}
    kept = tuple(c for a, c in differences if a in edited)
    changes = tuple(c for a, c in differences if a not in edited)
    return changes, kept


class ImportCancelled(LegalAidError):
    """The person cancelled a check or an import: nothing was written."""

    def __init__(self) -> None:
        super().__init__(N_("Cancelled: nothing was written."))


def plan_import(
    ws: Workspace,
    table: Table,
    columns: Mapping[int, str],
    values: Mapping[str, Mapping[str, str | None]],
    cancelled: Callable[[], bool] | None = None,
) -> ImportPlan:
    """What each row would become; nothing is written. `cancelled` is asked now and then."""
    ws.require(Permission.MANAGE_ACCOUNTS)  # a coordinator's
    lawyers = active_lawyers(ws)
    plans: list[RowPlan] = []
    seen_cases: dict[tuple[Any, ...], int] = {}
    seen_refs: dict[str, tuple[int, Any]] = {}  # number -> (row, what the row says)
    seen_people: set[tuple[str, ...]] = set()
    only_people = people_only(columns)
    with ws.reader() as session:
        values, vault = with_vault_values(session, table, columns, values, lawyers)
        logins = {i: login for i, login in session.execute(select(Account.id, Account.login))}
        office_ids = {code: i for i, code in session.execute(select(Office.id, Office.code))}
        for number, row in zip(table.row_numbers, table.rows, strict=True):
            if cancelled is not None and number % 200 == 0 and cancelled():
                raise ImportCancelled()
            reader = RowReader(table.header, columns, row, number)
            person, case = read_row(reader, values, vault, with_case=not only_people)
            if person is None:
                plans.append(RowPlan(number, Outcome.REJECT, tuple(reader.problems)))
                continue
            person_id = _existing_person(session, person)
            if case is None:  # a list of people: a person already there is left as it is
                known_person = person_id is not None or person.key in seen_people
                seen_people.add(person.key)
                outcome = Outcome.DUPLICATE if known_person else Outcome.CREATE
                plans.append(RowPlan(number, outcome, (), person, None, person_id))
                continue
            ref = case.external_ref
            if ref is not None:
                said = (person.key, case)
                if ref in seen_refs:  # the number again in the file
                    first, earlier = seen_refs[ref]
                    if earlier == said:
                        plans.append(RowPlan(number, Outcome.DUPLICATE, (), person, case))
                    else:
                        problem = Problem(
                            reader.column("external_ref"),
                            N_("The number {value} is on row {row} already, with other facts."),
                            {"value": ref, "row": first},
                        )
                        plans.append(RowPlan(number, Outcome.REJECT, (problem,)))
                    continue
                seen_refs[ref] = (number, said)
                office_id = office_ids.get(case.office_code or ws.actor.office_code)
                known = _case_by_ref(session, ref, office_id)
                if known is not None:
                    if not _client_of(session, known.id, person_id):
                        problem = Problem(
                            reader.column("external_ref"),
                            N_(
                                "The number {value} is case {case} in the vault, of another "
                                "client: check the number and the name."
                            ),
                            {"value": ref, "case": known.number},
                        )
                        plans.append(RowPlan(number, Outcome.REJECT, (problem,)))
                        continue
                    changes, kept = _compare(session, known, case, logins)
                    outcome = (
                        Outcome.UPDATE
                        if changes
                        else Outcome.CONFLICT
                        if kept
                        else Outcome.DUPLICATE
                    )
                    plans.append(
                        RowPlan(
                            number, outcome, (), person, case, person_id, known.id, changes, kept
                        )
                    )
                    continue
            case_id = _existing_case(session, person_id, case) if person_id else None
            same = (person.key, case.category, case.opened_on, ref)
            if case_id is not None or same in seen_cases:
                plans.append(
                    RowPlan(number, Outcome.DUPLICATE, (), person, case, person_id, case_id)
                )
                continue
            seen_cases[same] = number
            plans.append(RowPlan(number, Outcome.CREATE, (), person, case, person_id))
    unmapped = {
        code: tuple(sorted(value for value, meaning in found.items() if meaning is None))
        for code, found in values.items()
        if any(meaning is None for meaning in found.values())
    }
    return ImportPlan(tuple(plans), unmapped)
