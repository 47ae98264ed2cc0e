"""`legalaid import FILE [--dry-run] [--json REPORT]`: what an import of a register does,
row by row, before anything is written. The columns are mapped as suggested from the
headers; the mapping used is printed, then the counts, the values no mapping knows and each
rejected row with its reasons. The report (JSON) names rows and columns, never a person:
it may be saved next to the register.

Without --dry-run the rows to create are written in one transaction (services/imports/
apply.py) and the import's number is printed; `--undo NUMBER` takes it back while nothing it
made has been changed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from legalaid import cli as base
from legalaid.errors import UsageError
from legalaid.i18n import _
from legalaid.services.imports.apply import apply_import, undo_import
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
    if args.undo is not None:
        return cmd_undo(args, args.undo)
    if not args.file:
        raise UsageError(_("Name the file to import."))
    if args.mapping:
        raise UsageError(_("Saved mappings are not there yet: leave out --mapping."))
    separator = "\t" if args.separator == "tab" else args.separator
    table = read_table(Path(args.file), separator=separator, sheet=args.sheet)
    columns = suggest_columns(table.header)
    values = value_suggestions(table, columns)
    written = None
    with base.open_workspace(args) as ws:
        if args.dry_run:
            plan = plan_import(ws, table, columns, values)
        else:  # the plan made again and written in one transaction
            written = apply_import(ws, table, columns, values)
            plan = written.plan
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
    if written is not None:
        base.out(
            _(
                "Imported: {cases} cases and {people} new people (import {batch}; "
                "'legalaid import --undo {batch}' takes it back while nothing is changed)."
            ).format(
                cases=written.cases_created, people=written.people_created, batch=written.batch_id
            )
        )
    if args.json:
        data = json.dumps(report(table, columns, plan), ensure_ascii=False, indent=1)
        write_atomic(Path(args.json), data.encode("utf-8"))
    return 0


def cmd_undo(args: argparse.Namespace, batch: int) -> int:
    with base.open_workspace(args) as ws:
        undo_import(ws, batch)
    base.out(_("Import {batch} was undone.").format(batch=batch))
    return 0


def register(command: Any) -> None:
    sub = command("import", cmd_import, _("import a register from a CSV or XLSX file"))
    sub.add_argument("file", nargs="?", metavar=_("FILE"), help=_("the register (.csv or .xlsx)"))
    sub.add_argument(
        "--undo", type=int, metavar=_("IMPORT"), help=_("take back an import by its number")
    )
    sub.add_argument("--dry-run", action="store_true", help=_("show what would happen only"))
    sub.add_argument("--mapping", metavar=_("NAME"), help=_("a saved mapping of the columns"))
    sub.add_argument("--json", metavar=_("REPORT"), help=_("also write the report as JSON"))
    sub.add_argument(
        "--separator",
        choices=[s if s != "\t" else "tab" for s in SEPARATORS],
        help=_("a CSV's separator (detected when left out)"),
    )
    sub.add_argument("--sheet", metavar=_("NAME"), help=_("an XLSX's sheet (the first visible)"))
