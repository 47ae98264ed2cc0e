"""The Kyrgyz PIN: shape, embedded birth date and sex, agreement with what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legalaid.domain.enums import Gender
from legalaid.domain.pin import check_pin_matches, parse_pin
from legalaid.errors import ValidationError

TODAY = dt.date(2026, 11, 28)


def make_pin(gender: Gender, born: dt.date, serial: int) -> str:
    return f"{1 if gender is Gender.FEMALE else 2}{born:%d%m%Y}{serial:05d}"


@settings(max_examples=200, deadline=None)
@given(
    gender=st.sampled_from([Gender.FEMALE, Gender.MALE]),
    born=st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY),
    serial=st.integers(0, 99999),
    spacing=st.sampled_from(["", " ", "-"]),
)
def test_every_well_formed_pin_gives_back_its_facts(
    gender: Gender, born: dt.date, serial: int, spacing: str
) -> None:
    pin = make_pin(gender, born, serial)
    typed = spacing.join([pin[:1], pin[1:9], pin[9:]])
    facts = parse_pin(typed, TODAY)
    assert (facts.pin, facts.gender, facts.birth_date) == (pin, gender, born)
    check_pin_matches(facts, born, gender)  # agrees with itself


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="0123456789 -abc", max_size=20))
def test_anything_else_is_refused_with_a_field(text: str) -> None:
    try:
        facts = parse_pin(text, TODAY)
    except ValidationError as error:
        assert error.field == "pin"
        assert str(error)
    else:
        assert len(facts.pin) == 14 and facts.pin[0] in "12"


@pytest.mark.parametrize(
    ("pin", "message"),
    [
        ("2150319900012", "14 digits"),
        ("31503199000123", "starts with 1"),
        ("23102199000123", "possible birth date"),
        ("21503209900123", "possible birth date"),
        ("21503189900123", "possible birth date"),
    ],
)
def test_refusals_say_what_is_wrong(pin: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_pin(pin, TODAY)
    assert message in str(caught.value)


def test_a_pin_that_contradicts_the_form() -> None:
    facts = parse_pin("21503199000123", TODAY)
    with pytest.raises(ValidationError) as wrong_date:
        check_pin_matches(facts, dt.date(1990, 3, 16), None)
    assert "15" in str(wrong_date.value) and "16" in str(wrong_date.value)
    with pytest.raises(ValidationError) as wrong_sex:
        check_pin_matches(facts, None, Gender.FEMALE)
    assert "woman" in str(wrong_sex.value)
    check_pin_matches(facts, None, Gender.UNKNOWN)
