"""Reading registers (services/imports/sources.py): CSV in UTF-8 with and without a BOM,
UTF-16 and Windows-1251, separated by commas, semicolons or tabs (detected); XLSX with
formulas kept as typed text, hidden sheets left out, merged header cells, empty rows in the
middle, dates and numbers as a person sees them; and every file that is not what it says:
a defined refusal, never a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from legalaid.services.imports.sources import (
    MAX_ROWS,
    ImportRefused,
    read_csv,
    read_table,
    sniff_separator,
)

REGISTER = "ФИО;Дата рождения;Категория\nАсанова Жылдыз;12.03.1990;Бытовое насилие\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1251", b""), ("utf-16", b"")],
)
def test_csv_in_the_encodings_offices_use(encoding: str, prefix: bytes, tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "r.csv", prefix + REGISTER.encode(encoding)))
    assert table.header == ("ФИО", "Дата рождения", "Категория")
    assert table.rows == (("Асанова Жылдыз", "12.03.1990", "Бытовое насилие"),)
    assert table.separator == ";" and table.row_numbers == (2,)


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_the_separator_is_detected(separator: str) -> None:
    text = separator.join(["Name", "Note", "Year"]) + "\n"
    text += separator.join(["Asanova", '"one, two; three"', "2024"]) + "\n"
    assert sniff_separator(text) == separator
    table = read_csv(text.encode())
    assert table.rows[0][1] == "one, two; three"


def test_a_chosen_separator_wins_and_odd_rows_keep_their_cells() -> None:
    table = read_csv(b"a,b\n1,2,3\n\n\n4\n", separator=",")
    assert table.header == ("a", "b", "#3")  # a cell beyond the header is kept
    assert table.rows == (("1", "2", "3"), ("4", "", ""))
    assert table.empty_rows == 2 and table.row_numbers == (2, 5)


def test_formula_like_cells_stay_text() -> None:
    table = read_csv(b'name,phone\n=HYPERLINK("http://x"),+996555123456\n')
    assert table.rows[0] == ('=HYPERLINK("http://x")', "+996555123456")


def test_a_workbook_hidden_sheets_formulas_dates_and_merged_header(tmp_path: Path) -> None:
    book = Workbook()
    hidden = book.active
    hidden.title = "Старое"
    hidden.append(["x"])
    hidden.sheet_state = "hidden"
    page = book.create_sheet("Реестр")
    page.append(["Клиент", "Дата", None, "Сумма"])
    page.merge_cells("B1:C1")
    page.append(["Асанова", dt.datetime(2024, 3, 12), "note", 12.0])
    page.append([None, None, None, None])
    page.append(["Токтогулов", "12.03.2024", None, "=SUM(D2:D2)"])
    path = tmp_path / "register.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.sheet == "Реестр" and table.sheets == ("Реестр",)
    assert table.header == ("Клиент", "Дата", "", "Сумма")
    assert table.rows[0] == ("Асанова", "2024-03-12", "note", "12")
    assert table.rows[1][3] == "=SUM(D2:D2)"  # never computed
    assert table.empty_rows == 1 and table.row_numbers == (2, 4)
    assert "Hidden sheets were left out." in table.notes
    assert any("Formulas" in note for note in table.notes)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Excel"),
        ("fake.xlsx", b"name,phone\nA,1\n", "not a workbook"),
        ("broken.xlsx", b"PK\x03\x04" + b"\0" * 50, "not a readable XLSX"),
        ("book.csv", b"PK\x03\x04" + b"\0" * 50, "is a workbook"),
        ("empty.csv", b"  \n\n", "empty"),
        ("binary.csv", b"\x00\x01\x02" * 100, "not text"),
        ("report.pdf", b"%PDF-1.4\n", "Only CSV and XLSX"),
        ("only-blank-header.csv", b",,,\n1,2,3\n", "no rows"),  # 1,2,3 is taken as header
        ("header-only.csv", b"name,phone\n", "no rows"),
        ("unclosed.csv", b'a,b\n"never closed,1\n', "damaged near line 2"),
        ("quote-then-text.csv", b'a,b\n1,2\n"x" y,2\n', "damaged near line 3"),
    ],
)
def test_files_that_are_not_what_they_say(
    tmp_path: Path, name: str, data: bytes, says: str
) -> None:
    with pytest.raises(ImportRefused) as refused:
        read_table(write(tmp_path, name, data))
    assert says in str(refused.value)


def test_a_sheet_too_long_is_refused_not_read_to_the_end(tmp_path: Path) -> None:
    rows = "\n".join(f"{i},x" for i in range(MAX_ROWS + 5))
    with pytest.raises(ImportRefused) as refused:
        read_table(write(tmp_path, "big.csv", ("n,v\n" + rows).encode()))
    assert "split it" in str(refused.value)


def test_the_file_is_fingerprinted(tmp_path: Path) -> None:
    import hashlib

    data = REGISTER.encode()
    assert read_table(write(tmp_path, "r.csv", data)).sha256 == hashlib.sha256(data).hexdigest()


# --- fuzz: whatever a file holds, a table or a clear refusal --------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CELLS = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt", ""]))
def test_any_bytes_give_a_table_or_a_refusal(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        table = read_table(path)
    except ImportRefused as refused:
        assert str(refused)  # a message a person can read
    else:
        assert table.header and all(len(row) == len(table.header) for row in table.rows)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=6), min_size=0, max_size=8),
    separator=st.sampled_from([",", ";", "\t"]),
    quote_damage=st.booleans(),
)
def test_malformed_csv_text_gives_a_table_or_a_refusal(
    rows: list[list[str]], separator: str, quote_damage: bool
) -> None:
    text = "\n".join(separator.join(row) for row in rows)
    if quote_damage:
        text = '"' + text
    try:
        table = read_csv(text.encode("utf-8"))
    except ImportRefused as refused:
        assert str(refused)
    else:
        assert all(len(row) == len(table.header) for row in table.rows)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    members=st.dictionaries(
        st.sampled_from(
            [
                "[Content_Types].xml",
                "xl/workbook.xml",
                "xl/worksheets/sheet1.xml",
                "docProps/app.xml",
            ]
        ),
        st.binary(max_size=200),
        max_size=4,
    )
)
def test_damaged_workbooks_are_refused(tmp_path: Path, members: dict[str, bytes]) -> None:
    import zipfile

    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    with pytest.raises(ImportRefused):
        read_table(path)


def test_the_last_row_of_a_full_height_sheet_is_read(tmp_path: Path) -> None:
    """A sheet whose last cell is on row 1,048,576 (Excel's limit): the empty rows between
    are counted, both rows read, each with its own row number."""
    book = Workbook()
    sheet = book.active
    sheet.append(["ФИО", "Дата обращения"])
    sheet.append(["Асанова Жылдыз", "05.02.2024"])
    sheet.cell(1_048_576, 1, "Исаков Бакыт")
    sheet.cell(1_048_576, 2, "06.02.2024")
    path = tmp_path / "tall.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.row_numbers == (2, 1_048_576)
    assert table.rows[1] == ("Исаков Бакыт", "06.02.2024")
    assert table.empty_rows == 1_048_576 - 3


def test_a_row_wider_than_a_register_is_refused_not_padded() -> None:
    """Cells far beyond the header (a stray paste across a row) would make every row that
    wide in memory: refused with the row named."""
    text = "ФИО;Дата обращения\nАсанова Жылдыз;05.02.2024\n" + "x;" * 20_000 + "\n"
    with pytest.raises(ImportRefused) as refused:
        read_csv(text.encode("utf-8"))
    assert refused.value.params["row"] == 3
