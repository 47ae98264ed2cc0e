"""The checklist editor (coordinators): choose a version, change it, save it as the next
version. Items can be reworded (in the three languages), given another standard or other
concern answers, retired (kept with their code, hidden from new observations) or added to a
section (a yes/no question or a choice from one of the lists). Nothing is removed and no code
changes meaning: observations keep the version they were recorded with, and findings compare
by code. The core checks the whole new version (services/checklist_templates.new_version);
a refusal names the place and everything typed stays.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.checklists import YN4, YN4_LABELS, TemplateError
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import _, current_language
from legalaid.services import checklist_templates
from legalaid.services.workspace import Workspace
from ui.intake_steps import warning_label
from ui.messages import error_text

LANGUAGES = ("ky", "ru", "en")
CODE_ROLE = Qt.ItemDataRole.UserRole


class ChecklistEditor(QWidget):
    """See the module's docstring. `saved` tells the new version's number."""

    saved = Signal(int)
    closed = Signal()

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.base_id: int | None = None
        self.data: dict[str, Any] = {}
        self.current: dict[str, Any] | None = None  # the item being edited (in self.data)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.version = QComboBox()
        self.version_label = QLabel()
        self.version_label.setBuddy(self.version)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumWidth(300)
        self.texts = {language: QLineEdit() for language in LANGUAGES}
        self.text_labels = {language: QLabel() for language in LANGUAGES}
        self.standard = QLineEdit()
        self.standard_label = QLabel()
        self.retired = QCheckBox()
        self.concern_label = QLabel()
        self.concerns: dict[str, QCheckBox] = {}
        self.concern_box = QWidget()
        self.concern_layout = QGridLayout(self.concern_box)
        self.concern_layout.setContentsMargins(0, 0, 0, 0)
        self.kind = QComboBox()
        self.kind_label = QLabel()
        self.add_button = QPushButton()
        self.save_button = QPushButton()
        self.back_button = QPushButton()
        self.message = warning_label("error")
        self.notice = warning_label("notice")

        form = QWidget()
        grid = QGridLayout(form)
        for row, language in enumerate(LANGUAGES):
            self.text_labels[language].setBuddy(self.texts[language])
            grid.addWidget(self.text_labels[language], row, 0)
            grid.addWidget(self.texts[language], row, 1)
        grid.addWidget(self.standard_label, 3, 0)
        grid.addWidget(self.standard, 3, 1)
        grid.addWidget(self.concern_label, 4, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.concern_box, 4, 1)
        grid.addWidget(self.retired, 5, 1)
        grid.setRowStretch(6, 1)
        grid.setColumnStretch(1, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.kind_label)
        add_row.addWidget(self.kind, 1)
        add_row.addWidget(self.add_button)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.tree, 1)
        left_column.addLayout(add_row)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(form)
        body.setSizes([380, 620])
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.version_label)
        top.addWidget(self.version)
        top.addWidget(self.back_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notice, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(body, 1)
        layout.addLayout(bottom)

        self.version.activated.connect(lambda _i: self.load(self.version.currentData()))
        self.tree.currentItemChanged.connect(lambda item, _old: self._chosen(item))
        for language, line in self.texts.items():
            line.textEdited.connect(lambda text, lang=language: self._set_text(lang, text))
        self.standard.textEdited.connect(self._set_standard)
        self.retired.toggled.connect(self._set_retired)
        self.add_button.clicked.connect(self.add_item)
        self.save_button.clicked.connect(self.save)
        self.back_button.clicked.connect(self.closed.emit)
        self.retranslate_ui()

    # --- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The versions, the newest chosen and loaded."""
        try:
            versions = checklist_templates.list_templates(self.ws)
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self.version.clear()
        for info in versions:
            state = _("in use, frozen") if info.frozen else _("not used yet")
            self.version.addItem(f"{info.code} {info.version} · {state}", info.id)
        if versions:
            self.version.setCurrentIndex(len(versions) - 1)
            self.load(versions[-1].id)

    def load(self, template_id: int) -> None:
        try:
            self.data = copy.deepcopy(checklist_templates.template_json(self.ws, template_id))
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self.base_id = template_id
        self.message.hide()
        self._fill_kinds()
        self._fill_tree()

    def _fill_tree(self, chosen: str | None = None) -> None:
        language = current_language()
        self.tree.blockSignals(True)
        self.tree.clear()
        for section in self.data.get("sections", []):
            top = QTreeWidgetItem([f"{section['code']}. {section['title'][language]}"])
            self.tree.addTopLevelItem(top)
            for item in section["items"]:
                mark = " ✕" if item.get("retired") else ""
                child = QTreeWidgetItem([f"{item['code']} {item['text'][language]}{mark}"])
                child.setData(0, CODE_ROLE, item["code"])
                child.setToolTip(0, item["text"][language])
                top.addChild(child)
        self.tree.blockSignals(False)
        target = self._tree_item(chosen) if chosen else None
        if target is not None:
            self.tree.setCurrentItem(target)
        else:
            self._chosen(None)

    def _find(self, code: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        for section in self.data.get("sections", []):
            for item in section["items"]:
                if item["code"] == code:
                    return section, item
        return None

    def _section_of(self, tree_item: QTreeWidgetItem | None) -> dict[str, Any] | None:
        if tree_item is None:
            return None
        top = tree_item.parent() or tree_item
        index = self.tree.indexOfTopLevelItem(top)
        sections = self.data.get("sections", [])
        return sections[index] if 0 <= index < len(sections) else None

    # --- editing one item --------------------------------------------------------------------
    def _chosen(self, tree_item: QTreeWidgetItem | None) -> None:
        code = tree_item.data(0, CODE_ROLE) if tree_item is not None else None
        found = self._find(code) if code else None
        self.current = found[1] if found else None
        editable = self.current is not None
        for widget in (*self.texts.values(), self.standard, self.retired, self.concern_box):
            widget.setEnabled(editable)
        for language, line in self.texts.items():
            line.setText(self.current["text"][language] if self.current else "")
            line.setCursorPosition(0)  # a long question shows its beginning
            line.setToolTip(line.text())
        self.standard.setText(self.current.get("standard", "") if self.current else "")
        self.retired.blockSignals(True)
        self.retired.setChecked(bool(self.current and self.current.get("retired")))
        self.retired.blockSignals(False)
        self._fill_concerns()

    def _answers(self, item: dict[str, Any]) -> list[tuple[str, str]]:
        language = current_language()
        if item["answer"] == "yn4":
            return [(code, _(YN4_LABELS[code])) for code in YN4]
        if item["answer"] in ("choice", "multi"):
            return [
                (c["code"], c["label"][language])
                for c in self.data["choice_lists"][item["choices"]]
            ]
        return []

    def _fill_concerns(self) -> None:
        for box in self.concerns.values():
            box.deleteLater()
        self.concerns = {}
        item = self.current
        answers = self._answers(item) if item else []
        self.concern_label.setVisible(bool(answers))
        for index, (code, label) in enumerate(answers):
            box = QCheckBox(label)
            box.setChecked(code in (item or {}).get("concern", []))
            box.toggled.connect(lambda _on: self._set_concerns())
            self.concerns[code] = box
            self.concern_layout.addWidget(box, index // 2, index % 2)

    def _set_text(self, language: str, text: str) -> None:
        if self.current is not None:
            self.current["text"][language] = text
            item = self.tree.currentItem()
            if item is not None and language == current_language():
                item.setText(0, f"{self.current['code']} {text}")

    def _set_standard(self, text: str) -> None:
        if self.current is None:
            return
        if text.strip():
            self.current["standard"] = text
        else:
            self.current.pop("standard", None)  # the format leaves a default out

    def _set_retired(self, retired: bool) -> None:
        if self.current is None:
            return
        if retired:
            self.current["retired"] = True
        else:
            self.current.pop("retired", None)
        self._fill_tree(self.current["code"])

    def _set_concerns(self) -> None:
        if self.current is None:
            return
        chosen = [code for code, box in self.concerns.items() if box.isChecked()]
        if chosen:
            self.current["concern"] = chosen
        else:
            self.current.pop("concern", None)

    def add_item(self) -> None:
        """A new item at the end of the chosen section: the next free number as its code."""
        section = self._section_of(self.tree.currentItem())
        if section is None:
            self._say(_("Choose the section the new item goes into."))
            return
        numbers = [
            int(m.group(1))
            for s in self.data["sections"]
            for i in s["items"]
            if (m := re.fullmatch(rf"{section['code']}(\d+)[a-z]?", i["code"]))
        ]
        code = f"{section['code']}{max(numbers, default=0) + 1}"
        kind = str(self.kind.currentData())
        item: dict[str, Any] = {"code": code, "text": {lang: "" for lang in LANGUAGES}}
        if kind.startswith("choice:"):
            item["answer"] = "choice"
            item["choices"] = kind.split(":", 1)[1]
        else:
            item["answer"] = kind
        section["items"].append(item)
        self._fill_tree(code)
        self.texts[current_language()].setFocus()

    # --- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        if self.base_id is None:
            return
        try:
            made = checklist_templates.new_version(self.ws, self.base_id, self.data)
        except TemplateError as error:
            self._say(self._refusal(error))  # the data stays as typed: nothing is reloaded
            return
        except ValidationError as error:
            self._say(str(error))
            return
        except LegalAidError as error:
            self._say(error_text(error))
            return
        self.message.hide()
        self.notice.setText(
            _("Version {version} saved: new observations use it; earlier ones keep theirs.").format(
                version=made.version
            )
        )
        self.notice.show()
        self.saved.emit(made.version)
        self.refresh()

    def _refusal(self, error: TemplateError) -> str:
        """The core names a place in the file ("sections[0].items[15].text.ky"): said here
        as the item's code and the language, and that item is chosen."""
        found = re.match(r"sections\[(\d+)\]\.items\[(\d+)\](?:\.text\.(\w+))?", error.where)
        problem = _(error.problem).format(**error.problem_params)
        if found is None:
            return str(error)
        section, index, language = int(found[1]), int(found[2]), found[3]
        code = self.data["sections"][section]["items"][index]["code"]
        self.tree.setCurrentItem(self._tree_item(code))
        if language in self.texts:
            self.texts[language].setFocus()
            return _("Item {code}, text in {language}: {problem}").format(
                code=code, language=language, problem=problem
            )
        return _("Item {code}: {problem}").format(code=code, problem=problem)

    def _tree_item(self, code: str) -> QTreeWidgetItem | None:
        for top in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(top)
            for index in range(section.childCount()):
                if section.child(index).data(0, CODE_ROLE) == code:
                    return section.child(index)
        return None

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def clear(self) -> None:
        self.data = {}
        self.current = None
        self.base_id = None
        self.tree.clear()
        self.message.hide()
        self.notice.hide()

    # --- language -----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(_("Checklist versions"))
        self.version_label.setText(_("&Version"))
        names = {
            "ky": _("Text in &Kyrgyz"),
            "ru": _("Text in R&ussian"),
            "en": _("Text in En&glish"),
        }
        for language, label in self.text_labels.items():
            label.setText(names[language])
        self.standard_label.setText(_("Standard"))
        self.concern_label.setText(_("Answers that raise a concern"))
        self.retired.setText(_("Retired from new observations"))
        self.retired.setToolTip(
            _("Retired: kept for the observations that used it, hidden from new ones")
        )
        self.kind_label.setText(_("New item"))
        self._fill_kinds()
        self.add_button.setText(_("&Add to the section"))
        self.save_button.setText(_("&Save as the next version"))
        self.back_button.setText(_("Back to the list"))
        if self.data:
            self._fill_tree(self.current["code"] if self.current else None)

    def _fill_kinds(self) -> None:
        """The kinds of answer a new item may take: the lists are this version's."""
        chosen = self.kind.currentData()
        self.kind.clear()
        self.kind.addItem(_("yes / no / not observed / not applicable"), "yn4")
        self.kind.addItem(_("a count"), "count")
        self.kind.addItem(_("a text"), "text")
        for name in sorted(self.data.get("choice_lists", {})):
            self.kind.addItem(_("a choice: {list}").format(list=name), f"choice:{name}")
        self.kind.setCurrentIndex(max(self.kind.findData(chosen), 0))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
