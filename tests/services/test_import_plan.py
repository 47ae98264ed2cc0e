"""The dry run (services/imports/plan.py) of a small register with deliberate errors: rows
to create, a person matched across scripts and by PIN, two rows of one new person, a row
already in the vault (a re-import adds nothing), and rejections named by column: an
impossible date, a missing name, an unmapped category, an unknown lawyer, a bad PIN.
Nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.records import FEMALE, case_for, person
from sqlalchemy import func, select

from legalaid.domain.cases import Case
from legalaid.domain.enums import Role
from legalaid.domain.people import Person
from legalaid.errors import PermissionDenied
from legalaid.services.imports.mapping import suggest_columns
from legalaid.services.imports.plan import Outcome, plan_import
from legalaid.services.imports.sources import read_csv
from legalaid.services.imports.vault_names import value_suggestions
from legalaid.services.workspace import Workspace

REGISTER = """№;ФИО;Д.р.;Пол;Район;Категория;Дата обращения;Юрист
1;Asanova Jyldyz;12.03.1990;ж;Алайский район;Бытовое насилие;05.02.2024;Нурбек Жээнбеков
2;Токтогулов Эрлан;01.04.1985;м;Ноокат р-н;Трудовые споры;06.02.2024;
3;Токтогулов Эрлан;01.04.1985;м;Ноокат р-н;Пенсия;07.02.2024;
4;Токтогулов Эрлан;01.04.1985;м;Ноокат р-н;Пенсия;07.02.2024;
5;Сыдыкова Гүлнара;31.02.2024;ж;;Семейные дела;08.02.2024;
6;Бакирова;;ж;;Семейные дела;08.02.2024;
7;Исаков Бакыт;;м;;Космос;09.02.2024;
8;Исаков Бакыт;;м;;Семейные дела;09.02.2024;Неизвестный Юрист
9;Осмонова Айгүл;15.05.1992;ж;;Семейные дела;10.02.2024;
"""


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    asanova = person(workspace, "Асанова", "Жылдыз", gender=FEMALE, birth_date=dt.date(1990, 3, 12))
    osmonova = person(
        workspace, "Осмонова", "Айгүл", gender=FEMALE, birth_date=dt.date(1992, 5, 15)
    )
    case_for(workspace, osmonova, "FAM", opened_on=dt.date(2024, 2, 10))  # row 9 is in already
    assert asanova.id
    return workspace


def plan_of(ws: Workspace) -> tuple:  # type: ignore[type-arg]
    table = read_csv(REGISTER.encode())
    columns = suggest_columns(table.header)
    return table, plan_import(ws, table, columns, value_suggestions(table, columns))


def test_the_dry_run_says_what_each_row_would_become(office: Workspace) -> None:
    with office.reader() as session:
        before = (
            session.scalar(select(func.count(Person.id))),
            session.scalar(select(func.count(Case.id))),
        )
    _table, plan = plan_of(office)
    by_row = {row.row: row for row in plan.rows}
    assert by_row[2].outcome is Outcome.CREATE and by_row[2].person_id is not None  # Latin
    assert by_row[2].case is not None and by_row[2].case.lawyer_login == "lawyer"
    assert by_row[2].case.subcategory == "GBV.DOMESTIC_VIOLENCE"
    assert by_row[3].outcome is Outcome.CREATE and by_row[3].person_id is None  # new
    assert by_row[4].outcome is Outcome.CREATE  # the same new person, another case
    assert by_row[4].person is not None and by_row[4].person.key == by_row[3].person.key  # type: ignore[union-attr]
    assert by_row[5].outcome is Outcome.DUPLICATE  # row 4 again
    assert by_row[10].outcome is Outcome.DUPLICATE and by_row[10].case_id is not None
    rejected = {
        row.row: [(p.column, p.message) for p in row.problems]
        for row in plan.rows
        if row.outcome is Outcome.REJECT
    }
    assert rejected[6] == [("Д.р.", "{value} is not a possible date (DD.MM.YYYY).")]
    assert rejected[7] == [("ФИО", "Both a surname and a given name are needed.")]
    assert rejected[8] == [("Категория", "{value} is not mapped to a known value.")]
    assert rejected[9] == [("Юрист", "{value} is not an active lawyer in this vault.")]
    assert plan.counts == {
        Outcome.CREATE: 3,
        Outcome.UPDATE: 0,
        Outcome.DUPLICATE: 2,
        Outcome.CONFLICT: 0,
        Outcome.REJECT: 4,
    }
    assert plan.unmapped == {"category": ("Космос",)}
    with office.reader() as session:  # nothing written
        after = (
            session.scalar(select(func.count(Person.id))),
            session.scalar(select(func.count(Case.id))),
        )
    assert after == before


def test_a_pin_matches_and_a_bad_pin_is_named(office: Workspace) -> None:
    person(office, "Мамытова", "Айгерим", gender=FEMALE, pin="11203199000123")
    register = (
        "ФИО;ПИН;Категория;Дата\n"
        "Mamytova Aigerim;11203199000123;Семейные дела;01.03.2024\n"
        "Калыев Бек;123;Семейные дела;01.03.2024\n"
    )
    table = read_csv(register.encode())
    columns = suggest_columns(table.header)
    plan = plan_import(office, table, columns, value_suggestions(table, columns))
    first, second = plan.rows
    assert first.outcome is Outcome.CREATE and first.person_id is not None
    assert second.outcome is Outcome.REJECT and second.problems[0].column == "ПИН"


def test_only_a_coordinator_plans_an_import(office: Workspace) -> None:
    table = read_csv(REGISTER.encode())
    with pytest.raises(PermissionDenied):
        plan_import(as_user(office, "lawyer"), table, {}, {})
