"""Re-importing an updated register (services/imports): a case is matched by its number in
the register, the fields the register changed are updated, a field edited in the app since
the last import is kept and shown, an undo puts the earlier values back; saved mappings;
progress and cancel."""

from __future__ import annotations

import pytest
from helpers.make_vault import add_staff, as_user
from sqlalchemy import func, select

from legalaid.domain.cases import Case
from legalaid.domain.enums import Role
from legalaid.errors import NotFound, PermissionDenied, ValidationError
from legalaid.i18n import translate_in
from legalaid.services import cases
from legalaid.services.imports import apply, saved, undo
from legalaid.services.imports.batches import past_imports
from legalaid.services.imports.mapping import suggest_columns
from legalaid.services.imports.plan import ImportCancelled, Outcome, plan_import
from legalaid.services.imports.report import counts_line, report_lines
from legalaid.services.imports.sources import Table, read_csv
from legalaid.services.imports.vault_names import value_suggestions
from legalaid.services.workspace import Workspace

HEADER = "№ дела;ФИО;Д.р.;Категория;Дата обращения;Дата закрытия;Юрист;Суть\n"
FIRST = HEADER + (
    "А-101;Асанова Жылдыз;12.03.1990;Бытовое насилие;05.02.2024;;;Муж угрожает\n"
    "А-102;Токтогулов Эрлан;01.04.1985;Трудовые споры;06.02.2024;;;Не выплачена зарплата\n"
    "А-103;Осмонова Айгүл;15.05.1992;Семейные дела;07.02.2024;;;\n"
)
# a month later: А-101 closed and given to a lawyer, А-102 re-categorised, А-103 unchanged,
# А-104 new
SECOND = HEADER + (
    "А-101;Асанова Жылдыз;12.03.1990;Бытовое насилие;05.02.2024;01.03.2024;Нурбек Жээнбеков;\n"
    "А-102;Токтогулов Эрлан;01.04.1985;Пенсия;06.02.2024;;;Не выплачена зарплата\n"
    "А-103;Осмонова Айгүл;15.05.1992;Семейные дела;07.02.2024;;;\n"
    "А-104;Исаков Бакыт;09.09.1979;Семейные дела;20.02.2024;;;\n"
)


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    return workspace


def mapped(ws: Workspace, text: str) -> tuple[Table, dict[int, str], dict]:
    table = read_csv(text.encode())
    columns = suggest_columns(table.header)
    return table, columns, value_suggestions(table, columns, ws)


def imported(ws: Workspace, text: str) -> apply.ImportResult:
    return apply.apply_import(ws, *mapped(ws, text))


def case_by_ref(ws: Workspace, ref: str) -> Case:
    with ws.reader() as session:
        found = session.scalar(select(Case).where(Case.external_ref == ref))
        assert found is not None
        return found


def test_a_re_import_updates_by_register_number_and_an_undo_puts_it_back(
    office: Workspace,
) -> None:
    first = imported(office, FIRST)
    assert (first.cases_created, first.cases_updated) == (3, 0)
    plan = plan_import(office, *mapped(office, SECOND))
    by_row = {row.row: row for row in plan.rows}
    assert [by_row[n].outcome for n in (2, 3, 4, 5)] == [
        Outcome.UPDATE,
        Outcome.UPDATE,
        Outcome.DUPLICATE,
        Outcome.CREATE,
    ]
    assert {(c.field, c.old, c.new) for c in by_row[2].changes} == {
        ("status", "intake", "closed"),
        ("closed_on", None, "2024-03-01"),
        ("lawyer", None, "lawyer"),
    }  # an empty summary in the register says nothing: the case keeps its own
    assert {(c.field, c.new) for c in by_row[3].changes} == {
        ("category", "SOC"),
        ("subcategory", "SOC.PENSIONS"),
    }
    lines = report_lines(plan, lambda m: translate_in("ru", m), "ru")
    assert any(line.row == 2 and line.text.endswith("→ 01.03.2024") for line in lines), lines
    assert "2 to update" in counts_line(plan, lambda m: m)

    second = imported(office, SECOND)
    assert (second.cases_created, second.cases_updated) == (1, 2)
    closed = case_by_ref(office, "А-101")
    assert closed.status == "closed" and closed.closed_on.isoformat() == "2024-03-01"
    assert case_by_ref(office, "А-102").subcategory == "SOC.PENSIONS"
    assert imported(office, SECOND).cases_updated == 0  # idempotent

    listed = past_imports(office)
    assert [(b.batch_id, b.cases_created, b.cases_updated, b.undone) for b in listed] == [
        (second.batch_id + 1, 0, 0, False),  # the idempotent third: nothing made
        (second.batch_id, 1, 2, False),
        (first.batch_id, 3, 0, False),
    ]
    assert listed[0].made_by == "Test Coordinator"
    undo.undo_import(office, second.batch_id)
    assert [b.undone for b in past_imports(office)] == [False, True, False]
    reopened = case_by_ref(office, "А-101")
    assert (reopened.status, reopened.closed_on, reopened.assigned_lawyer_id) == (
        "intake",
        None,
        None,
    )
    assert reopened.outcome is None
    assert (case_by_ref(office, "А-102").category, case_by_ref(office, "А-102").subcategory) == (
        "LAB",
        None,
    )
    with office.reader() as session:
        assert session.scalar(select(func.count(Case.id))) == 3  # А-104 went with the undo


def test_an_edit_made_in_the_app_is_kept_and_shown(office: Workspace) -> None:
    imported(office, FIRST)
    case_id = case_by_ref(office, "А-102").id
    cases.update_case(office, case_id, category="PRP")  # the lawyer knows better
    plan = plan_import(office, *mapped(office, SECOND))
    row = next(row for row in plan.rows if row.row == 3)
    assert row.outcome is Outcome.CONFLICT and not row.changes
    assert [(c.field, c.old, c.new) for c in row.kept] == [
        ("category", "PRP", "SOC"),
        ("subcategory", None, "SOC.PENSIONS"),
    ]  # the category and its subcategory are one choice: neither is half overwritten
    lines = [line for line in report_lines(plan, lambda m: m, "en") if line.row == 3]
    assert lines[0].outcome is Outcome.CONFLICT and "is kept" in lines[0].text
    result = imported(office, SECOND)
    assert case_by_ref(office, "А-102").category == "PRP"
    assert result.cases_updated == 1  # А-101 only


def test_cancel_rolls_back_and_progress_is_told(office: Workspace) -> None:
    heard: list[tuple[int, int]] = []
    asked = {"n": 0}

    def cancelled() -> bool:
        asked["n"] += 1
        return asked["n"] == 3  # after two rows were written

    with pytest.raises(ImportCancelled):
        apply.apply_import(office, *mapped(office, FIRST), None, cancelled)
    with office.reader() as session:
        assert session.scalar(select(func.count(Case.id))) == 0
    apply.apply_import(
        office, *mapped(office, FIRST), lambda done, total: heard.append((done, total))
    )
    assert heard[-1] == (3, 3)


def test_saved_mappings_are_kept_by_name_and_laid_on_the_next_file(office: Workspace) -> None:
    other = "Регистрационный номер;Фамилия Имя;Когда родился;Вид;Открыто;Адвокат\n" + (
        "Б-1;Асанова Жылдыз;12.03.1990;Насилие в семье;05.02.2024;НЖ\n"
    )
    table = read_csv(other.encode())
    saved.save_mapping(
        office,
        "  Ош, 2024  ",
        {
            "Фамилия Имя": "full_name",
            "Когда родился": "birth_date",
            "Вид": "category",
            "Открыто": "opened_on",
            "Адвокат": "lawyer",
            "Нет такой": "phone",
            "X": "bogus",
        },
        {"category": {"Насилие в семье": "GBV.DOMESTIC_VIOLENCE"}, "lawyer": {"НЖ": "lawyer"}},
    )
    assert saved.list_mappings(office) == ["Ош, 2024"]
    found = saved.apply_mapping(office, saved.load_mapping(office, "Ош, 2024"), table)
    assert found.columns == {
        1: "full_name",
        2: "birth_date",
        3: "category",
        4: "opened_on",
        5: "lawyer",
    }
    assert found.missing == ("Нет такой",)
    plan = plan_import(office, table, found.columns, found.values)
    assert plan.rows[0].outcome is Outcome.CREATE and plan.rows[0].case is not None
    assert plan.rows[0].case.lawyer_login == "lawyer"
    saved.save_mapping(office, "Ош, 2024", {"Вид": "category"}, {})  # replaced, not doubled
    assert saved.load_mapping(office, "Ош, 2024").columns == {"Вид": "category"}
    saved.delete_mapping(office, "Ош, 2024")
    with pytest.raises(NotFound):
        saved.load_mapping(office, "Ош, 2024")
    for bad in ("", "   ", "x" * 81, "tab\there"):
        with pytest.raises(ValidationError):
            saved.save_mapping(office, bad, {}, {})
    with pytest.raises(PermissionDenied):
        saved.list_mappings(as_user(office, "lawyer"))


def test_a_mapping_to_a_value_the_app_no_longer_has_rejects_the_row(office: Workspace) -> None:
    table, columns, values = mapped(office, FIRST)
    values["category"]["Бытовое насилие"] = "GONE.CODE"
    plan = plan_import(office, table, columns, values)
    assert plan.rows[0].outcome is Outcome.REJECT
    assert plan.rows[0].problems[0].message.startswith("{value} is mapped to a value")
