"""The person form holds the whole record: changing one field never drops the others."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers.make_vault import new_vault
from helpers.qt_input import type_text
from helpers.records import person
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from legalaid import i18n
from legalaid.domain.enums import Language, Vulnerability
from legalaid.services import people
from ui.app import make_qt_application
from ui.person_form import PersonForm


def test_changing_the_phone_keeps_address_languages_and_vulnerabilities(
    qtbot: QtBot, vault_path: Path
) -> None:
    ws = new_vault(vault_path)
    make_qt_application()
    saved = person(
        ws,
        "Өмүрбекова",
        "Айгүл",
        region="osh",
        district="osh.alay",
        settlement="Гүлчө",
        street="Ленин көч., 12",
        languages=(Language.KYRGYZ, Language.RUSSIAN),
        vulnerabilities=(Vulnerability.GBV_SURVIVOR,),
        approximate_age=34,
        notes="Коопсуз байланыш: эжеси аркылуу",
    )
    form = PersonForm(ws, people.get_person(ws, saved.id))
    qtbot.addWidget(form)
    assert form.district.currentData() == "osh.alay" and form.age.value() == 34
    assert not form.is_dirty()
    type_text(form.phone, "+996 555 123 456")
    with qtbot.waitSignal(form.saved, timeout=5_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    after = people.get_person(ws, saved.id)
    assert after.phone == "+996 555 123 456"
    assert (after.region, after.district, after.settlement, after.street) == (
        "osh",
        "osh.alay",
        "Гүлчө",
        "Ленин көч., 12",
    )
    assert after.languages == (Language.KYRGYZ, Language.RUSSIAN)
    assert after.vulnerabilities == (Vulnerability.GBV_SURVIVOR,)
    assert after.birth_year_estimate == dt.date.today().year - 34
    assert after.notes == "Коопсуз байланыш: эжеси аркылуу"
    ws.close()


def test_a_new_person_with_district_languages_and_a_marker(qtbot: QtBot, vault_path: Path) -> None:
    ws = new_vault(vault_path)
    make_qt_application()
    form = PersonForm(ws)
    qtbot.addWidget(form)
    type_text(form.surname, "Жээнбеков")
    type_text(form.given_name, "Нурлан")
    form.region.setCurrentIndex(form.region.findData("batken"))
    assert form.district.isEnabled() and form.district.count() > 1
    form.district.setCurrentIndex(1)
    district = form.district.currentData()
    form.region.setCurrentIndex(form.region.findData("osh"))  # the district no longer fits
    assert form.district.currentData() is None
    form.region.setCurrentIndex(form.region.findData("batken"))
    form.district.setCurrentIndex(form.district.findData(district))
    form.languages.boxes[Language.UZBEK].setChecked(True)
    form.vulnerabilities.boxes[Vulnerability.MIGRANT_OR_RETURNEE].setChecked(True)
    english = form.languages.boxes[Language.UZBEK].text()
    i18n.set_language("ky")
    form.retranslate_ui()
    assert form.languages.boxes[Language.UZBEK].text() != english
    assert form.district.currentData() == district  # relabelled, still chosen
    i18n.set_language("en")
    with qtbot.waitSignal(form.saved, timeout=5_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    saved = people.get_person(ws, form.person_id or 0)
    assert (saved.region, saved.district) == ("batken", district)
    assert saved.languages == (Language.UZBEK,)
    assert saved.vulnerabilities == (Vulnerability.MIGRANT_OR_RETURNEE,)
    ws.close()
