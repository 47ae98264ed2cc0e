"""Report templates (docs/reports.md): the shipped general template reads, names every
statistic and writes back unchanged; each kind of broken file is refused with the place
named, whether the JSON is wrong, the bytes are not UTF-8 JSON or the file is too big."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from legalaid.domain.data_files import Texts
from legalaid.domain.report_templates import (
    MAX_BYTES,
    Chart,
    ReportItem,
    ReportTemplate,
    ReportTemplateError,
    Show,
    parse_report_template,
    read_report_template,
    template_to_json,
)
from legalaid.errors import ValidationError
from legalaid.paths import resources_dir
from legalaid.services.report_templates import shipped_templates
from legalaid.services.statistics import MEASURES

FILE = resources_dir() / "reports" / "general.json"


def raw() -> dict[str, Any]:
    """The shipped template as JSON data, a fresh copy each time."""
    return copy.deepcopy(json.loads(FILE.read_text("utf-8")))


def general() -> ReportTemplate:
    return read_report_template(FILE.read_bytes(), MEASURES)


def test_the_general_template_names_every_statistic() -> None:
    template = general()
    assert template.code == "general"
    assert template.title == Texts(
        ky="Юридикалык жардам: жалпы отчет",
        ru="Юридическая помощь: общий отчёт",
        en="Legal aid: general report",
    )
    assert set(template.measures) == set(MEASURES)
    assert len(template.measures) == len(MEASURES)  # each once, though some are printed twice
    assert [s.title.en for s in template.sections] == [
        "Key numbers",
        "People served",
        "Cases",
        "Consultations and intakes",
        "Referrals",
        "Court",
        "Trial monitoring",
    ]
    key_numbers = template.sections[0].items
    assert all(item.show is Show.TOTAL and item.label is not None for item in key_numbers)
    assert key_numbers[0] == ReportItem(
        "people_served",
        Texts(ky="Жардам алган адамдар", ru="Получили помощь (человек)", en="People served"),
        Show.TOTAL,
        Chart.NONE,
    )
    people = template.sections[1].items
    assert people[1] == ReportItem("people_by_gender", None, Show.TABLE, Chart.BAR)
    assert people[3].chart is Chart.NONE and people[3].show is Show.TABLE
    assert template.sections[2].items[0] == ReportItem(
        "cases_opened_by_month", None, Show.TABLE, Chart.LINE
    )
    assert template in shipped_templates()


def test_a_template_writes_back_unchanged() -> None:
    template = general()
    written = template_to_json(template)
    again = parse_report_template(json.loads(written), MEASURES)
    assert again == template
    assert template_to_json(again) == written
    # read from bytes too, with the byte-order mark Windows editors add
    assert read_report_template(b"\xef\xbb\xbf" + written.encode("utf-8"), MEASURES) == template
    # defaults are left out; what differs from them is kept
    data = json.loads(written)
    people = data["sections"][1]["items"]
    assert people[3] == {"measure": "people_by_vulnerability"}
    assert people[1] == {"measure": "people_by_gender", "chart": "bar"}
    assert data["sections"][0]["items"][0]["show"] == "total"
    assert "ё" in written  # Cyrillic kept as it is, not \u-escaped


def test_a_small_donor_template_round_trips() -> None:
    data = {
        "format": 1,
        "code": "osce-2026",
        "title": {"ky": "ЕККУ", "ru": "ОБСЕ", "en": "OSCE"},
        "sections": [
            {
                "title": {"ky": "1", "ru": "1", "en": "1"},
                "items": [
                    {
                        "measure": "people_by_gender",
                        "label": {"ky": "1.1 ky", "ru": "1.1 ru", "en": "1.1 en"},
                        "show": "table",
                        "chart": "none",
                    },
                    {"measure": "cases_opened_by_month", "show": "total", "chart": "line"},
                ],
            }
        ],
    }
    template = parse_report_template(data, MEASURES)
    assert template.measures == ["people_by_gender", "cases_opened_by_month"]
    item = template.sections[0].items[0]
    assert item.label is not None and item.label.in_language("ru") == "1.1 ru"
    assert (item.show, item.chart) == (Show.TABLE, Chart.NONE)
    assert template.sections[0].items[1].show is Show.TOTAL
    written = json.loads(template_to_json(template))
    assert "show" not in written["sections"][0]["items"][0]  # explicit defaults dropped
    assert "chart" not in written["sections"][0]["items"][0]
    assert parse_report_template(written, MEASURES) == template


# --- broken templates ----------------------------------------------------------------------


def _set(*steps: Any, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        parent: Any = data
        for step in steps[:-1]:
            parent = parent[step]
        parent[steps[-1]] = value

    return change


def _remove(*steps: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        parent: Any = data
        for step in steps[:-1]:
            parent = parent[step]
        del parent[steps[-1]]

    return change


def _replace(value: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda _data: value


# (id, change, where); sections[0] is the key numbers, [1] people served, [2] cases.
BROKEN: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
    ("unknown top key", _set("colour", value="blue"), "colour"),
    ("not an object", _replace([1, 2]), "(top)"),
    ("format missing", _remove("format"), "format"),
    ("format 2", _set("format", value=2), "format"),
    ("format as text", _set("format", value="1"), "format"),
    ("format true", _set("format", value=True), "format"),
    ("code missing", _remove("code"), "code"),
    ("code upper-case", _set("code", value="Fair_Trial"), "code"),
    ("code with a space", _set("code", value="osce 2026"), "code"),
    ("code ends in a dash", _set("code", value="osce-"), "code"),
    ("code too long", _set("code", value="a" * 65), "code"),
    ("code a number", _set("code", value=7), "code"),
    ("title without Kyrgyz", _remove("title", "ky"), "title.ky"),
    ("title in another language", _set("title", "uz", value="x"), "title.uz"),
    ("title empty in English", _set("title", "en", value="  "), "title.en"),
    ("title not an object", _set("title", value="Report"), "title"),
    ("sections empty", _set("sections", value=[]), "sections"),
    ("sections not a list", _set("sections", value={"a": 1}), "sections"),
    ("section title missing", _remove("sections", 2, "title"), "sections[2].title"),
    ("section misspelt key", _set("sections", 1, "itens", value=[]), "sections[1].itens"),
    ("section items empty", _set("sections", 3, "items", value=[]), "sections[3].items"),
    ("item not an object", _set("sections", 0, "items", 2, value="x"), "sections[0].items[2]"),
    (
        "unknown measure",
        _set("sections", 0, "items", 1, "measure", value="cases_opened_by_colour"),
        "sections[0].items[1].measure",
    ),
    (
        "measure missing",
        _remove("sections", 1, "items", 0, "measure"),
        "sections[1].items[0].measure",
    ),
    (
        "measure not text",
        _set("sections", 1, "items", 0, "measure", value=3),
        "sections[1].items[0].measure",
    ),
    (
        "misspelt item key",
        _set("sections", 1, "items", 2, "charts", value="bar"),
        "sections[1].items[2].charts",
    ),
    (
        "bad show",
        _set("sections", 1, "items", 0, "show", value="pie"),
        "sections[1].items[0].show",
    ),
    (
        "show upper-case",
        _set("sections", 1, "items", 0, "show", value="TOTAL"),
        "sections[1].items[0].show",
    ),
    (
        "bad chart",
        _set("sections", 2, "items", 1, "chart", value="pie"),
        "sections[2].items[1].chart",
    ),
    (
        "label without Russian",
        _remove("sections", 0, "items", 3, "label", "ru"),
        "sections[0].items[3].label.ru",
    ),
]


@pytest.mark.parametrize(("change", "where"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_a_broken_template_is_refused_with_the_place_named(
    change: Callable[[dict[str, Any]], Any], where: str
) -> None:
    data = raw()
    replaced = change(data)
    if replaced is not None:
        data = replaced
    with pytest.raises(ReportTemplateError) as raised:
        read_report_template(json.dumps(data, ensure_ascii=False).encode("utf-8"), MEASURES)
    assert raised.value.where == where
    assert raised.value.field == where
    assert isinstance(raised.value, ValidationError)
    assert str(raised.value).startswith(f"Report template {where}: ")
    with pytest.raises(ReportTemplateError) as parsed:
        parse_report_template(data, MEASURES)
    assert parsed.value.where == where


def test_the_messages_say_what_is_wrong() -> None:
    data = raw()
    data["sections"][0]["items"][1]["measure"] = "cases_opened_by_colour"
    with pytest.raises(ReportTemplateError) as raised:
        parse_report_template(data, MEASURES)
    assert str(raised.value) == (
        "Report template sections[0].items[1].measure: there is no statistic called "
        "cases_opened_by_colour (docs/reports.md lists them)"
    )
    data = raw()
    data["sections"][1]["items"][1]["chart"] = "pie"
    with pytest.raises(ReportTemplateError) as raised:
        parse_report_template(data, MEASURES)
    assert str(raised.value) == (
        "Report template sections[1].items[1].chart: pie is not one of: none, bar, line"
    )
    data = raw()
    data["format"] = 2
    with pytest.raises(ReportTemplateError) as raised:
        parse_report_template(data, MEASURES)
    assert "format 2 is not supported" in str(raised.value)


def test_a_measure_is_known_only_if_the_app_has_it() -> None:
    with pytest.raises(ReportTemplateError) as raised:
        parse_report_template(raw(), [m for m in MEASURES if m != "people_by_gender"])
    assert raised.value.where == "sections[1].items[1].measure"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"format": 1, "code": "x"\xff}', "not UTF-8"),
        ("{}".encode("utf-16"), "not UTF-8"),
        (b'{"format": 1,\n  "code": }', "not valid JSON: line 2, column 11"),
        (b"", "not valid JSON: line 1, column 1"),
        (b"\xef\xbb\xbf{,}", "not valid JSON"),
        (b" " * (MAX_BYTES + 1), "too big"),
    ],
    ids=["latin byte", "utf-16", "invalid json", "empty", "bom then invalid", "too big"],
)
def test_a_file_that_is_not_a_template_is_refused(content: bytes, words: str) -> None:
    with pytest.raises(ReportTemplateError) as raised:
        read_report_template(content, MEASURES)
    assert raised.value.where == "(file)"
    assert str(raised.value).startswith("Report template (file): ")
    assert words in str(raised.value)


def test_a_file_of_exactly_the_largest_size_is_read() -> None:
    body = FILE.read_bytes()
    padded = body + b" " * (MAX_BYTES - len(body))
    assert len(padded) == MAX_BYTES
    assert read_report_template(padded, MEASURES) == general()
    with pytest.raises(ReportTemplateError):
        read_report_template(padded + b" ", MEASURES)
