"""The edges a review found in the importer, each pinned: a row the dry run accepts never
makes the write fail (a PIN typed with dashes, a subcategory of another category, a closing
day before the opening...), a register's number belongs to one client in one office, the
undo neither over-deletes nor refuses wrongly, and what the reports carry."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest
from helpers.make_vault import add_staff
from sqlalchemy import func, select

from legalaid.domain.cases import Case
from legalaid.domain.enums import Region, Role
from legalaid.domain.people import Person
from legalaid.errors import Conflict
from legalaid.services import attachments, cases, offices, people
from legalaid.services.imports import apply, undo
from legalaid.services.imports.mapping import suggest_columns
from legalaid.services.imports.plan import Outcome, plan_import
from legalaid.services.imports.report import report_lines
from legalaid.services.imports.rows import NO_LAWYER
from legalaid.services.imports.sources import Table, read_csv
from legalaid.services.imports.vault_names import field_choices, value_suggestions
from legalaid.services.people import PersonInput
from legalaid.services.workspace import Workspace

HEADER = (
    "№ дела;ФИО;Д.р.;ПИН;Категория;Подкатегория;Дата обращения;Статус;Дата закрытия;"
    "Суть обращения\n"
)


def mapped(ws: Workspace, rows: str, header: str = HEADER) -> tuple[Table, dict, dict]:
    table = read_csv((header + rows).encode())
    columns = suggest_columns(table.header)
    return table, columns, value_suggestions(table, columns, ws)


def planned(ws: Workspace, rows: str, header: str = HEADER) -> dict[int, object]:
    return {row.row: row for row in plan_import(ws, *mapped(ws, rows, header)).rows}


def imported(ws: Workspace, rows: str, header: str = HEADER) -> apply.ImportResult:
    return apply.apply_import(ws, *mapped(ws, rows, header))


def counts(ws: Workspace) -> tuple[int, int]:
    with ws.reader() as session:
        return (
            int(session.scalar(select(func.count(Person.id))) or 0),
            int(session.scalar(select(func.count(Case.id))) or 0),
        )


def case_by_ref(ws: Workspace, ref: str) -> Case:
    with ws.reader() as session:
        found = session.scalar(select(Case).where(Case.external_ref == ref))
        assert found is not None
        return found


def problems(row: object) -> list[str]:
    return [p.message for p in row.problems]  # type: ignore[attr-defined]


def test_a_pin_typed_with_dashes_is_the_same_person(workspace: Workspace) -> None:
    result = imported(
        workspace,
        "1;Асанова Жылдыз;;21203199000123;Пенсия;;05.02.2024;;;\n"
        "2;Асанова Жылдыз;;2-1203-1990-00123;Семейные дела;;06.02.2024;;;\n",
    )
    assert (result.cases_created, result.people_created) == (2, 1)


def test_a_subcategory_of_another_category_is_rejected(workspace: Workspace) -> None:
    rows = planned(workspace, "1;Асанова Жылдыз;12.03.1990;;Бытовое насилие;Пенсия;05.02.2024;;;\n")
    assert rows[2].outcome is Outcome.REJECT  # type: ignore[attr-defined]


def test_closing_days_and_statuses_that_cannot_be(workspace: Workspace) -> None:
    rows = planned(
        workspace,
        "1;Асанова Жылдыз;12.03.1990;;Пенсия;;05.02.2024;;01.01.2024;\n"
        "2;Токтогулов Эрлан;01.04.1985;;Пенсия;;05.02.2024;Открыто;01.03.2024;\n"
        "3;Осмонова Айгүл;15.05.1992;;Пенсия;;05.02.2024;Закрыто;;\n",
    )
    assert [rows[n].outcome for n in (2, 3, 4)] == [Outcome.REJECT] * 3  # type: ignore[attr-defined]
    assert "before it was opened" in problems(rows[2])[0]
    assert "but a closing day is given" in problems(rows[3])[0]
    assert "needs the day it was closed" in problems(rows[4])[0]


def test_two_people_of_one_name_without_a_birth_date_stay_two(workspace: Workspace) -> None:
    result = imported(
        workspace,
        "1;Асанов Бакыт;;;Пенсия;;05.02.2024;;;\n2;Асанов Бакыт;;;Семейные дела;;06.02.2024;;;\n",
    )
    assert result.people_created == 2


def test_a_number_is_one_clients_in_one_office(workspace: Workspace) -> None:
    imported(workspace, "1;Асанова Жылдыз;12.03.1990;;Семейные дела;;05.02.2024;;;\n")
    rows = planned(workspace, "1;Токтогулов Эрлан;01.04.1985;;Трудовые споры;;06.02.2024;;;\n")
    assert rows[2].outcome is Outcome.REJECT  # type: ignore[attr-defined]
    assert "of another client" in problems(rows[2])[0]
    assert case_by_ref(workspace, "1").category == "FAM"  # untouched
    offices.add_office(
        workspace,
        "JAL",
        {"ky": "Жалал-Абад", "ru": "Джалал-Абад", "en": "Jalal-Abad"},
        Region.JALAL_ABAD,
    )
    other = planned(
        workspace,
        "1;Токтогулов Эрлан;01.04.1985;;Трудовые споры;;06.02.2024;;;JAL\n",
        HEADER.replace("Суть обращения", "Офис"),
    )
    assert other[2].outcome is Outcome.CREATE  # type: ignore[attr-defined]
    assert other[2].case.office_code == "JAL"  # type: ignore[attr-defined]
    unknown = planned(
        workspace,
        "2;Токтогулов Эрлан;01.04.1985;;Трудовые споры;;06.02.2024;;;Луна\n",
        HEADER.replace("Суть обращения", "Офис"),
    )
    assert unknown[2].outcome is Outcome.REJECT  # type: ignore[attr-defined]


def test_a_number_twice_in_a_file(workspace: Workspace) -> None:
    rows = planned(
        workspace,
        "7;Асанова Жылдыз;12.03.1990;;Пенсия;;05.02.2024;;;\n"
        "7;Асанова Жылдыз;12.03.1990;;Пенсия;;05.02.2024;;;\n"
        "7;Токтогулов Эрлан;01.04.1985;;Пенсия;;05.02.2024;;;\n",
    )
    assert [rows[n].outcome for n in (2, 3, 4)] == [  # type: ignore[attr-defined]
        Outcome.CREATE,
        Outcome.DUPLICATE,
        Outcome.REJECT,
    ]


def test_a_new_category_takes_the_old_subcategory_away(workspace: Workspace) -> None:
    imported(workspace, "1;Асанова Жылдыз;12.03.1990;;Бытовое насилие;;05.02.2024;;;\n")
    assert case_by_ref(workspace, "1").subcategory == "GBV.DOMESTIC_VIOLENCE"
    result = imported(workspace, "1;Асанова Жылдыз;12.03.1990;;Семейные дела;;05.02.2024;;;\n")
    assert result.cases_updated == 1
    changed = case_by_ref(workspace, "1")
    assert (changed.category, changed.subcategory) == ("FAM", None)
    cases.validate_category(changed.category, changed.subcategory)


def test_a_re_import_reopens_and_an_empty_summary_or_narrative_stays_out(
    workspace: Workspace,
) -> None:
    imported(
        workspace, "1;Асанова Жылдыз;12.03.1990;;Пенсия;;05.02.2024;Закрыто;01.03.2024;Zqxjvwkpl\n"
    )
    table, columns, values = mapped(
        workspace, "1;Асанова Жылдыз;12.03.1990;;Пенсия;;05.02.2024;Открыто;;Новое Qwmzvxk\n"
    )
    plan = plan_import(workspace, table, columns, values)
    lines = " ".join(line.text for line in report_lines(plan, lambda m: m, "en"))
    assert "Zqxjvwkpl" not in lines and "Qwmzvxk" not in lines and "…" in lines
    apply.apply_import(workspace, table, columns, values)
    reopened = case_by_ref(workspace, "1")
    assert (reopened.status, reopened.closed_on, reopened.outcome) == ("open", None, None)
    assert reopened.summary == "Новое Qwmzvxk"


def test_an_undone_re_import_can_be_made_again_and_the_first_undone(
    workspace: Workspace,
) -> None:
    first = imported(workspace, "1;Асанова Жылдыз;12.03.1990;;Семейные дела;;05.02.2024;;;\n")
    later = "1;Асанова Жылдыз;12.03.1990;;Семейные дела;;05.02.2024;Закрыто;01.03.2024;\n"
    second = imported(workspace, later)
    assert second.cases_updated == 1
    with pytest.raises(Conflict):  # the later import is still in place
        undo.undo_import(workspace, first.batch_id)
    undo.undo_import(workspace, second.batch_id)
    again = plan_import(workspace, *mapped(workspace, later))
    assert again.rows[0].outcome is Outcome.UPDATE  # no "edited in the app": it was not
    undo.undo_import(workspace, first.batch_id)
    assert counts(workspace) == (0, 0)


def test_an_undo_keeps_to_what_it_made(workspace: Workspace) -> None:
    known = people.add_person(
        workspace, PersonInput("Асанова", "Жылдыз", None, birth_date=dt.date(1990, 3, 12))
    )
    result = imported(
        workspace,
        "1;Асанова Жылдыз;12.03.1990;;Пенсия;;05.02.2024;;;\n"
        "2;Исаков Бакыт;09.09.1979;;Пенсия;;05.02.2024;;;\n",
    )
    assert (result.cases_created, result.people_created) == (2, 1)
    undo.undo_import(workspace, result.batch_id)  # a known client's new case: undone
    assert counts(workspace) == (1, 0)
    result = imported(workspace, "2;Исаков Бакыт;09.09.1979;;Пенсия;;05.02.2024;;;\n")
    with workspace.reader() as session:
        new_person = session.scalar(select(Person.id).where(Person.id != known.id))
    attachments.add_attachment(
        workspace, "person", int(new_person), "passport.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64
    )
    with pytest.raises(Conflict):  # a file on the person since: never deleted with it
        undo.undo_import(workspace, result.batch_id)
    assert counts(workspace) == (2, 1)


@pytest.fixture
def bishkek_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Bishkek")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_hearing_at_the_first_hour_allowed_is_judged_as_the_write_judges_it(
    workspace: Workspace, bishkek_time: None
) -> None:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    header = "№ дела;ФИО;Д.р.;Категория;Дата обращения;Юрист;Суд;Вид производства;Дата заседания\n"
    table, columns, values = mapped(
        workspace,
        "1;Асанова Жылдыз;12.03.1990;Пенсия;05.02.2024;Нурбек Жээнбеков;Ошский горсуд;"
        "гражданское;01.01.2000 03:00\n",
        header,
    )
    plan = plan_import(workspace, table, columns, values)
    assert plan.rows[0].outcome is Outcome.REJECT  # 21:00 UTC the day before 2000
    assert [p.column for p in plan.rows[0].problems] == ["Дата заседания"]


def test_a_lawyer_who_has_left_is_mapped_to_nobody(workspace: Workspace) -> None:
    header = "ФИО;Д.р.;Категория;Дата обращения;Юрист\n"
    table, columns, values = mapped(
        workspace, "Асанова Жылдыз;12.03.1990;Пенсия;05.02.2024;Ушедший Юрист\n", header
    )
    assert values["lawyer"] == {"Ушедший Юрист": None}
    assert plan_import(workspace, table, columns, values).rows[0].outcome is Outcome.REJECT
    choices = field_choices(workspace, "lawyer", "ru")
    assert choices[0] == (NO_LAWYER, "никто (дело остаётся без юриста)")
    values["lawyer"]["Ушедший Юрист"] = NO_LAWYER
    row = plan_import(workspace, table, columns, values).rows[0]
    assert row.outcome is Outcome.CREATE and row.case.lawyer_login is None  # type: ignore[union-attr]


def test_a_list_of_people_imports_people_only(workspace: Workspace) -> None:
    """A register without any case column (a client list): each row a person, none twice,
    no case; the same list again adds nobody; an undo takes them back."""
    header = "ФИО;Д.р.;Телефон;Район\n"
    rows = (
        "Асанова Жылдыз;12.03.1990;+996 555 123 456;Алайский район\n"
        "Asanova Jyldyz;12.03.1990;;\n"
        "Токтогулов Эрлан;01.04.1985;;Ноокат р-н\n"
        "Бакирова;;;\n"
    )
    plan = plan_import(workspace, *mapped(workspace, rows, header))
    assert [row.outcome for row in plan.rows] == [
        Outcome.CREATE,
        Outcome.DUPLICATE,  # the same person in Latin letters
        Outcome.CREATE,
        Outcome.REJECT,
    ]
    lines = report_lines(plan, lambda m: m, "en")
    assert lines[0].text == "a new person"
    result = imported(workspace, rows, header)
    assert (result.people_created, result.cases_created) == (2, 0)
    assert counts(workspace) == (2, 0)
    assert imported(workspace, rows, header).people_created == 0
    undo.undo_import(workspace, result.batch_id)
    assert counts(workspace) == (0, 0)
