"""The Dashboard's court lists: counts on the buttons, the list shown, a row opening its
case, custody alerts first when there are any, and the texts in the current language."""

from __future__ import annotations

import datetime as dt

from helpers.make_vault import add_staff, as_user
from helpers.records import FEMALE, case_for, person
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import Role
from legalaid.services import courts, deadlines, proceedings
from legalaid.services.proceedings import CustodyInput, HearingInput, ProceedingInput
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.court_panel import CourtPanel


def test_the_court_lists_count_show_and_open(qtbot: QtBot, workspace: Workspace) -> None:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills")
    client = person(workspace, "Асанова", "Жылдыз", gender=FEMALE)
    case_id = case_for(workspace, client, "CRJ", assigned_lawyer="lawyer").id
    court_id = next(c.id for c in courts.list_courts(workspace) if c.code == "osh-city-court")
    pid = proceedings.add_proceeding(
        workspace,
        case_id,
        ProceedingInput(
            court_id, "criminal", "accused", lawyer_login="lawyer", court_number="УД-9"
        ),
    ).id
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    proceedings.add_hearing(
        workspace, pid, HearingInput(dt.datetime.combine(tomorrow, dt.time(10)))
    )
    deadlines.add_manual_deadline(workspace, case_id, "Подать жалобу", dt.date(2026, 1, 5))
    proceedings.set_custody(
        workspace,
        case_id,
        CustodyInput(detained_at=dt.datetime.now() - dt.timedelta(hours=50), proceeding_id=pid),
    )
    make_qt_application()
    panel = CourtPanel(as_user(workspace, "lawyer"))
    qtbot.addWidget(panel)
    panel.refresh()
    assert panel.current_list() == "custody"  # the most urgent list with something in it
    assert "(1)" in panel.buttons["custody"].text() and "(1)" in panel.buttons["missed"].text()
    assert "(1)" in panel.buttons["week"].text() and "(0)" in panel.buttons["today"].text()
    assert panel.model.rowCount() == 1 and "48" in panel.model.index(0, 2).data()
    panel.buttons["week"].click()
    assert panel.model.index(0, 1).data() and panel.model.rowCount() == 1
    with qtbot.waitSignal(panel.open_case) as opened:
        panel.view.activated.emit(panel.model.index(0, 0))
    assert opened.args == [case_id, pid]
    english = panel.buttons["missed"].text()
    i18n.set_language("ru")
    panel.retranslate_ui()
    assert panel.buttons["missed"].text() != english and "(1)" in panel.buttons["missed"].text()
    panel.clear()
    assert panel.model.rowCount() == 0
