"""The statistics report on a small fixed set (first quarter of 2026: seven women and two
men): small counts hidden for outside, with secondary suppression, and every count shown
for the office; the PDF in each language with the template's own words and no one named;
the tables as XLSX read back (numbers as numbers, shares as percentages, hidden cells as
text); anonymised records as CSV with a dictionary and none of the planted personal values;
confirmation, file type and role checked; donor templates imported, replaced and removed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from helpers.make_vault import CANARY, add_staff, as_user
from helpers.records import FEMALE, MALE, case_for, person
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from legalaid.documents.statistics_pdf import statistics_pdf
from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import Role
from legalaid.domain.report_templates import Chart, ReportTemplateError, Show
from legalaid.errors import NotFound, PermissionDenied, ValidationError
from legalaid.services import office_settings, report_templates, statistics_export
from legalaid.services.report_templates import (
    get_report_template,
    import_report_template,
    list_report_templates,
    remove_report_template,
)
from legalaid.services.statistics import StatsFilter
from legalaid.services.statistics_report import (
    ReportContent,
    ShownItem,
    quarter_of,
    report_content,
)
from legalaid.services.workspace import Workspace

Q1 = StatsFilter(*quarter_of(dt.date(2026, 2, 14)))
PIN = "11204199100123"  # a woman born on 12 April 1991
PHONE = "+996 555 123 456"
STREET = "Курманжан Датка 221"
SUMMARY = f"Муж угрожает расправой {CANARY}"
WOMEN = [
    ("Асанова", "Жылдыз"),
    ("Бекова", "Айгүл"),
    ("Осмонова", "Нургүл"),
    ("Сыдыкова", "Гүлнара"),
    ("Токтосунова", "Мээрим"),
    ("Жумабаева", "Чолпон"),
    ("Абдыкадырова", "Элнура"),
]
MEN = [("Токтогулов", "Эрлан"), ("Өмүрбеков", "Бакыт")]
NAMES = [name for pair in WOMEN + MEN for name in pair] + ["Бакытовна"]
SENSITIVE = [*NAMES, PIN, PHONE, "555 123 456", "555123456", STREET, "Датка", CANARY]
DISTRICT = "osh.aravan"


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.fixture
def numbers() -> list[str]:
    """The case numbers of the fixed set, filled in by `office`."""
    return []


@pytest.fixture
def office(workspace: Workspace, numbers: list[str]) -> Workspace:
    """Nine clients with a case each in Q1 2026: the first woman (PIN, phone, street,
    district, a GBV case with a summary) in January, the other six women (family) in
    February, the two men (labour) in March; one more case in April that does not count."""
    ws = workspace
    add_staff(ws, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    first = person(
        ws,
        *WOMEN[0],
        patronymic="Бакытовна",
        gender=FEMALE,
        pin=PIN,
        phone=PHONE,
        region="osh",
        district=DISTRICT,
        street=STREET,
    )
    numbers.append(
        case_for(ws, first, "GBV", opened_on=dt.date(2026, 1, 10), summary=SUMMARY).number
    )
    for day, (surname, given) in enumerate(WOMEN[1:], start=1):
        woman = person(ws, surname, given, gender=FEMALE)
        numbers.append(
            case_for(ws, woman, "FAM", opened_on=dt.date(2026, 2, day), summary=SUMMARY).number
        )
    for day, (surname, given) in enumerate(MEN, start=30):
        man = person(ws, surname, given, gender=MALE)
        numbers.append(case_for(ws, man, "LAB", opened_on=dt.date(2026, 3, day)).number)
    later = case_for(ws, first, "FAM", opened_on=dt.date(2026, 4, 1), summary=SUMMARY)
    numbers.append(later.number)
    assert len(set(numbers)) == 10
    return ws


def item_of(content: ReportContent, key: str, section: int | None = None) -> ShownItem:
    found = [
        item
        for index, part in enumerate(content.sections)
        if section is None or index == section
        for item in part.items
        if item.key == key and item.show is Show.TABLE
    ]
    assert found, key
    return found[0]


def rows_of(item: ShownItem) -> list[tuple[str, int, str, bool]]:
    return [(row.label, row.count, row.text, row.hidden) for row in item.rows]


# --- what the report shows ---------------------------------------------------------------------


def test_the_quarter_is_the_period() -> None:
    assert (Q1.first_day, Q1.last_day) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert quarter_of(dt.date(2026, 11, 30)) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))


def test_small_counts_are_hidden_for_outside(office: Workspace) -> None:
    content = report_content(office, Q1, "general", "en", 5)
    assert content.title == "Legal aid: general report"
    assert content.threshold == 5
    gender = item_of(content, "people_by_gender")
    # two men: hidden; the only other cell (seven women) is hidden too, or it would give
    # the men away from the total
    # 2 is small; 7 is hidden too (else 9 - 7 gives it away), marked "x", never "<5"
    assert rows_of(gender) == [("woman", 7, "x", True), ("man", 2, "<5", True)]
    assert all(row.share is None for row in gender.rows)
    assert (gender.total, gender.total_text) == (9, "9")
    assert gender.chart is Chart.BAR and gender.unit == "people"
    # two small cells (labour 2, violence 1) would be pinned by the total (9 - 6 = 3: 2 and
    # 1): family is hidden too, as x
    category = item_of(content, "cases_opened_by_category", section=2)
    assert rows_of(category) == [
        ("Family", 6, "x", True),
        ("Labour and employment", 2, "<5", True),
        ("Gender-based violence", 1, "<5", True),
    ]
    assert category.rows[0].share is None  # a hidden cell has no share either
    months = item_of(content, "cases_opened_by_month")
    assert [(r.label, r.text) for r in months.rows] == [
        ("2026-01", "<5"),
        ("2026-02", "x"),
        ("2026-03", "<5"),
    ]
    assert months.chronological and months.chart is Chart.LINE
    # zero names no one: shown
    consultations = item_of(content, "consultations_by_month")
    assert [(r.text, r.hidden) for r in consultations.rows] == [("0", False)] * 3
    served = item_of(content, "people_served")
    assert rows_of(served) == [("new", 9, "9", False)] and served.rows[0].share == 1.0
    # the district of the one client who has it is hidden
    district = item_of(content, "people_by_district")
    assert {r.label: (r.count, r.text) for r in district.rows} == {
        "not recorded": (8, "x"),
        "Aravan district": (1, "<5"),
    }
    # the key numbers use the template's labels; the suppression is explained
    key_numbers = content.sections[0].items
    assert [(i.label, i.show, i.total_text) for i in key_numbers[:3]] == [
        ("People served", Show.TOTAL, "9"),
        ("Cases opened", Show.TOTAL, "9"),
        ("Cases closed", Show.TOTAL, "0"),
    ]
    assert len(content.method) == 4
    assert "shown as <5" in content.method[-1] and "1 to 4" in content.method[-1]


def test_every_count_is_shown_for_the_office(office: Workspace) -> None:
    content = report_content(office, Q1, "general", "en", None)
    assert content.threshold is None
    gender = item_of(content, "people_by_gender")
    assert rows_of(gender) == [("woman", 7, "7", False), ("man", 2, "2", False)]
    assert [r.share for r in gender.rows] == [pytest.approx(7 / 9), pytest.approx(2 / 9)]
    for section in content.sections:
        for item in section.items:
            assert item.total_text == str(item.total), item.key
            for row in item.rows:
                assert not row.hidden and row.text == str(row.count), (item.key, row.label)
    assert len(content.method) == 3  # no note on hidden numbers


def test_the_report_in_another_language(office: Workspace) -> None:
    content = report_content(office, Q1, "general", "ru", 5)
    assert content.title == "Юридическая помощь: общий отчёт"
    assert [s.title for s in content.sections[:3]] == [
        "Основные показатели",
        "Получатели помощи",
        "Дела",
    ]
    assert content.sections[0].items[0].label == "Получили помощь (человек)"
    assert [r.label for r in item_of(content, "people_by_gender").rows] == ["женщина", "мужчина"]


# --- the PDF -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Legal aid: general report", "Key numbers", "People served", "Trial monitoring"]),
        ("ru", ["Юридическая помощь: общий отчёт", "Основные показатели", "Получатели помощи"]),
        ("ky", ["Юридикалык жардам: жалпы отчет", "Негизги көрсөткүчтөр", "Иштер"]),
    ],
)
def test_the_pdf_in_each_language(
    office: Workspace, numbers: list[str], language: str, words: list[str]
) -> None:
    outside = text_of(statistics_pdf(office, Q1, "general", language, 5, dt.date(2026, 4, 10)))
    for word in words:
        assert word in outside, (language, word)
    assert "<5" in outside
    for value in SENSITIVE + numbers + [DISTRICT]:
        assert value not in outside, (language, value)
    inside = text_of(statistics_pdf(office, Q1, "general", language, None, dt.date(2026, 4, 10)))
    assert words[0] in inside
    assert "<5" not in inside
    for value in SENSITIVE + numbers:
        assert value not in inside, (language, value)


def test_the_pdf_prints_the_numbers_and_is_audited(office: Workspace) -> None:
    text = text_of(statistics_pdf(office, Q1, "general", "en", None))
    assert "woman 7" in text and "man 2" in text
    assert "1 Jan 2026 – 31 Mar 2026" in text
    with pytest.raises(PermissionDenied):
        statistics_pdf(as_user(office, "lawyer"), Q1, "general", "en", 5)
    with office.reader() as session:
        events = session.scalars(
            select(AuditEvent).where(
                AuditEvent.entity == "statistics", AuditEvent.action == "export"
            )
        ).all()
    assert [e.entity_id for e in events] == ["report.pdf"]
    detail = json.loads(events[0].detail)
    assert detail["first_day"] == "2026-01-01" and detail["template"] == "general"


# --- the tables as XLSX ------------------------------------------------------------------------


def xlsx_table(path: Path, title: str) -> list[tuple[Any, Any, Any]]:
    """The rows (cells) of one table of the sheet, from its header to its total."""
    sheet = load_workbook(path).worksheets[0]
    lines = [tuple(row[:3]) for row in sheet.iter_rows()]
    start = next(i for i, line in enumerate(lines) if line[0].value == title)
    assert [c.value for c in lines[start + 1]] == ["Group", "Count", "Share"]
    end = next(
        i for i in range(start + 2, len(lines)) if str(lines[i][0].value).startswith("Total")
    )
    return lines[start + 2 : end + 1]


def test_the_tables_as_xlsx_for_the_office(
    office: Workspace, numbers: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "tables.xlsx"
    statistics_export.export_tables(
        office, Q1, "general", "en", None, target, confirm_unencrypted=True
    )
    book = load_workbook(target)
    assert [s.title for s in book.worksheets] == ["Tables", "Method"]
    assert book.worksheets[0]["A1"].value == "Legal aid: general report"
    gender = xlsx_table(target, "People served by gender")
    assert [(r[0].value, r[1].value) for r in gender] == [
        ("woman", 7),
        ("man", 2),
        ("Total (people)", 9),
    ]
    for label, count, share in gender[:2]:
        assert type(count.value) is int and count.number_format == "#,##0", label.value
        assert type(share.value) is float and share.number_format == "0.0%", label.value
    assert [r[2].value for r in gender[:2]] == [pytest.approx(7 / 9), pytest.approx(2 / 9)]
    assert gender[2][1].number_format == "#,##0"
    sheet = book.worksheets[0]
    key = {row[0].value: row[1] for row in sheet.iter_rows() if row[0].value}
    assert key["Cases opened"].value == 9 and key["Cases opened"].number_format == "#,##0"
    every = " ".join(str(c.value) for s in book for line in s.iter_rows() for c in line)
    for value in SENSITIVE + numbers + [DISTRICT]:
        assert value not in every, value


def test_the_tables_as_xlsx_for_outside(office: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "tables.xlsx"
    statistics_export.export_tables(
        office, Q1, "general", "en", 5, target, confirm_unencrypted=True
    )
    gender = xlsx_table(target, "People served by gender")
    assert [(r[0].value, r[1].value, r[2].value) for r in gender] == [
        ("woman", "x", None),
        ("man", "<5", None),
        ("Total (people)", 9, None),
    ]
    category = xlsx_table(target, "Cases opened by category")
    assert [(r[0].value, r[1].value) for r in category] == [
        ("Family", "x"),
        ("Labour and employment", "<5"),
        ("Gender-based violence", "<5"),
        ("Total (cases)", 9),
    ]
    new = xlsx_table(target, "People served (new and returning)")[0]  # 9 of 9: shown
    assert type(new[1].value) is int and new[1].number_format == "#,##0"
    assert new[2].value == pytest.approx(1.0) and new[2].number_format == "0.0%"
    method = load_workbook(target)["Method"]
    assert any("shown as <5" in str(row[0].value) for row in method.iter_rows())


# --- anonymised records as CSV -----------------------------------------------------------------


def test_the_records_as_csv_name_no_one(
    office: Workspace, numbers: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "records.csv"
    written = statistics_export.export_records(office, Q1, target, "en", confirm_unencrypted=True)
    # k = 5: the six February family cases of women share everything an outsider could know
    # and stay; the one January GBV case (the woman with the PIN) and the two men's March
    # cases would stand (almost) alone even by quarter: left out. April is outside the period.
    assert written == statistics_export.RecordsExport(rows=6, generalised=0, left_out=3)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["row"] for r in rows] == [str(n) for n in range(1, 7)]
    assert {(r["opened_month"], r["client_gender"], r["category"]) for r in rows} == {
        ("2026-02", "female", "FAM")
    }
    dictionary_path = tmp_path / "records-dictionary.csv"
    dictionary = list(csv.reader(io.StringIO(dictionary_path.read_text("utf-8-sig"))))
    assert dictionary[0] == ["Column", "Meaning"]
    assert [line[0] for line in dictionary[1:-1]] == list(rows[0].keys())
    assert all(line[1] for line in dictionary[1:])
    assert dictionary[-1][0] == "*" and "fewer than 5 rows" in dictionary[-1][1]
    assert "3 rows that would still have stood almost alone are left out" in dictionary[-1][1]
    text = raw.decode("utf-8-sig") + dictionary_path.read_text("utf-8-sig")
    for value in SENSITIVE + numbers + [DISTRICT, "aravan", "1991"]:
        assert value not in text, value
    assert "district" not in rows[0] and "pin" not in rows[0]


def test_with_a_lower_threshold_more_rows_stay(office: Workspace, tmp_path: Path) -> None:
    office_settings.set_small_count_threshold(office, 2)
    target = tmp_path / "records.csv"
    written = statistics_export.export_records(office, Q1, target, "en", confirm_unencrypted=True)
    assert written == statistics_export.RecordsExport(rows=8, generalised=0, left_out=1)
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig"))))
    assert sorted(r["category"] for r in rows) == ["FAM"] * 6 + ["LAB"] * 2
    assert "GBV" not in {r["category"] for r in rows}  # the one that stands alone


def test_the_dictionary_in_russian(office: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "записи.csv"
    statistics_export.export_records(office, Q1, target, "ru", confirm_unencrypted=True)
    dictionary = tmp_path / "записи-dictionary.csv"
    assert dictionary.exists()
    lines = list(csv.reader(io.StringIO(dictionary.read_text("utf-8-sig"))))
    assert len(lines) == 2 + len(statistics_export.RECORD_COLUMNS)  # the header, the note
    assert [line[0] for line in lines[1:-1]] == [n for n, _m in statistics_export.RECORD_COLUMNS]
    assert lines[-1][0] == "*" and "строк" in lines[-1][1]


def test_exports_need_confirmation_the_right_file_and_a_coordinator(
    office: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    lawyer = as_user(office, "lawyer")
    with pytest.raises(ValidationError) as raised:
        statistics_export.export_tables(office, Q1, "general", "en", 5, folder / "t.xlsx")
    assert raised.value.field == "confirm"
    with pytest.raises(ValidationError) as raised:
        statistics_export.export_records(office, Q1, folder / "r.csv", "en")
    assert raised.value.field == "confirm"
    for wrong in ("t.csv", "t.xls", "t"):
        with pytest.raises(ValidationError) as raised:
            statistics_export.export_tables(
                office, Q1, "general", "en", 5, folder / wrong, confirm_unencrypted=True
            )
        assert raised.value.field == "target", wrong
    for wrong in ("r.xlsx", "r.txt"):
        with pytest.raises(ValidationError) as raised:
            statistics_export.export_records(
                office, Q1, folder / wrong, "en", confirm_unencrypted=True
            )
        assert raised.value.field == "target", wrong
    with pytest.raises(PermissionDenied):
        statistics_export.export_tables(
            lawyer, Q1, "general", "en", 5, folder / "t.xlsx", confirm_unencrypted=True
        )
    with pytest.raises(PermissionDenied):
        statistics_export.export_records(
            lawyer, Q1, folder / "r.csv", "en", confirm_unencrypted=True
        )
    assert not list(folder.iterdir())  # nothing written by a refusal
    with office.reader() as session:
        exported = session.scalars(
            select(AuditEvent).where(AuditEvent.entity == "statistics")
        ).all()
    assert exported == []


def test_the_exports_are_audited(office: Workspace, tmp_path: Path) -> None:
    statistics_export.export_tables(
        office, Q1, "general", "en", 5, tmp_path / "t.XLSX", confirm_unencrypted=True
    )
    statistics_export.export_records(office, Q1, tmp_path / "r.csv", "en", confirm_unencrypted=True)
    with office.reader() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "statistics", AuditEvent.action == "export")
            .order_by(AuditEvent.seq)
        ).all()
    assert [e.entity_id for e in events] == ["tables.xlsx", "records.csv"]
    assert json.loads(events[0].detail)["threshold"] == 5
    detail = json.loads(events[1].detail)
    assert (detail["rows"], detail["left_out"], detail["k"]) == (6, 3, 5)


# --- donor templates ---------------------------------------------------------------------------


def donor(title: str = "OSCE indicators 2026", code: str = "osce-2026") -> bytes:
    return json.dumps(
        {
            "format": 1,
            "code": code,
            "title": {"ky": "ЕККУ көрсөткүчтөрү", "ru": "Индикаторы ОБСЕ", "en": title},
            "sections": [
                {
                    "title": {"ky": "1-бөлүм", "ru": "Раздел 1", "en": "Section 1"},
                    "items": [
                        {
                            "measure": "people_by_gender",
                            "chart": "bar",
                            "label": {
                                "ky": "1.1 Акысыз юридикалык жардам алган адамдар, жынысы боюнча",
                                "ru": "1.1 Лица, получившие БЮП, по полу",
                                "en": "1.1 Persons who received free legal aid, by sex",
                            },
                        },
                        {"measure": "cases_opened_by_category", "show": "total"},
                    ],
                }
            ],
        },
        ensure_ascii=False,
    ).encode("utf-8")


def test_a_donor_template_is_imported_used_replaced_and_removed(office: Workspace) -> None:
    imported = import_report_template(office, donor())
    assert imported.code == "osce-2026"
    listed = list_report_templates(office)
    assert [(a.template.code, a.shipped) for a in listed] == [
        ("general", True),
        ("osce-2026", False),
    ]
    assert listed[1].template == imported
    content = report_content(office, Q1, "osce-2026", "en", None)
    assert content.title == "OSCE indicators 2026"
    assert [s.title for s in content.sections] == ["Section 1"]
    by_sex, opened = content.sections[0].items
    assert by_sex.label == "1.1 Persons who received free legal aid, by sex"
    assert (by_sex.show, by_sex.chart) == (Show.TABLE, Chart.BAR)
    assert [(r.label, r.count) for r in by_sex.rows] == [("woman", 7), ("man", 2)]
    assert opened.label == "Cases opened by category"  # no label: the measure's own title
    assert (opened.show, opened.total) == (Show.TOTAL, 9)
    russian = report_content(office, Q1, "osce-2026", "ru", 5)
    assert russian.sections[0].items[0].label == "1.1 Лица, получившие БЮП, по полу"
    assert [r.text for r in russian.sections[0].items[0].rows] == ["x", "<5"]
    pdf = text_of(statistics_pdf(office, Q1, "osce-2026", "en", None))
    assert "OSCE indicators 2026" in pdf and "1.1 Persons who received free legal aid" in pdf

    # the same code again: an updated set replaces the old one
    import_report_template(office, donor("OSCE indicators 2026, revised"))
    listed = list_report_templates(office)
    assert [a.template.code for a in listed] == ["general", "osce-2026"]
    assert get_report_template(office, "osce-2026").title.en == "OSCE indicators 2026, revised"

    remove_report_template(office, "osce-2026")
    assert [a.template.code for a in list_report_templates(office)] == ["general"]
    with pytest.raises(NotFound):
        get_report_template(office, "osce-2026")
    with pytest.raises(NotFound):
        report_content(office, Q1, "osce-2026", "en", None)
    with pytest.raises(NotFound):
        remove_report_template(office, "osce-2026")


def test_templates_are_ordered_general_first_then_by_code(office: Workspace) -> None:
    import_report_template(office, donor(code="usaid"))
    import_report_template(office, donor(code="eu-2026"))
    assert [a.template.code for a in list_report_templates(office)] == [
        "general",
        "eu-2026",
        "usaid",
    ]


def test_a_shipped_code_a_broken_file_and_a_lawyer_are_refused(office: Workspace) -> None:
    with pytest.raises(ValidationError) as raised:
        import_report_template(office, donor(code="general"))
    assert not isinstance(raised.value, ReportTemplateError)
    assert raised.value.field == "code"
    assert get_report_template(office, "general").title.en == "Legal aid: general report"
    broken = donor().replace(b"people_by_gender", b"people_by_sex")
    with pytest.raises(ReportTemplateError) as raised:
        import_report_template(office, broken)
    assert raised.value.where == "sections[0].items[0].measure"
    assert [a.template.code for a in list_report_templates(office)] == ["general"]
    lawyer = as_user(office, "lawyer")
    with pytest.raises(PermissionDenied):
        import_report_template(lawyer, donor())
    import_report_template(office, donor())
    with pytest.raises(PermissionDenied):
        remove_report_template(lawyer, "osce-2026")
    with pytest.raises(PermissionDenied):
        list_report_templates(lawyer)
    with pytest.raises(NotFound):
        remove_report_template(office, "general")  # shipped: never stored, never removed
    assert [a.template.code for a in list_report_templates(office)] == ["general", "osce-2026"]


def test_subcategories_cannot_undo_the_categories_hidden_cells() -> None:
    """Categories A 3, D 6, B 20 print as <5, x, 20; had the subcategories been hidden on
    their own, D.1 = 6 would show D and then A = 29 - 20 - 6. The parts of a hidden row are
    hidden, and within B the small B.1 is protected from B's printed 20."""
    from legalaid.services.statistics import Row, Table
    from legalaid.services.statistics_report import hidden_rows

    parent = Table("cases_opened_by_category", (Row("B", 20), Row("D", 6), Row("A", 3)), 29)
    child = Table(
        "cases_opened_by_subcategory",
        (Row("B.1", 2), Row("B.2", 18), Row("D.1", 6), Row("A.1", 3)),
        29,
    )
    assert hidden_rows(parent, 5) == [False, True, True]
    assert hidden_rows(child, 5, parent) == [True, True, True, True]
    assert hidden_rows(child, None, parent) == [False] * 4


def test_labels_too_long_or_with_control_characters_are_refused(office: Workspace) -> None:
    for bad, where in (
        (donor(title="x" * 201), "title.en"),
        (donor(title="OSCE\u0001"), "title.en"),
    ):
        with pytest.raises(ReportTemplateError) as refused:
            report_templates.import_report_template(office, bad)
        assert refused.value.where == where
    assert report_templates.import_report_template(office, donor(title="x" * 200)).code


def test_a_stored_template_this_version_cannot_read_leaves_the_others(
    office: Workspace,
) -> None:
    from legalaid.domain.report_templates import StoredReportTemplate

    report_templates.import_report_template(office, donor())
    with office.session() as session:  # as if a later version had dropped a statistic
        stored = session.query(StoredReportTemplate).one()
        stored.body = stored.body.replace("people_by_gender", "people_by_shoe_size")
        session.commit()
    listed = report_templates.list_report_templates(office)
    assert [a.template.code for a in listed] == ["general"]


def test_monitoring_says_it_is_network_wide_when_narrowed(office: Workspace) -> None:
    narrowed = StatsFilter(Q1.first_day, Q1.last_day, office_code="MAIN")
    content = report_content(office, narrowed, "general", "en", None)
    monitored = item_of(content, "observations_by_oblast", section=6)
    assert "network's" in monitored.note
    assert item_of(content, "people_by_gender", section=1).note == ""
    whole = report_content(office, Q1, "general", "en", None)
    assert item_of(whole, "observations_by_oblast", section=6).note == ""
    pdf = statistics_pdf(office, narrowed, "general", "en", None)
    assert "network's" in text_of(pdf)


def test_a_mean_as_a_key_number_prints_its_days(office: Workspace) -> None:
    from dataclasses import replace

    from legalaid.documents.pdf import Letterhead, PdfDocument
    from legalaid.documents.statistics_pdf import _total_text

    content = report_content(office, Q1, "general", "en", None)
    days = item_of(content, "referral_response_days")
    doc = PdfDocument("en", Letterhead("Office"), None)
    assert _total_text(doc, days) == "—"  # nothing answered in the quarter
    answered = replace(days, mean=7.0, total=57, total_text="57")
    assert _total_text(doc, answered) == "7,0 days (57 answered)"
    assert _total_text(doc, item_of(content, "people_by_gender")) == "9"
