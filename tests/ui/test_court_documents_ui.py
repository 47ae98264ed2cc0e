"""Court documents in a case's Court tab: a scan added on the Documents page is filed under
the chosen proceeding (and listed with the case's attachments), another proceeding shows its
own, the page's Alt letters do not clash with the deadlines' buttons beside it in any
language, and a colleague who may not change the case can read but not add."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.records import FEMALE, case_for, person
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import Role
from legalaid.services import attachments, courts, proceedings
from legalaid.services.proceedings import ProceedingInput
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.court_view import CourtView

SCAN = b"%PDF-1.4\n% the first-instance judgment\n"


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    add_staff(workspace, "other", Role.LAWYER, "purple goats in the attic", "Бакыт Өмүрбеков")
    return workspace


@pytest.fixture
def case_id(office: Workspace) -> int:
    client = person(office, "Асанова", "Жылдыз", gender=FEMALE)
    return case_for(office, client, "CRJ", assigned_lawyer="lawyer").id


def a_proceeding(ws: Workspace, case_id: int, number: str) -> int:
    court_id = next(c.id for c in courts.list_courts(ws) if c.code == "osh-city-court")
    return proceedings.add_proceeding(
        ws,
        case_id,
        ProceedingInput(
            court_id, "criminal", "accused", court_number=number, lawyer_login="lawyer"
        ),
    ).id


@pytest.fixture
def tab(qtbot: QtBot) -> Iterator[CourtView]:
    make_qt_application()
    view = CourtView()
    qtbot.addWidget(view)
    view.resize(1080, 600)
    view.show()
    yield view
    view.clear()


def test_a_scan_added_on_the_documents_page_is_filed_under_the_chosen_proceeding(
    qtbot: QtBot, tab: CourtView, office: Workspace, case_id: int, tmp_path: Path
) -> None:
    first = a_proceeding(office, case_id, "УД-1/26")
    appeal = a_proceeding(office, case_id, "УД-2/26")
    tab.show_case(office, case_id, first)
    tab.proceeding_tabs.setCurrentWidget(tab.documents)
    assert tab.proceeding_tabs.tabText(1) == "Documents"
    assert tab.documents.add_button.isVisible() and tab.documents.add_button.isEnabled()
    scan = tmp_path / "judgment.pdf"
    scan.write_bytes(SCAN)
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        tab.documents.add_files([scan])
    assert tab.proceeding_tabs.tabText(1) == "Documents (1)"
    assert tab.documents.model.rowCount() == 1
    shown = tab.documents.model.info_at(0)
    assert shown is not None and shown.file_name == "judgment.pdf"
    case_files = attachments.list_attachments(office, "case", case_id)
    assert [(a.file_name, a.proceeding_id) for a in case_files] == [("judgment.pdf", first)]

    tab.select_proceeding(appeal)  # the appeal has none of its own
    assert tab.documents.model.rowCount() == 0
    assert tab.proceeding_tabs.tabText(1) == "Documents"
    assert not tab.documents.empty.isHidden()
    tab.select_proceeding(first)
    assert tab.documents.model.rowCount() == 1


def _letters(widget: QWidget) -> list[str]:
    found = []
    for button in widget.findChildren(QAbstractButton):
        if button.isVisibleTo(widget) and "&" in button.text().replace("&&", ""):
            found.append(button.text().replace("&&", "").split("&")[1][0].lower())
    return found


@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_the_documents_page_and_the_deadlines_share_no_alt_letter(
    tab: CourtView, office: Workspace, case_id: int, language: str
) -> None:
    i18n.set_language(language)
    tab.show_case(office, case_id, a_proceeding(office, case_id, "УД-1/26"))
    tab.retranslate_ui()
    tab.documents.retranslate_ui()
    tab.proceeding_tabs.setCurrentWidget(tab.documents)
    letters = _letters(tab)
    assert len(letters) >= 12
    assert len(letters) == len(set(letters)), letters
    assert tab.documents.add_button.text() != "&Add documents…" or language == "en"


def test_a_colleague_who_may_not_change_the_case_reads_but_cannot_add(
    tab: CourtView, office: Workspace, case_id: int
) -> None:
    first = a_proceeding(office, case_id, "УД-1/26")
    attachments.add_attachment(office, "case", case_id, "judgment.pdf", SCAN, proceeding_id=first)
    tab.show_case(as_user(office, "other"), case_id, first)
    tab.proceeding_tabs.setCurrentWidget(tab.documents)
    assert tab.documents.model.rowCount() == 1
    assert tab.documents.add_button.isHidden() and tab.documents.delete_button.isHidden()


def test_a_case_attachment_is_filed_under_a_proceeding_from_the_attachments_tab(
    qtbot: QtBot, office: Workspace, case_id: int
) -> None:
    from ui.attachments_view import AttachmentsView  # noqa: PLC0415

    first = a_proceeding(office, case_id, "УД-1/26")
    attachments.add_attachment(office, "case", case_id, "decision.pdf", SCAN)
    view = AttachmentsView()
    qtbot.addWidget(view)
    view.show()
    view.show_owner(office, "case", case_id)
    view.select_row(0)
    assert view.file_button.isVisible() and view.file_button.isEnabled()
    view._fill_file_menu()  # what opening the button's menu does
    labels = [a.text() for a in view.file_menu.actions()]
    assert "Not a court document" in labels and any("УД-1/26" in t for t in labels)
    with qtbot.waitSignal(view.changed):
        view.file_under(first)
    filed = attachments.list_attachments(office, "case", case_id, first)
    assert [a.file_name for a in filed] == ["decision.pdf"]
    view.select_row(0)
    view.file_under(None)
    assert attachments.list_attachments(office, "case", case_id, first) == []
