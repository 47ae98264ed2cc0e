"""Reading a register someone kept in a spreadsheet: XLSX (openpyxl, read-only, formulas
never evaluated) or CSV (UTF-8 with or without a byte-order mark, UTF-16 with one, or
Windows-1251; separated by commas, semicolons or tabs, detected and confirmable).

Every file gives a `Table` (its header and its rows as text) or an `ImportRefused` that
says, in the person's language, what is wrong and what to do: a file that is not what its
extension says, an old binary .xls, an empty or hidden-only workbook, a sheet too long, a
CSV in an encoding we cannot tell. Cells are text exactly as typed: a cell beginning with
= + - @ stays text (a formula is neither evaluated nor stored as one); numbers keep the
digits a person sees ("007" stays "007" in a CSV; an XLSX number 12.0 becomes "12"); dates
typed as XLSX dates become ISO text. Empty rows are dropped, and counted.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legalaid.errors import ValidationError
from legalaid.i18n import N_

MAX_BYTES = 200 * 1024 * 1024  # a register of years fits in a few MB; this is something else
MAX_ROWS = 200_000  # rows read; an XLSX can claim 1,048,576 (mostly empty) rows
MAX_COLUMNS = 200
SEPARATORS = (",", ";", "\t")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003), .doc


class ImportRefused(ValidationError):
    """A file that cannot be read as a register; the message says why and what to do."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # as many cells as the header, "" for empty
    row_numbers: tuple[int, ...]  # each row's number in the file (1 = the header)
    sha256: str  # of the file's bytes: the import is audited with it
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None  # a CSV's
    separator: str | None = None  # a CSV's
    sheet: str | None = None  # an XLSX's
    sheets: tuple[str, ...] = ()  # an XLSX's visible sheets, to choose another
    empty_rows: int = 0
    notes: tuple[str, ...] = field(default=())  # N_ msgids: what was done with odd input


def _clean(value: Any) -> str:
    """A cell as the text a person sees; never a formula to evaluate."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text.replace("\x00", "")


def _table(raw_rows: Iterator[Sequence[Any]], sha: str, kind: str, **extra: Any) -> Table:
    header: tuple[str, ...] | None = None
    rows: list[tuple[str, ...]] = []
    numbers: list[int] = []
    empty = 0
    for number, raw in enumerate(raw_rows, start=1):
        cells = [_clean(value) for value in raw]
        while cells and not cells[-1]:
            cells.pop()
        if header is None:
            if not any(cells):
                continue  # blank lines above the header
            if len(cells) > MAX_COLUMNS:
                raise ImportRefused(
                    N_("The sheet has more than {count} columns: is it a register?"),
                    count=MAX_COLUMNS,
                )
            header = tuple(cells)
            continue
        if not any(cells):
            empty += 1
            continue
        if len(cells) > MAX_COLUMNS:  # a row as wide as a sheet can be: refused, not padded
            raise ImportRefused(
                N_("Row {row} has more than {count} filled columns: is it a register?"),
                row=number,
                count=MAX_COLUMNS,
            )
        if len(rows) >= MAX_ROWS:
            raise ImportRefused(
                N_("The sheet has more than {count} filled rows; split it into parts."),
                count=MAX_ROWS,
            )
        width = len(header)
        rows.append(tuple((cells + [""] * width)[:width]) if len(cells) <= width else tuple(cells))
        numbers.append(number)
    if header is None or not any(header):
        raise ImportRefused(N_("The file has no header row: nothing to import."))
    if not rows:
        raise ImportRefused(N_("The file has a header but no rows to import."))
    extra_width = max((len(row) for row in rows), default=len(header))
    if extra_width > len(header):  # cells beyond the header: kept under made-up names
        header = header + tuple(f"#{i + 1}" for i in range(len(header), extra_width))
        rows = [tuple((list(row) + [""] * extra_width)[:extra_width]) for row in rows]
    return Table(header, tuple(rows), tuple(numbers), sha, kind, empty_rows=empty, **extra)


# --- CSV ----------------------------------------------------------------------------------


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16"
    if b"\x00" in raw[:4096]:
        raise ImportRefused(N_("The file is not text: save the sheet as CSV or XLSX."))
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    unknown = ImportRefused(
        N_("The file's encoding is not UTF-8 or Windows-1251: save it again as UTF-8 CSV.")
    )
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:  # a byte Windows-1251 does not use (0x98)
        raise unknown from None
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if letters and cyrillic / len(letters) < 0.3 and any(ord(c) > 127 for c in letters):
        raise unknown  # read as Windows-1251 it is not Cyrillic: some other encoding
    return text, "cp1251"


def sniff_separator(text: str) -> str:
    """The separator that splits the first lines into the same number of cells most often
    (a comma inside quotes does not count)."""
    sample = "\n".join(text.splitlines()[:50])
    best, best_score = ",", -1
    for separator in SEPARATORS:
        widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=separator) if row]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = widths.count(common) * (common if common > 1 else 0)
        if score > best_score:
            best, best_score = separator, score
    return best


def read_csv(raw: bytes, separator: str | None = None) -> Table:
    text, encoding = _decode(raw)
    chosen = separator or sniff_separator(text)
    if chosen not in SEPARATORS:
        raise ImportRefused(N_("Choose a comma, a semicolon or a tab as the separator."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=chosen, strict=True)
    try:
        return _table(
            reader,
            hashlib.sha256(raw).hexdigest(),
            "csv",
            encoding=encoding,
            separator=chosen,
        )
    except csv.Error:
        raise ImportRefused(
            N_(
                "The CSV file is damaged near line {line}: a quote is not closed, or text "
                "follows a closing quote. Correct it there, or save the sheet again as CSV."
            ),
            line=reader.line_num,
        ) from None


# --- XLSX ---------------------------------------------------------------------------------


def read_xlsx(raw: bytes, sheet: str | None = None) -> Table:
    """A workbook's sheet; any damage inside the file (XML, zip, styles) is a refusal."""
    try:
        return _read_xlsx(raw, sheet)
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        raise ImportRefused(
            N_("The file is not a readable XLSX workbook: open it and save it again as XLSX.")
        ) from None


def _read_xlsx(raw: bytes, sheet: str | None) -> Table:
    from openpyxl import load_workbook  # noqa: PLC0415 - only when a workbook is read

    book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    try:
        visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
        if not visible:
            raise ImportRefused(N_("The workbook has no visible sheet."))
        name = sheet or visible[0]
        if name not in book.sheetnames:
            raise ImportRefused(N_("The workbook has no sheet called {name}."), name=name)
        page = book[name]
        notes: list[str] = []
        if len(visible) < len(book.sheetnames):
            notes.append(N_("Hidden sheets were left out."))
        formulas = False

        def cells() -> Iterator[Sequence[Any]]:
            nonlocal formulas
            for row in page.iter_rows(values_only=True):
                out = []
                for value in row:
                    if isinstance(value, str) and value.startswith("="):
                        formulas = True  # read as the text typed, never computed
                    out.append(value)
                yield out

        table = _table(
            cells(),
            hashlib.sha256(raw).hexdigest(),
            "xlsx",
            sheet=name,
            sheets=tuple(visible),
        )
        if formulas:
            notes.append(N_("Formulas were read as the text typed, not computed."))
        return Table(**{**vars(table), "notes": tuple(notes)})
    finally:
        book.close()


# --- any file -----------------------------------------------------------------------------


def read_table(path: Path, separator: str | None = None, sheet: str | None = None) -> Table:
    """The register in `path`, by what the file holds (its extension only confirms it)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportRefused(
                N_("The file is larger than {size} MB: is it a register?"),
                size=MAX_BYTES // 1024 // 1024,
            )
        raw = path.read_bytes()
    except OSError:
        raise ImportRefused(N_("The file could not be read.")) from None
    if not raw.strip():
        raise ImportRefused(N_("The file is empty."))
    suffix = path.suffix.lower()
    if raw.startswith(OLE_MAGIC):
        raise ImportRefused(
            N_("This is an old Excel file (.xls): open it and save it as XLSX, then import.")
        )
    if raw.startswith(ZIP_MAGIC):
        if suffix not in (".xlsx", ".xlsm", ""):
            raise ImportRefused(
                N_("The file is a workbook although its name ends in {suffix}."), suffix=suffix
            )
        return read_xlsx(raw, sheet)
    if suffix in (".xlsx", ".xlsm"):
        raise ImportRefused(
            N_("The file's name ends in {suffix} but it is not a workbook."), suffix=suffix
        )
    if suffix in (".pdf", ".doc", ".docx", ".zip", ".ods"):
        raise ImportRefused(N_("Only CSV and XLSX files can be imported."))
    return read_csv(raw, separator)
