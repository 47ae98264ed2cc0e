"""F1: a short help page in the interface language: the keys, how the vault protects the
clients, and what to do when a passphrase is forgotten. Built from catalog strings, so
it is complete in Kyrgyz, Russian and English like the rest of the interface."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from legalaid import __version__
from legalaid.i18n import N_, _

SHORTCUTS = (
    ("Ctrl+N", N_("Open a new case.")),
    ("Ctrl+Shift+N", N_("Add a new person.")),
    ("Ctrl+F", N_("Search people and cases: a name in any script, a PIN, a phone, a case number.")),
    ("Ctrl+P", N_("Print the person or case on the screen.")),
    ("Ctrl+L", N_("Lock the screen now (it also locks itself when nobody works).")),
    ("F1", N_("This help.")),
)


class HelpWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Help"))
        rows = "".join(
            f"<tr><td><b>{escape(key)}</b></td><td>{escape(_(text))}</td></tr>"
            for key, text in SHORTCUTS
        )
        safety = [
            _("Everything you record is encrypted in the vault file; without a passphrase it "
              "is unreadable, even on a stolen computer."),
            _("Only your role's work is shown to you; restricted cases only to their lawyer "
              "and the coordinators."),
            _("Every opening, change, print and export is recorded in the audit trail."),
            _("What you type is kept as a draft every few seconds: a power cut or a lock "
              "loses nothing."),
        ]  # fmt: skip
        forgotten = _(
            "A forgotten passphrase cannot be recovered by anyone. A coordinator gives you a "
            "new one (Administration, Reset the passphrase); a coordinator who forgot theirs "
            "uses the office's recovery key."
        )
        title, keys = _("Legal Aid Desk"), _("Keys")
        protected, lost = _("How your clients are protected"), _("A forgotten passphrase")
        items = "".join(f"<li>{escape(line)}</li>" for line in safety)
        self.browser.setHtml(
            f"<h2>{escape(title)} {escape(__version__)}</h2>"
            f"<h3>{escape(keys)}</h3><table cellpadding='4'>{rows}</table>"
            f"<h3>{escape(protected)}</h3><ul>{items}</ul>"
            f"<h3>{escape(lost)}</h3><p>{escape(forgotten)}</p>"
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
