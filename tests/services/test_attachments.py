"""Attachments on cases and people: what a file is, limits, names, who may do what, erasing
with the owner, audit without names or content, nothing in clear on disk."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from helpers.make_vault import CANARY, OTHER_PASSPHRASE, files_containing
from helpers.records import case_for, person
from reportlab.pdfgen import canvas
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import IntegrityError

from legalaid.domain.attachments import Attachment, AttachmentContent
from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import PartyRole, Role
from legalaid.errors import Conflict, NotFound, PermissionDenied, ValidationError
from legalaid.services import accounts, attachments, cases, people
from legalaid.services.attachments import (
    MAX_BYTES,
    OCTET_STREAM,
    CopyNotWritten,
    clean_file_name,
    format_size,
    sniff_media_type,
    viewable_inside,
)
from legalaid.services.workspace import Workspace

# --- files made here ---------------------------------------------------------------------


def pdf_bytes(pages: int = 1, marker: str = "") -> bytes:
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    for number in range(pages):
        document.drawString(72, 760, f"Page {number + 1} {marker}")
        document.showPage()
    document.save()
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes], stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first is not None:
            archive.writestr(
                zipfile.ZipInfo(stored_first), entries.pop(stored_first), zipfile.ZIP_STORED
            )
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ooxml(folder: str) -> bytes:
    return zip_bytes(
        {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<r/>", f"{folder}/x.xml": b"<x/>"}
    )


def odf(media_type: str) -> bytes:
    return zip_bytes(
        {"mimetype": media_type.encode(), "content.xml": b"<office/>"}, stored_first="mimetype"
    )


def ole(stream: str) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return header + stream.encode("utf-16-le") + bytes(64)


def bmp_bytes() -> bytes:
    pixels = b"\x00\x00\xff\x00"  # one red pixel, padded to 4 bytes
    dib = struct.pack("<IiiHHIIiiII", 40, 1, 1, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    size = 14 + len(dib) + len(pixels)
    return b"BM" + struct.pack("<IHHI", size, 0, 0, 54) + dib + pixels


PNG = b"\x89PNG\r\n\x1a\n" + bytes(8) + b"IHDR" + bytes(32)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(40)


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (PNG, "scan.png", "image/png"),
        (JPEG, "photo.jpeg", "image/jpeg"),
        (b"GIF89a" + bytes(20), "a.gif", "image/gif"),
        (bmp_bytes(), "a.bmp", "image/bmp"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(20), "a.webp", "image/webp"),
        (b"II*\x00" + bytes(20), "a.tif", "image/tiff"),
        (b"MM\x00*" + bytes(20), "a.tiff", "image/tiff"),
        (pdf_bytes(), "letter.pdf", "application/pdf"),
        (b"\r\n\r\n%PDF-1.4\n...\n%%EOF\n", "junk-first.pdf", "application/pdf"),
        (ooxml("word"), "a.docx", attachments.DOCX),
        (ooxml("xl"), "a.xlsx", attachments.XLSX),
        (ooxml("ppt"), "a.pptx", attachments.PPTX),
        (odf(attachments.ODT), "a.odt", attachments.ODT),
        (odf(attachments.ODS), "a.ods", attachments.ODS),
        (zip_bytes({"a.txt": b"x"}), "bundle.zip", attachments.ZIP),
        # A zip with no office parts: the extension chooses among office types only.
        (zip_bytes({"a.txt": b"x"}), "report.docx", attachments.DOCX),
        (b"PK\x03\x04 damaged", "sheet.xlsx", attachments.XLSX),
        (ole("WordDocument"), "old.doc", attachments.DOC),
        (ole("Workbook"), "old.xls", attachments.XLS),
        (ole("Nothing"), "old.xls", attachments.XLS),
        (ole("Nothing"), "old.bin", OCTET_STREAM),
        (b"{\\rtf1\\ansi hello}", "a.rtf", attachments.RTF),
        ("Арыз: күйөөсү урушат\n".encode(), "notes.txt", "text/plain"),
        (b"text\x00with a NUL", "a.txt", OCTET_STREAM),
        (b"\xff\xfe\xfd not utf-8", "a.txt", OCTET_STREAM),
        (bytes(range(256)), "a.exe", OCTET_STREAM),
    ],
)
def test_the_type_comes_from_the_bytes(content: bytes, name: str, expected: str) -> None:
    assert sniff_media_type(content, name) == expected


def test_the_name_does_not_decide_the_type() -> None:
    assert sniff_media_type(pdf_bytes(), "photo.jpg") == "application/pdf"
    assert sniff_media_type(PNG, "letter.pdf") == "image/png"
    assert sniff_media_type(b"MZ\x90\x00" + bytes(60), "photo.jpg") == OCTET_STREAM
    # A text that mentions a PDF header is still text.
    assert sniff_media_type(b"see %PDF-1.4 in the spec", "note.pdf") == "text/plain"


def test_only_images_and_pdfs_are_viewable_inside() -> None:
    for media_type in ("image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp"):
        assert viewable_inside(media_type) == "image"
    assert viewable_inside("image/tiff") == "image"
    assert viewable_inside("application/pdf") == "pdf"
    for media_type in (attachments.DOCX, attachments.DOC, "text/plain", OCTET_STREAM):
        assert viewable_inside(media_type) is None


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("scan.pdf", "scan.pdf"),
        ("C:\\Users\\aigul\\Desktop\\scan.pdf", "scan.pdf"),
        ("/home/aigul/../../etc/passwd", "passwd"),
        ("photo\u202egpj.exe", "photogpj.exe"),  # a right-to-left override disguising .exe
        ("a\x00b\x07c\u200b.txt", "abc.txt"),
        ("two\nlines\there.txt", "two lines here.txt"),
        ("  report .  ", "report"),
        ('a<b>:c?"d|e*.txt', "a_b__c__d_e_.txt"),
        ("CON.txt", "_CON.txt"),
        ("Асанова паспорт.jpg", "Асанова паспорт.jpg"),
        ("Өмүрбекова\u0301.png", "Өмүрбекова\u0301.png"),
    ],
)
def test_file_names_are_cleaned(given: str, kept: str) -> None:
    assert clean_file_name(given) == kept


def test_a_long_name_is_cut_keeping_its_extension() -> None:
    cleaned = clean_file_name("ы" * 300 + ".pdf")
    assert len(cleaned) == 200
    assert cleaned.endswith("ы.pdf")


@pytest.mark.parametrize("given", ["", "   ", "C:\\folder\\", "..", "\u202e\u200b"])
def test_a_name_with_nothing_left_is_refused(given: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_file_name(given)
    assert caught.value.field == "file_name"


def test_sizes_read_in_each_language() -> None:
    assert format_size(1) == "1 byte"
    assert format_size(512) == "512 bytes"
    assert format_size(1536) == "1.5 kB"
    assert format_size(MAX_BYTES) == "25 MB"
    assert format_size(1536, "ru") == "1,5 кБ"
    assert format_size(3, "ru") == "3 байта"
    assert format_size(250 * 1024 * 1024 // 100, "ky") == "2,5 МБ"


# --- an office with staff, cases and people ------------------------------------------------


@dataclass
class Office:
    admin: Workspace
    lawyer1: Workspace
    lawyer2: Workspace
    para: Workspace
    monitor: Workspace
    plain: int  # unassigned
    mine: int  # lawyer1's
    secret: int  # lawyer1's, restricted
    client: int  # party to every case
    hidden: int  # party to the restricted case only
    loner: int  # party to no case


def _acting_as(ws: Workspace, login: str) -> Workspace:
    """Another member of staff on the same open vault (the service reads only the actor)."""
    info = next(a for a in accounts.list_accounts(ws) if a.login == login)
    return Workspace(ws.vault, info)


@pytest.fixture
def office(workspace: Workspace) -> Office:
    for login, name, role in (
        ("lawyer1", "Бакыт Асанов", Role.LAWYER),
        ("lawyer2", "Нурлан Жээнбеков", Role.LAWYER),
        ("para1", "Айгүл Осмонова", Role.PARALEGAL),
        ("monitor1", "Гүлнара Токтосунова", Role.MONITOR),
    ):
        accounts.add_account(workspace, login, name, role, OTHER_PASSPHRASE)
    client = person(workspace, "Өмүрбекова", "Айгүл")
    hidden = person(workspace, "Жумабаева", "Нуржан")
    loner = person(workspace, "Садыкова", "Бермет")
    plain = case_for(workspace, client)
    mine = case_for(workspace, client, "LAB", assigned_lawyer="lawyer1")
    secret = case_for(
        workspace,
        hidden,
        "GBV",
        assigned_lawyer="lawyer1",
        restricted=True,
        parties=(cases.PartyInput(client.id, PartyRole.WITNESS),),
    )
    return Office(
        workspace,
        _acting_as(workspace, "lawyer1"),
        _acting_as(workspace, "lawyer2"),
        _acting_as(workspace, "para1"),
        _acting_as(workspace, "monitor1"),
        plain.id,
        mine.id,
        secret.id,
        client.id,
        hidden.id,
        loner.id,
    )


def _count(ws: Workspace, table: str) -> int:
    with ws.reader() as session:
        return int(session.scalar(text(f"SELECT count(*) FROM {table}")) or 0)


def _events(ws: Workspace) -> list[AuditEvent]:
    with ws.reader() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.entity == "attachment").order_by(AuditEvent.seq)
            )
        )


# --- adding and listing --------------------------------------------------------------------


def test_a_file_is_stored_with_its_size_hash_type_and_who_added_it(office: Office) -> None:
    content = pdf_bytes(2)
    info = attachments.add_attachment(
        office.lawyer1, "case", office.mine, "C:\\scans\\decision.pdf", content, "  court  "
    )
    assert (info.owner, info.owner_id, info.file_name) == ("case", office.mine, "decision.pdf")
    assert info.media_type == "application/pdf" and info.viewable == "pdf"
    assert info.size == len(content)
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert info.description == "court"
    assert info.added_by == "Бакыт Асанов"
    assert info.added_at.tzinfo is not None
    assert attachments.list_attachments(office.lawyer2, "case", office.mine) == [info]
    opened, data = attachments.open_attachment(office.para, info.id)
    assert opened == info and data == content


def test_a_list_is_newest_first_and_per_owner(office: Office) -> None:
    first = attachments.add_attachment(office.admin, "case", office.plain, "a.txt", b"first")
    second = attachments.add_attachment(office.admin, "case", office.plain, "b.txt", b"second")
    on_person = attachments.add_attachment(office.admin, "person", office.client, "c.png", PNG)
    listed = attachments.list_attachments(office.admin, "case", office.plain)
    assert [a.id for a in listed] == [second.id, first.id]
    assert attachments.list_attachments(office.admin, "person", office.client) == [on_person]
    assert attachments.list_attachments(office.admin, "case", office.mine) == []


def test_listing_never_reads_the_files(office: Office) -> None:
    attachments.add_attachment(office.admin, "case", office.plain, "big.pdf", pdf_bytes(3))
    statements: list[str] = []

    def spy(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    engine = office.admin.vault.engine
    event.listen(engine, "before_cursor_execute", spy)
    try:
        listed = attachments.list_attachments(office.admin, "case", office.plain)
    finally:
        event.remove(engine, "before_cursor_execute", spy)
    assert len(listed) == 1
    assert statements and not any("attachment_content" in s for s in statements)


def test_size_limits(office: Office) -> None:
    with pytest.raises(ValidationError) as caught:
        attachments.add_attachment(office.admin, "case", office.plain, "empty.txt", b"")
    assert str(caught.value) == "The file is empty."
    with pytest.raises(ValidationError) as caught:
        attachments.add_attachment(
            office.admin, "case", office.plain, "huge.bin", bytes(MAX_BYTES + 1)
        )
    assert str(caught.value) == "The file is too large: at most 25 MB can be attached."
    assert _count(office.admin, "attachment") == 0
    largest = attachments.add_attachment(
        office.admin, "case", office.plain, "largest.bin", b"\x01" * MAX_BYTES
    )
    assert largest.size == MAX_BYTES


def test_files_from_disk_are_checked_before_being_read(office: Office, tmp_path: Path) -> None:
    huge = tmp_path / "huge.bin"
    with open(huge, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ValidationError, match="too large"):
        attachments.add_attachment_from_file(office.admin, "case", office.plain, huge)
    with pytest.raises(ValidationError, match="folder"):
        attachments.add_attachment_from_file(office.admin, "case", office.plain, tmp_path)
    with pytest.raises(attachments.FileUnreadable):
        attachments.add_attachment_from_file(
            office.admin, "case", office.plain, tmp_path / "gone.pdf"
        )
    scan = tmp_path / "Скан паспорта.png"
    scan.write_bytes(PNG)
    info = attachments.add_attachment_from_file(office.admin, "person", office.client, scan)
    assert (info.file_name, info.media_type) == ("Скан паспорта.png", "image/png")


def test_the_same_file_twice_on_one_record_is_refused(office: Office) -> None:
    attachments.add_attachment(office.admin, "case", office.plain, "a.pdf", b"same bytes")
    with pytest.raises(Conflict):
        attachments.add_attachment(office.admin, "case", office.plain, "b.pdf", b"same bytes")
    # Another record may hold the same file.
    attachments.add_attachment(office.admin, "case", office.mine, "a.pdf", b"same bytes")


def test_an_attachment_has_exactly_one_owner(office: Office) -> None:
    for case_id, person_id in ((office.plain, office.client), (None, None)):
        with office.admin.session() as session:
            attachment = Attachment(
                case_id=case_id,
                person_id=person_id,
                file_name="x.txt",
                media_type="text/plain",
                size=1,
                sha256="0" * 64,
            )
            attachment.content = AttachmentContent(data=b"x")
            session.add(attachment)
            with pytest.raises(IntegrityError, match="CHECK"):
                session.commit()


# --- who may do what -------------------------------------------------------------------------


def test_a_monitor_sees_and_adds_nothing(office: Office) -> None:
    info = attachments.add_attachment(office.admin, "case", office.plain, "a.txt", b"x")
    for call in (
        lambda: attachments.add_attachment(office.monitor, "case", office.plain, "b.txt", b"y"),
        lambda: attachments.add_attachment(office.monitor, "person", office.loner, "b.txt", b"y"),
        lambda: attachments.list_attachments(office.monitor, "case", office.plain),
        lambda: attachments.open_attachment(office.monitor, info.id),
        lambda: attachments.export_attachment(
            office.monitor, info.id, Path("x"), confirm_unencrypted=True
        ),
        lambda: attachments.delete_attachment(office.monitor, info.id),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert attachments.may_change(office.monitor, "case", office.plain) is False


def test_a_restricted_case_answers_as_a_missing_one(office: Office, tmp_path: Path) -> None:
    secret = attachments.add_attachment(office.lawyer1, "case", office.secret, "m.pdf", b"x")
    on_hidden = attachments.add_attachment(office.lawyer1, "person", office.hidden, "p.png", PNG)
    with pytest.raises(NotFound) as missing_case:
        attachments.list_attachments(office.lawyer2, "case", 99_999)
    with pytest.raises(NotFound) as missing_attachment:
        attachments.open_attachment(office.lawyer2, 99_999)
    out = tmp_path / "out"
    out.mkdir()
    calls: list[tuple[Callable[[], object], NotFound]] = []
    for ws in (office.lawyer2, office.para):
        calls += [
            (partial(attachments.list_attachments, ws, "case", office.secret), missing_case.value),
            (
                partial(attachments.add_attachment, ws, "case", office.secret, "n.txt", b"y"),
                missing_case.value,
            ),
            (partial(attachments.may_change, ws, "case", office.secret), missing_case.value),
        ]
        for attachment_id in (secret.id, on_hidden.id):
            calls += [
                (partial(attachments.open_attachment, ws, attachment_id), missing_attachment.value),
                (
                    partial(
                        attachments.export_attachment,
                        ws,
                        attachment_id,
                        out / "x",
                        confirm_unencrypted=True,
                    ),
                    missing_attachment.value,
                ),
                (
                    partial(attachments.delete_attachment, ws, attachment_id),
                    missing_attachment.value,
                ),
            ]
    for call, expected in calls:
        with pytest.raises(NotFound) as caught:
            call()
        assert str(caught.value) == str(expected)
    for ws in (office.lawyer2, office.para):
        with pytest.raises(NotFound, match="No person"):
            attachments.list_attachments(ws, "person", office.hidden)
    assert not list(out.iterdir())
    # Its lawyer and a coordinator see it.
    assert attachments.list_attachments(office.lawyer1, "case", office.secret) == [secret]
    assert attachments.list_attachments(office.admin, "person", office.hidden) == [on_hidden]


def test_adding_and_deleting_need_what_changing_the_owner_needs(office: Office) -> None:
    on_mine = attachments.add_attachment(office.lawyer1, "case", office.mine, "a.txt", b"a")
    # Another lawyer reads lawyer1's case but may not change it.
    assert attachments.list_attachments(office.lawyer2, "case", office.mine) == [on_mine]
    assert attachments.may_change(office.lawyer2, "case", office.mine) is False
    with pytest.raises(PermissionDenied):
        attachments.add_attachment(office.lawyer2, "case", office.mine, "b.txt", b"b")
    with pytest.raises(PermissionDenied):
        attachments.delete_attachment(office.lawyer2, on_mine.id)
    # A paralegal works on unassigned cases and on people.
    assert attachments.may_change(office.para, "case", office.plain) is True
    assert attachments.may_change(office.para, "person", office.loner) is True
    on_plain = attachments.add_attachment(office.para, "case", office.plain, "c.txt", b"c")
    on_person = attachments.add_attachment(office.para, "person", office.loner, "d.png", PNG)
    attachments.delete_attachment(office.para, on_plain.id)
    attachments.delete_attachment(office.para, on_person.id)
    assert attachments.list_attachments(office.para, "case", office.plain) == []
    assert attachments.list_attachments(office.para, "person", office.loner) == []
    assert _count(office.admin, "attachment_content") == 1  # only lawyer1's is left
    with pytest.raises(NotFound):
        attachments.open_attachment(office.admin, on_plain.id)


def test_an_unknown_owner_kind_is_a_programming_error(office: Office) -> None:
    with pytest.raises(ValueError):
        attachments.list_attachments(office.admin, "hearing", 1)


# --- erasing -----------------------------------------------------------------------------------


def test_erasing_a_case_or_a_person_erases_their_attachments(office: Office) -> None:
    on_case = attachments.add_attachment(office.admin, "case", office.plain, "a.pdf", b"a")
    kept = attachments.add_attachment(office.admin, "case", office.mine, "b.pdf", b"b")
    on_loner = attachments.add_attachment(office.admin, "person", office.loner, "c.png", PNG)
    assert (_count(office.admin, "attachment"), _count(office.admin, "attachment_content")) == (
        3,
        3,
    )
    cases.delete_case(office.admin, office.plain)
    people.delete_person(office.admin, office.loner)
    assert (_count(office.admin, "attachment"), _count(office.admin, "attachment_content")) == (
        1,
        1,
    )
    assert attachments.list_attachments(office.admin, "case", office.mine) == [kept]
    for gone in (on_case, on_loner):
        with pytest.raises(NotFound):
            attachments.open_attachment(office.admin, gone.id)
    with office.admin.vault.connection() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_attachments_cascade_with_their_owner_and_keep_ids(workspace: Workspace) -> None:
    """(The whole schema against the classes: tests/storage/test_schema_matches_models.py.)"""
    with workspace.vault.connection() as connection:
        foreign_keys = {
            (fk["name"], fk["referred_table"], fk["options"].get("ondelete"))
            for table in ("attachment", "attachment_content")
            for fk in connection.dialect.get_foreign_keys(connection, table)
        }
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'attachment'"
        ).scalar()
    assert foreign_keys == {
        ("fk_attachment_case_id_legal_case", "legal_case", "CASCADE"),
        ("fk_attachment_person_id_person", "person", "CASCADE"),
        ("fk_attachment_added_by_account", "account", None),
        ("fk_attachment_content_attachment_id_attachment", "attachment", "CASCADE"),
    }
    assert "CONSTRAINT ck_attachment_one_owner CHECK" in sql
    assert "AUTOINCREMENT" in sql


# --- audit, export, nothing in clear -----------------------------------------------------------


def test_audit_names_ids_and_fields_never_the_file(office: Office, tmp_path: Path) -> None:
    content = pdf_bytes(1, CANARY)
    info = attachments.add_attachment(
        office.lawyer1, "case", office.mine, f"{CANARY} заявление.pdf", content, CANARY
    )
    attachments.open_attachment(office.lawyer1, info.id)
    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    attachments.export_attachment(office.lawyer1, info.id, target, confirm_unencrypted=True)
    attachments.delete_attachment(office.lawyer1, info.id)
    events = _events(office.admin)
    lawyer1 = office.lawyer1.actor.id
    assert [(e.action, e.entity_id, e.actor_id) for e in events] == [
        ("create", str(info.id), lawyer1),
        ("view", str(info.id), lawyer1),
        ("export", str(info.id), lawyer1),
        ("delete", str(info.id), lawyer1),
    ]
    assert json.loads(events[0].detail)["fields"] == [
        "added_at",
        "added_by",
        "case_id",
        "description",
        "file_name",
        "id",
        "media_type",
        "sha256",
        "size",
    ]
    assert json.loads(events[1].detail) == {"case": office.mine}
    assert json.loads(events[2].detail) == {"case": office.mine}
    with office.admin.reader() as session:
        details = session.scalars(select(AuditEvent.detail)).all()
    assert not any(CANARY in detail or "заявление" in detail for detail in details)
    assert office.admin.vault.verify_audit().ok


def test_nothing_of_a_file_is_in_clear_on_disk(office: Office, tmp_path: Path) -> None:
    content = f"{CANARY} күйөөсү урушат — husband beats her\n".encode() * 50
    attachments.add_attachment(
        office.admin, "person", office.client, f"{CANARY}.txt", content, f"{CANARY} note"
    )
    pdf = attachments.add_attachment(
        office.admin, "case", office.plain, f"{CANARY}.pdf", pdf_bytes(2, CANARY)
    )
    attachments.open_attachment(office.admin, pdf.id)
    gone = attachments.add_attachment(
        office.admin, "case", office.plain, f"{CANARY}-old.txt", content + b"old"
    )
    attachments.delete_attachment(office.admin, gone.id)
    office.admin.close()
    vault_folder = office.admin.vault.path.parent
    assert files_containing(vault_folder, CANARY) == []
    assert files_containing(tmp_path / "home", CANARY) == []  # logs, settings


def test_a_copy_holds_exactly_the_bytes_and_is_audited(office: Office, tmp_path: Path) -> None:
    content = pdf_bytes(3)
    info = attachments.add_attachment(office.admin, "case", office.plain, "decision.pdf", content)
    target = tmp_path / "copies" / "decision.pdf"
    target.parent.mkdir()
    with pytest.raises(ValidationError, match="confirmation"):
        attachments.export_attachment(office.para, info.id, target)
    assert not target.exists()
    assert [e.action for e in _events(office.admin)] == ["create"]

    exported = attachments.export_attachment(office.para, info.id, target, confirm_unencrypted=True)
    assert exported == info
    assert target.read_bytes() == content
    assert list(target.parent.iterdir()) == [target]  # no temp file left beside it
    last = _events(office.admin)[-1]
    assert (last.action, last.actor_id, json.loads(last.detail)) == (
        "export",
        office.para.actor.id,
        {"case": office.plain},
    )


def test_a_copy_that_cannot_be_written_is_not_audited(office: Office, tmp_path: Path) -> None:
    info = attachments.add_attachment(office.admin, "case", office.plain, "a.pdf", b"abc")
    with pytest.raises(CopyNotWritten):
        attachments.export_attachment(
            office.admin, info.id, tmp_path / "no such folder" / "a.pdf", confirm_unencrypted=True
        )
    assert [e.action for e in _events(office.admin)] == ["create"]


def test_a_long_description_is_refused(office: Office) -> None:
    with pytest.raises(ValidationError) as caught:
        attachments.add_attachment(office.admin, "case", office.plain, "a.txt", b"a", "x" * 1001)
    assert caught.value.field == "description"
    with office.admin.reader() as session:
        assert session.scalar(select(func.count(Attachment.id))) == 0
