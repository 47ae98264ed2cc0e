"""The list models: paging from the services, server-side sort and filter, restricted cases
left out for a paralegal, nothing kept after clear(), and a live language switch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from helpers.make_vault import OTHER_PASSPHRASE
from helpers.records import person
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import CaseStatus, Region, Role
from legalaid.services import accounts, cases, demo_data, people
from legalaid.services.cases import CaseFilter, CaseInput, PartyInput
from legalaid.services.setup import META_DEMO
from legalaid.services.workspace import Workspace
from ui.models import ID_ROLE, RESTRICTED_ROLE, ROW_ROLE, CaseListModel, PeopleListModel

Models = CaseListModel | PeopleListModel
DISPLAY = Qt.ItemDataRole.DisplayRole
HORIZONTAL = Qt.Orientation.Horizontal


@pytest.fixture
def make_model() -> Iterator[Callable[..., Models]]:
    """Builds models and closes them at teardown (a model left registered as a language
    listener would be called by the next test's language switch)."""
    made: list[Models] = []

    def make(cls: type[Models], ws: Workspace, page_size: int = 100) -> Models:
        model = cls(ws, page_size=page_size)
        made.append(model)
        return model

    yield make
    for model in made:
        model.close()


def fill_demo(ws: Workspace, count: int) -> None:
    ws.vault.write_meta(META_DEMO, b"1")
    for _ in demo_data.fill(ws, count, seed=1):
        pass


def case_model(make: Callable[..., Models], ws: Workspace, page_size: int = 100) -> CaseListModel:
    model = make(CaseListModel, ws, page_size)
    assert isinstance(model, CaseListModel)
    return model


def ids(model: Models) -> list[int]:
    return [model.data(model.index(row, 0), ID_ROLE) for row in range(model.rowCount())]


def column(model: Models, col: int) -> list[str]:
    return [model.data(model.index(row, col), DISPLAY) for row in range(model.rowCount())]


def fetch_all(model: Models) -> None:
    while model.canFetchMore():
        model.fetchMore()


@pytest.fixture
def small(workspace: Workspace) -> Workspace:
    """Five cases with dated clients and one restricted case, for exact assertions."""
    base = dt.date(2025, 3, 1)
    for n, (surname, given, region) in enumerate(
        [
            ("Осмонов", "Бакыт", Region.OSH_CITY.value),
            ("Өмүрбекова", "Айгүл", Region.JALAL_ABAD.value),
            ("Жолдошбеков", "Нурлан", None),
            ("Ниязова", "Гүлнара", Region.BATKEN.value),
        ]
    ):
        client = person(
            workspace, surname, given, region=region, birth_date=dt.date(1980 + n, 5, 17)
        )
        cases.create_case(
            workspace,
            CaseInput(
                "FAM" if n % 2 else "LAB",
                opened_on=base + dt.timedelta(days=n),
                parties=(PartyInput(client.id),),
            ),
        )
    hidden = person(workspace, "Сыдыкова", "Жаңыл")
    cases.create_case(
        workspace,
        CaseInput(
            "GBV",
            opened_on=base + dt.timedelta(days=10),
            restricted=True,
            parties=(PartyInput(hidden.id),),
        ),
    )
    return workspace


@pytest.mark.parametrize("force_py", [False, True], ids=["cpp", "python"])
def test_models_pass_the_model_tester_through_every_change(
    qtmodeltester: ModelTester,
    make_model: Callable[..., Models],
    workspace: Workspace,
    force_py: bool,
) -> None:
    fill_demo(workspace, 120)
    model = case_model(make_model, workspace, page_size=50)
    qtmodeltester.check(model, force_py=force_py)
    model.fetchMore()
    model.sort(CaseListModel.NUMBER, Qt.SortOrder.AscendingOrder)
    model.set_filter(CaseFilter(status=CaseStatus.OPEN))
    i18n.set_language("ky")
    i18n.set_language("en")
    model.clear()
    model.reload()
    assert model.rowCount() > 0


@pytest.mark.parametrize("force_py", [False, True], ids=["cpp", "python"])
def test_people_model_passes_the_model_tester(
    qtmodeltester: ModelTester,
    make_model: Callable[..., Models],
    small: Workspace,
    force_py: bool,
) -> None:
    model = make_model(PeopleListModel, small, page_size=2)
    qtmodeltester.check(model, force_py=force_py)
    fetch_all(model)
    i18n.set_language("ru")
    i18n.set_language("en")
    model.clear()
    model.reload()
    assert model.rowCount() == 2


def test_case_pages_grow_by_page_size_until_the_service_total(
    qtbot: QtBot, make_model: Callable[..., Models], workspace: Workspace
) -> None:
    fill_demo(workspace, 2500)
    model = case_model(make_model, workspace, page_size=100)
    _rows, total = cases.list_cases(workspace, CaseFilter(), "opened", 0, 1)
    assert model.total() == total == 2500
    assert model.rowCount() == 100
    while model.canFetchMore():
        before = model.rowCount()
        with qtbot.waitSignal(model.rowsInserted) as inserted:
            model.fetchMore()
        assert inserted.args[1:] == [before, min(before + 100, total) - 1]
        assert model.rowCount() == min(before + 100, total)
    assert model.rowCount() == total
    every, _total = cases.list_cases(workspace, CaseFilter(), "opened", 0, total)
    assert ids(model) == [row.id for row in every]
    with qtbot.assertNotEmitted(model.rowsInserted):
        model.fetchMore()


def test_people_pages_follow_the_service(
    make_model: Callable[..., Models], workspace: Workspace
) -> None:
    fill_demo(workspace, 300)
    model = make_model(PeopleListModel, workspace, page_size=100)
    every, total = people.list_people(workspace, 0, 100_000)
    assert model.total() == total > 100 and model.rowCount() == 100
    model.fetchMore()
    assert model.rowCount() == 200
    fetch_all(model)
    assert ids(model) == [row.id for row in every]  # Kyrgyz alphabet order, as the service


def test_case_columns_show_labels_and_roles_give_id_row_and_restriction(
    make_model: Callable[..., Models], small: Workspace
) -> None:
    model = case_model(make_model, small)
    assert model.columnCount() == 6 and model.rowCount() == 5
    top = model.data(model.index(0, 0), ROW_ROLE)
    assert isinstance(top, cases.CaseRow) and top.restricted  # opened last
    assert model.data(model.index(0, CaseListModel.CATEGORY), DISPLAY) == "Gender-based violence"
    assert model.data(model.index(0, CaseListModel.CLIENT), DISPLAY) == "Сыдыкова Жаңыл"
    assert model.data(model.index(0, CaseListModel.STATUS), DISPLAY) == CaseStatus.INTAKE.label
    assert model.data(model.index(0, CaseListModel.OPENED), DISPLAY) == i18n.format_form_date(
        dt.date(2025, 3, 11)
    )
    assert "*" not in model.data(model.index(0, CaseListModel.NUMBER), DISPLAY)
    for col in range(model.columnCount()):  # the same answer from every cell of the row
        index = model.index(0, col)
        assert model.data(index, ID_ROLE) == model.data(index, Qt.ItemDataRole.UserRole) == top.id
        assert model.data(index, RESTRICTED_ROLE) is True
    assert model.data(model.index(1, 0), RESTRICTED_ROLE) is False
    assert model.headerData(CaseListModel.LAWYER, HORIZONTAL) == "Lawyer"


def test_people_columns(make_model: Callable[..., Models], small: Workspace) -> None:
    model = make_model(PeopleListModel, small)
    rows = {column(model, PeopleListModel.NAME)[r]: r for r in range(model.rowCount())}
    osmonov = rows["Осмонов Бакыт"]
    assert model.data(model.index(osmonov, PeopleListModel.REGION), DISPLAY) == (
        Region.OSH_CITY.label
    )
    assert model.data(model.index(osmonov, PeopleListModel.BORN), DISPLAY) == (
        i18n.format_form_date(dt.date(1980, 5, 17))
    )
    hidden = rows["Сыдыкова Жаңыл"]
    assert model.data(model.index(hidden, PeopleListModel.BORN), DISPLAY) == ""
    assert model.data(model.index(hidden, PeopleListModel.REGION), DISPLAY) == ""
    assert model.data(model.index(hidden, PeopleListModel.PIN), DISPLAY) == ""
    assert isinstance(model.data(model.index(hidden, 3), ROW_ROLE), people.PersonRow)


def test_sort_by_number_reloads_in_the_service_order(
    qtbot: QtBot, make_model: Callable[..., Models], workspace: Workspace
) -> None:
    fill_demo(workspace, 300)
    model = case_model(make_model, workspace, page_size=50)
    by_opened = ids(model)
    with qtbot.waitSignal(model.modelReset):
        model.sort(CaseListModel.NUMBER, Qt.SortOrder.AscendingOrder)
    by_number, total = cases.list_cases(workspace, CaseFilter(), "number", 0, 50)
    assert ids(model) == [row.id for row in by_number] != by_opened
    assert model.rowCount() == 50 and model.total() == total
    numbers = column(model, CaseListModel.NUMBER)
    assert numbers == sorted(numbers)
    with qtbot.assertNotEmitted(model.modelReset):
        model.sort(CaseListModel.CLIENT, Qt.SortOrder.AscendingOrder)  # not sortable
    assert model.sort_key() == "number"


def test_people_model_ignores_sort(
    qtbot: QtBot, make_model: Callable[..., Models], small: Workspace
) -> None:
    model = make_model(PeopleListModel, small)
    before = ids(model)
    with qtbot.assertNotEmitted(model.modelReset):
        model.sort(PeopleListModel.PIN, Qt.SortOrder.DescendingOrder)
    assert ids(model) == before


def test_filter_narrows_the_list(
    qtbot: QtBot, make_model: Callable[..., Models], workspace: Workspace
) -> None:
    fill_demo(workspace, 300)
    model = case_model(make_model, workspace)
    everything = model.total()
    with qtbot.waitSignal(model.modelReset):
        model.set_filter(CaseFilter(category="FAM"))
    _rows, family = cases.list_cases(workspace, CaseFilter(category="FAM"), "opened", 0, 1)
    assert 0 < model.total() == family < everything
    fetch_all(model)
    assert model.rowCount() == family
    assert {row.category for row in (model.row_at(r) for r in range(family)) if row} == {"FAM"}
    model.set_filter(CaseFilter())
    assert model.total() == everything


def test_clear_leaves_nothing_and_fetches_nothing(
    make_model: Callable[..., Models], small: Workspace
) -> None:
    for model in (case_model(make_model, small, 2), make_model(PeopleListModel, small, 2)):
        assert model.canFetchMore()
        model.clear()
        assert model.rowCount() == 0 and model.total() == 0 and not model.canFetchMore()
        assert model.data(model.index(0, 0), ROW_ROLE) is None
        model.reload()
        assert model.rowCount() == 2


def test_a_locked_vault_keeps_loaded_rows_and_reports(
    qtbot: QtBot, make_model: Callable[..., Models], small: Workspace
) -> None:
    model = case_model(make_model, small, page_size=2)
    assert model.error_message() == ""
    small.vault.lock()
    with qtbot.waitSignal(model.failed) as failed:
        model.fetchMore()
    assert failed.args == [model.error_message()]
    assert "locked" in model.error_message()
    assert model.rowCount() == 2 and not model.canFetchMore()  # no retry on every scroll
    model.clear()
    assert model.rowCount() == 0


def test_a_record_added_between_pages_is_not_shown_twice(
    make_model: Callable[..., Models], small: Workspace
) -> None:
    model = case_model(make_model, small, page_size=2)
    newest = cases.create_case(small, CaseInput("LAB", opened_on=dt.date(2025, 4, 1)))
    fetch_all(model)
    shown = ids(model)
    assert len(shown) == len(set(shown)) == 5 and newest.id not in shown
    model.reload()
    assert ids(model)[0] == newest.id


def test_language_switch_renames_headers_and_labels(
    qtbot: QtBot, make_model: Callable[..., Models], small: Workspace
) -> None:
    model = case_model(make_model, small)
    status = model.index(1, CaseListModel.STATUS)
    english_status = model.data(status, DISPLAY)
    assert model.headerData(CaseListModel.NUMBER, HORIZONTAL) == "Number"
    with (
        qtbot.waitSignal(model.headerDataChanged) as header,
        qtbot.waitSignal(model.dataChanged) as data,
    ):
        i18n.set_language("ky")
    assert header.args == [HORIZONTAL, 0, 5]
    assert (data.args[0].row(), data.args[0].column()) == (0, 0)
    assert (data.args[1].row(), data.args[1].column()) == (4, 5)
    assert model.headerData(CaseListModel.NUMBER, HORIZONTAL) not in ("Number", "")
    assert model.data(status, DISPLAY) != english_status
    with qtbot.waitSignal(model.headerDataChanged):
        i18n.set_language("en")
    assert model.headerData(CaseListModel.NUMBER, HORIZONTAL) == "Number"
    assert model.data(status, DISPLAY) == english_status


def test_a_closed_model_no_longer_follows_the_language(
    qtbot: QtBot, make_model: Callable[..., Models], small: Workspace
) -> None:
    model = make_model(PeopleListModel, small)
    model.close()
    with qtbot.assertNotEmitted(model.headerDataChanged):
        i18n.set_language("ru")


def test_a_paralegal_does_not_see_a_restricted_case(
    make_model: Callable[..., Models], small: Workspace
) -> None:
    info = accounts.add_account(small, "aidai", "Aidai Paralegal", Role.PARALEGAL, OTHER_PASSPHRASE)
    paralegal = Workspace(small.vault, info)
    every, _total = cases.list_cases(small, None, "opened", 0, 100)
    restricted = [row.id for row in every if row.restricted]
    assert len(restricted) == 1
    coordinator_view = case_model(make_model, small)
    paralegal_view = case_model(make_model, paralegal)
    assert restricted[0] in ids(coordinator_view)
    assert restricted[0] not in ids(paralegal_view)
    assert paralegal_view.total() == paralegal_view.rowCount() == 4
    names = column(make_model(PeopleListModel, paralegal), PeopleListModel.NAME)
    assert "Сыдыкова Жаңыл" not in names and len(names) == 4


def test_a_hundred_thousand_cases_are_never_loaded_at_once(
    qtbot: QtBot, make_model: Callable[..., Models], workspace: Workspace
) -> None:
    """Opening, scrolling and sorting 100,000 cases loads pages, and memory stays flat."""
    import tracemalloc

    fill_demo(workspace, 100_000)
    tracemalloc.start()
    try:
        model = case_model(make_model, workspace, page_size=100)
        assert model.total() == 100_000 and model.rowCount() == 100
        for page in range(2, 12):  # ten screens of scrolling
            model.fetchMore()
            assert model.rowCount() == page * 100
        _now, after_scrolling = tracemalloc.get_traced_memory()
        model.sort(CaseListModel.NUMBER, Qt.SortOrder.AscendingOrder)
        assert model.rowCount() == 100 and model.total() == 100_000
        model.set_filter(CaseFilter(status=CaseStatus.OPEN))
        assert model.rowCount() == min(100, model.total()) and model.total() < 100_000
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 1,100 rows of a few short strings each: a few MB at most, nowhere near 100,000 rows.
    assert after_scrolling < 8 * 1024 * 1024 and peak < 12 * 1024 * 1024
