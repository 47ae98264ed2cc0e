"""Conflict of interest, checked before a case is opened: is an opposing party (or
someone with their PIN) a client of ours, now or in the past?

Every client counts: open and closed cases, restricted ones too (CaseParty role client).
A name matches when the Latin skeletons of surname and given name are the same in
either script ("Omurbekov Bakyt" = "Өмүрбеков Бакыт"); a patronymic, when both have one,
must agree too. A PIN matches exactly.

What the paralegal is told follows what they may see: a case open to them gives its
number, status and the client's name; a restricted case only that a possible conflict
exists and whom to ask (its assigned lawyer, else a coordinator), never the client's
name or the case number. The check is a search: not audited, nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import column, select, table, text
from sqlalchemy.orm import Session

from legalaid.domain.accounts import Account
from legalaid.domain.cases import Case, CaseParty
from legalaid.domain.enums import CaseStatus, PartyRole
from legalaid.domain.names import skeleton
from legalaid.domain.people import Person
from legalaid.i18n import N_, _
from legalaid.services.permissions import Permission
from legalaid.services.search_index import full_name
from legalaid.services.visibility import can_see_case
from legalaid.services.workspace import AccountInfo, Workspace

MAX_PEOPLE_PER_NAME = 200
BY_PIN, BY_NAME = "pin", "name"

_person_fts = table("person_search", column("rowid"))


@dataclass(frozen=True)
class OpposingParty:
    surname: str
    given_name: str
    patronymic: str | None = None
    pin: str | None = None


@dataclass(frozen=True)
class ConflictMatch:
    party_index: int  # which of the opposing parties given
    matched_by: str  # BY_PIN or BY_NAME
    restricted: bool  # the case is hidden from the viewer: only `ask` is told
    case_id: int | None = None
    case_number: str | None = None
    status: CaseStatus | None = None
    client_name: str | None = None
    ask: str | None = None  # restricted: the assigned lawyer's name (None: a coordinator)

    def message(self) -> str:
        """What the form shows, in the current language (no name of a hidden client)."""
        if self.restricted:
            if self.ask:
                return _(
                    N_(
                        "A restricted case has a client with the same name or PIN as this "
                        "opposing party. Ask {person} before going on."
                    )
                ).format(person=self.ask)
            return _(
                N_(
                    "A restricted case has a client with the same name or PIN as this "
                    "opposing party. Ask a coordinator before going on."
                )
            )
        status = self.status.label if self.status else ""
        if self.matched_by == BY_PIN:
            template = N_("{name}, client in case {number} ({status}), has the same PIN.")
        else:
            template = N_("{name}, client in case {number} ({status}), has the same name.")
        return _(template).format(name=self.client_name, number=self.case_number, status=status)


def _pin(value: str | None) -> str | None:
    digits = re.sub(r"[\s\-.]", "", value or "")
    return digits if re.fullmatch(r"[0-9]{14}", digits) else None


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _same_name(party: OpposingParty, row: Person) -> bool:
    if skeleton(party.surname) != skeleton(row.surname):
        return False
    if skeleton(party.given_name) != skeleton(row.given_name):
        return False
    if party.patronymic and row.patronymic:
        return skeleton(party.patronymic) == skeleton(row.patronymic)
    return True


def _people_named(session: Session, party: OpposingParty) -> set[int]:
    words = skeleton(f"{party.surname} {party.given_name}").split()
    if len(skeleton(party.surname).split()) == 0 or len(skeleton(party.given_name).split()) == 0:
        return set()
    expression = " AND ".join(f"skeleton : {_quote(word)}" for word in words)
    rows = session.scalars(
        select(Person)
        .select_from(_person_fts)
        .join(Person, Person.id == _person_fts.c.rowid)
        .where(text("person_search MATCH :conflict_match").bindparams(conflict_match=expression))
        .limit(MAX_PEOPLE_PER_NAME)
    )
    return {person.id for person in rows if _same_name(party, person)}


def run_conflict_check(
    session: Session,
    viewer: AccountInfo,
    opposing: Sequence[OpposingParty],
    ignore_person_ids: frozenset[int] = frozenset(),
) -> list[ConflictMatch]:
    """The check on any session (intake submission runs it inside its own transaction)."""
    matches: list[ConflictMatch] = []
    for index, party in enumerate(opposing):
        people: dict[int, str] = {}
        pin = _pin(party.pin)
        if pin is not None:
            for person_id in session.scalars(select(Person.id).where(Person.pin == pin)):
                people[person_id] = BY_PIN
        for person_id in _people_named(session, party):
            people.setdefault(person_id, BY_NAME)
        for person_id in ignore_person_ids:
            people.pop(person_id, None)
        if not people:
            continue
        rows = session.execute(
            select(Case, CaseParty.person_id)
            .join(CaseParty, CaseParty.case_id == Case.id)
            .where(CaseParty.person_id.in_(people), CaseParty.role == PartyRole.CLIENT.value)
            .order_by(Case.opened_on.desc(), Case.id.desc())
        ).all()
        seen: set[int] = set()
        for case, person_id in rows:
            if case.id in seen:
                continue
            seen.add(case.id)
            if can_see_case(viewer, case):
                client = session.get(Person, person_id)
                assert client is not None
                matches.append(
                    ConflictMatch(
                        index,
                        people[person_id],
                        False,
                        case.id,
                        case.number,
                        CaseStatus(case.status),
                        full_name(client.surname, client.given_name, client.patronymic),
                    )
                )
            else:
                matches.append(
                    ConflictMatch(index, people[person_id], True, ask=_whom_to_ask(session, case))
                )
    return matches


def _whom_to_ask(session: Session, case: Case) -> str | None:
    if case.assigned_lawyer_id is None:
        return None
    lawyer = session.get(Account, case.assigned_lawyer_id)
    return lawyer.display_name if lawyer is not None and lawyer.active else None


def check_conflicts(ws: Workspace, opposing: Sequence[OpposingParty]) -> list[ConflictMatch]:
    """Possible conflicts of interest for the opposing parties of a new intake."""
    ws.require(Permission.CREATE_CASES)
    with ws.reader() as session:
        return run_conflict_check(session, ws.actor, opposing)
