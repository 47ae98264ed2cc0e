"""The search box: fragments, Cyrillic folding, both scripts, PIN, phone, case numbers,
ranking, and the index kept in step in the same transaction."""

from __future__ import annotations

import pytest
from helpers.records import FEMALE, MALE, case_for, person

from legalaid.domain.enums import PartyRole
from legalaid.services import cases, people, search
from legalaid.services.people import PersonInput
from legalaid.services.workspace import Workspace


@pytest.fixture
def registry(workspace: Workspace) -> Workspace:
    person(
        workspace,
        "Жолдошбеков",
        "Нурлан",
        patronymic="Асанович",
        gender=MALE,
        pin="21503199000123",
        phone="+996 555 12 34 56",
    )
    person(workspace, "Өмүрбекова", "Айгүл", patronymic="Бакыт кызы", gender=FEMALE)
    person(workspace, "Омурбекова", "Айгуль", gender=FEMALE)  # the Russian-keyboard spelling
    person(workspace, "Семёнов", "Пётр")
    person(workspace, "Ңамазов", "Үмүтбек")
    person(workspace, "Ким", "Елена", phone="0700 987654")
    return workspace


def names(ws: Workspace, query: str) -> list[str]:
    return [hit.full_name for hit in search.search(ws, query).people]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("жолд", "Жолдошбеков Нурлан Асанович"),
        ("ЖОЛДОШБЕКОВ", "Жолдошбеков Нурлан Асанович"),
        ("Нурлан жолд", "Жолдошбеков Нурлан Асанович"),
        ("асанович", "Жолдошбеков Нурлан Асанович"),
        ("семенов", "Семёнов Пётр"),
        ("СЕМЁН", "Семёнов Пётр"),
        ("ңамаз", "Ңамазов Үмүтбек"),
        ("ҢАМАЗ", "Ңамазов Үмүтбек"),
        ("үмүт", "Ңамазов Үмүтбек"),
        ("ҮМҮТ", "Ңамазов Үмүтбек"),
    ],
)
def test_fragments_and_cyrillic_case_folding(
    registry: Workspace, query: str, expected: str
) -> None:
    assert names(registry, query)[:1] == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Zholdoshbekov", "Жолдошбеков Нурлан Асанович"),
        ("Joldosh", "Жолдошбеков Нурлан Асанович"),
        ("Semyonov", "Семёнов Пётр"),
        ("Namazov Umutbek", "Ңамазов Үмүтбек"),
        ("Kim Yelena", "Ким Елена"),
    ],
)
def test_latin_finds_cyrillic(registry: Workspace, query: str, expected: str) -> None:
    assert expected in names(registry, query)


def test_cyrillic_finds_latin_written_names(workspace: Workspace) -> None:
    person(workspace, "Zholdoshbekova", "Aizhan")
    assert names(workspace, "Жолдошбекова Айжан") == ["Zholdoshbekova Aizhan"]


def test_kyrgyz_and_russian_spellings_find_each_other_exact_first(registry: Workspace) -> None:
    assert names(registry, "Өмүрбекова") == ["Өмүрбекова Айгүл Бакыт кызы", "Омурбекова Айгуль"]
    assert names(registry, "Омурбекова") == ["Омурбекова Айгуль", "Өмүрбекова Айгүл Бакыт кызы"]


@pytest.mark.parametrize(
    "query",
    ["21503199000123", "2150319", "+996 555 12 34 56", "0555 123456", "555123456", "123456"],
)
def test_pin_and_phone_in_the_forms_people_type(registry: Workspace, query: str) -> None:
    assert names(registry, query) == ["Жолдошбеков Нурлан Асанович"]


def test_case_numbers_whole_or_in_parts(registry: Workspace) -> None:
    client = people.list_people(registry)[0][0]
    client_info = people.get_person(registry, client.id)
    made = [case_for(registry, client_info) for _ in range(3)]
    number = made[1].number
    for query in (
        number,
        number.lower(),
        number.replace("-", " "),
        number.rsplit("-", 1)[0] + "-2",
    ):
        found = [hit.number for hit in search.search(registry, query).cases]
        assert found[:1] == [number], query
    assert {h.number for h in search.search(registry, "жолдош").cases} == {c.number for c in made}


def test_cases_are_found_by_any_party(registry: Workspace) -> None:
    wife = search.search(registry, "Өмүрбекова").people[0]
    husband = person(registry, "Мамытов", "Бакыт")
    case = case_for(registry, people.get_person(registry, wife.id), "GBV")
    cases.add_party(registry, case.id, husband.id, PartyRole.OPPOSING_PARTY)
    hits = search.search(registry, "Mamytov").cases
    assert [h.number for h in hits] == [case.number]
    assert hits[0].client == "Өмүрбекова Айгүл Бакыт кызы"


def test_the_index_follows_renames_and_erasures_in_the_same_transaction(
    registry: Workspace,
) -> None:
    target = search.search(registry, "Семёнов").people[0]
    case = case_for(registry, people.get_person(registry, target.id))
    people.update_person(registry, target.id, PersonInput("Семенченко", "Пётр"))
    assert names(registry, "Семёнов") == []
    assert names(registry, "Semenchenko") == ["Семенченко Пётр"]
    assert [h.number for h in search.search(registry, "Семенченко").cases] == [case.number]
    cases.delete_case(registry, case.id)
    people.delete_person(registry, target.id)
    assert names(registry, "Семенченко") == []
    assert search.search(registry, "Семенченко").cases == []


def test_nothing_searchable_returns_nothing(registry: Workspace) -> None:
    for query in ("", " ", "а", "-", '"', "*", "NEAR(", "a OR b"):
        results = search.search(registry, query)
        assert results.people == [] or query == "a OR b"


def test_queries_with_fts_syntax_are_taken_literally(registry: Workspace) -> None:
    assert names(registry, 'Жолдош"бек') == []
    assert names(registry, "Жолдошбеков AND") == []


def test_check_notices_an_index_out_of_step(registry: Workspace) -> None:
    from sqlalchemy import text

    from legalaid.services import maintenance

    item = next(i for i in maintenance.check(registry).items if i.code == "search_index")
    assert item.ok
    with registry.vault.engine.begin() as connection:
        connection.execute(text("DELETE FROM person_search WHERE rowid = 1"))
    item = next(i for i in maintenance.check(registry).items if i.code == "search_index")
    assert not item.ok


def test_a_rebuilt_index_finds_the_same(registry: Workspace) -> None:
    from sqlalchemy import text

    from legalaid.services import maintenance

    before = names(registry, "Zholdoshbekov")
    with registry.vault.engine.begin() as connection:
        connection.execute(text("DELETE FROM person_search"))
    assert names(registry, "Zholdoshbekov") == []
    maintenance.rebuild_search_index(registry)
    assert names(registry, "Zholdoshbekov") == before
    assert maintenance.check(registry).ok


@pytest.mark.parametrize("query", ["99", "ьа", "x" * 5000, "ß", "a b", "0555"])
def test_short_or_degenerate_queries_do_not_flood(registry: Workspace, query: str) -> None:
    results = search.search(registry, query)
    assert len(results.people) <= 1
