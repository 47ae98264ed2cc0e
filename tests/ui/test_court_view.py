"""A case's Court tab: a proceeding added through its form (keyboard), a refusal at the field
that keeps the input, hearings added and their results recorded (adjourned with a reason and
the next date, a decision that counts the appeal deadline), deadlines counted, typed and
closed, a detention past 48 hours without a decision warned about, the next instance, what a
colleague who may not change the case sees, and clear() at a lock."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from helpers.make_vault import add_staff, as_user
from helpers.qt_input import type_text
from helpers.records import FEMALE, case_for, person
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import DeadlineState, HearingResult, Instance, ProceedingStatus, Role
from legalaid.services import courts, deadlines, proceedings
from legalaid.services.proceedings import CustodyInput, HearingInput, ProceedingInput
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.court_dialogs import (
    DeadlineDialog,
    HearingDialog,
    HearingResultDialog,
    NextInstanceDialog,
    ProceedingDialog,
    parse_typed_time,
)
from ui.court_view import CourtView

TODAY = dt.date.today


def court(ws: Workspace, code: str) -> int:
    return next(c.id for c in courts.list_courts(ws) if c.code == code)


def typed_date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    add_staff(workspace, "lawyer", Role.LAWYER, "orange kites over the hills", "Нурбек Жээнбеков")
    return workspace


@pytest.fixture
def case_id(office: Workspace) -> int:
    client = person(office, "Асанова", "Жылдыз", gender=FEMALE)
    return case_for(office, client, "CRJ", assigned_lawyer="lawyer").id


@pytest.fixture
def tab(qtbot: QtBot, office: Workspace, case_id: int) -> Iterator[CourtView]:
    make_qt_application()
    view = CourtView()
    qtbot.addWidget(view)
    view.resize(1080, 600)
    view.show()
    view.show_case(office, case_id)
    yield view
    view.clear()


def criminal(ws: Workspace, case_id: int, **fields: object) -> int:
    values: dict[str, object] = {
        "court_id": court(ws, "osh-city-court"),
        "kind": "criminal",
        "client_role": "accused",
        "court_number": "УД-1234/26",
        "charges": "CC 122(2)",
        "lawyer_login": "lawyer",
        **fields,
    }
    return proceedings.add_proceeding(ws, case_id, ProceedingInput(**values)).id  # type: ignore[arg-type]


def with_a_hearing(tab: CourtView, office: Workspace, case_id: int, days_ago: int = 3) -> int:
    pid = criminal(office, case_id)
    day = TODAY() - dt.timedelta(days=days_ago)
    proceedings.add_hearing(
        office, pid, HearingInput(dt.datetime.combine(day, dt.time(10)), courtroom="Зал 5")
    )
    tab.show_case(office, case_id, pid)
    return pid


def test_typed_times_are_read_forgivingly() -> None:
    assert parse_typed_time("14:30") == dt.time(14, 30)
    assert parse_typed_time(" 9.05 ") == dt.time(9, 5)
    assert parse_typed_time("1430") == dt.time(14, 30)
    assert parse_typed_time("14") == dt.time(14)
    assert parse_typed_time("25:00") is None
    assert parse_typed_time("noon") is None


def test_a_proceeding_is_added_through_its_form_with_the_keyboard(
    qtbot: QtBot, tab: CourtView, office: Workspace, case_id: int
) -> None:
    assert tab.tab_title() == "Court"
    assert not tab.add_button.isHidden() and tab.edit_button.isHidden() is False
    dialog = tab.new_proceeding()
    assert isinstance(dialog, ProceedingDialog) and dialog.isVisible()
    dialog.court.filter.setFocus()
    type_text(dialog.court.filter, "ошский гор")  # any part of any name, any script
    assert dialog.court.court_id() == court(office, "osh-city-court")
    qtbot.keyClick(dialog.court.filter, Qt.Key.Key_Down)  # moves in the list; comes back
    qtbot.keyClick(dialog.court.filter, Qt.Key.Key_Up)
    assert dialog.court.court_id() == court(office, "osh-city-court")
    type_text(dialog.court_number, "УД-55/26")
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # past "— choose —": criminal
    qtbot.keyClick(dialog.client_role, Qt.Key.Key_Down)  # suspect or accused
    dialog.lawyer.setCurrentIndex(dialog.lawyer.findData("lawyer"))
    type_text(dialog.charges, "CC 122(2)")
    qtbot.keyClick(dialog.court_number, Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible()
    [stored] = proceedings.case_proceedings(office, case_id)
    assert stored.court_number == "УД-55/26" and stored.kind.value == "criminal"
    assert stored.client_role.value == "accused" and stored.lawyer_login == "lawyer"
    assert tab.model.rowCount() == 1 and tab.info is not None and tab.info.id == stored.id
    assert tab.tab_title() == "Court (1)"
    assert "CC 122(2)" in tab.detail.text()
    assert not tab.add_hearing_button.isHidden() and tab.add_hearing_button.isEnabled()


def test_our_lawyer_missing_is_refused_at_the_field_and_the_input_stays(
    tab: CourtView, office: Workspace
) -> None:
    dialog = tab.new_proceeding()
    assert dialog is not None
    dialog.court.set_court(court(office, "osh-oblast-court"))
    type_text(dialog.court_number, "А-77/26")
    dialog.kind.setCurrentIndex(dialog.kind.findData("civil"))
    dialog.client_role.setCurrentIndex(dialog.client_role.findData("plaintiff"))
    type_text(dialog.judges, "Токтосунова А.")
    dialog.lawyer.setCurrentIndex(0)  # nobody, while "our lawyer" represents the client
    assert dialog.lawyer.currentText().startswith("— choose")
    dialog.save()
    assert dialog.isVisible()
    error = dialog.rows.errors["lawyer_login"]
    assert not error.isHidden() and "lawyer" in error.text()
    assert dialog.court_number.text() == "А-77/26" and dialog.judges.text() == "Токтосунова А."
    assert dialog.court.court_id() == court(office, "osh-oblast-court")
    dialog.kind.setCurrentIndex(0)  # and a kind not chosen is refused at its own field
    dialog.lawyer.setCurrentIndex(dialog.lawyer.findData("lawyer"))
    dialog.save()
    assert (
        not dialog.rows.errors["kind"].isHidden() and dialog.rows.errors["lawyer_login"].isHidden()
    )
    assert tab.model.rowCount() == 0


def test_a_hearing_is_added_then_adjourned_with_a_reason_and_the_next_date(
    tab: CourtView, office: Workspace, case_id: int
) -> None:
    pid = criminal(office, case_id)
    tab.show_case(office, case_id, pid)
    dialog = tab.new_hearing()
    assert isinstance(dialog, HearingDialog)
    day = TODAY() - dt.timedelta(days=2)
    type_text(dialog.starts_at.date_part, f"{typed_date(day)} 10.30")  # the time split off
    dialog.starts_at.date_part.editingFinished.emit()
    assert dialog.starts_at.time_part.text() == "10:30"
    dialog.courtroom.clear()
    type_text(dialog.courtroom, "Зал 5")
    dialog.save()
    assert not dialog.isVisible()
    assert tab.hearing_model.rowCount() == 1
    assert tab.hearing_model.index(0, 3).data() == "not recorded yet"  # past, no result

    recorder = tab.record_result()
    assert isinstance(recorder, HearingResultDialog)
    recorder.result_box.setCurrentIndex(recorder.result_box.findData("adjourned"))
    assert not recorder.rows.labels["adjourned_reason"].isHidden()
    type_text(recorder.notes, "The judge asked for the expert report.")
    type_text(recorder.attended, "judge, prosecutor")
    following = TODAY() + dt.timedelta(days=12)
    type_text(recorder.next_starts_at.date_part, typed_date(following))
    recorder.save()  # no reason: refused at the field, everything typed stays
    assert recorder.isVisible()
    assert not recorder.rows.errors["adjourned_reason"].isHidden()
    assert recorder.notes.toPlainText() == "The judge asked for the expert report."
    assert recorder.next_starts_at.date_part.text() == typed_date(following)
    type_text(recorder.adjourned_reason, "The prosecutor did not come.")
    recorder.save()
    assert not recorder.isVisible()
    rows = [tab.hearing_model.hearing_at(i) for i in range(tab.hearing_model.rowCount())]
    assert len(rows) == 2 and rows[0] is not None and rows[1] is not None
    assert rows[0].result is HearingResult.ADJOURNED
    assert rows[1].courtroom == "Зал 5" and rows[1].result is None
    assert rows[1].starts_at.astimezone().date() == following
    assert rows[1].starts_at.astimezone().strftime("%H:%M") == "10:30"  # this one's time
    assert not tab.notice.isHidden() and "next hearing" in tab.notice.text()


def test_a_decision_announced_counts_the_appeal_deadline_which_is_marked_done(
    tab: CourtView, office: Workspace, case_id: int
) -> None:
    with_a_hearing(tab, office, case_id)
    recorder = tab.record_result()
    assert recorder is not None
    recorder.result_box.setCurrentIndex(recorder.result_box.findData("decision_announced"))
    assert not recorder.rows.labels["decision_on"].isHidden()
    assert recorder.rows.labels["adjourned_reason"].isHidden()
    recorder.save()
    assert not recorder.isVisible()
    assert "1 deadline was counted" in tab.notice.text()
    assert tab.deadline_model.rowCount() == 1
    row = tab.deadline_model.deadline_at(0)
    assert row is not None and row.rule_code == "criminal_appeal"
    title = tab.deadline_model.index(0, tab.deadline_model.TITLE).data()
    assert title == "Appeal against a criminal judgment (to be confirmed)"
    assert tab.info is not None and tab.info.status is ProceedingStatus.DECIDED

    tab.deadlines.selectRow(0)
    assert tab.close_buttons[DeadlineState.DONE].isEnabled()
    tab.close_buttons[DeadlineState.DONE].click()
    [stored] = deadlines.case_deadlines(office, case_id)
    assert stored.state is DeadlineState.DONE
    assert tab.deadline_model.index(0, tab.deadline_model.STATE).data() == "Done"
    assert not tab.close_buttons[DeadlineState.DONE].isEnabled()  # done already


def test_deadlines_counted_by_a_rule_and_typed_by_hand(
    tab: CourtView, office: Workspace, case_id: int
) -> None:
    with_a_hearing(tab, office, case_id)
    dialog = tab.count_deadline()
    assert isinstance(dialog, DeadlineDialog)
    codes = [dialog.rule.itemData(i) for i in range(dialog.rule.count())]
    assert "criminal_appeal" in codes and "civil_appeal" not in codes  # criminal rules only
    dialog.rule.setCurrentIndex(codes.index("detention_48h"))
    type_text(dialog.event_at.date_part, typed_date(TODAY()))
    dialog.save()  # a limit in hours needs the time
    assert dialog.isVisible() and not dialog.rows.errors["event_at"].isHidden()
    type_text(dialog.event_at.time_part, "0815")
    assert "Due by" in dialog.due_preview.text()
    dialog.save()
    assert not dialog.isVisible()
    assert tab.deadline_model.rowCount() == 1
    row = tab.deadline_model.deadline_at(0)
    assert row is not None and row.rule_code == "detention_48h"
    due = tab.deadline_model.index(0, tab.deadline_model.DUE).data()
    assert due.endswith("08:15")  # counted in hours: the hour is shown

    manual = tab.add_deadline()
    assert isinstance(manual, DeadlineDialog)
    type_text(manual.due_on, "05.01.2026")
    manual.save()  # no title: refused at the field
    assert manual.isVisible() and not manual.rows.errors["title"].isHidden()
    assert manual.due_on.text() == "05.01.2026"
    type_text(manual.title, "File the objection")
    manual.save()
    assert not manual.isVisible() and tab.deadline_model.rowCount() == 2
    overdue = tab.deadline_model.deadline_at(0)  # due first: 5 January 2026 has passed
    assert overdue is not None and overdue.title == "File the objection" and overdue.overdue()
    state = tab.deadline_model.index(0, tab.deadline_model.STATE).data()
    assert state == "Overdue"
    assert tab.deadline_model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_a_detention_of_50_hours_without_a_decision_is_warned_about(
    tab: CourtView, office: Workspace, case_id: int
) -> None:
    assert tab.custody_text.text() == "No detention recorded."
    assert tab.custody_button.isHidden() and not tab.detention_button.isHidden()
    dialog = tab.record_detention()
    assert dialog is not None
    detained = dt.datetime.now() - dt.timedelta(hours=50)
    type_text(dialog.detained_at.date_part, typed_date(detained.date()))
    dialog.save()  # the time is needed: the 48 hours count from it
    assert dialog.isVisible() and not dialog.rows.errors["detained_at"].isHidden()
    type_text(dialog.detained_at.time_part, detained.strftime("%H:%M"))
    type_text(dialog.place, "ИВС УВД г. Ош")
    dialog.save()
    assert not dialog.isVisible()
    assert "ИВС УВД г. Ош" in tab.custody_text.text()
    assert not tab.custody_warnings.isHidden()
    assert "More than 48 hours" in tab.custody_warnings.text()
    assert not tab.custody_button.isHidden()

    change = tab.change_custody()
    assert change is not None
    assert change.place.text() == "ИВС УВД г. Ош"
    decided = detained + dt.timedelta(hours=30)
    type_text(change.decision_at.date_part, f"{typed_date(decided.date())} {decided:%H:%M}")
    change.save()
    assert not change.isVisible()
    assert tab.custody_warnings.isHidden()
    assert "court decision" in tab.custody_text.text()


def test_a_custody_refusal_keeps_the_input(tab: CourtView) -> None:
    dialog = tab.record_detention()
    assert dialog is not None
    tomorrow = TODAY() + dt.timedelta(days=1)
    type_text(dialog.detained_at.date_part, typed_date(tomorrow))
    type_text(dialog.detained_at.time_part, "09:00")
    type_text(dialog.place, "СИЗО-5")
    dialog.save()
    assert dialog.isVisible() and not dialog.rows.errors["detained_at"].isHidden()
    assert dialog.place.text() == "СИЗО-5"
    assert dialog.detained_at.texts() == (typed_date(tomorrow), "09:00")


def test_the_next_instance_makes_an_appeal_proceeding(
    tab: CourtView, office: Workspace, case_id: int
) -> None:
    first = criminal(office, case_id)
    tab.show_case(office, case_id, first)
    dialog = tab.next_instance()
    assert isinstance(dialog, NextInstanceDialog)
    assert dialog.court.court_id() == court(office, "osh-oblast-court")  # offered
    assert "appeal" in dialog.windowTitle()
    type_text(dialog.court_number, "А-77/26")
    dialog.save()
    assert not dialog.isVisible()
    assert tab.model.rowCount() == 2
    assert tab.info is not None and tab.info.instance is Instance.APPEAL
    assert tab.info.previous_id == first and tab.info.court_number == "А-77/26"
    earlier = tab.model.proceeding_at(0)
    assert earlier is not None and earlier.status is ProceedingStatus.DECIDED
    assert tab.tab_title() == "Court (2)"


def test_a_lawyer_who_may_not_change_a_colleagues_case_sees_no_buttons(
    tab: CourtView, office: Workspace, case_id: int
) -> None:
    criminal(office, case_id)
    deadlines.add_manual_deadline(office, case_id, "Bring the certificate", TODAY())
    add_staff(office, "other", Role.LAWYER, "purple goats in the attic", "Бакыт Өмүрбеков")
    colleague = as_user(office, "other")
    tab.show_case(colleague, case_id)
    assert tab.model.rowCount() == 1 and tab.deadline_model.rowCount() == 1  # may read
    for button in (
        tab.add_button,
        tab.edit_button,
        tab.next_button,
        tab.add_hearing_button,
        tab.count_button,
        tab.manual_button,
        tab.detention_button,
        *tab.close_buttons.values(),
    ):
        assert button.isHidden()
    assert tab.new_proceeding() is None and tab.record_detention() is None
    tab.deadlines.selectRow(0)
    tab.close_deadline(DeadlineState.DONE)  # were it offered: the service refuses, in the tab
    assert not tab.message.isHidden() and "assigned lawyer" in tab.message.text()
    assert deadlines.case_deadlines(office, case_id)[0].state is DeadlineState.OPEN

    add_staff(office, "para", Role.PARALEGAL, "blue rivers in the valley")
    tab.show_case(as_user(office, "para"), case_id)  # paralegals change any case they see
    assert not tab.add_button.isHidden()


def test_a_custody_record_made_elsewhere_and_clear_at_a_lock(
    tab: CourtView, office: Workspace, case_id: int
) -> None:
    with_a_hearing(tab, office, case_id)
    proceedings.set_custody(
        office,
        case_id,
        CustodyInput(
            detained_at=dt.datetime.now() - dt.timedelta(days=20),
            decision_at=dt.datetime.now() - dt.timedelta(days=19),
            custody_until=TODAY() + dt.timedelta(days=2),
        ),
    )
    tab.show_case(office, case_id)
    assert "custody term ends soon" in tab.custody_warnings.text()
    dialog = tab.record_result()
    assert dialog is not None and dialog.isVisible()
    tab.clear()
    assert not dialog.isVisible() and tab.dialog is None
    assert tab.model.rowCount() == tab.hearing_model.rowCount() == 0
    assert tab.deadline_model.rowCount() == 0
    assert tab.custody_text.text() == "No detention recorded."
    assert tab.custody_warnings.isHidden() and tab.add_button.isHidden()
    assert tab.tab_title() == "Court" and tab.ws is None and tab.case_id is None


def test_the_tab_follows_the_language(tab: CourtView, office: Workspace, case_id: int) -> None:
    with_a_hearing(tab, office, case_id)
    i18n.set_language("ru")
    tab.retranslate_ui()
    QApplication.processEvents()
    assert tab.model.headerData(0, Qt.Orientation.Horizontal) == "Суд"
    assert tab.edit_button.text() == "Изм&енить…"
    assert tab.model.index(0, tab.model.LAWYER).data() == "Нурбек Жээнбеков"


MNEMONIC = re.compile(r"&([^&\s])")


def _mnemonics(widget: QWidget) -> list[str]:
    """The underlined letters of the labels (with a buddy) and buttons shown."""
    texts = []
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        if (isinstance(child, QLabel) and child.buddy() is not None) or isinstance(
            child, QAbstractButton
        ):
            texts.append(child.text())  # type: ignore[attr-defined]
    return [m.group(1).lower() for t in texts if (m := MNEMONIC.search(t.replace("&&", "")))]


@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_each_form_and_the_tab_have_unique_mnemonics(
    tab: CourtView, office: Workspace, case_id: int, language: str
) -> None:
    i18n.set_language(language)
    with_a_hearing(tab, office, case_id)
    tab.retranslate_ui()
    detained = dt.datetime.now() - dt.timedelta(hours=5)
    proceedings.set_custody(office, case_id, CustodyInput(detained_at=detained))
    tab.reload()
    tab_letters = _mnemonics(tab)  # before any form opens (they are the tab's children)
    assert len(tab_letters) == len(set(tab_letters)) and len(tab_letters) >= 10
    menu = [i18n._(m) for m in ("&File", "&Records", "&Edit", "&Language", "&Help")]
    assert not set(tab_letters) & {m.split("&")[1][0].lower() for m in menu}  # the menu bar
    assert tab.record_detention() is not None
    forms = {"tab": tab}
    for name, opener in (
        ("proceeding", tab.edit_proceeding),
        ("next instance", tab.next_instance),
        ("hearing", tab.new_hearing),
        ("result", tab.record_result),
        ("rule deadline", tab.count_deadline),
        ("manual deadline", tab.add_deadline),
        ("custody", tab.change_custody),
    ):
        form = opener()
        assert form is not None, name
        if name == "result":
            assert isinstance(form, HearingResultDialog)  # every row shown at some point
            form.result_box.setCurrentIndex(form.result_box.findData("adjourned"))
            form.rows.layout.setRowVisible(form.rows.labels["decision_on"], True)
        forms[name] = form
        letters = _mnemonics(form)
        assert len(letters) == len(set(letters)), (name, letters)
        assert len(letters) >= 2, name


def test_a_form_follows_a_language_change_and_names_its_parts(
    tab: CourtView, office: Workspace, case_id: int
) -> None:
    with_a_hearing(tab, office, case_id)
    form = tab.record_result()
    assert isinstance(form, HearingResultDialog)
    assert form.next_starts_at.time_part.accessibleName() == "Next hearing: time"
    assert form.next_starts_at.date_part.accessibleName() == "Next hearing"
    i18n.set_language("ru")
    QApplication.sendEvent(form, QEvent(QEvent.Type.LanguageChange))
    assert form.rows.labels["notes"].text() == i18n._("&Notes") != "&Notes"


def test_the_first_proceedings_lawyer_is_offered_from_the_case(
    tab: CourtView, office: Workspace, case_id: int
) -> None:
    add_staff(office, "para", Role.PARALEGAL, "blue rivers in the valley")
    paralegal = as_user(office, "para")
    tab.show_case(paralegal, case_id)
    dialog = tab.new_proceeding()
    assert dialog is not None and dialog.lawyer.currentData() is None  # a paralegal: nobody
    tab.show_case(paralegal, case_id, case_lawyer="lawyer")
    dialog = tab.new_proceeding()
    assert dialog is not None and dialog.lawyer.currentData() == "lawyer"
    criminal(office, case_id, lawyer_login="admin")
    tab.reload()
    dialog = tab.new_proceeding()  # a later proceeding: the latest one's lawyer
    assert dialog is not None and dialog.lawyer.currentData() == "admin"
