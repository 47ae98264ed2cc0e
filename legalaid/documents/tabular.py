"""Tables written for spreadsheets: CSV (UTF-8 with a byte-order mark, so Excel reads the
Cyrillic right) and XLSX (openpyxl, one sheet per table, numbers as numbers, the header
frozen). Every text cell that a spreadsheet would take for a formula (it begins with
= + - @, or a tab or carriage return) is written as text with a leading apostrophe, so an
export can never run code on a researcher's PC (CSV injection); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | None


def safe_cell(value: Cell) -> Cell:
    """A number as it is; a text that could start a formula, defused with an apostrophe."""
    if value is None or isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class Sheet:
    name: str  # at most 31 characters (Excel's limit)
    header: Sequence[str]
    rows: Iterable[Sequence[Cell]]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if c is None else safe_cell(c) for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    book = Workbook(write_only=False)
    book.remove(book.active)
    for sheet in sheets:
        page = book.create_sheet(sheet.name[:31])
        page.append([safe_cell(h) for h in sheet.header])
        for cell in page[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) for h in sheet.header]
        for row in sheet.rows:
            values = [safe_cell(c) for c in row]
            page.append(values)
            for index, value in enumerate(values[: len(widths)]):
                widths[index] = max(widths[index], min(len(str(value or "")), 60))
        page.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            page.column_dimensions[get_column_letter(index)].width = width + 2
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
