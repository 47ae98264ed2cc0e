"""One row of a register read into the values of a person and a case (with the referral
and hearing it may name), each problem named by its column: a date that cannot be, a name
with no given name, a value no mapping knows, a PIN, phone or district the person form
would refuse, a closing day before the opening... A row that comes out of here whole
passes the checks the write makes (services/imports/apply.py), so a dry run that accepts a
row never makes the import fail.

A row may name where the case was referred (an active organisation of the directory) and on
what day (the day it was opened when the cell is empty; not before it, not in the future),
and a court (an active court of the list) with the kind of proceeding, our lawyer (the
lawyer column) and the hearing's day, a time with it if given (10:00 otherwise; past or
to come). A day without the organisation or the court it belongs to rejects the row.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from legalaid.domain.enums import CaseStatus, Gender
from legalaid.domain.names import skeleton
from legalaid.domain.pin import parse_pin
from legalaid.domain.typed_dates import parse_typed_date
from legalaid.errors import ValidationError
from legalaid.i18n import N_
from legalaid.services import people, proceedings, referrals
from legalaid.services.cases import validate_category
from legalaid.services.imports.mapping import value_choices
from legalaid.services.people import PersonInput

EARLIEST = dt.date(1900, 1, 1)
HEARINGS_AHEAD = dt.timedelta(days=2 * 366)  # a later hearing is taken for a mistyped year
HEARING_TIME = dt.time(10, 0)  # local: when the register gives the day only
REF_MAX = 64
NO_LAWYER = "-"  # a lawyer's name mapped to nobody: the case stays unassigned


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
    row: int = 0  # the row it was read from

    @property
    def key(self) -> tuple[str, ...]:
        """The same person across rows and scripts: the PIN, else name and birth date; a
        name alone is not enough (two "Асанов Бакыт" are two people until shown one)."""
        if self.pin:
            return ("pin", self.pin)
        if self.birth_date is None:
            return ("row", str(self.row))
        born = self.birth_date.isoformat()
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
    office_code: str | None = None  # None: the importing coordinator's office

    def register_says(self, field_code: str) -> str | None:
        """What the register says of an updatable field (None: it says nothing)."""
        if field_code == "closed_on":
            return self.closed_on.isoformat() if self.closed_on else None
        if field_code == "lawyer":
            return self.lawyer_login
        if field_code == "status" and self.closed_on:
            return CaseStatus.CLOSED.value  # a closing day says it (read_row made sure)
        value = getattr(self, field_code)
        return value or None


def _check_closing(
    reader: RowReader, opened: dt.date | None, closed: dt.date | None, status: str | None
) -> None:
    """A closing day only with a closed status (or none), never before the opening; a
    closed status only with its day (the register would otherwise make one up)."""
    if closed is not None and opened is not None and closed < opened:
        reader.problem(
            "closed_on",
            N_("The case cannot be closed ({closed}) before it was opened."),
            closed=reader.text("closed_on"),
        )
    if closed is not None and status not in (None, CaseStatus.CLOSED.value):
        reader.problem(
            "status",
            N_("The status is {value}, but a closing day is given."),
            value=reader.text("status"),
        )
    if status == CaseStatus.CLOSED.value and closed is None:
        reader.problem("closed_on", N_("A closed case needs the day it was closed."))


def _split_full_name(text: str) -> tuple[str, str, str | None]:
    words = text.split()
    if len(words) < 2:
        return text.strip(), "", None
    return words[0], words[1], " ".join(words[2:]) or None


@functools.cache
def _known_codes(field_code: str) -> frozenset[str]:
    return frozenset(code for code, _label in value_choices(field_code, "en"))


class RowReader:
    """One row's cells by field, with its problems."""

    def __init__(
        self,
        header: Sequence[str],
        columns: Mapping[int, str],
        row: Sequence[str],
        number: int = 0,
    ):
        self.header = header
        self.number = number
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

    def coded(
        self,
        code: str,
        values: Mapping[str, Mapping[str, str | None]],
        known: frozenset[str] | None = None,
        gone: str = N_("{value} is mapped to a value the app no longer has."),
    ) -> str | None:
        """The code the cell's value is mapped to, if it is one of `known` (the reference
        data's codes by default); else None, and the problem (`gone`: mapped by hand, in a
        saved mapping, to one that is no longer there)."""
        typed = self.text(code)
        if not typed:
            return None
        found = values.get(code, {}).get(typed)
        if found is None:
            self.problem(code, N_("{value} is not mapped to a known value."), value=typed)
        elif found not in (_known_codes(code) if known is None else known):
            self.problem(code, gone, value=typed)
            return None
        return found


@dataclass(frozen=True)
class Known:
    """What the vault has for a row's values to name: active lawyers (folded names and
    logins -> login), organisations (ids as text) and courts (codes)."""

    lawyers: Mapping[str, str]
    organisations: frozenset[str] = frozenset()
    courts: frozenset[str] = frozenset()
    offices: frozenset[str] = frozenset()  # codes


def _hearing_moment(reader: RowReader) -> dt.datetime | None:
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
        or proceedings.to_utc(dt.datetime.combine(day, at)) < proceedings.EARLIEST
        or day > today + HEARINGS_AHEAD
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
    reader: RowReader,
    values: Mapping[str, Mapping[str, str | None]],
    known: Known,
    opened: dt.date | None,
) -> ReferralValues | None:
    typed = reader.text("referral_to")
    if not typed:
        if reader.text("referred_on"):
            reader.problem(
                "referred_on", N_("A date of referral needs the organisation it was made to.")
            )
        return None
    organisation = reader.coded(
        "referral_to",
        values,
        known.organisations,
        N_("{value} is not an active organisation of the directory."),
    )
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
    reader: RowReader,
    values: Mapping[str, Mapping[str, str | None]],
    known: Known,
    lawyer: str | None,
) -> HearingValues | None:
    typed = reader.text("court")
    if not typed:  # a kind of proceeding alone may describe the case: not imported
        if reader.text("hearing_on"):
            reader.problem("hearing_on", N_("A hearing date needs the court the hearing is in."))
        return None
    court = reader.coded(
        "court", values, known.courts, N_("{value} is not an active court of the list.")
    )
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


CASE_FIELDS = frozenset(
    {
        "category",
        "subcategory",
        "opened_on",
        "closed_on",
        "status",
        "lawyer",
        "office",
        "summary",
        "external_ref",
        "referral_to",
        "referred_on",
        "court",
        "proceeding_kind",
        "hearing_on",
    }
)  # a register that maps none of them is a list of people: each row a person, no case


def people_only(columns: Mapping[int, str]) -> bool:
    return not CASE_FIELDS & set(columns.values())


def _read_person(
    reader: RowReader, values: Mapping[str, Mapping[str, str | None]]
) -> PersonValues | None:
    """The row's person, or None with the problems told (the row's case ones too, then)."""
    surname, given, patronymic = reader.text("surname"), reader.text("given_name"), None
    if reader.text("full_name"):
        surname, given, patronymic = _split_full_name(reader.text("full_name"))
    patronymic = reader.text("patronymic") or patronymic
    name_field = "full_name" if "full_name" in reader.by_field else "surname"
    if not surname or not given:
        reader.problem(name_field, N_("Both a surname and a given name are needed."))
    birth = reader.date("birth_date")
    pin = reader.text("pin") or None
    if pin is not None:
        try:
            facts = parse_pin(pin)
        except ValidationError as error:
            reader.problem("pin", error.template, **error.params)
        else:
            pin = facts.pin  # "2-1203-1990-00123" is 21203199000123: one person
            birth = birth or facts.birth_date
    gender = reader.coded("gender", values)
    district = reader.coded("district", values)
    region = reader.coded("region", values) or (district.split(".")[0] if district else None)
    return PersonValues(
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
        reader.number,
    )


def read_row(
    reader: RowReader,
    values: Mapping[str, Mapping[str, str | None]],
    known: Known,
    with_case: bool = True,
) -> tuple[PersonValues | None, CaseValues | None]:
    """The row's person and case (without `with_case`, its person only), or (None, None)
    with every problem of the row told."""
    person = _read_person(reader, values)
    case = _read_case(reader, values, known) if with_case else None
    if reader.problems or person is None or not _valid_person(reader, person):
        return None, None
    return person, case


def _read_case(
    reader: RowReader, values: Mapping[str, Mapping[str, str | None]], known: Known
) -> CaseValues | None:
    category = reader.coded("category", values)
    subcategory = reader.coded("subcategory", values)
    if category and "." in category:  # a subcategory's words in the category column
        category, subcategory = category.split(".")[0], subcategory or category
    if not reader.text("category"):
        reader.problem("category", N_("The category is missing."))
    elif category:
        try:
            validate_category(category, subcategory)
        except ValidationError as error:  # a subcategory of another category
            where = "subcategory" if "subcategory" in reader.by_field else "category"
            reader.problem(where, error.template, **error.params)
    opened = reader.date("opened_on", required=True)
    closed = reader.date("closed_on")
    status = reader.coded("status", values)
    _check_closing(reader, opened, closed, status)
    lawyer = None
    if reader.text("lawyer"):
        typed = reader.text("lawyer")
        lawyer = values.get("lawyer", {}).get(typed) or known.lawyers.get(skeleton(typed))
        if lawyer == NO_LAWYER:  # mapped to nobody: a lawyer who has left, say
            lawyer = None
        elif lawyer not in known.lawyers.values():  # unknown, or mapped to an account since closed
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
    office = None
    if reader.text("office"):
        office = values.get("office", {}).get(reader.text("office"))
        if office not in known.offices:
            reader.problem(
                "office", N_("{value} is not an office of this vault."), value=reader.text("office")
            )
    referral = _read_referral(reader, values, known, opened)
    hearing = _read_hearing(reader, values, known, lawyer)
    if reader.problems:
        return None
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
        office,
    )
    return case


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


def _valid_person(reader: RowReader, person: PersonValues) -> bool:
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
