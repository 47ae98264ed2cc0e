"""The checklist editor: a coordinator rewords an item, changes its concern answers, retires
one and adds one, and saves the next version, which new observations take while an old one
keeps its version; a refusal (an item without its Kyrgyz text) is said and the edits stay;
only coordinators have the editor."""

from __future__ import annotations

import pytest
from helpers.make_vault import add_staff, as_user
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from legalaid.domain.enums import Role
from legalaid.services import checklist_templates, observations
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.checklist_editor import CODE_ROLE
from ui.monitoring_page import MonitoringPage


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> MonitoringPage:
    add_staff(workspace, "monitor", Role.MONITOR, "quiet hall watching the bench")
    make_qt_application()
    shown = MonitoringPage(workspace)
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    shown.show()
    return shown


def tree_item(page: MonitoringPage, code: str) -> QTreeWidgetItem:
    tree = page.editor.tree
    for top in range(tree.topLevelItemCount()):
        section = tree.topLevelItem(top)
        for index in range(section.childCount()):
            if section.child(index).data(0, CODE_ROLE) == code:
                return section.child(index)
    raise AssertionError(code)


def test_a_coordinator_saves_the_next_version(page: MonitoringPage, workspace: Workspace) -> None:
    monitor = as_user(workspace, "monitor")
    old = observations.start_observation(monitor)  # version 1 is in use from now on
    page.checklists_button.click()
    editor = page.editor
    assert page.stack.currentIndex() == page.CHECKLISTS and editor.base_id == old.template_id
    editor.tree.setCurrentItem(tree_item(page, "A2"))
    editor.texts["en"].setText("Did the list name the articles charged?")
    editor.texts["en"].textEdited.emit("Did the list name the articles charged?")
    editor.concerns["not_observed"].setChecked(True)
    editor.tree.setCurrentItem(tree_item(page, "A1"))
    editor.retired.setChecked(True)
    editor.kind.setCurrentIndex(editor.kind.findData("yn4"))
    editor.add_button.click()
    assert editor.current is not None and editor.current["code"] == "A12"
    editor.save()  # the new item has no text yet
    assert not editor.message.isHidden() and "A12" in editor.message.text()
    assert editor.current["code"] == "A12"  # nothing typed was lost
    for language, text in (("ky", "Жаңы суроо?"), ("ru", "Новый вопрос?"), ("en", "A new one?")):
        editor.texts[language].setText(text)
        editor.texts[language].textEdited.emit(text)
    editor.save()
    assert editor.message.isHidden() and "2" in editor.notice.text()
    versions = checklist_templates.list_templates(workspace)
    assert [v.version for v in versions] == [1, 2]
    made = checklist_templates.get_template(workspace, versions[-1].id)
    assert made.item("A1").retired and made.item("A12").text.ky == "Жаңы суроо?"
    assert made.item("A2").text.en == "Did the list name the articles charged?"
    assert "not_observed" in made.item("A2").concern
    new = observations.start_observation(monitor)
    assert new.template_id == versions[-1].id and old.template_id == versions[0].id


def test_only_coordinators_have_the_editor(qtbot: QtBot, workspace: Workspace) -> None:
    add_staff(workspace, "monitor", Role.MONITOR, "quiet hall watching the bench")
    make_qt_application()
    mine = MonitoringPage(as_user(workspace, "monitor"))
    qtbot.addWidget(mine)
    assert mine.checklists_button.isHidden()
