"""The ky, ru and en catalogs are complete, current and consistent (ARCHITECTURE.md)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from legalaid.i18n import LANGUAGES
from legalaid.paths import translations_dir

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_]+\)[sdr]|%[sdr]")


def _catalog(language: str):  # type: ignore[no-untyped-def]
    path = translations_dir() / language / "LC_MESSAGES" / "legalaid.po"
    with path.open("rb") as fh:
        return read_po(fh, locale=language)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_not_fuzzy(language: str) -> None:
    catalog = _catalog(language)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert problems == []
    assert len(catalog) > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_obsolete_entries(language: str) -> None:
    assert list(_catalog(language).obsolete) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_source(language: str) -> None:
    mismatched = []
    for message in _catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        allowed = {tuple(placeholders(i)) for i in ids}
        for text in strings:
            if tuple(placeholders(text)) not in allowed:
                mismatched.append((ids[0], text))
    assert mismatched == []


def test_catalogs_hold_every_string_in_the_code() -> None:
    """`python tools/catalogs.py` was run after the last change to a user-visible string."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "catalogs.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_kyrgyz_is_not_a_copy_of_russian() -> None:
    ky = {m.id: m.string for m in _catalog("ky") if m.id}
    ru = {m.id: m.string for m in _catalog("ru") if m.id}
    same = [
        key
        for key in ky
        if ky[key] == ru.get(key)
        and PLACEHOLDER.sub("", str(key)).strip()
        and not str(key).isupper()
    ]
    assert len(same) < 0.05 * len(ky), same[:20]
    text = " ".join(str(s) for s in ky.values())
    assert all(letter in text for letter in "ңөү")


def test_the_placeholder_check_would_catch_a_mismatch() -> None:
    assert placeholders("Vault at {path}") != placeholders("Хранилище в {путь}")
    assert placeholders("%(prog)s: error") == placeholders("%(prog)s: ошибка")
