"""`legalaid people ...` and `legalaid cases ...`: client records on the command line.

Every command can print JSON (`--json`) so the core is usable without the desktop app.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from legalaid import cli as base
from legalaid.domain import reference
from legalaid.domain.enums import (
    CaseOutcome,
    CaseStatus,
    Gender,
    Language,
    PartyRole,
    Region,
    Vulnerability,
)
from legalaid.errors import ValidationError
from legalaid.i18n import N_, _, format_form_date
from legalaid.services import cases, people, search
from legalaid.services.cases import CaseFilter, CaseInput, PartyInput
from legalaid.services.people import PersonInput

Command = Callable[..., argparse.ArgumentParser]


def parse_date(text: str | None, field: str) -> dt.date | None:
    """YYYY-MM-DD or DD.MM.YYYY (the form used on paper here)."""
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValidationError(N_("Write dates as DD.MM.YYYY or YYYY-MM-DD."), field=field)


def _print_json(data: Any) -> None:
    base.out(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def _category_label(code: str | None) -> str:
    return reference.category_label(code) or "—"


# --- people --------------------------------------------------------------------------------


def _person_input(args: argparse.Namespace) -> PersonInput:
    return PersonInput(
        surname=args.surname,
        given_name=args.given,
        patronymic=args.patronymic,
        gender=Gender(args.gender),
        birth_date=parse_date(args.birth_date, "birth_date"),
        approximate_age=args.age,
        pin=args.pin,
        phone=args.phone,
        region=args.region,
        district=args.district,
        settlement=args.settlement,
        street=args.street,
        languages=tuple(Language(code) for code in args.language or ()),
        vulnerabilities=tuple(Vulnerability(code) for code in args.marker or ()),
        notes=args.notes,
    )


def _show_person(person: people.PersonInfo) -> None:
    born = (
        format_form_date(person.birth_date)
        if person.birth_date
        else (
            _("about {year}").format(year=person.birth_year_estimate)
            if person.birth_year_estimate
            else "—"
        )
    )
    base._print_pairs(
        [
            (_("Record"), str(person.id)),
            (_("Name"), person.full_name),
            (_("Gender"), person.gender.label),
            (_("Born"), born),
            (_("PIN"), person.pin or "—"),
            (_("Phone"), person.phone or "—"),
            (_("Address"), people.address_text(person) or "—"),
            (_("Languages"), ", ".join(code.label for code in person.languages) or "—"),
            (_("Vulnerability"), ", ".join(v.label for v in person.vulnerabilities) or "—"),
            (_("Cases"), ", ".join(map(str, person.case_ids)) or "—"),
            (_("Notes"), person.notes or "—"),
        ]
    )


def cmd_people_add(args: argparse.Namespace) -> int:
    with base.open_workspace(args) as ws:
        person = people.add_person(ws, _person_input(args))
    if args.json:
        _print_json(person.to_json())
    else:
        base.out(_("Person {id} added: {name}.").format(id=person.id, name=person.full_name))
    return 0


def cmd_people_show(args: argparse.Namespace) -> int:
    with base.open_workspace(args) as ws:
        person = people.get_person(ws, args.id)
    if args.json:
        _print_json(person.to_json())
    else:
        _show_person(person)
    return 0


def cmd_people_list(args: argparse.Namespace) -> int:
    with base.open_workspace(args) as ws:
        rows, total = people.list_people(ws, args.offset, args.limit)
    if args.json:
        _print_json({"total": total, "people": [row.__dict__ for row in rows]})
        return 0
    base._print_table(
        [_("Record"), _("Name"), _("Born"), _("PIN")],
        [
            [
                str(r.id),
                r.full_name,
                format_form_date(r.birth_date) if r.birth_date else "",
                r.pin or "",
            ]
            for r in rows
        ],
    )
    base.out(_("{shown} of {total} shown.").format(shown=len(rows), total=total))
    return 0


def _print_results(results: search.SearchResults, as_json: bool, kinds: set[str]) -> None:
    if as_json:
        data: dict[str, Any] = {"restricted_matches": results.restricted_matches}
        if "people" in kinds:
            data["people"] = [hit.__dict__ for hit in results.people]
        if "cases" in kinds:
            data["cases"] = [{**hit.__dict__, "status": hit.status.value} for hit in results.cases]
        _print_json(data)
        return
    if "people" in kinds:
        base._print_table(
            [_("Record"), _("Name"), _("Born")],
            [
                [str(h.id), h.full_name, format_form_date(h.birth_date) if h.birth_date else ""]
                for h in results.people
            ],
        )
    if "cases" in kinds:
        base._print_table(
            [_("Number"), _("Status"), _("Category"), _("Client")],
            [
                [h.number, h.status.label, _category_label(h.category), h.client or ""]
                for h in results.cases
            ],
        )
    if results.restricted_matches:
        base.out(
            _("Restricted records also match: {count} (ask their lawyer or a coordinator).").format(
                count=results.restricted_matches
            )
        )


def cmd_people_find(args: argparse.Namespace) -> int:
    with base.open_workspace(args) as ws:
        results = search.search(ws, args.query, args.limit)
    _print_results(results, args.json, {"people"})
    return 0


# --- cases ---------------------------------------------------------------------------------


def _party(text: str) -> PartyInput:
    person, _sep, role = text.partition(":")
    try:
        return PartyInput(int(person), PartyRole(role or PartyRole.CLIENT.value))
    except ValueError:
        raise ValidationError(
            N_("A party is PERSON_ID or PERSON_ID:ROLE, with a role among: {roles}."),
            field="parties",
            roles=", ".join(r.value for r in PartyRole),
        ) from None


def _show_case(case: cases.CaseInfo) -> None:
    base._print_pairs(
        [
            (_("Number"), case.number + (" " + _("(restricted)") if case.restricted else "")),
            (_("Opened"), format_form_date(case.opened_on)),
            (_("Status"), case.status.label),
            (_("Category"), _category_label(case.category)),
            (_("Subcategory"), _category_label(case.subcategory)),
            (_("Lawyer"), case.assigned_lawyer or "—"),
            (_("Outcome"), case.outcome.label if case.outcome else "—"),
            (_("Closed"), format_form_date(case.closed_on) if case.closed_on else "—"),
            (_("Summary"), case.summary or "—"),
        ]
    )
    for party in case.parties:
        base.out(f"  {party.role.label}: {party.full_name} ({party.person_id})")


def _print_case(case: cases.CaseInfo, as_json: bool) -> None:
    if as_json:
        _print_json(case.to_json())
    else:
        _show_case(case)


def cmd_cases_add(args: argparse.Namespace) -> int:
    parties = tuple(_party(text) for text in args.party or ())
    data = CaseInput(
        category=args.category,
        subcategory=args.subcategory,
        summary=args.summary or "",
        opened_on=parse_date(args.opened, "opened_on"),
        office_code=args.office,
        assigned_lawyer=args.lawyer,
        restricted=args.restricted,
        parties=parties,
    )
    with base.open_workspace(args) as ws:
        case = cases.create_case(ws, data)
    if args.json:
        _print_json(case.to_json())
    else:
        base.out(_("Case {number} opened.").format(number=case.number))
    return 0


def _case_key(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def cmd_cases_show(args: argparse.Namespace) -> int:
    with base.open_workspace(args) as ws:
        case = cases.get_case(ws, _case_key(args.case))
    _print_case(case, args.json)
    return 0


def cmd_cases_update(args: argparse.Namespace) -> int:
    restricted = True if args.restricted else (False if args.unrestricted else None)
    with base.open_workspace(args) as ws:
        case = cases.update_case(
            ws,
            _case_key(args.case),
            summary=args.summary,
            category=args.category,
            subcategory=args.subcategory,
            assigned_lawyer=args.lawyer,
            unassign=args.unassign,
            restricted=restricted,
        )
    _print_case(case, args.json)
    return 0


def cmd_cases_status(args: argparse.Namespace) -> int:
    with base.open_workspace(args) as ws:
        case = cases.change_status(
            ws,
            _case_key(args.case),
            CaseStatus(args.status),
            CaseOutcome(args.outcome) if args.outcome else None,
            parse_date(args.closed_on, "closed_on"),
        )
    _print_case(case, args.json)
    return 0


def cmd_cases_party(args: argparse.Namespace) -> int:
    party = _party(args.party)
    with base.open_workspace(args) as ws:
        change = cases.remove_party if args.remove else cases.add_party
        case = change(ws, _case_key(args.case), party.person_id, party.role)
    _print_case(case, args.json)
    return 0


def cmd_cases_list(args: argparse.Namespace) -> int:
    filters = CaseFilter(
        status=CaseStatus(args.status) if args.status else None,
        category=args.category,
        office_code=args.office,
        assigned_lawyer=args.lawyer,
        opened_from=parse_date(args.opened_from, "opened_from"),
        opened_to=parse_date(args.opened_to, "opened_to"),
    )
    with base.open_workspace(args) as ws:
        rows, total = cases.list_cases(ws, filters, args.sort, args.offset, args.limit)
    if args.json:
        _print_json(
            {
                "total": total,
                "cases": [{**row.__dict__, "status": row.status.value} for row in rows],
            }
        )
        return 0
    base._print_table(
        [_("Number"), _("Opened"), _("Status"), _("Category"), _("Client"), _("Lawyer")],
        [
            [
                r.number + (" *" if r.restricted else ""),
                format_form_date(r.opened_on),
                r.status.label,
                _category_label(r.category),
                r.client or "",
                r.assigned_lawyer or "",
            ]
            for r in rows
        ],
    )
    base.out(_("{shown} of {total} shown.").format(shown=len(rows), total=total))
    return 0


def cmd_cases_find(args: argparse.Namespace) -> int:
    with base.open_workspace(args) as ws:
        results = search.search(ws, args.query, args.limit)
    _print_results(results, args.json, {"cases"})
    return 0


# --- parser --------------------------------------------------------------------------------


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=_("print JSON"))


def _paging(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--offset", type=int, default=0, help=_("skip this many rows"))
    parser.add_argument("--limit", type=int, default=50, help=_("show at most this many"))


def _person_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--surname", required=True, help=_("surname"))
    parser.add_argument("--given", required=True, help=_("given name"))
    parser.add_argument("--patronymic", help=_("patronymic (or 'X uulu', 'X kyzy')"))
    parser.add_argument(
        "--gender",
        choices=[g.value for g in Gender],
        default=Gender.UNKNOWN.value,
        help=_("gender"),
    )
    parser.add_argument("--birth-date", help=_("birth date, DD.MM.YYYY"))
    parser.add_argument("--age", type=int, help=_("approximate age, when the date is unknown"))
    parser.add_argument("--pin", help=_("personal number (14 digits)"))
    parser.add_argument("--phone", help=_("phone number"))
    parser.add_argument("--region", choices=[r.value for r in Region], help=_("region"))
    parser.add_argument("--district", help=_("district code, e.g. osh.nookat"))
    parser.add_argument("--settlement", help=_("town or village"))
    parser.add_argument("--street", help=_("street and house"))
    parser.add_argument(
        "--language",
        action="append",
        choices=[x.value for x in Language],
        help=_("a language the person speaks (repeat for more)"),
    )
    parser.add_argument(
        "--marker",
        action="append",
        choices=[v.value for v in Vulnerability],
        help=_("a vulnerability marker (repeat for more)"),
    )
    parser.add_argument("--notes", help=_("notes"))


def register(commands: Any, command: Command) -> None:
    people_parser = command("people", base.cmd_without_subcommand, _("people the network serves"))
    people_parser.set_defaults(group_parser=people_parser)
    sub_people = people_parser.add_subparsers(dest="people_command", metavar=_("COMMAND"))
    sub = command("add", cmd_people_add, _("add a person"), sub_people)
    _person_options(sub)
    _json_option(sub)
    sub = command("show", cmd_people_show, _("show a person (the opening is audited)"), sub_people)
    sub.add_argument("id", type=int, metavar=_("ID"))
    _json_option(sub)
    sub = command("list", cmd_people_list, _("list people in alphabetical order"), sub_people)
    _paging(sub)
    _json_option(sub)
    sub = command(
        "find",
        cmd_people_find,
        _("find people by any part of a name (either script), PIN or phone"),
        sub_people,
    )
    sub.add_argument("query", metavar=_("QUERY"))
    sub.add_argument("--limit", type=int, default=20, help=_("show at most this many"))
    _json_option(sub)

    cases_parser = command("cases", base.cmd_without_subcommand, _("cases"))
    cases_parser.set_defaults(group_parser=cases_parser)
    sub_cases = cases_parser.add_subparsers(dest="cases_command", metavar=_("COMMAND"))
    sub = command("add", cmd_cases_add, _("open a case"), sub_cases)
    sub.add_argument(
        "--category", required=True, choices=sorted(reference.categories()), help=_("category code")
    )
    sub.add_argument("--subcategory", help=_("subcategory code, e.g. GBV.DOMESTIC_VIOLENCE"))
    sub.add_argument("--summary", help=_("what the case is about"))
    sub.add_argument("--opened", help=_("opening date, DD.MM.YYYY (default today)"))
    sub.add_argument("--office", metavar=_("CODE"), help=_("office code (default: yours)"))
    sub.add_argument("--lawyer", metavar=_("LOGIN"), help=_("assigned lawyer"))
    sub.add_argument(
        "--restricted",
        action="store_true",
        help=_("only the assigned lawyer and coordinators may open it"),
    )
    sub.add_argument(
        "--party",
        action="append",
        metavar=_("PERSON[:ROLE]"),
        help=_("a party: person id and role (default client); repeat for more"),
    )
    _json_option(sub)
    sub = command("show", cmd_cases_show, _("show a case (the opening is audited)"), sub_cases)
    sub.add_argument("case", metavar=_("NUMBER"))
    _json_option(sub)
    sub = command("update", cmd_cases_update, _("change a case"), sub_cases)
    sub.add_argument("case", metavar=_("NUMBER"))
    sub.add_argument("--summary", help=_("what the case is about"))
    sub.add_argument("--category", choices=sorted(reference.categories()), help=_("category code"))
    sub.add_argument("--subcategory", help=_("subcategory code, e.g. GBV.DOMESTIC_VIOLENCE"))
    sub.add_argument("--lawyer", metavar=_("LOGIN"), help=_("assigned lawyer"))
    sub.add_argument("--unassign", action="store_true", help=_("remove the assigned lawyer"))
    group = sub.add_mutually_exclusive_group()
    group.add_argument(
        "--restricted",
        action="store_true",
        help=_("only the assigned lawyer and coordinators may open it"),
    )
    group.add_argument("--unrestricted", action="store_true", help=_("lift the restriction"))
    _json_option(sub)
    sub = command("status", cmd_cases_status, _("move a case to another status"), sub_cases)
    sub.add_argument("case", metavar=_("NUMBER"))
    sub.add_argument("status", choices=[s.value for s in CaseStatus])
    sub.add_argument(
        "--outcome", choices=[o.value for o in CaseOutcome], help=_("the outcome, needed to close")
    )
    sub.add_argument("--closed-on", help=_("closing date, DD.MM.YYYY (default today)"))
    _json_option(sub)
    sub = command("party", cmd_cases_party, _("add or remove a party"), sub_cases)
    sub.add_argument("case", metavar=_("NUMBER"))
    sub.add_argument("party", metavar=_("PERSON[:ROLE]"))
    sub.add_argument("--remove", action="store_true", help=_("remove instead of adding"))
    _json_option(sub)
    sub = command("list", cmd_cases_list, _("list cases with filters"), sub_cases)
    sub.add_argument("--status", choices=[s.value for s in CaseStatus])
    sub.add_argument("--category", choices=sorted(reference.categories()))
    sub.add_argument("--office", metavar=_("CODE"))
    sub.add_argument("--lawyer", metavar=_("LOGIN"))
    sub.add_argument("--from", dest="opened_from", help=_("opened on or after, DD.MM.YYYY"))
    sub.add_argument("--to", dest="opened_to", help=_("opened on or before, DD.MM.YYYY"))
    sub.add_argument("--sort", choices=sorted(cases.SORTS), default="opened")
    _paging(sub)
    _json_option(sub)
    sub = command(
        "find", cmd_cases_find, _("find cases by number or by any party's name"), sub_cases
    )
    sub.add_argument("query", metavar=_("QUERY"))
    sub.add_argument("--limit", type=int, default=20, help=_("show at most this many"))
    _json_option(sub)
