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

A row may name where the case was referred (an active organisation of the directory) and on
what day (the day it was opened when the cell is empty; not before it, not in the future),
and a court (an active court of the list) with the kind of proceeding, our lawyer (the
lawyer column) and the hearing's day, a time with it if given (10:00 otherwise; past or
to come). A day without the organisation or the court it belongs to rejects the row.
Organisations and courts are suggested from their names in any of the three languages and
scripts, and mapped by hand like lawyers.
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
from legalaid.domain.courts import Court
from legalaid.domain.enums import Gender, PartyRole, Role
from legalaid.domain.imports import ImportBatch, ImportedRecord
from legalaid.domain.names import skeleton
from legalaid.domain.people import Person
from legalaid.domain.pin import parse_pin
from legalaid.domain.referrals import Organisation
from legalaid.domain.typed_dates import parse_typed_date
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services import people, proceedings, referrals
from legalaid.services.courts import courts_by_id
from legalaid.services.imports.mapping import (
    CODED_FIELDS,
    match_values,
    suggest_values,
    value_choices,
)
from legalaid.services.imports.sources import Table
from legalaid.services.people import PersonInput
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

EARLIEST = dt.date(1900, 1, 1)
HEARINGS_AHEAD = dt.timedelta(days=2 * 366)  # a later hearing is taken for a mistyped year
HEARING_TIME = dt.time(10, 0)  # local: when the register gives the day only
LINKED = ("referral_to", "court")  # fields whose values are the vault's own records


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
class ReferralValues:
    """Where a row's case was referred, and when."""

    organisation_id: int
    referred_on: dt.date


@dataclass(frozen=True)
class HearingValues:
    """The court a row's case is in, the kind of proceeding and its hearing, if dated."""

    court_code: str
    proceeding_kind: str  # a ProceedingKind code
    starts_at: dt.datetime | None  # naive, local; None: the register names the court only


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
    referral: ReferralValues | None = None  # written with a new case only (see apply.py)
    hearing: HearingValues | None = None

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


@dataclass(frozen=True)
class _Known:
    """What the vault has for a row's values to name: active lawyers (folded names and
    logins -> login), organisations (ids as text) and courts (codes)."""

    lawyers: Mapping[str, str]
    organisations: frozenset[str] = frozenset()
    courts: frozenset[str] = frozenset()


def _hearing_moment(reader: _RowReader) -> dt.datetime | None:
    """The hearing's local start: "DD.MM.YYYY HH:MM" (an XLSX time has seconds too), or a
    day alone at HEARING_TIME; from 2000 (as the court screens take) to two years ahead."""
    typed = reader.text("hearing_on")
    day_text, _, time_text = typed.partition(" ")
    day = parse_typed_date(day_text)
    at: dt.time | None = HEARING_TIME
    if time_text.strip():
        at = _typed_time(time_text.strip())
    today = dt.date.today()
    if (
        day is None
        or at is None
        or not proceedings.EARLIEST.date() <= day <= today + HEARINGS_AHEAD
    ):
        reader.problem(
            "hearing_on",
            N_("{value} is not a possible date and time (DD.MM.YYYY HH:MM)."),
            value=typed,
        )
        return None
    return dt.datetime.combine(day, at)


def _typed_time(text: str) -> dt.time | None:
    parts = text.replace(".", ":").split(":")
    if len(parts) not in (2, 3) or not all(part.isdigit() for part in parts):
        return None
    hour, minute, second = (*(int(part) for part in parts), 0)[:3]
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        return None


def _read_referral(
    reader: _RowReader,
    values: Mapping[str, Mapping[str, str | None]],
    known: _Known,
    opened: dt.date | None,
) -> ReferralValues | None:
    typed = reader.text("referral_to")
    if not typed:
        if reader.text("referred_on"):
            reader.problem(
                "referred_on", N_("A date of referral needs the organisation it was made to.")
            )
        return None
    organisation = values.get("referral_to", {}).get(typed)
    if organisation is None:
        reader.problem("referral_to", N_("{value} is not mapped to a known value."), value=typed)
    elif organisation not in known.organisations:  # mapped by hand to one closed since
        reader.problem(
            "referral_to",
            N_("{value} is not an active organisation of the directory."),
            value=typed,
        )
        organisation = None
    if reader.text("referred_on"):
        day, dated = reader.date("referred_on"), "referred_on"  # not in the future
    else:
        day, dated = opened, "opened_on"
    if day is None or organisation is None:
        return None
    if opened is not None and day < opened:
        reader.problem("referred_on", N_("The case cannot be referred before it was opened."))
        return None
    if day < referrals.EARLIEST:
        reader.problem(dated, N_("The date is too far in the past: check the year."))
        return None
    return ReferralValues(int(organisation), day)


def _read_hearing(
    reader: _RowReader,
    values: Mapping[str, Mapping[str, str | None]],
    known: _Known,
    lawyer: str | None,
) -> HearingValues | None:
    typed = reader.text("court")
    if not typed:  # a kind of proceeding alone may describe the case: not imported
        if reader.text("hearing_on"):
            reader.problem("hearing_on", N_("A hearing date needs the court the hearing is in."))
        return None
    court = values.get("court", {}).get(typed)
    if court is None:
        reader.problem("court", N_("{value} is not mapped to a known value."), value=typed)
    elif court not in known.courts:
        reader.problem("court", N_("{value} is not an active court of the list."), value=typed)
        court = None
    kind = reader.coded("proceeding_kind", values)
    if not reader.text("proceeding_kind"):
        reader.problem(
            "proceeding_kind" if "proceeding_kind" in reader.by_field else "court",
            N_("The kind of proceeding (criminal, civil...) is missing: a court case needs it."),
        )
    if not reader.text("lawyer"):  # the lawyer column's own problems are named there
        reader.problem(
            "lawyer" if "lawyer" in reader.by_field else "court",
            N_("The lawyer is missing: our lawyer represents the client in court."),
        )
    starts = _hearing_moment(reader) if reader.text("hearing_on") else None
    if court is None or kind is None or lawyer is None:
        return None
    if reader.text("hearing_on") and starts is None:
        return None
    return HearingValues(court, kind, starts)


def _read_row(
    reader: _RowReader, values: Mapping[str, Mapping[str, str | None]], known: _Known
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
        lawyer = values.get("lawyer", {}).get(typed) or known.lawyers.get(skeleton(typed))
        if lawyer not in known.lawyers.values():  # unknown, or mapped to an account since closed
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
    referral = _read_referral(reader, values, known, opened)
    hearing = _read_hearing(reader, values, known, lawyer)
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
    if not _valid_person(reader, person):
        return None, None
    assert category is not None and opened is not None  # checked above
    case = CaseValues(
        category,
        subcategory,
        opened,
        closed,
        status,
        lawyer,
        reader.text("summary"),
        ref,
        referral,
        hearing,
    )
    return person, case


def person_input(values: PersonValues) -> PersonInput:
    return PersonInput(
        values.surname,
        values.given_name,
        values.patronymic,
        Gender(values.gender) if values.gender else Gender.UNKNOWN,
        values.birth_date,
        pin=values.pin,
        phone=values.phone,
        region=values.region,
        district=values.district,
        settlement=values.settlement,
        street=values.street,
    )


NAME_PARTS = ("surname", "given_name", "patronymic")


def _valid_person(reader: _RowReader, person: PersonValues) -> bool:
    """The checks a person typed in the app passes (a name of letters, a phone of digits,
    a district of its oblast...), told at the register's column; never a failed import."""
    try:
        people.validate(person_input(person))
    except ValidationError as error:
        code = error.field or "full_name"
        if code in NAME_PARTS and "full_name" in reader.by_field:
            code = "full_name"
        reader.problem(code, error.template, **error.params)
        return False
    return True


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
    if not differences:
        return (), ()  # the same facts: no need to read the case's history
    edited = _edited_in_app(session, case.id)
    if edited and edited & {"category", "subcategory"}:
        edited |= {"category", "subcategory"}  # one choice: never half of it overwritten
    if edited and edited & {"status", "closed_on", "outcome"}:
        edited |= {"status", "closed_on"}
    kept = tuple(c for a, c in differences if edited is None or a in edited)
    changes = tuple(c for a, c in differences if edited is not None and a not in edited)
    return changes, kept


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
            lawyers = _lawyers(ws)
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
    if field_code == "lawyer":
        return lawyer_choices(ws)
    if field_code == "referral_to":
        with ws.reader() as session:
            rows = session.scalars(select(Organisation).where(Organisation.active))
            found = [(str(row.id), row.name_in(language)) for row in rows]
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


def _with_links(
    session: Any,
    table: Table,
    columns: Mapping[int, str],
    values: Mapping[str, Mapping[str, str | None]],
    lawyers: Mapping[str, str],
) -> tuple[dict[str, Mapping[str, str | None]], _Known]:
    """The values with the organisations and courts the vault's names suggest wherever
    none was mapped by hand (as lawyers are matched by name), and what the vault has."""
    merged: dict[str, Mapping[str, str | None]] = dict(values)
    for index, code in columns.items():
        if code in LINKED:
            hand = values.get(code, {})
            typed = [row[index].strip() for row in table.rows]
            auto = _suggest_links(session, code, typed)
            merged[code] = {value: hand.get(value) or found for value, found in auto.items()}
    known = _Known(
        lawyers,
        frozenset(
            str(i) for i in session.scalars(select(Organisation.id).where(Organisation.active))
        ),
        frozenset(session.scalars(select(Court.code).where(Court.active))),
    )
    return merged, known


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
        values, vault = _with_links(session, table, columns, values, lawyers)
        logins = {i: login for i, login in session.execute(select(Account.id, Account.login))}
        for number, row in zip(table.row_numbers, table.rows, strict=True):
            reader = _RowReader(table.header, columns, row)
            person, case = _read_row(reader, values, vault)
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
