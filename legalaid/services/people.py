"""People: add, change, look at, list, erase. Validation keeps what was typed and names the
field; a PIN is checked against the birth date and gender entered (and fills them in)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legalaid.domain import reference
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import Gender, Language, Region, Vulnerability
from legalaid.domain.people import Person, PersonVulnerability
from legalaid.domain.pin import check_pin_matches, parse_pin
from legalaid.errors import Conflict, ValidationError
from legalaid.i18n import N_
from legalaid.services.permissions import Permission
from legalaid.services.search_index import full_name, phone_digits
from legalaid.services.visibility import (
    case_visible,
    hidden_people_count,
    person_not_found,
    person_visible,
)
from legalaid.services.workspace import AccountInfo, Workspace

NAME_PATTERN = re.compile(r"^[^\W\d_]+(?:[ '’\-][^\W\d_]+)*$")
MAX_AGE = 120


@dataclass(frozen=True)
class PersonInput:
    """What a form or a command line gives about a person. Strings as typed."""

    surname: str
    given_name: str
    patronymic: str | None = None
    gender: Gender = Gender.UNKNOWN
    birth_date: dt.date | None = None
    approximate_age: int | None = None
    pin: str | None = None
    phone: str | None = None
    region: str | None = None
    district: str | None = None
    settlement: str | None = None
    street: str | None = None
    languages: tuple[Language, ...] = ()
    vulnerabilities: tuple[Vulnerability, ...] = ()
    notes: str | None = None


@dataclass(frozen=True)
class PersonInfo:
    id: int
    surname: str
    given_name: str
    patronymic: str | None
    gender: Gender
    birth_date: dt.date | None
    birth_year_estimate: int | None
    pin: str | None
    phone: str | None
    region: str | None
    district: str | None
    settlement: str | None
    street: str | None
    languages: tuple[Language, ...]
    vulnerabilities: tuple[Vulnerability, ...]
    notes: str | None
    case_ids: tuple[int, ...] = field(default=())

    @property
    def full_name(self) -> str:
        return full_name(self.surname, self.given_name, self.patronymic)

    @classmethod
    def of(cls, person: Person, case_ids: tuple[int, ...] = ()) -> PersonInfo:
        return cls(
            id=person.id,
            surname=person.surname,
            given_name=person.given_name,
            patronymic=person.patronymic,
            gender=Gender(person.gender),
            birth_date=person.birth_date,
            birth_year_estimate=person.birth_year_estimate,
            pin=person.pin,
            phone=person.phone,
            region=person.region,
            district=person.district,
            settlement=person.settlement,
            street=person.street,
            languages=tuple(Language(code) for code in person.languages.split(",") if code),
            vulnerabilities=tuple(
                sorted((Vulnerability(v.code) for v in person.vulnerabilities), key=str)
            ),
            notes=person.notes,
            case_ids=case_ids,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "surname": self.surname,
            "given_name": self.given_name,
            "patronymic": self.patronymic,
            "gender": self.gender.value,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "birth_year_estimate": self.birth_year_estimate,
            "pin": self.pin,
            "phone": self.phone,
            "region": self.region,
            "district": self.district,
            "settlement": self.settlement,
            "street": self.street,
            "languages": [code.value for code in self.languages],
            "vulnerabilities": [code.value for code in self.vulnerabilities],
            "notes": self.notes,
            "case_ids": list(self.case_ids),
        }


def address_text(person: PersonInfo) -> str:
    """Region, district, settlement and street in one line, in the current language."""
    parts = [Region(person.region).label if person.region else ""]
    if person.district:
        found = reference.district(person.district)
        parts.append(found.label() if found else person.district)
    parts += [person.settlement or "", person.street or ""]
    return ", ".join(part for part in parts if part)


def _name(value: str | None, field_name: str, required: bool) -> str | None:
    cleaned = " ".join(unicodedata.normalize("NFC", value or "").split())
    if not cleaned:
        if required:
            raise ValidationError(N_("This name is required."), field=field_name)
        return None
    if len(cleaned) > 100 or not NAME_PATTERN.match(cleaned):
        raise ValidationError(
            N_("A name has letters, spaces, hyphens and apostrophes only (at most 100)."),
            field=field_name,
        )
    return cleaned


def _short_text(value: str | None, field_name: str, limit: int) -> str | None:
    cleaned = " ".join((value or "").split())
    if len(cleaned) > limit:
        raise ValidationError(
            N_("At most {limit} characters fit here."), field=field_name, limit=limit
        )
    return cleaned or None


def validate(data: PersonInput, today: dt.date | None = None) -> PersonInput:
    """A cleaned copy of `data`, or ValidationError naming the first field that is wrong."""
    today = today or dt.date.today()
    # Fields in the order of the form, so the first message names the first wrong field.
    surname = _name(data.surname, "surname", True) or ""
    given_name = _name(data.given_name, "given_name", True) or ""
    patronymic = _name(data.patronymic, "patronymic", False)
    birth_date = data.birth_date
    gender = Gender(data.gender)
    if birth_date is not None and not dt.date(1900, 1, 1) <= birth_date <= today:
        raise ValidationError(
            N_("The birth date cannot be in the future or before 1900."), field="birth_date"
        )
    if data.approximate_age is not None and not 0 <= data.approximate_age <= MAX_AGE:
        raise ValidationError(
            N_("An age is between 0 and {maximum}."), field="approximate_age", maximum=MAX_AGE
        )
    pin = None
    if data.pin and data.pin.strip():
        facts = parse_pin(data.pin, today)
        check_pin_matches(facts, birth_date, gender)
        pin, birth_date = facts.pin, facts.birth_date
        gender = facts.gender if gender is Gender.UNKNOWN else gender
    phone = _short_text(data.phone, "phone", 32)
    if phone is not None and not (
        re.fullmatch(r"[+\d\s()\-]+", phone) and 6 <= len(phone_digits(phone)) <= 15
    ):
        raise ValidationError(
            N_("A phone number has 6 to 15 digits (spaces, +, - allowed)."), field="phone"
        )
    region = data.region or None
    if region is not None and region not in {r.value for r in Region}:
        raise ValidationError(N_("Unknown region."), field="region")
    district = data.district or None
    if district is not None:
        found = reference.district(district)
        if found is None or (region is not None and not district.startswith(region + ".")):
            raise ValidationError(
                N_("This district is not in the chosen region."), field="district"
            )
        region = region or district.split(".")[0]
    return replace(
        data,
        surname=surname,
        given_name=given_name,
        patronymic=patronymic,
        gender=gender,
        birth_date=birth_date,
        pin=pin,
        phone=phone,
        region=region,
        district=district,
        settlement=_short_text(data.settlement, "settlement", 100),
        street=_short_text(data.street, "street", 200),
        languages=tuple(dict.fromkeys(Language(code) for code in data.languages)),
        vulnerabilities=tuple(dict.fromkeys(Vulnerability(v) for v in data.vulnerabilities)),
        notes=(data.notes or "").strip() or None,
    )


def _apply(person: Person, data: PersonInput, today: dt.date) -> None:
    person.surname = data.surname
    person.given_name = data.given_name
    person.patronymic = data.patronymic
    person.gender = Gender(data.gender).value
    person.birth_date = data.birth_date
    person.birth_year_estimate = (
        today.year - data.approximate_age
        if data.birth_date is None and data.approximate_age is not None
        else None
    )
    person.pin = data.pin
    person.phone = data.phone
    person.region = data.region
    person.district = data.district
    person.settlement = data.settlement
    person.street = data.street
    person.languages = ",".join(code.value for code in data.languages)
    person.notes = data.notes
    wanted = {v.value for v in data.vulnerabilities}
    person.vulnerabilities = [v for v in person.vulnerabilities if v.code in wanted] + [
        PersonVulnerability(code=code)
        for code in sorted(wanted - {v.code for v in person.vulnerabilities})
    ]


def _refuse_duplicate_pin(
    session: Session, viewer: AccountInfo, pin: str | None, own_id: int | None
) -> None:
    """A PIN is unique; the record holding it is named only if the viewer may see it."""
    if pin is None:
        return
    other = session.scalar(select(Person.id).where(Person.pin == pin))
    if other is None or other == own_id:
        return
    if session.scalar(select(Person.id).where(Person.id == other, person_visible(viewer))):
        raise Conflict(N_("Another person already has this PIN (record {id})."), id=other)
    raise Conflict(N_("Another person already has this PIN, in a restricted record."))


def new_person(session: Session, ws: Workspace, data: PersonInput) -> Person:
    """A validated person added to an open session, not committed (an import writes many
    in one transaction)."""
    ws.require(Permission.EDIT_PEOPLE)
    today = dt.date.today()
    clean = validate(data, today)
    _refuse_duplicate_pin(session, ws.actor, clean.pin, None)
    person = Person(created_by=ws.actor.id)
    _apply(person, clean, today)
    session.add(person)
    session.flush()
    return person


def add_person(ws: Workspace, data: PersonInput) -> PersonInfo:
    with ws.session() as session:
        person = new_person(session, ws, data)
        session.commit()
        return PersonInfo.of(person)


def _visible_person(ws: Workspace, session: Session, person_id: int) -> Person:
    person = session.scalar(select(Person).where(Person.id == person_id, person_visible(ws.actor)))
    if person is None:
        raise person_not_found()
    return person


def update_person(ws: Workspace, person_id: int, data: PersonInput) -> PersonInfo:
    ws.require(Permission.EDIT_PEOPLE)
    today = dt.date.today()
    clean = validate(data, today)
    with ws.session() as session:
        person = _visible_person(ws, session, person_id)
        _refuse_duplicate_pin(session, ws.actor, clean.pin, person.id)
        _apply(person, clean, today)
        session.commit()
        return PersonInfo.of(person, _case_ids(session, ws.actor, person.id))


def _case_ids(session: Session, viewer: AccountInfo, person_id: int) -> tuple[int, ...]:
    """The person's cases that the viewer may see (restricted ones are left out)."""
    query = (
        select(CaseParty.case_id)
        .join(Case, Case.id == CaseParty.case_id)
        .where(CaseParty.person_id == person_id, case_visible(viewer))
        .distinct()
    )
    return tuple(sorted(session.scalars(query)))


def get_person(ws: Workspace, person_id: int) -> PersonInfo:
    """Opening a person's record is audited (who looked at whom, never what was seen)."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.session() as session:
        person = _visible_person(ws, session, person_id)
        info = PersonInfo.of(person, _case_ids(session, ws.actor, person.id))
        ws.vault.record(session, "view", "person", person.id)
        session.commit()
        return info


@dataclass(frozen=True)
class PersonRow:
    id: int
    full_name: str
    birth_date: dt.date | None
    pin: str | None
    region: str | None


def list_people(ws: Workspace, offset: int = 0, limit: int = 100) -> tuple[list[PersonRow], int]:
    """One page in alphabet order (Kyrgyz: Ң after Н, Ө after О, Ү after У), and the total."""
    ws.require(Permission.VIEW_RECORDS)
    visible = person_visible(ws.actor)
    with ws.reader() as session:
        total = (session.scalar(select(func.count(Person.id))) or 0) - hidden_people_count(
            session, ws.actor
        )
        rows = session.execute(
            select(
                Person.id,
                Person.surname,
                Person.given_name,
                Person.patronymic,
                Person.birth_date,
                Person.pin,
                Person.region,
            )
            .where(visible)
            .order_by(Person.sort_key, Person.id)
            .offset(offset)
            .limit(limit)
        ).all()
    return [
        PersonRow(
            r.id, full_name(r.surname, r.given_name, r.patronymic), r.birth_date, r.pin, r.region
        )
        for r in rows
    ], int(total)


def delete_person(ws: Workspace, person_id: int) -> None:
    """Erase a person who is party to no case (coordinators); residue is purged from disk."""
    ws.require(Permission.DELETE_RECORDS)
    with ws.session() as session:
        person = _visible_person(ws, session, person_id)
        if session.scalar(select(CaseParty.id).where(CaseParty.person_id == person.id).limit(1)):
            raise Conflict(N_("This person is a party to cases; remove them from those first."))
        session.delete(person)
        session.commit()
    ws.vault.purge_deleted_residue()
