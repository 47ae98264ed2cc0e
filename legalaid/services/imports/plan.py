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
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from legalaid.domain.accounts import Account
from legalaid.domain.audit import AuditEvent
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import PartyRole, Role
from legalaid.domain.imports import ImportBatch, ImportedRecord
from legalaid.domain.names import skeleton
from legalaid.domain.people import Person
from legalaid.domain.pin import parse_pin
from legalaid.domain.typed_dates import parse_typed_date
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services.imports.mapping import CODED_FIELDS, suggest_values, value_choices
from legalaid.services.imports.sources import Table
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

EARLIEST = dt.date(1900, 1, 1)


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
REF_MAX = 64


@dataclass(frozen=True)
class Problem:
    column: str  # the header of the column, as in the file
    message: str  # msgid
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PersonValues:
    surname: str
    given_name: str
    patronymic: str | None
    birth_date: dt.date | None
    gender: str | None
    pin: str | None
    phone: str | None
    region: str | None
    district: str | None
    settlement: str | None
    street: str | None

    @property
    def key(self) -> tuple[str, ...]:
        """The same person across rows and scripts: the PIN, else name and birth date."""
        if self.pin:
            return ("pin", self.pin)
        born = self.birth_date.isoformat() if self.birth_date else ""
        return ("name", skeleton(self.surname), skeleton(self.given_name), born)


@dataclass(frozen=True)
class CaseValues:
    category: str
    subcategory: str | None
    opened_on: dt.date
    closed_on: dt.date | None
    status: str | None
    lawyer_login: str | None
    summary: str
    external_ref: str | None = None

    def register_says(self, field_code: str) -> str | None:
        """What the register says of an updatable field (None: it says nothing)."""
        if field_code == "closed_on":
            return self.closed_on.isoformat() if self.closed_on else None
        if field_code == "lawyer":
            return self.lawyer_login
        if field_code == "status" and self.closed_on and not self.status:
            return "closed"
        value = getattr(self, field_code)
        return value or None


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


def _split_full_name(text: str) -> tuple[str, str, str | None]:
    words = text.split()
    if len(words) < 2:
        return text.strip(), "", None
    return words[0], words[1], " ".join(words[2:]) or None


@functools.cache
def _known_codes(field_code: str) -> frozenset[str]:
    return frozenset(code for code, _label in value_choices(field_code, "en"))


class _RowReader:
    """One row's cells by field, with its problems."""

    def __init__(self, header: Sequence[str], columns: Mapping[int, str], row: Sequence[str]):
        self.header = header
        self.by_field = {code: (index, row[index].strip()) for index, code in columns.items()}
        self.problems: list[Problem] = []

    def text(self, code: str) -> str:
        return self.by_field.get(code, (0, ""))[1]

    def column(self, code: str) -> str:
        index = self.by_field.get(code, (None, ""))[0]
        return self.header[index] if index is not None else code

    def problem(self, code: str, message: str, **params: Any) -> None:
        self.problems.append(Problem(self.column(code), message, params))

    def date(self, code: str, required: bool = False) -> dt.date | None:
        typed = self.text(code)
        if not typed:
            if required:
                self.problem(code, N_("The date is missing."))
            return None
        found = parse_typed_date(typed)
        if found is None or not EARLIEST <= found <= dt.date.today():
            self.problem(code, N_("{value} is not a possible date (DD.MM.YYYY)."), value=typed)
            return None
        return found

    def coded(self, code: str, values: Mapping[str, Mapping[str, str | None]]) -> str | None:
        typed = self.text(code)
        if not typed:
            return None
        found = values.get(code, {}).get(typed)
        if found is None:
            self.problem(code, N_("{value} is not mapped to a known value."), value=typed)
        elif found not in _known_codes(code):  # a saved mapping older than the reference data
            self.problem(
                code, N_("{value} is mapped to a value the app no longer has."), value=typed
            )
            return None
        return found


def _lawyers(ws: Workspace) -> dict[str, str]:
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


def _read_row(
    reader: _RowReader, values: Mapping[str, Mapping[str, str | None]], lawyers: Mapping[str, str]
) -> tuple[PersonValues | None, CaseValues | None]:
    surname, given, patronymic = reader.text("surname"), reader.text("given_name"), None
    if reader.text("full_name"):
        surname, given, patronymic = _split_full_name(reader.text("full_name"))
    patronymic = reader.text("patronymic") or patronymic
    name_field = "full_name" if "full_name" in reader.by_field else "surname"
    if not surname or not given:
        reader.problem(name_field, N_("Both a surname and a given name are needed."))
    birth = reader.date("birth_date")
    pin = reader.text("pin").replace(" ", "") or None
    if pin is not None:
        try:
            facts = parse_pin(pin)
        except ValidationError as error:
            reader.problem("pin", error.template, **error.params)
        else:
            birth = birth or facts.birth_date
    gender = reader.coded("gender", values)
    district = reader.coded("district", values)
    region = reader.coded("region", values) or (district.split(".")[0] if district else None)
    category = reader.coded("category", values)
    subcategory = reader.coded("subcategory", values)
    if category and "." in category:  # a subcategory's words in the category column
        category, subcategory = category.split(".")[0], subcategory or category
    if not reader.text("category"):
        reader.problem("category", N_("The category is missing."))
    opened = reader.date("opened_on", required=True)
    closed = reader.date("closed_on")
    status = reader.coded("status", values)
    lawyer = None
    if reader.text("lawyer"):
        typed = reader.text("lawyer")
        lawyer = values.get("lawyer", {}).get(typed) or lawyers.get(skeleton(typed))
        if lawyer not in lawyers.values():  # unknown, or mapped to an account since closed
            reader.problem(
                "lawyer",
                N_("{value} is not an active lawyer in this vault."),
                value=reader.text("lawyer"),
            )
    ref = reader.text("external_ref") or None
    if ref is not None and len(ref) > REF_MAX:
        reader.problem(
            "external_ref",
            N_("The register number is longer than {count} characters."),
            count=REF_MAX,
        )
    if reader.problems:
        return None, None
    person = PersonValues(
        surname,
        given,
        patronymic,
        birth,
        gender,
        pin,
        reader.text("phone") or None,
        region,
        district,
        reader.text("settlement") or None,
        reader.text("street") or None,
    )
    assert category is not None and opened is not None  # checked above
    case = CaseValues(
        category, subcategory, opened, closed, status, lawyer, reader.text("summary"), ref
    )
    return person, case


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
    return session.scalar(
        select(Case.id)
        .join(CaseParty, CaseParty.case_id == Case.id)
        .where(
            CaseParty.person_id == person_id,
            CaseParty.role == PartyRole.CLIENT.value,
            Case.category == case.category,
            Case.opened_on == case.opened_on,
        )
        .limit(1)
    )


def _case_by_ref(session: Any, ref: str) -> Case | None:
    return session.scalars(
        select(Case).where(Case.external_ref == ref).order_by(Case.id).limit(1)
    ).first()


def _edited_in_app(session: Any, case_id: int) -> set[str] | None:
    """The case's attributes changed by anything but an import since the import that last
    wrote it; None when no import ever wrote it (then all of it is the app's)."""
    batches = session.scalars(
        select(ImportedRecord.batch_id)
        .join(ImportBatch, ImportBatch.id == ImportedRecord.batch_id)
        .where(
            ImportedRecord.entity == "case",
            ImportedRecord.entity_id == case_id,
            ImportBatch.undone_at.is_(None),
        )
    ).all()
    last_import = session.scalar(
        select(func.max(AuditEvent.seq)).where(
            AuditEvent.entity == "import_batch",
            AuditEvent.action == "import",
            AuditEvent.entity_id.in_([str(batch) for batch in batches]),
        )
    )
    if last_import is None:
        return None
    edited: set[str] = set()
    for (detail,) in session.execute(
        select(AuditEvent.detail).where(
            AuditEvent.entity == "case",
            AuditEvent.entity_id == str(case_id),
            AuditEvent.action == "update",
            AuditEvent.seq > last_import,
        )
    ):
        edited.update(json.loads(detail or "{}").get("fields", ()))
    return edited


def _compare(
    session: Any, case: Case, values: CaseValues, logins: Mapping[int, str]
) -> tuple[tuple[Change, ...], tuple[Change, ...]]:
    """What the register would change in an imported case, and what it would overwrite of
    an edit made in the app since (kept)."""
    edited = _edited_in_app(session, case.id)
    if edited and edited & {"category", "subcategory"}:
        edited |= {"category", "subcategory"}  # one choice: never half of it overwritten
    if edited and edited & {"status", "closed_on", "outcome"}:
        edited |= {"status", "closed_on"}
    changes: list[Change] = []
    kept: list[Change] = []
    for code, attribute in UPDATABLE.items():
        new = values.register_says(code)
        if new is None:
            continue
        current = getattr(case, attribute)
        if code == "lawyer":
            current = logins.get(current) if current is not None else None
        elif isinstance(current, dt.date):
            current = current.isoformat()
        if (current or None) == new:
            continue
        change = Change(code, current or None, new)
        if edited is None or attribute in edited:
            kept.append(change)
        else:
            changes.append(change)
    return tuple(changes), tuple(kept)


def value_suggestions(
    table: Table, columns: Mapping[int, str], ws: Workspace | None = None
) -> dict[str, dict[str, str | None]]:
    """For each coded field mapped to a column: its distinct values and what they mean
    (with a workspace, the lawyer column's names too, matched to logins)."""
    found: dict[str, dict[str, str | None]] = {}
    for index, code in columns.items():
        if code in CODED_FIELDS:
            found[code] = suggest_values(code, (row[index] for row in table.rows))
        elif code == "lawyer" and ws is not None:
            lawyers = _lawyers(ws)
            typed = dict.fromkeys(row[index].strip() for row in table.rows if row[index].strip())
            found[code] = {value: lawyers.get(skeleton(value)) for value in typed}
    return found


def field_choices(ws: Workspace, field_code: str, language: str) -> list[tuple[str, str]]:
    """(code, label) of what a register's value of this field may be mapped to by hand:
    reference values, or the vault's own (lawyers)."""
    if field_code == "lawyer":
        return lawyer_choices(ws)
    return value_choices(field_code, language)


VALUE_MAPPED = (*CODED_FIELDS, "lawyer")  # the fields whose values a person maps


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


def plan_import(
    ws: Workspace,
    table: Table,
    columns: Mapping[int, str],
    values: Mapping[str, Mapping[str, str | None]],
) -> ImportPlan:
    """What each row would become; nothing is written."""
    ws.require(Permission.MANAGE_ACCOUNTS)  # a coordinator's
    lawyers = _lawyers(ws)
    plans: list[RowPlan] = []
    seen_cases: dict[tuple[Any, ...], int] = {}
    seen_refs: set[str] = set()
    with ws.reader() as session:
        logins = {i: login for i, login in session.execute(select(Account.id, Account.login))}
        for number, row in zip(table.row_numbers, table.rows, strict=True):
            reader = _RowReader(table.header, columns, row)
            person, case = _read_row(reader, values, lawyers)
            if person is None or case is None:
                plans.append(RowPlan(number, Outcome.REJECT, tuple(reader.problems)))
                continue
            person_id = _existing_person(session, person)
            if case.external_ref is not None:
                if case.external_ref in seen_refs:
                    plans.append(RowPlan(number, Outcome.DUPLICATE, (), person, case, person_id))
                    continue
                seen_refs.add(case.external_ref)
                known = _case_by_ref(session, case.external_ref)
                if known is not None:
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
            same = (person.key, case.category, case.opened_on)
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
