"""Writing an import (services/imports/apply.py): the rows to create are written in one
transaction and audited as one import with the file's SHA-256; importing the same sheet
again adds nothing; a failure on a row leaves nothing written; a batch is undone while
nothing it made was touched, and refused once something was."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from legalaid.domain.audit import AuditEvent
from legalaid.domain.cases import Case
from legalaid.domain.people import Person
from legalaid.errors import Conflict, NotFound
from legalaid.services import cases
from legalaid.services.imports import apply, undo
from legalaid.services.imports.mapping import suggest_columns
from legalaid.services.imports.sources import read_csv
from legalaid.services.imports.vault_names import value_suggestions
from legalaid.services.workspace import Workspace

REGISTER = """№;ФИО;Д.р.;Пол;Район;Категория;Дата обращения;Статус;Дата закрытия
1;Асанова Жылдыз;12.03.1990;ж;Алайский район;Бытовое насилие;05.02.2024;в работе;
2;Токтогулов Эрлан;01.04.1985;м;Ноокат р-н;Трудовые споры;06.02.2024;Закрыто;01.03.2024
3;Toktogulov Erlan;01.04.1985;м;Ноокат р-н;Пенсия;07.02.2024;;
4;Сыдыкова Гүлнара;31.02.2024;ж;;Семейные дела;08.02.2024;;
"""


def imported(ws: Workspace, text: str = REGISTER) -> apply.ImportResult:
    table = read_csv(text.encode())
    columns = suggest_columns(table.header)
    return apply.apply_import(ws, table, columns, value_suggestions(table, columns))


def counts(ws: Workspace) -> tuple[int, int]:
    with ws.reader() as session:
        return (
            int(session.scalar(select(func.count(Person.id))) or 0),
            int(session.scalar(select(func.count(Case.id))) or 0),
        )


def test_an_import_writes_its_rows_once_and_is_audited(workspace: Workspace) -> None:
    result = imported(workspace)
    assert (result.cases_created, result.people_created) == (3, 2)  # Erlan twice, one person
    assert counts(workspace) == (2, 3)
    listed, _total = cases.list_cases(workspace)
    statuses = sorted(row.status.value for row in listed)
    assert statuses == ["closed", "intake", "open"]
    with workspace.reader() as session:
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "import"))
    assert event is not None
    detail = json.loads(event.detail)
    assert detail["sha256"] and (detail["cases"], detail["rejected"]) == (3, 1)
    again = imported(workspace)  # the same sheet: everything is there already
    assert again.cases_created == 0 and counts(workspace) == (2, 3)


def test_a_failure_on_a_row_leaves_nothing_written(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = {"count": 0}
    real = cases.new_case

    def failing(*args: object, **kwargs: object) -> Case:
        made["count"] += 1
        if made["count"] == 3:
            raise OSError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cases, "new_case", failing)
    with pytest.raises(OSError):
        imported(workspace)
    assert counts(workspace) == (0, 0)


def test_undo_while_untouched_and_refused_once_touched(workspace: Workspace) -> None:
    first = imported(workspace)
    undo.undo_import(workspace, first.batch_id)
    assert counts(workspace) == (0, 0)
    with pytest.raises(NotFound):
        undo.undo_import(workspace, first.batch_id)  # once only
    second = imported(workspace)
    assert counts(workspace) == (2, 3)
    case_id = cases.list_cases(workspace)[0][0].id
    cases.update_case(workspace, case_id, summary="Called the client back.")
    with pytest.raises(Conflict):
        undo.undo_import(workspace, second.batch_id)
    assert counts(workspace) == (2, 3)
