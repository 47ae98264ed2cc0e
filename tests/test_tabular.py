"""Spreadsheet exports never carry a formula (CSV injection): every text cell that a
spreadsheet would take for one is written as text, in CSV and XLSX alike, numbers stay
numbers; and every module that writes a spreadsheet goes through these writers."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from legalaid.documents.tabular import Sheet, csv_bytes, safe_cell, xlsx_bytes

ROOT = Path(__file__).resolve().parent.parent
DANGEROUS = ["=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3", "@SUM(1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_formula_like_text_is_defused(text: str) -> None:
    assert safe_cell(text) == "'" + text


def test_both_writers_defuse_and_keep_numbers() -> None:
    rows = [[text, -5, 2.5] for text in DANGEROUS]
    read = list(csv.reader(io.StringIO(csv_bytes(["a", "b", "c"], rows).decode("utf-8-sig"))))
    assert all(row[0].startswith("'") for row in read[1:]) and read[1][1] == "-5"
    book = load_workbook(io.BytesIO(xlsx_bytes([Sheet("s", ["=x", "b", "c"], rows)])))
    sheet = book.active
    assert sheet["A1"].value == "'=x"
    assert all(sheet.cell(r, 1).value.startswith("'") for r in range(2, len(rows) + 2))
    assert sheet["B2"].value == -5 and sheet["C2"].value == 2.5  # numbers stay numbers
    assert all(sheet.cell(r, 1).data_type == "s" for r in range(1, len(rows) + 2))


def test_every_spreadsheet_writer_defuses_its_cells() -> None:
    """A module that builds a workbook or a CSV writer is one of the known ones, each of
    which passes every text cell through safe_cell."""
    writers = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "legalaid").rglob("*.py")
        if re.search(r"Workbook\(|csv\.writer\(", path.read_text("utf-8"))
    }
    assert writers == {"legalaid/documents/tabular.py", "legalaid/services/statistics_export.py"}
    for name in writers:
        text = (ROOT / name).read_text("utf-8")
        assert "safe_cell(" in text
