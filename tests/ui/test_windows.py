"""Sign-in, the main window by role, language switching and the lock (pytest-qt, offscreen)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.make_vault import ADMIN, ADMIN_PASSPHRASE, OTHER_PASSPHRASE, new_vault
from helpers.qt_input import type_text
from helpers.records import case_for, person
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import Role
from legalaid.services import accounts
from legalaid.services.auth import sign_in
from legalaid.services.workspace import Workspace
from legalaid.storage import attempts
from legalaid.storage.errors import VaultLocked
from ui.app import Application, make_qt_application
from ui.main_window import MainWindow
from ui.models import ID_ROLE
from ui.search_panel import Hit


@pytest.fixture
def office_vault(vault_path: Path) -> Path:
    ws = new_vault(vault_path)
    accounts.add_account(ws, "monitor1", "Елена Ким", Role.MONITOR, OTHER_PASSPHRASE)
    client = person(ws, "Өмүрбекова", "Айгүл")
    case_for(ws, client, "GBV")
    ws.close()
    return vault_path


@pytest.fixture
def desk(qtbot: QtBot, office_vault: Path) -> Iterator[Application]:
    make_qt_application()
    application = Application(office_vault)
    yield application
    if application.main is not None:
        application.main.close()
    i18n.remove_language_listener(application._language_changed)


def test_sign_in_opens_the_main_window(qtbot: QtBot, desk: Application) -> None:
    window = desk.show_sign_in()
    qtbot.addWidget(window)
    type_text(window.login, ADMIN)
    type_text(window.passphrase, ADMIN_PASSPHRASE)
    with qtbot.waitSignal(window.signed_in, timeout=10_000) as signed:
        qtbot.mouseClick(window.sign_in_button, Qt.MouseButton.LeftButton)
    ws = signed.args[0]
    assert isinstance(ws, Workspace) and ws.actor.login == ADMIN
    assert desk.main is not None and desk.main.isVisible()
    assert window.passphrase.text() == ""  # nothing left in the field


def test_a_wrong_passphrase_says_so_and_keeps_the_login(qtbot: QtBot, desk: Application) -> None:
    window = desk.show_sign_in()
    qtbot.addWidget(window)
    type_text(window.login, ADMIN)
    type_text(window.passphrase, "not the right one at all")
    window.submit()
    qtbot.waitUntil(lambda: "wrong" in window.message.text(), timeout=10_000)
    assert window.login.text() == ADMIN and window.passphrase.text() == ""
    assert desk.main is None


def test_backoff_is_a_countdown(
    qtbot: QtBot, desk: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(5):
        attempts.AttemptCounter(desk.vault_path).record_failure(_slot_id(desk.vault_path, ADMIN))
    window = desk.show_sign_in()
    qtbot.addWidget(window)
    type_text(window.login, ADMIN)
    type_text(window.passphrase, ADMIN_PASSPHRASE)
    window.submit()
    qtbot.waitUntil(lambda: "possible in" in window.message.text(), timeout=10_000)
    assert not window.sign_in_button.isEnabled()
    qtbot.waitUntil(lambda: window.sign_in_button.isEnabled(), timeout=5_000)


def _slot_id(vault_path: Path, login: str) -> str:
    from legalaid.storage.keyfile import KeyFile, key_file_path

    return KeyFile.load(key_file_path(vault_path)).account_slot_id(login)


def test_caps_lock_warning(qtbot: QtBot, desk: Application) -> None:
    window = desk.show_sign_in()
    qtbot.addWidget(window)
    type_text(window.passphrase, "A")  # a capital without Shift
    assert window.caps_warning.isVisible()
    type_text(window.passphrase, "a")
    assert not window.caps_warning.isVisible()


def _main(qtbot: QtBot, vault_path: Path, login: str, passphrase: str) -> MainWindow:
    window = MainWindow(sign_in(vault_path, login, passphrase))
    qtbot.addWidget(window)
    window.show()
    return window


def test_areas_a_role_may_not_use_are_absent(qtbot: QtBot, desk: Application) -> None:
    coordinator = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    assert "administration" in coordinator.area_keys() and "cases" in coordinator.area_keys()
    coordinator.close()
    monitor = _main(qtbot, desk.vault_path, "monitor1", OTHER_PASSPHRASE)
    assert "cases" not in monitor.area_keys() and "people" not in monitor.area_keys()
    assert "administration" not in monitor.area_keys()
    assert "monitoring" in monitor.area_keys()
    assert monitor.navigation.count() == len(monitor.area_keys())
    monitor.close()


def test_language_switch_retranslates_the_open_window(qtbot: QtBot, desk: Application) -> None:
    window = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    cases_row = window.area_keys().index("cases")
    assert window.navigation.item(cases_row).text() == "Cases"
    window.set_language("ky")
    qtbot.waitUntil(lambda: window.navigation.item(cases_row).text() == "Иштер")
    assert window.file_menu.title() != "&File"
    assert "Ctrl+F" in window.search_box.placeholderText()
    window.set_language("ru")
    qtbot.waitUntil(lambda: window.navigation.item(cases_row).text() == "Дела")
    window.set_language("en")
    window.close()


def test_idle_time_locks_and_the_same_person_unlocks(qtbot: QtBot, desk: Application) -> None:
    window = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    cases_model = window.models[0]
    assert cases_model.rowCount() == 1
    window.idle.timer.setInterval(50)
    window.idle.start()
    with qtbot.waitSignal(window.locked, timeout=5_000):
        pass
    assert window.stack.currentWidget() is window.lock_screen
    assert cases_model.rowCount() == 0  # no client data left in the views
    assert not window.ws.vault.is_unlocked
    with pytest.raises(VaultLocked):
        window.ws.session()
    type_text(window.lock_screen.passphrase, "a wrong passphrase here")
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "wrong" in window.lock_screen.message.text(), timeout=10_000)
    assert window.stack.currentWidget() is window.lock_screen
    # The test's 50 ms idle time would lock again at once on a busy machine (the unlocked
    # window shows for a moment only); back to minutes, as in the office.
    window.idle.timer.setInterval(60_000)
    type_text(window.lock_screen.passphrase, ADMIN_PASSPHRASE)
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.work, timeout=10_000)
    assert cases_model.rowCount() == 1
    window.close()


def test_ctrl_l_locks(qtbot: QtBot, desk: Application) -> None:
    window = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    with qtbot.waitSignal(window.locked, timeout=2_000):
        window.lock_action.trigger()
    window.close()


def test_screenshots_command_writes_the_pictures(office_vault: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("LEGALAID_")}
    env.update(
        LEGALAID_HOME=os.environ["LEGALAID_HOME"],
        LEGALAID_VAULT=str(office_vault),
        LEGALAID_USER=ADMIN,
        LEGALAID_PASSPHRASE=ADMIN_PASSPHRASE,
        QT_QPA_PLATFORM="offscreen",
    )
    out = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "-m", "legalaid", "screenshots", "--out", str(out), "--lang", "ky"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no Qt warning on the way
    names = sorted(p.name for p in out.glob("*.png"))
    assert names == [
        "case-form-ky.png",
        "case-ky.png",
        "case-timeline-ky.png",
        "court-month-ky.png",
        "findings-ky.png",
        "intake-assessment-ky.png",
        "intake-ky.png",
        "intake-others-ky.png",
        "main-administration-ky.png",
        "main-cases-ky.png",
        "main-court-ky.png",
        "main-dashboard-ky.png",
        "main-directory-ky.png",
        "main-people-ky.png",
        "main-referrals-ky.png",
        "monitoring-ky.png",
        "person-form-ky.png",
        "reports-ky.png",
        "sign-in-ky.png",
    ]
    from PySide6.QtGui import QImage

    image = QImage(str(out / "main-cases-ky.png"))
    assert (image.width(), image.height()) == (1366, 768)


def test_typing_a_name_in_latin_and_enter_opens_the_case(qtbot: QtBot, desk: Application) -> None:
    window = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    qtbot.keyClicks(window.search_box, "Omurbek")
    qtbot.waitUntil(lambda: window.search_panel.results.count() >= 2, timeout=3_000)
    texts = [
        window.search_panel.results.item(i).text()
        for i in range(window.search_panel.results.count())
    ]
    assert texts[0].startswith("Person: Өмүрбекова Айгүл")
    assert any(text.startswith("Case MAIN-") for text in texts)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert window.pages.currentIndex() == window.record_page_index
    assert window.record_view.kind == "case"
    assert window.record_view.title.text().startswith("MAIN-")
    window.lock()
    assert window.search_panel.results.count() == 0 and window.search_box.text() == ""
    assert window.record_view.title.text() == ""
    window.close()


def test_double_click_in_the_people_list_opens_the_person(qtbot: QtBot, desk: Application) -> None:
    window = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    row = window.area_keys().index("people")
    window.navigation.setCurrentRow(row)
    page = window.pages.widget(row)
    index = page.view.model().index(0, 0)
    page.view.doubleClicked.emit(index)
    assert window.record_view.kind == "person"
    assert window.record_view.title.text() == "Өмүрбекова Айгүл"
    window.close()


def test_a_form_keeps_typed_input_and_shows_the_error_at_the_field(
    qtbot: QtBot, desk: Application
) -> None:
    window = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    form = window.new_person()
    type_text(form.surname, "Осмонов")
    type_text(form.given_name, "Бакыт")
    type_text(form.pin, "31503199000123")  # a PIN cannot start with 3
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.errors["pin"].isVisible() and "starts with 1" in form.errors["pin"].text()
    assert (form.surname.text(), form.given_name.text(), form.pin.text()) == (
        "Осмонов",
        "Бакыт",
        "31503199000123",
    )
    assert form.person_id is None
    form.pin.clear()
    type_text(form.pin, "21503199000123")
    with qtbot.waitSignal(form.saved, timeout=5_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert window.record_view.kind == "person"
    assert window.record_view.title.text() == "Осмонов Бакыт"
    window.close()


def test_unsaved_input_survives_a_lock_and_the_language_follows(
    qtbot: QtBot, desk: Application
) -> None:
    window = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    form = window.new_person()
    type_text(form.surname, "Жээнбекова")
    window.lock()
    assert window.stack.currentWidget() is window.lock_screen
    window.unlock(ADMIN_PASSPHRASE)
    assert window.pages.currentWidget() is form and form.surname.text() == "Жээнбекова"
    window.set_language("ky")
    qtbot.waitUntil(lambda: form.save_button.text() == "Сактоо")
    assert form.labels["surname"].text().replace("&", "") != "Surname"
    window.set_language("en")
    window.close()


def test_a_large_vault_is_checked_after_sign_in_and_damage_locks(
    qtbot: QtBot, desk: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.main_window as main_window_module
    from legalaid.storage.errors import VaultDamaged
    from legalaid.storage.vault import Vault

    monkeypatch.setattr(main_window_module, "QUICK_CHECK_ON_UNLOCK_MAX_BYTES", 0)
    checked: list[bool] = []

    def damaged(self: Vault) -> None:
        checked.append(True)
        raise VaultDamaged(detail="page 7")

    ws = sign_in(desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    monkeypatch.setattr(Vault, "quick_check", damaged)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.integrity_failed, timeout=5_000) as failure:
        window.show()
    assert checked and "page 7" in failure.args[0]
    assert window.stack.currentWidget() is window.lock_screen
    assert "page 7" in window.lock_screen.message.text()
    window.close()


def _admin(qtbot: QtBot, desk: Application) -> MainWindow:
    window = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    window.navigation.setCurrentRow(window.area_keys().index("administration"))
    assert window.admin_page is not None
    return window


def test_a_coordinator_adds_an_account_from_the_dialog(qtbot: QtBot, desk: Application) -> None:
    window = _admin(qtbot, desk)
    page = window.admin_page
    assert page is not None
    assert page.table.rowCount() == 2
    dialog = page.add_account()
    type_text(dialog.login, "aigul")
    type_text(dialog.name, "Айгүл Токтосунова")
    dialog.role.setCurrentIndex(list(Role).index(Role.PARALEGAL))
    type_text(dialog.passphrase, "a long passphrase for aigul")
    type_text(dialog.repeat, "a different one")
    dialog.submit()
    assert "differ" in dialog.message.text() and dialog.isVisible()
    dialog.repeat.clear()
    type_text(dialog.repeat, "a long passphrase for aigul")
    with qtbot.waitSignal(dialog.account_added, timeout=10_000):
        dialog.submit()
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)
    logins = [page.table.item(row, 0).text() for row in range(3)]
    assert "aigul" in logins
    window.close()


def test_backup_and_check_run_off_the_gui_thread(
    qtbot: QtBot, desk: Application, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ui.admin_page as admin_module

    target = tmp_path / "office.labak"
    monkeypatch.setattr(admin_module, "choose_backup_file", lambda _parent: target)
    window = _admin(qtbot, desk)
    page = window.admin_page
    assert page is not None
    page.back_up()
    qtbot.waitUntil(lambda: "verified" in page.report.text(), timeout=20_000)
    assert target.exists()
    page.check()
    qtbot.waitUntil(lambda: "intact" in page.report.text(), timeout=20_000)
    assert "✗" not in page.report.text()
    window.close()


def test_first_run_creates_a_vault_and_goes_to_sign_in(qtbot: QtBot, tmp_path: Path) -> None:
    from legalaid.storage import kdf

    make_qt_application()
    target = tmp_path / "new-office" / "vault.db"
    desk = Application(target)
    try:
        window = desk.show_first_run(kdf.FAST_FOR_TESTS)
        qtbot.addWidget(window)
        window.language_buttons["ky"].setChecked(True)
        qtbot.waitUntil(lambda: window.create_button.text() != "Create a new vault for our office")
        qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
        assert window.pages.currentIndex() == 1
        type_text(window.office_name, "Ош кеңсеси")
        type_text(window.login, "jyldyz")
        type_text(window.full_name, "Жылдыз Асанова")
        type_text(window.passphrase, "short")
        type_text(window.repeat, "short")
        window.create_vault()
        qtbot.waitUntil(lambda: window.errors["passphrase"].isVisible(), timeout=5_000)
        assert window.full_name.text() == "Жылдыз Асанова"  # kept
        assert not target.exists()
        for field in (window.passphrase, window.repeat):
            field.clear()
            type_text(field, "тоодо жылкылар жайылат")
        with qtbot.waitSignal(window.vault_ready, timeout=15_000):
            window.create_vault()
        assert target.exists()
        assert desk.sign_in is not None and desk.sign_in.vault_path == target
        assert window.passphrase.text() == ""
    finally:
        i18n.set_language("en")
        i18n.remove_language_listener(desk._language_changed)


def test_a_case_shows_its_history_and_moves_only_along_allowed_paths(
    qtbot: QtBot, desk: Application
) -> None:
    from legalaid.domain.enums import CaseStatus

    window = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    cases_model = window.models[0]
    window.open_hit(Hit("case", int(cases_model.index(0, 0).data(ID_ROLE))))
    view = window.record_view
    offered = {view.next_status.itemData(i) for i in range(view.next_status.count())}
    assert offered == {CaseStatus.OPEN, CaseStatus.REFERRED, CaseStatus.CLOSED}
    assert any("created" in view.history.item(i).text() for i in range(view.history.count()))
    view.next_status.setCurrentIndex(
        [view.next_status.itemData(i) for i in range(view.next_status.count())].index(
            CaseStatus.CLOSED
        )
    )
    assert view.outcome.isVisibleTo(view)
    qtbot.mouseClick(view.status_button, Qt.MouseButton.LeftButton)
    history = [view.history.item(i).text() for i in range(view.history.count())]
    assert any("changed: " in line and "status" in line for line in history)
    offered = {view.next_status.itemData(i) for i in range(view.next_status.count())}
    assert offered == {CaseStatus.REOPENED}
    window.close()


def test_the_case_list_filters_by_status_and_category(qtbot: QtBot, desk: Application) -> None:
    from legalaid.domain.enums import CaseStatus

    window = _main(qtbot, desk.vault_path, ADMIN, ADMIN_PASSPHRASE)
    page = window.pages.widget(window.area_keys().index("cases"))
    bar = page.filters
    assert bar is not None and page.model.total() == 1
    bar.status.setCurrentIndex(bar.status.findData(CaseStatus.CLOSED))
    assert page.model.rowCount() == 0 and bar.total.text() == "0 cases"
    bar.status.setCurrentIndex(bar.status.findData(CaseStatus.INTAKE))
    bar.category.setCurrentIndex(bar.category.findData("GBV"))
    assert page.model.rowCount() == 1
    window.set_language("ru")
    qtbot.waitUntil(lambda: bar.status.currentText() == "приём")
    assert bar.category.currentData() == "GBV"  # the choice survives the language switch
    window.set_language("en")
    window.close()


def test_after_a_lock_someone_else_signs_in_and_gets_a_fresh_window(
    qtbot: QtBot, desk: Application
) -> None:
    from legalaid.services import drafts

    main = desk.show_main(sign_in(desk.vault_path, ADMIN, ADMIN_PASSPHRASE))
    form = main.new_person()
    type_text(form.surname, "Жээнбекова")
    main.lock()
    qtbot.mouseClick(main.lock_screen.switch_button, Qt.MouseButton.LeftButton)
    window = desk.sign_in
    assert window is not None and window.isVisible() and window.login.text() == ""
    assert desk.main is None and not main.isVisible()
    type_text(window.login, "monitor1")
    type_text(window.passphrase, OTHER_PASSPHRASE)
    with qtbot.waitSignal(window.signed_in, timeout=10_000):
        window.submit()
    other = desk.main
    assert other is not None and other is not main and other.editor is None
    assert other.draft_banner.isHidden()  # the first person's input is theirs alone
    other.close()
    with sign_in(desk.vault_path, ADMIN, ADMIN_PASSPHRASE) as ws:
        assert [d.state["surname"] for d in drafts.my_drafts(ws)] == ["Жээнбекова"]


def test_an_office_that_turns_off_the_remembered_login_leaves_the_field_empty(
    qtbot: QtBot, desk: Application
) -> None:
    from PySide6.QtCore import QSettings

    from legalaid.services import office_settings

    first = desk.show_main(sign_in(desk.vault_path, ADMIN, ADMIN_PASSPHRASE))
    assert QSettings().value("last_login") == ADMIN
    office_settings.set_remember_last_login(first.ws, False)
    first.close()
    second = desk.show_main(sign_in(desk.vault_path, ADMIN, ADMIN_PASSPHRASE))
    assert QSettings().value("last_login") is None
    second.close()
    window = desk.show_sign_in()
    qtbot.addWidget(window)
    assert window.login.text() == ""


def test_first_run_says_who_else_can_open_the_vault_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legalaid import paths
    from legalaid.storage import kdf

    shared = tmp_path / "ProgramData" / "LegalAidDesk"
    monkeypatch.setattr(paths, "shared_data_dir", lambda: shared)
    make_qt_application()
    desk = Application(shared / "vault.db")
    window = desk.show_first_run(kdf.FAST_FOR_TESTS)
    qtbot.addWidget(window)
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    assert "every staff account" in window.location_hint.text()
    window.location.setText(str(tmp_path / "mine" / "vault.db"))
    assert "choose a folder they can all reach" in window.location_hint.text()
    window.close()
