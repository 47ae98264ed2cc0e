"""`legalaid referrals list`, `legalaid letter` and `legalaid letters`: referrals and their
letters on the command line.

    legalaid referrals list [--case NUMBER] [--overdue] [--status STATUS] --json
    legalaid letter REFERRAL_ID --lang ky|ru|en --out FILE.pdf
    legalaid letters --ready --out FOLDER

`letter` issues the referral's letter (the next register number) or, when one is in
force, writes that one again. `letters --ready` issues every letter marked ready to print
into one folder, one file per letter named after its number; a letter that cannot be issued
(no consent recorded) is named with the reason and the others go on. Files are written
where the user says and nowhere else (no temporary copy).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from legalaid import cli as base
from legalaid.domain.enums import ReferralStatus
from legalaid.errors import LegalAidError
from legalaid.i18n import LANGUAGES, _, format_form_date
from legalaid.services import letters, referrals
from legalaid.services.referrals import ReferralFilter
from legalaid.storage.atomic import write_atomic


def _row_json(row: referrals.ReferralRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "case": row.case_number,
        "organisation": row.organisation,
        "status": row.status.value,
        "referred_on": row.referred_on.isoformat(),
        "due_on": row.due_on.isoformat() if row.due_on else None,
        "response_on": row.response_on.isoformat() if row.response_on else None,
        "responsible": row.responsible,
        "letter": row.letter_number,
        "overdue": row.overdue(),
    }


def cmd_referrals_list(args: argparse.Namespace) -> int:
    with base.open_workspace(args) as ws:
        if args.case:
            rows = referrals.case_referrals(ws, args.case)
            if args.status:
                rows = [r for r in rows if r.status.value == args.status]
            if args.overdue:
                rows = [r for r in rows if r.overdue()]
        else:
            rows = referrals.list_referrals(
                ws, ReferralFilter(status=args.status, overdue=args.overdue)
            )
    if args.json:
        base.out(json.dumps([_row_json(r) for r in rows], ensure_ascii=False, indent=1))
        return 0
    base._print_table(
        [_("Referral"), _("Case"), _("Organisation"), _("Status"), _("Answer due"), _("Letter")],
        [
            [
                str(r.id),
                r.case_number,
                r.organisation,
                r.status.label + (" !" if r.overdue() else ""),
                format_form_date(r.due_on) if r.due_on else "—",
                r.letter_number or "—",
            ]
            for r in rows
        ],
    )
    return 0


def file_name(number: str) -> str:
    """A letter's number as a file name ("OSH-2026/0123" -> "OSH-2026_0123.pdf")."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", number) + ".pdf"


def cmd_letter(args: argparse.Namespace) -> int:
    with base.open_workspace(args) as ws:
        issued = letters.issue_letter(ws, args.referral, args.lang)
    write_atomic(Path(args.out), issued.pdf)
    base.out(
        _("Letter {number} to {recipient} written to {path}.").format(
            number=issued.number, recipient=issued.recipient, path=args.out
        )
    )
    return 0


def cmd_letters(args: argparse.Namespace) -> int:
    if not args.ready:
        base.err(_("Say which letters: --ready prints those marked ready to print."))
        return 2
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    written = failed = 0
    with base.open_workspace(args) as ws:
        for referral_id in letters.ready_referral_ids(ws):
            try:
                issued = letters.issue_letter(ws, referral_id, args.lang)
            except LegalAidError as error:
                failed += 1
                base.err(_("Referral {id}: {problem}").format(id=referral_id, problem=error))
                continue
            write_atomic(folder / file_name(issued.number), issued.pdf)
            written += 1
    base.out(
        _("{written} letters written to {folder}; {failed} could not be issued.").format(
            written=written, folder=folder, failed=failed
        )
    )
    return 0 if failed == 0 else 1


def register(command: Any) -> None:
    parser = command("referrals", base.cmd_without_subcommand, _("referrals of cases"))
    parser.set_defaults(group_parser=parser)
    sub_referrals = parser.add_subparsers(dest="referrals_command", metavar=_("COMMAND"))
    sub = command("list", cmd_referrals_list, _("list referrals"), sub_referrals)
    sub.add_argument("--case", metavar=_("NUMBER"), help=_("only this case's referrals"))
    sub.add_argument("--status", choices=[s.value for s in ReferralStatus])
    sub.add_argument("--overdue", action="store_true", help=_("only those whose answer is overdue"))
    sub.add_argument("--json", action="store_true", help=_("print JSON"))

    sub = command("letter", cmd_letter, _("issue (or print again) a referral's letter"))
    sub.add_argument("referral", type=int, metavar=_("REFERRAL_ID"))
    sub.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("language of the letter (default: the organisation's)"),
    )
    sub.add_argument("--out", required=True, metavar=_("FILE"), help=_("the PDF to write"))

    sub = command("letters", cmd_letters, _("issue letters in a batch"))
    sub.add_argument("--ready", action="store_true", help=_("every letter marked ready to print"))
    sub.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("language of the letters (default: each organisation's)"),
    )
    sub.add_argument("--out", required=True, metavar=_("FOLDER"), help=_("where to write them"))
