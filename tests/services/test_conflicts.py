"""Conflict of interest: opposing parties against every client, past and present, across
scripts; a restricted case is disclosed only as 'ask someone'."""

from __future__ import annotations

import pytest
from helpers.make_vault import as_user
from helpers.records import case_for, person

from legalaid.domain.enums import CaseOutcome, CaseStatus, PartyRole, Role
from legalaid.errors import PermissionDenied
from legalaid.services import accounts, cases
from legalaid.services.cases import PartyInput
from legalaid.services.conflicts import BY_NAME, BY_PIN, OpposingParty, check_conflicts
from legalaid.services.workspace import Workspace

PIN = "21503199012345"


@pytest.fixture
def staff(workspace: Workspace) -> Workspace:
    accounts.add_account(
        workspace, "para", "Paralegal", Role.PARALEGAL, "seven quiet rivers at dawn"
    )
    accounts.add_account(
        workspace, "nurbek", "Nurbek Lawyer", Role.LAWYER, "orange kites over the hills"
    )
    accounts.add_account(workspace, "mon", "Monitor", Role.MONITOR, "slow trains to the valley")
    return workspace


def test_an_opposing_party_who_is_our_client_is_found_across_scripts(staff: Workspace) -> None:
    client = person(staff, "Өмүрбеков", "Бакыт")
    case = case_for(staff, client, "LAB")
    cases.change_status(staff, case.id, CaseStatus.CLOSED, CaseOutcome.SETTLED)  # past client
    (match,) = check_conflicts(as_user(staff, "para"), [OpposingParty("Omurbekov", "Bakyt")])
    assert (match.case_number, match.client_name, match.matched_by) == (
        case.number,
        "Өмүрбеков Бакыт",
        BY_NAME,
    )
    assert match.status is CaseStatus.CLOSED and not match.restricted
    assert case.number in match.message() and "Өмүрбеков Бакыт" in match.message()


def test_a_pin_matches_whatever_the_name(staff: Workspace) -> None:
    client = person(staff, "Осмонов", "Улан", pin=PIN)
    case = case_for(staff, client)
    (match,) = check_conflicts(staff, [OpposingParty("Другой", "Человек", pin="2 15031990 12345")])
    assert match.matched_by == BY_PIN and match.case_id == case.id


def test_a_restricted_case_says_whom_to_ask_and_not_the_client(staff: Workspace) -> None:
    client = person(staff, "Өмүрбеков", "Бакыт")
    secret = case_for(staff, client, "CRJ", restricted=True, assigned_lawyer="nurbek")
    opposing = [OpposingParty("Omurbekov", "Bakyt")]
    (hidden,) = check_conflicts(as_user(staff, "para"), opposing)
    assert hidden.restricted
    assert (hidden.case_id, hidden.case_number, hidden.client_name, hidden.status) == (
        None,
        None,
        None,
        None,
    )
    assert hidden.ask == "Nurbek Lawyer"
    assert "Nurbek Lawyer" in hidden.message()
    assert "Бакыт" not in hidden.message() and secret.number not in hidden.message()
    (open_to_lawyer,) = check_conflicts(as_user(staff, "nurbek"), opposing)
    assert open_to_lawyer.case_number == secret.number  # their own case
    (open_to_coordinator,) = check_conflicts(staff, opposing)
    assert open_to_coordinator.client_name == "Өмүрбеков Бакыт"


def test_a_restricted_case_without_a_lawyer_sends_to_a_coordinator(staff: Workspace) -> None:
    client = person(staff, "Өмүрбеков", "Бакыт")
    case = case_for(staff, client, "CRJ", restricted=True)
    assert case.assigned_lawyer is None
    (hidden,) = check_conflicts(as_user(staff, "para"), [OpposingParty("Омурбеков", "Бакыт")])
    assert hidden.ask is None and "a coordinator" in hidden.message()


def test_only_clients_count_and_other_names_do_not_match(staff: Workspace) -> None:
    client = person(staff, "Асанова", "Гүлнара")
    husband = person(staff, "Өмүрбеков", "Бакыт")
    case_for(staff, client, "GBV", parties=(PartyInput(husband.id, PartyRole.OPPOSING_PARTY),))
    assert check_conflicts(staff, [OpposingParty("Omurbekov", "Bakyt")]) == []
    assert check_conflicts(staff, [OpposingParty("Asanova", "Aida")]) == []
    assert check_conflicts(staff, [OpposingParty("Asanov", "Gulnara")]) == []
    matches = check_conflicts(staff, [OpposingParty("Asanova", "Gulnara", "Бакытовна")])
    assert len(matches) == 1  # a patronymic only one side knows does not rule it out


def test_monitors_cannot_run_the_check(staff: Workspace) -> None:
    with pytest.raises(PermissionDenied):
        check_conflicts(as_user(staff, "mon"), [OpposingParty("Omurbekov", "Bakyt")])
