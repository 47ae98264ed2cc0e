"""The findings report of trial monitoring as a PDF in the chosen language: the filter (so
every figure can be counted again), the key indicators with their base, a bar chart of the
share of hearings with a concern per section, trends by quarter (table and chart),
adjournments by cause, then every item with its answers and base, and a note on method.

Figures come from services/findings.py (SQL over approved observations); item texts from the
newest checklist version in the findings (codes are stable across versions). Nothing is
written to disk; the report names no defendant (observations hold pseudonyms only) and is
audited as an export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from legalaid.documents.letterhead import office_letterhead
from legalaid.documents.pdf import FONT, PdfDocument, document_language
from legalaid.domain.checklists import YN4, Item, Template
from legalaid.domain.enums import ProceedingKind, Region, TrialStage, label_msgid
from legalaid.i18n import N_, sentence_case, translate_in
from legalaid.services import checklist_templates, courts, findings
from legalaid.services.findings import Findings, FindingsFilter, ItemCount, Share
from legalaid.services.workspace import Workspace

TITLE = N_("Fair-trial monitoring: findings")
SMALL_BASE = 5  # a figure on fewer hearings is marked: read it with care
BAR = colors.HexColor("#1f3a5f")
BAR_LIGHT = colors.HexColor("#9db3cf")
METHOD = N_(
    "Monitors of the network watched these hearings in person and answered the checklist "
    "item by item, without intervening; a coordinator reviewed and approved each "
    "observation, and only approved ones are counted. For each figure the base is the number "
    "of hearings where the question applied and was observed (answers 'not observed' and "
    "'not applicable' are left out of it); a share on fewer than {small} hearings is marked "
    "with an asterisk. Defendants are recorded by pseudonym: no one is named. The filter "
    "above states which observations were counted, so every number can be counted again."
)


def _share_text(doc: PdfDocument, share: Share) -> tuple[str, str, str]:
    percent = share.percent_text
    if share.base and share.base < SMALL_BASE:
        percent += " *"
    return str(share.count), str(share.base), percent


def _filter_rows(ws: Workspace, doc: PdfDocument, flt: FindingsFilter) -> list[tuple[str, str]]:
    period = doc.t(N_("all dates"))
    if flt.first_day or flt.last_day:
        period = doc.t(
            N_("{first} – {last}"),
            first=doc.date(flt.first_day) or "…",
            last=doc.date(flt.last_day) or "…",
        )
    court = ""
    if flt.court_id is not None:
        found = courts.get_court(ws, flt.court_id)
        court = found.name_on(flt.last_day or dt.date.today(), doc.language)
    every = doc.t(N_("all"))
    return [
        (N_("Period (the hearing's date)"), period),
        (N_("Court"), court or every),
        (N_("Oblast"), _label(doc, Region, flt.region) or every),
        (N_("Kind of case"), _label(doc, ProceedingKind, flt.case_kind) or every),
        (N_("Stage"), _label(doc, TrialStage, flt.stage) or every),
        (N_("Checklist version"), str(flt.template_id) if flt.template_id else every),
        (N_("Observations counted"), doc.t(N_("approved ones only"))),
    ]


def _label(doc: PdfDocument, enum: type, code: str | None) -> str:
    """A stored code's label in the document's language ("" for none: never the empty
    msgid, which gettext answers with the catalog's header)."""
    if not code:
        return ""
    try:
        return sentence_case(doc.t(label_msgid(enum(code))))
    except ValueError:
        return code


def _indicator_rows(doc: PdfDocument, found: Findings) -> list[list[str]]:
    rows = []
    for line in findings.key_indicators(found):
        label = doc.t(line.label, minutes=findings.LATE_AFTER_MINUTES)
        if line.share is not None:
            rows.append([label, *_share_text(doc, line.share)])
        else:
            minutes = (
                "—"
                if line.minutes is None
                else doc.t(N_("{value} min"), value=findings.one_decimal(line.minutes))
            )
            rows.append([label, minutes, "", ""])
    return rows


def _bar_chart(doc: PdfDocument, labels: Sequence[str], values: Sequence[float]) -> Drawing:
    height = 14 * len(labels) + 30
    drawing = Drawing(doc.width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 40, 15
    chart.width, chart.height = doc.width - 70, height - 25
    chart.data = [list(values)]
    chart.bars[0].fillColor = BAR
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.reverseDirection = True  # the first section on top
    chart.barLabels.fontName = FONT  # even unused, ReportLab's default would be Helvetica
    drawing.add(chart)
    return drawing


def _quarter_chart(doc: PdfDocument, found: Findings) -> Drawing:
    drawing = Drawing(doc.width, 130)
    chart = VerticalBarChart()
    chart.x, chart.y = 35, 20
    chart.width, chart.height = doc.width - 50, 100
    chart.data = [
        [q.hearings for q in found.quarters],
        [q.late_starts for q in found.quarters],
    ]
    chart.bars[0].fillColor = BAR
    chart.bars[1].fillColor = BAR_LIGHT
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [q.quarter for q in found.quarters]
    chart.barLabels.fontName = FONT
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    drawing.add(chart)
    return drawing


def _answers_text(doc: PdfDocument, item: Item, counted: ItemCount) -> str:
    parts = []
    codes: Sequence[str] = YN4 if not item.choices else [c.code for c in item.choices]
    for code in codes:
        if counted.counts.get(code):
            parts.append(f"{item.choice_label(code, doc.language)}: {counted.counts[code]}")
    if not item.choices and item.answer.value not in ("yn4",):
        values = [int(v) for v in counted.counts if v.isdigit()]
        if values:
            parts = [
                doc.t(
                    N_("{count} answers, from {low} to {high}"),
                    count=len(values),
                    low=min(values),
                    high=max(values),
                )
            ]
    return "; ".join(parts)


def _items(doc: PdfDocument, template: Template, found: Findings) -> None:
    for section in template.sections:
        rows = []
        for item in section.items:
            counted = found.item(item.code)
            if not counted.answered or item.answer.value == "text":
                continue
            concern = Share(counted.concerns, counted.base) if item.concern else None
            rows.append(
                [
                    item.code,
                    item.text.in_language(doc.language),
                    _answers_text(doc, item, counted),
                    str(counted.base),
                    _share_text(doc, concern)[2] if concern else "",
                ]
            )
        if not rows:
            continue
        title = section.title.in_language(doc.language)
        doc.heading(N_("{code}. {title}"), code=section.code, title=title)
        doc.paragraph(section.standard, "small")
        doc.table(
            rows,
            [0.09, 0.38, 0.29, 0.09, 0.15],  # wide enough for "Пункт" and "Нарушение"
            header=[
                N_("Item"),
                N_("Question"),
                N_("Answers (hearings)"),
                N_("Base"),
                N_("Concern"),
            ],
        )


def findings_report_pdf(
    ws: Workspace,
    flt: FindingsFilter,
    language: str,
    printed_on: dt.date | None = None,
) -> bytes:
    """The report in `language` (ky, ru or en) for the filter (coordinators)."""
    language = document_language(language)
    found = findings.findings(ws, flt)
    template = _template(ws, flt)
    doc = PdfDocument(
        language,
        office_letterhead(ws, None, language),
        TITLE,
        subtitle=translate_in(language, N_("Hearings observed: {count}")).format(
            count=found.hearings
        ),
        printed_on=printed_on,
    )
    doc.heading(N_("What was counted"))
    doc.fields([(doc.t(label), value) for label, value in _filter_rows(ws, doc, flt)])
    doc.heading(N_("Key indicators"))
    doc.table(
        _indicator_rows(doc, found),
        [0.58, 0.14, 0.14, 0.14],
        header=[N_("Indicator"), N_("Count"), N_("Base"), N_("Share")],
    )
    if template is not None and found.sections:
        shown = [s for s in template.sections if found.sections.get(s.code)]

        def chart() -> None:
            doc.heading(N_("Hearings with a concern, by section (%)"))
            doc.flowable(
                _bar_chart(
                    doc,
                    [s.code for s in shown],
                    [found.sections[s.code].percent or 0.0 for s in shown],
                )
            )

        doc.keep_together(chart)
        doc.paragraph(
            " · ".join(
                f"{s.code}. {s.title.in_language(language)} "
                f"({found.sections[s.code].count}/{found.sections[s.code].base})"
                for s in shown
            ),
            "small",
        )
    if found.quarters:
        doc.heading(N_("By quarter"))
        doc.table(
            [
                [q.quarter, str(q.hearings), str(q.late_starts), str(q.concerns)]
                for q in found.quarters
            ],
            [0.25, 0.25, 0.25, 0.25],
            header=[N_("Quarter"), N_("Hearings"), N_("Late starts"), N_("Concerns raised")],
        )
        doc.flowable(_quarter_chart(doc, found))
        doc.say(N_("Dark: hearings observed; light: late starts."), "small")
    reasons = found.indicators.adjourned_by_reason
    if reasons:
        doc.heading(N_("Adjournments by cause"))
        labels = _reason_labels(template, language)
        doc.table(
            [[labels.get(code, doc.t(N_("not said"))), str(n)] for code, n in reasons.items()],
            [0.75, 0.25],
            header=[N_("Cause"), N_("Hearings")],
        )
    if template is not None:
        _items(doc, template, found)
    doc.heading(N_("Method"))
    doc.say(METHOD, small=SMALL_BASE)
    pdf = doc.build()
    findings.record_export(ws, "report", flt)
    return pdf


def _reason_labels(template: Template | None, language: str) -> dict[str, str]:
    if template is None:
        return {}
    return {
        c.code: c.label.in_language(language) for c in template.choice_lists.get("delay_reason", ())
    }


def _template(ws: Workspace, flt: FindingsFilter) -> Template | None:
    """The version whose texts the report prints: the filter's, else the newest."""
    if flt.template_id is not None:
        return checklist_templates.get_template(ws, flt.template_id)
    versions = checklist_templates.list_templates(ws)
    if not versions:
        return None
    return checklist_templates.get_template(ws, versions[-1].id)
