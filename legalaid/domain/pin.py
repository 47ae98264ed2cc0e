"""The Kyrgyz personal identification number (PIN, ИНН/ПИН), 14 digits.

Structure as issued by the civil registry (verify with the registry if it changes):
digit 1 is the sex (1 woman, 2 man), digits 2-9 the birth date as DDMMYYYY, digits
10-14 a serial number. A PIN is checked for its shape and date, then against the
birth date and gender a person entered, each mismatch with its own message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from legalaid.domain.enums import Gender
from legalaid.errors import ValidationError
from legalaid.i18n import N_, format_date

PIN_LENGTH = 14
GENDER_DIGITS = {"1": Gender.FEMALE, "2": Gender.MALE}
EARLIEST_BIRTH = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class PinFacts:
    pin: str
    gender: Gender
    birth_date: dt.date


def parse_pin(text: str, today: dt.date | None = None) -> PinFacts:
    """Digits only (spaces and dashes typed in between are dropped); ValidationError('pin')."""
    digits = re.sub(r"[\s\-.]", "", text)
    if not re.fullmatch(r"[0-9]{14}", digits):
        raise ValidationError(
            N_("A personal number (PIN) has exactly 14 digits; {count} were given."),
            field="pin",
            count=sum(ch in "0123456789" for ch in digits),
        )
    gender = GENDER_DIGITS.get(digits[0])
    if gender is None:
        raise ValidationError(
            N_("A PIN starts with 1 (woman) or 2 (man), not {digit}."),
            field="pin",
            digit=digits[0],
        )
    try:
        born = dt.date(int(digits[5:9]), int(digits[3:5]), int(digits[1:3]))
    except ValueError:
        born = None
    if born is None or not EARLIEST_BIRTH <= born <= (today or dt.date.today()):
        raise ValidationError(
            N_(
                "Digits 2 to 9 of a PIN are the birth date (DDMMYYYY); {digits} is not a "
                "possible birth date."
            ),
            field="pin",
            digits=digits[1:9],
        )
    return PinFacts(digits, gender, born)


def check_pin_matches(facts: PinFacts, birth_date: dt.date | None, gender: Gender | None) -> None:
    """The PIN and what was typed about the person must tell the same story."""
    if birth_date is not None and birth_date != facts.birth_date:
        raise ValidationError(
            N_("The PIN gives the birth date {pin_date}, but {entered} was entered."),
            field="pin",
            pin_date=format_date(facts.birth_date, "short"),
            entered=format_date(birth_date, "short"),
        )
    if gender in (Gender.FEMALE, Gender.MALE) and gender != facts.gender:
        raise ValidationError(
            N_("The PIN's first digit says {pin_gender}, but {entered} was entered."),
            field="pin",
            pin_gender=facts.gender.label,
            entered=gender.label,
        )
