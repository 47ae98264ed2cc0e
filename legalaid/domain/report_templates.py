"""Report templates: which statistics a report prints, in which order, under which labels,
with which chart, kept as data (docs/reports.md). A donor's indicator set ("1.1 Number of
persons who received free legal aid, disaggregated by sex") is a template a coordinator
writes and imports, without code; the app ships one general template.

    {"format": 1, "code": "general", "title": {"ky": ..., "ru": ..., "en": ...},
     "sections": [{"title": {...}, "items": [
         {"measure": "people_served", "show": "total", "label": {...}},
         {"measure": "people_by_gender", "chart": "bar"}]}]}

A measure is named by its stable key (services/statistics.MEASURES); `label` replaces the
measure's own title, `show` is "table" (the default: a row per group) or "total" (one
line), `chart` is "bar" or "line" (none when left out). A template is checked in full when
read: a misspelt key or an unknown measure is refused with its place named.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from legalaid.domain.base import Audited, Base, utc_now
from legalaid.domain.data_files import (
    LANGUAGES,
    DataFileError,
    Texts,
    at,
    listed,
    obj,
    string,
    texts,
)
from legalaid.i18n import N_

FORMAT = 1
MAX_BYTES = 256 * 1024  # a template is a page of JSON; a bigger file is something else
LABEL_MAX = 200  # characters of a title or label: a table cell, a line of the PDF
_CODE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_TOP_KEYS = ("format", "code", "title", "sections")
_SECTION_KEYS = ("title", "items")
_ITEM_KEYS = ("measure", "label", "show", "chart")


class Show(enum.StrEnum):
    TABLE = "table"
    TOTAL = "total"


class Chart(enum.StrEnum):
    NONE = "none"
    BAR = "bar"
    LINE = "line"


class ReportTemplateError(DataFileError):
    template = N_("Report template {where}: {problem}")


@dataclass(frozen=True)
class ReportItem:
    measure: str
    label: Texts | None = None  # None: the measure's own title
    show: Show = Show.TABLE
    chart: Chart = Chart.NONE


@dataclass(frozen=True)
class ReportSection:
    title: Texts
    items: tuple[ReportItem, ...]


@dataclass(frozen=True)
class ReportTemplate:
    code: str
    title: Texts
    sections: tuple[ReportSection, ...]

    @property
    def measures(self) -> list[str]:
        """The measures it prints, each once, in order."""
        seen: dict[str, None] = {}
        for section in self.sections:
            for item in section.items:
                seen.setdefault(item.measure, None)
        return list(seen)


def _choice(value: Any, where: str, kind: type[enum.StrEnum]) -> Any:
    text = string(value, where)
    try:
        return kind(text)
    except ValueError:
        raise DataFileError(
            where,
            N_("{value} is not one of: {allowed}"),
            value=text,
            allowed=", ".join(member.value for member in kind),
        ) from None


def _short(value: Any, where: str) -> Texts:
    """A title or label: three languages, each short enough for a table's cell."""
    found = texts(value, where)
    for language in LANGUAGES:
        if len(getattr(found, language)) > LABEL_MAX:
            raise DataFileError(
                at(where, language), N_("longer than {limit} characters"), limit=LABEL_MAX
            )
    return found


def _item(value: Any, where: str, measures: Collection[str]) -> ReportItem:
    raw = obj(value, where, _ITEM_KEYS, ("measure",))
    measure = string(raw["measure"], at(where, "measure"))
    if measure not in measures:
        raise DataFileError(
            at(where, "measure"),
            N_("there is no statistic called {value} (docs/reports.md lists them)"),
            value=measure,
        )
    return ReportItem(
        measure=measure,
        label=_short(raw["label"], at(where, "label")) if "label" in raw else None,
        show=_choice(raw["show"], at(where, "show"), Show) if "show" in raw else Show.TABLE,
        chart=_choice(raw["chart"], at(where, "chart"), Chart) if "chart" in raw else Chart.NONE,
    )


def _parse(data: Any, measures: Collection[str]) -> ReportTemplate:
    raw = obj(data, "", _TOP_KEYS, _TOP_KEYS)
    if type(raw["format"]) is not int or raw["format"] != FORMAT:
        raise DataFileError(
            "format",
            N_("format {found} is not supported; this app reads format {expected}"),
            found=json.dumps(raw["format"]),
            expected=FORMAT,
        )
    code = string(raw["code"], "code")
    if not _CODE.fullmatch(code) or len(code) > 64:
        raise DataFileError(
            "code",
            N_("use lower-case letters, digits and dashes (like fair-trial), not {code}"),
            code=code,
        )
    sections = []
    for index, entry in enumerate(listed(raw["sections"], "sections")):
        where = at("sections", index)
        section = obj(entry, where, _SECTION_KEYS, _SECTION_KEYS)
        items = tuple(
            _item(item, at(at(where, "items"), number), measures)
            for number, item in enumerate(listed(section["items"], at(where, "items")))
        )
        sections.append(ReportSection(_short(section["title"], at(where, "title")), items))
    return ReportTemplate(code, _short(raw["title"], "title"), tuple(sections))


def parse_report_template(data: Any, measures: Collection[str]) -> ReportTemplate:
    """A checked template from JSON data; ReportTemplateError naming the first problem."""
    try:
        return _parse(data, measures)
    except DataFileError as error:
        raise ReportTemplateError(error.where, error.problem, **error.problem_params) from None


def read_report_template(raw: bytes, measures: Collection[str]) -> ReportTemplate:
    """A template from a file's bytes (UTF-8 JSON, with or without a byte-order mark)."""
    if len(raw) > MAX_BYTES:
        raise ReportTemplateError("(file)", N_("the file is too big to be a report template"))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ReportTemplateError("(file)", N_("the file is not UTF-8 text")) from None
    except json.JSONDecodeError as error:
        raise ReportTemplateError(
            "(file)",
            N_("not valid JSON: line {line}, column {column}"),
            line=error.lineno,
            column=error.colno,
        ) from None
    return parse_report_template(data, measures)


def template_to_json(template: ReportTemplate) -> str:
    """The template as it is stored: the documented keys, defaults left out."""

    def words(value: Texts) -> dict[str, str]:
        return {"ky": value.ky, "ru": value.ru, "en": value.en}

    def item(entry: ReportItem) -> dict[str, Any]:
        out: dict[str, Any] = {"measure": entry.measure}
        if entry.label is not None:
            out["label"] = words(entry.label)
        if entry.show is not Show.TABLE:
            out["show"] = entry.show.value
        if entry.chart is not Chart.NONE:
            out["chart"] = entry.chart.value
        return out

    data: Mapping[str, Any] = {
        "format": FORMAT,
        "code": template.code,
        "title": words(template.title),
        "sections": [
            {"title": words(s.title), "items": [item(i) for i in s.items]}
            for s in template.sections
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


class StoredReportTemplate(Audited, Base):
    """A template a coordinator imported (a donor's indicator set); the shipped ones are
    read from resources/reports/ and never stored."""

    __tablename__ = "report_template"
    __audit_entity__ = "report_template"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    body: Mapped[str] = mapped_column(Text)  # the template's JSON, as template_to_json writes it
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"), nullable=True)
