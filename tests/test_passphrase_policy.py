"""SECURITY.md 11 (ASVS 5.0 6.2): length, not composition; common and context words refused."""

from __future__ import annotations

import pytest

from legalaid.domain.passphrase_policy import (
    MAX_LENGTH,
    PassphraseRejected,
    check_passphrase,
    common_passwords,
)


@pytest.mark.parametrize(
    "passphrase",
    [
        "correct horse battery staple",
        "жылкы тоодо жайылат",  # Kyrgyz words, with Ү Ө Ң nowhere needed
        "Өзгөн шаарында күн ысык",
        "aaaaaaaaaaaaaaaaaaab bcd",
        "abcdefghijkҢ",  # exactly 12 characters, no composition rules
        ("the night train to Batken " * 40)[:MAX_LENGTH],
    ],
)
def test_acceptable_passphrases(passphrase: str) -> None:
    check_passphrase(passphrase, ["admin", "Main office"])


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [
        ("short one", "at least 12"),
        ("elevenchars", "at least 12"),
        ("z" * (MAX_LENGTH + 1), "at most"),
        ("password1234", "most common"),
        ("qwertyuiop123", "most common"),
        ("1q2w3e4r5t6y", "most common"),
        ("123456789012", "most common"),
        ("йцукенгшщзхъ", "most common"),
        ("aaaaaaaaaaaaaaaa", "too few different"),
        ("LegalAid2026!!", "too close"),
        ("Legal Aid Desk 1", "too close"),
        ("osmonov.ali.2026", "too close"),
        ("Ошский офис 2026", "too close"),
    ],
)
def test_refused_passphrases_say_why(passphrase: str, reason: str) -> None:
    with pytest.raises(PassphraseRejected) as caught:
        check_passphrase(passphrase, ["osmonov.ali", "Али Осмонов", "Ошский офис"])
    assert reason in str(caught.value)
    assert caught.value.field == "passphrase"


def test_the_common_list_has_three_thousand_entries_and_cyrillic_runs() -> None:
    words = common_passwords()
    assert 3000 <= len(words) <= 3100
    assert "йцукен" in words and "123456" in words


def test_a_long_sentence_containing_a_context_word_is_fine() -> None:
    check_passphrase("legalaid helps people in the south every day", ["legalaid"])
