"""What a statistics report shows, in a language, before it is drawn: the template's
sections and items with their counts, shares and means, the filter as printed text, and,
for a report meant for outside, small counts hidden (domain/suppression.py). The PDF
(documents/statistics_pdf.py) and the XLSX (services/statistics_export.py) both render
this, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from legalaid.domain import reference
from legalaid.domain.enums import Region
from legalaid.domain.report_templates import Chart, ReportTemplate, Show
from legalaid.domain.suppression import (
    SECONDARY,
    cell_text,
    hidden_text,
    shown_total,
    suppressed_cells,
)
from legalaid.i18n import N_, format_form_date, translate_in
from legalaid.services import cases, offices, report_templates, statistics
from legalaid.services.stat_labels import enum_labels
from legalaid.services.statistics import UNIT_LABELS, StatsFilter, Table, Unit
from legalaid.services.workspace import Workspace

METHOD = (
    N_(
        "Every figure is counted from the records in the vault for the period and filter "
        "printed above; both days of the period are included. People are counted once each, "
        "however many cases they have: a person with a case opened in the period is served; "
        "new if none of their cases was opened before the period, returning otherwise. Age is "
        "the age on the last day of the period (from the birth date, else the year estimated "
        "at intake)."
    ),
    N_(
        "Cases are counted by the day they were opened or closed; consultations and intakes by "
        "the day they were given; referrals by the day they were sent (drafts are not "
        "counted), with the days to an answer from sending to the answer; hearings and "
        "deadlines by their local day; court proceedings when opened in the period or heard "
        "in it; trial monitoring counts approved observations only."
    ),
    N_(
        "The office, category and lawyer filters apply to cases and what belongs to them "
        "(for consultations and anonymous contacts: the staff member who recorded them); the "
        "oblast and district filters to the client's address, and for trial monitoring to "
        "the court's oblast. A person may appear in more than one row of a table (two "
        "vulnerabilities); the total counts them once, so shares may add up to more than 100%."
    ),
)
SUPPRESSION_NOTE = N_(
    "To protect the people counted, numbers from 1 to {below} are shown as {hidden}. Where "
    "the hidden numbers of a table would otherwise follow from its total, the smallest number "
    "shown is hidden too, as {secondary}, or the total is; the subcategories of a hidden "
    "category are hidden. Hidden groups are left out of the charts."
)


@dataclass(frozen=True)
class ShownRow:
    label: str
    count: int
    text: str  # as printed: the count, or "<5"
    share: float | None  # of the total, 0..1; None when hidden or no total
    mean: float | None  # days, for a mean measure; None when hidden or none
    hidden: bool


@dataclass(frozen=True)
class ShownItem:
    key: str
    label: str
    unit: str
    show: Show
    chart: Chart
    rows: tuple[ShownRow, ...]
    total: int
    total_text: str
    mean: float | None
    mean_days: bool
    chronological: bool
    note: str = ""  # printed with it: which filters did not apply


@dataclass(frozen=True)
class ShownSection:
    title: str
    items: tuple[ShownItem, ...]


@dataclass(frozen=True)
class ReportContent:
    template: ReportTemplate
    title: str
    language: str
    filter: StatsFilter
    filter_rows: tuple[tuple[str, str], ...]  # (label, value), translated
    threshold: int | None  # None: an internal report, nothing hidden
    sections: tuple[ShownSection, ...]
    method: tuple[str, ...]


def filter_rows(ws: Workspace, flt: StatsFilter, language: str) -> list[tuple[str, str]]:
    """The filter as printed with the numbers, so they can be counted again."""
    every = translate_in(language, N_("all"))
    office = every
    if flt.office_code:
        found = next((o for o in offices.list_offices(ws) if o.code == flt.office_code), None)
        office = flt.office_code
        if found is not None:
            name = {"ky": found.name_ky, "ru": found.name_ru}.get(language, found.name_en)
            office = f"{flt.office_code} · {name}"
    district = reference.district(flt.district) if flt.district else None
    category = reference.category_label(flt.category, language) if flt.category else every
    lawyer = every
    if flt.lawyer_login:
        lawyer = dict(cases.lawyer_choices(ws)).get(flt.lawyer_login, flt.lawyer_login)
    rows = [
        (
            N_("Period"),
            translate_in(language, N_("{first} – {last}")).format(
                first=format_form_date(flt.first_day, language),
                last=format_form_date(flt.last_day, language),
            ),
        ),
        (N_("Office"), office),
        (N_("Oblast"), enum_labels(Region)(flt.region, language) if flt.region else every),
        (N_("District"), district.label(language) if district else (flt.district or every)),
        (N_("Category"), category),
        (N_("Lawyer"), lawyer),
    ]
    return [(translate_in(language, label), value) for label, value in rows]


def hidden_rows(table: Table, threshold: int | None, parent: Table | None = None) -> list[bool]:
    """Which rows of a table for outside are hidden (domain/suppression.py); the parts of a
    parent's row are suppressed among themselves, and all hidden when that row is."""
    counts = [row.count for row in table.rows]
    if threshold is None:
        return [False] * len(counts)
    if parent is None:
        return suppressed_cells(counts, threshold)
    parent_hidden = dict(
        zip(
            (row.code for row in parent.rows),
            hidden_rows(parent, threshold),
            strict=True,
        )
    )
    hide = [False] * len(counts)
    groups: dict[str, list[int]] = {}
    for index, row in enumerate(table.rows):
        groups.setdefault(row.code.split(".")[0], []).append(index)
    for code, indexes in groups.items():
        parts = suppressed_cells(
            [counts[i] for i in indexes], threshold, forced=parent_hidden.get(code, False)
        )
        for index, hidden in zip(indexes, parts, strict=True):
            hide[index] = hidden
    return hide


def _shown(
    table: Table, language: str, threshold: int | None, parent: Table | None = None
) -> ShownItem:
    found = table.measure
    hide = hidden_rows(table, threshold, parent)
    rows = []
    for (label, row), hidden in zip(table.labelled(language), hide, strict=True):
        share = row.count / table.total if table.total and not hidden else None
        mean = None if hidden or row.mean is None else row.mean
        text = cell_text(row.count, hidden, threshold) if threshold else str(row.count)
        rows.append(ShownRow(label, row.count, text, share, mean, hidden))
    total_text = shown_total(table.total, threshold, [row.count for row in table.rows], hide)
    return ShownItem(
        key=table.key,
        label=translate_in(language, found.title),
        unit=translate_in(language, UNIT_LABELS[found.unit]),
        show=Show.TABLE,
        chart=Chart.NONE,
        rows=tuple(rows),
        total=table.total,
        total_text=total_text,
        mean=table.mean if total_text == str(table.total) else None,
        mean_days=found.mean_days,
        chronological=found.chronological,
    )


NETWORK_WIDE = N_(
    "Trial monitoring is the network's: the office, category, lawyer and district filters do "
    "not apply to it, only the oblast (of the court)."
)


def _note(table: Table, flt: StatsFilter, language: str) -> str:
    narrowed = flt.office_code or flt.category or flt.lawyer_login or flt.district
    if table.measure.unit is Unit.OBSERVATIONS and narrowed:
        return translate_in(language, NETWORK_WIDE)
    return ""


def report_content(
    ws: Workspace,
    flt: StatsFilter,
    template_code: str,
    language: str,
    threshold: int | None,
) -> ReportContent:
    """The report of `template_code` for the filter; `threshold` hides small counts (a
    report for outside), None shows every number (for the office itself)."""
    template = report_templates.get_report_template(ws, template_code)
    parents = [
        key
        for key in (statistics.MEASURES[m].parent for m in template.measures)
        if key is not None and key not in template.measures
    ]
    counted = statistics.tables(ws, flt, [*template.measures, *parents])
    sections = []
    for section in template.sections:
        items = []
        for item in section.items:
            table = counted[item.measure]
            parent = table.measure.parent
            shown = _shown(table, language, threshold, counted[parent] if parent else None)
            label = item.label.in_language(language) if item.label else shown.label
            note = _note(table, flt, language)
            items.append(
                ShownItem(
                    **{
                        **vars(shown),
                        "label": label,
                        "show": item.show,
                        "chart": item.chart,
                        "note": note,
                    }
                )
            )
        sections.append(ShownSection(section.title.in_language(language), tuple(items)))
    method = [translate_in(language, text) for text in METHOD]
    if threshold is not None:
        method.append(
            translate_in(language, SUPPRESSION_NOTE).format(
                below=threshold - 1, hidden=hidden_text(threshold), secondary=SECONDARY
            )
        )
    return ReportContent(
        template=template,
        title=template.title.in_language(language),
        language=language,
        filter=flt,
        filter_rows=tuple(filter_rows(ws, flt, language)),
        threshold=threshold,
        sections=tuple(sections),
        method=tuple(method),
    )


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar quarter a day falls in (the reports' usual period)."""
    first_month = (day.month - 1) // 3 * 3 + 1
    first = dt.date(day.year, first_month, 1)
    after = dt.date(day.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return first, after - dt.timedelta(days=1)
