"""An office's letterhead and logo: round trip, validation at the field, who may change
it, the logo checks, and an audit that names the fields but never the text typed."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from helpers.make_vault import CANARY, add_staff, as_user
from sqlalchemy import select

from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import Role
from legalaid.errors import NotFound, PermissionDenied, ValidationError
from legalaid.services import offices
from legalaid.services.offices import LetterheadInput
from legalaid.services.workspace import Workspace

OFFICE = "MAIN"
FULL = LetterheadInput(
    address_ky="  Ош ш.,   Ленин көчөсү, 1  ",
    address_ru="г. Ош, ул. Ленина, 1",
    address_en="1 Lenin St, Osh",
    phone="(03222) 5-55-55",
    email="osh@legalaid.kg",
    signatory_name="Б. К. Усенова",
    signatory_title_ky="Директор",
    signatory_title_ru="Директор",
    signatory_title_en="Director",
)


def png(width: int, height: int) -> bytes:
    """A real RGB PNG, built by hand (no image library in the test)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\x1f\x3a\x5f" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_a_new_office_has_an_empty_letterhead(workspace: Workspace) -> None:
    info = offices.letterhead(workspace, OFFICE)
    assert info.as_input() == LetterheadInput() and not info.has_logo
    assert offices.office_logo(workspace, OFFICE) is None


def test_the_letterhead_round_trips_cleaned(workspace: Workspace) -> None:
    saved = offices.set_letterhead(workspace, "main", FULL)
    assert saved.address_ky == "Ош ш., Ленин көчөсү, 1"
    assert saved.phone == "(03222) 5-55-55"  # kept as typed once it is a possible number
    read = offices.letterhead(workspace, OFFICE)
    assert read == saved
    assert read.as_input() == LetterheadInput(**{**FULL.__dict__, "address_ky": saved.address_ky})
    assert read.lines("ru") == ("г. Ош, ул. Ленина, 1", "(03222) 5-55-55 · osh@legalaid.kg")
    cleared = offices.set_letterhead(workspace, OFFICE, LetterheadInput())
    assert cleared.as_input() == LetterheadInput()


def test_english_address_stands_in_for_a_missing_one(workspace: Workspace) -> None:
    offices.set_letterhead(workspace, OFFICE, LetterheadInput(address_en="1 Lenin St, Osh"))
    info = offices.letterhead(workspace, OFFICE)
    assert info.address_in("ky") == "1 Lenin St, Osh"
    assert info.lines("ky") == ("1 Lenin St, Osh",)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "osh.legalaid.kg"}, "email", "This is not an email address."),
        ({"email": "a@b"}, "email", "This is not an email address."),
        ({"phone": "call the office"}, "phone", "A phone number has digits only"),
        ({"phone": "0777 12"}, "phone", "5 digits were given"),
        ({"address_ru": "д" * 301}, "address_ru", "At most 300 characters."),
        ({"signatory_title_en": "x" * 301}, "signatory_title_en", "At most 300 characters."),
        ({"signatory_name": "x" * 201}, "signatory_name", "At most 200 characters."),
        ({"email": "a" * 190 + "@example.kg"}, "email", "At most 200 characters."),
        ({"phone": "5" * 65}, "phone", "At most 64 characters."),
    ],
)
def test_wrong_values_are_refused_at_their_field(
    workspace: Workspace, changes: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        offices.set_letterhead(workspace, OFFICE, LetterheadInput(**{**FULL.__dict__, **changes}))
    assert raised.value.field == field
    assert message in str(raised.value)
    for typed in changes.values():
        assert typed not in str(raised.value)
    assert offices.letterhead(workspace, OFFICE).as_input() == LetterheadInput()  # nothing kept


def test_the_limits_themselves_are_accepted(workspace: Workspace) -> None:
    data = LetterheadInput(
        address_en="a" * 300, signatory_name="n" * 200, phone="+996 555 123 456" + " " * 60
    )
    saved = offices.set_letterhead(workspace, OFFICE, data)
    assert len(saved.address_en) == 300 and saved.phone == "+996 555 123 456"


def test_an_unknown_office_is_not_found(workspace: Workspace) -> None:
    for call in (
        lambda: offices.letterhead(workspace, "NOPE"),
        lambda: offices.set_letterhead(workspace, "NOPE", FULL),
        lambda: offices.set_logo(workspace, "NOPE", png(20, 20)),
        lambda: offices.office_logo(workspace, "NOPE"),
    ):
        with pytest.raises(NotFound):
            call()


def test_everyone_reads_the_letterhead_only_coordinators_change_it(
    workspace: Workspace,
) -> None:
    offices.set_letterhead(workspace, OFFICE, FULL)
    offices.set_logo(workspace, OFFICE, png(20, 20))
    add_staff(workspace, "para", Role.PARALEGAL, "a paralegal's long passphrase")
    paralegal = as_user(workspace, "para")
    assert offices.letterhead(paralegal, OFFICE).email == "osh@legalaid.kg"
    assert offices.office_logo(paralegal, OFFICE) == png(20, 20)
    with pytest.raises(PermissionDenied):
        offices.set_letterhead(paralegal, OFFICE, LetterheadInput())
    with pytest.raises(PermissionDenied):
        offices.set_logo(paralegal, OFFICE, None)
    assert offices.letterhead(workspace, OFFICE).has_logo


def test_a_logo_is_stored_and_removed(workspace: Workspace) -> None:
    logo = png(20, 20)
    assert offices.set_logo(workspace, OFFICE, logo).has_logo
    assert offices.office_logo(workspace, OFFICE) == logo
    assert offices.letterhead(workspace, OFFICE).has_logo
    assert not offices.set_logo(workspace, OFFICE, None).has_logo
    assert offices.office_logo(workspace, OFFICE) is None


def test_a_jpeg_logo_is_accepted(workspace: Workspace) -> None:
    from PIL import Image  # the test makes a JPEG with Pillow (ReportLab's dependency)

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (31, 58, 95)).save(buffer, "JPEG")
    assert offices.set_logo(workspace, OFFICE, buffer.getvalue()).has_logo


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a" + bytes(100), "must be a PNG or JPEG image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "must be a PNG or JPEG image"),
        (b"", "must be a PNG or JPEG image"),
        (b"\x89PNG\r\n\x1a\n" + bytes(600 * 1024), "has 601 KiB; at most 512 KiB"),
        (b"\x89PNG\r\n\x1a\nnot really a png", "damaged or not an image"),
        (b"\xff\xd8\xff\xe0 not really a jpeg", "damaged or not an image"),
        (png(8, 20), "has 8 × 20 pixels; each side must have from 16 to 4000 pixels"),
        (png(4001, 16), "has 4001 × 16 pixels"),
    ],
)
def test_a_logo_that_cannot_be_printed_is_refused(
    workspace: Workspace, data: bytes, message: str
) -> None:
    offices.set_logo(workspace, OFFICE, png(20, 20))
    with pytest.raises(ValidationError) as raised:
        offices.set_logo(workspace, OFFICE, data)
    assert raised.value.field == "logo"
    assert message in str(raised.value)
    assert offices.office_logo(workspace, OFFICE) == png(20, 20)  # the old one stays


def test_a_png_with_damaged_pixels_is_refused(workspace: Workspace) -> None:
    good = png(20, 20)
    start = good.index(b"IDAT") + 4
    damaged = good[:start] + b"\x00" * 8 + good[start + 8 :]  # the header still reads
    with pytest.raises(ValidationError) as raised:
        offices.set_logo(workspace, OFFICE, damaged)
    assert raised.value.field == "logo"


def test_changes_are_audited_without_the_text(workspace: Workspace) -> None:
    offices.set_letterhead(
        workspace,
        OFFICE,
        LetterheadInput(address_ru=f"ул. {CANARY}, 1", signatory_name=f"{CANARY} Б. К."),
    )
    offices.set_logo(workspace, OFFICE, png(20, 20))
    with workspace.reader() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "office", AuditEvent.action == "update")
        ).all()
    details = [event.detail for event in events]
    assert len(details) == 2
    assert "address_ru" in details[0] and "signatory_name" in details[0]
    assert "address_en" not in details[0]  # unchanged fields are not named
    assert "logo" in details[1]
    assert not any(CANARY in detail for detail in details)
