"""The forms of a case's Court tab: a proceeding (added or corrected), the next instance, a
hearing, what happened at a hearing, a deadline (counted by a rule or typed by hand) and a
detained client's custody.

Each opens with open(), reports through `saved` (what the service returned) and closes; the
services validate, their message appears at the field and everything typed stays. Dates are
typed as people write them (28.11.2026, 28/11/2026, 2026-11-28) and times as 14:30, 14.30,
1430 or 14; a whole "28.11.2026 14:30" typed into the date part is split on leaving it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.custody_rules import CustodyWarning
from legalaid.domain.deadline_rules import (
    DeadlineRule,
    deadline_rules,
    due_moment,
    working_calendar,
)
from legalaid.domain.enums import (
    HearingKind,
    HearingResult,
    Instance,
    ProceduralRole,
    ProceedingKind,
    ProceedingStatus,
    Representation,
)
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import _, current_language, format_form_date, sentence_case
from legalaid.services import cases, courts, deadlines, proceedings, timeline
from legalaid.services.courts import CourtInfo
from legalaid.services.proceedings import (
    NEXT_INSTANCE,
    CustodyInput,
    CustodyRow,
    HearingInput,
    HearingOutcome,
    HearingRow,
    ProceedingInfo,
    ProceedingInput,
)
from legalaid.services.workspace import Workspace
from ui.choices import narrow, select_data
from ui.field_rows import FieldRows
from ui.intake_steps import DateField, parse_typed_date, text_box, warning_label
from ui.messages import error_text

NOON = dt.time(12)
DATE_PROBLEM = "Write the date as dd.mm.yyyy, e.g. 28.11.2026."  # msgid, marked where shown


# --- typed times ---------------------------------------------------------------------------

_TIME_SHAPES = (
    re.compile(r"(?P<h>\d{1,2})\s*[:.\-hч ]\s*(?P<m>\d{1,2})"),
    re.compile(r"(?P<h>\d{1,2})(?P<m>\d{2})"),
    re.compile(r"(?P<h>\d{1,2})"),
)


def parse_typed_time(text: str) -> dt.time | None:
    """14:30, 14.30, 14-30, 14 30, 1430, 930 or 14; None when it is none of these."""
    typed = text.strip().lower()
    for shape in _TIME_SHAPES:
        found = shape.fullmatch(typed)
        if found:
            hour, minute = int(found["h"]), int(found.groupdict().get("m") or 0)
            if hour < 24 and minute < 60:
                return dt.time(hour, minute)
            return None
    return None


def local_naive(moment: dt.datetime) -> dt.datetime:
    """A stored (aware) moment as this computer's local time, the way the forms type it."""
    return moment.astimezone().replace(tzinfo=None)


def moment_text(moment: dt.datetime) -> str:
    """dd.mm.yyyy hh:mm in local time (the date as the language writes it on forms)."""
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{format_form_date(local.date())} {local:%H:%M}"


class DateTimeField(QWidget):
    """A date part (DateField) and a time part side by side. An empty time takes the
    default time when there is one (shown as the time part's placeholder)."""

    def __init__(self) -> None:
        super().__init__()
        self.date_part = DateField()
        self.date_part.setMaxLength(20)  # "28.11.2026 14:30" pasted whole is split
        self.time_part = QLineEdit()
        self.time_part.setMaxLength(5)
        self.time_part.setMaximumWidth(80)
        self.default_time: dt.time | None = None
        self.label_text = ""  # the form's label, for the parts' accessible names
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date_part, 1)
        row.addWidget(self.time_part)
        self.setFocusProxy(self.date_part)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.date_part.editingFinished.connect(self._split)
        self.time_part.editingFinished.connect(self._tidy_time)
        self.retranslate_ui()

    def set_default_time(self, value: dt.time | None) -> None:
        self.default_time = value
        self.retranslate_ui()

    def set_value(self, moment: dt.datetime | None) -> None:
        """Show a moment (aware: in local time; naive: as it is)."""
        if moment is None:
            self.date_part.clear()
            self.time_part.clear()
            return
        local = local_naive(moment) if moment.tzinfo else moment
        self.date_part.set_date(local.date())
        self.time_part.setText(f"{local:%H:%M}")

    def texts(self) -> tuple[str, str]:
        return self.date_part.text(), self.time_part.text()

    def set_texts(self, date_text: str, time_text: str) -> None:
        self.date_part.setText(date_text)
        self.time_part.setText(time_text)

    def is_blank(self) -> bool:
        return not self.date_part.text().strip() and not self.time_part.text().strip()

    def _parts(self) -> tuple[str, str]:
        """The date and the time as typed ("28.11.2026 14:30" in the date part counts)."""
        date_text, time_text = self.date_part.text().strip(), self.time_part.text().strip()
        parts = date_text.split(maxsplit=1)
        if len(parts) == 2 and not time_text:
            return parts[0], parts[1]
        return date_text, time_text

    def read(self, time_needed: bool = True) -> tuple[dt.datetime | None, str | None, QWidget]:
        """(the moment or None when blank, the problem's message, the part to fix)."""
        date_text, typed = self._parts()
        if not date_text and not typed:
            return None, None, self.date_part
        day = parse_typed_date(date_text)
        if day is None:
            return None, _(DATE_PROBLEM), self.date_part
        if not typed:
            if self.default_time is not None or not time_needed:
                return dt.datetime.combine(day, self.default_time or NOON), None, self.time_part
            return None, _("Write the time too, as hh:mm, e.g. 14:30."), self.time_part
        moment = parse_typed_time(typed)
        if moment is None:
            return None, _("Write the time as hh:mm, e.g. 14:30."), self.time_part
        return dt.datetime.combine(day, moment), None, self.time_part

    def _split(self) -> None:
        """On leaving the date part: a time typed there goes to the time part."""
        parts = self.date_part.text().split(maxsplit=1)
        day = parse_typed_date(parts[0]) if len(parts) == 2 else None
        if day is not None and not self.time_part.text().strip():
            self.date_part.set_date(day)
            self.time_part.setText(parts[1])
            self._tidy_time()

    def _tidy_time(self) -> None:
        moment = parse_typed_time(self.time_part.text())
        if moment is not None:
            self.time_part.setText(f"{moment:%H:%M}")

    def retranslate_ui(self) -> None:
        self.date_part.retranslate_ui()
        default = self.default_time
        self.time_part.setPlaceholderText(f"{default:%H:%M}" if default else _("hh:mm"))
        label = self.label_text
        self.date_part.setAccessibleName(label or _("Date"))
        self.time_part.setAccessibleName(
            _("{field}: time").format(field=label) if label else _("Time")
        )
        self.time_part.setToolTip(_("The time as hh:mm, e.g. 14:30"))


# --- choosing a court ----------------------------------------------------------------------


class CourtChooser(QWidget):
    """A filter line over the list of courts: any part of any name the court has had, in
    any script, or an alias (as `services.courts.list_courts` matches). Up and Down in the
    line move through the list; the chosen court is the list's current one."""

    chosen = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setFixedHeight(self.list.fontMetrics().height() * 7 + 10)  # 6 or 7 rows
        # A long name is cut at its end (the tooltip has it whole), never scrolled sideways.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.courts: list[CourtInfo] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.filter)
        column.addWidget(self.list)
        self.setFocusProxy(self.filter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.filter.textChanged.connect(lambda _text: self._refill())
        self.filter.installEventFilter(self)
        self.list.currentRowChanged.connect(lambda _row: self.chosen.emit())
        self.retranslate_ui()

    def set_courts(self, found: Sequence[CourtInfo], chosen: int | None = None) -> None:
        self.courts = list(found)
        self._refill(chosen)

    def court_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def court(self) -> CourtInfo | None:
        chosen = self.court_id()
        return next((c for c in self.courts if c.id == chosen), None)

    def set_court(self, court_id: int | None) -> None:
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.blockSignals(False)
        self._refill(court_id)

    def _refill(self, chosen: int | None = None) -> None:
        keep = chosen if chosen is not None else self.court_id()
        words = self.filter.text().casefold().split()
        self.list.blockSignals(True)
        self.list.clear()
        row = -1
        for court in self.courts:
            if not court.matches(words):
                continue
            item = QListWidgetItem(court.name)
            item.setData(Qt.ItemDataRole.UserRole, court.id)
            item.setToolTip(self._tooltip(court))
            self.list.addItem(item)
            if court.id == keep:
                row = self.list.count() - 1
        if row < 0 and words and self.list.count():
            row = 0  # typing picks the first match; the list shows which one
        self.list.setCurrentRow(row)
        if row >= 0:
            self.list.scrollToItem(self.list.item(row))
        self.list.blockSignals(False)
        self.chosen.emit()

    @staticmethod
    def _tooltip(court: CourtInfo) -> str:
        names = []
        for entry in court.history:
            name = entry.names.get(current_language()) or entry.names.get("en", "")
            if name and name not in names:
                names.append(name)
        return "\n".join([sentence_case(court.kind.label), *names])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: 5,
                Qt.Key.Key_PageUp: -5,
            }.get(Qt.Key(event.key()))
            if step is not None and self.list.count():
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def retranslate_ui(self) -> None:
        self.filter.setPlaceholderText(_("type part of the name, in any language"))
        self.filter.setAccessibleName(_("Find a court"))
        self.list.setAccessibleName(_("Courts"))
        self._refill()


# --- custody records: read by services/proceedings.case_custody -------------------------


def warning_text(warning: CustodyWarning, now: dt.date | None = None) -> str:
    """A custody warning in words, with the moment its limit runs (or ran) out."""
    days = max(1, (warning.deadline.astimezone().date() - (now or dt.date.today())).days)
    message = _(warning.message()).format(days=days)
    return _("{warning} Limit: {moment}.").format(
        warning=message, moment=moment_text(warning.deadline)
    )


# --- the forms -----------------------------------------------------------------------------


def _combo(values: Sequence[Any], placeholder: bool = False) -> QComboBox:
    """Choices carrying codes; their texts are set by the dialog's retranslate_ui."""
    combo = QComboBox()
    if placeholder:
        combo.addItem("", "")
    for value in values:
        combo.addItem("", value.value)
    return combo


def _label_items(combo: QComboBox, members: Sequence[Any], placeholder: bool = False) -> None:
    start = 0
    if placeholder:
        combo.setItemText(0, _("— choose —"))
        start = 1
    for index, member in enumerate(members, start=start):
        combo.setItemText(index, sentence_case(member.label))


def _minutes_box(low: int, high: int, step: int, none_text: str | None = None) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setAccelerated(True)
    if none_text is not None:
        box.setSpecialValueText(none_text)
    return box


def _people(combo: QComboBox, rows: Sequence[tuple[str, str]], first: str | None) -> None:
    """Staff as "Name (login)"; `first` (a choice meaning "nobody" or a default) on top."""
    chosen = combo.currentData()
    combo.clear()
    if first is not None:
        combo.addItem(first, None)
    for login, name in rows:
        combo.addItem(f"{name} ({login})", login)
    select_data(combo, chosen)


class CourtForm(QDialog):
    """What every form here shares: field rows, a message line, Save and Cancel; a refusal
    shown at its field (`FIELD_ALIASES` maps a service's field name to the form's)."""

    saved = Signal(object)
    FIELD_ALIASES: Mapping[str, str] = {}

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.rows: FieldRows
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.hide()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self, rows: FieldRows, scroll: bool = False) -> None:
        self.rows = rows
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        if scroll:
            column = QVBoxLayout()
            column.addLayout(rows.layout)
            column.addStretch(1)  # extra height below the fields, never between them
            form = QWidget()
            form.setLayout(column)
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(form)
            layout.addWidget(area, 1)
        else:
            layout.addLayout(rows.layout)
            layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def save_button_enabled(self, enabled: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(enabled)

    def _submit(self) -> object | None:
        """Call the service; None when a typed value could not be read (shown already)."""
        raise NotImplementedError

    def save(self) -> None:
        self.rows.clear_errors()
        self.message.hide()
        try:
            result = self._submit()
        except ValidationError as error:
            field = self.FIELD_ALIASES.get(error.field or "", error.field)
            if not self.rows.show_error(field, str(error)):
                self.show_message(str(error))
            return
        except LegalAidError as error:
            self.show_message(error_text(error))
            return
        if result is None:
            return
        self.saved.emit(result)
        self.accept()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _moment(
        self, name: str, field: DateTimeField, required: bool, time_needed: bool = True
    ) -> tuple[bool, dt.datetime | None]:
        """Read a date and time field; (False, None) after showing what is wrong."""
        value, problem, part = field.read(time_needed)
        if problem is None and value is None and required:
            problem = _("Write the date and the time, e.g. 28.11.2026 14:30.")
        if problem is not None:
            self.rows.show_error(name, problem)
            part.setFocus()
            return False, None
        return True, value

    def _set_labels(self, texts: dict[str, str]) -> None:
        """The labels; a field made of parts names each part after its label (for screen
        readers, which announce the part that has the focus)."""
        self.rows.set_labels(texts)
        for name, text in texts.items():
            field, plain = self.rows.fields[name], text.replace("&", "")
            if isinstance(field, DateTimeField):
                field.label_text = plain
                field.retranslate_ui()
            elif isinstance(field, CourtChooser):
                field.filter.setAccessibleName(plain)

    def _day(self, name: str, field: DateField) -> tuple[bool, dt.date | None]:
        if not field.is_valid():
            self.rows.show_error(name, _(DATE_PROBLEM))
            return False, None
        return True, field.date()

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


KINDS = tuple(ProceedingKind)
ROLES = tuple(ProceduralRole)
INSTANCES = tuple(Instance)
REPRESENTATIONS = tuple(Representation)


class ProceedingDialog(CourtForm):
    """A new proceeding of the case, or a correction of one (a new lawyer gets a task)."""

    def __init__(
        self,
        ws: Workspace,
        case_id: int,
        existing: ProceedingInfo | None = None,
        default_lawyer: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ws, parent)
        self.case_id, self.existing = case_id, existing
        self.court = CourtChooser()
        self.court_number = QLineEdit()
        self.court_number.setMaxLength(64)
        self.kind = _combo(KINDS, placeholder=True)
        self.client_role = _combo(ROLES, placeholder=True)
        self.instance = _combo(INSTANCES)
        self.representation = _combo(REPRESENTATIONS)
        self.lawyer = QComboBox()
        self.charges = text_box(52)
        self.judges = QLineEdit()
        self.judges.setMaxLength(300)
        self.stage = QLineEdit()
        self.stage.setMaxLength(200)
        self.opposing_counsel = QLineEdit()
        self.opposing_counsel.setMaxLength(300)
        self._lay_out(
            FieldRows(
                {
                    "court_id": self.court,
                    "court_number": self.court_number,
                    "kind": self.kind,
                    "client_role": self.client_role,
                    "instance": self.instance,
                    "representation": self.representation,
                    "lawyer_login": self.lawyer,
                    "charges": self.charges,
                    "judges": self.judges,
                    "stage": self.stage,
                    "opposing_counsel": self.opposing_counsel,
                }
            ),
            scroll=True,
        )
        self._lawyers: list[tuple[str, str]] = []
        self._load(default_lawyer)
        self.representation.currentIndexChanged.connect(lambda _i: self._lawyer_needed())
        self.retranslate_ui()
        self.resize(720, 560)

    def _load(self, default_lawyer: str | None) -> None:
        try:
            found = courts.list_courts(self.ws)
            self._lawyers = cases.lawyer_choices(self.ws)
            if self.existing and self.existing.court_id not in {c.id for c in found}:
                found.append(courts.get_court(self.ws, self.existing.court_id))
        except LegalAidError as error:
            self.show_message(error_text(error))
            self.save_button_enabled(False)
            return
        data = self.existing.as_input() if self.existing else None
        lawyer = data.lawyer_login if data else default_lawyer
        if data and lawyer and lawyer not in dict(self._lawyers):
            name = self.existing.lawyer if self.existing else ""
            self._lawyers.append((lawyer, name or lawyer))  # left since: still shown
        elif lawyer not in dict(self._lawyers):
            lawyer = None  # the default is someone who does not represent clients
        _people(self.lawyer, self._lawyers, "")
        self.court.set_courts(found, data.court_id if data else None)
        if data is None:
            select_data(self.instance, Instance.FIRST_INSTANCE.value)
            select_data(self.representation, Representation.OURS.value)
            select_data(self.lawyer, lawyer)
            return
        self.court_number.setText(data.court_number)
        select_data(self.kind, data.kind)
        select_data(self.client_role, data.client_role)
        select_data(self.instance, data.instance)
        select_data(self.representation, data.representation)
        select_data(self.lawyer, data.lawyer_login)
        self.charges.setPlainText(data.charges)
        self.judges.setText(data.judges)
        self.stage.setText(data.stage)
        self.opposing_counsel.setText(data.opposing_counsel)

    def proceeding_input(self) -> ProceedingInput:
        return ProceedingInput(
            court_id=self.court.court_id() or 0,
            kind=str(self.kind.currentData() or ""),
            client_role=str(self.client_role.currentData() or ""),
            instance=str(self.instance.currentData()),
            court_number=self.court_number.text(),
            charges=self.charges.toPlainText(),
            judges=self.judges.text(),
            stage=self.stage.text(),
            representation=str(self.representation.currentData()),
            lawyer_login=self.lawyer.currentData(),
            opposing_counsel=self.opposing_counsel.text(),
        )

    def _submit(self) -> ProceedingInfo:
        data = self.proceeding_input()
        if self.existing is None:
            info = proceedings.add_proceeding(self.ws, self.case_id, data)
        else:
            info = proceedings.update_proceeding(self.ws, self.existing.id, data)
        self.existing = info
        return info

    def _lawyer_needed(self) -> None:
        ours = self.representation.currentData() == Representation.OURS.value
        self.lawyer.setItemText(0, _("— choose a lawyer —") if ours else _("— none —"))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New proceeding") if self.existing is None else _("Proceeding"))
        self._set_labels(
            {
                "court_id": _("&Court"),
                "court_number": _("Case &number in court"),
                "kind": _("&Kind of proceeding"),
                "client_role": _("Client's &role"),
                "instance": _("&Instance"),
                "representation": _("Re&presented by"),
                "lawyer_login": _("Our &lawyer"),
                "charges": _("C&harges or claims (one per line)"),
                "judges": _("&Judge"),
                "stage": _("S&tage"),
                "opposing_counsel": _("&Opposing counsel"),
            }
        )
        _label_items(self.kind, KINDS, placeholder=True)
        _label_items(self.client_role, ROLES, placeholder=True)
        _label_items(self.instance, INSTANCES)
        _label_items(self.representation, REPRESENTATIONS)
        self._lawyer_needed()
        self.court_number.setPlaceholderText(_("e.g. УД-1234/26"))
        self.charges.setPlaceholderText(_("e.g. CC 122(2)"))
        self.court.retranslate_ui()


class NextInstanceDialog(CourtForm):
    """The case goes on (an appeal lodged...): the court and its number at the next instance."""

    def __init__(
        self, ws: Workspace, proceeding: ProceedingInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(ws, parent)
        self.proceeding = proceeding
        self.court = CourtChooser()
        self.court_number = QLineEdit()
        self.court_number.setMaxLength(64)
        self._lay_out(FieldRows({"court_id": self.court, "court_number": self.court_number}))
        self.intro.show()
        try:
            found = courts.list_courts(self.ws)
        except LegalAidError as error:
            self.show_message(error_text(error))
            self.save_button_enabled(False)
            found = []
        self.court.set_courts(found, suggest_court(proceeding, found))
        self.retranslate_ui()
        self.resize(640, 360)

    def _submit(self) -> ProceedingInfo:
        return proceedings.next_instance(
            self.ws, self.proceeding.id, self.court.court_id() or 0, self.court_number.text()
        )

    def retranslate_ui(self) -> None:
        following = NEXT_INSTANCE.get(self.proceeding.instance)
        self.setWindowTitle(
            _("Next instance: {instance}").format(instance=following.label)
            if following
            else _("Next instance")
        )
        self.intro.setText(
            _proceeding_line(self.proceeding)
            + "\n"
            + _(
                "The new proceeding keeps this one's kind, charges and lawyer; this one is "
                "marked decided and stays in the history."
            )
        )
        self._set_labels({"court_id": _("&Court"), "court_number": _("Case &number in court")})
        self.court_number.setPlaceholderText(_("if already given"))
        self.court.retranslate_ui()


def suggest_court(proceeding: ProceedingInfo, found: Sequence[CourtInfo]) -> int | None:
    """The usual court of the next instance, offered (and changed at will): the same court
    after an investigating judge, the oblast court of the region for an appeal, the
    Supreme Court for cassation and review."""
    following = NEXT_INSTANCE.get(proceeding.instance)
    current = next((c for c in found if c.id == proceeding.court_id), None)
    if following is Instance.FIRST_INSTANCE:
        return proceeding.court_id
    if following is Instance.APPEAL and current is not None and current.region:
        region = "osh" if current.region == "osh_city" else current.region
        return next((c.id for c in found if c.kind.value == "oblast" and c.region == region), None)
    if following in (Instance.CASSATION, Instance.REVIEW):
        return next((c.id for c in found if c.kind.value == "supreme"), None)
    return None


HEARING_KINDS = tuple(HearingKind)
RESULTS = tuple(HearingResult)


class HearingDialog(CourtForm):
    """A hearing of a proceeding: when, what kind, how long it is expected to last, where.

    From a case's Court tab the proceeding is known; from the calendar it is not, and the
    form starts with the case number and a choice of that case's proceedings (a case number
    given fills them in, `proceeding_id` chosen). `day` puts a date in the date field (the day
    chosen in a calendar)."""

    FIELD_ALIASES = {"proceeding_id": "proceeding"}

    def __init__(
        self,
        ws: Workspace,
        proceeding: ProceedingInfo | None,
        parent: QWidget | None = None,
        *,
        case_number: str = "",
        proceeding_id: int | None = None,
        day: dt.date | None = None,
    ) -> None:
        super().__init__(ws, parent)
        self.proceeding = proceeding
        self.finds_proceeding = proceeding is None
        self._wanted = proceeding_id  # chosen first among the case's proceedings
        self.case_number = QLineEdit()
        self.case_number.setMaxLength(40)
        self.proceeding_box = narrow(QComboBox(), 30)
        self._found: list[ProceedingInfo] = []
        self.starts_at = DateTimeField()
        self.kind = _combo(HEARING_KINDS)
        self.minutes = _minutes_box(5, 12 * 60, 15)
        self.minutes.setValue(60)
        self.courtroom = QLineEdit()
        self.courtroom.setMaxLength(100)
        self.lawyer = QComboBox()
        fields: dict[str, QWidget] = {}
        if self.finds_proceeding:
            fields |= {"case_number": self.case_number, "proceeding": self.proceeding_box}
        fields |= {
            "starts_at": self.starts_at,
            "kind": self.kind,
            "minutes": self.minutes,
            "courtroom": self.courtroom,
            "lawyer_login": self.lawyer,
        }
        self._lay_out(FieldRows(fields))
        self.intro.setVisible(not self.finds_proceeding)
        if day is not None:
            self.starts_at.date_part.set_date(day)
        self._lawyers: list[tuple[str, str]] = []
        try:
            self._lawyers = cases.lawyer_choices(ws)
        except LegalAidError as error:
            self.show_message(error_text(error))
        self.case_number.editingFinished.connect(self.find_case)
        self.proceeding_box.currentIndexChanged.connect(lambda _i: self._proceeding_chosen())
        self._fit_to(proceeding)
        self.retranslate_ui()
        if self.finds_proceeding and case_number:
            self.case_number.setText(case_number)
            self.find_case()
        self.resize(600, 400 if self.finds_proceeding else 330)

    # --- the proceeding, when the calendar does not know it ------------------------------
    def find_case(self) -> None:
        """The proceedings of the case typed; a wrong number is said at its field and the
        rest of the form stays as typed."""
        typed = self.case_number.text().strip()
        if self._found and self._found[0].case_number_typed == typed.upper():
            return
        chosen = self.proceeding_box.currentData() or self._wanted
        problem = ""
        self._found = []
        if typed:
            try:
                self._found = [
                    _Found(info, typed.upper())
                    for info in proceedings.case_proceedings(self.ws, typed)
                ]
            except LegalAidError as error:
                problem = error_text(error)
            else:
                if not self._found:
                    problem = _("This case has no court proceeding yet: add one in its Court tab.")
        # Said at the field without taking the focus back from where the user went.
        self.rows.errors["case_number"].setText(problem)
        self.rows.errors["case_number"].setVisible(bool(problem))
        self.proceeding_box.blockSignals(True)
        self.proceeding_box.clear()
        for found in self._found:
            self.proceeding_box.addItem(_proceeding_line(found.info), found.info.id)
        live = [f for f in self._found if f.info.status is not ProceedingStatus.CLOSED]
        default = chosen if any(f.info.id == chosen for f in self._found) else None
        if default is None and (live or self._found):
            default = (live or self._found)[-1].info.id
        select_data(self.proceeding_box, default)
        self.proceeding_box.blockSignals(False)
        self._proceeding_chosen()

    def _proceeding_chosen(self) -> None:
        chosen = self.proceeding_box.currentData()
        found = next((f.info for f in self._found if f.info.id == chosen), None)
        if found is not self.proceeding:
            self._fit_to(found)
            self.retranslate_ui()

    def _fit_to(self, proceeding: ProceedingInfo | None) -> None:
        """Defaults from the proceeding: an appeal's kind, the last courtroom."""
        self.proceeding = proceeding
        if proceeding is None:
            return
        appeal = proceeding.instance in (Instance.APPEAL, Instance.CASSATION, Instance.REVIEW)
        select_data(self.kind, (HearingKind.APPEAL if appeal else HearingKind.MAIN).value)
        if proceeding.hearings and not self.courtroom.isModified():
            self.courtroom.setText(proceeding.hearings[-1].courtroom)

    def _submit(self) -> HearingRow | None:
        if self.proceeding is None:
            self.find_case()
            if self.proceeding is None:
                if self.rows.errors["case_number"].isHidden():
                    self.rows.show_error("case_number", _("Write the case number."))
                self.case_number.setFocus()
                return None
        ok, starts = self._moment("starts_at", self.starts_at, required=True)
        if not ok or starts is None:
            return None
        return proceedings.add_hearing(
            self.ws,
            self.proceeding.id,
            HearingInput(
                starts_at=starts,
                kind=str(self.kind.currentData()),
                minutes=self.minutes.value(),
                courtroom=self.courtroom.text(),
                lawyer_login=self.lawyer.currentData(),
            ),
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New hearing"))
        if self.proceeding is not None:
            self.intro.setText(_proceeding_line(self.proceeding))
        labels = {
            "starts_at": _("&Date and time"),
            "kind": _("&Kind of hearing"),
            "minutes": _("Expected &length, minutes"),
            "courtroom": _("Court&room"),
            "lawyer_login": _("La&wyer"),
        }
        if self.finds_proceeding:
            labels |= {"case_number": _("Ca&se number"), "proceeding": _("&Proceeding")}
            self.case_number.setPlaceholderText(_("e.g. OSH-2026-0042, then Tab"))
            for row, found in enumerate(self._found):
                self.proceeding_box.setItemText(row, _proceeding_line(found.info))
        self._set_labels(labels)
        _label_items(self.kind, HEARING_KINDS)
        lawyer = (self.proceeding.lawyer if self.proceeding else "") or _("nobody yet")
        _people(
            self.lawyer,
            self._lawyers,
            _("the proceeding's lawyer ({name})").format(name=lawyer),
        )
        self.courtroom.setPlaceholderText(_("e.g. hall 3, room 12"))
        self.starts_at.retranslate_ui()


@dataclass(frozen=True)
class _Found:
    """A proceeding found by the case number typed (kept to know when it was typed again)."""

    info: ProceedingInfo
    case_number_typed: str


def _proceeding_line(proceeding: ProceedingInfo) -> str:
    return " · ".join(
        part
        for part in (
            proceeding.court,
            proceeding.court_number,
            sentence_case(proceeding.kind.label),
            proceeding.instance.label,
        )
        if part
    )


class HearingResultDialog(CourtForm):
    """What happened at a hearing; a next date makes the next hearing; a decision announced
    counts the appeal deadlines (the tab then says how many)."""

    FIELD_ALIASES = {"starts_at": "next_starts_at", "minutes": "next_starts_at"}

    def __init__(
        self,
        ws: Workspace,
        proceeding: ProceedingInfo,
        hearing: HearingRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ws, parent)
        self.proceeding, self.hearing = proceeding, hearing
        self.result_box = _combo(RESULTS, placeholder=True)
        self.adjourned_reason = text_box(52)
        self.attended = QLineEdit()
        self.notes = text_box(70)
        self.time_spent = _minutes_box(0, 24 * 60, 15, "—")
        self.next_starts_at = DateTimeField()
        self.next_starts_at.set_default_time(local_naive(hearing.starts_at).time())
        self.decision_on = DateField()
        self.decision_on.set_date(hearing.starts_at.astimezone().date())
        self._lay_out(
            FieldRows(
                {
                    "result": self.result_box,
                    "adjourned_reason": self.adjourned_reason,
                    "decision_on": self.decision_on,
                    "attended": self.attended,
                    "notes": self.notes,
                    "time_spent_minutes": self.time_spent,
                    "next_starts_at": self.next_starts_at,
                }
            )
        )
        self.intro.show()
        if hearing.result is not None:
            self._fill_recorded()
        self.result_box.currentIndexChanged.connect(lambda _i: self._result_chosen())
        self.retranslate_ui()
        self._result_chosen()
        self.resize(640, 440)

    def _fill_recorded(self) -> None:
        """Recorded before: the form starts from what was saved, so a correction retypes
        nothing and a next hearing made then is moved, not made twice."""
        hearing = self.hearing
        assert hearing.result is not None
        select_data(self.result_box, hearing.result.value)
        self.adjourned_reason.setPlainText(hearing.adjourned_reason)
        self.attended.setText(hearing.attended)
        self.notes.setPlainText(hearing.notes)
        self.time_spent.setValue(hearing.time_spent_minutes or 0)
        following = next(
            (h for h in self.proceeding.hearings if h.id == hearing.next_hearing_id), None
        )
        if following is not None:
            self.next_starts_at.set_value(following.starts_at)

    def _result_chosen(self) -> None:
        chosen = self.result_box.currentData()
        self._show_row("adjourned_reason", chosen == HearingResult.ADJOURNED.value)
        self._show_row("decision_on", chosen == HearingResult.DECISION_ANNOUNCED.value)

    def _show_row(self, name: str, shown: bool) -> None:
        """A row only for some results; its message (if any) stays as it was."""
        error = self.rows.errors[name]
        had_error = not error.isHidden()
        self.rows.layout.setRowVisible(self.rows.labels[name], shown)
        error.setVisible(shown and had_error)

    def outcome(self) -> HearingOutcome | None:
        ok, following = self._moment("next_starts_at", self.next_starts_at, required=False)
        if not ok:
            return None
        decided = None
        if self.result_box.currentData() == HearingResult.DECISION_ANNOUNCED.value:
            ok, decided = self._day("decision_on", self.decision_on)
            if not ok:
                return None
        reason = ""
        if self.result_box.currentData() == HearingResult.ADJOURNED.value:
            reason = self.adjourned_reason.toPlainText()
        return HearingOutcome(
            result=str(self.result_box.currentData() or ""),
            adjourned_reason=reason,
            attended=self.attended.text(),
            notes=self.notes.toPlainText(),
            time_spent_minutes=self.time_spent.value() or None,
            next_starts_at=following,
            decision_on=decided,
        )

    def _submit(self) -> proceedings.RecordedHearing | None:
        outcome = self.outcome()
        if outcome is None:
            return None
        return proceedings.record_hearing(self.ws, self.hearing.id, outcome)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Result of the hearing"))
        intro = _("{when} · {kind} · {proceeding}").format(
            when=moment_text(self.hearing.starts_at),
            kind=sentence_case(self.hearing.kind.label),
            proceeding=_proceeding_line(self.proceeding),
        )
        if self.hearing.result is not None:
            intro += "\n" + _(
                "Its result is recorded already: saving records it again (a next date makes "
                "another hearing, a decision counts its deadlines again)."
            )
        self.intro.setText(intro)
        self._set_labels(
            {
                "result": _("&Result"),
                "adjourned_reason": _("Why ad&journed"),
                "decision_on": _("&Decision announced on"),
                "attended": _("Who &attended"),
                "notes": _("&Notes"),
                "time_spent_minutes": _("&Time our lawyer spent, minutes"),
                "next_starts_at": _("Ne&xt hearing"),
            }
        )
        _label_items(self.result_box, RESULTS, placeholder=True)
        self.attended.setPlaceholderText(_("judge, prosecutor, client, witnesses…"))
        self.next_starts_at.retranslate_ui()
        self.next_starts_at.date_part.setPlaceholderText(_("empty: no next date set"))
        self.decision_on.retranslate_ui()


def rule_choices(kind: ProceedingKind | None) -> list[DeadlineRule]:
    """The rules for a kind of proceeding (all of them when it is not known)."""
    return [
        rule
        for rule in deadline_rules().values()
        if kind is None or kind.value in rule.proceeding_kinds
    ]


def rule_text(rule: DeadlineRule) -> str:
    name = rule.name(current_language())
    return _("{name} (to be confirmed)").format(name=name) if rule.verify else name


class DeadlineDialog(CourtForm):
    """A deadline counted by a rule from an event (`manual` False), or one typed by hand: what
    must be done and by which day. Owned by the proceeding's lawyer unless chosen."""

    def __init__(
        self,
        ws: Workspace,
        case_id: int,
        proceeding: ProceedingInfo | None,
        manual: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ws, parent)
        self.case_id, self.proceeding, self.manual = case_id, proceeding, manual
        self.rule = QComboBox()
        self.rule.setMinimumContentsLength(30)
        self.rules = [] if manual else rule_choices(proceeding.kind if proceeding else None)
        for rule in self.rules:
            self.rule.addItem("", rule.code)
        self.rule_hint = warning_label("hint")
        self.event_at = DateTimeField()
        self.due_preview = QLabel()
        self.due_preview.setWordWrap(True)
        self.due_preview.hide()
        self.title = QLineEdit()
        self.title.setMaxLength(deadlines.TITLE_MAX)
        self.due_on = DateField()
        self.responsible = QComboBox()
        fields: dict[str, QWidget] = (
            {"title": self.title, "due_on": self.due_on}
            if manual
            else {"rule_code": self.rule, "event_at": self.event_at}
        )
        fields["responsible_login"] = self.responsible
        extras: dict[str, list[QWidget]] = (
            {} if manual else {"rule_code": [self.rule_hint], "event_at": [self.due_preview]}
        )
        self._lay_out(FieldRows(fields, extras))
        self._staff: list[tuple[str, str]] = []
        try:
            self._staff = timeline.staff_choices(ws)
        except LegalAidError as error:
            self.show_message(error_text(error))
            self.save_button_enabled(False)
        if not manual and proceeding is None:
            self.save_button_enabled(False)
        self.rule.currentIndexChanged.connect(lambda _i: self._rule_chosen())
        self.event_at.date_part.textChanged.connect(lambda _t: self._preview())
        self.event_at.time_part.textChanged.connect(lambda _t: self._preview())
        self.retranslate_ui()
        self.resize(680, 300)

    def chosen_rule(self) -> DeadlineRule | None:
        code = self.rule.currentData()
        return next((r for r in self.rules if r.code == code), None)

    def _rule_chosen(self) -> None:
        rule = self.chosen_rule()
        self.rule.setToolTip(rule.legal_basis if rule else "")  # as the data has it
        verify = rule is not None and rule.verify
        self.rule_hint.setText(
            _("The rule is still to be confirmed by a partner lawyer.") if verify else ""
        )
        self.rule_hint.setVisible(verify)
        hours = rule is not None and rule.unit == "hours"
        self.event_at.set_default_time(None if hours else NOON)
        self._preview()

    def _preview(self) -> None:
        rule = self.chosen_rule()
        value, problem, _part = self.event_at.read(time_needed=True)
        if rule is None or value is None or problem is not None:
            self.due_preview.clear()
            self.due_preview.hide()
            return
        due = due_moment(rule, value.astimezone(), working_calendar())
        self.due_preview.setText(_("Due by {moment}").format(moment=moment_text(due)))
        self.due_preview.show()

    def _submit(self) -> deadlines.DeadlineRow | None:
        responsible = self.responsible.currentData()
        if self.manual:
            ok, due = self._day("due_on", self.due_on)
            if not ok:
                return None
            if due is None:
                self.rows.show_error("due_on", _("Write the day it is due, e.g. 28.11.2026."))
                return None
            return deadlines.add_manual_deadline(
                self.ws,
                self.case_id,
                self.title.text(),
                due,
                responsible,
                self.proceeding.id if self.proceeding else None,
            )
        if self.proceeding is None:
            return None
        ok, event = self._moment("event_at", self.event_at, required=True)
        if not ok or event is None:
            return None
        return deadlines.add_rule_deadline(
            self.ws, self.proceeding.id, str(self.rule.currentData() or ""), event, responsible
        )

    def retranslate_ui(self) -> None:
        if self.manual:
            self.setWindowTitle(_("New deadline"))
            self._set_labels(
                {
                    "title": _("&What must be done"),
                    "due_on": _("&Due by"),
                    "responsible_login": _("Res&ponsible"),
                }
            )
            self.title.setPlaceholderText(_("e.g. file the objection to the expert report"))
            self.due_on.retranslate_ui()
        else:
            self.setWindowTitle(_("Count a deadline"))
            self._set_labels(
                {
                    "rule_code": _("&Rule"),
                    "event_at": _("&Event it counts from"),
                    "responsible_login": _("Res&ponsible"),
                }
            )
            for index, rule in enumerate(self.rules):
                self.rule.setItemText(index, rule_text(rule))
                self.rule.setItemData(
                    index, rule.name(current_language()), Qt.ItemDataRole.ToolTipRole
                )
            self.event_at.retranslate_ui()
            self._rule_chosen()
        if self.proceeding is not None:
            self.intro.setText(_proceeding_line(self.proceeding))
            self.intro.show()
        elif not self.manual:
            self.intro.setText(_("Choose a proceeding first: a rule counts for one of them."))
            self.intro.show()
        lawyer = self.proceeding.lawyer if self.proceeding else ""
        _people(
            self.responsible,
            self._staff,
            _("the proceeding's lawyer ({name})").format(name=lawyer)
            if lawyer
            else _("the case's lawyer"),
        )


class CustodyDialog(CourtForm):
    """A detention (the moment of actual detention counts the 48 hours), the court's
    decision on custody, the term and its extensions, the place, the release."""

    def __init__(
        self,
        ws: Workspace,
        case_id: int,
        existing: CustodyRow | None,
        choices: Sequence[ProceedingInfo],
        default_proceeding: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ws, parent)
        self.case_id, self.existing, self.choices = case_id, existing, list(choices)
        self.detained_at = DateTimeField()
        self.decision_at = DateTimeField()
        self.custody_until = DateField()
        self.place = QLineEdit()
        self.place.setMaxLength(300)
        self.released_on = DateField()
        self.proceeding = QComboBox()
        self.proceeding.addItem("", None)
        for info in self.choices:
            self.proceeding.addItem(_proceeding_line(info), info.id)
        self._lay_out(
            FieldRows(
                {
                    "detained_at": self.detained_at,
                    "decision_at": self.decision_at,
                    "custody_until": self.custody_until,
                    "place": self.place,
                    "released_on": self.released_on,
                    "proceeding_id": self.proceeding,
                }
            )
        )
        if existing is not None:
            data = existing.as_input()
            self.detained_at.set_value(data.detained_at)
            self.decision_at.set_value(data.decision_at)
            self.custody_until.set_date(data.custody_until)
            self.place.setText(data.place)
            self.released_on.set_date(data.released_on)
            select_data(self.proceeding, data.proceeding_id)
        else:
            select_data(self.proceeding, default_proceeding)
        self.retranslate_ui()
        self.resize(640, 360)

    def custody_input(self) -> CustodyInput | None:
        ok, detained = self._moment("detained_at", self.detained_at, required=True)
        if not ok or detained is None:
            return None
        ok, decided = self._moment("decision_at", self.decision_at, required=False)
        if not ok:
            return None
        ok, until = self._day("custody_until", self.custody_until)
        if not ok:
            return None
        ok, released = self._day("released_on", self.released_on)
        if not ok:
            return None
        return CustodyInput(
            detained_at=detained,
            decision_at=decided,
            custody_until=until,
            place=self.place.text(),
            released_on=released,
            proceeding_id=self.proceeding.currentData(),
        )

    def _submit(self) -> int | None:
        data = self.custody_input()
        if data is None:
            return None
        return proceedings.set_custody(
            self.ws, self.case_id, data, self.existing.id if self.existing else None
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Detention") if self.existing is None else _("Custody"))
        self._set_labels(
            {
                "detained_at": _("&Detained at (actual detention)"),
                "decision_at": _("Court's de&cision on custody"),
                "custody_until": _("Custody &until"),
                "place": _("&Place of detention"),
                "released_on": _("&Released on"),
                "proceeding_id": _("Pr&oceeding"),
            }
        )
        self.proceeding.setItemText(0, _("— none —"))
        for index, info in enumerate(self.choices, start=1):
            self.proceeding.setItemText(index, _proceeding_line(info))
        self.detained_at.retranslate_ui()
        self.decision_at.retranslate_ui()
        self.decision_at.date_part.setPlaceholderText(_("empty: no decision yet"))
        self.custody_until.retranslate_ui()
        self.released_on.retranslate_ui()
        self.released_on.setPlaceholderText(_("empty: still detained"))
        self.place.setPlaceholderText(_("e.g. temporary detention facility of Osh city police"))
