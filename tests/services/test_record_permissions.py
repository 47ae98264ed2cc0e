"""Each role against each people/case operation, and restricted cases (SECURITY.md 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.make_vault import copy_vault, new_vault
from helpers.records import person

from legalaid.domain.enums import CaseOutcome, CaseStatus, PartyRole, Role
from legalaid.errors import NotFound, PermissionDenied
from legalaid.services import accounts, cases, people, search
from legalaid.services.auth import sign_in
from legalaid.services.cases import CaseInput, PartyInput
from legalaid.services.people import PersonInput
from legalaid.services.workspace import Workspace

PASS = {role: f"passphrase of the {role.value} here" for role in Role}
Setup = dict[str, int]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Setup]:
    path = tmp_path_factory.mktemp("records") / "vault.db"
    ws = new_vault(path)
    for role in (Role.LAWYER, Role.PARALEGAL, Role.MONITOR):
        accounts.add_account(ws, role.value, f"Staff {role.value}", role, PASS[role])
    accounts.add_account(
        ws, "lawyer2", "Second Lawyer", Role.LAWYER, "a long passphrase for lawyer two"
    )
    client = person(ws, "Асанова", "Гүлнара")
    victim = person(ws, "Осмонов", "Улан", pin="21503199012345")
    plain = cases.create_case(ws, CaseInput("FAM", parties=(PartyInput(client.id),)))
    mine = cases.create_case(
        ws, CaseInput("LAB", assigned_lawyer="lawyer", parties=(PartyInput(client.id),))
    )
    others = cases.create_case(
        ws, CaseInput("SOC", assigned_lawyer="lawyer2", parties=(PartyInput(client.id),))
    )
    secret = cases.create_case(
        ws,
        CaseInput(
            "CRJ",
            "CRJ.TORTURE",
            assigned_lawyer="lawyer",
            restricted=True,
            parties=(PartyInput(victim.id),),
        ),
    )
    ws.close()
    return path, {
        "client": client.id,
        "victim": victim.id,
        "plain": plain.id,
        "mine": mine.id,
        "others": others.id,
        "secret": secret.id,
    }


def as_role(office: tuple[Path, Setup], role: Role) -> Workspace:
    path, _ = office
    if role is Role.COORDINATOR:
        return sign_in(path, "admin", "correct horse battery staple")
    return sign_in(path, role.value, PASS[role])


Operation = Callable[[Workspace, Setup], object]
OPERATIONS: dict[str, Operation] = {
    "view person": lambda ws, ids: people.get_person(ws, ids["client"]),
    "list people": lambda ws, ids: people.list_people(ws),
    "add person": lambda ws, ids: people.add_person(ws, PersonInput("Новый", "Человек")),
    "edit person": lambda ws, ids: people.update_person(
        ws, ids["client"], PersonInput("Асанова", "Гүлнара")
    ),
    "search": lambda ws, ids: search.search(ws, "асанова"),
    "view case": lambda ws, ids: cases.get_case(ws, ids["plain"]),
    "list cases": lambda ws, ids: cases.list_cases(ws),
    "open case": lambda ws, ids: cases.create_case(ws, CaseInput("FAM")),
    "edit unassigned case": lambda ws, ids: cases.update_case(ws, ids["plain"], summary="x"),
    "edit own case": lambda ws, ids: cases.update_case(ws, ids["mine"], summary="y"),
    "edit another lawyer's case": lambda ws, ids: cases.update_case(ws, ids["others"], summary="z"),
    "refer a case": lambda ws, ids: cases.change_status(ws, ids["plain"], CaseStatus.REFERRED),
    "close own case": lambda ws, ids: cases.change_status(
        ws, ids["mine"], CaseStatus.CLOSED, CaseOutcome.ADVICE_GIVEN
    ),
    "assign a lawyer": lambda ws, ids: cases.update_case(
        ws, ids["plain"], assigned_lawyer="lawyer2"
    ),
    "add a party": lambda ws, ids: cases.add_party(
        ws, ids["plain"], ids["client"], PartyRole.WITNESS
    ),
    "delete a case": lambda ws, ids: cases.delete_case(ws, ids["plain"]),
    "open the restricted case": lambda ws, ids: cases.get_case(ws, ids["secret"]),
}

ALLOWED: dict[Role, set[str]] = {
    Role.COORDINATOR: set(OPERATIONS),
    Role.LAWYER: set(OPERATIONS) - {"edit another lawyer's case", "delete a case"},
    Role.PARALEGAL: {
        "view person",
        "list people",
        "add person",
        "edit person",
        "search",
        "view case",
        "list cases",
        "open case",
        "edit unassigned case",
        "edit own case",
        "edit another lawyer's case",
        "refer a case",
        "add a party",
    },
    Role.MONITOR: set(),
}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("role", list(Role))
def test_role_against_operation(
    office: tuple[Path, Setup], tmp_path: Path, role: Role, operation: str
) -> None:
    # Each check on a fresh copy of the office vault, so operations do not interfere.
    source, ids = office
    copy = copy_vault(source, tmp_path / "copy")
    with as_role((copy, ids), role) as ws:
        if operation in ALLOWED[role]:
            assert OPERATIONS[operation](ws, ids) is not None or operation == "delete a case"
        else:
            with pytest.raises((PermissionDenied, NotFound)):
                OPERATIONS[operation](ws, ids)


def test_a_restricted_case_is_invisible_but_counted(office: tuple[Path, Setup]) -> None:
    _path, ids = office
    with as_role(office, Role.PARALEGAL) as ws:
        results = search.search(ws, "Осмонов")
        assert results.people == [] and results.cases == []
        assert results.restricted_matches == 2  # the victim and the case, nothing more
        rows, total = cases.list_cases(ws)
        assert ids["secret"] not in [r.id for r in rows]
        assert total == len(rows) == 3
        visible_people, people_total = people.list_people(ws)
        assert ids["victim"] not in [r.id for r in visible_people]
        assert people_total == len(visible_people)  # the count leaves the hidden out too
        with pytest.raises(NotFound) as caught:
            cases.get_case(ws, ids["secret"])
        assert "Осмонов" not in str(caught.value)
    with as_role(office, Role.LAWYER) as ws:  # the assigned lawyer
        assert [h.id for h in search.search(ws, "Осмонов").people] == [ids["victim"]]
        assert cases.get_case(ws, ids["secret"]).restricted
    with as_role(office, Role.COORDINATOR) as ws:
        assert search.search(ws, "Osmonov").restricted_matches == 0
        assert len(search.search(ws, "Osmonov").cases) == 1


def test_only_the_assigned_lawyer_or_a_coordinator_restricts(
    office: tuple[Path, Setup], tmp_path: Path
) -> None:
    _path, ids = office
    with as_role(office, Role.PARALEGAL) as ws, pytest.raises(PermissionDenied):
        cases.create_case(ws, CaseInput("FAM", restricted=True))
    path, _ = office
    with sign_in(path, "lawyer2", "a long passphrase for lawyer two") as ws:
        with pytest.raises(PermissionDenied):
            cases.update_case(ws, ids["mine"], restricted=True)  # another lawyer's case
        own = cases.create_case(ws, CaseInput("FAM", restricted=True))
        assert own.assigned_lawyer == "lawyer2"  # restricting keeps the author inside
        taken = cases.update_case(ws, own.id, restricted=False)
        assert not taken.restricted


def test_hidden_people_stay_hidden_everywhere(office: tuple[Path, Setup]) -> None:
    _path, ids = office
    with as_role(office, Role.PARALEGAL) as ws:
        # Not as a party (same answer as a missing id) ...
        with pytest.raises(NotFound) as hidden:
            cases.add_party(ws, ids["plain"], ids["victim"], PartyRole.WITNESS)
        with pytest.raises(NotFound) as missing:
            cases.add_party(ws, ids["plain"], 999_999, PartyRole.WITNESS)
        assert str(hidden.value) == str(missing.value)
        # ... nor by a duplicate PIN ...
        from legalaid.errors import Conflict

        with pytest.raises(Conflict) as duplicate:
            people.add_person(ws, PersonInput("Новый", "Человек", pin="21503199012345"))
        assert str(ids["victim"]) not in str(duplicate.value)
        # ... nor by prefix counts that could spell a name out.
        assert search.search(ws, "Осмонов Ул").restricted_matches == 0
        assert search.search(ws, "Осмонов Улан").restricted_matches == 2
    with as_role(office, Role.LAWYER) as ws:
        assert cases.get_case(ws, ids["secret"]).restricted


def test_a_lawyer_moved_to_paralegal_loses_restricted_cases(
    office: tuple[Path, Setup], tmp_path: Path
) -> None:
    source, ids = office
    copy = copy_vault(source, tmp_path / "copy")
    with sign_in(copy, "admin", "correct horse battery staple") as ws:
        accounts.set_role(ws, "lawyer", Role.PARALEGAL)
    with sign_in(copy, "lawyer", PASS[Role.LAWYER]) as ws, pytest.raises(NotFound):
        cases.get_case(ws, ids["secret"])


def test_a_monitor_learns_nothing_about_case_numbers(office: tuple[Path, Setup]) -> None:
    _path, ids = office
    with as_role(office, Role.MONITOR) as ws:
        for key in (ids["plain"], 999_999):
            with pytest.raises(PermissionDenied):
                cases.update_case(ws, key, summary="x")
            with pytest.raises(PermissionDenied):
                cases.change_status(ws, key, CaseStatus.OPEN)
