"""The form that refers a case to an organisation, or corrects a referral.

The organisation is chosen from the directory, the ones suggested for this case (its
category, the client's region) first. The client's consent to share their data with that
organisation is recorded here (day, how, what may be shared); when the intake already
holds a consent to share with that kind of body, the form offers it. The core validates:
its message appears at the field and everything typed stays. The dialog opens with open()
and reports through `saved`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from legalaid.domain.enums import ConsentMethod, ReferralMethod, ShareScope
from legalaid.errors import LegalAidError, ValidationError
from legalaid.i18n import _, sentence_case
from legalaid.services import directory, referrals, timeline
from legalaid.services.directory import OrganisationInfo
from legalaid.services.drafts import REFERRAL_DRAFT
from legalaid.services.referrals import ReferralInfo, ReferralInput
from legalaid.services.workspace import Workspace
from ui.choices import select_data
from ui.field_rows import FieldRows
from ui.intake_steps import DateField, text_box, warning_label
from ui.messages import error_text

DEFAULT_SCOPE = (ShareScope.IDENTITY, ShareScope.CONTACT, ShareScope.FACTS)


class ReferralDialog(QDialog):
    saved = Signal(object)  # the ReferralInfo as stored

    def __init__(
        self,
        ws: Workspace,
        case_id: int,
        existing: ReferralInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws, self.case_id, self.existing = ws, case_id, existing
        self.organisation = QComboBox()
        self.organisation.setMinimumContentsLength(40)
        self.method = QComboBox()
        for method in ReferralMethod:
            self.method.addItem("", method.value)
        self.referred_on = DateField()
        self.reason, self.request = text_box(60), text_box(80)
        self.legal_basis, self.enclosures = text_box(50), text_box(50)
        self.responsible = QComboBox()
        self.due_on = DateField()
        self.consent_on = DateField()
        self.consent_method = QComboBox()
        self.consent_method.addItem("", None)
        for consent in ConsentMethod:
            self.consent_method.addItem("", consent.value)
        self.scope_boxes = {scope: QCheckBox() for scope in ShareScope}
        scope = QWidget()
        grid = QGridLayout(scope)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, box in enumerate(self.scope_boxes.values()):
            grid.addWidget(box, index, 0)  # one column: long Kyrgyz labels fit the form
        self.intake_consent = warning_label("hint")
        self.use_intake_consent = QPushButton()
        self.use_intake_consent.hide()
        self.rows = FieldRows(
            {
                "organisation_id": self.organisation,
                "method": self.method,
                "referred_on": self.referred_on,
                "reason": self.reason,
                "request": self.request,
                "legal_basis": self.legal_basis,
                "enclosures": self.enclosures,
                "responsible_login": self.responsible,
                "due_on": self.due_on,
                "consent_on": self.consent_on,
                "consent_method": self.consent_method,
                "consent_scope": scope,
            },
            {"consent_on": [self.intake_consent, self.use_intake_consent]},
        )
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        form = QWidget()
        form.setLayout(self.rows.layout)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 640)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.organisation.currentIndexChanged.connect(self._offer_intake_consent)
        self.use_intake_consent.clicked.connect(self._take_intake_consent)
        self._intake_consent: referrals.IntakeShareConsent | None = None  # offered for reuse
        self._suggested: list[OrganisationInfo] = []
        self._others: list[OrganisationInfo] = []
        self._load()
        self.retranslate_ui()
        self._initial = self.state()

    # --- drafts (ui/draft_keeper.py keeps the input in the vault while it changes) -----------
    @property
    def draft_key(self) -> tuple[str, int | None]:
        return (REFERRAL_DRAFT, self.case_id)

    def state(self) -> dict[str, Any]:
        """Everything typed, as text (dates as typed: an unfinished one is kept too)."""
        return {
            "referral_id": self.existing.id if self.existing else None,
            "organisation_id": self.organisation.currentData(),
            "method": self.method.currentData(),
            "referred_on": self.referred_on.text(),
            "reason": self.reason.toPlainText(),
            "request": self.request.toPlainText(),
            "legal_basis": self.legal_basis.toPlainText(),
            "enclosures": self.enclosures.toPlainText(),
            "responsible_login": self.responsible.currentData(),
            "due_on": self.due_on.text(),
            "consent_on": self.consent_on.text(),
            "consent_method": self.consent_method.currentData(),
            "consent_scope": [s.value for s, box in self.scope_boxes.items() if box.isChecked()],
        }

    def set_state(self, state: dict[str, Any]) -> None:
        select_data(self.organisation, state.get("organisation_id"))
        select_data(self.method, state.get("method"))
        for name in ("referred_on", "due_on", "consent_on"):
            field = getattr(self, name)
            field.setText(str(state.get(name) or ""))
        for name in ("reason", "request", "legal_basis", "enclosures"):
            getattr(self, name).setPlainText(str(state.get(name) or ""))
        select_data(self.responsible, state.get("responsible_login"))
        select_data(self.consent_method, state.get("consent_method"))
        chosen = set(state.get("consent_scope") or ())
        for scope, box in self.scope_boxes.items():
            box.setChecked(scope.value in chosen)

    def is_dirty(self) -> bool:
        return self.state() != self._initial

    # --- filling ---------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            self._suggested = directory.suggest_for_case(self.ws, self.case_id)
            suggested_ids = {o.id for o in self._suggested}
            self._others = [
                o for o in directory.list_organisations(self.ws) if o.id not in suggested_ids
            ]
            staff = timeline.staff_choices(self.ws)
        except LegalAidError as error:
            self._show_message(error_text(error))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        for login, name in staff:
            self.responsible.addItem(name, login)
        data = self.existing.as_input() if self.existing else None
        if data is not None and data.organisation_id not in {
            o.id for o in self._suggested + self._others
        }:  # an inactive organisation stays choosable for the referral that names it
            self._others.append(directory.get_organisation(self.ws, data.organisation_id))
        self._fill_organisations()
        if data is None:
            select_data(self.responsible, self.ws.actor.login)
            select_data(self.method, ReferralMethod.LETTER.value)
            self.referred_on.set_date(dt.date.today())
            return
        select_data(self.organisation, data.organisation_id)
        select_data(self.method, data.method)
        self.referred_on.set_date(data.referred_on)
        self.reason.setPlainText(data.reason)
        self.request.setPlainText(data.request)
        self.legal_basis.setPlainText(data.legal_basis)
        self.enclosures.setPlainText(data.enclosures)
        select_data(self.responsible, data.responsible_login)
        self.due_on.set_date(data.due_on)
        self.consent_on.set_date(data.consent_on)
        select_data(self.consent_method, data.consent_method)
        for scope, box in self.scope_boxes.items():
            box.setChecked(scope.value in data.consent_scope)

    def _fill_organisations(self) -> None:
        chosen = self.organisation.currentData()
        self.organisation.blockSignals(True)
        self.organisation.clear()
        self.organisation.addItem(_("— choose an organisation —"), None)
        for info in self._suggested:
            self.organisation.addItem(f"★ {info.name} · {info.kind.label}", info.id)
        if self._suggested and self._others:
            self.organisation.insertSeparator(self.organisation.count())
        for info in self._others:
            self.organisation.addItem(f"{info.name} · {info.kind.label}", info.id)
        select_data(self.organisation, chosen)
        self.organisation.blockSignals(False)

    def _offer_intake_consent(self) -> None:
        organisation_id = self.organisation.currentData()
        found = None
        if organisation_id is not None:
            try:
                found = referrals.intake_share_consent(self.ws, self.case_id, organisation_id)
            except LegalAidError:
                found = None
        self._intake_consent = found
        self.use_intake_consent.setVisible(found is not None and self.consent_on.date() is None)
        self.intake_consent.setVisible(found is not None)
        self._describe_intake_consent()

    def _describe_intake_consent(self) -> None:
        found = self._intake_consent
        if found is not None:
            self.intake_consent.setText(
                _(
                    "At the intake ({date}, {method}) the client agreed to their data being "
                    "shared with this kind of organisation. Confirm with them what may be shared."
                ).format(date=found.given_on.strftime("%d.%m.%Y"), method=found.method.label)
            )

    def _take_intake_consent(self) -> None:
        found = self._intake_consent
        if found is None:
            return
        self.consent_on.set_date(found.given_on)
        select_data(self.consent_method, found.method.value)
        if not any(box.isChecked() for box in self.scope_boxes.values()):
            for scope in DEFAULT_SCOPE:
                self.scope_boxes[scope].setChecked(True)
        self.use_intake_consent.hide()

    # --- saving ----------------------------------------------------------------------------
    def referral_input(self) -> ReferralInput | None:
        """What is typed; None (with the message at the field) when a date is unreadable."""
        for name, field in (
            ("referred_on", self.referred_on),
            ("due_on", self.due_on),
            ("consent_on", self.consent_on),
        ):
            if not field.is_valid():
                self.rows.show_error(name, _("Write the date as dd.mm.yyyy, e.g. 28.11.2026."))
                return None
        return ReferralInput(
            organisation_id=self.organisation.currentData() or 0,
            reason=self.reason.toPlainText(),
            request=self.request.toPlainText(),
            method=str(self.method.currentData()),
            referred_on=self.referred_on.date(),
            legal_basis=self.legal_basis.toPlainText(),
            enclosures=self.enclosures.toPlainText(),
            responsible_login=self.responsible.currentData(),
            due_on=self.due_on.date(),
            consent_on=self.consent_on.date(),
            consent_method=self.consent_method.currentData(),
            consent_scope=tuple(s.value for s, box in self.scope_boxes.items() if box.isChecked()),
        )

    def save(self) -> None:
        self.rows.clear_errors()
        self.message.hide()
        data = self.referral_input()
        if data is None:
            return
        try:
            if self.existing is None:
                info = referrals.create_referral(self.ws, self.case_id, data)
            else:
                info = referrals.update_referral(self.ws, self.existing.id, data)
        except ValidationError as error:
            if not self.rows.show_error(error.field, str(error)):
                self._show_message(str(error))
            return
        except LegalAidError as error:
            self._show_message(error_text(error))
            return
        self.existing = info
        self.saved.emit(info)
        self.accept()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    # --- language --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Refer the case") if self.existing is None else _("Referral"))
        self.rows.set_labels(
            {
                "organisation_id": _("&Organisation"),
                "method": _("&How"),
                "referred_on": _("&Date referred"),
                "reason": _("Why &referred"),
                "request": _("What is &asked of them"),
                "legal_basis": _("&Legal basis"),
                "enclosures": _("E&nclosures (one per line)"),
                "responsible_login": _("Res&ponsible"),
                "due_on": _("Answer due &by"),
                "consent_on": _("&Consent to share given on"),
                "consent_method": _("Consent &given"),
                "consent_scope": _("What may be &shared"),
            }
        )
        for index, method in enumerate(ReferralMethod):
            self.method.setItemText(index, sentence_case(method.label))
        self.consent_method.setItemText(0, _("— not recorded —"))
        for index, consent in enumerate(ConsentMethod, start=1):
            self.consent_method.setItemText(index, sentence_case(consent.label))
        for scope, box in self.scope_boxes.items():
            box.setText(sentence_case(scope.label))
        self.use_intake_consent.setText(_("&Use the intake's consent"))
        self.referred_on.retranslate_ui()
        self.consent_on.retranslate_ui()
        self.due_on.setPlaceholderText(_("empty: the organisation's usual period"))
        self.organisation.setToolTip(
            _("★ suggested for this case's category and the client's region")
        )
        self._fill_organisations()
        self._describe_intake_consent()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
