"""The whole importer under Hypothesis: registers of known headers filled with plausible
and arbitrary cells (dates that are not, names with digits and formulas, PINs of any length,
districts of another oblast, control characters...), as CSV and as XLSX. Reading gives a
table or a clear refusal; the dry run never raises; writing never fails on a row the dry
run accepted, and adds exactly what it says it created; a refusal adds nothing."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select

from legalaid.domain.cases import Case
from legalaid.domain.people import Person
from legalaid.services.imports.apply import apply_import
from legalaid.services.imports.mapping import suggest_columns
from legalaid.services.imports.plan import Outcome, plan_import
from legalaid.services.imports.sources import ImportRefused, read_table
from legalaid.services.imports.vault_names import value_suggestions
from legalaid.services.workspace import Workspace

HEADERS = {
    "ФИО": st.sampled_from(
        ["Асанова Жылдыз", "Toktogulov Erlan", "Бакирова", "=1+1 Иванов", "Ли Ын", "О'Нил Мария"]
    ),
    "Д.р.": st.sampled_from(["12.03.1990", "31.02.1990", "1990-03-12", "03/12/90", "вчера", ""]),
    "ПИН": st.sampled_from(["", "21203199000123", "11203199000123", "123", "2120319900012x"]),
    "Пол": st.sampled_from(["ж", "м", "?", ""]),
    "Телефон": st.sampled_from(["", "+996 555 123 456", "555", "нет"]),
    "Район": st.sampled_from(["Алайский район", "Ноокат р-н", "Чуйская", "Бишкек", ""]),
    "Область": st.sampled_from(["", "Ошская область", "Чуйская область", "Баткенская"]),
    "Категория": st.sampled_from(["Бытовое насилие", "Пенсия", "Космос", "", "+SUM(A1)"]),
    "Дата обращения": st.sampled_from(["05.02.2024", "31.13.2024", "01.01.2099", "", "45000"]),
    "Дата закрытия": st.sampled_from(["", "01.03.2024", "01.01.2020"]),
    "Статус": st.sampled_from(["", "Закрыто", "В работе", "на луне"]),
    "№ дела": st.sampled_from(["", "А-1", "А-2", "x" * 70]),
}
free_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20
)


@st.composite
def registers(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    header = draw(st.lists(st.sampled_from(sorted(HEADERS)), min_size=1, max_size=8, unique=True))
    rows = draw(
        st.lists(
            st.tuples(*[st.one_of(HEADERS[h], free_text) for h in header]).map(list),
            min_size=1,
            max_size=6,
        )
    )
    return header, rows


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    lines = [";".join(cell(c) for c in line) for line in [header, *rows]]
    return "\r\n".join(lines).encode("utf-8")


def _xlsx(header: list[str], rows: list[list[str]]) -> bytes:
    book = Workbook()
    for line in [header, *rows]:
        book.active.append(["".join(ch for ch in c if ch >= " " or ch in "\t\n") for c in line])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _counts(ws: Workspace) -> tuple[int, int]:
    with ws.reader() as session:
        return (
            int(session.scalar(select(func.count(Person.id))) or 0),
            int(session.scalar(select(func.count(Case.id))) or 0),
        )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(register=registers(), kind=st.sampled_from(["csv", "xlsx"]))
def test_any_register_is_refused_or_imported_whole(
    workspace: Workspace, tmp_path: Path, register: tuple[list[str], list[list[str]]], kind: str
) -> None:
    header, rows = register
    path = tmp_path / f"register.{kind}"
    path.write_bytes(_csv(header, rows) if kind == "csv" else _xlsx(header, rows))
    before = _counts(workspace)
    try:
        table = read_table(path)
    except ImportRefused as refusal:
        assert str(refusal)  # a refusal says why
        assert _counts(workspace) == before
        return
    columns = suggest_columns(table.header)
    values = value_suggestions(table, columns, workspace)
    plan = plan_import(workspace, table, columns, values)  # never raises
    assert len(plan.rows) == len(table.rows)
    assert all(row.problems for row in plan.rows if row.outcome is Outcome.REJECT)
    result = apply_import(workspace, table, columns, values)  # never fails on a planned row
    people, cases = _counts(workspace)
    new_cases = [r for r in result.plan.rows if r.outcome is Outcome.CREATE and r.case]
    assert cases - before[1] == result.cases_created == len(new_cases)
    assert people - before[0] == result.people_created
