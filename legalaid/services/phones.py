"""Phone numbers as people type them in Kyrgyzstan, stored in one form: +996XXXXXXXXX.

Kyrgyz numbers have nine digits after the country code 996 (the trunk prefix 0 replaces it
inside the country): mobiles 5XX, 7XX, 9XX and 2XX (e.g. 0555 123 456, 0700 12 34 56),
landlines an area code from 3 (Bishkek 312, Osh 3222) and the subscriber's digits, so
"(0312) 12-34-56" is +996312123456. Accepted spellings: +996 555 12 34 56, 996555123456,
00996 555 123456, 0555 123 456, 555123456, with spaces, dashes, dots, slashes and
parentheses anywhere. A number that starts with "+" or "00" and another country code
(a relative working in Russia: +7 916 ...) is kept as "+" and its 8 to 15 digits.
Anything else (letters, too few or too many digits, a national number that starts with a
digit no Kyrgyz number starts with) is refused with a translated message; the typed text
is never in the message.
"""

from __future__ import annotations

import re

from legalaid.errors import ValidationError
from legalaid.i18n import N_

COUNTRY_CODE = "996"
NATIONAL_LENGTH = 9
NATIONAL_FIRST_DIGITS = frozenset("23579")  # mobiles 2, 5, 7, 9; landlines 3
SEPARATORS = re.compile(r"[\s\-./()\u00a0\u202f]")
FOREIGN_LENGTH = (8, 15)  # E.164: at most 15 digits with the country code


def normalise_phone(text: str | None, field: str = "phone") -> str | None:
    """+996XXXXXXXXX (or +<foreign number>), None for an empty field, or ValidationError."""
    raw = (text or "").strip()
    if not raw:
        return None
    compact = SEPARATORS.sub("", raw)
    international = compact.startswith("+") or compact.startswith("00")
    digits = compact[1:] if compact.startswith("+") else compact
    if not digits.isdigit() or not digits.isascii():
        raise ValidationError(
            N_("A phone number has digits only (spaces, dashes, brackets and + are allowed)."),
            field=field,
        )
    if digits.startswith("00"):
        digits = digits[2:]
    if international and not digits.startswith(COUNTRY_CODE):
        if FOREIGN_LENGTH[0] <= len(digits) <= FOREIGN_LENGTH[1] and digits[0] != "0":
            return "+" + digits
        raise ValidationError(
            N_("This international number has too few or too many digits."), field=field
        )
    if digits.startswith(COUNTRY_CODE) and len(digits) == len(COUNTRY_CODE) + NATIONAL_LENGTH:
        national = digits[len(COUNTRY_CODE) :]
    elif digits.startswith("0") and not international:
        national = digits[1:]
    else:
        national = digits
    if len(national) != NATIONAL_LENGTH:
        raise ValidationError(
            N_(
                "A Kyrgyz phone number has 9 digits after 0 or +996 (for example "
                "0555 123 456 or (0312) 12-34-56); {count} digits were given."
            ),
            field=field,
            count=len(national),
        )
    if national[0] not in NATIONAL_FIRST_DIGITS:
        raise ValidationError(
            N_("No Kyrgyz phone number starts like this; check the digits after 0 or +996."),
            field=field,
        )
    return "+" + COUNTRY_CODE + national


def display_phone(normalised: str) -> str:
    """+996555123456 -> "+996 555 123 456" (other numbers as stored)."""
    if normalised.startswith("+" + COUNTRY_CODE) and len(normalised) == 13:
        national = normalised[4:]
        return f"+{COUNTRY_CODE} {national[:3]} {national[3:6]} {national[6:]}"
    return normalised
