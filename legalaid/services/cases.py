"""Cases: open (numbered per office and year), look at, change, move along the status paths,
parties, list with filters and paging, erase. Restricted cases follow services/visibility."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from legalaid.domain import reference
from legalaid.domain.accounts import Account, Office
from legalaid.domain.cases import TRANSITIONS, Case, CaseCounter, CaseParty, case_number
from legalaid.domain.enums import CaseOutcome, CaseStatus, PartyRole, Role
from legalaid.domain.people import Person
from legalaid.errors import Conflict, NotFound, PermissionDenied, ValidationError
from legalaid.i18n import N_
from legalaid.services.permissions import Permission, allowed
from legalaid.services.search_index import full_name
from legalaid.services.visibility import (
    case_visible,
    not_found_or_restricted,
    person_not_found,
    person_visible,
)
from legalaid.services.workspace import AccountInfo, Workspace

# Statuses a paralegal may move a case to (intake work and referrals, not court or closing).
PARALEGAL_STATUSES = frozenset({CaseStatus.OPEN, CaseStatus.REFERRED})


@dataclass(frozen=True)
class PartyInput:
    person_id: int
    role: PartyRole = PartyRole.CLIENT


@dataclass(frozen=True)
class CaseInput:
    category: str
    subcategory: str | None = None
    summary: str = ""
    opened_on: dt.date | None = None
    office_code: str | None = None
    assigned_lawyer: str | None = None  # a login
    restricted: bool = False
    parties: tuple[PartyInput, ...] = ()


@dataclass(frozen=True)
class PartyInfo:
    person_id: int
    full_name: str
    role: PartyRole


@dataclass(frozen=True)
class CaseInfo:
    id: int
    number: str
    office_code: str
    opened_on: dt.date
    category: str
    subcategory: str | None
    summary: str
    status: CaseStatus
    assigned_lawyer: str | None
    restricted: bool
    outcome: CaseOutcome | None
    closed_on: dt.date | None
    parties: tuple[PartyInfo, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "office": self.office_code,
            "opened_on": self.opened_on.isoformat(),
            "category": self.category,
            "subcategory": self.subcategory,
            "summary": self.summary,
            "status": self.status.value,
            "assigned_lawyer": self.assigned_lawyer,
            "restricted": self.restricted,
            "outcome": self.outcome.value if self.outcome else None,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "parties": [
                {"person_id": p.person_id, "name": p.full_name, "role": p.role.value}
                for p in self.parties
            ],
        }


def case_info(session: Session, case: Case) -> CaseInfo:
    """The case as plain data (office, assigned lawyer, parties in role order); not audited."""
    office_code = session.scalar(select(Office.code).where(Office.id == case.office_id))
    lawyer = (
        session.scalar(select(Account.login).where(Account.id == case.assigned_lawyer_id))
        if case.assigned_lawyer_id
        else None
    )
    parties = tuple(
        PartyInfo(
            p.person_id,
            full_name(p.person.surname, p.person.given_name, p.person.patronymic),
            PartyRole(p.role),
        )
        for p in sorted(
            case.parties, key=lambda p: (list(PartyRole).index(PartyRole(p.role)), p.id)
        )
    )
    return CaseInfo(
        id=case.id,
        number=case.number,
        office_code=office_code or "",
        opened_on=case.opened_on,
        category=case.category,
        subcategory=case.subcategory,
        summary=case.summary,
        status=CaseStatus(case.status),
        assigned_lawyer=lawyer,
        restricted=case.restricted,
        outcome=CaseOutcome(case.outcome) if case.outcome else None,
        closed_on=case.closed_on,
        parties=parties,
    )


def validate_category(category: str, subcategory: str | None) -> tuple[str, str | None]:
    """The category and subcategory codes, cleaned (upper case; an empty subcategory is None);
    ValidationError (field category or subcategory) when not in the taxonomy."""
    category = (category or "").strip().upper()
    if category not in reference.categories():
        raise ValidationError(N_("Choose a category from the list."), field="category")
    sub = (subcategory or "").strip().upper() or None
    if sub is not None and (
        not sub.startswith(category + ".") or reference.subcategory(sub) is None
    ):
        raise ValidationError(
            N_("This subcategory does not belong to the category."), field="subcategory"
        )
    return category, sub


def lawyer_id(session: Session, login: str | None) -> int | None:
    """The account id of an active lawyer or coordinator by login (None for none)."""
    if not login:
        return None
    account = session.scalar(select(Account).where(Account.login == login.strip().lower()))
    if (
        account is None
        or not account.active
        or account.role not in (Role.LAWYER.value, Role.COORDINATOR.value)
    ):
        raise ValidationError(
            N_("{login} is not an active lawyer's login."), field="assigned_lawyer", login=login
        )
    return account.id


def next_case_number(session: Session, office: Office, year: int) -> tuple[int, str]:
    """The next (seq, case number) of the office and year, counted up in `session`.
    Numbers per office and year; the write transaction (BEGIN IMMEDIATE) serialises them."""
    counter = session.get(CaseCounter, (office.id, year))
    if counter is None:
        counter = CaseCounter(office_id=office.id, year=year, last_seq=0)
        session.add(counter)
    counter.last_seq += 1
    return counter.last_seq, case_number(office.code, year, counter.last_seq)


def _add_parties(
    session: Session, viewer: AccountInfo, case: Case, parties: tuple[PartyInput, ...]
) -> None:
    """Only people the viewer may see can become parties (a hidden person stays hidden:
    the same answer as for an id nobody has)."""
    for party in parties:
        visible = session.scalar(
            select(Person.id).where(Person.id == party.person_id, person_visible(viewer))
        )
        if visible is None:
            raise person_not_found()
        case.parties.append(CaseParty(person_id=party.person_id, role=PartyRole(party.role).value))


def create_case(ws: Workspace, data: CaseInput) -> CaseInfo:
    with ws.session() as session:
        case = new_case(session, ws, data)
        session.commit()
        return case_info(session, case)


def new_case(session: Session, ws: Workspace, data: CaseInput) -> Case:
    """A validated case added to an open session, numbered, not committed (an import
    writes many in one transaction)."""
    ws.require(Permission.CREATE_CASES)
    category, subcategory = validate_category(data.category, data.subcategory)
    opened_on = data.opened_on or dt.date.today()
    if opened_on > dt.date.today():
        raise ValidationError(N_("A case cannot be opened in the future."), field="opened_on")
    if data.restricted and not allowed(ws.actor.role, Permission.RESTRICT_CASES):
        raise PermissionDenied()
    if data.assigned_lawyer and not allowed(ws.actor.role, Permission.ASSIGN_LAWYERS):
        raise PermissionDenied()
    code = (data.office_code or ws.actor.office_code).strip().upper()
    office = session.scalar(select(Office).where(Office.code == code))
    if office is None:
        raise NotFound(N_("There is no office with the code {code}."), code=code)
    seq, number = next_case_number(session, office, opened_on.year)
    case = Case(
        number=number,
        office_id=office.id,
        year=opened_on.year,
        seq=seq,
        opened_on=opened_on,
        category=category,
        subcategory=subcategory,
        summary=data.summary.strip(),
        status=CaseStatus.INTAKE.value,
        assigned_lawyer_id=lawyer_id(session, data.assigned_lawyer),
        restricted=data.restricted,
        created_by=ws.actor.id,
    )
    if data.restricted and case.assigned_lawyer_id is None and ws.actor.role == Role.LAWYER:
        case.assigned_lawyer_id = ws.actor.id  # else the lawyer would lock themselves out
    _add_parties(session, ws.actor, case, data.parties)
    session.add(case)
    session.flush()
    return case


def find_case(session: Session, viewer: AccountInfo, key: int | str) -> Case:
    """The case by id or number, if the viewer may see it; else the same NotFound as for a
    missing case (a restricted case stays hidden). Not audited: callers record what they do."""
    condition = Case.id == key if isinstance(key, int) else Case.number == str(key).strip().upper()
    case = session.scalar(select(Case).where(condition, case_visible(viewer)))
    if case is None:
        raise not_found_or_restricted()
    return case


def get_case(ws: Workspace, key: int | str) -> CaseInfo:
    """Open a case by id or number; the opening is audited."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.session() as session:
        case = find_case(session, ws.actor, key)
        info = case_info(session, case)
        ws.vault.record(session, "view", "case", case.id)
        session.commit()
        return info


def require_case_edit(ws: Workspace, case: Case) -> None:
    """Refuse unless the actor may change this case: EDIT_CASES, and a lawyer only when the
    case is unassigned or assigned to them."""
    ws.require(Permission.EDIT_CASES)
    if ws.actor.role == Role.LAWYER and case.assigned_lawyer_id not in (None, ws.actor.id):
        raise PermissionDenied(
            N_("Only the assigned lawyer or a coordinator may change this case.")
        )


def update_case(
    ws: Workspace,
    key: int | str,
    *,
    summary: str | None = None,
    category: str | None = None,
    subcategory: str | None = None,
    clear_subcategory: bool = False,
    assigned_lawyer: str | None = None,
    unassign: bool = False,
    restricted: bool | None = None,
    parties: tuple[PartyInput, ...] | None = None,
) -> CaseInfo:
    """Change what is given (None leaves a field as it is), all in one transaction.

    `parties`, when given, is the whole new list: people left out stop being parties.
    """
    ws.require(Permission.EDIT_CASES)  # before looking: no hint whether the number exists
    with ws.session() as session:
        case = find_case(session, ws.actor, key)
        require_case_edit(ws, case)
        if summary is not None:
            case.summary = summary.strip()
        if category is not None or subcategory is not None or clear_subcategory:
            new_category = (category or case.category).strip().upper()
            kept = (
                case.subcategory
                if (case.subcategory or "").startswith(new_category + ".") and not clear_subcategory
                else None
            )
            case.category, case.subcategory = validate_category(new_category, subcategory or kept)
        if assigned_lawyer is not None or unassign:
            ws.require(Permission.ASSIGN_LAWYERS)
            case.assigned_lawyer_id = None if unassign else lawyer_id(session, assigned_lawyer)
        if restricted is not None and restricted != case.restricted:
            if not (
                allowed(ws.actor.role, Permission.SEE_ALL_RESTRICTED)
                or (
                    allowed(ws.actor.role, Permission.RESTRICT_CASES)
                    and case.assigned_lawyer_id in (None, ws.actor.id)
                )
            ):
                raise PermissionDenied(
                    N_("Only the assigned lawyer or a coordinator may restrict a case.")
                )
            if restricted and case.assigned_lawyer_id is None and ws.actor.role == Role.LAWYER:
                case.assigned_lawyer_id = ws.actor.id  # else the lawyer would lock themselves out
            case.restricted = restricted
        if parties is not None and _replace_parties(session, ws.actor, case, parties):
            _record_parties_removed(ws, session, case)
        session.commit()
        return case_info(session, case)


def _replace_parties(
    session: Session, viewer: AccountInfo, case: Case, parties: tuple[PartyInput, ...]
) -> bool:
    """Keep the rows that stay (their ids and history), drop the others, add the new ones.
    True when someone stopped being a party."""
    wanted = {(p.person_id, PartyRole(p.role).value) for p in parties}
    present = {(p.person_id, p.role) for p in case.parties}
    before = len(case.parties)
    case.parties = [p for p in case.parties if (p.person_id, p.role) in wanted]
    removed = len(case.parties) < before
    new = {
        (p.person_id, PartyRole(p.role).value): p
        for p in parties
        if (p.person_id, PartyRole(p.role).value) not in present
    }
    _add_parties(session, viewer, case, tuple(new.values()))
    return removed


def _record_parties_removed(ws: Workspace, session: Session, case: Case) -> None:
    """A removed party's own events cannot be found from the case any more; this one on
    the case keeps the removal in the case's history."""
    ws.vault.record(session, "update", "case", case.id, {"fields": ["parties"]})


def change_status(
    ws: Workspace,
    key: int | str,
    status: CaseStatus,
    outcome: CaseOutcome | None = None,
    closed_on: dt.date | None = None,
) -> CaseInfo:
    """Move along TRANSITIONS. Closing needs an outcome; reopening clears it."""
    status = CaseStatus(status)
    ws.require(Permission.EDIT_CASES)
    if status is not CaseStatus.CLOSED and (outcome is not None or closed_on is not None):
        raise ValidationError(
            N_("An outcome and a closing date belong only to closing a case."), field="outcome"
        )
    with ws.session() as session:
        case = find_case(session, ws.actor, key)
        require_case_edit(ws, case)
        current = CaseStatus(case.status)
        if status not in TRANSITIONS[current]:
            raise ValidationError(
                N_("A case cannot go from '{current}' to '{wanted}'."),
                field="status",
                current=current.label,
                wanted=status.label,
            )
        if status not in PARALEGAL_STATUSES:
            ws.require(Permission.CLOSE_CASES)
        if status is CaseStatus.CLOSED:
            if outcome is None:
                raise ValidationError(N_("Closing a case needs its outcome."), field="outcome")
            closed_on = closed_on or dt.date.today()
            if not case.opened_on <= closed_on <= dt.date.today():
                raise ValidationError(
                    N_("The closing date lies between the opening date and today."),
                    field="closed_on",
                )
            case.outcome, case.closed_on = CaseOutcome(outcome).value, closed_on
        elif status is CaseStatus.REOPENED:
            case.outcome, case.closed_on = None, None
        case.status = status.value
        session.commit()
        return case_info(session, case)


def add_party(ws: Workspace, key: int | str, person_id: int, role: PartyRole) -> CaseInfo:
    ws.require(Permission.EDIT_CASES)
    with ws.session() as session:
        case = find_case(session, ws.actor, key)
        require_case_edit(ws, case)
        if any(p.person_id == person_id and p.role == PartyRole(role).value for p in case.parties):
            raise Conflict(N_("This person already has this role in the case."))
        _add_parties(session, ws.actor, case, (PartyInput(person_id, PartyRole(role)),))
        session.commit()
        return case_info(session, case)


def remove_party(ws: Workspace, key: int | str, person_id: int, role: PartyRole) -> CaseInfo:
    ws.require(Permission.EDIT_CASES)
    with ws.session() as session:
        case = find_case(session, ws.actor, key)
        require_case_edit(ws, case)
        kept = [
            p
            for p in case.parties
            if not (p.person_id == person_id and p.role == PartyRole(role).value)
        ]
        if len(kept) == len(case.parties):
            raise NotFound(N_("This person has no such role in the case."))
        case.parties = kept
        _record_parties_removed(ws, session, case)
        session.commit()
        return case_info(session, case)


def lawyer_choices(ws: Workspace) -> list[tuple[str, str]]:
    """(login, name) of the active staff a case may be assigned to, for forms and filters."""
    ws.require(Permission.VIEW_RECORDS)
    with ws.reader() as session:
        rows = session.execute(
            select(Account.login, Account.display_name)
            .where(
                Account.active.is_(True),
                Account.role.in_((Role.LAWYER.value, Role.COORDINATOR.value)),
            )
            .order_by(Account.display_name)
        )
        return [(login, name) for login, name in rows]


def delete_case(ws: Workspace, key: int | str) -> None:
    """Erase a case (coordinators); its number is never given again; residue is purged."""
    ws.require(Permission.DELETE_RECORDS)
    with ws.session() as session:
        session.delete(find_case(session, ws.actor, key))
        session.commit()
    ws.vault.purge_deleted_residue()


# --- lists ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilter:
    status: CaseStatus | str | None = None  # a status, or NOT_CLOSED
    category: str | None = None
    office_code: str | None = None
    assigned_lawyer: str | None = None
    opened_from: dt.date | None = None
    opened_to: dt.date | None = None


NOT_CLOSED = "not_closed"  # a filter's status: every one but closed (a person's open cases)


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    opened_on: dt.date
    category: str
    status: CaseStatus
    client: str | None
    assigned_lawyer: str | None
    restricted: bool


SORTS = {
    "opened": (Case.opened_on.desc(), Case.id.desc()),
    "number": (Case.number,),
    "status": (Case.status, Case.opened_on.desc()),
    "category": (Case.category, Case.opened_on.desc()),
}


def case_conditions(viewer: AccountInfo, filters: CaseFilter) -> list[ColumnElement[bool]]:
    """The WHERE of the case list: what the viewer may see, narrowed by the filters."""
    conditions: list[ColumnElement[bool]] = [case_visible(viewer)]
    if filters.status == NOT_CLOSED:
        conditions.append(Case.status != CaseStatus.CLOSED.value)
    elif filters.status is not None:
        conditions.append(Case.status == CaseStatus(filters.status).value)
    if filters.category:
        conditions.append(Case.category == filters.category.upper())
    if filters.office_code:
        conditions.append(
            Case.office_id
            == select(Office.id).where(Office.code == filters.office_code.upper()).scalar_subquery()
        )
    if filters.assigned_lawyer:
        conditions.append(
            Case.assigned_lawyer_id
            == select(Account.id)
            .where(Account.login == filters.assigned_lawyer.lower())
            .scalar_subquery()
        )
    if filters.opened_from:
        conditions.append(Case.opened_on >= filters.opened_from)
    if filters.opened_to:
        conditions.append(Case.opened_on <= filters.opened_to)
    return conditions


def case_list_query(
    viewer: AccountInfo, filters: CaseFilter, sort: str = "opened"
) -> Select[*tuple[Any, ...]]:
    """The SELECT behind the case list (also run by the bench on a plain SQLite twin).

    Only columns of the case itself, so the ORDER BY ... LIMIT walks an index; the client
    and lawyer of the rows on the page come from `rows_of` in two small queries.
    """
    if sort not in SORTS:
        raise ValidationError(N_("Unknown sort order."), field="sort")
    return (
        select(
            Case.id,
            Case.number,
            Case.opened_on,
            Case.category,
            Case.status,
            Case.assigned_lawyer_id,
            Case.restricted,
        )
        .where(*case_conditions(viewer, filters))
        .order_by(*SORTS[sort])
    )


def case_count_query(viewer: AccountInfo, filters: CaseFilter) -> Select[int]:
    return select(func.count(Case.id)).where(*case_conditions(viewer, filters))


def first_clients(session: Session, case_ids: list[int]) -> dict[int, str]:
    """The first client named on each case (for lists and search results)."""
    if not case_ids:
        return {}
    rows = session.execute(
        select(CaseParty.case_id, Person.surname, Person.given_name, Person.patronymic)
        .join(Person, Person.id == CaseParty.person_id)
        .where(CaseParty.case_id.in_(case_ids), CaseParty.role == PartyRole.CLIENT.value)
        .order_by(CaseParty.id)
    )
    clients: dict[int, str] = {}
    for case_id, surname, given, patronymic in rows:
        clients.setdefault(case_id, full_name(surname, given, patronymic))
    return clients


def rows_of(session: Session, result: Any) -> list[CaseRow]:
    rows = list(result)
    clients = first_clients(session, [r[0] for r in rows])
    lawyer_ids = {r[5] for r in rows if r[5]}
    logins = (
        dict(
            (row[0], row[1])
            for row in session.execute(
                select(Account.id, Account.login).where(Account.id.in_(lawyer_ids))
            )
        )
        if lawyer_ids
        else {}
    )
    return [
        CaseRow(
            r[0],
            r[1],
            r[2],
            r[3],
            CaseStatus(r[4]),
            clients.get(r[0]),
            logins.get(r[5]),
            bool(r[6]),
        )
        for r in rows
    ]


def list_cases(
    ws: Workspace,
    filters: CaseFilter | None = None,
    sort: str = "opened",
    offset: int = 0,
    limit: int = 100,
) -> tuple[list[CaseRow], int]:
    """One page of cases the viewer may see, and how many there are in all."""
    ws.require(Permission.VIEW_RECORDS)
    filters = filters or CaseFilter()
    query = case_list_query(ws.actor, filters, sort)
    with ws.reader() as session:
        total = session.scalar(case_count_query(ws.actor, filters))
        rows = rows_of(session, session.execute(query.offset(offset).limit(limit)))
    return rows, int(total or 0)
