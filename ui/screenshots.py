"""`legalaid screenshots --out DIR`: the windows rendered offscreen to PNG at 1366x768.

For the README's pictures and for looking at the work in each language. Later issues
add their screens here.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from legalaid import i18n  # noqa: E402
from legalaid.services import agenda, referrals  # noqa: E402
from legalaid.services.workspace import Workspace  # noqa: E402
from ui.app import Application, make_qt_application, route_qt_messages  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.models import ID_ROLE  # noqa: E402
from ui.search_panel import Hit  # noqa: E402

SIZE = (1366, 768)


def _save(widget: QWidget, path: Path, size: tuple[int, int] = SIZE) -> Path:
    widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def _monitoring_shots(main: MainWindow, out: Path, language: str) -> list[Path]:
    """The list of observations, one observation's hearing page and a section of it, and
    the findings (for coordinators)."""
    page = main.monitoring_page
    assert page is not None
    main.navigation.setCurrentRow(main.area_keys().index("monitoring"))
    page.refresh()
    made = [_save(main, out / f"monitoring-{language}.png")]
    if page.model.rowCount():
        page.open_observation(int(page.model.index(0, 0).data(ID_ROLE)))
        made.append(_save(main, out / f"observation-{language}.png"))
        if page.screen.show_section("C") or page.screen.show_section("A"):
            made.append(_save(main, out / f"observation-section-{language}.png"))
        page.show_list()
    if page.findings_button.isVisibleTo(page):
        page.show_findings()
        while page.findings.job is not None:  # counted off the GUI thread
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        made.append(_save(main, out / f"findings-{language}.png"))
        page.show_list()
    return made


def _reports_shots(main: MainWindow, out: Path, language: str) -> list[Path]:
    """The statistics of this year, counted off the GUI thread."""
    page = main.reports_page
    assert page is not None
    main.navigation.setCurrentRow(main.area_keys().index("reports"))
    page.period.setCurrentIndex(page.period.findData("year"))
    page.count()
    while page.job is not None:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    return [_save(main, out / f"reports-{language}.png")]


def _referral_shots(main: MainWindow, out: Path, language: str) -> list[Path]:
    """A case on its Referrals tab (a referral with a letter, if the vault has one), the
    letter on screen and the referral form."""
    made: list[Path] = []
    rows = referrals.list_referrals(main.ws)
    if not rows:
        return made
    chosen = next((r for r in rows if r.letter_number), rows[0])
    main.open_referral(chosen.case_id, chosen.id)
    made.append(_save(main, out / f"case-referrals-{language}.png"))
    tab = main.record_view.referrals
    letter = tab.show_letter()
    if letter is not None:
        made.append(_save(letter, out / f"letter-{language}.png", (1000, 768)))
        letter.close()
    form = tab.edit_referral()
    if form is not None:
        made.append(_save(form, out / f"referral-form-{language}.png", (820, 700)))
        form.reject()
    return made


def render(ws: Workspace, out: Path, language: str) -> list[Path]:
    """Sign-in window; the main window on the dashboard, the case list, the people list,
    the referrals and the directory, administration, the first case of the list (details,
    timeline) and its form, a case's referrals with a letter and the referral form, the form
    of the first person, and the intake interview (first step, others, assessment)."""
    make_qt_application()
    route_qt_messages()
    out.mkdir(parents=True, exist_ok=True)
    desk = Application(ws.vault.path)
    i18n.set_language(language)
    desk.qt_language.apply(language)
    made = []
    sign_in = desk.show_sign_in()
    sign_in.login.setText(ws.actor.login)
    made.append(_save(sign_in, out / f"sign-in-{language}.png"))
    sign_in.close()
    main = desk.show_main(ws)
    keys = main.area_keys()
    for area in (
        "dashboard",
        "cases",
        "people",
        "referrals",
        "court",
        "directory",
        "administration",
    ):
        if area in keys:
            main.navigation.setCurrentRow(keys.index(area))
            while main.dashboard is not None and main.dashboard.job is not None:
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            for model in main.models:
                while model.canFetchMore(model.index(-1, -1)) and model.rowCount() < 60:
                    model.fetchMore(model.index(-1, -1))
            made.append(_save(main, out / f"main-{area}-{language}.png"))
    if "cases" in keys and main.models and main.models[0].rowCount():
        case_id = int(main.models[0].index(0, 0).data(ID_ROLE))
        main.open_hit(Hit("case", case_id))
        made.append(_save(main, out / f"case-{language}.png"))
        main.record_view.tabs.setCurrentIndex(main.record_view.timeline_tab)
        made.append(_save(main, out / f"case-timeline-{language}.png"))
        shown = main.record_view.info
        if shown is not None and main.record_view.edit_button.isVisible():
            main.edit_record(shown)
            made.append(_save(main, out / f"case-form-{language}.png"))
    if "court" in keys and main.court_page is not None:
        main.navigation.setCurrentRow(keys.index("court"))
        main.court_page.show_month()
        made.append(_save(main, out / f"court-month-{language}.png"))
        main.court_page.show_agenda()
        today = dt.date.today()
        week = agenda.agenda(main.ws, today, today + dt.timedelta(days=14))
        if week.hearings:
            first = week.hearings[0]
            main.open_court(first.case_id, first.proceeding_id)
            made.append(_save(main, out / f"case-court-{language}.png"))
            court_tab = main.record_view.court
            court_tab.proceeding_tabs.setCurrentWidget(court_tab.documents)
            made.append(_save(main, out / f"case-court-documents-{language}.png"))
            court_tab.proceeding_tabs.setCurrentIndex(0)
    if "referrals" in keys:
        made.extend(_referral_shots(main, out, language))
    if "monitoring" in keys and main.monitoring_page is not None:
        made.extend(_monitoring_shots(main, out, language))
    if "reports" in keys and main.reports_page is None:
        main.navigation.setCurrentRow(keys.index("reports"))
    if main.reports_page is not None:
        made.extend(_reports_shots(main, out, language))
    if "people" in keys and len(main.models) > 1 and main.models[1].rowCount():
        person_id = int(main.models[1].index(0, 0).data(ID_ROLE))
        main.open_hit(Hit("person", person_id))
        shown = main.record_view.info
        if shown is not None and main.record_view.edit_button.isVisible():
            main.edit_record(shown)
            made.append(_save(main, out / f"person-form-{language}.png"))
    if main.intake_action.isVisible():
        intake = main.new_intake()
        made.append(_save(main, out / f"intake-{language}.png"))
        intake.open_step(3)  # other people involved and the conflict check
        made.append(_save(main, out / f"intake-others-{language}.png"))
        intake.open_step(5)  # the assessment: urgency and eligibility
        made.append(_save(main, out / f"intake-assessment-{language}.png"))
    main.close()
    return made
