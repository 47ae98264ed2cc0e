"""What makes a passphrase acceptable (ASVS 5.0 6.2, SECURITY.md 11).

Length, not composition: at least 12 characters (15 or more recommended), up to
1024, any characters, pasting allowed, no forced rotation. Refused: the 3,000
most common passwords (zxcvbn's ranked list plus Cyrillic keyboard runs), also
when only padded with digits or symbols, passphrases of digits alone, and
passphrases that are little more than a context word (the app, the office, the
login or the person's name): what is left after removing the word must itself
be 12 characters long.
"""

from __future__ import annotations

import functools
import string
import unicodedata
from collections.abc import Iterable

from legalaid.errors import ValidationError
from legalaid.i18n import N_

MIN_LENGTH = 12
RECOMMENDED_LENGTH = 15
MAX_LENGTH = 1024
COMMON_LIST_SIZE = 3000
APP_WORDS = ("legalaid", "legal aid", "legalaiddesk", "legal aid desk", "юрпомощь", "укуктук")
# Keyboard runs typed on Russian and Kyrgyz layouts, absent from English lists.
CYRILLIC_RUNS = (
    "йцукенгшщзхъ",
    "фывапролджэ",
    "ячсмитьбю",
    "йцукен",
    "пароль",
    "парольпароль",
    "1234567890йцукен",
    "qwertyйцукен",
)


class PassphraseRejected(ValidationError):
    template = N_("The passphrase is not acceptable.")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@functools.cache
def common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # imported only when needed

    ranked = FREQUENCY_LISTS["passwords"][:COMMON_LIST_SIZE]
    return frozenset(_fold(word) for word in (*ranked, *CYRILLIC_RUNS))


def check_passphrase(passphrase: str, context: Iterable[str] = ()) -> None:
    """Raise PassphraseRejected (field 'passphrase') with the reason; return if acceptable."""
    text = unicodedata.normalize("NFC", passphrase)
    if len(text) < MIN_LENGTH:
        raise PassphraseRejected(
            N_(
                "The passphrase must have at least {minimum} characters ({recommended} or more "
                "is better). A few unrelated words make a good one."
            ),
            field="passphrase",
            minimum=MIN_LENGTH,
            recommended=RECOMMENDED_LENGTH,
        )
    if len(text) > MAX_LENGTH:
        raise PassphraseRejected(
            N_("The passphrase may have at most {maximum} characters."),
            field="passphrase",
            maximum=MAX_LENGTH,
        )
    folded = _fold(text)
    squeezed = "".join(folded.split())
    # A common password padded with digits or symbols ("password1234") is no better.
    core = squeezed.strip(string.digits + string.punctuation)
    if {folded, squeezed, core} & common_passwords() or not core:
        raise PassphraseRejected(
            N_("This passphrase is among the most common ones and would be guessed first."),
            field="passphrase",
        )
    if len(set(squeezed)) < 4:
        raise PassphraseRejected(
            N_("The passphrase repeats too few different characters."), field="passphrase"
        )
    words = {_fold(word) for word in (*APP_WORDS, *context) if word and len(word.strip()) >= 3}
    for word in words:
        for candidate in (word, "".join(word.split())):
            if candidate and candidate in folded:
                rest = folded.replace(candidate, "")
                if len("".join(rest.split())) < MIN_LENGTH:
                    raise PassphraseRejected(
                        N_(
                            "The passphrase is too close to the name of the application, "
                            "the office, the login or the person."
                        ),
                        field="passphrase",
                    )
