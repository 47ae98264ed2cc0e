"""`legalaid import FILE --dry-run [--json REPORT]`: what an import of a register would do,
row by row, before anything is written. The columns are mapped as suggested from the
headers; the mapping used is printed, then the counts, the values no mapping knows and each
rejected row with its reasons. The report (JSON) names rows and columns, never a person:
it may be saved next to the register.

Writing the rows (without --dry-run) is not there yet (issue 11): the command says so.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from legalaid import cli as base
from legalaid.errors import UsageError
from legalaid.i18n import _
from legalaid.services.imports.mapping import FIELD_BY_CODE, suggest_columns
from legalaid.services.imports.plan import ImportPlan, Outcome, plan_import, value_suggestions
from legalaid.services.imports.sources import SEPARATORS, Table, read_table
from legalaid.storage.atomic import write_atomic


def report(table: Table, columns: dict[int, str], plan: ImportPlan) -> dict[str, Any]:
    """The dry run as data: the file, the mapping, the counts and every row's outcome."""
    return {
        "sha256": table.sha256,
        "kind": table.kind,
        "encoding": table.encoding,
        "separator": table.separator,
        "sheet": table.sheet,
        "empty_rows": table.empty_rows,
        "columns": {table.header[index]: code for index, code in columns.items()},
        "unmapped_columns": [h for i, h in enumerate(table.header) if i not in columns and h],
        "counts": {outcome.value: count for outcome, count in plan.counts.items()},
        "unmapped_values": {field: list(values) for field, values in plan.unmapped.items()},
        "rows": [
            {
                "row": row.row,
                "outcome": row.outcome.value,
                "existing_person": row.person_id,
                "existing_case": row.case_id,
                "problems": [
                    {"column": p.column, "problem": _(p.message).format(**p.params)}
                    for p in row.problems
                ],
            }
            for row in plan.rows
        ],
    }


def cmd_import(args: argparse.Namespace) -> int:
    if not args.dry_run:
        raise UsageError(
            _("Only a dry run is possible yet: add --dry-run to see what would be imported.")
        )
    if args.mapping:
        raise UsageError(_("Saved mappings are not there yet: leave out --mapping."))
    separator = "\t" if args.separator == "tab" else args.separator
    table = read_table(Path(args.file), separator=separator, sheet=args.sheet)
    columns = suggest_columns(table.header)
    with base.open_workspace(args) as ws:
        plan = plan_import(ws, table, columns, value_suggestions(table, columns))
    base.out(_("Columns (suggested from the headers):"))
    for index, title in enumerate(table.header):
        code = columns.get(index)
        target = _(FIELD_BY_CODE[code].label) if code else _("not imported")
        base.out(f"  {title or '#' + str(index + 1)} -> {target}")
    counts = plan.counts
    base.out(
        _("{create} to create, {duplicate} already there (skipped), {reject} rejected").format(
            create=counts[Outcome.CREATE],
            duplicate=counts[Outcome.DUPLICATE],
            reject=counts[Outcome.REJECT],
        )
    )
    for field, values in plan.unmapped.items():
        base.out(
            _("Values of {field} no mapping knows: {values}").format(
                field=_(FIELD_BY_CODE[field].label), values=", ".join(values)
            )
        )
    for row in plan.rows:
        for problem in row.problems:
            base.out(
                _("Row {row}, {column}: {problem}").format(
                    row=row.row,
                    column=problem.column,
                    problem=_(problem.message).format(**problem.params),
                )
            )
    if args.json:
        data = json.dumps(report(table, columns, plan), ensure_ascii=False, indent=1)
        write_atomic(Path(args.json), data.encode("utf-8"))
    return 0


def register(command: Any) -> None:
    sub = command("import", cmd_import, _("import a register from a CSV or XLSX file"))
    sub.add_argument("file", metavar=_("FILE"), help=_("the register (.csv or .xlsx)"))
    sub.add_argument("--dry-run", action="store_true", help=_("show what would happen only"))
    sub.add_argument("--mapping", metavar=_("NAME"), help=_("a saved mapping of the columns"))
    sub.add_argument("--json", metavar=_("REPORT"), help=_("also write the report as JSON"))
    sub.add_argument(
        "--separator",
        choices=[s if s != "\t" else "tab" for s in SEPARATORS],
        help=_("a CSV's separator (detected when left out)"),
    )
    sub.add_argument("--sheet", metavar=_("NAME"), help=_("an XLSX's sheet (the first visible)"))
