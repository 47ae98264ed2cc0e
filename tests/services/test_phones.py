"""Phone numbers in every common Kyrgyz spelling become +996XXXXXXXXX; impossible ones are
refused with a message that names the field, never the digits typed."""

from __future__ import annotations

import pytest

from legalaid.errors import ValidationError
from legalaid.services.phones import display_phone, normalise_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0555 123 456", "+996555123456"),
        ("555123456", "+996555123456"),
        ("+996 555 12 34 56", "+996555123456"),
        ("996555123456", "+996555123456"),
        ("00996 555 123456", "+996555123456"),
        ("+996 (555) 12-34-56", "+996555123456"),
        ("0700-12-34-56", "+996700123456"),
        ("0 221 12 34 56", "+996221123456"),
        ("(0312) 12-34-56", "+996312123456"),
        ("(03222) 5-12-34", "+996322251234"),
        ("0312.12.34.56", "+996312123456"),
        ("+7 916 123-45-67", "+79161234567"),  # a relative working in Russia
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_common_formats_are_normalised(typed: str | None, stored: str | None) -> None:
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "12-34-56",  # a landline without its area code
        "0555 123 45",  # a digit short
        "0555 123 4567",  # a digit too many
        "0155 123 456",  # no Kyrgyz number starts with 1
        "0855 123 456",
        "+996 055 512 345",
        "call me",
        "0555 12З 456",  # a Cyrillic Ze typed for 3
        "+7 12",
        "+0 555 123 456",
    ],
)
def test_impossible_numbers_are_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_phone(typed, "contact_phone")
    assert caught.value.field == "contact_phone"
    assert str(caught.value)  # a message in words
    assert typed not in repr(caught.value.params)  # the typed text is never carried along


def test_a_wrong_length_says_how_many_digits_were_given() -> None:
    with pytest.raises(ValidationError) as caught:
        normalise_phone("0555 123 45")
    assert "9 digits" in str(caught.value) and "8 digits were given" in str(caught.value)


def test_display_groups_the_digits() -> None:
    assert display_phone("+996555123456") == "+996 555 123 456"
    assert display_phone("+79161234567") == "+79161234567"
