"""Statistics leaving the vault as spreadsheets: the report's tables as XLSX (the same
numbers as the PDF, counts as whole numbers, shares as percentages, small counts hidden in
a report for outside), and anonymised case records as CSV for researchers, with a data
dictionary.

The CSV has one row per case opened in the period and filter (restricted cases never),
numbered in the export only: months (not days), codes (category, status, outcome, office),
and of the first client only gender, age group and oblast, yes/no per vulnerability, and
counts of referrals, court proceedings and hearings. No name, PIN, phone, address,
district, birth date, case number, narrative or any free text: nothing a person typed.
Rare combinations are coarsened or left out (k-anonymity, domain/anonymity.py). Every text
cell is defused against formula injection (documents/tabular.py).

Writing a copy outside the vault needs the person's confirmation and is audited.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, select

from legalaid.documents.tabular import Cell, csv_bytes, safe_cell
from legalaid.domain.accounts import Office
from legalaid.domain.anonymity import HIDDEN, Columns, k_anonymous
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.courts import Hearing, Proceeding
from legalaid.domain.enums import PartyRole, Vulnerability
from legalaid.domain.people import Person, PersonVulnerability
from legalaid.domain.referrals import Referral
from legalaid.domain.report_templates import Show
from legalaid.i18n import N_, translate_in
from legalaid.services import office_settings, statistics
from legalaid.services.exports import confirmed_target
from legalaid.services.stat_sources import age_group, case_scope
from legalaid.services.statistics import StatsFilter
from legalaid.services.statistics_report import ReportContent, ShownItem, report_content
from legalaid.services.workspace import Workspace
from legalaid.storage.atomic import write_atomic

BATCH = 1000
PROTECTION_NOTE = N_(
    "Hidden to protect people: no combination of office, month, category, gender, age group "
    "and oblast is shared by fewer than {k} rows. {generalised} rows give the quarter instead "
    "of the month and * for office, age group, oblast and subcategory; {left_out} rows that "
    "would still have stood almost alone are left out. Rows are in a random order within "
    "their quarter. Restricted cases are never exported."
)
COUNT_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
DAYS_FORMAT = "0.0"
RECORD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("row", N_("Number of the row in this export only")),
    ("opened_month", N_("Month the case was opened (YYYY-MM, or the quarter YYYY-Qn)")),
    ("closed_month", N_("Month the case was closed (YYYY-MM or YYYY-Qn), empty while open")),
    ("office", N_("Office (code)")),
    ("category", N_("Category (code of the taxonomy)")),
    ("subcategory", N_("Subcategory (code of the taxonomy)")),
    ("status", N_("Status (code)")),
    ("outcome", N_("Outcome when closed (code)")),
    ("client_gender", N_("Gender of the first client (code)")),
    ("client_age_group", N_("Age group of the first client on the period's last day (code)")),
    ("client_oblast", N_("Oblast of the first client's address (code)")),
    *(
        (f"vulnerable_{v.value}", N_("First client has this vulnerability (1 yes, 0 no)"))
        for v in Vulnerability
    ),
    ("referrals_sent", N_("Referrals of the case that were sent")),
    ("proceedings", N_("Court proceedings of the case")),
    ("hearings", N_("Hearings of the case's proceedings")),
)


_FIELDS = [name for name, _meaning in RECORD_COLUMNS[1:]]  # a row before it is numbered
ANONYMITY_COLUMNS = Columns(
    office=_FIELDS.index("office"),
    opened=_FIELDS.index("opened_month"),
    closed=_FIELDS.index("closed_month"),
    category=_FIELDS.index("category"),
    subcategory=_FIELDS.index("subcategory"),
    gender=_FIELDS.index("client_gender"),
    age_group=_FIELDS.index("client_age_group"),
    oblast=_FIELDS.index("client_oblast"),
)


# --- the report's tables as XLSX ---------------------------------------------------------------


def _total(item: ShownItem) -> Cell:
    """The total as a number, or "<5" when it is hidden."""
    return item.total if item.total_text == str(item.total) else item.total_text


def tables_xlsx(content: ReportContent) -> bytes:
    """One sheet with the filter and every table of the report, one with the method."""
    t = content.language
    book = Workbook()
    sheet = book.active
    sheet.title = translate_in(t, N_("Tables"))[:31]
    bold = Font(bold=True)
    sheet.append([safe_cell(content.title)])
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in content.filter_rows:
        sheet.append([safe_cell(label), safe_cell(value)])
    for section in content.sections:
        sheet.append([])
        sheet.append([safe_cell(section.title)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        for item in section.items:
            if item.show is Show.TOTAL:  # a key number: one line (a mean: its days too)
                sheet.append(
                    [safe_cell(item.label), _total(item), item.mean if item.mean_days else None]
                )
                sheet.cell(sheet.max_row, 2).number_format = COUNT_FORMAT
                sheet.cell(sheet.max_row, 3).number_format = DAYS_FORMAT
                continue
            sheet.append([safe_cell(item.label)])
            sheet.cell(sheet.max_row, 1).font = bold
            if item.mean_days:
                header = [N_("Group"), N_("Answered"), N_("Mean days")]
            else:
                header = [N_("Group"), N_("Count"), N_("Share")]
            sheet.append([translate_in(t, h) for h in header])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for row in item.rows:
                count: Cell = row.text if row.hidden else row.count
                third: Cell = row.mean if item.mean_days else row.share
                sheet.append([safe_cell(row.label), count, third])
                sheet.cell(sheet.max_row, 2).number_format = COUNT_FORMAT
                sheet.cell(sheet.max_row, 3).number_format = (
                    DAYS_FORMAT if item.mean_days else SHARE_FORMAT
                )
            label = translate_in(t, N_("Total ({unit})")).format(unit=item.unit)
            sheet.append([label, _total(item), item.mean if item.mean_days else None])
            if item.note:
                sheet.append([safe_cell(item.note)])
            sheet.cell(sheet.max_row, 1).font = bold
            sheet.cell(sheet.max_row, 2).number_format = COUNT_FORMAT
            sheet.cell(sheet.max_row, 3).number_format = DAYS_FORMAT
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 14
    method = book.create_sheet(translate_in(t, N_("Method"))[:31])
    for paragraph in content.method:
        method.append([safe_cell(paragraph)])
    method.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_tables(
    ws: Workspace,
    flt: StatsFilter,
    template_code: str,
    language: str,
    threshold: int | None,
    target: Path,
    *,
    confirm_unencrypted: bool = False,
) -> None:
    confirmed_target(confirm_unencrypted, target, (".xlsx",))
    content = report_content(ws, flt, template_code, language, threshold)
    data = tables_xlsx(content)
    statistics.record_export(  # before any byte leaves: a lock cannot let it out unrecorded
        ws, "tables.xlsx", flt, {"template": template_code, "threshold": threshold or 0}
    )
    write_atomic(Path(target), data)


# --- anonymised case records as CSV ------------------------------------------------------------


def _first_clients(flt: StatsFilter) -> Any:
    first = (
        select(CaseParty.case_id, func.min(CaseParty.id).label("party_id"))
        .where(CaseParty.role == PartyRole.CLIENT.value)
        .group_by(CaseParty.case_id)
        .subquery()
    )
    return (
        select(first.c.case_id, Person.id, Person.gender, age_group(flt), Person.region)
        .join(CaseParty, CaseParty.id == first.c.party_id)
        .join(Person, Person.id == CaseParty.person_id)
    )


def _counted(session: Any, ids: list[int], query: Any) -> dict[int, int]:
    return dict(session.execute(query.where(query.selected_columns[0].in_(ids))).all())


def record_rows(ws: Workspace, flt: StatsFilter) -> Iterator[list[Cell]]:
    """The anonymised rows, read in batches (a year of 100,000 cases stays in bounds)."""
    statistics.tables(ws, flt, [])  # the permission and the period are checked there
    with ws.reader() as session:
        ids = list(
            session.scalars(
                select(Case.id)
                .where(Case.opened_on >= flt.first_day, Case.opened_on <= flt.last_day)
                .where(Case.restricted.is_(False))  # a restricted case never leaves
                .where(*case_scope(flt))
                .order_by(Case.opened_on, Case.id)
            )
        )
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            clients = {
                row[0]: row[1:]
                for row in session.execute(_first_clients(flt).where(CaseParty.case_id.in_(chunk)))
            }
            marks: dict[int, set[str]] = {}
            person_ids = [c[0] for c in clients.values()]
            for pid, code in session.execute(
                select(PersonVulnerability.person_id, PersonVulnerability.code).where(
                    PersonVulnerability.person_id.in_(person_ids)
                )
            ):
                marks.setdefault(pid, set()).add(code)
            sent = _counted(
                session,
                chunk,
                select(Referral.case_id, func.count())
                .where(Referral.sent_on.is_not(None))
                .group_by(Referral.case_id),
            )
            held = _counted(
                session,
                chunk,
                select(Proceeding.case_id, func.count()).group_by(Proceeding.case_id),
            )
            hearings = _counted(
                session,
                chunk,
                select(Proceeding.case_id, func.count(Hearing.id))
                .join(Hearing, Hearing.proceeding_id == Proceeding.id)
                .group_by(Proceeding.case_id),
            )
            rows = session.execute(
                select(
                    Case.id,
                    Case.opened_on,
                    Case.closed_on,
                    Office.code,
                    Case.category,
                    Case.subcategory,
                    Case.status,
                    Case.outcome,
                )
                .join(Office, Office.id == Case.office_id)
                .where(Case.id.in_(chunk))
                .order_by(Case.opened_on, Case.id)
            )
            for cid, opened, closed, office, category, sub, status, outcome in rows:
                pid, gender, age, region = clients.get(cid, (None, None, None, None))
                flags = marks.get(pid, set()) if pid is not None else set()
                yield [
                    f"{opened:%Y-%m}",
                    f"{closed:%Y-%m}" if closed else None,
                    office,
                    category,
                    sub,
                    status,
                    outcome,
                    gender,
                    age,
                    region,
                    *(int(v.value in flags) for v in Vulnerability),
                    sent.get(cid, 0),
                    held.get(cid, 0),
                    hearings.get(cid, 0),
                ]


@dataclass(frozen=True)
class RecordsExport:
    rows: int
    generalised: int  # rows whose office, age, oblast and subcategory were blanked
    left_out: int  # rows that would still have stood (almost) alone


def export_records(
    ws: Workspace,
    flt: StatsFilter,
    target: Path,
    language: str,
    *,
    confirm_unencrypted: bool = False,
) -> RecordsExport:
    """Write the anonymised records to `target` (.csv) and the dictionary beside it as
    `<name>-dictionary.csv`: every combination of office, month, category, gender, age
    group and oblast shared by at least as many rows as the office's small-count
    threshold (domain/anonymity.py)."""
    confirmed_target(confirm_unencrypted, target, (".csv",))
    target = Path(target)
    k = office_settings.small_count_threshold(ws)
    found = k_anonymous(list(record_rows(ws, flt)), ANONYMITY_COLUMNS, k)
    numbered = [[number, *row] for number, row in enumerate(found.rows, start=1)]
    dictionary = [
        [
            name,
            translate_in(language, meaning)
            + (f" ({name[11:]})" if name.startswith("vulnerable_") else ""),
        ]
        for name, meaning in RECORD_COLUMNS
    ]
    dictionary.append(
        [
            HIDDEN,
            translate_in(language, PROTECTION_NOTE).format(
                k=k, generalised=found.generalised, left_out=found.left_out
            ),
        ]
    )
    statistics.record_export(
        ws, "records.csv", flt, {"rows": len(numbered), "left_out": found.left_out, "k": k}
    )  # audited before any byte leaves: a lock cannot let a copy out unrecorded
    write_atomic(target, csv_bytes([name for name, _meaning in RECORD_COLUMNS], numbered))
    write_atomic(
        target.with_name(f"{target.stem}-dictionary.csv"),
        csv_bytes(
            [translate_in(language, N_("Column")), translate_in(language, N_("Meaning"))],
            dictionary,
        ),
    )
    return RecordsExport(len(numbered), found.generalised, found.left_out)
