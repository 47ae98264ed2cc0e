"""Cases: numbering, status paths, parties, lists and filters."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, new_vault
from helpers.records import case_for, person

from legalaid.domain.cases import TRANSITIONS
from legalaid.domain.enums import CaseOutcome, CaseStatus, PartyRole, Role
from legalaid.errors import NotFound, ValidationError
from legalaid.services import cases
from legalaid.services.auth import sign_in
from legalaid.services.cases import CaseFilter, CaseInput, PartyInput
from legalaid.services.workspace import Workspace


def test_numbers_run_per_office_and_year(workspace: Workspace) -> None:
    client = person(workspace, "Асанов", "Бакыт")
    year = dt.date.today().year
    first = case_for(workspace, client)
    second = case_for(workspace, client, "LAB")
    old = case_for(workspace, client, opened_on=dt.date(2024, 5, 1))
    assert first.number == f"MAIN-{year}-00001"
    assert second.number == f"MAIN-{year}-00002"
    assert old.number == "MAIN-2024-00001"


def test_a_deleted_case_number_is_never_given_again(workspace: Workspace) -> None:
    client = person(workspace, "Асанов", "Бакыт")
    first = case_for(workspace, client)
    cases.delete_case(workspace, first.id)
    assert case_for(workspace, client).number.endswith("-00002")


@pytest.mark.parametrize(
    ("category", "subcategory", "field"),
    [
        ("XXX", None, "category"),
        ("FAM", "GBV.DOMESTIC_VIOLENCE", "subcategory"),
        ("FAM", "FAM.NOT_A_THING", "subcategory"),
    ],
)
def test_category_must_come_from_the_taxonomy(
    workspace: Workspace, category: str, subcategory: str | None, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        cases.create_case(workspace, CaseInput(category, subcategory))
    assert caught.value.field == field


def test_every_allowed_transition_and_no_other(workspace: Workspace) -> None:
    client = person(workspace, "Асанов", "Бакыт")
    for start in CaseStatus:
        for target in CaseStatus:
            case = case_for(workspace, client)
            _walk_to(workspace, case.id, start)
            outcome = CaseOutcome.SETTLED if target is CaseStatus.CLOSED else None
            if target in TRANSITIONS[start]:
                moved = cases.change_status(workspace, case.id, target, outcome)
                assert moved.status is target
            else:
                with pytest.raises(ValidationError):
                    cases.change_status(workspace, case.id, target, outcome)


PATHS = {
    CaseStatus.INTAKE: [],
    CaseStatus.OPEN: [CaseStatus.OPEN],
    CaseStatus.REFERRED: [CaseStatus.REFERRED],
    CaseStatus.IN_COURT: [CaseStatus.OPEN, CaseStatus.IN_COURT],
    CaseStatus.CLOSED: [CaseStatus.CLOSED],
    CaseStatus.REOPENED: [CaseStatus.CLOSED, CaseStatus.REOPENED],
}


def _walk_to(ws: Workspace, case_id: int, status: CaseStatus) -> None:
    for step in PATHS[status]:
        outcome = CaseOutcome.ADVICE_GIVEN if step is CaseStatus.CLOSED else None
        cases.change_status(ws, case_id, step, outcome)


def test_closing_needs_an_outcome_and_reopening_clears_it(workspace: Workspace) -> None:
    case = case_for(workspace, person(workspace, "Асанов", "Бакыт"))
    with pytest.raises(ValidationError) as caught:
        cases.change_status(workspace, case.id, CaseStatus.CLOSED)
    assert caught.value.field == "outcome"
    closed = cases.change_status(workspace, case.id, CaseStatus.CLOSED, CaseOutcome.SETTLED)
    assert closed.outcome is CaseOutcome.SETTLED and closed.closed_on == dt.date.today()
    reopened = cases.change_status(workspace, case.id, CaseStatus.REOPENED)
    assert reopened.outcome is None and reopened.closed_on is None


def test_parties_with_roles(workspace: Workspace) -> None:
    client = person(workspace, "Өмүрбекова", "Айгүл")
    husband = person(workspace, "Өмүрбеков", "Бакыт")
    case = case_for(workspace, client, "GBV")
    case = cases.add_party(workspace, case.id, husband.id, PartyRole.OPPOSING_PARTY)
    assert [(p.full_name, p.role) for p in case.parties] == [
        ("Өмүрбекова Айгүл", PartyRole.CLIENT),
        ("Өмүрбеков Бакыт", PartyRole.OPPOSING_PARTY),
    ]
    case = cases.remove_party(workspace, case.id, husband.id, PartyRole.OPPOSING_PARTY)
    assert len(case.parties) == 1


def test_list_filters_sorting_and_paging(workspace: Workspace) -> None:
    client = person(workspace, "Асанов", "Бакыт")
    for index in range(12):
        case = case_for(
            workspace,
            client,
            "FAM" if index % 2 else "LAB",
            opened_on=dt.date(2025, 1, 1) + dt.timedelta(days=index),
        )
        if index % 3 == 0:
            cases.change_status(workspace, case.id, CaseStatus.OPEN)
    page, total = cases.list_cases(workspace, limit=5)
    assert total == 12 and len(page) == 5
    assert [r.opened_on for r in page] == sorted((r.opened_on for r in page), reverse=True)
    assert page[0].client == "Асанов Бакыт"
    fam, fam_total = cases.list_cases(workspace, CaseFilter(category="fam"))
    assert fam_total == 6 and {r.category for r in fam} == {"FAM"}
    opened, _ = cases.list_cases(workspace, CaseFilter(status=CaseStatus.OPEN))
    assert len(opened) == 4
    window, _ = cases.list_cases(
        workspace, CaseFilter(opened_from=dt.date(2025, 1, 3), opened_to=dt.date(2025, 1, 5))
    )
    assert len(window) == 3
    by_number, _ = cases.list_cases(workspace, sort="number", limit=3)
    assert [r.number for r in by_number] == sorted(r.number for r in by_number)


def test_case_numbers_stay_unique_with_two_processes(vault_path: Path) -> None:
    ws = new_vault(vault_path)
    client = person(ws, "Асанов", "Бакыт")
    ws.close()
    script = (
        "import sys\n"
        "from legalaid.services.auth import sign_in\n"
        "from legalaid.services import cases\n"
        "from legalaid.services.cases import CaseInput, PartyInput\n"
        f"ws = sign_in({str(vault_path)!r}, {ADMIN!r}, {ADMIN_PASSPHRASE!r}, wait_for_lock=60)\n"
        "for _ in range(15):\n"
        f"    cases.create_case(ws, CaseInput('FAM', parties=(PartyInput({client.id}),)))\n"
        "ws.close()\n"
    )
    env = dict(os.environ)
    processes = [subprocess.Popen([sys.executable, "-c", script], env=env) for _ in range(2)]
    assert [p.wait() for p in processes] == [0, 0]
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        rows, total = cases.list_cases(ws, limit=100)
    numbers = [r.number for r in rows]
    assert total == 30 and len(set(numbers)) == 30
    assert sorted(int(n.rsplit("-", 1)[1]) for n in numbers) == list(range(1, 31))


def test_changing_the_category_keeps_a_subcategory_that_still_fits(workspace: Workspace) -> None:
    client = person(workspace, "Асанов", "Бакыт")
    case = case_for(workspace, client, "FAM", subcategory="FAM.ALIMONY")
    assert cases.update_case(workspace, case.id, category="FAM").subcategory == "FAM.ALIMONY"
    assert cases.update_case(workspace, case.id, category="LAB").subcategory is None


def test_an_outcome_belongs_only_to_closing(workspace: Workspace) -> None:
    case = case_for(workspace, person(workspace, "Асанов", "Бакыт"))
    with pytest.raises(ValidationError) as caught:
        cases.change_status(workspace, case.id, CaseStatus.OPEN, CaseOutcome.SETTLED)
    assert caught.value.field == "outcome"


def test_history_tells_who_did_what_to_a_case(workspace: Workspace) -> None:
    from legalaid.services import history

    case = case_for(workspace, person(workspace, "Асанов", "Бакыт"))
    cases.update_case(workspace, case.id, summary="Новые обстоятельства")
    cases.change_status(workspace, case.id, CaseStatus.OPEN)
    entries = history.record_history(workspace, "case", case.id)
    texts = [entry.what for entry in entries]
    assert texts[0] == "created" and any(t.startswith("party created") for t in texts)
    assert "changed: summary" in texts and "changed: status" in texts
    assert all(entry.who == "Test Coordinator" for entry in entries)
    assert all("Новые" not in t for t in texts)  # field names only, never content


def test_a_subcategory_can_be_cleared(workspace: Workspace) -> None:
    case = case_for(workspace, person(workspace, "Асанов", "Бакыт"), subcategory="FAM.ALIMONY")
    changed = cases.update_case(workspace, case.id, clear_subcategory=True)
    assert changed.category == "FAM" and changed.subcategory is None


def test_the_party_list_is_replaced_in_one_step(workspace: Workspace) -> None:
    client = person(workspace, "Асанов", "Бакыт")
    witness = person(workspace, "Осмонова", "Гүлнара")
    case = case_for(workspace, client)
    first_row = cases.update_case(workspace, case.id, parties=None).parties
    changed = cases.update_case(
        workspace,
        case.id,
        parties=(
            PartyInput(client.id, PartyRole.CLIENT),
            PartyInput(witness.id, PartyRole.WITNESS),
            PartyInput(witness.id, PartyRole.WITNESS),  # twice in the form: once in the case
        ),
    )
    assert [(p.person_id, p.role) for p in changed.parties] == [
        (client.id, PartyRole.CLIENT),
        (witness.id, PartyRole.WITNESS),
    ]
    assert first_row[0] in changed.parties
    dropped = cases.update_case(
        workspace, case.id, parties=(PartyInput(witness.id, PartyRole.WITNESS),)
    )
    assert [(p.person_id, p.role) for p in dropped.parties] == [(witness.id, PartyRole.WITNESS)]


def test_a_hidden_person_cannot_be_added_as_a_party(workspace: Workspace) -> None:
    case = case_for(workspace, person(workspace, "Асанов", "Бакыт"))
    with pytest.raises(NotFound):
        cases.update_case(workspace, case.id, parties=(PartyInput(999_999, PartyRole.CLIENT),))
    assert len(cases.get_case(workspace, case.id).parties) == 1  # nothing half-done


def test_lawyer_choices_list_active_lawyers_and_coordinators(workspace: Workspace) -> None:
    from helpers.make_vault import OTHER_PASSPHRASE

    from legalaid.services import accounts

    accounts.add_account(workspace, "lawyer1", "Бакыт Асанов", Role.LAWYER, OTHER_PASSPHRASE)
    accounts.add_account(workspace, "para1", "Айгүл Осмонова", Role.PARALEGAL, OTHER_PASSPHRASE)
    logins = [login for login, _name in cases.lawyer_choices(workspace)]
    assert "lawyer1" in logins and "para1" not in logins and workspace.actor.login in logins


def test_a_removed_party_and_a_deleted_attachment_stay_in_the_history(
    workspace: Workspace,
) -> None:
    from legalaid.services import attachments, history

    client = person(workspace, "Асанов", "Бакыт")
    witness = person(workspace, "Осмонова", "Гүлнара")
    case = case_for(workspace, client, parties=(PartyInput(witness.id, PartyRole.WITNESS),))
    cases.update_case(workspace, case.id, parties=(PartyInput(client.id, PartyRole.CLIENT),))
    added = attachments.add_attachment(workspace, "case", case.id, "scan.txt", b"text scan")
    texts = [e.what for e in history.record_history(workspace, "case", case.id)]
    assert "attachment created" in texts
    attachments.delete_attachment(workspace, added.id)
    texts = [e.what for e in history.record_history(workspace, "case", case.id)]
    assert "changed: parties" in texts and "changed: attachments" in texts
