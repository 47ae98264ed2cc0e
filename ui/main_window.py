"""The main window: navigation by role, the case and people lists, status bar, menus,
language switch, and the lock screen that hides everything after idle time or Ctrl+L."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from legalaid import i18n
from legalaid.documents.case_summary import case_summary_pdf
from legalaid.documents.consent_form import consent_form_pdf
from legalaid.documents.court_history import court_history_pdf
from legalaid.documents.intake_record import intake_record_pdf
from legalaid.domain.enums import ObservationStatus, PartyRole
from legalaid.errors import LegalAidError
from legalaid.i18n import N_, _, format_datetime
from legalaid.services import (
    auth,
    cases,
    drafts,
    observations,
    office_settings,
    people,
    printing,
)
from legalaid.services.cases import NOT_CLOSED, CaseInfo
from legalaid.services.drafts import (
    INTAKE_DRAFT,
    OBSERVATION_DRAFT,
    REFERRAL_DRAFT,
    TIMELINE_DRAFT,
    DraftInfo,
)
from legalaid.services.intake import IntakeResult
from legalaid.services.people import PersonInfo
from legalaid.services.permissions import Permission, allowed
from legalaid.services.workspace import Workspace
from legalaid.storage.errors import VaultLocked
from legalaid.storage.vault import QUICK_CHECK_ON_UNLOCK_MAX_BYTES
from ui.admin_page import AdminPage
from ui.advice_dialog import AdviceDialog
from ui.case_filters import CaseFilterBar
from ui.case_form import CaseForm
from ui.choices import select_data
from ui.clipboard_guard import ClipboardGuard
from ui.court_page import CourtPage
from ui.dashboard_page import DashboardPage
from ui.directory_page import DirectoryPage
from ui.draft_banner import DraftBanner
from ui.draft_keeper import DraftKeeper
from ui.help_window import HelpWindow
from ui.idle import IdleWatcher
from ui.intake_form import IntakeForm
from ui.models import ID_ROLE, CaseListModel, PeopleListModel
from ui.monitoring_page import MonitoringPage
from ui.pdf_pages import DOCUMENT_LANGUAGES, print_pdf
from ui.person_form import PersonForm
from ui.record_view import RecordView
from ui.referrals_page import ReferralsPage
from ui.reports_page import ReportsPage
from ui.search_panel import Hit, SearchPanel
from ui.worker import Call

# Areas of the app, in navigation order, with who may use them (absent, not greyed).
# A tuple of permissions: any one of them opens the area.
AREAS: tuple[tuple[str, str, Permission | tuple[Permission, ...] | None], ...] = (
    ("dashboard", N_("Dashboard"), None),
    ("cases", N_("Cases"), Permission.VIEW_RECORDS),
    ("people", N_("People"), Permission.VIEW_RECORDS),
    ("referrals", N_("Referrals"), Permission.VIEW_RECORDS),
    ("court", N_("Court"), Permission.VIEW_RECORDS),
    (
        "monitoring",
        N_("Monitoring"),
        (
            Permission.OBSERVE_TRIALS,
            Permission.REVIEW_OBSERVATIONS,
            Permission.ASSESS_OBSERVATIONS,
        ),
    ),
    ("reports", N_("Reports"), Permission.VIEW_STATISTICS),
    ("directory", N_("Directory"), None),
    ("administration", N_("Administration"), Permission.MANAGE_ACCOUNTS),
)
Editor = PersonForm | CaseForm | IntakeForm  # the forms the main window shows in place

LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}
# Column widths until the person drags them (at 1366x768 the whole row fits).
DEFAULT_WIDTHS = {"cases": [160, 95, 150, 260, 260, 120], "people": [380, 110, 160, 240]}


class ListPage(QWidget):
    """A paged list (cases or people); remembers column widths (no names stored)."""

    def __init__(self, key: str, model: CaseListModel | PeopleListModel) -> None:
        super().__init__()
        self.key = key
        self.model = model
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setSortingEnabled(key == "cases")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filters: CaseFilterBar | None = None
        if isinstance(model, CaseListModel):
            self.filters = CaseFilterBar(model)
            layout.addWidget(self.filters)
        layout.addWidget(self.view)
        widths = QSettings().value(f"columns/{key}")
        if not isinstance(widths, list):
            widths = DEFAULT_WIDTHS[key]
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, int(width))
        if key == "cases":
            # Newest first, as the service sorts by default, with the header saying so.
            self.view.horizontalHeader().setSortIndicator(
                CaseListModel.OPENED, Qt.SortOrder.DescendingOrder
            )
        self.view.horizontalHeader().sectionResized.connect(self._remember_widths)

    def _remember_widths(self) -> None:
        QSettings().setValue(
            f"columns/{self.key}",
            [self.view.columnWidth(c) for c in range(self.model.columnCount())],
        )


class PlaceholderPage(QWidget):
    def __init__(self, title: str) -> None:
        super().__init__()
        self._title = title
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(
            _("{area}: this part of the application is being built.").format(area=_(self._title))
        )


class LockScreen(QWidget):
    unlock_requested = Signal(str)
    switch_user_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("lockScreen")
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.button = QPushButton()
        self.switch_button = QPushButton()
        self.switch_button.setFlat(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.label, self.passphrase, self.message, self.button, self.switch_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.switch_button.clicked.connect(self.switch_user_requested)
        self.button.clicked.connect(self._request)
        self.passphrase.returnPressed.connect(self._request)
        self.retranslate_ui("")

    def retranslate_ui(self, login: str) -> None:
        self.label.setText(
            _("The vault is locked. {login}, type your passphrase to go on.").format(login=login)
        )
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.button.setText(_("Unlock"))
        self.switch_button.setText(
            _("Sign in as someone else (your unsaved input is kept as a draft)")
        )

    def _request(self) -> None:
        text = self.passphrase.text()
        self.passphrase.clear()
        self.unlock_requested.emit(text)


class MainWindow(QMainWindow):
    locked = Signal()
    language_changed = Signal(str)
    integrity_failed = Signal(str)
    switch_user_requested = Signal()

    # Closing with unsaved input asks first (tests that do not look at closing turn it off).
    ASK_BEFORE_CLOSING = True

    def __init__(self, ws: Workspace, idle_minutes: float | None = None) -> None:
        """`idle_minutes`: the office's setting in the vault unless given (tests)."""
        super().__init__()
        self.ws = ws
        self.resize(1366, 768)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QStackedWidget()
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setClearButtonEnabled(True)
        self.models: list[CaseListModel | PeopleListModel] = []
        self.admin_page: AdminPage | None = None
        self.dashboard: DashboardPage | None = None
        self.referrals_page: ReferralsPage | None = None
        self.directory_page: DirectoryPage | None = None
        self.court_page: CourtPage | None = None
        self.monitoring_page: MonitoringPage | None = None
        self.reports_page: ReportsPage | None = None
        self._reopen_referral_form = False  # a referral form was open at the lock
        self._areas: list[str] = []
        for key, _title, permission in AREAS:
            needed = (permission,) if isinstance(permission, Permission) else permission
            opened = not needed or any(allowed(ws.actor.role, p) for p in needed)
            if key == "monitoring" and not opened:
                opened = observations.may_read_monitoring(ws)  # an office's choice
            if not opened:
                continue
            self._areas.append(key)
            self.navigation.addItem(QListWidgetItem())
            self.pages.addWidget(self._page(key))
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(min(1, self.navigation.count() - 1))

        self.editor: Editor | None = None  # one open form at a time
        self.record_view = RecordView()
        self.record_view.edit_requested.connect(self.edit_record)
        self.record_view.new_case_requested.connect(self.new_case_for)
        self.record_view.print_intake_requested.connect(self.print_intake_record)
        self.record_view.referrals.draft_kept.connect(self._referral_draft_kept)
        if self.dashboard is not None:
            self.record_view.timeline.changed.connect(self.dashboard.refresh)
            self.dashboard.changed.connect(self.record_view.timeline.reload)
        self.drafts = DraftKeeper(ws, lambda: self.editor, self)
        self.draft_banner = DraftBanner(ws)
        self.draft_banner.resume_requested.connect(self.resume_draft)
        self.close_question: QMessageBox | None = None
        self._close_confirmed = False
        self.clipboard_guard = ClipboardGuard(self)
        self._lock_pending = False
        self._unlock_call: Call | None = None
        self.print_dialog: QPrintDialog | None = None
        self.print_language_menu: QMenu | None = None  # a case's: the summary's language
        self._reopen_after_unlock: tuple[Hit, int, dict[str, Any]] | None = None
        self.help_window: HelpWindow | None = None
        self.advice_dialog: AdviceDialog | None = None
        self.record_page_index = self.pages.addWidget(self.record_view)
        self.search_panel = SearchPanel(ws, self.search_box)
        self.search_panel.setMaximumHeight(260)
        self.search_panel.opened.connect(self.open_hit)
        for page in (self.pages.widget(i) for i in range(self.pages.count())):
            if isinstance(page, ListPage):
                page.view.doubleClicked.connect(
                    lambda index, key=page.key: self.open_hit(
                        Hit("case" if key == "cases" else "person", int(index.data(ID_ROLE)))
                    )
                )

        body = QWidget()
        right = QVBoxLayout()
        right.addWidget(self.search_box)
        right.addWidget(self.search_panel)
        right.addWidget(self.draft_banner)
        right.addWidget(self.pages)
        row = QHBoxLayout(body)
        row.addWidget(self.navigation)
        row.addLayout(right)
        self.work = body
        self.lock_screen = LockScreen()
        self.lock_screen.unlock_requested.connect(self.unlock_in_background)
        self.lock_screen.switch_user_requested.connect(self.switch_user_requested)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.work)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)

        self.status_user = QLabel()
        self.status_lock = QLabel()
        self.statusBar().addWidget(self.status_user, 1)
        self.statusBar().addPermanentWidget(self.status_lock)
        self.idle = IdleWatcher(
            office_settings.idle_minutes(ws) if idle_minutes is None else idle_minutes, self
        )
        self.idle.idle.connect(self.lock)
        self.idle.start()
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self._update_status)
        self._status_timer.start(30_000)
        self._build_menus()
        self.retranslate_ui()
        self.drafts.start()
        self.draft_banner.refresh()
        self._integrity_call: Call | None = None
        if ws.vault.path.stat().st_size > QUICK_CHECK_ON_UNLOCK_MAX_BYTES:
            self.check_in_background()

    # --- integrity -----------------------------------------------------------------------
    def check_in_background(self) -> None:
        """A large vault is read page by page off the GUI thread right after sign-in
        (unlock itself only checks small ones): damage locks the window with a message."""
        self._integrity_call = Call(self.ws.vault.quick_check, self, blocks_lock=False)
        self._integrity_call.failed.connect(self._integrity_failed)
        self._integrity_call.start()

    def _calendar_changed(self) -> None:
        """A hearing added or recorded, a deadline done on the calendar: the Dashboard's
        counts and an open case's Court tab show it too."""
        if self.dashboard is not None:
            self.dashboard.refresh()
        self.record_view.court.reload()

    def _integrity_failed(self, error: BaseException) -> None:
        if isinstance(error, VaultLocked):
            return  # locked while the check ran: it runs again at the next sign-in
        self.lock()
        self.lock_screen.message.setText(
            str(error)
            if isinstance(error, LegalAidError)
            else _("The vault could not be checked; run 'legalaid check'.")
        )
        self.integrity_failed.emit(str(error))

    # --- structure -----------------------------------------------------------------------
    def _page(self, key: str) -> QWidget:
        if key == "dashboard":
            self.dashboard = DashboardPage(self.ws)
            self.dashboard.open_case.connect(self.open_case_timeline)
            self.dashboard.open_referral.connect(self.open_referral)
            self.dashboard.open_court.connect(self.open_court)
            self.dashboard.open_tile.connect(self.open_tile)
            return self.dashboard
        if key == "court":
            self.court_page = CourtPage(self.ws)
            self.court_page.open_case.connect(self.open_court)
            self.court_page.changed.connect(self._calendar_changed)
            return self.court_page
        if key == "monitoring":
            self.monitoring_page = MonitoringPage(self.ws)
            return self.monitoring_page
        if key == "reports":
            self.reports_page = ReportsPage(self.ws)
            self.reports_page.open_case.connect(lambda case_id: self.open_hit(Hit("case", case_id)))
            return self.reports_page
        if key == "directory":
            self.directory_page = DirectoryPage(self.ws)
            return self.directory_page
        if key == "referrals":
            self.referrals_page = ReferralsPage(self.ws)
            self.referrals_page.open_referral.connect(self.open_referral)
            return self.referrals_page
        if key == "administration":
            self.admin_page = AdminPage(self.ws)
            self.admin_page.idle_minutes_changed.connect(self._idle_minutes_changed)
            return self.admin_page
        if key == "cases":
            model: CaseListModel | PeopleListModel = CaseListModel(self.ws)
        elif key == "people":
            model = PeopleListModel(self.ws)
        else:
            return PlaceholderPage(dict((k, t) for k, t, _p in AREAS)[key])
        model.failed.connect(lambda message: self.statusBar().showMessage(message, 15_000))
        self.models.append(model)
        return ListPage(key, model)

    def _idle_minutes_changed(self, minutes: int) -> None:
        self.idle.set_minutes(minutes)
        self._update_status()

    def area_keys(self) -> list[str]:
        return list(self._areas)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.print_action = QAction(self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_record)
        self.print_action.setEnabled(False)
        self.pages.currentChanged.connect(self._update_print_action)
        self.file_menu.addAction(self.print_action)
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.quit_action)
        self.records_menu = bar.addMenu("")
        self.new_person_action = QAction(self)
        self.new_person_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_person_action.triggered.connect(self.new_person)
        self.new_person_action.setVisible(allowed(self.ws.actor.role, Permission.EDIT_PEOPLE))
        self.new_case_action = QAction(self)
        self.new_case_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_case_action.triggered.connect(lambda: self.new_case())
        self.new_case_action.setVisible(allowed(self.ws.actor.role, Permission.CREATE_CASES))
        self.advice_action = QAction(self)
        self.advice_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.advice_action.triggered.connect(self.show_advice_dialog)
        self.advice_action.setVisible(allowed(self.ws.actor.role, Permission.CREATE_CASES))
        self.intake_action = QAction(self)
        self.intake_action.setShortcut(QKeySequence("Ctrl+I"))
        self.intake_action.triggered.connect(lambda: self.new_intake())
        self.intake_action.setVisible(allowed(self.ws.actor.role, Permission.CREATE_CASES))
        self.records_menu.addAction(self.intake_action)
        self.records_menu.addAction(self.new_case_action)
        self.records_menu.addAction(self.new_person_action)
        self.records_menu.addAction(self.advice_action)
        self.consent_menu = self.records_menu.addMenu("")
        self.consent_menu.menuAction().setVisible(
            allowed(self.ws.actor.role, Permission.CREATE_CASES)
        )
        for code, name in DOCUMENT_LANGUAGES.items():
            action = self.consent_menu.addAction(name)
            action.triggered.connect(lambda _checked=False, c=code: self.print_consent_form(c))
        self.records_menu.menuAction().setVisible(
            allowed(self.ws.actor.role, Permission.EDIT_PEOPLE)
            or allowed(self.ws.actor.role, Permission.CREATE_CASES)
        )
        self.edit_menu = bar.addMenu("")
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.search_box.setFocus)
        self.edit_menu.addAction(self.find_action)
        self.language_menu = bar.addMenu("")
        self.language_actions = {}
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.help_menu = bar.addMenu("")
        self.help_action = QAction(self)
        self.help_action.setShortcut(QKeySequence("F1"))
        self.help_action.triggered.connect(self.show_help)
        self.help_menu.addAction(self.help_action)

    # --- language ------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        i18n.set_language(language)
        self.language_changed.emit(language)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Legal Aid Desk"))
        titles = dict((k, t) for k, t, _p in AREAS)
        for row, key in enumerate(self._areas):
            self.navigation.item(row).setText(_(titles[key]))
            page = self.pages.widget(row)
            if isinstance(page, PlaceholderPage):
                page.retranslate_ui()
        # As wide as the longest area name in this language (Kyrgyz and Russian run long).
        self.navigation.setFixedWidth(max(180, self.navigation.sizeHintForColumn(0) + 40))
        self.search_box.setPlaceholderText(
            _("Search people and cases: name in any script, PIN, phone, case number (Ctrl+F)")
        )
        self.search_box.setAccessibleName(_("Search"))
        self.file_menu.setTitle(_("&File"))
        self.lock_action.setText(_("&Lock"))
        self.print_action.setText(_("&Print…"))
        self.quit_action.setText(_("&Quit"))
        self.records_menu.setTitle(_("&Records"))
        self.new_person_action.setText(_("New &person"))
        self.new_case_action.setText(_("New &case"))
        self.advice_action.setText(_("&Advice visit…"))
        self.intake_action.setText(_("New &intake…"))
        self.consent_menu.setTitle(_("Print a &consent form"))
        self.edit_menu.setTitle(_("&Edit"))
        self.find_action.setText(_("&Find"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.help_action.setText(_("Legal Aid Desk &help"))
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.current_language())
        self.lock_screen.retranslate_ui(self.ws.actor.display_name)
        self._update_status()

    def _update_status(self) -> None:
        actor = self.ws.actor
        self.status_user.setText(
            _("{name} · {role} · office {office} · vault {vault}").format(
                name=actor.display_name,
                role=actor.role.label,
                office=actor.office_code,
                vault=self.ws.vault.path.name,
            )
        )
        self.status_lock.setText(
            _("Locks after {minutes} min idle").format(minutes=self.idle.minutes_left())
            if self.stack.currentWidget() is self.work
            else _("Locked")
        )

    def show_help(self) -> HelpWindow:
        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.activateWindow()
        return self.help_window

    # --- records -------------------------------------------------------------------------
    def _open_editor(self, form: Editor) -> None:
        """Show a form in place of the record (a form left open survives a lock, input and
        all); saving opens the record it saved."""
        if self.editor is not None:
            self.drafts.release()  # its unsaved input stays as a draft, offered again
            self.pages.removeWidget(self.editor)
            self.editor.deleteLater()
        self.editor = form
        form.saved.connect(self.drafts.forget)
        if isinstance(form, IntakeForm):
            form.saved.connect(self._intake_submitted)
        else:
            kind = "person" if isinstance(form, PersonForm) else "case"
            form.saved.connect(lambda info: self.open_hit(Hit(kind, info.id)))
        self.draft_banner.refresh(skip=form.draft_key)
        self.pages.setCurrentIndex(self.pages.addWidget(form))
        self._leave_navigation()
        self.search_panel.hide()

    def _leave_navigation(self) -> None:
        """A record or form is shown: no area is current, so clicking any area (even the
        one the record was opened from) goes back to it."""
        self.navigation.blockSignals(True)
        self.navigation.setCurrentRow(-1)
        self.navigation.blockSignals(False)

    def show_advice_dialog(self) -> AdviceDialog:
        """An advice-only visit (no case, no name), recorded from a small dialog."""
        dialog = AdviceDialog(self.ws, self)
        dialog.recorded.connect(
            lambda _id: self.statusBar().showMessage(_("The advice visit was recorded."), 10_000)
        )
        self.advice_dialog = dialog
        dialog.open()
        return dialog

    def new_intake(self) -> IntakeForm:
        """An intake interview, step by step (Ctrl+I)."""
        form = IntakeForm(self.ws)
        self._open_editor(form)
        form.open_step(0)
        return form

    def _intake_submitted(self, result: IntakeResult) -> None:
        """The case it opened is shown; an anonymous record leaves the form, cleared, with
        its notice (no case, no name)."""
        if result.message:
            self.statusBar().showMessage(result.message, 15_000)
        if result.case_id is not None:
            self.open_hit(Hit("case", result.case_id))
        if self.dashboard is not None:
            self.dashboard.refresh()  # an urgent intake appears there at once

    def new_person(self) -> PersonForm:
        form = PersonForm(self.ws)
        self._open_editor(form)
        form.surname.setFocus()
        return form

    def new_case(self, parties: tuple[tuple[int, str, PartyRole], ...] = ()) -> CaseForm:
        form = CaseForm(self.ws, parties=parties)
        self._open_editor(form)
        form.category.setFocus()
        return form

    def new_case_for(self, person: PersonInfo) -> CaseForm:
        return self.new_case(((person.id, person.full_name, PartyRole.CLIENT),))

    def resume_draft(self, draft: DraftInfo) -> Editor | None:
        """Open the form the draft belongs to, with the draft's input in it."""
        if draft.form == TIMELINE_DRAFT:
            self._resume_timeline_draft(draft)
            return None
        if draft.form == REFERRAL_DRAFT:
            self._resume_referral_draft(draft)
            return None
        if draft.form == OBSERVATION_DRAFT:
            if self.monitoring_page is not None and draft.record_id is not None:
                self.navigation.setCurrentRow(self.area_keys().index("monitoring"))
                self.monitoring_page.open_observation(draft.record_id)  # it restores the draft
            self.draft_banner.refresh()
            return None
        try:
            if draft.form == INTAKE_DRAFT:
                form: Editor = IntakeForm(self.ws)
            elif draft.form == "person":
                form = PersonForm(
                    self.ws,
                    people.get_person(self.ws, draft.record_id) if draft.record_id else None,
                )
            else:
                form = CaseForm(
                    self.ws, cases.get_case(self.ws, draft.record_id) if draft.record_id else None
                )
            form.set_state(draft.state)
        except LegalAidError as error:
            self.statusBar().showMessage(str(error), 10_000)
            self.draft_banner.refresh()
            return None
        if draft.record_id is None:
            form.new_slot = draft.slot  # later writes replace this draft, not a new one
        self._open_editor(form)
        self.drafts.adopt(form.draft_key, draft.state)
        return form

    def _resume_timeline_draft(self, draft: DraftInfo) -> None:
        """A note or task typed on a case's timeline: the case opens there with the text."""
        if draft.record_id is None:
            return
        self.open_case_timeline(draft.record_id)
        if self.record_view.record_id != draft.record_id:
            self.draft_banner.refresh()  # not opened (no longer visible): the draft stays
            return
        self.record_view.timeline.restore_typed(draft.state)
        self._discard_draft(TIMELINE_DRAFT, draft.record_id)

    def _discard_draft(self, form: str, record_id: int) -> None:
        try:
            drafts.discard_draft(self.ws, form, record_id)
        except LegalAidError as error:
            self.statusBar().showMessage(str(error), 10_000)
        self.draft_banner.refresh(skip=self.editor.draft_key if self.editor else None)

    def edit_record(self, info: PersonInfo | CaseInfo) -> PersonForm | CaseForm:
        """The record's form; changes kept from before (a draft) come back into it."""
        form: PersonForm | CaseForm = (
            PersonForm(self.ws, info) if isinstance(info, PersonInfo) else CaseForm(self.ws, info)
        )
        kept = self._draft_of(form.draft_key)
        if kept is not None:
            form.set_state(kept.state)
            self.statusBar().showMessage(
                _("Your unsaved changes from {when} are back in the form.").format(
                    when=format_datetime(kept.saved_at.astimezone(), "short")
                ),
                15_000,
            )
        self._open_editor(form)
        if kept is not None:
            self.drafts.adopt(form.draft_key, kept.state)
        return form

    def _draft_of(self, key: tuple[str, int | None]) -> DraftInfo | None:
        try:
            return next((d for d in drafts.my_drafts(self.ws) if (d.form, d.slot) == key), None)
        except LegalAidError:
            return None

    def _keep_timeline_typing(self) -> bool:
        """A note or task typed on the open case's timeline and not saved becomes the
        person's draft (offered in the banner). True when there was something to keep."""
        view = self.record_view
        if view.kind != "case" or view.record_id is None or not view.timeline.has_typed():
            return False
        if not self.ws.vault.is_unlocked:
            return False
        try:
            drafts.save_draft(self.ws, TIMELINE_DRAFT, view.record_id, view.timeline.typed())
        except LegalAidError as error:
            self.statusBar().showMessage(str(error), 10_000)
            return False
        self.draft_banner.refresh(skip=self.editor.draft_key if self.editor else None)
        return True

    def open_tile(self, key: str) -> None:
        """A Dashboard tile's list: the area that holds it, filtered to what it counted."""
        keys = self.area_keys()
        if key == "drafts":
            if self.draft_banner.isVisible():
                self.draft_banner.resume_button.click()
            return
        if key in ("returned_observations", "to_review") and "monitoring" in keys:
            self.navigation.setCurrentRow(keys.index("monitoring"))
            if self.monitoring_page is not None:
                returned = key == "returned_observations"
                self.monitoring_page.show_filtered(
                    ObservationStatus.RETURNED if returned else ObservationStatus.SUBMITTED,
                    mine=returned,
                )
            return
        area = {
            "open_cases": "cases",
            "overdue_referrals": "referrals",
            "hearings_week": "court",
            "deadlines_week": "court",
        }.get(key, "reports")
        if area not in keys:
            return
        self.navigation.setCurrentRow(keys.index(area))
        if area == "cases" and self.models:
            page = self.pages.currentWidget()
            filters = getattr(page, "filters", None)
            if filters is not None:
                select_data(filters.lawyer, self.ws.actor.login)
                select_data(filters.status, NOT_CLOSED)
                select_data(filters.period, "any")
        elif area == "referrals" and self.referrals_page is not None:
            select_data(self.referrals_page.filter, "overdue")
        elif area == "court" and self.court_page is not None:
            self.court_page.show_agenda()
        elif area == "reports" and self.reports_page is not None:
            self.reports_page.show_month()

    def open_case_timeline(self, case_id: int) -> None:
        """From a task on the dashboard: the case, on its timeline where the task is."""
        self.open_hit(Hit("case", case_id))
        if self.record_view.kind == "case":
            self.record_view.tabs.setCurrentIndex(self.record_view.timeline_tab)

    def open_referral(self, case_id: int, referral_id: int) -> None:
        """From the Referrals page or the Dashboard: the case, on its Referrals tab."""
        self.open_hit(Hit("case", case_id))
        view = self.record_view
        if view.kind == "case" and view.record_id == case_id:
            view.tabs.setCurrentIndex(view.referrals_tab)
            view.referrals.select_referral(referral_id)

    def open_court(self, case_id: int, proceeding_id: int = 0) -> None:
        """From the Court page or the Dashboard: the case, on its Court tab."""
        self.open_hit(Hit("case", case_id))
        view = self.record_view
        court_tab = getattr(view, "court_tab", None)
        if view.kind == "case" and view.record_id == case_id and court_tab is not None:
            view.tabs.setCurrentIndex(court_tab)
            if proceeding_id:
                view.court.select_proceeding(proceeding_id)

    def _referral_draft_kept(self) -> None:
        if self.ws.vault.is_unlocked:
            self.draft_banner.refresh(skip=self.editor.draft_key if self.editor else None)

    def _resume_referral_draft(self, draft: DraftInfo) -> None:
        """A referral form kept as a draft: the case opens on its Referrals tab with it."""
        if draft.record_id is None:
            return
        self.open_hit(Hit("case", draft.record_id))
        view = self.record_view
        if view.record_id != draft.record_id:
            self.draft_banner.refresh()  # not opened (no longer visible): the draft stays
            return
        view.tabs.setCurrentIndex(view.referrals_tab)
        view.referrals.resume_draft(draft.state)

    def open_hit(self, hit: Hit) -> None:
        """Open a person or a case (the opening is audited by the service)."""
        view = self.record_view
        if (view.kind, view.record_id) != (hit.kind, hit.id):
            self._keep_timeline_typing()  # a note half-typed on the case being left
        try:
            if hit.kind == "case":
                self.record_view.show_case(self.ws, hit.id)
            else:
                self.record_view.show_person(self.ws, hit.id)
        except LegalAidError as error:
            self.statusBar().showMessage(str(error), 10_000)
            return
        self._leave_navigation()
        self.pages.setCurrentIndex(self.record_page_index)
        self.search_panel.hide()

    # --- printing ------------------------------------------------------------------------
    def print_record(self) -> QMenu | QPrintDialog | None:
        """Print the open record. A case: its summary sheet (a PDF), in a language asked
        first (the interface's offered), then Qt's print dialog; a person: the sheet as
        shown, through Qt's print dialog (in the interface language)."""
        if self.pages.currentIndex() != self.record_page_index or self.record_view.kind is None:
            return None
        if self.record_view.kind == "case" and self.record_view.record_id is not None:
            return self._ask_summary_language(self.record_view.record_id)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        self.print_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # like open(): never blocks (its typed open() wants a slot)
        return dialog

    def _ask_summary_language(self, case_id: int) -> QMenu:
        """A small menu of the document languages over the record, the interface's language
        chosen (Enter takes it); never blocks."""
        if self.print_language_menu is not None:
            self.print_language_menu.close()
            self.print_language_menu.deleteLater()
        menu = QMenu(self)
        caption = menu.addAction(_("Print the case summary in:"))
        caption.setEnabled(False)
        current = None
        for code, name in DOCUMENT_LANGUAGES.items():
            action = menu.addAction(name)
            action.setData(code)
            action.triggered.connect(
                lambda _checked=False, c=code: self.print_case_summary(case_id, c)
            )
            if code == i18n.current_language():
                current = action
        menu.addSeparator()
        court = menu.addAction(_("Print the court history in:"))
        court.setEnabled(False)
        for code, name in DOCUMENT_LANGUAGES.items():
            action = menu.addAction(name)
            action.setData(f"court:{code}")
            action.triggered.connect(
                lambda _checked=False, c=code: self.print_court_history(case_id, c)
            )
        self.print_language_menu = menu
        menu.popup(self.record_view.mapToGlobal(self.record_view.rect().center()), current)
        if current is not None:
            menu.setActiveAction(current)
        return menu

    def print_case_summary(self, case_id: int, language: str) -> QPrintDialog | None:
        """Qt's print dialog for a case's summary in `language` (made and audited only when
        the person prints); nothing when the screen was locked or another record opened
        while the language was being chosen."""
        view = self.record_view
        locked = self.stack.currentWidget() is not self.work
        if locked or (view.kind, view.record_id) != ("case", case_id):
            return None
        return self.print_document(lambda: case_summary_pdf(self.ws, case_id, language))

    def print_court_history(self, case_id: int, language: str) -> QPrintDialog | None:
        """Qt's print dialog for the court history of a case (proceedings, hearings,
        deadlines, custody) in `language`; made and audited only when printed."""
        view = self.record_view
        locked = self.stack.currentWidget() is not self.work
        if locked or (view.kind, view.record_id) != ("case", case_id):
            return None
        return self.print_document(lambda: court_history_pdf(self.ws, case_id, language))

    def print_to(self, printer: QPrinter, language: str | None = None) -> None:
        """Print the open record onto `printer` (no dialog): a case's summary sheet in
        `language` (the interface's when None), a person's sheet as shown."""
        view = self.record_view
        if view.kind is None or view.record_id is None:
            return
        if view.kind == "case":
            case_id, chosen = view.record_id, language or i18n.current_language()
            self._print_made(lambda: case_summary_pdf(self.ws, case_id, chosen), printer)
            return
        try:
            printing.record_printed(self.ws, view.kind, view.record_id)
        except LegalAidError as error:
            self.statusBar().showMessage(str(error), 10_000)
            return  # not audited, not printed
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setHtml(view.printable_html())
        document.print_(printer)

    def print_document(self, make_pdf: Callable[[], bytes]) -> QPrintDialog:
        """Qt's print dialog first; the PDF is made (and, for a record, audited) only
        when the person prints, in memory, and drawn page by page onto the printer."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self._print_made(make_pdf, printer))
        self.print_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def _print_made(self, make_pdf: Callable[[], bytes], printer: QPrinter) -> None:
        try:
            data = make_pdf()
        except LegalAidError as error:
            self.statusBar().showMessage(str(error), 15_000)
            return
        print_pdf(data, printer)

    def print_intake_record(self, case_id: int, language: str) -> QPrintDialog:
        return self.print_document(lambda: intake_record_pdf(self.ws, case_id, language))

    def print_consent_form(self, language: str) -> QPrintDialog:
        return self.print_document(lambda: consent_form_pdf(self.ws, language))

    # --- locking -------------------------------------------------------------------------
    def _update_print_action(self) -> None:
        self.print_action.setEnabled(
            self.pages.currentIndex() == self.record_page_index
            and self.stack.currentWidget() is self.work
        )

    def _work_actions(self) -> list[QAction]:
        """What acts on records: unavailable while the screen is locked."""
        return [
            self.intake_action,
            self.new_person_action,
            self.new_case_action,
            self.advice_action,
            self.find_action,
            self.print_action,
        ]

    def lock(self) -> None:
        """Hide everything, drop client data from the models, wipe the key."""
        if self.stack.currentWidget() is self.lock_screen:
            return
        if Call.running_that_block_lock > 0:
            # A key rotation, backup or file being stored finishes first (never cut in half).
            if not self._lock_pending:
                self._lock_pending = True
                self.statusBar().showMessage(
                    _("The screen locks as soon as the current task is done."), 30_000
                )
            QTimer.singleShot(200, self.lock)
            return
        self._lock_pending = False
        # A referral form is kept as a draft before the dialogs close (closing one is
        # cancelling it); it comes back open if the same person unlocks.
        self._reopen_referral_form = self.record_view.referrals.keep_draft()
        self._close_dialogs()
        self.drafts.keep()  # whoever signs in next, the input typed so far is in the vault
        self.drafts.stop()
        self.clipboard_guard.clear_ours()
        self.draft_banner.clear()
        for model in self.models:
            model.clear()
        self.search_panel.clear()
        if self.dashboard is not None:
            self.dashboard.clear()
        if self.referrals_page is not None:
            self.referrals_page.clear()
        if self.directory_page is not None:
            self.directory_page.clear()
        if self.court_page is not None:
            self.court_page.clear()
        if self.monitoring_page is not None:
            self.monitoring_page.clear()  # saves what is typed first: the vault is open
        if self.reports_page is not None:
            self.reports_page.clear()
        if self.admin_page is not None:
            self.admin_page.clear()
        view = self.record_view
        self._reopen_after_unlock = None
        # Whoever signs in next, a note typed on the open case waits as this person's draft.
        kept_typing = self._keep_timeline_typing()
        if self.pages.currentIndex() == self.record_page_index and view.record_id is not None:
            # Shown again after the same person unlocks (opened anew, so audited anew),
            # with what was typed in the timeline's forms.
            self._reopen_after_unlock = (
                Hit(view.kind or "case", view.record_id),
                view.tabs.currentIndex(),
                view.timeline.typed() if kept_typing else {},
            )
            self.navigation.setCurrentRow(0)  # the record view showed client data: gone
        view.clear()
        self._drop_clean_editor()
        self.stack.setCurrentWidget(self.lock_screen)
        for action in self._work_actions():
            action.setEnabled(False)
        self.idle.stop()
        try:
            auth.lock(self.ws)
        except Exception:  # noqa: BLE001 - locking must happen even if the audit write fails
            self.ws.vault.lock()
        self.lock_screen.message.clear()
        self.lock_screen.passphrase.setFocus()
        self._update_status()
        self.locked.emit()

    def _close_dialogs(self) -> None:
        """File, print, progress and question dialogs may show a client's name: gone."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and self._owns(widget):
                widget.reject()
                widget.close()

    def _owns(self, widget: QWidget) -> bool:
        """Opened from this window (isAncestorOf stops at window borders)."""
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def _drop_clean_editor(self) -> None:
        """A form with nothing unsaved holds only what is in the vault: it goes at a lock
        (a form with unsaved input stays, hidden, for the same person's unlock)."""
        if self.editor is None:
            return
        if isinstance(self.editor, CaseForm):
            self.editor.party_picker.clear()  # its results are client names
        if isinstance(self.editor, IntakeForm):
            self.editor.clear_lookups()  # duplicate candidates and conflict matches
        if not self.editor.is_dirty():
            self.pages.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None

    def unlock_in_background(self, passphrase: str) -> None:
        """From the lock screen: Argon2id takes about a second, so off the GUI thread."""
        if self._unlock_call is not None:
            return
        screen = self.lock_screen
        screen.setEnabled(False)
        screen.message.setText(_("Opening the vault…"))
        self._unlock_call = Call(lambda: auth.unlock_again(self.ws, passphrase), self)
        self._unlock_call.done.connect(lambda _ws: self._unlocked())
        self._unlock_call.failed.connect(self._unlock_failed)
        self._unlock_call.start()

    def _unlock_failed(self, error: BaseException) -> None:
        self._unlock_call = None
        self.lock_screen.setEnabled(True)
        self.lock_screen.message.setText(
            str(error) if isinstance(error, LegalAidError) else _("An unexpected error occurred.")
        )
        self.lock_screen.passphrase.setFocus()

    def unlock(self, passphrase: str) -> None:
        """Unlock on the GUI thread (the lock screen uses unlock_in_background)."""
        try:
            auth.unlock_again(self.ws, passphrase)
        except LegalAidError as error:
            self.lock_screen.message.setText(str(error))
            return
        self._unlocked()

    def _unlocked(self) -> None:
        self._unlock_call = None
        self.lock_screen.setEnabled(True)
        self.lock_screen.message.clear()
        for action in self._work_actions():
            action.setEnabled(True)
        for model in self.models:
            model.reload()
        if self.admin_page is not None:
            self.admin_page.refresh()
        if self.dashboard is not None:
            self.dashboard.refresh()
        self.draft_banner.refresh(skip=self.editor.draft_key if self.editor else None)
        self.drafts.start()
        self.stack.setCurrentWidget(self.work)
        self._update_print_action()
        if self._reopen_after_unlock is not None:
            hit, tab, typed = self._reopen_after_unlock
            self._reopen_after_unlock = None
            self.open_hit(hit)
            if self.record_view.record_id == hit.id:
                self.record_view.tabs.setCurrentIndex(tab)
                if typed:
                    self.record_view.timeline.restore_typed(typed)
                    self._discard_draft(TIMELINE_DRAFT, hit.id)
                kept = self._draft_of((REFERRAL_DRAFT, hit.id))
                if self._reopen_referral_form and kept is not None:
                    self._resume_referral_draft(kept)
        self.idle.start()
        self._update_status()

    def has_unsaved_input(self) -> bool:
        return (
            (self.editor is not None and self.editor.is_dirty())
            or self.record_view.timeline.has_typed()
            or self.record_view.referrals.has_typed()
        )

    def refuse_for_unsaved_input(self) -> None:
        """Something that replaces the vault (a restore) waits for the open form."""
        self.statusBar().showMessage(
            _("First save or discard the form that is open with unsaved changes."), 15_000
        )
        if self.editor is not None and self.editor.is_dirty():
            self.pages.setCurrentWidget(self.editor)
        else:
            self.pages.setCurrentIndex(self.record_page_index)
            self.record_view.tabs.setCurrentIndex(self.record_view.timeline_tab)
        self._leave_navigation()

    def _must_ask_before_closing(self) -> bool:
        return (
            self.ASK_BEFORE_CLOSING
            and not self._close_confirmed
            and self.editor is not None
            and self.stack.currentWidget() is self.work  # locked: the draft is kept already
            and self.editor.is_dirty()
        )

    def _ask_before_closing(self) -> None:
        if self.close_question is not None:
            self.close_question.activateWindow()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Legal Aid Desk"),
            _("The open form has changes that are not saved."),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.buttonClicked.connect(lambda button: self._close_answered(box.standardButton(button)))
        box.finished.connect(self._close_question_gone)
        self.close_question = box
        box.open()

    def _close_question_gone(self) -> None:
        self.close_question = None

    def _close_answered(self, answer: QMessageBox.StandardButton) -> None:
        if answer == QMessageBox.StandardButton.Save and self.editor is not None:
            self.editor.save()  # a refusal shows at the field and the window stays
            if self.editor.is_dirty():
                return
        elif answer == QMessageBox.StandardButton.Discard:
            self.drafts.forget()
        else:
            return
        self._close_confirmed = True
        QTimer.singleShot(0, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        if self._must_ask_before_closing():
            event.ignore()
            self._ask_before_closing()
            return
        if self._close_confirmed is False and self.stack.currentWidget() is self.work:
            self.drafts.keep()  # not asked (or nothing to ask): keep what there is
        if self.stack.currentWidget() is self.work:
            self._keep_timeline_typing()  # a half-typed note waits for the next sign-in
            self.record_view.referrals.keep_draft()  # so does a referral form
            if self.monitoring_page is not None:
                self.monitoring_page.clear()  # an observation's typed facts and notes saved
        self.drafts.stop()
        self.clipboard_guard.stop()
        for model in self.models:
            model.close()
        self.idle.stop()
        self._status_timer.stop()
        self.ws.close()
        super().closeEvent(event)
