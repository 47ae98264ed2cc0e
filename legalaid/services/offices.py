"""Offices of the network: code, names in three languages, region."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Office
from legalaid.domain.enums import Region
from legalaid.errors import Conflict, NotFound, ValidationError
from legalaid.i18n import N_, current_language
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace

CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9-]{1,15}$")


@dataclass(frozen=True)
class OfficeInfo:
    id: int
    code: str
    name_ky: str
    name_ru: str
    name_en: str
    region: Region

    @property
    def name(self) -> str:
        return {"ky": self.name_ky, "ru": self.name_ru}.get(current_language(), self.name_en)

    @classmethod
    def of(cls, office: Office) -> OfficeInfo:
        return cls(
            office.id,
            office.code,
            office.name_ky,
            office.name_ru,
            office.name_en,
            Region(office.region),
        )


def validate_office_code(code: str) -> str:
    normalised = code.strip().upper()
    if not CODE_PATTERN.match(normalised):
        raise ValidationError(
            N_(
                "An office code has 2 to 16 characters: Latin capitals, digits or '-', "
                "starting with a letter (e.g. OSH)."
            ),
            field="office_code",
        )
    return normalised


def validate_office_name(name: str, field: str) -> str:
    cleaned = " ".join(name.split())
    if not 2 <= len(cleaned) <= 200:
        raise ValidationError(
            N_("The office name must have between 2 and 200 characters."), field=field
        )
    return cleaned


def new_office(session: Session, code: str, names: dict[str, str], region: Region) -> Office:
    """Validate and add an office in the caller's session (also used by vault creation)."""
    code = validate_office_code(code)
    if session.scalar(select(Office.id).where(Office.code == code)) is not None:
        raise Conflict(N_("The office code {code} is already used."), code=code)
    office = Office(
        code=code,
        name_ky=validate_office_name(names["ky"], "name_ky"),
        name_ru=validate_office_name(names["ru"], "name_ru"),
        name_en=validate_office_name(names["en"], "name_en"),
        region=Region(region).value,
    )
    session.add(office)
    return office


def add_office(ws: Workspace, code: str, names: dict[str, str], region: Region) -> OfficeInfo:
    ws.require(Permission.MANAGE_OFFICES)
    with ws.session() as session:
        office = new_office(session, code, names, region)
        session.commit()
        return OfficeInfo.of(office)


def list_offices(ws: Workspace) -> list[OfficeInfo]:
    """Every role may see the offices (they appear on letters and in lists)."""
    with ws.reader() as session:
        return [OfficeInfo.of(o) for o in session.scalars(select(Office).order_by(Office.code))]


def delete_office(ws: Workspace, code: str) -> None:
    """Erase an office nobody works in (a mistyped one); its old text is purged from disk."""
    ws.require(Permission.MANAGE_OFFICES)
    with ws.session() as session:
        office = session.scalar(select(Office).where(Office.code == code.strip().upper()))
        if office is None:
            raise NotFound(N_("There is no office with the code {code}."), code=code)
        if office.accounts:
            raise Conflict(
                N_("The office {code} still has staff accounts; move them first."), code=office.code
            )
        session.delete(office)
        session.commit()
    ws.vault.purge_deleted_residue()
