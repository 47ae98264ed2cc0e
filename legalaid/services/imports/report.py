"""The dry run told to a person: one line per thing that happens to a row (a case to create,
a field to update, a field kept because it was edited in the app, a reason for rejection),
in the reader's language. The command line prints these lines, the import screen lists
them and saves them as CSV; the rows and columns are named, and a person never is (no names,
no PINs: only what the register's cells in question said)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from legalaid.documents.tabular import csv_bytes
from legalaid.i18n import N_, format_date, translate_in
from legalaid.services import exports
from legalaid.services.exports import confirmed_target
from legalaid.services.imports.mapping import FIELD_BY_CODE, value_choices
from legalaid.services.imports.plan import Change, ImportPlan, Outcome, RowPlan
from legalaid.services.permissions import Permission
from legalaid.services.workspace import Workspace
from legalaid.storage.atomic import write_atomic

Translate = Callable[[str], str]

OUTCOME_LABELS = {
    Outcome.CREATE: N_("to create"),
    Outcome.UPDATE: N_("to update"),
    Outcome.DUPLICATE: N_("already there"),
    Outcome.CONFLICT: N_("edited in the app"),
    Outcome.REJECT: N_("rejected"),
}


@dataclass(frozen=True)
class ReportLine:
    row: int
    outcome: Outcome
    column: str  # the register's header or the field's label
    text: str


NARRATIVE = ("summary",)  # said to have changed, never quoted: a narrative leaves nothing


def public_value(field: str, value: str | None) -> str | None:
    """A value as a report may carry it: a narrative as "…" only."""
    return "…" if field in NARRATIVE and value else value


def _shown(field: str, code: str | None, language: str) -> str:
    code = public_value(field, code)
    if code is None:
        return "—"
    if code == "…":
        return code
    if field == "closed_on":
        return format_date(dt.date.fromisoformat(code), "short", language)
    labels = dict(value_choices(field, language))
    return labels.get(code, code)


def _change(change: Change, language: str) -> str:
    old, new = (_shown(change.field, code, language) for code in (change.old, change.new))
    return f"{old} → {new}"


def _lines(row: RowPlan, t: Translate, language: str) -> list[ReportLine]:
    if row.outcome is Outcome.REJECT:
        return [
            ReportLine(
                row.row, row.outcome, problem.column, t(problem.message).format(**problem.params)
            )
            for problem in row.problems
        ]
    if row.outcome is Outcome.CREATE:
        if row.case is None:
            text = t(N_("a new person"))
        elif row.person_id:
            text = t(N_("a new case for a person already in the vault"))
        else:
            text = t(N_("a new case and a new person"))
        return [ReportLine(row.row, row.outcome, "", text)]
    if row.outcome is Outcome.DUPLICATE:
        return [ReportLine(row.row, row.outcome, "", t(N_("already in the vault: skipped")))]
    found = [
        ReportLine(row.row, row.outcome, t(FIELD_BY_CODE[c.field].label), _change(c, language))
        for c in row.changes
    ]
    kept = t(N_("the app's {old} is kept (edited since the last import); the register says {new}"))
    found += [
        ReportLine(
            row.row,
            Outcome.CONFLICT,
            t(FIELD_BY_CODE[c.field].label),
            kept.format(old=_shown(c.field, c.old, language), new=_shown(c.field, c.new, language)),
        )
        for c in row.kept
    ]
    return found


def report_lines(plan: ImportPlan, t: Translate, language: str) -> list[ReportLine]:
    """Every row's lines, in the file's order."""
    return [line for row in plan.rows for line in _lines(row, t, language)]


def counts_line(plan: ImportPlan, t: Translate) -> str:
    counts = plan.counts
    return t(
        N_(
            "{create} to create, {update} to update, {duplicate} already there (skipped), "
            "{conflict} edited in the app (kept), {reject} rejected"
        )
    ).format(**{outcome.value: counts[outcome] for outcome in Outcome})


REPORT_COLUMNS = (N_("Row"), N_("Outcome"), N_("Column"), N_("What happens"))


def export_report(
    ws: Workspace,
    plan: ImportPlan,
    sha256: str,
    target: Path,
    language: str,
    *,
    confirm_unencrypted: bool = False,
) -> int:
    """Write the dry run's lines to `target` (.csv, spreadsheet-safe cells) after the
    person confirmed an unencrypted copy; audited before any byte is written. The lines
    name rows and columns, never a person, but say what the register's cells said."""
    ws.require(Permission.MANAGE_ACCOUNTS)
    confirmed_target(confirm_unencrypted, target, (".csv",))

    def t(message: str) -> str:
        return translate_in(language, message)

    lines = report_lines(plan, t, language)
    rows = [[line.row, t(OUTCOME_LABELS[line.outcome]), line.column, line.text] for line in lines]
    exports.record_export(ws, "import", "report.csv", None, {"sha256": sha256, "rows": len(rows)})
    write_atomic(Path(target), csv_bytes([t(title) for title in REPORT_COLUMNS], rows))
    return len(rows)
