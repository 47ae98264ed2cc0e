"""Duplicate detection at intake: by PIN, by name and birth date, by similar spelling
across Cyrillic and Latin; only people the viewer may see; through the search index."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.make_vault import as_user
from helpers.records import FEMALE, case_for, person
from sqlalchemy import text

from legalaid.domain.enums import Role
from legalaid.errors import PermissionDenied
from legalaid.services import accounts
from legalaid.services.duplicates import (
    CERTAIN,
    POSSIBLE,
    STRONG,
    born_on_query,
    candidate_expression,
    candidates_query,
    find_possible_duplicates,
)
from legalaid.services.workspace import Workspace

BORN = dt.date(1991, 4, 12)
PIN = "11204199100123"  # woman, born 12.04.1991


@pytest.fixture
def paralegal(workspace: Workspace) -> Workspace:
    accounts.add_account(
        workspace, "para", "Paralegal", Role.PARALEGAL, "seven quiet rivers at dawn"
    )
    return as_user(workspace, "para")


def test_latin_spelling_finds_the_cyrillic_record(workspace: Workspace) -> None:
    aigul = person(workspace, "Өмүрбекова", "Айгүл", birth_date=BORN)
    person(workspace, "Асанова", "Айгүл", birth_date=BORN)  # another surname: not offered
    found = find_possible_duplicates(workspace, "Omurbekova", "Aigul")
    assert [c.person_id for c in found.candidates] == [aigul.id]
    assert found.candidates[0].level == POSSIBLE
    assert found.candidates[0].full_name == "Өмүрбекова Айгүл"


def test_ranking_pin_then_name_and_birth_date_then_similar(workspace: Workspace) -> None:
    by_pin = person(workspace, "Токтосунова", "Гүлнара", pin=PIN)
    same = person(workspace, "Өмүрбекова", "Айгүл", birth_date=BORN)
    similar = person(workspace, "Омурбекова", "Айгул", birth_date=dt.date(1985, 1, 1))
    typo = person(workspace, "Omurbekova", "Aigil")
    found = find_possible_duplicates(workspace, "Omurbekova", "Aigül", None, BORN, PIN)
    levels = [(c.person_id, c.level) for c in found.candidates]
    assert levels[0] == (by_pin.id, CERTAIN)
    assert levels[1] == (same.id, STRONG)
    assert {pid for pid, level in levels[2:] if level == POSSIBLE} == {similar.id, typo.id}
    scores = [c.score for c in found.candidates]
    assert scores == sorted(scores, reverse=True)


def test_a_name_of_another_person_is_not_offered(workspace: Workspace) -> None:
    person(workspace, "Осмонов", "Бакыт")
    assert find_possible_duplicates(workspace, "Osmonova", "Gulnara").candidates == []
    assert find_possible_duplicates(workspace, "Ы", "Ы").candidates == []


def test_people_hidden_from_the_viewer_are_only_counted(
    workspace: Workspace, paralegal: Workspace
) -> None:
    accounts.add_account(
        workspace, "lawyer", "Duty Lawyer", Role.LAWYER, "orange kites over the hills"
    )
    hidden = person(workspace, "Өмүрбекова", "Айгүл", birth_date=BORN, pin=PIN, gender=FEMALE)
    case_for(workspace, hidden, "GBV", restricted=True, assigned_lawyer="lawyer")
    seen_by_coordinator = find_possible_duplicates(
        workspace, "Omurbekova", "Aigul", None, BORN, PIN
    )
    assert [c.person_id for c in seen_by_coordinator.candidates] == [hidden.id]
    seen_by_paralegal = find_possible_duplicates(paralegal, "Omurbekova", "Aigul", None, BORN, PIN)
    assert seen_by_paralegal.candidates == []
    assert seen_by_paralegal.hidden_matches == 2  # the PIN, and the name with the birth date


def test_monitors_cannot_look(workspace: Workspace) -> None:
    accounts.add_account(workspace, "mon", "Monitor", Role.MONITOR, "slow trains to the valley")
    with pytest.raises(PermissionDenied):
        find_possible_duplicates(as_user(workspace, "mon"), "Omurbekova", "Aigul")


def test_the_check_walks_the_search_index_not_the_people_table(
    workspace: Workspace, paralegal: Workspace
) -> None:
    expression = candidate_expression("Omurbekova", "Aigul")
    assert expression == 'skeleton : "omur"* AND skeleton : "aig"*'
    query = candidates_query(paralegal.actor, expression)
    compiled = query.compile(compile_kwargs={"literal_binds": True})
    with workspace.vault.engine.connect() as connection:
        plan = connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    details = [row[-1] for row in plan]
    assert any("VIRTUAL TABLE INDEX" in d and "person_search" in d for d in details), details
    assert not any(d.startswith("SCAN person") and "person_search" not in d for d in details)


def test_a_slip_in_the_first_letters_is_caught_when_the_birth_date_is_typed(
    workspace: Workspace,
) -> None:
    aigul = person(workspace, "Өмүрбекова", "Айгүл", birth_date=BORN)
    person(workspace, "Өмүрбекова", "Айгүл", birth_date=dt.date(1960, 1, 1))
    person(workspace, "Асанова", "Жылдыз", birth_date=BORN)  # born that day, another name
    slipped = find_possible_duplicates(workspace, "Amurbekova", "Eigul", None, BORN)
    assert [c.person_id for c in slipped.candidates] == [aigul.id]
    assert slipped.candidates[0].level == POSSIBLE
    # without the birth date the first letters must agree (the search box is for the rest)
    assert find_possible_duplicates(workspace, "Amurbekova", "Eigul").candidates == []


def test_people_born_the_same_day_are_read_through_the_birth_date_index(
    workspace: Workspace, paralegal: Workspace
) -> None:
    query = born_on_query(paralegal.actor, BORN)
    compiled = query.compile(compile_kwargs={"literal_binds": True})
    with workspace.vault.engine.connect() as connection:
        plan = connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}")).all()
    details = [row[-1] for row in plan]
    assert any("ix_person_birth_date" in d for d in details), details
