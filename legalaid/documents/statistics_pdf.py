"""The statistics report as a PDF in the chosen language: a cover (title, office, period,
template, whether small numbers are hidden), the filter printed in full (so each number can
be counted again), the key numbers, then each section of the template with its tables, bar
and line charts drawn with ReportLab's graphics, and the notes on method.

The numbers come from services/statistics_report.py (SQL counts; hidden when the report is
meant for outside). Nothing is written to disk; the report names no one, and making it is
audited with its filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from legalaid.documents.letterhead import office_letterhead
from legalaid.documents.pdf import FONT, PdfDocument, document_language
from legalaid.domain.report_templates import Chart, Show
from legalaid.i18n import N_
from legalaid.services import statistics
from legalaid.services.findings import Share, one_decimal
from legalaid.services.statistics import StatsFilter
from legalaid.services.statistics_report import ReportContent, ShownItem, report_content
from legalaid.services.workspace import Workspace

BAR = colors.HexColor("#1f3a5f")
MAX_BARS = 20
LINE = colors.HexColor("#2e6da4")


def _bar_chart(doc: PdfDocument, labels: Sequence[str], values: Sequence[int]) -> Drawing:
    height = 15 * len(labels) + 30
    drawing = Drawing(doc.width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 0.42 * doc.width, 15
    chart.width, chart.height = 0.54 * doc.width, height - 25
    chart.data = [list(values)]
    chart.bars[0].fillColor = BAR
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.forceZero = True
    chart.categoryAxis.categoryNames = [label[:48] for label in labels]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.reverseDirection = True  # the first row on top, as in the table
    chart.barLabels.fontName = FONT  # even unused: ReportLab's default is Helvetica
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _line_chart(doc: PdfDocument, labels: Sequence[str], values: Sequence[int | None]) -> Drawing:
    """A line over the months; a hidden month (None) is a gap in it."""
    drawing = Drawing(doc.width, 140)
    chart = HorizontalLineChart()
    chart.x, chart.y = 35, 25
    chart.width, chart.height = doc.width - 50, 105
    chart.data = [list(values)]
    chart.lines[0].strokeColor = LINE
    chart.lines[0].strokeWidth = 1.6
    chart.joinedLines = True
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = True
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    if len(labels) > 12:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.lineLabels.fontName = FONT
    drawing.add(chart)
    return drawing


def _share(item: ShownItem, count: int, share: float | None) -> str:
    if share is None:
        return "—" if item.total else ""
    return Share(count, item.total).percent_text


def _table(doc: PdfDocument, item: ShownItem) -> None:
    if item.mean_days:
        rows = [
            [row.label, row.text, "—" if row.mean is None else one_decimal(row.mean)]
            for row in item.rows
        ]
        rows.append(
            [
                doc.t(N_("All")),
                item.total_text,
                "—" if item.mean is None else one_decimal(item.mean),
            ]
        )
        header = [N_("Group"), N_("Answered"), N_("Mean days")]
    else:
        rows = [[row.label, row.text, _share(item, row.count, row.share)] for row in item.rows]
        rows.append([doc.t(N_("Total ({unit})"), unit=item.unit), item.total_text, ""])
        header = [N_("Group"), N_("Count"), N_("Share")]
    doc.table(rows, [0.62, 0.19, 0.19], header=header)


def _chart(doc: PdfDocument, item: ShownItem) -> None:
    shown = [row for row in item.rows if not row.hidden]
    if item.chart is Chart.LINE and shown:
        values = [None if row.hidden else row.count for row in item.rows]
        doc.flowable(_line_chart(doc, [row.label for row in item.rows], values))
    elif item.chart is Chart.BAR:
        shown = [row for row in shown if row.count]
        if len(shown) > MAX_BARS:  # a page holds about forty; the largest, in table order
            largest = set(sorted(range(len(shown)), key=lambda i: -shown[i].count)[:MAX_BARS])
            shown = [row for i, row in enumerate(shown) if i in largest]
            doc.say(N_("The {count} largest groups are drawn."), "small", count=MAX_BARS)
        if shown:
            doc.flowable(_bar_chart(doc, [r.label for r in shown], [r.count for r in shown]))


def _item(doc: PdfDocument, item: ShownItem) -> None:
    def build() -> None:
        doc.paragraph(item.label, "label")
        if not item.total:
            doc.say(N_("None in this period."), "small")
            return
        _table(doc, item)
        if item.note:
            doc.paragraph(item.note, "small")
        _chart(doc, item)

    doc.keep_together(build)


def _total_text(doc: PdfDocument, item: ShownItem) -> str:
    """A key number: the count, or for a mean (days to an answer) the mean and its base."""
    if not item.mean_days:
        return item.total_text
    if item.mean is None:
        return "—"
    return doc.t(
        N_("{value} days ({count} answered)"), value=one_decimal(item.mean), count=item.total_text
    )


def _totals(doc: PdfDocument, items: Sequence[ShownItem]) -> None:
    doc.table(
        [[item.label + (" *" if item.note else ""), _total_text(doc, item)] for item in items],
        [0.75, 0.25],
        header=[N_("Indicator"), N_("Count")],
    )
    for note in dict.fromkeys(item.note for item in items if item.note):
        doc.paragraph("* " + note, "small")


def _opening(
    doc: PdfDocument, title: str, totals: Sequence[ShownItem], first: Sequence[ShownItem]
) -> None:
    """A section's heading with what follows it: never alone at the foot of a page."""
    doc.heading(title)
    if totals:
        _totals(doc, totals)
    for item in first:
        _item(doc, item)


def _cover(doc: PdfDocument, content: ReportContent) -> None:
    doc.space(8)
    use = (
        doc.t(
            N_("For outside the organisation: numbers below {threshold} are hidden."),
            threshold=content.threshold,
        )
        if content.threshold is not None
        else doc.t(N_("For the organisation only: every number is shown."))
    )
    doc.heading(N_("What was counted"))
    doc.fields(
        [
            *content.filter_rows,
            (doc.t(N_("Report template")), content.template.code),
            (doc.t(N_("Use")), use),
        ]
    )


def statistics_pdf(
    ws: Workspace,
    flt: StatsFilter,
    template_code: str,
    language: str,
    threshold: int | None,
    printed_on: dt.date | None = None,
) -> bytes:
    """The report in `language` (ky, ru or en); `threshold` hides small counts (None: an
    internal report). Coordinators only; audited."""
    language = document_language(language)
    content = report_content(ws, flt, template_code, language, threshold)
    period = dict(content.filter_rows)
    doc = PdfDocument(
        language,
        office_letterhead(ws, flt.office_code, language),
        content.title,
        subtitle=next(iter(period.values())),
        printed_on=printed_on,
    )
    _cover(doc, content)
    doc.page_break()
    for section in content.sections:
        totals = [item for item in section.items if item.show is Show.TOTAL]
        tables = [item for item in section.items if item.show is Show.TABLE]

        doc.keep_together(partial(_opening, doc, section.title, totals, tables[:1]))
        for item in tables[1:]:
            _item(doc, item)
    doc.heading(N_("Method"))
    for paragraph in content.method:
        doc.paragraph(paragraph, "small")
    pdf = doc.build()
    statistics.record_export(  # before the caller writes it anywhere
        ws, "report.pdf", flt, {"template": template_code, "threshold": threshold or 0}
    )
    return pdf
