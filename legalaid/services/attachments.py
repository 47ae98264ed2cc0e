"""Attachments on cases and people: add, list, open, save a copy out, delete.

The files live inside the vault (encrypted with everything else), with their size and
SHA-256. What a file is comes from its first bytes, never from its name: a "photo.jpg"
that is a PDF is shown as a PDF, and an unknown file stays `application/octet-stream`.
Images and PDFs are shown inside the app from memory (`viewable_inside`); everything
else leaves the vault only as an unencrypted copy the user asked for and confirmed
(`export_attachment(..., confirm_unencrypted=True)`, SECURITY.md 23).

Rules (tests/services/test_attachments.py holds them):
- Adding to a case needs what changing the case needs (`cases.require_case_edit`); adding to a
  person needs EDIT_PEOPLE and the person visible. Deleting needs the same as adding.
- Listing, opening and saving a copy need VIEW_RECORDS and the owner visible; a restricted
  case (or a person hidden by one) gets the same answer as a missing one.
- At most `MAX_BYTES` (25 MiB) per file; an empty file is refused; the same file (same
  SHA-256) twice on one record is refused.
- A file name keeps its last part only (no folders), loses control and formatting
  characters (a right-to-left override could disguise "exe" as "jpg") and the characters
  Windows refuses in names, and is cut to 200 characters keeping its extension.
- Audit: adding and deleting are audited by the Audited mixin (field names only); opening
  is a "view" event and saving a copy an "export" event, whose detail holds ids only.
  Logs carry ids only. Neither ever holds the file's name, description or bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Literal

from babel import units
from sqlalchemy import select
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.attachments import (
    DESCRIPTION_MAX,
    FILE_NAME_MAX,
    Attachment,
    AttachmentContent,
)
from legalaid.domain.cases import Case
from legalaid.domain.courts import Proceeding, ProceedingDocument
from legalaid.domain.people import Person
from legalaid.errors import Conflict, LegalAidError, NotFound, PermissionDenied, ValidationError
from legalaid.i18n import N_, _, current_language
from legalaid.services.cases import find_case, require_case_edit
from legalaid.services.permissions import Permission, allowed
from legalaid.services.visibility import case_visible, person_not_found, person_visible
from legalaid.services.workspace import Workspace
from legalaid.storage.atomic import write_atomic

logger = logging.getLogger(__name__)

Owner = Literal["case", "person"]
OWNERS: tuple[Owner, ...] = ("case", "person")
MAX_BYTES = 25 * 1024 * 1024
OCTET_STREAM = "application/octet-stream"

PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
BMP = "image/bmp"
WEBP = "image/webp"
TIFF = "image/tiff"
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
ZIP = "application/zip"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"
RTF = "application/rtf"
TEXT = "text/plain"

IMAGE_FORMATS = {PNG: "PNG", JPEG: "JPEG", GIF: "GIF", BMP: "BMP", WEBP: "WebP", TIFF: "TIFF"}
# What a person reads in the list (msgids; translated when shown).
TYPE_LABELS = {
    PDF: N_("PDF document"),
    DOCX: N_("Word document"),
    DOC: N_("Word document"),
    XLSX: N_("Excel spreadsheet"),
    XLS: N_("Excel spreadsheet"),
    PPTX: N_("PowerPoint presentation"),
    PPT: N_("PowerPoint presentation"),
    ODT: N_("OpenDocument text"),
    ODS: N_("OpenDocument spreadsheet"),
    ODP: N_("OpenDocument presentation"),
    RTF: N_("RTF document"),
    TEXT: N_("Plain text"),
    ZIP: N_("ZIP archive"),
    OCTET_STREAM: N_("Other file"),
}
# The extension a file of each type usually has (a name without one gets it when saved).
EXTENSIONS = {
    PNG: ".png",
    JPEG: ".jpg",
    GIF: ".gif",
    BMP: ".bmp",
    WEBP: ".webp",
    TIFF: ".tif",
    PDF: ".pdf",
    DOCX: ".docx",
    XLSX: ".xlsx",
    PPTX: ".pptx",
    ODT: ".odt",
    ODS: ".ods",
    ODP: ".odp",
    ZIP: ".zip",
    DOC: ".doc",
    XLS: ".xls",
    PPT: ".ppt",
    RTF: ".rtf",
    TEXT: ".txt",
}


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    owner: Owner
    owner_id: int
    file_name: str
    media_type: str
    size: int  # bytes
    sha256: str  # hex
    description: str | None
    added_at: dt.datetime  # aware, UTC
    added_by: str  # the display name of who added it ("" when not known)
    proceeding_id: int | None = None  # a case's document filed under one of its proceedings

    @property
    def viewable(self) -> Literal["image", "pdf"] | None:
        return viewable_inside(self.media_type)

    @property
    def type_label(self) -> str:
        return media_type_label(self.media_type)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "owner": self.owner,
            "owner_id": self.owner_id,
            "file_name": self.file_name,
            "media_type": self.media_type,
            "size": self.size,
            "sha256": self.sha256,
            "description": self.description,
            "added_at": self.added_at.isoformat(),
            "added_by": self.added_by,
            "proceeding_id": self.proceeding_id,
        }


# --- what a file is --------------------------------------------------------------------------


def viewable_inside(media_type: str) -> Literal["image", "pdf"] | None:
    """How the app can show a file from memory: as an image, as PDF pages, or not at all."""
    if media_type in IMAGE_FORMATS:
        return "image"
    if media_type == PDF:
        return "pdf"
    return None


def media_type_label(media_type: str) -> str:
    """The kind of file in the current language ("Image (PNG)", "PDF document"...)."""
    if media_type in IMAGE_FORMATS:
        return _("Image ({format})").format(format=IMAGE_FORMATS[media_type])
    return _(TYPE_LABELS.get(media_type, TYPE_LABELS[OCTET_STREAM]))


def format_size(size: int, language: str | None = None) -> str:
    """Bytes in the units people read (1 KB = 1024 bytes, as Windows counts), per language."""
    locale = language or current_language()
    if size < 1024:
        return units.format_unit(size, "digital-byte", length="long", locale=locale)
    value, unit = size / 1024, "digital-kilobyte"
    if value >= 1024:
        value, unit = value / 1024, "digital-megabyte"
    pattern = "#,##0" if value >= 100 else "#,##0.#"
    return units.format_unit(value, unit, length="short", format=pattern, locale=locale)


def _extension(file_name: str) -> str:
    return PurePath(file_name).suffix.lower()


def _zip_type(content: bytes, file_name: str) -> str:
    """Office files that are zip archives: ODF names its type in its first entry
    ("mimetype"), OOXML by its parts; the extension only chooses among office types."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    declared = entry.read(100).decode("ascii", "replace").strip()
                if declared in (ODT, ODS, ODP):
                    return declared
            if "[Content_Types].xml" in names:
                for folder, media_type in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
                    if any(name.startswith(folder) for name in names):
                        return media_type
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, ValueError):
        pass  # damaged or encrypted: the extension may still say which office type it is
    by_extension = {".docx": DOCX, ".xlsx": XLSX, ".pptx": PPTX, ".odt": ODT, ".ods": ODS}
    return by_extension.get(_extension(file_name), ZIP)


def _ole_type(content: bytes, file_name: str) -> str:
    """Old Office files (OLE compound documents) name their main stream in UTF-16."""
    for stream, media_type in (
        ("WordDocument", DOC),
        ("Workbook", XLS),
        ("Book", XLS),
        ("PowerPoint Document", PPT),
    ):
        if stream.encode("utf-16-le") in content:
            return media_type
    return {".doc": DOC, ".xls": XLS, ".ppt": PPT}.get(_extension(file_name), OCTET_STREAM)


def _is_bmp(content: bytes) -> bool:
    # "BM", then the size of the DIB header at offset 14 (one of the known versions).
    return (
        content[:2] == b"BM"
        and len(content) >= 26
        and int.from_bytes(content[14:18], "little") in (12, 16, 40, 52, 56, 64, 108, 124)
    )


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff_media_type(content: bytes, file_name: str = "") -> str:
    """The media type from the file's first bytes (the name only separates office types
    that share a container)."""
    head = content[:16]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if _is_bmp(content):
        return BMP
    if head.startswith(b"%PDF-") or (
        # The header may follow some junk (PDF 1.7, annex H); then the end must be a PDF's.
        b"%PDF-" in content[:1024] and b"%%EOF" in content[-1024:]
    ):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(content, file_name)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_type(content, file_name)
    if head.startswith(b"{\\rtf"):
        return RTF
    if _is_text(content):
        return TEXT
    return OCTET_STREAM


# --- names -------------------------------------------------------------------------------

_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in "123456789"
}


def clean_file_name(name: str) -> str:
    """The name to keep: its last part (no folders), without control or formatting
    characters and what Windows refuses, at most FILE_NAME_MAX characters (the extension
    kept). ValidationError when nothing is left."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    characters = []
    for ch in name:
        category = unicodedata.category(ch)
        if ch in "\t\n\r" or category in ("Zl", "Zp"):
            characters.append(" ")
        elif not category.startswith("C"):  # Cc controls, Cf formatting (bidi overrides)...
            characters.append(ch)
    kept = "".join(characters)
    kept = _WINDOWS_FORBIDDEN.sub("_", " ".join(kept.split()))
    kept = kept.strip(" .")
    if PurePath(kept).stem.upper() in _WINDOWS_RESERVED:
        kept = "_" + kept
    if not kept:
        raise ValidationError(N_("The file needs a name."), field="file_name")
    if len(kept) > FILE_NAME_MAX:
        suffix = PurePath(kept).suffix
        suffix = suffix if len(suffix) <= 16 else ""
        kept = kept[: FILE_NAME_MAX - len(suffix)].rstrip(" .") + suffix
    return kept


def suggested_name(info: AttachmentInfo) -> str:
    """The name to offer when saving a copy: the stored one, with the extension its type
    usually has when it has none."""
    extension = EXTENSIONS.get(info.media_type, "")
    if extension and not PurePath(info.file_name).suffix:
        return info.file_name + extension
    return info.file_name


def _description(text: str | None) -> str | None:
    cleaned = (text or "").strip()
    if len(cleaned) > DESCRIPTION_MAX:
        raise ValidationError(
            N_("Too long: at most {limit} characters."), field="description", limit=DESCRIPTION_MAX
        )
    return cleaned or None


def _check_size(size: int) -> None:
    if size == 0:
        raise ValidationError(N_("The file is empty."), field="content")
    if size > MAX_BYTES:
        raise ValidationError(
            N_("The file is too large: at most {limit} can be attached."),
            field="content",
            limit=format_size(MAX_BYTES),
        )


# --- errors ------------------------------------------------------------------------------


class FileUnreadable(LegalAidError):
    template = N_("The file could not be read (it may be open elsewhere or no longer there).")


class CopyNotWritten(LegalAidError):
    template = N_(
        "The copy could not be written there (the folder may be missing, read-only or full)."
    )


def attachment_not_found() -> NotFound:
    """The same answer for a missing attachment and one on a record hidden from the viewer."""
    return NotFound(N_("No attachment with this id is open to you."))


# --- owners ------------------------------------------------------------------------------


def _owner(owner: str) -> Owner:
    if owner not in OWNERS:
        raise ValueError(f"an attachment belongs to a case or a person, not {owner!r}")
    return "case" if owner == "case" else "person"


def _edit_permission(owner: Owner) -> Permission:
    return Permission.EDIT_CASES if owner == "case" else Permission.EDIT_PEOPLE


def _visible_owner(ws: Workspace, session: Session, owner: Owner, owner_id: int) -> Any:
    """The case (found as `cases.find_case` finds it) or the visible person; NotFound alike
    for a missing record and a hidden one."""
    if owner == "case":
        return find_case(session, ws.actor, int(owner_id))
    person = session.scalar(
        select(Person).where(Person.id == int(owner_id), person_visible(ws.actor))
    )
    if person is None:
        raise person_not_found()
    return person


def _require_change(ws: Workspace, owner: Owner, record: Any) -> None:
    ws.require(_edit_permission(owner))
    if owner == "case":
        require_case_edit(ws, record)


def may_change(ws: Workspace, owner: str, owner_id: int) -> bool:
    """Whether the actor may add and delete attachments here (for the UI to offer the
    buttons; the calls check again). Not audited: it reads no client data."""
    kind = _owner(owner)
    if not allowed(ws.actor.role, _edit_permission(kind)):
        return False
    with ws.reader() as session:
        record = _visible_owner(ws, session, kind, owner_id)
        try:
            _require_change(ws, kind, record)
        except PermissionDenied:
            return False
    return True


def _owner_of(attachment: Attachment) -> tuple[Owner, int]:
    if attachment.case_id is not None:
        return "case", attachment.case_id
    assert attachment.person_id is not None
    return "person", attachment.person_id


def _info(attachment: Attachment, added_by: str, proceeding_id: int | None) -> AttachmentInfo:
    owner, owner_id = _owner_of(attachment)
    return AttachmentInfo(
        id=attachment.id,
        owner=owner,
        owner_id=owner_id,
        file_name=attachment.file_name,
        media_type=attachment.media_type,
        size=attachment.size,
        sha256=attachment.sha256,
        description=attachment.description,
        added_at=attachment.added_at.replace(tzinfo=dt.UTC),
        added_by=added_by,
        proceeding_id=proceeding_id,
    )


def _filed_under(session: Session, attachment_id: int) -> int | None:
    return session.scalar(
        select(ProceedingDocument.proceeding_id).where(
            ProceedingDocument.attachment_id == attachment_id
        )
    )


def _case_proceeding(session: Session, case_id: int, proceeding_id: int) -> int:
    """The proceeding's id when it is one of this case's; refused at the field otherwise."""
    found = session.scalar(
        select(Proceeding.id).where(
            Proceeding.id == int(proceeding_id), Proceeding.case_id == case_id
        )
    )
    if found is None:
        raise ValidationError(
            N_("Choose one of this case's court proceedings."), field="proceeding_id"
        )
    return found


def _display_name(session: Session, account_id: int | None) -> str:
    if account_id is None:
        return ""
    return session.scalar(select(Account.display_name).where(Account.id == account_id)) or ""


def _owner_condition(owner: Owner, owner_id: int) -> Any:
    return (Attachment.case_id if owner == "case" else Attachment.person_id) == int(owner_id)


def _visible_attachment(ws: Workspace, session: Session, attachment_id: int) -> Attachment:
    """The attachment when its owner is visible to the actor; NotFound alike otherwise."""
    ws.require(Permission.VIEW_RECORDS)
    attachment = session.get(Attachment, int(attachment_id))
    if attachment is None:
        raise attachment_not_found()
    owner, owner_id = _owner_of(attachment)
    condition = (
        select(Case.id).where(Case.id == owner_id, case_visible(ws.actor))
        if owner == "case"
        else select(Person.id).where(Person.id == owner_id, person_visible(ws.actor))
    )
    if session.scalar(condition) is None:
        raise attachment_not_found()
    return attachment


def _audit_detail(attachment: Attachment) -> dict[str, Any]:
    owner, owner_id = _owner_of(attachment)
    return {owner: owner_id}


# --- use cases ---------------------------------------------------------------------------


def add_attachment(
    ws: Workspace,
    owner: str,
    owner_id: int,
    file_name: str,
    content: bytes,
    description: str | None = None,
    proceeding_id: int | None = None,
) -> AttachmentInfo:
    """Store a file on a case or a person (audited: field names only); a case's document
    may be filed under one of its proceedings at once."""
    kind = _owner(owner)
    if proceeding_id is not None and kind != "case":
        raise ValidationError(
            N_("Only a case's documents belong to a court proceeding."), field="proceeding_id"
        )
    ws.require(_edit_permission(kind))  # before looking: no hint whether the record exists
    _check_size(len(content))
    name = clean_file_name(file_name)
    text = _description(description)
    digest = hashlib.sha256(content).hexdigest()
    media_type = sniff_media_type(content, name)
    with ws.session() as session:
        record = _visible_owner(ws, session, kind, owner_id)
        _require_change(ws, kind, record)
        filed = (
            None if proceeding_id is None else _case_proceeding(session, record.id, proceeding_id)
        )
        if session.scalar(
            select(Attachment.id).where(
                _owner_condition(kind, record.id), Attachment.sha256 == digest
            )
        ):
            raise Conflict(N_("This file is attached here already."))
        attachment = Attachment(
            case_id=record.id if kind == "case" else None,
            person_id=record.id if kind == "person" else None,
            file_name=name,
            media_type=media_type,
            size=len(content),
            sha256=digest,
            description=text,
            added_by=ws.actor.id,
        )
        attachment.content = AttachmentContent(data=bytes(content))
        session.add(attachment)
        if filed is not None:
            session.flush()
            _file(ws, session, attachment, filed)
        session.commit()
        logger.info("attachment %s added to %s %s", attachment.id, kind, record.id)
        return _info(attachment, ws.actor.display_name, filed)


def _file(
    ws: Workspace, session: Session, attachment: Attachment, proceeding_id: int | None
) -> None:
    """Link the attachment to the proceeding (None: to none), audited with ids only."""
    link = session.get(ProceedingDocument, attachment.id)
    previous = link.proceeding_id if link is not None else None
    if link is not None and proceeding_id is None:
        session.delete(link)
    elif link is not None:
        link.proceeding_id = proceeding_id
    elif proceeding_id is not None:
        session.add(ProceedingDocument(attachment_id=attachment.id, proceeding_id=proceeding_id))
    action, which = ("file", proceeding_id) if proceeding_id is not None else ("unfile", previous)
    ws.vault.record(session, action, "attachment", attachment.id, {"proceeding": which})


def file_attachment(ws: Workspace, attachment_id: int, proceeding_id: int | None) -> AttachmentInfo:
    """File a case's document under one of its proceedings, or take it out (None)."""
    with ws.session() as session:
        attachment = _visible_attachment(ws, session, attachment_id)
        owner, owner_id = _owner_of(attachment)
        _require_change(ws, owner, _visible_owner(ws, session, owner, owner_id))
        if owner != "case" and proceeding_id is not None:
            raise ValidationError(
                N_("Only a case's documents belong to a court proceeding."),
                field="proceeding_id",
            )
        filed = (
            None if proceeding_id is None else _case_proceeding(session, owner_id, proceeding_id)
        )
        if _filed_under(session, attachment.id) != filed:
            _file(ws, session, attachment, filed)
            session.commit()
        return _info(attachment, _display_name(session, attachment.added_by), filed)


def read_file(path: Path) -> bytes:
    """A file's bytes for attaching, refused before reading when it is too large."""
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, io.SEEK_END)
            _check_size(size)
            fh.seek(0)
            data = fh.read(MAX_BYTES + 1)
    except OSError:
        raise FileUnreadable() from None
    _check_size(len(data))  # it may have changed while we read
    return data


def add_attachment_from_file(
    ws: Workspace,
    owner: str,
    owner_id: int,
    path: Path,
    description: str | None = None,
    proceeding_id: int | None = None,
) -> AttachmentInfo:
    """Attach a file from disk (the desktop's Add… and drag and drop, the command line)."""
    kind = _owner(owner)
    ws.require(_edit_permission(kind))
    path = Path(path)
    if path.is_dir():
        raise ValidationError(N_("A folder cannot be attached, only files."), field="content")
    return add_attachment(
        ws, kind, owner_id, path.name, read_file(path), description, proceeding_id
    )


def list_attachments(
    ws: Workspace, owner: str, owner_id: int, proceeding_id: int | None = None
) -> list[AttachmentInfo]:
    """A record's attachments, newest first (without their bytes); with `proceeding_id`,
    only the case's documents filed under that proceeding. Not audited: opening the record
    itself is."""
    kind = _owner(owner)
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        record = _visible_owner(ws, session, kind, owner_id)
        query = (
            select(Attachment, Account.display_name, ProceedingDocument.proceeding_id)
            .outerjoin(Account, Account.id == Attachment.added_by)
            .outerjoin(ProceedingDocument, ProceedingDocument.attachment_id == Attachment.id)
            .where(_owner_condition(kind, record.id))
            .order_by(Attachment.added_at.desc(), Attachment.id.desc())
        )
        if proceeding_id is not None:
            query = query.where(ProceedingDocument.proceeding_id == int(proceeding_id))
        return [_info(a, name or "", filed) for a, name, filed in session.execute(query)]


def open_attachment(ws: Workspace, attachment_id: int) -> tuple[AttachmentInfo, bytes]:
    """An attachment and its bytes, to show from memory (audited as "view")."""
    with ws.session() as session:
        attachment = _visible_attachment(ws, session, attachment_id)
        data = session.scalar(
            select(AttachmentContent.data).where(AttachmentContent.attachment_id == attachment.id)
        )
        if data is None:
            raise attachment_not_found()
        ws.vault.record(session, "view", "attachment", attachment.id, _audit_detail(attachment))
        session.commit()
        logger.info("attachment %s opened", attachment.id)
        info = _info(
            attachment,
            _display_name(session, attachment.added_by),
            _filed_under(session, attachment.id),
        )
        return info, bytes(data)


def export_attachment(
    ws: Workspace, attachment_id: int, target: Path, *, confirm_unencrypted: bool = False
) -> AttachmentInfo:
    """Write an unencrypted copy to `target` (atomically), audited as "export".

    The copy leaves the vault's protection: the caller must have told the person so and
    had them confirm (SECURITY.md 23), which `confirm_unencrypted=True` states.
    """
    if not confirm_unencrypted:
        raise ValidationError(
            N_("Saving an unencrypted copy needs your confirmation."), field="confirm"
        )
    target = Path(target)
    with ws.session() as session:
        attachment = _visible_attachment(ws, session, attachment_id)
        data = session.scalar(
            select(AttachmentContent.data).where(AttachmentContent.attachment_id == attachment.id)
        )
        if data is None:
            raise attachment_not_found()
        ws.vault.record(session, "export", "attachment", attachment.id, _audit_detail(attachment))
        info = _info(
            attachment,
            _display_name(session, attachment.added_by),
            _filed_under(session, attachment.id),
        )
        try:
            write_atomic(target, bytes(data))
        except OSError:
            session.rollback()  # nothing was written: nothing to audit
            raise CopyNotWritten() from None
        try:
            session.commit()
        except BaseException:
            # No copy may exist without its audit event.
            target.unlink(missing_ok=True)
            raise
    logger.info("attachment %s exported", attachment.id)
    return info


def delete_attachment(ws: Workspace, attachment_id: int) -> None:
    """Erase an attachment (who may change its record); residue is purged from disk."""
    with ws.session() as session:
        attachment = _visible_attachment(ws, session, attachment_id)
        owner, owner_id = _owner_of(attachment)
        _require_change(ws, owner, _visible_owner(ws, session, owner, owner_id))
        session.delete(attachment)
        # The attachment's own events are not found from its record once it is gone.
        ws.vault.record(session, "update", owner, owner_id, {"fields": ["attachments"]})
        session.commit()
    ws.vault.purge_deleted_residue()
    logger.info("attachment %s deleted", attachment_id)
