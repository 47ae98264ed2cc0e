"""The intake interview: a guided form in steps taken in any order. A side list shows each
step as complete, to do, or with problems; the pages (ui/intake_steps.py) hold the input.

While the paralegal types, the form shows (debounced) the people already recorded who may
be the same person, the urgent actions the answers call for, and the eligibility for
state-guaranteed legal aid with the documents to bring; all of it comes from the core
(legalaid/services/intake/). Submit validates every step: a refusal shows each problem
at its field, marks the steps and keeps everything typed.

Keyboard: Ctrl+PgDown / Ctrl+PgUp or Alt+Down / Alt+Up change step, Enter in the step
list opens a step, Ctrl+Enter submits. Drafts: `draft_key`, `state()`, `set_state()`,
`is_dirty()` as the other forms (ui/draft_keeper.py).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QKeyCombination, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
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
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import N_, _, format_form_date, ngettext
from legalaid.services import cases
from legalaid.services.conflicts import ConflictMatch, OpposingParty, check_conflicts
from legalaid.services.drafts import INTAKE_DRAFT, new_record_slot
from legalaid.services.duplicates import find_possible_duplicates
from legalaid.services.intake import (
    IntakeInput,
    IntakeProblem,
    IntakeRefused,
    IntakeResult,
    anonymous_notice,
    eligibility_of,
    name_warnings,
    submit_intake,
    urgent_actions,
    validate_intake,
)
from legalaid.services.phones import display_phone, normalise_phone
from legalaid.services.workspace import Workspace
from ui.intake_steps import (
    AssessmentStep,
    ComplaintStep,
    ConsentStep,
    ContactStep,
    DateField,
    OthersStep,
    PersonStep,
    Step,
    WishesStep,
)

DEBOUNCE_MS = 300
CANDIDATE = Qt.ItemDataRole.UserRole  # (person id, name) of a duplicate candidate
STEP_TITLES = {
    "person": N_("Complainant"),
    "contact": N_("Contact"),
    "complaint": N_("Complaint"),
    "others": N_("Others involved"),
    "wishes": N_("Wants"),
    "assessment": N_("Assessment"),
    "consent": N_("Consent"),
}
STEP_OF_PROBLEM = {"conflicts": "others"}  # the conflict decision sits with the others
AMBER_RULES = frozenset({"deadline_soon"})  # a date coming, not a danger: amber, not red
DONE, TODO, PROBLEMS = "done", "todo", "problems"
MARKS = {DONE: "✓", TODO: "○", PROBLEMS: "⚠"}
STATUS_TEXTS = {
    DONE: N_("{step}: complete"),
    TODO: N_("{step}: to do"),
    PROBLEMS: N_("{step}: has problems"),
}
DATE_FIELDS = ("birth_date", "incident_date", "deadline_on", "consent_on")


class IntakeForm(QWidget):
    saved = Signal(object)  # IntakeResult

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.new_slot = new_record_slot()  # names this form's draft
        self.result: IntakeResult | None = None
        self.title = QLabel()
        self.title.setObjectName("title")
        self.steps_label = QLabel()
        self.step_list = QListWidget()
        self.step_list.setObjectName("intakeSteps")
        self.person, self.contact, self.complaint = PersonStep(), ContactStep(), ComplaintStep()
        self.others_step, self.wishes = OthersStep(), WishesStep()
        self.assessment, self.consent = AssessmentStep(), ConsentStep()
        self.pages: list[Step] = [
            self.person,
            self.contact,
            self.complaint,
            self.others_step,
            self.wishes,
            self.assessment,
            self.consent,
        ]
        self.step_keys = [page.key for page in self.pages]
        self.stack = QStackedWidget()
        for page in self.pages:
            scroll = QScrollArea()  # 1366x768: a long step scrolls, the buttons stay
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(page)
            self.stack.addWidget(scroll)
            self.step_list.addItem(QListWidgetItem())
        self.urgent_banner = QLabel()
        self.urgent_banner.setObjectName("error")
        self.urgent_banner.setWordWrap(True)
        self.urgent_banner.hide()
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setObjectName("notice")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.previous_button, self.next_button = QPushButton(), QPushButton()
        self.submit_button = QPushButton()
        self.submit_button.setDefault(True)

        side = QVBoxLayout()
        side.addWidget(self.steps_label)
        side.addWidget(self.step_list, 1)
        main = QVBoxLayout()
        main.addWidget(self.urgent_banner)
        main.addWidget(self.stack, 1)
        main.addWidget(self.message)
        main.addWidget(self.outcome)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        main.addLayout(buttons)
        columns = QHBoxLayout()
        columns.addLayout(side)
        columns.addLayout(main, 1)
        layout = QVBoxLayout(self)  # the title over both columns: it does not widen the list
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addLayout(columns, 1)
        self.steps_label.setBuddy(self.step_list)

        self._refused_steps: set[str] = set()  # steps a refusal pointed to
        self._vault_steps: set[str] = set()  # ... for what only the vault can tell
        self._conflicts_shown: list[tuple[str, ConflictMatch]] | None = None  # last check
        self._live_timer = self._timer(self.refresh_live)
        self._duplicate_timer = self._timer(self.find_duplicates)
        self.others_step.lawyers = self._lawyers()
        self._connect()
        self.retranslate_ui()
        self.step_list.setCurrentRow(0)
        self.refresh_live()
        self._initial = self.state()

    def _timer(self, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        timer.timeout.connect(slot)
        return timer

    def _lawyers(self) -> list[tuple[str, str]]:
        try:
            return cases.lawyer_choices(self.ws)
        except LegalAidError:
            return []

    def _connect(self) -> None:
        for page in self.pages:
            for line in page.findChildren(QLineEdit):
                line.textChanged.connect(self._changed)
            for text in page.findChildren(QPlainTextEdit):
                text.textChanged.connect(self._changed)
            for combo in page.findChildren(QComboBox):
                combo.currentIndexChanged.connect(self._changed)
            for box in page.findChildren(QCheckBox):
                box.toggled.connect(self._changed)
            for spin in page.findChildren(QAbstractSpinBox):
                spin.editingFinished.connect(self._changed)
        person = self.person
        for watched in (person.surname, person.given_name, person.patronymic, person.pin):
            watched.textChanged.connect(self._duplicate_timer.start)
        person.birth_date.editingFinished.connect(self._duplicate_timer.start)
        person.candidates.itemActivated.connect(self._choose_candidate)
        person.unlink_button.clicked.connect(self.unlink_person)
        self.contact.phone.editingFinished.connect(self.check_phone)
        self.consent.consent_record.toggled.connect(self._show_anonymous_note)
        self.others_step.check_button.clicked.connect(self.check_conflicts)
        self.others_step.people.model().rowsInserted.connect(self._changed)
        self.others_step.people.model().rowsRemoved.connect(self._changed)
        self.step_list.currentRowChanged.connect(self._show_step)
        self.step_list.itemActivated.connect(lambda _item: self._enter_step())
        self.previous_button.clicked.connect(lambda: self.go_step(-1))
        self.next_button.clicked.connect(lambda: self.go_step(1))
        self.submit_button.clicked.connect(self.submit)
        keys = (
            (Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier, 1),
            (Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier, -1),
            (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier, 1),
            (Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier, -1),
        )
        self.shortcuts: list[QShortcut] = []
        for key, modifier, step in keys:
            shortcut = QShortcut(QKeySequence(QKeyCombination(modifier, key)), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.go_step(step))
            self.shortcuts.append(shortcut)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            submit = QShortcut(
                QKeySequence(QKeyCombination(Qt.KeyboardModifier.ControlModifier, key)), self
            )
            submit.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            submit.activated.connect(self.submit)
            self.shortcuts.append(submit)

    # --- steps ---------------------------------------------------------------------------
    def current_step(self) -> int:
        return self.stack.currentIndex()

    def _show_step(self, row: int) -> None:
        if row >= 0:
            self.stack.setCurrentIndex(row)

    def go_step(self, delta: int) -> None:
        row = max(0, min(len(self.pages) - 1, self.current_step() + delta))
        self.open_step(row)

    def open_step(self, row: int, field: QWidget | None = None) -> None:
        """Show the step and put the cursor in `field` (else its first field), scrolled to."""
        self.step_list.setCurrentRow(row)
        self.stack.setCurrentIndex(row)
        target = field or self.pages[row].first_field()
        target.setFocus()
        scroll = self.stack.widget(row)
        if isinstance(scroll, QScrollArea):
            scroll.ensureWidgetVisible(target)

    def _enter_step(self) -> None:
        self.open_step(self.step_list.currentRow())

    def page_of(self, step: str) -> Step:
        return self.pages[self.step_keys.index(STEP_OF_PROBLEM.get(step, step))]

    def _mark_steps(self, live: list[IntakeProblem]) -> None:
        live_steps = {STEP_OF_PROBLEM.get(p.step, p.step) for p in live}
        values = self.data()
        for row, page in enumerate(self.pages):
            if page.key in self._refused_steps and (
                page.key in live_steps or page.key in self._vault_steps
            ):
                status = PROBLEMS
            elif page.key in live_steps or not self._has_input(page, values):
                status = TODO
            else:
                status = DONE
            name = _(STEP_TITLES[page.key])
            item = self.step_list.item(row)
            item.setText(f"{MARKS[status]}  {row + 1}. {name}")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, _(STATUS_TEXTS[status]).format(step=name)
            )
            item.setData(Qt.ItemDataRole.UserRole, status)
            item.setForeground(
                Qt.GlobalColor.darkRed
                if status == PROBLEMS
                else (Qt.GlobalColor.darkGreen if status == DONE else Qt.GlobalColor.black)
            )

    @staticmethod
    def _has_input(page: Step, values: IntakeInput) -> bool:
        if page.key == "consent":
            return values.consent_record or values.consent_method is not None
        default = IntakeInput()
        return any(
            getattr(values, name) != getattr(default, name)
            for name in page.values()
            if hasattr(default, name)
        )

    def step_status(self, step: str) -> str:
        return str(self.step_list.item(self.step_keys.index(step)).data(Qt.ItemDataRole.UserRole))

    # --- live help -----------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        self._live_timer.start()

    def refresh_live(self) -> None:
        """Step marks, urgent actions, eligibility, name warnings, the anonymous notice."""
        data = self.data()
        live = self._live_problems(data)
        self._mark_steps(live)
        self._show_urgent(data)
        self._show_eligibility(data)
        person = self.person
        warnings = [str(w) for w in name_warnings(data) if w.step == "person"]
        person.name_warning.setText(warnings[0] if warnings else "")
        person.name_warning.setVisible(bool(warnings))
        self._show_anonymous_note()

    def _show_anonymous_note(self) -> None:
        """Without consent to record, the person is told plainly what is kept (at once)."""
        note = self.consent.anonymous_note
        note.setText(anonymous_notice())
        note.setVisible(not self.consent.consent_record.isChecked())

    @staticmethod
    def _live_problems(data: IntakeInput) -> list[IntakeProblem]:
        """What the whole interview still lacks (as with consent to record: without it
        less is needed, but the marks guide the full interview)."""
        try:
            return validate_intake(replace(data, consent_record=True))
        except (LegalAidError, ValueError):
            return []

    def _show_urgent(self, data: IntakeInput) -> None:
        findings = urgent_actions(data)
        box = self.assessment.urgent_box
        if not findings:
            box.hide()
            self.urgent_banner.hide()
            return
        danger = any(f.code not in AMBER_RULES for f in findings)
        colour, ground = ("#a12622", "#fdecea") if danger else ("#8a5a00", "#fff4e0")
        box.setStyleSheet(
            f"QLabel {{ color: {colour}; background: {ground}; border: 2px solid {colour};"
            " border-radius: 4px; padding: 8px; }"
        )
        parts = ["<b>" + html.escape(_("Urgent: do this now")) + "</b><br>"]
        for finding in findings:
            parts.append(html.escape(finding.rule.label()) + "<ul>")
            parts += ["<li>" + html.escape(a.label()) + "</li>" for a in finding.actions]
            parts.append("</ul>")
        box.setText("".join(parts))
        box.setAccessibleName(_("Urgent actions"))
        box.show()
        self.urgent_banner.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: 600; }}")
        self.urgent_banner.setText(
            _("Urgent: {rules} (see the assessment step).").format(
                rules="; ".join(f.rule.label() for f in findings)
            )
        )
        self.urgent_banner.show()

    def _show_eligibility(self, data: IntakeInput) -> None:
        result = eligibility_of(data)
        lines = ["<b>" + html.escape(result.outcome.label) + "</b>"]
        reasons = result.reason_labels()
        if reasons:
            lines.append(html.escape(_("Because: {reasons}").format(reasons="; ".join(reasons))))
        if result.threshold_som is not None:
            lines.append(
                html.escape(
                    _("Income threshold: {amount} som a month per family member.").format(
                        amount=result.threshold_som
                    )
                )
            )
        if result.to_verify:
            lines.append(
                html.escape(_("This rests on rules a partner lawyer has not confirmed yet."))
            )
        text = "<br>".join(lines)
        documents = result.document_labels()
        if documents:
            text += "<br>" + html.escape(_("Documents to bring:"))
            text += "<ul>" + "".join(f"<li>{html.escape(d)}</li>" for d in documents) + "</ul>"
        self.assessment.eligibility.setText(text)

    def check_phone(self) -> None:
        """As the phone field is left: the number as it will be kept, or the problem."""
        phone, note = self.contact.phone, self.contact.phone_note
        try:
            normalised = normalise_phone(phone.text())
        except ValidationError as error:
            note.setObjectName("error")
            note.setText(str(error))
        else:
            note.setObjectName("notice")
            note.setText(
                _("Kept as {phone}").format(phone=display_phone(normalised)) if normalised else ""
            )
        note.style().unpolish(note)
        note.style().polish(note)
        note.setVisible(bool(note.text()))

    # --- duplicates ----------------------------------------------------------------------
    def find_duplicates(self) -> None:
        person = self.person
        person.candidates.clear()
        values = person.values()
        if not self.ws.vault.is_unlocked:
            return  # locked: nothing is looked up (and nothing of anyone is shown)
        if person.person_id is not None or not (
            values["pin"] or (values["surname"].strip() and values["given_name"].strip())
        ):
            self._show_candidates(False, 0)
            return
        try:
            found = find_possible_duplicates(
                self.ws,
                values["surname"],
                values["given_name"],
                values["patronymic"],
                values["birth_date"],
                values["pin"],
            )
        except LegalAidError as error:
            person.hidden_note.setText(str(error))
            self._show_candidates(False, 1)
            return
        for candidate in found.candidates:
            if candidate.birth_date is not None:
                text = _("{name} · born {born} · {reason}").format(
                    name=candidate.full_name,
                    born=format_form_date(candidate.birth_date),
                    reason=_(candidate.reason),
                )
            else:
                text = _("{name} · {reason}").format(
                    name=candidate.full_name, reason=_(candidate.reason)
                )
            item = QListWidgetItem(text)
            item.setData(CANDIDATE, (candidate.person_id, candidate.full_name))
            person.candidates.addItem(item)
        if found.candidates:
            person.candidates.setCurrentRow(0)
        person.hidden_note.setText(
            ngettext(
                "{count} record hidden from you matches too: ask a coordinator.",
                "{count} records hidden from you match too: ask a coordinator.",
                found.hidden_matches,
            ).format(count=found.hidden_matches)
        )
        self._show_candidates(bool(found.candidates), found.hidden_matches)

    def _show_candidates(self, shown: bool, hidden: int) -> None:
        person = self.person
        linked = person.person_id is not None
        error = person.rows.errors["person_id"]
        error_shown = not error.isHidden()
        row = list(person.fields).index("person_id")  # rows follow the fields' order
        person.rows.layout.setRowVisible(row, shown or linked or bool(hidden) or error_shown)
        person.candidates.setVisible(shown and not linked)
        person.hidden_note.setVisible(bool(hidden) and not linked)
        person.linked_row.setVisible(linked)
        error.setVisible(error_shown)

    def _choose_candidate(self, item: QListWidgetItem) -> None:
        found = item.data(CANDIDATE)
        if found:
            self.link_person(int(found[0]), str(found[1]))

    def link_person(self, person_id: int, name: str) -> None:
        person = self.person
        person.link(person_id, name)
        self._show_candidates(False, 0)
        person.unlink_button.setFocus()
        self._changed()

    def unlink_person(self) -> None:
        person = self.person
        person.link(None)
        self.find_duplicates()
        person.surname.setFocus()
        self._changed()

    # --- conflicts -----------------------------------------------------------------------
    def check_conflicts(self) -> None:
        others = self.others_step
        opposing = [
            (index, other)
            for index, other in enumerate(others.others())
            if other.role == "opposing_party"
        ]
        others.conflicts.clear()
        if not opposing:
            others.conflict_note.setText(_("Add the opposing parties to the list first."))
            others.conflict_note.show()
            return
        try:
            matches = check_conflicts(
                self.ws,
                [OpposingParty(o.surname, o.given_name, o.patronymic, o.pin) for _i, o in opposing],
            )
        except LegalAidError as error:
            others.conflict_note.setText(str(error))
            others.conflict_note.show()
            return
        self._show_conflicts([(opposing[m.party_index][0], m) for m in matches])

    def _show_conflicts(self, found: Sequence[tuple[int | str, ConflictMatch]]) -> None:
        """List the matches (by the party's place in the list, or name); kept by name so
        that a language switch words them anew even after the list has changed."""
        others = self.others_step
        self._conflicts_shown = [
            (who if isinstance(who, str) else others.name_of(who), match) for who, match in found
        ]
        others.conflicts.clear()
        for name, match in self._conflicts_shown:
            others.conflicts.addItem(
                _("{who}: {problem}").format(who=name, problem=match.message())
            )
        others.conflict_note.setText(
            ngettext(
                "{count} possible conflict of interest: decide below.",
                "{count} possible conflicts of interest: decide below.",
                len(found),
            ).format(count=len(found))
            if found
            else _("No possible conflict of interest was found.")
        )
        others.conflict_note.show()

    def clear_lookups(self) -> None:
        """At a lock: names of other people (candidates, conflicts) leave the screen."""
        person = self.person
        person.candidates.clear()
        self._show_candidates(False, 0)
        self.others_step.conflicts.clear()
        self.others_step.conflict_note.hide()
        self._conflicts_shown = None

    # --- language ------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("New intake"))
        self.steps_label.setText(_("Ste&ps"))
        self.step_list.setAccessibleName(_("Steps of the intake"))
        for page in self.pages:
            page.retranslate_ui()
        self.previous_button.setText(_("Previous step"))
        self.previous_button.setToolTip(_("Ctrl+PgUp or Alt+Up"))
        self.next_button.setText(_("Next step"))
        self.next_button.setToolTip(_("Ctrl+PgDown or Alt+Down"))
        self.submit_button.setText(_("Submit (Ctrl+Enter)"))
        self.step_list.setFixedWidth(
            max(190, max(self._text_width(_(t)) for t in STEP_TITLES.values()) + 70)
        )
        self.refresh_live()
        self.find_duplicates()
        if self._conflicts_shown is not None:
            self._show_conflicts(self._conflicts_shown)

    def _text_width(self, text: str) -> int:
        return self.step_list.fontMetrics().horizontalAdvance(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # --- data and drafts -----------------------------------------------------------------
    def data(self) -> IntakeInput:
        values: dict[str, Any] = {}
        for page in self.pages:
            values.update(page.values())
        return IntakeInput(**values)

    def _date_fields(self) -> dict[str, DateField]:
        return {
            name: field
            for page in self.pages
            for name, field in page.fields.items()
            if isinstance(field, DateField)
        }

    def state(self) -> dict[str, Any]:
        """The IntakeInput's draft JSON, the step shown, and what is typed but not yet
        usable (a date not understood, a person not added to the list, who was linked)."""
        state = self.data().to_state()
        state["step"] = self.current_step()
        state["typed_dates"] = {
            name: field.text()
            for name, field in self._date_fields().items()
            if not field.is_valid()
        }
        entry = self.others_step.entry()
        typed = any(value for name, value in entry.items() if name != "role")
        state["other_entry"] = entry if typed else {}
        state["person_name"] = self.person.person_name
        return state

    def set_state(self, state: dict[str, Any]) -> None:
        data = IntakeInput.from_state(state)
        for page in self.pages:
            page.load(data)
        person = self.person
        person.link(data.person_id, str(state.get("person_name") or ""))
        dates = self._date_fields()
        for name, text in dict(state.get("typed_dates") or {}).items():
            if name in dates:
                dates[name].setText(str(text))
        self.others_step.set_entry(dict(state.get("other_entry") or {}))
        self.refresh_live()
        self.find_duplicates()
        self.open_step(max(0, min(len(self.pages) - 1, int(state.get("step") or 0))))

    @property
    def draft_key(self) -> tuple[str, int | None]:
        return INTAKE_DRAFT, self.new_slot

    def is_dirty(self) -> bool:
        """Something typed or chosen (moving between steps alone is not a change)."""
        return {**self.state(), "step": 0} != {**self._initial, "step": 0}

    # --- submitting ----------------------------------------------------------------------
    def save(self) -> None:
        """The main window's 'save before closing' (the same as Submit)."""
        self.submit()

    def clear_problems(self) -> None:
        self.message.clear()
        for page in self.pages:
            page.clear_problems()

    def submit(self) -> None:
        self.clear_problems()
        self.outcome.hide()
        data = self.data()
        unreadable = [
            IntakeProblem(
                N_("Write the date as 28.11.2026, 28/11/2026 or 2026-11-28."),
                name,
                self.pages[i].key,
            )
            for i, page in enumerate(self.pages)
            for name, field in page.fields.items()
            if isinstance(field, DateField) and not field.is_valid()
        ]
        try:
            if unreadable:
                raise IntakeRefused(unreadable + validate_intake(data))
            result = submit_intake(self.ws, data)
        except IntakeRefused as refused:
            self._show_refusal(refused, data)
            return
        except ValidationError as error:
            # The core lets a few checks escape as a plain error (a bad phone with an
            # otherwise valid new person): show every problem the form can know of.
            self._show_refusal(IntakeRefused(self._problems_for(error, data)), data)
            return
        except LegalAidError as error:
            self.message.setText(str(error))
            return
        self._accepted(result)

    def _problems_for(self, error: ValidationError, data: IntakeInput) -> list[IntakeProblem]:
        problems = validate_intake(data)
        if problems:
            return problems
        name = (error.field or "").split(".")[-1]
        step = next((page.key for page in self.pages if name in page.fields), "person")
        return [IntakeProblem.of(error, step)]

    def _show_refusal(self, refused: IntakeRefused, data: IntakeInput) -> None:
        self.message.setText(str(refused))
        for problem in refused.problems:
            self.page_of(problem.step).show_problem(problem)
        if not self.problem_labels("contact")["phone"].isHidden():
            self.contact.phone_note.hide()  # the same words once, at the field
        if refused.conflicts:
            self._show_conflicts([(m.party_index, m) for m in refused.conflicts])
        steps = [STEP_OF_PROBLEM.get(p.step, p.step) for p in refused.problems]
        self._refused_steps = set(steps)
        live_problems = self._live_problems(data)
        live = {STEP_OF_PROBLEM.get(p.step, p.step) for p in live_problems}
        self._vault_steps = self._refused_steps - live
        self._mark_steps(live_problems)
        if steps:
            first = min(self.step_keys.index(step) for step in steps if step in self.step_keys)
            problem = next(
                p
                for p in refused.problems
                if STEP_OF_PROBLEM.get(p.step, p.step) == self.step_keys[first]
            )
            name = (problem.field or "").split(".")[-1]
            self.open_step(first, self.pages[first].fields.get(name))

    def _accepted(self, result: IntakeResult) -> None:
        """Registered: the input leaves the form (a case holds it, or nothing may keep it)."""
        self.result = result
        self._refused_steps = self._vault_steps = set()
        blank = IntakeInput().to_state()
        self.set_state(blank)
        self.clear_lookups()
        text = result.message
        if result.case_id is None and anonymous_notice() not in text:
            text = (text + "\n" + anonymous_notice()).strip()
        self.outcome.setText(text)
        self.outcome.show()
        self._initial = self.state()
        self.saved.emit(result)

    def problem_labels(self, step: str) -> dict[str, QLabel]:
        """The error labels of a step's fields (tests and the record view use them)."""
        return self.page_of(step).rows.errors
