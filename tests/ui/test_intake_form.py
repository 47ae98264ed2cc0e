"""The intake interview form: typed with the keyboard, refused with every problem at its
field, duplicates across scripts, urgent danger, no consent to record, drafts, language."""

from __future__ import annotations

import datetime as dt
import gettext
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.make_vault import OTHER_PASSPHRASE, new_vault
from helpers.qt_input import type_text
from helpers.records import case_for, person
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import ConsentKind, ConsentMethod, Gender, PartyRole, Role
from legalaid.services import accounts, cases, drafts, intake, people
from legalaid.services.auth import sign_in
from legalaid.services.intake import IntakeInput, OtherPersonInput, anonymous_notice
from legalaid.services.workspace import Workspace
from ui.app import make_qt_application
from ui.intake_form import DONE, PROBLEMS, IntakeForm

PARALEGAL = "para1"
MENU_LETTERS = set("frelh")  # the main window's menus: File, Records, Edit, Language, Help


@pytest.fixture
def ws(vault_path: Path) -> Iterator[Workspace]:
    admin = new_vault(vault_path)
    accounts.add_account(admin, PARALEGAL, "Айгүл Осмонова", Role.PARALEGAL, OTHER_PASSPHRASE)
    accounts.add_account(admin, "lawyer1", "Бакыт Асанов", Role.LAWYER, OTHER_PASSPHRASE)
    client = person(admin, "Өмүрбекова", "Айгүл", birth_date=dt.date(1990, 5, 4))
    case_for(admin, client, "FAM", subcategory="FAM.ALIMONY")
    admin.close()
    make_qt_application()
    paralegal = sign_in(vault_path, PARALEGAL, OTHER_PASSPHRASE)
    yield paralegal
    paralegal.close()


@pytest.fixture
def form(qtbot: QtBot, ws: Workspace) -> IntakeForm:
    made = IntakeForm(ws)
    qtbot.addWidget(made)
    made.resize(1166, 648)
    made.show()
    made.activateWindow()
    qtbot.waitExposed(made)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is made, timeout=3_000)
    return made


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(
    qtbot: QtBot, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), which, modifier)


def tab_to(qtbot: QtBot, widget: QWidget, limit: int = 40) -> None:
    """Tab until the cursor is in `widget` (the tab order must get there)."""
    for _press in range(limit):
        if focused() is widget:
            return
        key(qtbot, Qt.Key.Key_Tab)
    assert focused() is widget, f"Tab never reached {widget.accessibleName()!r}"


def next_step(qtbot: QtBot) -> None:
    key(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)


def choose_by_keys(qtbot: QtBot, combo: QComboBox, data: object) -> None:
    assert focused() is combo
    combo.setCurrentIndex(0)
    for _press in range(combo.count()):
        if combo.currentData() == data:
            return
        key(qtbot, Qt.Key.Key_Down)
    assert combo.currentData() == data


def test_a_whole_intake_typed_with_the_keyboard_opens_a_case(
    qtbot: QtBot, form: IntakeForm, ws: Workspace
) -> None:
    started = time.perf_counter()
    narrative = "Күйөөсү мени уруп, үйдөн кууп чыкты 🙏. Муж выгнал меня из дома.\nשלום"
    happened = dt.date.today() - dt.timedelta(days=8)
    p = form.person
    assert focused() is not p.surname
    form.open_step(0)
    assert focused() is p.surname
    type_text(p.surname, "Асанова")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(focused(), "Гүлнара")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(focused(), "Бакытовна")
    key(qtbot, Qt.Key.Key_Tab)
    choose_by_keys(qtbot, p.gender, Gender.FEMALE.value)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is p.birth_date
    qtbot.keyClicks(p.birth_date, "14/03/1985")
    key(qtbot, Qt.Key.Key_Tab)  # leaving the field writes the date the one way
    assert p.birth_date.text() == "14.03.1985"
    tab_to(qtbot, p.region)
    choose_by_keys(qtbot, p.region, "osh")
    next_step(qtbot)
    c = form.contact
    assert form.current_step() == 1 and focused() is c.phone
    qtbot.keyClicks(c.phone, "0555 123 456")
    key(qtbot, Qt.Key.Key_Tab)
    assert c.phone_note.isVisible() and "+996 555 123 456" in c.phone_note.text()
    choose_by_keys(qtbot, c.may_call, True)
    key(qtbot, Qt.Key.Key_Tab)
    choose_by_keys(qtbot, c.may_leave_messages, False)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(focused(), "Күйөөсүнүн үй-бүлөсүнө айтпагыла")
    next_step(qtbot)
    k = form.complaint
    assert form.current_step() == 2 and focused() is k.category
    choose_by_keys(qtbot, k.category, "GBV")
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)  # the subcategory stays "none"
    assert focused() is k.narrative
    first_line, second_line = narrative.split("\n")
    type_text(k.narrative, first_line)
    key(qtbot, Qt.Key.Key_Return)  # a new line, not the next field
    type_text(k.narrative, second_line)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is k.incident_date
    qtbot.keyClicks(k.incident_date, happened.isoformat())
    next_step(qtbot)
    o = form.others_step
    assert form.current_step() == 3 and focused() is o.surname
    type_text(o.surname, "Асанов")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(focused(), "Бакыт")
    tab_to(qtbot, o.add_button)
    key(qtbot, Qt.Key.Key_Space)
    assert o.people.count() == 1 and "Асанов Бакыт" in o.people.item(0).text()
    next_step(qtbot)
    assert form.current_step() == 4
    type_text(focused(), "Ажырашып, балдарына алимент алгысы келет")
    next_step(qtbot)
    a = form.assessment
    assert form.current_step() == 5
    tab_to(qtbot, a.recommended_action)
    choose_by_keys(qtbot, a.recommended_action, "representation")
    next_step(qtbot)
    s = form.consent
    assert form.current_step() == 6 and focused() is s.consent_record
    key(qtbot, Qt.Key.Key_Space)
    assert s.consent_record.isChecked() and not s.anonymous_note.isVisible()
    tab_to(qtbot, s.consent_method)
    choose_by_keys(qtbot, s.consent_method, ConsentMethod.SIGNED_FORM.value)
    with qtbot.waitSignal(form.saved, timeout=5_000) as saved:
        key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    elapsed = time.perf_counter() - started
    result = saved.args[0]
    assert result.case_id is not None and result.case_number in form.outcome.text()
    case = cases.get_case(ws, result.case_id)
    assert [(x.full_name, x.role) for x in case.parties] == [
        ("Асанова Гүлнара Бакытовна", PartyRole.CLIENT),
        ("Асанов Бакыт", PartyRole.OPPOSING_PARTY),
    ]
    stored = intake.get_intake(ws, result.case_id)
    assert stored.narrative == narrative and stored.incident_date == happened
    assert stored.contact_phone == "+996555123456"
    assert (stored.may_call, stored.may_leave_messages) == (True, False)
    assert stored.do_not_tell == "Күйөөсүнүн үй-бүлөсүнө айтпагыла"
    assert stored.wants == "Ажырашып, балдарына алимент алгысы келет"
    assert [(x.kind, x.method) for x in stored.consents] == [
        (ConsentKind.RECORD_DATA, ConsentMethod.SIGNED_FORM)
    ]
    client = people.get_person(ws, result.person_id)
    assert client.birth_date == dt.date(1985, 3, 14) and client.gender is Gender.FEMALE
    assert p.surname.text() == "" and not form.is_dirty()  # the input is the case's now
    assert elapsed < 30, elapsed


def test_a_refused_intake_shows_each_problem_at_its_field_and_keeps_everything(
    qtbot: QtBot, form: IntakeForm, ws: Workspace
) -> None:
    p, c, k, s = form.person, form.contact, form.complaint, form.consent
    type_text(p.surname, "Жээнбекова")
    p.birth_date.setText("31.02.2020")  # no such day
    type_text(c.phone, "0555 12")
    type_text(k.incident_period, "жазында")
    s.consent_record.setChecked(True)
    s.consent_method.setCurrentIndex(s.consent_method.findData("oral_witnessed"))
    form.open_step(3)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.current_step() == 0  # the first step with a problem
    errors = form.problem_labels
    for step, field in (
        ("person", "given_name"),
        ("person", "birth_date"),
        ("contact", "phone"),
        ("complaint", "category"),
        ("complaint", "narrative"),
        ("assessment", "recommended_action"),
        ("consent", "consent_witness"),
    ):
        label = errors(step)[field]
        assert not label.isHidden() and label.text(), (step, field)
    assert "28.11.2026" in errors("person")["birth_date"].text()
    assert errors("person")["given_name"].isVisible()  # on the step shown
    assert errors("person")["surname"].isHidden()
    for step in ("person", "contact", "complaint", "assessment", "consent"):
        assert form.step_status(step) == PROBLEMS, step
        item = form.step_list.item(form.step_keys.index(step))
        assert item.text().startswith("⚠")
        assert "problems" in item.data(Qt.ItemDataRole.AccessibleTextRole)
    assert form.step_status("wishes") != PROBLEMS
    assert (p.surname.text(), p.birth_date.text()) == ("Жээнбекова", "31.02.2020")
    assert (c.phone.text(), k.incident_period.text()) == ("0555 12", "жазында")
    assert s.consent_record.isChecked() and s.consent_method.currentData() == "oral_witnessed"
    assert cases.list_cases(ws)[1] == 1 and form.is_dirty()  # only the earlier case
    p.birth_date.setText("04.05.1990")  # corrected: the date's problem goes at the next try
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert errors("person")["birth_date"].isHidden()
    assert not errors("person")["given_name"].isHidden()


def test_a_name_typed_in_latin_finds_the_cyrillic_person_and_links_them(
    qtbot: QtBot, form: IntakeForm, ws: Workspace
) -> None:
    existing = people.list_people(ws)[0][0]
    p = form.person
    form.open_step(0)
    qtbot.keyClicks(p.surname, "Omurbekova")
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Aigul")
    qtbot.waitUntil(lambda: p.candidates.count() > 0, timeout=3_000)
    assert p.candidates.isVisible()
    offered = p.candidates.item(0).text()
    assert "Өмүрбекова Айгүл" in offered and "similar name" in offered
    tab_to(qtbot, p.candidates)
    key(qtbot, Qt.Key.Key_Return)
    assert p.person_id == existing.id and p.linked.isVisible()
    assert "Өмүрбекова Айгүл" in p.linked.text() and not p.candidates.isVisible()
    form.complaint.category.setCurrentIndex(form.complaint.category.findData("LAB"))
    form.complaint.narrative.setPlainText("Жумуштан негизсиз бошотулду")
    form.assessment.recommended_action.setCurrentIndex(1)
    form.consent.consent_record.setChecked(True)
    form.consent.consent_method.setCurrentIndex(1)
    with qtbot.waitSignal(form.saved, timeout=5_000) as saved:
        qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].person_id == existing.id
    assert people.list_people(ws)[1] == 1  # no twin made


def test_unlinking_offers_the_candidates_again(qtbot: QtBot, form: IntakeForm) -> None:
    p = form.person
    type_text(p.surname, "Өмүрбекова")
    type_text(p.given_name, "Айгүл")
    p.birth_date.setText("04.05.1990")
    p.birth_date.editingFinished.emit()
    qtbot.waitUntil(lambda: p.candidates.count() > 0, timeout=3_000)
    assert "same name and birth date" in p.candidates.item(0).text()
    p.candidates.itemActivated.emit(p.candidates.item(0))
    assert p.person_id is not None and p.unlink_button.isVisible()
    qtbot.mouseClick(p.unlink_button, Qt.MouseButton.LeftButton)
    assert p.person_id is None and not p.linked.isVisible()
    assert p.candidates.count() > 0 and p.candidates.isVisible()
    assert p.surname.text() == "Өмүрбекова"


def test_urgent_answers_show_what_must_happen_now(qtbot: QtBot, form: IntakeForm) -> None:
    a = form.assessment
    form.open_step(5)
    assert not a.urgent_box.isVisible() and not form.urgent_banner.isVisible()
    box = a.urgency_answers.boxes
    assert focused() is box["ill_treatment_in_custody"]
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Space)  # violence at home
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Space)  # the danger goes on
    assert box["violence_at_home"].isChecked() and box["ongoing_danger"].isChecked()
    qtbot.waitUntil(lambda: a.urgent_box.isVisible(), timeout=2_000)
    assert "#a12622" in a.urgent_box.styleSheet()  # red
    assert "protection order" in a.urgent_box.text()
    assert form.urgent_banner.isVisible()
    form.open_step(0)
    assert form.urgent_banner.isVisible()  # seen from every step
    box["violence_at_home"].setChecked(False)
    box["ongoing_danger"].setChecked(False)
    a.deadline_on.setText((dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y"))
    form.open_step(5)
    qtbot.waitUntil(lambda: "#8a5a00" in a.urgent_box.styleSheet(), timeout=2_000)
    assert a.urgent_box.isVisible()  # a deadline within 7 days: amber
    a.deadline_on.clear()
    qtbot.waitUntil(lambda: not a.urgent_box.isVisible(), timeout=2_000)


def test_eligibility_and_documents_show_as_typed(qtbot: QtBot, form: IntakeForm) -> None:
    a = form.assessment
    form.open_step(5)
    a.eligibility_categories.boxes["disability"].setChecked(True)
    qtbot.waitUntil(lambda: "eligible for state-guaranteed" in a.eligibility.text(), timeout=2_000)
    assert "Documents to bring" in a.eligibility.text()


def test_without_consent_to_record_only_an_anonymous_record_is_kept(
    qtbot: QtBot, form: IntakeForm, ws: Workspace
) -> None:
    s = form.consent
    form.open_step(6)
    assert not s.consent_record.isChecked()
    assert s.anonymous_note.isVisible() and s.anonymous_note.text() == anonymous_notice()
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not s.anonymous_note.isVisible(), timeout=2_000)
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: s.anonymous_note.isVisible(), timeout=2_000)
    type_text(form.person.surname, "Абдыкадырова")
    type_text(form.person.given_name, "Нуриза")
    form.person.gender.setCurrentIndex(form.person.gender.findData("female"))
    form.complaint.category.setCurrentIndex(form.complaint.category.findData("GBV"))
    form.complaint.narrative.setPlainText("Эч кимге айтпагыла")
    with qtbot.waitSignal(form.saved, timeout=5_000) as saved:
        qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    result = saved.args[0]
    assert result.case_id is None and result.anonymous_record_id is not None
    assert anonymous_notice() in form.outcome.text() and form.outcome.isVisible()
    assert people.list_people(ws)[1] == 1 and cases.list_cases(ws)[1] == 1  # as before
    assert form.person.surname.text() == "" and form.complaint.narrative.toPlainText() == ""
    assert not form.is_dirty()


FULL = IntakeInput(
    person_id=None,
    surname="Токтосунова",
    given_name="Айгүл",
    patronymic="Маратовна",
    gender="female",
    birth_date=dt.date(1988, 2, 29),
    approximate_age=37,
    pin="21234567890123",
    region="osh",
    district="osh.kara_suu",
    settlement="Нариман",
    street="Ленина 5",
    languages=("ky", "uz"),
    vulnerabilities=("gbv_survivor", "low_income"),
    phone="0777 12 34 56",
    may_call=False,
    may_leave_messages=True,
    do_not_tell="Кайненеси",
    safe_contact_notes="Эртең менен гана",
    category="GBV",
    subcategory=None,
    narrative="Узун текст 🙂 עברית\nэкинчи сап",
    incident_date=dt.date(2026, 1, 5),
    incident_period="кышында",
    incident_region="osh",
    incident_district="osh.kara_suu",
    incident_settlement="Нариман",
    responsible="Күйөөсү",
    institutions_approached="Милиция",
    documents_held="Паспорт",
    others=(
        OtherPersonInput("Токтосунов", "Марат", None, "opposing_party", "11234567890123"),
        OtherPersonInput("Асанова", "Бүбү", "Асановна", "witness", None),
    ),
    wants="Коргоо ордери",
    urgency_answers=("violence_at_home", "ongoing_danger"),
    deadline_on=dt.date(2027, 1, 10),
    eligibility_categories=("family_violence_survivor",),
    monthly_income_per_person=750,
    recommended_action="representation",
    consent_record=True,
    consent_share_with=("state_legal_aid", "courts"),
    consent_contact=True,
    consent_method="oral_witnessed",
    consent_witness="Сыдыкова Жылдыз",
    consent_on=dt.date(2026, 11, 2),
    conflict_decision="sent_to_lawyer",
    conflict_lawyer="lawyer1",
)


def test_state_round_trip_restores_every_field_and_the_step(
    qtbot: QtBot, form: IntakeForm, ws: Workspace
) -> None:
    from legalaid.domain import reference

    district = reference.regions()["osh"].districts[0].code
    full = IntakeInput.from_state(
        {**FULL.to_state(), "district": district, "incident_district": district}
    )
    form.open_step(3)
    assert not form.is_dirty()  # moving between steps is not a change
    form.set_state({**full.to_state(), "step": 4})
    assert form.data() == full  # every field reached its widget and comes back
    form.open_step(4)
    form.complaint.incident_date.setText("32.13.2026")  # not a date yet: kept as typed
    type_text(form.others_step.surname, "Жаңы")
    form.person.link(people.list_people(ws)[0][0].id, "Өмүрбекова Айгүл")
    state = form.state()
    assert state["step"] == 4 and form.is_dirty()
    drafts.save_draft(ws, *form.draft_key, state)  # what the DraftKeeper writes
    (kept,) = drafts.my_drafts(ws)
    assert kept.form == "intake" and kept.slot == form.new_slot
    again = IntakeForm(ws)
    qtbot.addWidget(again)
    again.set_state(kept.state)
    assert again.state() == state
    assert again.current_step() == 4 and again.step_list.currentRow() == 4
    assert again.complaint.incident_date.text() == "32.13.2026"
    assert again.others_step.surname.text() == "Жаңы" and again.others_step.people.count() == 2
    assert again.person.person_id == state["person_id"]
    assert "Өмүрбекова Айгүл" in again.person.linked.text()
    assert again.draft_key[0] == "intake" and again.draft_key[1] is not None
    assert again.draft_key[1] < 0 and again.draft_key != form.draft_key


class _WithNewMsgids(gettext.NullTranslations):
    """The Kyrgyz catalog plus two step titles (not in the .po yet)."""

    def __init__(self, catalog: gettext.NullTranslations) -> None:
        super().__init__()
        self.add_fallback(catalog)

    def gettext(self, message: str) -> str:
        extra = {"Complainant": "Арызданган адам", "Consent": "Макулдук"}
        return extra.get(message) or super().gettext(message)


def test_a_language_switch_retranslates_and_keeps_the_input(
    qtbot: QtBot, form: IntakeForm, monkeypatch: pytest.MonkeyPatch
) -> None:
    type_text(form.person.surname, "Осмонова")
    form.complaint.category.setCurrentIndex(form.complaint.category.findData("GBV"))
    form.open_step(2)
    english_category = form.complaint.category.currentText()
    assert "Complainant" in form.step_list.item(0).text()
    i18n.set_language("ky")
    monkeypatch.setitem(i18n._catalogs, "ky", _WithNewMsgids(i18n._load("ky")))
    form.retranslate_ui()
    assert "Арызданган адам" in form.step_list.item(0).text()
    assert "Макулдук" in form.step_list.item(6).text()
    assert form.person.rows.labels["surname"].text() == i18n._("&Surname") != "&Surname"
    assert form.complaint.category.currentData() == "GBV"
    assert form.complaint.category.currentText() != english_category
    assert form.person.surname.text() == "Осмонова" and form.current_step() == 2


def test_each_step_has_unique_mnemonics_clear_of_the_menus(form: IntakeForm) -> None:
    steps_letter = re.search(r"&(\w)", form.steps_label.text())
    assert steps_letter is not None
    for page in form.pages:
        letters: list[str] = [steps_letter.group(1).lower()]
        for widget in page.findChildren(QWidget):
            text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
            found = re.search(r"&(\w)", text)
            if found:
                letters.append(found.group(1).lower())
        assert len(letters) == len(set(letters)), (page.key, sorted(letters))
        assert not set(letters) & MENU_LETTERS, page.key
        for name, field in page.fields.items():
            assert field.accessibleName(), (page.key, name)


def test_the_steps_change_with_the_keyboard(qtbot: QtBot, form: IntakeForm) -> None:
    form.open_step(0)
    key(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert form.current_step() == 1 and focused() is form.contact.phone
    key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert form.current_step() == 2
    form.complaint.category.setFocus()
    key(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # even from a combo box
    assert form.current_step() == 1
    key(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert form.current_step() == 0
    form.step_list.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    assert form.current_step() == 2 and focused() is form.complaint.category
    form.complaint.narrative.setPlainText("x")
    form.complaint.category.setCurrentIndex(form.complaint.category.findData("LAB"))
    qtbot.waitUntil(lambda: form.step_status("complaint") == DONE, timeout=2_000)


def test_an_opposing_party_who_is_our_client_must_be_decided_on(
    qtbot: QtBot, form: IntakeForm, ws: Workspace
) -> None:
    o = form.others_step
    form.set_state(
        {
            **FULL.to_state(),
            "district": None,
            "incident_district": None,
            "pin": None,
            "others": [],
            "conflict_decision": None,
            "conflict_lawyer": None,
        }
    )
    form.open_step(3)
    qtbot.keyClicks(o.surname, "Omurbekova")
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Aigul")
    tab_to(qtbot, o.add_button)
    key(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, o.check_button)
    key(qtbot, Qt.Key.Key_Space)
    assert o.conflicts.count() == 1
    shown = o.conflicts.item(0).text()
    assert "Omurbekova Aigul" in shown and "Өмүрбекова Айгүл" in shown and "2026" in shown
    i18n.set_language("ru")
    form.retranslate_ui()
    in_russian = o.conflicts.item(0).text()
    assert in_russian != shown and "Өмүрбекова Айгүл" in in_russian
    assert "клиент" in in_russian.lower()
    i18n.set_language("en")
    form.retranslate_ui()
    assert o.conflicts.item(0).text() == shown
    form.open_step(0)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.current_step() == 3 and form.step_status("others") == PROBLEMS
    assert not form.problem_labels("others")["conflict_decision"].isHidden()
    assert cases.list_cases(ws)[1] == 1
    o.conflict_decision.setCurrentIndex(o.conflict_decision.findData("sent_to_lawyer"))
    assert o.conflict_lawyer.isEnabled()
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert not form.problem_labels("others")["conflict_lawyer"].isHidden()
    o.conflict_lawyer.setCurrentIndex(o.conflict_lawyer.findData("lawyer1"))
    with qtbot.waitSignal(form.saved, timeout=5_000) as saved:
        qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    stored = intake.get_intake(ws, saved.args[0].case_id)
    assert stored.conflict_matches == 1 and stored.conflict_decision.value == "sent_to_lawyer"


def test_a_wrong_phone_of_an_otherwise_complete_intake_shows_at_the_phone(
    qtbot: QtBot, form: IntakeForm, ws: Workspace
) -> None:
    form.set_state({**FULL.to_state(), "district": None, "incident_district": None, "pin": None})
    form.contact.phone.setText("0555 12")
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.current_step() == 1 and focused() is form.contact.phone
    assert "6" in form.problem_labels("contact")["phone"].text()
    assert not form.contact.phone_note.isVisible()  # not said twice
    assert form.step_status("contact") == PROBLEMS and form.step_status("person") != PROBLEMS
    assert cases.list_cases(ws)[1] == 1 and form.contact.phone.text() == "0555 12"


def test_a_person_in_the_list_comes_back_to_the_fields_to_be_corrected(
    qtbot: QtBot, form: IntakeForm
) -> None:
    o = form.others_step
    form.open_step(3)
    for surname, given in (("Asanov", "Bolot"), ("Tokonov", "Ulan")):
        qtbot.keyClicks(o.surname, surname)
        qtbot.keyClicks(o.given_name, given)
        qtbot.mouseClick(o.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(o.surname, "Half typed")  # not added yet: must not be lost
    o.people.setFocus()
    o.people.setCurrentRow(0)
    key(qtbot, Qt.Key.Key_Return)
    assert (o.surname.text(), o.given_name.text()) == ("Asanov", "Bolot")
    assert o.role.currentData() == PartyRole.OPPOSING_PARTY.value
    assert [p.surname for p in o.others()] == ["Tokonov", "Half typed"]
    o.surname.setText("Asanbekov")
    qtbot.mouseClick(o.add_button, Qt.MouseButton.LeftButton)
    assert [p.surname for p in o.others()] == ["Tokonov", "Half typed", "Asanbekov"]
    o.people.setCurrentRow(1)
    qtbot.mouseClick(o.change_button, Qt.MouseButton.LeftButton)
    assert o.surname.text() == "Half typed" and o.people.count() == 2
