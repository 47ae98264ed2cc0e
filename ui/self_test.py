"""`legalaid --self-test`: proof that an installed (frozen) app works on this PC, without
touching any real vault. Offscreen, in a temporary folder that is removed afterwards, it
creates a vault (the key derivation and SQLCipher), writes a person and a case and finds the
person again (full-text search), renders a referral letter (ReportLab and the fonts),
checks that the catalogs load in Kyrgyz, Russian and English, and opens the main window
(Qt's platform and image plugins). Exit 0 when every step passed, 1 with the step and the
reason otherwise. Synthetic data only; nothing is written outside the temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from legalaid.i18n import _

PASSPHRASE = "self-test vault, synthetic data only"
EXPECTED = {"ky": "Иштер", "ru": "Дела", "en": "Cases"}  # the navigation's "Cases"


def _vault(folder: Path) -> object:
    from legalaid.services import setup
    from legalaid.storage import kdf

    return setup.create_vault(
        folder / "vault.db", "selftest", "Self Test", PASSPHRASE, params=kdf.FAST_FOR_TESTS
    )


def _record_and_find(ws: object) -> tuple[int, int]:
    from legalaid.domain.enums import Gender, PartyRole
    from legalaid.services import cases, people, search
    from legalaid.services.cases import CaseInput, PartyInput
    from legalaid.services.people import PersonInput

    client = people.add_person(
        ws,  # type: ignore[arg-type]
        PersonInput("Өмүрбекова", "Айгүл", gender=Gender.FEMALE, region="osh_city"),
    )
    case = cases.create_case(
        ws,  # type: ignore[arg-type]
        CaseInput("FAM", parties=(PartyInput(client.id, PartyRole.CLIENT),)),
    )
    found = search.search(ws, "Омурбекова")  # type: ignore[arg-type]  # another spelling
    if client.id not in [hit.id for hit in found.people]:
        raise AssertionError("the person just written was not found by search")
    return client.id, case.id


def _letter(ws: object, case_id: int) -> int:
    from legalaid.services import directory, letters, referrals
    from legalaid.services.referrals import ReferralInput

    organisation = directory.list_organisations(ws)[0]  # type: ignore[arg-type]
    today = dt.date.today()
    referral = referrals.create_referral(
        ws,  # type: ignore[arg-type]
        case_id,
        ReferralInput(
            organisation.id,
            request="Self-test: no real request.",
            referred_on=today,
            consent_on=today,
            consent_method="signed_form",
            consent_scope=("identity", "contact", "facts"),
        ),
        today=today,
    )
    preview = letters.preview_letter(ws, referral.id, "ky", today)  # type: ignore[arg-type]
    if not preview.pdf.startswith(b"%PDF"):
        raise AssertionError("the letter is not a PDF")
    return len(preview.pdf)


def _translations() -> str:
    from legalaid.i18n import translate_in

    found = {language: translate_in(language, "Cases") for language in EXPECTED}
    if found != EXPECTED:
        raise AssertionError(f"catalogs not loaded: {found}")
    return ", ".join(f"{k}={v}" for k, v in found.items())


def _qt_translations() -> str:
    """Qt's own dialogs in Russian (and so in Kyrgyz, which falls back to it)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from ui.app import make_qt_application
    from ui.qt_i18n import QT_CATALOG_FOR

    make_qt_application()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if not translator.load(QT_CATALOG_FOR["ru"], folder):
        raise AssertionError(f"Qt's Russian catalog is not in {folder}")
    return QT_CATALOG_FOR["ru"]


def _window(ws: object) -> str:
    from ui.app import make_qt_application
    from ui.main_window import MainWindow

    app = make_qt_application()
    window = MainWindow(ws)  # type: ignore[arg-type]
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    image = window.grab().toImage()
    window.close()
    if image.isNull() or image.width() < 800:
        raise AssertionError("the main window did not render")
    return f"{image.width()}x{image.height()} on {app.platformName()}"


def run(out: TextIO | None = None) -> int:
    """Every step in order; the first failure stops the test with its reason."""
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="legalaid-self-test-"))
    previous_home = os.environ.get("LEGALAID_HOME")
    os.environ["LEGALAID_HOME"] = str(folder)  # logs and settings of the test stay in it
    ws: object = None
    started = time.perf_counter()

    def step(name: str, action: Callable[[], object]) -> None:
        began = time.perf_counter()
        detail = action()
        took = (time.perf_counter() - began) * 1000
        out.write(f"ok   {name} ({took:.0f} ms){': ' + str(detail) if detail else ''}\n")

    try:
        step("translations", _translations)
        step("Qt translations", _qt_translations)

        def make() -> str:
            nonlocal ws
            ws = _vault(folder)
            return _("SQLCipher vault created and unlocked")

        step("vault", make)
        ids: dict[str, int] = {}

        def record() -> str:
            ids["person"], ids["case"] = _record_and_find(ws)
            return _("a person and a case written, the person found by another spelling")

        step("records", record)
        step("letter", lambda: _("{size} bytes of PDF").format(size=_letter(ws, ids["case"])))
        step("window", lambda: _window(ws))
    except Exception as error:  # noqa: BLE001 - the reason is the output
        out.write(f"FAIL {type(error).__name__}: {error}\n")  # for IT staff and logs: as is
        return 1
    finally:
        if ws is not None:
            ws.close()  # type: ignore[attr-defined]
        if previous_home is None:
            os.environ.pop("LEGALAID_HOME", None)
        else:
            os.environ["LEGALAID_HOME"] = previous_home
        shutil.rmtree(folder, ignore_errors=True)
    seconds = f"{time.perf_counter() - started:.1f}"
    out.write(_("self-test passed in {seconds} s").format(seconds=seconds) + "\n")
    return 0
