"""The case summary sheet: in ky, ru and en whatever the interface's language, with the
parties, the intake's key points, referrals, open tasks and the latest timeline; long
summaries flow over pages; a restricted case is refused as the services refuse it; the
print is audited once (and reads the case without a second "view")."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from helpers.make_vault import ADMIN, add_staff, as_user
from helpers.records import FEMALE, case_for, person
from pypdf import PdfReader
from sqlalchemy import select

from legalaid.documents import pdf
from legalaid.documents.case_summary import TIMELINE_LIMIT, TITLE, case_summary_pdf
from legalaid.domain import reference
from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import (
    ActivityKind,
    CaseStatus,
    EligibilityOutcome,
    OrganisationKind,
    PartyRole,
    ReferralStatus,
    Role,
    label_msgid,
)
from legalaid.errors import NotFound, PermissionDenied
from legalaid.i18n import current_language, sentence_case, translate_in
from legalaid.services import cases, directory, letters, offices, referrals, timeline
from legalaid.services.directory import OrganisationInput
from legalaid.services.intake import IntakeInput, OtherPersonInput, submit_intake
from legalaid.services.referrals import ReferralInput
from legalaid.services.timeline import EntryInput
from legalaid.services.workspace import Workspace

LANGUAGES = ("ky", "ru", "en")
TODAY = dt.date(2026, 11, 20)
PRINTED = dt.date(2026, 11, 28)
TASK = "Алимент боюнча арыздын көчүрмөсүн алуу"


def text_and_pages(document: bytes) -> tuple[str, list[str]]:
    """The whole text with spaces folded (a wrapped line reads whole), and each page's."""
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(document)).pages]
    return " ".join(" ".join(pages).split()), pages


def events(ws: Workspace, action: str) -> list[tuple[str, int]]:
    with ws.reader() as session:
        rows = session.execute(
            select(AuditEvent.entity, AuditEvent.entity_id).where(AuditEvent.action == action)
        )
        return [(entity, int(entity_id)) for entity, entity_id in rows]


def organisation(ws: Workspace) -> int:
    return directory.add_organisation(
        ws,
        OrganisationInput(
            kind="sgla_centre",
            name_ky="Ош шаарындагы акысыз юридикалык жардам борбору",
            name_ru="Центр бесплатной юридической помощи г. Ош",
            name_en="Free Legal Aid Centre, Osh",
            head_title_ky="Борбордун жетекчиси",
            head_title_ru="Руководителю центра",
            head_title_en="To the head of the centre",
            head_name="Т. Асанов",
            regions=("osh_city",),
            letter_language="ru",
        ),
    ).id


@pytest.fixture
def full_case(workspace: Workspace) -> tuple[int, str]:
    """A case opened from an intake, with a referral whose letter was issued, an open task
    and a few entries on its timeline: (id, number)."""
    result = submit_intake(
        workspace,
        IntakeInput(
            surname="Өмүрбекова",
            given_name="Айгүл",
            gender="female",
            birth_date=dt.date(1991, 4, 12),
            pin="11204199100123",
            region="osh_city",
            phone="0555 123 456",
            may_call=True,
            may_leave_messages=False,
            category="FAM",
            subcategory="FAM.ALIMONY",
            narrative="Күйөөм алимент төлөбөй жатат.",
            wants="алимент өндүрүү",
            others=(OtherPersonInput("Өмүрбеков", "Бакыт", role=PartyRole.OPPOSING_PARTY.value),),
            eligibility_categories=("family_violence_survivor",),
            recommended_action="representation",
            consent_record=True,
            consent_share_with=(OrganisationKind.STATE_LEGAL_AID.value,),
            consent_method="signed_form",
        ),
    )
    case_id = result.case_id or 0
    cases.update_case(workspace, case_id, summary="Жаңы-Жол айылы: алимент 2025-жылдан бери.")
    referral = referrals.create_referral(
        workspace,
        case_id,
        ReferralInput(
            organisation_id=organisation(workspace),
            reason="Needs an advocate in court.",
            request="Please appoint an advocate.",
            legal_basis="Law on State-Guaranteed Legal Aid, Art. 20.",
            referred_on=TODAY,
            consent_on=TODAY,
            consent_method="signed_form",
            consent_scope=("identity", "contact", "facts"),
        ),
        today=TODAY,
    )
    letters.issue_letter(workspace, referral.id, today=TODAY)
    referrals.move_referral(workspace, referral.id, ReferralStatus.SENT, on=TODAY, today=TODAY)
    timeline.add_task(workspace, case_id, TASK, ADMIN, due_on=dt.date.today())
    timeline.add_entry(
        workspace,
        case_id,
        EntryInput(
            ActivityKind.CALL,
            dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=2),
            duration_minutes=25,
            text="Соттун жыйналышы 3-декабрга белгиленди.",
        ),
    )
    return case_id, result.case_number or ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_summary_is_written_in_the_chosen_language(
    workspace: Workspace, full_case: tuple[int, str], language: str
) -> None:
    case_id, number = full_case
    document = case_summary_pdf(workspace, case_id, language, printed_on=PRINTED)
    assert document.startswith(b"%PDF")
    text, pages = text_and_pages(document)
    office = {o.code: o for o in offices.list_offices(workspace)}[workspace.actor.office_code]
    expected = [
        translate_in(language, TITLE),
        {"ky": office.name_ky, "ru": office.name_ru, "en": office.name_en}[language],
        number,
        "Өмүрбекова Айгүл",  # Ө ү survive as letters
        {"en": "12 Apr 1991 (35)"}.get(language, "12.04.1991 (35)"),  # age on the day printed
        "11204199100123",  # the PIN: the sheet is for the client's file
        "+996555123456",
        "Өмүрбеков Бакыт",
        "Жаңы-Жол айылы",  # ң
        reference.category_label("FAM", language),
        reference.category_label("FAM.ALIMONY", language),
        sentence_case(translate_in(language, label_msgid(PartyRole.OPPOSING_PARTY))),
        sentence_case(translate_in(language, label_msgid(EligibilityOutcome.ELIGIBLE))),
        {
            "ky": "Ош шаарындагы акысыз юридикалык жардам борбору",
            "ru": "Центр бесплатной юридической помощи г. Ош",
            "en": "Free Legal Aid Centre, Osh",
        }[language],
        "MAIN-2026/0001",  # the letter's number
        TASK,
        "Соттун жыйналышы 3-декабрга белгиленди.",
        translate_in(language, pdf.CONFIDENTIAL),
        translate_in(language, pdf.PAGE_OF).format(page=1, pages=len(pages)),
        translate_in(language, pdf.PRINTED_ON).format(
            date={"en": "28 Nov 2026"}.get(language, "28.11.2026")
        ),
    ]
    missing = [word for word in expected if word not in text]
    assert missing == []
    assert current_language() == "en"  # printing in ky or ru left the interface alone


def test_kyrgyz_and_russian_sheets_use_their_own_words(
    workspace: Workspace, full_case: tuple[int, str]
) -> None:
    case_id, _number = full_case
    ky, _pages = text_and_pages(case_summary_pdf(workspace, case_id, "ky"))
    ru, _pages = text_and_pages(case_summary_pdf(workspace, case_id, "ru"))
    status = label_msgid(CaseStatus.INTAKE)
    assert translate_in("ky", "Status") in ky and translate_in("ru", "Status") in ru
    assert sentence_case(translate_in("ky", status)) in ky
    assert sentence_case(translate_in("ru", status)) in ru
    assert any(letter in ky for letter in "ҢңӨөҮү")
    russian_category = reference.category_label("FAM.ALIMONY", "ru")
    assert russian_category != reference.category_label("FAM.ALIMONY", "en")
    assert russian_category in ru and russian_category not in ky


def test_a_referral_and_an_open_task_appear_and_a_done_task_does_not(
    workspace: Workspace, full_case: tuple[int, str]
) -> None:
    case_id, _number = full_case
    done = timeline.add_task(workspace, case_id, "Done already: call the court", ADMIN)
    timeline.complete_task(workspace, done.id)
    text, _pages = text_and_pages(case_summary_pdf(workspace, case_id, "ru"))
    tasks = text.split(translate_in("ru", "Open tasks"))[1].split(translate_in("ru", "Timeline"))[0]
    assert TASK in tasks and "Done already" not in tasks
    referral_part = text.split(translate_in("ru", "Referrals"))[1]
    assert "Центр бесплатной юридической помощи г. Ош" in referral_part
    assert sentence_case(translate_in("ru", label_msgid(ReferralStatus.SENT))) in referral_part
    assert "20.11.2026" in referral_part and "MAIN-2026/0001" in referral_part


def test_a_case_without_intake_referrals_or_tasks_says_so(workspace: Workspace) -> None:
    client = person(workspace, "Токтосунова", "Айгүл", gender=FEMALE, approximate_age=40)
    case = case_for(workspace, client, "FAM")
    text, pages = text_and_pages(case_summary_pdf(workspace, case.id, "en"))
    assert len(pages) == 1
    assert "Токтосунова Айгүл" in text and "about 4" in text  # the age from the estimate
    assert "No referrals." in text and "No open tasks." in text
    assert "Eligibility" not in text  # no intake: no intake section
    assert "not assigned" in text


def test_a_long_summary_flows_over_pages(workspace: Workspace) -> None:
    client = person(workspace, "Өмүрбекова", "Айгүл", gender=FEMALE)
    paragraph = "Күйөөсү алимент төлөбөй жатат, балдары мектепке бара албай жатат. " * 12
    summary = "\n\n".join(f"{index}. {paragraph}" for index in range(1, 13))
    summary += "\n" + "Бир узун сап " * 400  # one line longer than a page
    case = case_for(workspace, client, summary=summary)
    document = case_summary_pdf(workspace, case.id, "ky", printed_on=PRINTED)
    text, pages = text_and_pages(document)
    assert len(pages) >= 2
    second = " ".join(pages[1].split())
    assert translate_in("ky", pdf.PAGE_OF).format(page=2, pages=len(pages)) in second
    assert "12. Күйөөсү" in text and "Бир узун сап" in text


def test_typed_markup_is_printed_literally(workspace: Workspace) -> None:
    client = person(workspace, "Өмүрбекова", "Айгүл", gender=FEMALE)
    case = case_for(workspace, client, summary="Алимент <b>төлөнбөйт</b> & <font size=40>")
    timeline.add_entry(
        workspace,
        case.id,
        EntryInput(ActivityKind.NOTE, dt.datetime.now() - dt.timedelta(hours=1), text="<i>x</i>"),
    )
    text, _pages = text_and_pages(case_summary_pdf(workspace, case.id, "ru"))
    assert "Алимент <b>төлөнбөйт</b> & <font size=40>" in text
    assert "<i>x</i>" in text


def test_only_the_latest_timeline_entries_are_printed(workspace: Workspace) -> None:
    client = person(workspace, "Өмүрбекова", "Айгүл", gender=FEMALE)
    case = case_for(workspace, client, opened_on=dt.date.today() - dt.timedelta(days=30))
    start = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=20)
    for index in range(20):
        timeline.add_entry(
            workspace,
            case.id,
            EntryInput(
                ActivityKind.NOTE, start + dt.timedelta(hours=index), text=f"Note {index:02}"
            ),
        )
    text, _pages = text_and_pages(case_summary_pdf(workspace, case.id, "en"))
    shown = [index for index in range(20) if f"Note {index:02}" in text]
    assert shown == list(range(20 - TIMELINE_LIMIT, 20))
    assert f"The latest {TIMELINE_LIMIT} of 21 entries." in text  # 20 notes and the opening


def test_a_restricted_case_is_refused_as_the_services_refuse_it(workspace: Workspace) -> None:
    add_staff(workspace, "aida", Role.LAWYER, "aida long passphrase 1")
    add_staff(workspace, "para", Role.PARALEGAL, "para long passphrase 1")
    add_staff(workspace, "mon", Role.MONITOR, "mon long passphrase 1")
    client = person(workspace, "Өмүрбекова", "Айгүл", gender=FEMALE)
    case = case_for(workspace, client, "GBV", assigned_lawyer="aida", restricted=True)
    with pytest.raises(NotFound):
        case_summary_pdf(as_user(workspace, "para"), case.id, "ky")
    with pytest.raises(NotFound):
        case_summary_pdf(as_user(workspace, "para"), case.number, "ky")
    with pytest.raises(PermissionDenied):
        case_summary_pdf(as_user(workspace, "mon"), case.id, "ky")
    assert events(workspace, "print") == []
    lawyer = as_user(workspace, "aida")  # who holds it may print it
    assert "Өмүрбекова Айгүл" in text_and_pages(case_summary_pdf(lawyer, case.id, "ky"))[0]


def test_the_print_is_audited_once_without_a_second_view_of_the_case(
    workspace: Workspace, full_case: tuple[int, str]
) -> None:
    case_id, _number = full_case
    case_views = events(workspace, "view").count(("case", case_id))
    before = len(events(workspace, "view"))
    case_summary_pdf(workspace, case_id, "ky")
    assert events(workspace, "print") == [("case", case_id)]
    views = events(workspace, "view")
    assert views.count(("case", case_id)) == case_views  # the print is the case's event
    new = views[before:]
    assert sorted(entity for entity, _id in new) == ["intake", "person", "person"]


def test_a_wrong_language_fails_before_anything_is_read(
    workspace: Workspace, full_case: tuple[int, str]
) -> None:
    with pytest.raises(ValueError):
        case_summary_pdf(workspace, full_case[0], "de")
    assert events(workspace, "print") == []
