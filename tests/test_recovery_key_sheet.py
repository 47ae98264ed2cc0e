"""The recovery-key sheet: one page per share (one for a whole key), each share whole on its
page and readable as printed, "any 2 of the 3" said, the vault named, Kyrgyz letters intact
with DejaVu Sans embedded, built in memory with the key kept out of the metadata."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from helpers.make_vault import files_containing
from pypdf import PdfReader

from legalaid.documents.letterhead import office_letterhead
from legalaid.documents.pdf import Letterhead
from legalaid.documents.recovery_key_sheet import KeyBlock, recovery_key_sheet_pdf
from legalaid.services import accounts, recovery_key
from legalaid.services.workspace import Workspace

CREATED = dt.date(2026, 3, 5)
VAULT_ID = "a7de82d0437c003ce31033cd4a79b327"
CREATOR = "Айгүл Төлөгөнова (aigul)"


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def squeezed(text: str) -> str:
    """The text without any white space: a key wrapped over two lines reads whole."""
    return re.sub(r"\s+", "", text)


TEXT_BLOCK = re.compile(rb"BT(.*?)ET", re.S)
SET_FONT = re.compile(rb"/(\S+) [\d.]+ Tf")


def drawing_fonts(data: bytes) -> dict[str, bool]:
    """Each font that draws text on some page, and whether its file is embedded
    (ReportLab names Helvetica, its canvas's starting font, even when it draws nothing)."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page["/Resources"]["/Font"]
        for block in TEXT_BLOCK.findall(page.get_contents().get_data()):
            names = SET_FONT.findall(block)
            if not names or not re.search(rb"T[jJ]\b", block):
                continue
            font = resources["/" + names[-1].decode()].get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[str(font["/BaseFont"]).split("+")[-1]] = embedded
    return found


@pytest.fixture
def shares() -> list[str]:
    secret, printed = recovery_key.generate_shares(3, 2)
    recovery_key.wipe(secret)
    return printed


def sheet(language: str, keys: list[str], threshold: int, office: str = "Main office") -> bytes:
    return recovery_key_sheet_pdf(
        language, Letterhead(office), keys, threshold, VAULT_ID, CREATED, CREATOR
    )


def test_one_page_per_share_each_with_its_share_and_the_threshold(shares: list[str]) -> None:
    data = sheet("en", shares, 2)
    assert data.startswith(b"%PDF")
    texts = pages_text(data)
    assert len(texts) == 3
    for number, (text, share) in enumerate(zip(texts, shares, strict=True), start=1):
        assert share in squeezed(text)  # whole, groups and hyphens as printed
        assert [other for other in shares if other in squeezed(text)] == [share]
        assert f"Share {number} of 3" in text
        assert "any 2 of the 3 shares together" in " ".join(text.split())
        assert VAULT_ID[:16] in text and VAULT_ID[16:] not in text
        assert "legalaid recover --user LOGIN" in " ".join(text.split())
        assert "5 Mar 2026" in text and CREATOR in text
        assert "Main office" in text  # each trustee's page has the letterhead
        assert "Trustee: name and signature" in text
        assert f"Page {number} of 3" in text


def test_a_whole_key_is_one_page_without_shares(shares: list[str]) -> None:
    secret, key = recovery_key.generate()
    recovery_key.wipe(secret)
    texts = pages_text(sheet("en", [key], 1))
    assert len(texts) == 1
    assert key in squeezed(texts[0])
    assert "Share" not in texts[0] and "shares together" not in texts[0]
    assert "recovery key" in texts[0]


def test_the_printed_shares_are_read_back_as_the_key(shares: list[str]) -> None:
    """What a trustee types from the page (the lines as printed) gives the secret back."""
    texts = pages_text(sheet("en", shares, 2))
    typed = []
    for text, share in zip(texts, shares, strict=True):
        lines = text.splitlines()
        start = next(i for i, line in enumerate(lines) if share.startswith(line.strip()))
        typed.append("".join(line.strip() for line in lines[start : start + 2]))
    assert typed == shares
    assert recovery_key.secret_from(typed[1:]) == recovery_key.secret_from(shares[:2])


def test_kyrgyz_letters_survive_and_dejavu_is_embedded(
    shares: list[str], workspace: Workspace
) -> None:
    letterhead = office_letterhead(workspace, None, "ky")
    assert letterhead.name == "Башкы кеңсе"
    letterhead = dataclasses.replace(letterhead, lines=("ОШ, ЖАҢЫ-АРЫК КӨЧӨСҮ, 12",))
    data = recovery_key_sheet_pdf(
        "ky", letterhead, shares, 2, workspace.vault.vault_id, CREATED, CREATOR
    )
    texts = pages_text(data)
    assert len(texts) == 3
    joined = "\n".join(texts)
    for letter in "ҢӨҮңөү":
        assert letter in joined
    assert "Башкы кеңсе" in texts[2]  # the office's Kyrgyz name on every page
    assert "05.03.2026" in texts[0]  # the date as a Kyrgyz form writes it
    assert drawing_fonts(data) == {"DejaVuSans": True, "DejaVuSans-Bold": True}


@pytest.mark.parametrize("language", ["ky", "ru", "en"])
def test_each_language_keeps_one_page_per_share(language: str, shares: list[str]) -> None:
    assert len(pages_text(sheet(language, shares, 2, office="Ош шаарындагы кеңсе"))) == 3


def test_nine_shares_make_nine_pages() -> None:
    secret, printed = recovery_key.generate_shares(9, 5)
    recovery_key.wipe(secret)
    texts = pages_text(sheet("en", printed, 5))
    assert len(texts) == 9
    assert "Share 9 of 9" in texts[8] and printed[8] in squeezed(texts[8])
    assert "any 5 of the 9 shares together" in " ".join(texts[8].split())


def test_the_key_is_never_cut_and_wraps_only_between_groups() -> None:
    key = "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345-67ABC-DEFGH"
    block = KeyBlock(key)
    for width in (600.0, 400.0, 250.0, 120.0):
        block.wrap(width, 800.0)
        room = width - 2 * 4 * 2.834645669  # the padding, 4 mm on each side
        assert "".join(block.lines) == key  # nothing lost, nothing added
        assert all(block.line_width(line, block.size) <= room for line in block.lines)
        assert all(line.endswith("-") for line in block.lines[:-1])  # cut between groups
    block.wrap(460.0, 800.0)  # the width of a page's text
    assert len(block.lines) == 2 and block.size >= 18  # large, in two balanced lines


def test_nothing_reaches_the_disk_or_the_metadata(
    shares: list[str], workspace: Workspace, tmp_path: Path
) -> None:
    data = sheet("en", shares, 2)
    meta = PdfReader(io.BytesIO(data)).metadata or {}
    assert all(share not in str(value) for share in shares for value in meta.values())
    assert files_containing(tmp_path, shares[0][:11]) == []


@pytest.mark.parametrize(
    ("count", "threshold"), [(1, 2), (3, 1), (3, 4), (0, 1)], ids=["whole", "one", "many", "none"]
)
def test_a_caller_mistake_is_refused(shares: list[str], count: int, threshold: int) -> None:
    keys = (shares * 2)[:count]
    with pytest.raises(ValueError):
        sheet("en", keys, threshold)


def test_an_unknown_language_is_refused(shares: list[str]) -> None:
    with pytest.raises(ValueError):
        sheet("de", shares, 2)


def test_the_sheet_prints_what_the_service_made(workspace: Workspace) -> None:
    printed = accounts.create_recovery_key(workspace, 3, 2)
    texts = pages_text(
        recovery_key_sheet_pdf(
            "en",
            office_letterhead(workspace, None, "en"),
            printed,
            2,
            workspace.vault.vault_id,
            CREATED,
            workspace.actor.display_name,
        )
    )
    assert [share in squeezed(text) for text, share in zip(texts, printed, strict=True)] == [
        True
    ] * 3
    assert workspace.vault.vault_id[:16] in texts[0]


def test_a_long_translation_still_gives_each_share_one_page(
    shares: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Russian and Kyrgyz run longer than English: the body text shrinks a little so each
    trustee's page stays one page (the key keeps its size)."""
    from legalaid.documents import pdf

    original = pdf.translate_in

    def half_as_long_again(language: str, msgid: str) -> str:
        text = original(language, msgid)
        return text + " сөздөр" * (len(text.split()) // 2)

    monkeypatch.setattr(pdf, "translate_in", half_as_long_again)
    texts = pages_text(sheet("ru", shares, 2))
    assert len(texts) == 3
    assert [share in squeezed(text) for text, share in zip(texts, shares, strict=True)] == [
        True
    ] * 3
