"""The administration page: accounts (role, deactivate, activate, reset), offices, restore.

Real widgets driven with clicks and typing; every effect is checked in the core.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, OTHER_PASSPHRASE, add_staff, new_vault
from helpers.qt_input import type_text
from helpers.records import person
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import ui.admin_page as admin_module
from legalaid import i18n
from legalaid.domain.enums import Region, Role
from legalaid.services import accounts, maintenance, offices, people
from legalaid.services.auth import sign_in
from legalaid.services.workspace import AccountInfo, Workspace
from legalaid.storage.errors import SignInFailed
from ui.admin_page import (
    AdminPage,
    ChangeRoleDialog,
    DeactivateDialog,
    OfficeDialog,
    PassphraseDialog,
    RestoreDialog,
)
from ui.app import Application, make_qt_application
from ui.qt_i18n import QtLanguage

STAFF = "aigul"
STAFF_NAME = "Айгүл Токтосунова"
NEW_PASSPHRASE = "жаңы сырсөз тоодо жашайт"


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def select(qtbot: QtBot, page: AdminPage, login: str) -> None:
    """Click the account's row, as a person does."""
    row = [page.table.item(r, 0).text() for r in range(page.table.rowCount())].index(login)
    rect = page.table.visualItemRect(page.table.item(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    selected = page.selected_account()
    assert selected is not None and selected.login == login


def account(ws: Workspace, login: str) -> AccountInfo:
    return next(a for a in accounts.list_accounts(ws) if a.login == login)


def key_generation(ws: Workspace) -> int:
    keys = ws.vault.keys
    assert keys is not None
    return keys.dek_generation


def signs_in(vault_path: Path, login: str, passphrase: str) -> bool:
    try:
        with sign_in(vault_path, login, passphrase):
            return True
    except SignInFailed:
        return False


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> AdminPage:
    add_staff(workspace, STAFF, Role.LAWYER, OTHER_PASSPHRASE, name=STAFF_NAME)
    admin = AdminPage(workspace)
    qtbot.addWidget(admin)
    admin.show()
    return admin


# --- accounts ------------------------------------------------------------------------------
def test_account_buttons_follow_the_selected_row(qtbot: QtBot, page: AdminPage) -> None:
    assert page.table.rowCount() == 2
    assert not any(button.isEnabled() for button in page.account_buttons)
    select(qtbot, page, ADMIN)
    assert page.role_button.isEnabled() and page.reset_button.isEnabled()
    assert not page.activate_button.isEnabled()
    assert not page.deactivate_button.isEnabled()  # not one's own account
    select(qtbot, page, STAFF)
    assert page.deactivate_button.isEnabled() and not page.activate_button.isEnabled()
    assert page.table.selectionModel().selectedRows()[0].row() == 1  # a whole row, one only


def test_changing_the_role(qtbot: QtBot, page: AdminPage, workspace: Workspace) -> None:
    select(qtbot, page, STAFF)
    click(qtbot, page.role_button)
    dialog = page.dialog
    assert isinstance(dialog, ChangeRoleDialog) and dialog.isVisible()
    assert dialog.role.value() == Role.LAWYER and STAFF_NAME in dialog.intro.text()
    dialog.role.setCurrentIndex(dialog.role.findData(Role.PARALEGAL.value))
    with qtbot.waitSignal(dialog.completed, timeout=10_000):
        click(qtbot, dialog.confirm_button)
    assert account(workspace, STAFF).role == Role.PARALEGAL
    assert not dialog.isVisible()
    assert page.table.item(1, 2).text() == Role.PARALEGAL.label
    assert page.report.text() == f"{STAFF} is now {Role.PARALEGAL.label}."


def test_demoting_the_last_coordinator_is_refused_and_the_dialog_stays(
    qtbot: QtBot, page: AdminPage, workspace: Workspace
) -> None:
    select(qtbot, page, ADMIN)
    click(qtbot, page.role_button)
    dialog = page.dialog
    assert isinstance(dialog, ChangeRoleDialog)
    dialog.role.setCurrentIndex(dialog.role.findData(Role.MONITOR.value))
    with qtbot.assertNotEmitted(dialog.completed, wait=100):
        click(qtbot, dialog.confirm_button)
        qtbot.waitUntil(lambda: "last active coordinator" in dialog.message.text(), timeout=10_000)
    assert dialog.isVisible() and dialog.confirm_button.isEnabled()
    assert dialog.role.value() == Role.MONITOR  # the choice is kept
    assert account(workspace, ADMIN).role == Role.COORDINATOR


def test_deactivating_rotates_the_key_and_activating_gives_a_new_passphrase(
    qtbot: QtBot, page: AdminPage, workspace: Workspace, vault_path: Path
) -> None:
    generation = key_generation(workspace)
    select(qtbot, page, STAFF)
    click(qtbot, page.deactivate_button)
    dialog = page.dialog
    assert isinstance(dialog, DeactivateDialog)
    assert "rotated" in dialog.intro.text() and "no longer be able to sign in" in (
        dialog.intro.text()
    )
    with qtbot.waitSignal(dialog.completed, timeout=30_000):
        click(qtbot, dialog.confirm_button)
        assert dialog.progress is not None and dialog.progress.isVisible()  # busy, not frozen
    assert dialog.progress is None and not dialog.isVisible()
    assert not account(workspace, STAFF).active
    assert key_generation(workspace) == generation + 1  # the data key was rotated
    assert "deactivated" in page.report.text() and "recovery key" not in page.report.text()
    assert page.table.item(1, 4).text() == "no"
    # The row stays selected; now only activating (and the role) make sense.
    assert page.activate_button.isEnabled() and not page.deactivate_button.isEnabled()
    assert not page.reset_button.isEnabled()

    click(qtbot, page.activate_button)
    activation = page.dialog
    assert isinstance(activation, PassphraseDialog) and activation.windowTitle() == (
        "Activate an account"
    )
    type_text(activation.passphrase, "too short")
    type_text(activation.repeat, "too short")
    click(qtbot, activation.confirm_button)
    qtbot.waitUntil(lambda: activation.errors["passphrase"].isVisible(), timeout=10_000)
    assert "at least" in activation.errors["passphrase"].text()
    assert activation.isVisible()
    assert activation.passphrase.text() == "" and activation.repeat.text() == ""
    assert not account(workspace, STAFF).active

    type_text(activation.passphrase, NEW_PASSPHRASE)
    type_text(activation.repeat, NEW_PASSPHRASE)
    with qtbot.waitSignal(activation.completed, timeout=10_000):
        click(qtbot, activation.confirm_button)
    assert account(workspace, STAFF).active
    assert page.report.text() == f"Account {STAFF} is active again."
    workspace.close()
    assert signs_in(vault_path, STAFF, NEW_PASSPHRASE)
    assert not signs_in(vault_path, STAFF, OTHER_PASSPHRASE)


def test_deactivating_a_coordinator_revokes_the_recovery_key_and_says_so(
    qtbot: QtBot, page: AdminPage, workspace: Workspace
) -> None:
    add_staff(workspace, "boss", Role.COORDINATOR, OTHER_PASSPHRASE, name="Бакыт Осмонов")
    accounts.create_recovery_key(workspace)
    page.refresh()
    select(qtbot, page, "boss")
    click(qtbot, page.deactivate_button)
    dialog = page.dialog
    assert isinstance(dialog, DeactivateDialog) and "recovery key" in dialog.intro.text()
    with qtbot.waitSignal(dialog.completed, timeout=30_000) as done:
        click(qtbot, dialog.confirm_button)
    assert done.args[0].recovery_key_revoked
    assert "recovery key was revoked" in page.report.text()
    assert not any(True for _ in workspace.vault.recovery_slots())


def test_resetting_a_passphrase(
    qtbot: QtBot, page: AdminPage, workspace: Workspace, vault_path: Path
) -> None:
    select(qtbot, page, STAFF)
    click(qtbot, page.reset_button)
    dialog = page.dialog
    assert isinstance(dialog, PassphraseDialog) and STAFF_NAME in dialog.intro.text()
    type_text(dialog.passphrase, NEW_PASSPHRASE)
    type_text(dialog.repeat, NEW_PASSPHRASE + "x")
    click(qtbot, dialog.confirm_button)
    assert "differ" in dialog.message.text() and dialog.isVisible()
    assert dialog.repeat.text() == ""  # type it again
    type_text(dialog.repeat, NEW_PASSPHRASE)
    with qtbot.waitSignal(dialog.completed, timeout=10_000):
        click(qtbot, dialog.confirm_button)
    assert dialog.passphrase.text() == "" and dialog.repeat.text() == ""
    assert page.report.text() == f"The passphrase of {STAFF} was replaced."
    workspace.close()
    assert not signs_in(vault_path, STAFF, OTHER_PASSPHRASE)
    assert signs_in(vault_path, STAFF, NEW_PASSPHRASE)


def test_cancelling_forgets_the_typed_passphrase(
    qtbot: QtBot, page: AdminPage, workspace: Workspace
) -> None:
    select(qtbot, page, STAFF)
    click(qtbot, page.reset_button)
    dialog = page.dialog
    assert isinstance(dialog, PassphraseDialog)
    type_text(dialog.passphrase, NEW_PASSPHRASE)
    type_text(dialog.repeat, NEW_PASSPHRASE)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.passphrase.text() == "" and dialog.repeat.text() == ""
    assert workspace.vault.check_account_passphrase(STAFF, OTHER_PASSPHRASE)


def test_adding_an_account_refuses_a_weak_passphrase_at_its_field(
    qtbot: QtBot, page: AdminPage, workspace: Workspace
) -> None:
    dialog = page.add_account()
    type_text(dialog.login, "nurgul")
    type_text(dialog.name, "Нургүл Сыдыкова")
    type_text(dialog.passphrase, "password1234")
    type_text(dialog.repeat, "password1234")
    click(qtbot, dialog.confirm_button)
    qtbot.waitUntil(lambda: dialog.errors["passphrase"].isVisible(), timeout=10_000)
    assert dialog.isVisible() and dialog.message.text() == ""
    assert (dialog.login.text(), dialog.name.text()) == ("nurgul", "Нургүл Сыдыкова")
    assert dialog.passphrase.text() == ""
    assert "nurgul" not in [a.login for a in accounts.list_accounts(workspace)]


# --- offices -------------------------------------------------------------------------------
def test_adding_an_office_shows_the_error_at_the_field_then_lists_it(
    qtbot: QtBot, page: AdminPage, workspace: Workspace
) -> None:
    page.tabs.setCurrentIndex(1)
    assert page.offices_table.rowCount() == 1
    click(qtbot, page.add_office_button)
    dialog = page.dialog
    assert isinstance(dialog, OfficeDialog) and dialog.isVisible()
    assert dialog.code.accessibleName() == "Code"
    type_text(dialog.code, "7")  # a code starts with a letter
    type_text(dialog.name_ky, "Нарын кеңсеси")
    type_text(dialog.name_ru, "Нарынский офис")
    type_text(dialog.name_en, "Naryn office")
    dialog.region.setCurrentIndex(dialog.region.findData(Region.NARYN.value))
    click(qtbot, dialog.confirm_button)
    qtbot.waitUntil(lambda: dialog.errors["office_code"].isVisible(), timeout=10_000)
    assert "office code" in dialog.errors["office_code"].text()
    assert not dialog.errors["name_ky"].isVisible()
    assert dialog.isVisible() and dialog.name_ky.text() == "Нарын кеңсеси"  # kept
    assert dialog.region.value() == Region.NARYN
    assert len(offices.list_offices(workspace)) == 1

    dialog.code.clear()
    type_text(dialog.code, "nrn")
    with qtbot.waitSignal(dialog.completed, timeout=10_000):
        click(qtbot, dialog.confirm_button)
    added = next(o for o in offices.list_offices(workspace) if o.code == "NRN")
    assert (added.name_ky, added.name_ru, added.name_en) == (
        "Нарын кеңсеси",
        "Нарынский офис",
        "Naryn office",
    )
    assert added.region == Region.NARYN
    assert page.report.text() == "Office NRN added."
    rows = [
        [page.offices_table.item(r, c).text() for c in range(3)]
        for r in range(page.offices_table.rowCount())
    ]
    assert ["NRN", "Naryn office", Region.NARYN.label] in rows


def test_a_language_switch_retranslates_the_page_and_an_open_dialog(
    qtbot: QtBot, page: AdminPage, workspace: Workspace
) -> None:
    offices.add_office(
        workspace,
        "NRN",
        {"ky": "Нарын кеңсеси", "ru": "Нарынский офис", "en": "Naryn"},
        Region.NARYN,
    )
    page.refresh()
    select(qtbot, page, STAFF)
    click(qtbot, page.role_button)
    dialog = page.dialog
    assert isinstance(dialog, ChangeRoleDialog)
    qt_language = QtLanguage()
    try:
        i18n.set_language("ky")
        qt_language.apply("ky")
        qtbot.waitUntil(lambda: page.heading.text() == "Башкаруу")
        assert page.tabs.tabText(0) == "Кызматкерлердин каттоо эсептери"
        assert page.offices_table.horizontalHeaderItem(2).text() == "Облус"
        names = [page.offices_table.item(r, 1).text() for r in range(2)]
        assert "Нарын кеңсеси" in names  # the office's name in the current language
        assert dialog.confirm_button.text() == "Сактоо"  # Save
        assert dialog.role.currentText() == Role.LAWYER.label != "lawyer"
        assert dialog.rows.labels["role"].text() == i18n._("Role") != "Role"
        assert page.selected_account() is not None  # the selection survives the reload
    finally:
        i18n.set_language("en")
        qt_language.apply("en")
    dialog.reject()


def test_clear_empties_both_lists_and_closes_a_dialog(qtbot: QtBot, page: AdminPage) -> None:
    select(qtbot, page, STAFF)
    click(qtbot, page.reset_button)
    dialog = page.dialog
    assert isinstance(dialog, PassphraseDialog)
    type_text(dialog.passphrase, NEW_PASSPHRASE)
    page.report.setText("something")
    page.clear()
    assert page.table.rowCount() == 0 and page.offices_table.rowCount() == 0
    assert page.report.text() == "" and not dialog.isVisible()
    assert dialog.passphrase.text() == ""
    assert not any(button.isEnabled() for button in page.account_buttons)


# --- restore -------------------------------------------------------------------------------
@pytest.fixture
def backed_up(vault_path: Path, tmp_path: Path) -> Path:
    """A vault with a person in its backup and one added after it; returns the backup."""
    ws = new_vault(vault_path)
    person(ws, "Абдыкадырова", "Гүлзат")
    archive = tmp_path / "before.labak"
    maintenance.backup(ws, archive)
    person(ws, "Кийинкиев", "Талант")
    ws.close()
    return archive


@pytest.fixture
def desk(qtbot: QtBot, vault_path: Path) -> Iterator[Application]:
    make_qt_application()
    application = Application(vault_path)
    yield application
    if application.main is not None:
        application.main.close()
    if application.sign_in is not None:
        application.sign_in.close()
    i18n.remove_language_listener(application._language_changed)


def _names(ws: Workspace) -> set[str]:
    rows, _total = people.list_people(ws)
    return {row.full_name for row in rows}


def _ask_for_restore(
    qtbot: QtBot, desk: Application, archive: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(admin_module, "choose_restore_file", lambda _parent: archive)
    main = desk.show_main(sign_in(desk.vault_path, ADMIN, ADMIN_PASSPHRASE))
    main.navigation.setCurrentRow(main.area_keys().index("administration"))
    page = main.admin_page
    assert page is not None
    click(qtbot, page.restore_button)
    dialog = page.dialog
    assert isinstance(dialog, RestoreDialog) and dialog.isVisible()
    assert "moved aside" in dialog.intro.text() and "sign in again" in dialog.intro.text()
    assert not dialog.confirm_button.isEnabled()  # no passphrase yet
    type_text(dialog.passphrase, passphrase)
    with qtbot.waitSignal(page.restore_requested, timeout=5_000) as request:
        click(qtbot, dialog.confirm_button)
    assert request.args[0] == (archive, passphrase)
    assert dialog.passphrase.text() == ""
    assert desk.main is None  # the main window, and with it the workspace, is closed


def test_restore_from_the_admin_page_then_sign_in_again(
    qtbot: QtBot,
    desk: Application,
    backed_up: Path,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _ask_for_restore(qtbot, desk, backed_up, ADMIN_PASSPHRASE, monkeypatch)
    qtbot.waitUntil(
        lambda: (
            desk.sign_in is not None
            and desk.sign_in.isVisible()
            and "restored" in desk.sign_in.notice.text()
        ),
        timeout=30_000,
    )
    window = desk.sign_in
    assert window is not None and "Everyone signs in again" in window.notice.text()
    assert window.message.text() == "" and window.notice.isVisible()
    assert desk.restore_progress is None
    aside = list(vault_path.parent.glob(vault_path.name + ".replaced-*"))
    assert len(aside) == 1 and (aside[0] / vault_path.name).exists()  # moved, not deleted

    window.login.setText(ADMIN)
    type_text(window.passphrase, ADMIN_PASSPHRASE)
    with qtbot.waitSignal(window.signed_in, timeout=10_000) as signed:
        click(qtbot, window.sign_in_button)
    assert _names(signed.args[0]) == {"Абдыкадырова Гүлзат"}  # the later person is gone
    assert desk.main is not None and desk.main.isVisible()


def test_a_failed_restore_leaves_the_vault_as_it_was(
    qtbot: QtBot,
    desk: Application,
    backed_up: Path,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _ask_for_restore(qtbot, desk, backed_up, "not the passphrase at all", monkeypatch)
    qtbot.waitUntil(
        lambda: desk.sign_in is not None and "left as it was" in desk.sign_in.message.text(),
        timeout=30_000,
    )
    window = desk.sign_in
    assert window is not None and "Sign-in failed" in window.message.text()
    assert not list(vault_path.parent.glob(vault_path.name + ".replaced-*"))
    with sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        assert _names(ws) == {"Абдыкадырова Гүлзат", "Кийинкиев Талант"}


def test_the_office_idle_time_is_set_here_and_the_window_follows(
    qtbot: QtBot, vault_path: Path
) -> None:
    from legalaid.services import office_settings
    from ui.main_window import MainWindow

    new_vault(vault_path).close()
    make_qt_application()
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    page = window.admin_page
    assert page is not None and page.idle_minutes.value() == 5
    page.tabs.setCurrentIndex(2)
    page.idle_minutes.setValue(12)
    qtbot.mouseClick(page.save_settings_button, Qt.MouseButton.LeftButton)
    assert office_settings.idle_minutes(window.ws) == 12
    assert window.idle.timer.interval() == 12 * 60_000
    assert "12" in page.report.text()
    assert page.small_counts.value() == 5  # counts hidden below it in reports for outside
    page.small_counts.setValue(10)
    qtbot.mouseClick(page.save_settings_button, Qt.MouseButton.LeftButton)
    assert office_settings.small_count_threshold(window.ws) == 10
    window.close()


def test_the_lawyer_on_duty_is_chosen_on_the_settings_tab(qtbot: QtBot, vault_path: Path) -> None:
    from legalaid.services import intake
    from ui.main_window import MainWindow

    ws = new_vault(vault_path)
    add_staff(ws, "lawyer1", Role.LAWYER, OTHER_PASSPHRASE, "Бакыт Асанов")
    ws.close()
    make_qt_application()
    window = MainWindow(sign_in(vault_path, ADMIN, ADMIN_PASSPHRASE))
    qtbot.addWidget(window)
    page = window.admin_page
    assert page is not None and page.duty_lawyer.currentData() is None
    page.duty_lawyer.setCurrentIndex(page.duty_lawyer.findData("lawyer1"))
    qtbot.mouseClick(page.save_settings_button, Qt.MouseButton.LeftButton)
    assert intake.duty_lawyer(window.ws) == "lawyer1"
    page.duty_lawyer.setCurrentIndex(0)
    qtbot.mouseClick(page.save_settings_button, Qt.MouseButton.LeftButton)
    assert intake.duty_lawyer(window.ws) is None
    window.close()
