"""Printed documents: the intake record and the consent form, in ky, ru and en, built in
memory with Kyrgyz letters intact; the intake record follows get_intake's permissions and
is audited as a print; nothing is written to disk."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pypdfium2
import pytest
from helpers.make_vault import CANARY, as_user, files_below, files_containing
from sqlalchemy import select

from legalaid.documents import pdf
from legalaid.documents.consent_form import FORM_CONSENTS, consent_form_pdf
from legalaid.documents.intake_record import TITLE as INTAKE_TITLE
from legalaid.documents.intake_record import intake_record_pdf
from legalaid.domain import reference
from legalaid.domain.audit import AuditEvent
from legalaid.domain.enums import (
    ConsentKind,
    ConsentMethod,
    OrganisationKind,
    PartyRole,
    RecommendedAction,
    Role,
    label_msgid,
)
from legalaid.errors import NotFound, PermissionDenied
from legalaid.i18n import current_language, set_language, translate_in
from legalaid.services import accounts, cases, offices
from legalaid.services.intake import IntakeInput, OtherPersonInput, submit_intake
from legalaid.services.workspace import Workspace

LANGUAGES = ("ky", "ru", "en")
PRINTED = dt.date(2026, 11, 28)


@pytest.fixture
def office(workspace: Workspace) -> Workspace:
    for login, role in (("para", Role.PARALEGAL), ("aida", Role.LAWYER), ("mon", Role.MONITOR)):
        accounts.add_account(workspace, login, f"Staff {login}", role, f"{login} long passphrase 1")
    return workspace


@pytest.fixture
def para(office: Workspace) -> Workspace:
    return as_user(office, "para")


def intake_data(**changes: object) -> IntakeInput:
    data = IntakeInput(
        surname="Өмүрбекова",
        given_name="Айгүл",
        gender="female",
        birth_date=dt.date(1991, 4, 12),
        district="osh.kara_suu",
        phone="0555 123 456",
        may_call=True,
        may_leave_messages=False,
        do_not_tell="Күйөөсүнүн энесине айтпагыла",
        category="FAM",
        subcategory="FAM.ALIMONY",
        narrative=f"{CANARY}: Күйөөм алимент төлөбөй жатат. Балдарыма жаңы кийим керек.",
        incident_district="osh.kara_suu",
        responsible="экс-күйөөсү",
        institutions_approached="ЖАҢЫ-ЖОЛ АЙЫЛ ӨКМӨТҮ",
        wants="алимент өндүрүү",
        others=(OtherPersonInput("Өмүрбеков", "Бакыт", role=PartyRole.OPPOSING_PARTY.value),),
        eligibility_categories=("family_violence_survivor",),
        recommended_action=RecommendedAction.REPRESENTATION.value,
        consent_record=True,
        consent_share_with=(OrganisationKind.STATE_LEGAL_AID.value,),
        consent_contact=True,
        consent_method=ConsentMethod.ORAL_WITNESSED.value,
        consent_witness="Садыкова Нургүл",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def pdf_text(document: bytes) -> tuple[str, int]:
    """All the text of a PDF (pages joined) and its number of pages."""
    pdf_document = pypdfium2.PdfDocument(document)
    try:
        pages = []
        for page in pdf_document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(pages), len(pages)
    finally:
        pdf_document.close()


def flat(text: str) -> str:
    """Text with line breaks and repeated spaces folded (a wrapped sentence reads whole)."""
    return " ".join(text.split())


def print_events(ws: Workspace) -> list[tuple[str, str]]:
    with ws.reader() as session:
        rows = session.execute(
            select(AuditEvent.entity, AuditEvent.entity_id).where(AuditEvent.action == "print")
        )
        return [(entity, entity_id) for entity, entity_id in rows]


# --- the intake record ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_intake_record_is_written_in_the_chosen_language(
    para: Workspace, language: str
) -> None:
    result = submit_intake(para, intake_data())
    document = intake_record_pdf(para, result.case_number or "", language, printed_on=PRINTED)
    assert document.startswith(b"%PDF")
    text, pages = pdf_text(document)
    words = flat(text)
    office_name = {o.code: o for o in offices.list_offices(para)}[para.actor.office_code]
    expected = [
        translate_in(language, INTAKE_TITLE),
        {"ky": office_name.name_ky, "ru": office_name.name_ru, "en": office_name.name_en}[language],
        result.case_number or "",
        "Өмүрбекова Айгүл",
        "Өмүрбеков Бакыт",
        "+996555123456",
        "Күйөөсүнүн энесине айтпагыла",
        "Балдарыма жаңы кийим керек",  # ң survives as a letter, not a box
        "ЖАҢЫ-ЖОЛ АЙЫЛ ӨКМӨТҮ",  # Ң Ө Ү
        reference.category_label("FAM.ALIMONY", language),
        translate_in(language, label_msgid(PartyRole.OPPOSING_PARTY)),
        translate_in(language, label_msgid(ConsentKind.SHARE)),
        translate_in(language, label_msgid(OrganisationKind.STATE_LEGAL_AID)),
        "Садыкова Нургүл",
        translate_in(language, pdf.CONFIDENTIAL),
        translate_in(language, pdf.PAGE_OF).format(page=1, pages=pages),
        translate_in(language, pdf.PRINTED_ON).format(
            date={"en": "28 Nov 2026"}.get(language, "28.11.2026")
        ),
    ]
    assert [item for item in expected if flat(item) not in words] == []
    assert all(letter in text for letter in "ҢӨҮңөү")


def test_the_document_language_leaves_the_interface_language_alone(para: Workspace) -> None:
    set_language("ru")
    result = submit_intake(para, intake_data())
    text, _pages = pdf_text(intake_record_pdf(para, result.case_id or 0, "ky"))
    assert current_language() == "ru"
    assert reference.category_label("FAM.ALIMONY", "ky") in text
    assert reference.category_label("FAM.ALIMONY", "ru") not in text


def test_an_unknown_language_is_refused_before_anything_is_read(para: Workspace) -> None:
    result = submit_intake(para, intake_data())
    with pytest.raises(ValueError, match="language"):
        intake_record_pdf(para, result.case_id or 0, "de")
    assert print_events(para) == []


def test_printing_the_intake_record_is_audited(para: Workspace) -> None:
    result = submit_intake(para, intake_data())
    intake_record_pdf(para, result.case_id or 0, "ru")
    assert print_events(para) == [("intake", str(result.intake_id))]


def test_the_intake_record_is_refused_like_the_intake_itself(office: Workspace) -> None:
    para = as_user(office, "para")
    result = submit_intake(para, intake_data())
    with pytest.raises(PermissionDenied):
        intake_record_pdf(as_user(office, "mon"), result.case_id or 0, "ky")
    cases.update_case(office, result.case_id or 0, restricted=True, assigned_lawyer="aida")
    with pytest.raises(NotFound):
        intake_record_pdf(para, result.case_id or 0, "ky")
    assert intake_record_pdf(as_user(office, "aida"), result.case_id or 0, "ky").startswith(b"%PDF")
    assert print_events(office) == [("intake", str(result.intake_id))]  # aida's only


def test_a_long_narrative_flows_over_pages_with_numbers(para: Workspace) -> None:
    narrative = "\n".join(
        f"{n}. Күйөөм алимент төлөбөй жатат, үйдөн чыгарып жиберди." * 4 for n in range(150)
    )
    result = submit_intake(para, intake_data(narrative=narrative))
    text, pages = pdf_text(intake_record_pdf(para, result.case_id or 0, "en"))
    assert pages >= 3
    assert f"Page {pages} of {pages}" in text
    assert "149. Күйөөм" in text  # nothing cut off at the end


def test_nothing_is_written_to_disk(para: Workspace, tmp_path: Path) -> None:
    result = submit_intake(para, intake_data())
    before = set(files_below(tmp_path))
    intake_record_pdf(para, result.case_id or 0, "ky")
    consent_form_pdf(para, "ru", person_name=f"{CANARY} Айгүл")
    new = [p for p in set(files_below(tmp_path)) - before if not p.name.startswith("vault.db")]
    assert new == []
    assert files_containing(tmp_path, CANARY) == []
    assert files_containing(tmp_path, "%PDF") == []


# --- the consent form ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_consent_form_in_each_language(para: Workspace, language: str) -> None:
    document = consent_form_pdf(para, language, person_name="  Өмүрбекова   Айгүл ")
    assert document.startswith(b"%PDF")
    text, pages = pdf_text(document)
    words = flat(text)
    kinds = [translate_in(language, label_msgid(kind)) for kind in OrganisationKind]
    assert [kind for kind in kinds if kind not in words] == []
    assert "Өмүрбекова Айгүл" in words
    assert text.count(pdf.UNCHECKED) == len(OrganisationKind) + 1 + 2 * 2  # kinds, none, yes/no
    from legalaid.documents import consent_form

    for msgid in (
        consent_form.TITLE,
        consent_form.RECORD,
        consent_form.CONTACT,
        consent_form.WITHDRAW_HEADING,
        consent_form.ORAL_HEADING,
    ):
        assert flat(translate_in(language, msgid)) in words, msgid
    assert translate_in(language, pdf.PAGE_OF).format(page=pages, pages=pages) in words
    if language == "ky":
        assert "Ң" in text.upper() and "Ө" in text.upper() and "Ү" in text.upper()


def test_the_consent_form_asks_what_the_intake_records() -> None:
    assert set(FORM_CONSENTS) == set(ConsentKind)


def test_a_blank_consent_form_and_who_may_print_it(office: Workspace) -> None:
    text, _pages = pdf_text(consent_form_pdf(as_user(office, "para"), "ky"))
    assert "Өмүрбекова" not in text
    with pytest.raises(PermissionDenied):
        consent_form_pdf(as_user(office, "mon"), "ky")
    assert print_events(office) == []  # a form holds no record: nothing to audit


def test_every_font_an_intake_record_uses_is_embedded(para: Workspace) -> None:
    """Bullets too: ReportLab draws them in Helvetica unless told (a PC without it shows
    boxes, and PDF/A checkers refuse the file)."""
    import io

    from pypdf import PdfReader

    result = submit_intake(para, intake_data())
    document = intake_record_pdf(para, result.case_number or "", "ky", printed_on=PRINTED)
    used, embedded = set(), set()
    for page in PdfReader(io.BytesIO(document)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            used.add(str(font["/BaseFont"]))
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]))
    assert used and used == embedded, used - embedded
