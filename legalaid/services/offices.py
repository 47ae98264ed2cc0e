"""Offices of the network: code, names in three languages, region; the letterhead and the
signature of their letters (address, phone, email, logo, who signs).

The letterhead is readable by every signed-in person (offices appear on letters);
coordinators change it (MANAGE_OFFICES). Changes are audited by the Audited mixin on
Office, with the names of the fields changed only, never the text typed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Office
from legalaid.domain.enums import Region
from legalaid.errors import Conflict, NotFound, ValidationError
from legalaid.i18n import N_, current_language
from legalaid.services.directory import EMAIL_PATTERN
from legalaid.services.permissions import Permission
from legalaid.services.phones import normalise_phone
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


# --- letterhead ----------------------------------------------------------------------------

LETTERHEAD_LIMITS = {
    "address_ky": 300,
    "address_ru": 300,
    "address_en": 300,
    "phone": 64,
    "email": 200,
    "signatory_name": 200,
    "signatory_title_ky": 300,
    "signatory_title_ru": 300,
    "signatory_title_en": 300,
}
LOGO_MAX_BYTES = 512 * 1024
LOGO_SIDE_RANGE = (16, 4000)  # pixels, each side
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"


@dataclass(frozen=True)
class LetterheadInput:
    """What a coordinator types for an office's letterhead (in the order of the form)."""

    address_ky: str = ""
    address_ru: str = ""
    address_en: str = ""
    phone: str = ""
    email: str = ""
    signatory_name: str = ""
    signatory_title_ky: str = ""
    signatory_title_ru: str = ""
    signatory_title_en: str = ""


@dataclass(frozen=True)
class LetterheadInfo:
    address_ky: str
    address_ru: str
    address_en: str
    phone: str
    email: str
    signatory_name: str
    signatory_title_ky: str
    signatory_title_ru: str
    signatory_title_en: str
    has_logo: bool

    def as_input(self) -> LetterheadInput:
        return LetterheadInput(**{f.name: getattr(self, f.name) for f in fields(LetterheadInput)})

    def address_in(self, language: str) -> str:
        """The address a letter in `language` prints (the English one when it is empty),
        as services/letters.py chooses it."""
        return str(getattr(self, f"address_{language}", "") or self.address_en)

    def signatory_title_in(self, language: str) -> str:
        return str(getattr(self, f"signatory_title_{language}", ""))

    def lines(self, language: str) -> tuple[str, ...]:
        """The lines under the office's name on a letter in `language`: the address, then
        the phone and email (as services/letters.py prints them)."""
        contacts = " · ".join(part for part in (self.phone, self.email) if part)
        return tuple(line for line in (self.address_in(language), contacts) if line)

    @classmethod
    def of(cls, office: Office) -> LetterheadInfo:
        return cls(
            **{f.name: getattr(office, f.name) or "" for f in fields(LetterheadInput)},
            has_logo=bool(office.logo),
        )


def _office(session: Session, code: str) -> Office:
    office = session.scalar(select(Office).where(Office.code == (code or "").strip().upper()))
    if office is None:
        raise NotFound(N_("There is no office with the code {code}."), code=code)
    return office


def validate_letterhead(data: LetterheadInput) -> LetterheadInput:
    """A cleaned copy (spaces trimmed and collapsed), or ValidationError naming the first
    wrong field in the order of the form. The phone is kept as typed once it is a
    possible number; the typed text is never in a message."""
    cleaned = {name: " ".join((getattr(data, name) or "").split()) for name in LETTERHEAD_LIMITS}
    for name, limit in LETTERHEAD_LIMITS.items():
        if len(cleaned[name]) > limit:
            raise ValidationError(N_("At most {limit} characters."), field=name, limit=limit)
        if name == "phone" and cleaned[name]:
            normalise_phone(cleaned[name], field="phone")
        if name == "email" and cleaned[name] and not EMAIL_PATTERN.match(cleaned[name]):
            raise ValidationError(N_("This is not an email address."), field="email")
    return LetterheadInput(**cleaned)


def letterhead(ws: Workspace, office_code: str) -> LetterheadInfo:
    """An office's letterhead; every signed-in person may read it (it is on letters)."""
    with ws.reader() as session:
        return LetterheadInfo.of(_office(session, office_code))


def set_letterhead(ws: Workspace, office_code: str, data: LetterheadInput) -> LetterheadInfo:
    ws.require(Permission.MANAGE_OFFICES)
    cleaned = validate_letterhead(data)
    with ws.session() as session:
        office = _office(session, office_code)
        for name in LETTERHEAD_LIMITS:
            if getattr(office, name) != getattr(cleaned, name):  # only changes are audited
                setattr(office, name, getattr(cleaned, name))
        session.commit()
        return LetterheadInfo.of(office)


def image_kind(data: bytes) -> str | None:
    """The kind of image the first bytes announce ("png" or "jpeg"), else None."""
    if data.startswith(PNG_MAGIC):
        return "png"
    if data.startswith(JPEG_MAGIC):
        return "jpeg"
    return None


def logo_size_problem(size: int) -> ValidationError | None:
    """The refusal of a logo file of `size` bytes, or None (the UI asks before reading)."""
    if size <= LOGO_MAX_BYTES:
        return None
    return ValidationError(
        N_("The logo file has {size} KiB; at most {limit} KiB are accepted."),
        field="logo",
        size=-(-size // 1024),
        limit=LOGO_MAX_BYTES // 1024,
    )


def validate_logo(data: bytes) -> bytes:
    """The logo's bytes if a letter can print them: PNG or JPEG, at most 512 KiB, readable
    by ReportLab (which draws it) with each side 16 to 4000 pixels; else ValidationError."""
    if image_kind(data) is None:
        raise ValidationError(N_("The logo must be a PNG or JPEG image."), field="logo")
    too_large = logo_size_problem(len(data))
    if too_large is not None:
        raise too_large
    from reportlab.lib.utils import ImageReader  # noqa: PLC0415 - loaded when needed

    unreadable = ValidationError(
        N_("The logo file is damaged or not an image that can be printed."), field="logo"
    )
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # noqa: BLE001 - whatever ReportLab (or Pillow under it) refuses
        raise unreadable from None
    low, high = LOGO_SIDE_RANGE
    if not (low <= width <= high and low <= height <= high):
        raise ValidationError(
            N_(
                "The logo has {width} × {height} pixels; each side must have from "
                "{minimum} to {maximum} pixels."
            ),
            field="logo",
            width=width,
            height=height,
            minimum=low,
            maximum=high,
        )
    try:  # the header may be fine and the pixels not: decode once, as printing will
        reader.getRGBData()
    except Exception:  # noqa: BLE001
        raise unreadable from None
    return data


def set_logo(ws: Workspace, office_code: str, data: bytes | None) -> LetterheadInfo:
    """Put a logo on the office's letterhead, or remove it (None)."""
    ws.require(Permission.MANAGE_OFFICES)
    logo = validate_logo(bytes(data)) if data is not None else None
    with ws.session() as session:
        office = _office(session, office_code)
        if office.logo != logo:
            office.logo = logo
        session.commit()
        return LetterheadInfo.of(office)


def office_logo(ws: Workspace, office_code: str) -> bytes | None:
    with ws.reader() as session:
        logo = _office(session, office_code).logo
        return bytes(logo) if logo else None
