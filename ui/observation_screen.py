"""The courtroom screen of one observation: fast, quiet entry on a laptop.

Left, the pages: the hearing (where, what, when, who), the defendants, then only the sections
of the checklist that apply to this hearing (with how many items are answered and how many
raised a concern). In the middle, the page. On the right, the notes, always at hand (F9).
On top, the number and state, a running clock of the hearing and the buttons that stamp
"hearing started" (F5), "break" (F6), "resumed" (F7) and "ended" (F8).

Everything is saved as it is entered: an answer at once, typed fields when they are left or
a moment after the last key, so a flat battery or an auto-lock loses nothing. What the
service refuses is said at its field and stays as typed. Ctrl+PgDown / Ctrl+PgUp move between
pages; in a section, Y / N / O / A answer an item and move on (see ui/checklist_items.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.checklists import HearingContext, Section, Template
from legalaid.domain.enums import (
    AgeBand,
    CounselType,
    CustodyStatus,
    Gender,
    HearingKind,
    Language,
    Plea,
    ProceedingKind,
    TrialStage,
)
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import _, current_language, ngettext, sentence_case
from legalaid.services import checklist_templates, courts, drafts, observations
from legalaid.services.observations import DefendantInput, ObservationInfo, ObservationInput
from legalaid.services.workspace import Workspace
from ui.checklist_items import ItemRow
from ui.choices import narrow, select_data
from ui.court_dialogs import CourtChooser, DateTimeField
from ui.field_rows import FieldRows
from ui.intake_steps import DateField, text_box
from ui.messages import error_text

SAVE_DELAY_MS = 800  # typed fields are saved this long after the last key
YN4_FIELDS = ("adjourned", "prosecutor_present", "victim_present")
CLOCK_KEYS = {"started": "F5", "break": "F6", "resumed": "F7", "ended": "F8"}


def _scrolled(content: QWidget) -> QScrollArea:
    """A page that scrolls down, never sideways: the middle pane is narrow."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


def _combo(members: Any) -> QComboBox:
    combo = narrow(QComboBox())
    combo.addItem("", None)
    for member in members:
        combo.addItem("", member.value)
    return combo


def _label_members(combo: QComboBox, members: Any) -> None:
    combo.setItemText(0, _("— not said —"))
    for index, member in enumerate(members, start=1):
        combo.setItemText(index, sentence_case(member.label))


def _number_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(-1, 10_000)
    box.setSpecialValueText("—")  # -1: not counted
    box.setValue(-1)
    return box


class HearingPage(QWidget):
    """Where, what and when: the hearing's facts (saved a moment after the last change)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.court = CourtChooser()
        self.courtroom = QLineEdit()
        self.court_number = QLineEdit()
        self.case_kind = _combo(ProceedingKind)
        self.charges = QLineEdit()
        self.stage = _combo(TrialStage)
        self.stage_detail = QLineEdit()
        self.hearing_kind = _combo(HearingKind)
        self.judges = QLineEdit()
        self.panel = QCheckBox()
        self.scheduled_at = DateTimeField()
        self.started_at = DateTimeField()
        self.ended_at = DateTimeField()
        self.yn4 = {name: narrow(QComboBox()) for name in YN4_FIELDS}
        for combo in self.yn4.values():
            for code in (None, "yes", "no", "not_observed", "not_applicable"):
                combo.addItem("", code)
        self.adjourned_reason = narrow(QComboBox())
        self.next_date = DateField()
        self.witnesses = _number_box()
        self.guards = _number_box()
        self.second_monitor = narrow(QComboBox())
        self.outcome = text_box(60)
        self.rows = FieldRows(
            {
                "court_id": self.court,
                "courtroom": self.courtroom,
                "court_number": self.court_number,
                "case_kind": self.case_kind,
                "charges": self.charges,
                "stage": self.stage,
                "stage_detail": self.stage_detail,
                "hearing_kind": self.hearing_kind,
                "judges": self.judges,
                "panel": self.panel,
                "scheduled_at": self.scheduled_at,
                "started_at": self.started_at,
                "ended_at": self.ended_at,
                "adjourned": self.yn4["adjourned"],
                "adjourned_reason": self.adjourned_reason,
                "next_date": self.next_date,
                "prosecutor_present": self.yn4["prosecutor_present"],
                "victim_present": self.yn4["victim_present"],
                "witnesses": self.witnesses,
                "guards": self.guards,
                "second_monitor_login": self.second_monitor,
                "outcome": self.outcome,
            }
        )
        form = QWidget()
        column = QVBoxLayout(form)
        column.addLayout(self.rows.layout)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_scrolled(form))
        for line in (
            self.courtroom,
            self.court_number,
            self.charges,
            self.stage_detail,
            self.judges,
            self.next_date,
            self.scheduled_at.date_part,
            self.scheduled_at.time_part,
            self.started_at.date_part,
            self.started_at.time_part,
            self.ended_at.date_part,
            self.ended_at.time_part,
        ):
            line.textEdited.connect(lambda _t: self.changed.emit())
        for combo in (
            self.case_kind,
            self.stage,
            self.hearing_kind,
            self.adjourned_reason,
            self.second_monitor,
            *self.yn4.values(),
        ):
            combo.activated.connect(lambda _i: self.changed.emit())
        self.panel.toggled.connect(lambda _on: self.changed.emit())
        self.witnesses.valueChanged.connect(lambda _v: self.changed.emit())
        self.guards.valueChanged.connect(lambda _v: self.changed.emit())
        self.outcome.textChanged.connect(self.changed.emit)
        self.court.chosen.connect(self.changed.emit)

    def load(
        self,
        info: ObservationInfo,
        found_courts: list[courts.CourtInfo],
        monitors: list[tuple[str, str]],
        reasons: list[tuple[str, str]],
    ) -> None:
        data = info.data
        widgets: list[QWidget] = [self, *self.rows.fields.values()]
        for widget in widgets:
            widget.blockSignals(True)
        self.court.set_courts(found_courts, data.court_id)
        self.courtroom.setText(data.courtroom)
        self.court_number.setText(data.court_number)
        select_data(self.case_kind, data.case_kind)
        self.charges.setText(data.charges)
        select_data(self.stage, data.stage)
        self.stage_detail.setText(data.stage_detail)
        select_data(self.hearing_kind, data.hearing_kind)
        self.judges.setText(data.judges)
        self.panel.setChecked(data.panel)
        for field, value in (
            (self.scheduled_at, data.scheduled_at),
            (self.started_at, data.started_at),
            (self.ended_at, data.ended_at),
        ):
            field.set_value(value)
        for name, combo in self.yn4.items():
            select_data(combo, getattr(data, name))
        self.adjourned_reason.clear()
        self.adjourned_reason.addItem("", None)
        for code, label in reasons:
            self.adjourned_reason.addItem(label, code)
        select_data(self.adjourned_reason, data.adjourned_reason)
        self.next_date.set_date(data.next_date)
        self.witnesses.setValue(-1 if data.witnesses is None else data.witnesses)
        self.guards.setValue(-1 if data.guards is None else data.guards)
        self.second_monitor.clear()
        self.second_monitor.addItem("", None)
        for login, name in monitors:
            if login != info.monitor_login:
                self.second_monitor.addItem(f"{name} ({login})", login)
        select_data(self.second_monitor, data.second_monitor_login)
        self.outcome.setPlainText(data.outcome)
        for widget in widgets:
            widget.blockSignals(False)

    def state(self) -> dict[str, Any]:
        """Everything as typed, readable or not (kept as a draft when it cannot be saved)."""
        texts = {
            name: widget.text()
            for name, widget in self.rows.fields.items()
            if isinstance(widget, QLineEdit)
        }
        moments = {
            name: list(field.texts())
            for name, field in (
                ("scheduled_at", self.scheduled_at),
                ("started_at", self.started_at),
                ("ended_at", self.ended_at),
            )
        }
        combos = {
            name: widget.currentData()
            for name, widget in self.rows.fields.items()
            if isinstance(widget, QComboBox)
        }
        return {
            "texts": texts,
            "moments": moments,
            "combos": combos,
            "court_id": self.court.court_id(),
            "panel": self.panel.isChecked(),
            "witnesses": self.witnesses.value(),
            "guards": self.guards.value(),
            "outcome": self.outcome.toPlainText(),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        for name, text in state.get("texts", {}).items():
            widget = self.rows.fields.get(name)
            if isinstance(widget, QLineEdit):
                widget.setText(str(text))
        for name, parts in state.get("moments", {}).items():
            field = self.rows.fields.get(name)
            if isinstance(field, DateTimeField) and len(parts) == 2:
                field.set_texts(str(parts[0]), str(parts[1]))
        for name, value in state.get("combos", {}).items():
            widget = self.rows.fields.get(name)
            if isinstance(widget, QComboBox):
                select_data(widget, value)
        if state.get("court_id") is not None:
            self.court.set_court(int(state["court_id"]))
        self.panel.setChecked(bool(state.get("panel")))
        self.witnesses.setValue(int(state.get("witnesses", -1)))
        self.guards.setValue(int(state.get("guards", -1)))
        self.outcome.setPlainText(str(state.get("outcome", "")))

    def read(self, before: ObservationInput) -> ObservationInput | None:
        """The facts as typed; None (said at the field) when a date or time cannot be read."""
        self.rows.clear_errors()
        moments: dict[str, dt.datetime | None] = {}
        for name, field in (
            ("scheduled_at", self.scheduled_at),
            ("started_at", self.started_at),
            ("ended_at", self.ended_at),
        ):
            value, problem, _part = field.read(time_needed=True)
            if problem is not None:
                self.rows.show_error(name, problem)
                return None
            moments[name] = value
        if not self.next_date.is_valid():
            self.rows.show_error("next_date", _("Write the date as dd.mm.yyyy, e.g. 28.11.2026."))
            return None
        return dataclasses.replace(
            before,
            court_id=self.court.court_id(),
            courtroom=self.courtroom.text(),
            court_number=self.court_number.text(),
            case_kind=self.case_kind.currentData(),
            charges=self.charges.text(),
            stage=self.stage.currentData(),
            stage_detail=self.stage_detail.text(),
            hearing_kind=self.hearing_kind.currentData(),
            judges=self.judges.text(),
            panel=self.panel.isChecked(),
            adjourned=self.yn4["adjourned"].currentData(),
            adjourned_reason=self.adjourned_reason.currentData(),
            next_date=self.next_date.date(),
            prosecutor_present=self.yn4["prosecutor_present"].currentData(),
            victim_present=self.yn4["victim_present"].currentData(),
            witnesses=None if self.witnesses.value() < 0 else self.witnesses.value(),
            guards=None if self.guards.value() < 0 else self.guards.value(),
            second_monitor_login=self.second_monitor.currentData(),
            outcome=self.outcome.toPlainText(),
            **moments,
        )

    def retranslate_ui(self) -> None:
        self.rows.set_labels(
            {
                "court_id": _("C&ourt"),
                "courtroom": _("Courtroom or office"),
                "court_number": _("Court case number"),
                "case_kind": _("Kind of case"),
                "charges": _("Charges (code, article, part)"),
                "stage": _("Stage"),
                "stage_detail": _("Stage in detail"),
                "hearing_kind": _("Kind of hearing"),
                "judges": _("Judge or panel"),
                "panel": _("Heard by a panel"),
                "scheduled_at": _("Scheduled for"),
                "started_at": _("Started at"),
                "ended_at": _("Ended at"),
                "adjourned": _("Adjourned"),
                "adjourned_reason": _("Why adjourned"),
                "next_date": _("Next date"),
                "prosecutor_present": _("Prosecutor present"),
                "victim_present": _("Victim present"),
                "witnesses": _("Witnesses heard"),
                "guards": _("Guards in the room"),
                "second_monitor_login": _("Second monitor"),
                "outcome": _("Outcome of the hearing"),
            }
        )
        for combo, members in (
            (self.case_kind, ProceedingKind),
            (self.stage, TrialStage),
            (self.hearing_kind, HearingKind),
        ):
            _label_members(combo, members)
        answers = (_("Yes"), _("No"), _("Not observed"), _("Not applicable"))
        for combo in self.yn4.values():
            combo.setItemText(0, _("— not said —"))
            for index, text in enumerate(answers, start=1):
                combo.setItemText(index, text)
        if self.adjourned_reason.count():
            self.adjourned_reason.setItemText(0, _("— not said —"))
        if self.second_monitor.count():
            self.second_monitor.setItemText(0, _("nobody"))
        self.charges.setPlaceholderText(_("e.g. CC 350(1); one per line or separated by ;"))
        self.court_number.setPlaceholderText(_("as on the court's list"))
        self.judges.setPlaceholderText(_("as announced in court"))
        self.court.retranslate_ui()
        for field in (self.scheduled_at, self.started_at, self.ended_at):
            field.retranslate_ui()
        self.next_date.retranslate_ui()


class DefendantEditor(QWidget):
    """One defendant: a pseudonym and the facts findings count (no name)."""

    changed = Signal()
    remove = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.pseudonym = QLineEdit()
        self.pseudonym.setMaxLength(64)
        self.sex = _combo((Gender.FEMALE, Gender.MALE))
        self.age_band = _combo(AgeBand)
        self.juvenile = QCheckBox()
        self.custody = _combo(CustodyStatus)
        self.detention_place = QLineEdit()
        self.language = _combo(Language)
        self.disability = QCheckBox()
        self.plea = _combo(Plea)
        self.counsel = _combo(CounselType)
        self.remove_button = QPushButton()
        self.rows = FieldRows(
            {
                "pseudonym": self.pseudonym,
                "sex": self.sex,
                "age_band": self.age_band,
                "juvenile": self.juvenile,
                "custody": self.custody,
                "detention_place": self.detention_place,
                "language": self.language,
                "disability": self.disability,
                "plea": self.plea,
                "counsel": self.counsel,
            }
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows.layout)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        for line in (self.pseudonym, self.detention_place):
            line.textEdited.connect(lambda _t: self.changed.emit())
        for combo in (self.sex, self.age_band, self.custody, self.language, self.plea):
            combo.activated.connect(lambda _i: self.changed.emit())
        self.counsel.activated.connect(lambda _i: self.changed.emit())
        for box in (self.juvenile, self.disability):
            box.toggled.connect(lambda _on: self.changed.emit())
        self.remove_button.clicked.connect(lambda: self.remove.emit(self))
        self.retranslate_ui()

    def load(self, data: DefendantInput) -> None:
        for widget in self.rows.fields.values():
            widget.blockSignals(True)
        self.pseudonym.setText(data.pseudonym)
        for combo, value in (
            (self.sex, data.sex),
            (self.age_band, data.age_band),
            (self.custody, data.custody),
            (self.language, data.language),
            (self.plea, data.plea),
            (self.counsel, data.counsel),
        ):
            select_data(combo, value)
        self.juvenile.setChecked(data.juvenile)
        self.detention_place.setText(data.detention_place)
        self.disability.setChecked(data.disability)
        for widget in self.rows.fields.values():
            widget.blockSignals(False)

    def read(self) -> DefendantInput:
        return DefendantInput(
            pseudonym=self.pseudonym.text(),
            sex=self.sex.currentData(),
            age_band=self.age_band.currentData(),
            juvenile=self.juvenile.isChecked(),
            custody=self.custody.currentData(),
            detention_place=self.detention_place.text(),
            language=self.language.currentData(),
            disability=self.disability.isChecked(),
            plea=self.plea.currentData(),
            counsel=self.counsel.currentData(),
        )

    def retranslate_ui(self) -> None:
        self.rows.set_labels(
            {
                "pseudonym": _("Pseudonym"),
                "sex": _("Sex"),
                "age_band": _("Age"),
                "juvenile": _("Under 18 at the time of the offence"),
                "custody": _("Custody"),
                "detention_place": _("Place of detention"),
                "language": _("Language"),
                "disability": _("Has a disability"),
                "plea": _("Position on the charge"),
                "counsel": _("Counsel"),
            }
        )
        self.pseudonym.setPlaceholderText(_("e.g. D1 or “defendant A” — never a name"))
        for combo, members in (
            (self.sex, (Gender.FEMALE, Gender.MALE)),
            (self.age_band, AgeBand),
            (self.custody, CustodyStatus),
            (self.language, Language),
            (self.plea, Plea),
            (self.counsel, CounselType),
        ):
            _label_members(combo, members)
        self.remove_button.setText(_("Remove this defendant"))


class DefendantsPage(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.editors: list[DefendantEditor] = []
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.add_button = QPushButton()
        self.column = QVBoxLayout()
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.addLayout(self.column)
        outer.addStretch(1)
        area = _scrolled(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addWidget(area, 1)
        self.add_button.clicked.connect(self.add_defendant)
        self.retranslate_ui()

    def load(self, found: tuple[DefendantInput, ...]) -> None:
        for editor in self.editors:
            editor.deleteLater()
        self.editors = []
        for data in found:
            self._editor().load(data)

    def _editor(self) -> DefendantEditor:
        editor = DefendantEditor()
        editor.changed.connect(self.changed.emit)
        editor.remove.connect(self._remove)
        self.editors.append(editor)
        self.column.addWidget(editor)
        return editor

    def add_defendant(self) -> None:
        editor = self._editor()
        editor.pseudonym.setText(f"D{len(self.editors)}")
        editor.pseudonym.setFocus()
        editor.pseudonym.selectAll()
        self.changed.emit()

    def _remove(self, editor: DefendantEditor) -> None:
        self.editors.remove(editor)
        editor.deleteLater()
        self.changed.emit()

    def read(self) -> list[DefendantInput]:
        return [editor.read() for editor in self.editors]

    def show_error(self, error: ValidationError) -> None:
        """A refusal names "defendants.<n>.<field>": said at that defendant's field."""
        parts = (error.field or "").split(".")
        known = len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(self.editors)
        if known and self.editors[int(parts[1])].rows.show_error(parts[2], str(error)):
            return
        self.message.setText(str(error))
        self.message.show()

    def clear_errors(self) -> None:
        self.message.hide()
        for editor in self.editors:
            editor.rows.clear_errors()

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add a defendant"))
        for editor in self.editors:
            editor.retranslate_ui()


class SectionPage(QWidget):
    """A section's items that apply; follow-ups appear when their answer calls for them."""

    def __init__(self, section: Section, context: HearingContext) -> None:
        super().__init__()
        self.section = section
        self.rows: dict[str, ItemRow] = {}
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.standard = QLabel(section.standard)
        self.standard.setWordWrap(True)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setSpacing(4)
        for item in section.items:
            if item.retired or not item.applies.matches(context):
                continue
            row = ItemRow(item)
            row.move.connect(lambda step, code=item.code: self.move_from(code, step))
            self.rows[item.code] = row
            column.addWidget(row)
        column.addStretch(1)
        self.area = _scrolled(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.standard)
        layout.addWidget(self.area, 1)
        self.retranslate_ui()

    def visible_rows(self) -> list[ItemRow]:
        return [row for row in self.rows.values() if not row.isHidden()]

    def move_from(self, code: str, step: int) -> None:
        shown = self.visible_rows()
        codes = [row.item.code for row in shown]
        if code not in codes:
            return
        target = codes.index(code) + step
        if 0 <= target < len(shown):
            shown[target].setFocus()
            self.area.ensureWidgetVisible(shown[target])

    def focus_first(self) -> None:
        shown = self.visible_rows()
        unanswered = [row for row in shown if not row.is_answered()]
        target = (unanswered or shown or [None])[0]
        if target is not None:
            target.setFocus()
            self.area.ensureWidgetVisible(target)

    def retranslate_ui(self) -> None:
        language = current_language()
        self.heading.setText(f"{self.section.code}. {self.section.title.in_language(language)}")
        for row in self.rows.values():
            row.retranslate_ui()


class ObservationScreen(QWidget):
    """One observation, opened with `open(ws, observation_id)`; `closed` asks for the list."""

    closed = Signal()
    changed = Signal()  # saved: the list's row may read differently

    HEARING, DEFENDANTS = 0, 1

    def __init__(self) -> None:
        super().__init__()
        self.ws: Workspace | None = None
        self.info: ObservationInfo | None = None
        self.template: Template | None = None
        self.section_pages: dict[str, SectionPage] = {}
        self._loading = False
        self.restored = False  # a draft kept at a lock came back: discarded once saved

        self.title = QLabel()
        self.title.setObjectName("title")
        self.state = QLabel()
        self.clock = QLabel()
        clock_font = self.clock.font()
        clock_font.setPointSize(clock_font.pointSize() + 6)
        clock_font.setBold(True)
        self.clock.setFont(clock_font)
        self.clock_buttons = {kind: QPushButton() for kind in CLOCK_KEYS}
        self.submit_button = QPushButton()
        self.back_button = QPushButton()
        self.saved_label = QLabel()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()

        self.pages_list = QListWidget()
        self.pages_list.setMinimumWidth(150)
        self.pages_list.setMaximumWidth(230)
        # A long section title loses its middle, never its count of answers and concerns.
        self.pages_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.pages_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.hearing = HearingPage()
        self.defendants = DefendantsPage()
        self.stack.addWidget(self.hearing)
        self.stack.addWidget(self.defendants)
        self.notes_label = QLabel()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes_label.setBuddy(self.notes)
        notes_panel = QWidget()
        notes_panel.setMaximumWidth(340)
        self.side = QVBoxLayout(notes_panel)  # the notes; the review panel goes below them
        self.side.setContentsMargins(0, 0, 0, 0)
        self.side.addWidget(self.notes_label)
        self.side.addWidget(self.notes, 1)
        self.side.addWidget(self.saved_label)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.state)
        top.addStretch(1)
        top.addWidget(self.clock)
        for button in self.clock_buttons.values():
            top.addWidget(button)
        top.addSpacing(12)
        top.addWidget(self.submit_button)
        top.addWidget(self.back_button)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.pages_list)
        body.addWidget(self.stack)
        body.addWidget(notes_panel)
        body.setStretchFactor(1, 1)
        body.setSizes([190, 640, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(body, 1)

        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_facts)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._show_clock)
        self.pages_list.currentRowChanged.connect(self._page_chosen)
        self.hearing.changed.connect(self._typed)
        self.defendants.changed.connect(self._typed)
        self.notes.textChanged.connect(self._typed)
        for kind, button in self.clock_buttons.items():
            button.clicked.connect(lambda _c=False, k=kind: self.stamp(k))
            QShortcut(QKeySequence(CLOCK_KEYS[kind]), self, lambda k=kind: self.stamp(k))
        QShortcut(QKeySequence("F9"), self, self.notes.setFocus)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.step_page(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.step_page(-1))
        self.back_button.clicked.connect(self.close_observation)
        self.submit_button.clicked.connect(self.submit)
        self.retranslate_ui()

    # --- opening -------------------------------------------------------------------------
    def open(self, ws: Workspace, observation_id: int) -> None:
        self.ws = ws
        try:
            info = observations.get_observation(ws, observation_id)
            template = checklist_templates.get_template(ws, info.template_id)
            found_courts = courts.list_courts(ws)
            monitors = observations.monitor_choices(ws)
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self.template = template
        reasons_list = template.choice_lists.get("delay_reason", ())
        language = current_language()
        reasons = [(c.code, c.label.in_language(language)) for c in reasons_list]
        self._loading = True
        self.hearing.load(info, found_courts, monitors, reasons)
        self.defendants.load(info.defendants)
        self.notes.setPlainText(info.data.notes)
        self._loading = False
        self._show(info)
        self._build_sections()
        self.pages_list.setCurrentRow(self.HEARING)
        self.saved_label.clear()
        self.restored = False
        if info.editable:
            self._restore_draft()
        self.tick.start()

    def _show(self, info: ObservationInfo) -> None:
        self.info = info
        self.title.setText(info.number)
        self.state.setText(sentence_case(info.status.label))
        editable = (
            info.editable
            and self.ws is not None
            and info.monitor_login
            in (
                self.ws.actor.login,
                info.second_monitor_login,
            )
        )
        for widget in (self.hearing, self.defendants, self.notes, *self.section_pages.values()):
            widget.setEnabled(editable)
        for button in (*self.clock_buttons.values(), self.submit_button):
            button.setVisible(editable)
        self._show_clock()

    def _context(self) -> HearingContext:
        assert self.info is not None
        return self.info.context

    def _build_sections(self) -> None:
        """The pages of the sections that apply (built again when the hearing's kind,
        stage or a juvenile defendant changes which ones do)."""
        assert self.template is not None and self.info is not None
        wanted = [s.code for s in self.template.sections_for(self._context())]
        if wanted == list(self.section_pages):
            self._refresh_sections()
            return
        current = self.stack.currentWidget()
        for page in self.section_pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.section_pages = {}
        for section in self.template.sections_for(self._context()):
            page = SectionPage(section, self._context())
            for row in page.rows.values():
                row.answered.connect(self.answer)
            self.section_pages[section.code] = page
            self.stack.addWidget(page)
        self.pages_list.blockSignals(True)
        self.pages_list.clear()
        self.pages_list.addItem(QListWidgetItem())
        self.pages_list.addItem(QListWidgetItem())
        for _code in self.section_pages:
            self.pages_list.addItem(QListWidgetItem())
        self.pages_list.blockSignals(False)
        if current in (self.hearing, self.defendants):
            self.stack.setCurrentWidget(current)
            self.pages_list.setCurrentRow(self.stack.currentIndex())
        self._refresh_sections()
        self._show(self.info)

    def _refresh_sections(self) -> None:
        """Answers into the rows, follow-ups shown or hidden, counts on the page list."""
        assert self.template is not None and self.info is not None
        info = self.info
        visible = {i.code for i in self.template.visible_items(self._context(), info.answers)}
        for page in self.section_pages.values():
            for code, row in page.rows.items():
                row.setVisible(code in visible)
                if not row.hasFocus():
                    row.set_values(info.answers.get(code, ()), info.comments.get(code, ""))
                row.show_saved(info.answers.get(code, ()), code in info.concerns)
        self._label_pages()

    def _label_pages(self) -> None:
        if self.pages_list.count() < 2:
            return
        language = current_language()
        self.pages_list.item(self.HEARING).setText(_("Hearing"))
        count = len(self.defendants.editors)
        self.pages_list.item(self.DEFENDANTS).setText(
            _("Defendants ({count})").format(count=count) if count else _("Defendants")
        )
        info = self.info
        for index, (code, page) in enumerate(self.section_pages.items(), start=2):
            shown = page.visible_rows()
            answered = sum(1 for row in shown if info and row.item.code in info.answers)
            concerns = sum(1 for row in shown if info and row.item.code in info.concerns)
            text = f"{code}. {page.section.title.in_language(language)} ({answered}/{len(shown)})"
            if concerns:
                text += f" ⚠{concerns}"
            item = self.pages_list.item(index)
            item.setText(text)
            item.setToolTip(text)

    # --- moving around ---------------------------------------------------------------------
    def _page_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.save_facts()  # leaving the facts: they are saved before the next page reads them
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        if isinstance(page, SectionPage):
            page.focus_first()

    def step_page(self, step: int) -> None:
        row = self.pages_list.currentRow() + step
        if 0 <= row < self.pages_list.count():
            self.pages_list.setCurrentRow(row)

    def show_section(self, code: str) -> SectionPage | None:
        page = self.section_pages.get(code)
        if page is not None:
            self.pages_list.setCurrentRow(self.stack.indexOf(page))
        return page

    # --- saving ----------------------------------------------------------------------------
    def _typed(self) -> None:
        if not self._loading and self.info is not None and self.info.editable:
            self.saved_label.setText(_("Not saved yet…"))
            self.save_timer.start()

    def _call(self, work: Callable[[], Any]) -> Any:
        try:
            result = work()
        except ValidationError:
            raise
        except LegalAidError as error:
            self._say(error_text(error))
            return None
        self.message.hide()
        return result

    def save_facts(self) -> bool:
        """The hearing's facts, the defendants and the notes, if anything changed; False
        when something was refused (said at its field; the input stays)."""
        self.save_timer.stop()
        if self.ws is None or self.info is None or not self.info.editable:
            return True
        data = self.hearing.read(self.info.data)
        if data is None:
            self.saved_label.setText(_("Not saved: see the field in red."))
            return False
        data = dataclasses.replace(data, notes=self.notes.toPlainText())
        found = self.defendants.read()
        if data == self.info.data and tuple(found) == self.info.defendants:
            self._forget_draft()
            return True
        ws, observation_id = self.ws, self.info.id
        self.defendants.clear_errors()
        try:
            info = self._call(
                lambda: observations.update_observation(ws, observation_id, data, found)
            )
        except ValidationError as error:
            if (error.field or "").startswith("defendants."):
                self.defendants.show_error(error)
            elif not self.hearing.rows.show_error(error.field, str(error)):
                self._say(str(error))
            self.saved_label.setText(_("Not saved: see the field in red."))
            return False
        if info is None:
            return False
        self.info = info
        self._saved()
        self._forget_draft()
        self._build_sections()  # the kind of case or a juvenile may change the sections
        return True

    def _forget_draft(self) -> None:
        if self.restored and self.ws is not None and self.info is not None:
            self.restored = False
            try:
                drafts.discard_draft(self.ws, drafts.OBSERVATION_DRAFT, self.info.id)
            except LegalAidError:
                self.restored = True  # tried again at the next save

    def answer(self, code: str, values: tuple[str, ...], comment: str) -> None:
        if self.ws is None or self.info is None:
            return
        ws, observation_id = self.ws, self.info.id
        page = self._page_of(code)
        row = page.rows[code] if page is not None else None
        try:
            saved = self._call(
                lambda: observations.answer_item(ws, observation_id, code, values, comment)
            )
        except ValidationError as error:
            if row is not None:
                row.show_error(str(error))
            return
        if saved is None:
            return
        self.info = saved.info
        if row is not None:
            row.show_saved(saved.values, saved.concern)
        self._refresh_sections()
        self._saved()

    def _page_of(self, code: str) -> SectionPage | None:
        return next((p for p in self.section_pages.values() if code in p.rows), None)

    def _saved(self) -> None:
        self.saved_label.setText(
            _("Saved at {time}").format(time=dt.datetime.now().strftime("%H:%M:%S"))
        )
        self.changed.emit()

    def stamp(self, kind: str) -> None:
        if self.ws is None or self.info is None or not self.info.editable:
            return
        if not self.save_facts():
            return
        ws, observation_id = self.ws, self.info.id
        try:
            info = self._call(lambda: observations.stamp_clock(ws, observation_id, kind))
        except ValidationError as error:
            self._say(str(error))
            return
        if info is None:
            return
        self.info = info
        self._loading = True
        self.hearing.started_at.set_value(info.data.started_at)
        self.hearing.ended_at.set_value(info.data.ended_at)
        self._loading = False
        self._show(info)
        self._saved()

    def submit(self) -> None:
        """Hand in: the facts are saved first; what is missing is said at its field."""
        from legalaid.services import observation_review  # noqa: PLC0415 - only here

        if self.ws is None or self.info is None or not self.save_facts():
            return
        ws, observation_id = self.ws, self.info.id
        try:
            done = self._call(lambda: observation_review.submit(ws, observation_id))
        except ValidationError as error:
            self.pages_list.setCurrentRow(self.HEARING)
            if not self.hearing.rows.show_error(error.field, str(error)):
                self._say(str(error))
            return
        if done is None:
            return
        self.info = done.info
        self._show(done.info)
        self._refresh_sections()
        dropped = len(done.dropped)
        text = _("Submitted for review.")
        if dropped:
            text += " " + ngettext(
                "{count} answer to an item that no longer applied was left out.",
                "{count} answers to items that no longer applied were left out.",
                dropped,
            ).format(count=dropped)
        self.saved_label.setText(text)
        self.changed.emit()

    def close_observation(self) -> None:
        if self.save_facts():
            self.closed.emit()

    # --- the clock -------------------------------------------------------------------------
    def _show_clock(self) -> None:
        info = self.info
        if info is None or info.data.started_at is None:
            self.clock.setText(_("not started"))
            return
        end = info.data.ended_at or dt.datetime.now(dt.UTC)
        paused = dt.timedelta()
        break_at: dt.datetime | None = None
        for kind, at in info.stamps:
            if kind == "break":
                break_at = at
            elif kind == "resumed" and break_at is not None:
                paused += at - break_at
                break_at = None
        if break_at is not None and info.data.ended_at is None:
            paused += dt.datetime.now(dt.UTC) - break_at
        seconds = max(0, int((end - info.data.started_at - paused).total_seconds()))
        text = f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        if break_at is not None and info.data.ended_at is None:
            text = _("{time} (break)").format(time=text)
        self.clock.setText(text)

    # --- leaving ---------------------------------------------------------------------------
    def clear(self) -> None:
        """At a lock: what is typed is saved first (the vault is still open), then nothing
        of the hearing stays on screen."""
        if self.info is not None and self.ws is not None and not self.save_facts():
            self._keep_draft()
        self.tick.stop()
        self.save_timer.stop()
        self.ws = self.info = self.template = None
        for page in self.section_pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.section_pages = {}
        self.pages_list.clear()
        self.defendants.load(())
        self._loading = True
        self.notes.clear()
        self._loading = False
        self.title.clear()
        self.state.clear()
        self.message.hide()

    def _keep_draft(self) -> None:
        """What could not be saved (an impossible date) waits, encrypted, for the next
        opening of this observation; the rest of the facts wait with it."""
        assert self.ws is not None and self.info is not None
        state = {
            "hearing": self.hearing.state(),
            "defendants": [dataclasses.asdict(d) for d in self.defendants.read()],
            "notes": self.notes.toPlainText(),
        }
        with contextlib.suppress(LegalAidError):  # locking goes on all the same
            drafts.save_draft(self.ws, drafts.OBSERVATION_DRAFT, self.info.id, state)

    def _restore_draft(self) -> None:
        """Typing kept at a lock comes back, said, with the fields in red to correct."""
        assert self.ws is not None and self.info is not None
        try:
            kept = drafts.my_draft(self.ws, drafts.OBSERVATION_DRAFT, self.info.id)
        except LegalAidError:
            return
        if kept is None:
            return
        self._loading = True
        self.hearing.set_state(kept.state.get("hearing", {}))
        if "defendants" in kept.state:
            self.defendants.load(tuple(DefendantInput(**d) for d in kept.state["defendants"]))
        self.notes.setPlainText(str(kept.state.get("notes", "")))
        self._loading = False
        self.restored = True
        self.saved_label.setText(
            _("Your typing from before the lock is back; it is not saved yet.")
        )
        self.hearing.read(self.info.data)  # says at once which field cannot be read

    def has_unsaved_input(self) -> bool:
        return self.save_timer.isActive() or "red" in self.saved_label.text()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # --- language --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        names = {
            "started": _("Started"),
            "break": _("Break"),
            "resumed": _("Resumed"),
            "ended": _("Ended"),
        }
        for kind, button in self.clock_buttons.items():
            button.setText(f"{names[kind]} ({CLOCK_KEYS[kind]})")
        self.submit_button.setText(_("Submit for review"))
        self.back_button.setText(_("Back to the list"))
        self.notes_label.setText(_("Notes (F9)"))
        self.notes.setPlaceholderText(
            _("What you see and hear, as it happens. Saved as you type; no names.")
        )
        self.hearing.retranslate_ui()
        self.defendants.retranslate_ui()
        for page in self.section_pages.values():
            page.retranslate_ui()
        self._label_pages()
        if self.info is not None:
            self.state.setText(sentence_case(self.info.status.label))
        self._show_clock()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


__all__ = ["ObservationScreen"]
