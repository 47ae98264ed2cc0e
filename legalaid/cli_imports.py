"""`legalaid import FILE [--mapping NAME] [--dry-run] [--json REPORT]`: what an import of a
register does, row by row, before anything is written. The columns are mapped by the saved
mapping named, else as suggested from the headers; the mapping used is printed, then the
counts, the values no mapping knows, and each row's update, kept edit or reason for
rejection. The report (JSON) names rows and columns, never a person.

Without --dry-run the rows to create and update are written in one transaction
(services/imports/apply.py) and the import's number is printed; `--undo NUMBER` takes it
back while nothing it touched has been changed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from legalaid import cli as base
from legalaid.errors import UsageError
from legalaid.i18n import _, current_language
from legalaid.services import exports
from legalaid.services.imports.apply import apply_import
from legalaid.services.imports.mapping import FIELD_BY_CODE, suggest_columns
from legalaid.services.imports.plan import ImportPlan, Outcome, plan_import
from legalaid.services.imports.report import counts_line, public_value, report_lines
from legalaid.services.imports.saved import apply_mapping, load_mapping
from legalaid.services.imports.sources import SEPARATORS, Table, read_table
from legalaid.services.imports.undo import undo_import
from legalaid.services.imports.vault_names import value_suggestions
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
                "changes": [
                    {
                        "field": c.field,
                        "old": public_value(c.field, c.old),
                        "new": public_value(c.field, c.new),
                    }
                    for c in row.changes
                ],
                "kept": [
                    {
                        "field": c.field,
                        "app": public_value(c.field, c.old),
                        "register": public_value(c.field, c.new),
                    }
                    for c in row.kept
                ],
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
    separator = "\t" if args.separator == "tab" else args.separator
    table = read_table(Path(args.file), separator=separator, sheet=args.sheet)
    written = None
    with base.open_workspace(args) as ws:
        if args.mapping:
            laid = apply_mapping(ws, load_mapping(ws, args.mapping), table)
            columns, values, missing = laid.columns, laid.values, laid.missing
        else:
            columns = suggest_columns(table.header)
            values, missing = value_suggestions(table, columns, ws), ()
        if args.dry_run:
            plan = plan_import(ws, table, columns, values)
        else:  # the plan made again and written in one transaction
            written = apply_import(ws, table, columns, values)
            plan = written.plan
        if args.json:  # rows, columns and codes, no name or narrative; audited first
            exports.record_export(
                ws, "import", "report.json", None, {"sha256": table.sha256, "rows": len(plan.rows)}
            )
            data = json.dumps(report(table, columns, plan), ensure_ascii=False, indent=1)
            write_atomic(Path(args.json), data.encode("utf-8"))
    if args.mapping:
        base.out(_("Columns (mapping {name}):").format(name=args.mapping))
    else:
        base.out(_("Columns (suggested from the headers):"))
    for index, title in enumerate(table.header):
        code = columns.get(index)
        target = _(FIELD_BY_CODE[code].label) if code else _("not imported")
        base.out(f"  {title or '#' + str(index + 1)} -> {target}")
    for title in missing:
        base.out(_("  {column}: in the mapping, not in this file").format(column=title))
    base.out(counts_line(plan, _))
    for field, values in plan.unmapped.items():
        base.out(
            _("Values of {field} no mapping knows: {values}").format(
                field=_(FIELD_BY_CODE[field].label), values=", ".join(values)
            )
        )
    for line in report_lines(plan, _, current_language()):
        if line.outcome in (Outcome.CREATE, Outcome.DUPLICATE):
            continue  # counted above; the lines say what needs a look (with a column)
        base.out(
            _("Row {row}, {column}: {problem}").format(
                row=line.row, column=line.column, problem=line.text
            )
        )

    if written is not None:
        base.out(
            _(
                "Imported: {cases} new cases, {updated} updated and {people} new people "
                "(import {batch}; 'legalaid import --undo {batch}' takes it back while "
                "nothing is changed)."
            ).format(
                cases=written.cases_created,
                updated=written.cases_updated,
                people=written.people_created,
                batch=written.batch_id,
            )
        )
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
