"""Referral letter templates: the wording is data, the code only checks and fills it.

Why data: how a referral is worded differs by office and recipient, it changes with the law
and the practice of the bodies that receive it, and it must read as an official letter in
Kyrgyz, Russian and English. A coordinator, not a programmer, should be able to change it.
The shipped wording is resources/letters/referral_letter.json (one subject and body per
language); the PDF layer adds the letterhead, number and date, recipient block, signature
and enclosures around the body.

Placeholders are plain names in braces (`{client_name}`), from `PLACEHOLDERS` only, and
`{{`/`}}` print a brace. A template with anything else is refused with a `TemplateError`
that names the problem, so a typo is found when the template is saved, not on paper.

Filling never uses `str.format`: values are inserted exactly as typed, so a person's facts
that contain `{letter_number}` or `{0.__class__}` stay text (no second pass, no attribute
access). An empty value prints as nothing; `missing_values` lists those for a warning
before printing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from babel import dates

from legalaid.errors import ValidationError
from legalaid.i18n import LANGUAGES, N_, normalise_language
from legalaid.paths import resources_dir

# name -> what it holds (msgid; the template editor shows it translated with `_`).
PLACEHOLDERS: dict[str, str] = {
    "client_name": N_("Full name of the person referred"),
    "client_contact": N_("How to reach the person referred, as they agreed"),
    "client_address": N_("Address of the person referred"),
    "case_number": N_("Our case number"),
    "category": N_("Category of the problem"),
    "subject_matter": N_("What the request is about: a short phrase without a full stop"),
    "facts": N_("The facts of the case, in full sentences"),
    "request": N_("What we ask the recipient to do, in full sentences"),
    "reason": N_("Why the case is referred rather than handled by our office"),
    "legal_basis": N_("The laws and articles the request relies on"),
    "due_date": N_("Date by which we ask for a reply"),
    "letter_number": N_("Number of our outgoing letter"),
    "letter_date": N_("Date of the letter"),
    "consent_date": N_("Date on which the person agreed that their data may be shared"),
    "recipient_name": N_("Organisation the letter is addressed to"),
    "recipient_head": N_("Name and position of the head of that organisation"),
    "office_name": N_("Name of our office"),
    "office_address": N_("Postal address of our office"),
    "office_phone": N_("Telephone of our office"),
    "signatory_name": N_("Name of the person who signs the letter"),
    "signatory_position": N_("Position of the person who signs the letter"),
    "eligibility": N_(
        "Result of the screening for state-guaranteed legal aid, with the documents to bring"
    ),
}

MAX_TEXT_LENGTH = 20_000
LETTERS_FILE = ("letters", "referral_letter.json")

# Braces reach the messages as parameter values ("{clientname}"), never as doubled braces
# in the msgids: str(error) runs the translated msgid through str.format, and a
# translator's "{placeholder}" for "{{{placeholder}}}" would silently drop them.
UNKNOWN_PLACEHOLDER = N_("The template uses an unknown placeholder {placeholder}.")
UNKNOWN_PLACEHOLDER_SUGGESTION = N_(
    "The template uses an unknown placeholder {placeholder}. Did you mean {suggestion}?"
)
NOT_A_PLAIN_NAME = N_(
    "The placeholder {placeholder} is not allowed: write only a name in braces, such as {example}."
)
BRACE_NOT_CLOSED = N_(
    "The brace {brace} at line {line}, column {column} is not closed. To print a brace, "
    "write it twice."
)
BRACE_NOT_OPENED = N_(
    "The brace {brace} at line {line}, column {column} was not opened. To print a brace, "
    "write it twice."
)
EMPTY_SUBJECT = N_("The subject of the letter is empty.")
EMPTY_BODY = N_("The text of the letter is empty.")
TOO_LONG = N_("The text has {length} characters; a template may have at most {limit}.")

_EMPTY = {"subject": EMPTY_SUBJECT, "body": EMPTY_BODY}
_NOT_A_NAME = re.compile(r"^$|^\d+$|[!:.\[\]]")  # {} {0} {x!r} {x:>9} {x.y} {x[0]}
_FORMATTER = string.Formatter()

# Kyrgyz official documents write a date as "2026-жылдын 29-ноябры": the year in the
# genitive and the month with the 3rd-person possessive ending (-ы, -и after апрель,
# -у after июнь, июль, август), as in the texts of laws ("2016-жылдын 16-декабры",
# resources/reference/legal_aid_eligibility.json). CLDR's long Kyrgyz date
# (babel: "2026-ж., 29-ноябрь") is the abbreviated nominative form of screens and
# forms, not of a letter, so the months are listed here.
_KY_MONTHS = (
    "январы",
    "февралы",
    "марты",
    "апрели",
    "майы",
    "июну",
    "июлу",
    "августу",
    "сентябры",
    "октябры",
    "ноябры",
    "декабры",
)
# Russian: CLDR's long form is the official one ("29 ноября 2026 г.", genitive month);
# CLDR puts a narrow no-break space (U+202F) before "г.", written here as a plain space
# as letters type it (PDF text search and copying into a word processor then find it).
# English: day month year as in the rest of the app's English documents; CLDR's en "long"
# is American ("November 29, 2026"), en_GB's is "29 November 2026".
_BABEL_LONG_LOCALE = {"ru": "ru", "en": "en_GB"}
_CLDR_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})


class TemplateError(ValidationError):
    """A letter template that cannot be filled; `field` is "subject" or "body"."""

    template = N_("The letter template is not valid.")


@dataclass(frozen=True)
class LetterTemplate:
    language: str
    subject: str
    body: str


def _braced(name: str) -> str:
    return "{" + name + "}"


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _brace_error(
    template: str, brace: str, text: str, index: int, field: str | None
) -> TemplateError:
    line, column = _line_and_column(text, index)
    return TemplateError(template, field=field, brace=brace, line=line, column=column)


def _raw_fields(text: str, field: str | None = None) -> list[str]:
    """What stands between single braces, in order; refuses a brace without its pair."""
    found: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in "{}" and text.startswith(char, index + 1):
            index += 2  # {{ or }}: a brace printed as text
        elif char == "{":
            end = text.find("}", index + 1)
            opening = text.find("{", index + 1)
            if end == -1 or -1 < opening < end:
                raise _brace_error(BRACE_NOT_CLOSED, "{", text, index, field)
            found.append(text[index + 1 : end])
            index = end + 1
        elif char == "}":
            raise _brace_error(BRACE_NOT_OPENED, "}", text, index, field)
        else:
            index += 1
    return found


def _check_field(raw: str, field: str | None) -> None:
    if _NOT_A_NAME.search(raw):
        raise TemplateError(
            NOT_A_PLAIN_NAME,
            field=field,
            placeholder=_braced(raw),
            example=_braced("client_name"),
        )
    if raw in PLACEHOLDERS:
        return
    close = difflib.get_close_matches(raw, PLACEHOLDERS, n=1, cutoff=0.75)
    if close:
        raise TemplateError(
            UNKNOWN_PLACEHOLDER_SUGGESTION,
            field=field,
            placeholder=_braced(raw),
            suggestion=_braced(close[0]),
        )
    raise TemplateError(UNKNOWN_PLACEHOLDER, field=field, placeholder=_braced(raw))


def _check_placeholders(text: str, field: str | None = None) -> None:
    for raw in _raw_fields(text, field):
        _check_field(raw, field)


def _check_text(text: str, field: str) -> None:
    if not text.strip():
        raise TemplateError(_EMPTY[field], field=field)
    if len(text) > MAX_TEXT_LENGTH:
        raise TemplateError(TOO_LONG, field=field, length=len(text), limit=MAX_TEXT_LENGTH)
    _check_placeholders(text, field)


def placeholders_in(text: str) -> list[str]:
    """The field names in `text` as `string.Formatter` reads them, each once, in order.

    Raises TemplateError for a brace without its pair (with its line and column) and for a
    field Python itself cannot parse; `check_template` also refuses `{x!r}`, `{0}` etc."""
    raw_fields = _raw_fields(text)
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError:
        for raw in raw_fields:  # the field Python refused has a conversion or a spec
            _check_field(raw, None)
        raise TemplateError() from None
    names: list[str] = []
    for _literal, name, _spec, _conversion in parsed:
        if name is not None and name not in names:
            names.append(name)
    return names


def check_template(subject: str, body: str) -> None:
    """Raise TemplateError (field "subject" or "body") unless both texts can be filled."""
    _check_text(subject, "subject")
    _check_text(body, "body")


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each placeholder replaced by its value, inserted exactly as typed.

    A placeholder without a value becomes "" (see `missing_values`); `{{` and `}}` become
    single braces. Raises TemplateError if `text` is not a valid template."""
    _check_placeholders(text)
    return "".join(
        literal + ((values.get(name) or "") if name is not None else "")
        for literal, name, _spec, _conversion in _FORMATTER.parse(text)
    )


def missing_values(texts: Iterable[str], values: Mapping[str, str]) -> list[str]:
    """Placeholders used in `texts` whose value is missing or blank, each once, in order."""
    missing: list[str] = []
    for text in texts:
        for name in placeholders_in(text):
            if not (values.get(name) or "").strip() and name not in missing:
                missing.append(name)
    return missing


def paragraphs(text: str) -> list[str]:
    """A filled body split at blank lines, without empty paragraphs."""
    parts = (part.strip() for part in re.split(r"\n[ \t]*\n", text))
    return [part for part in parts if part]


def _language(language: str) -> str:
    code = normalise_language(language)
    if code is None:
        raise ValueError(f"unsupported language code: {language!r}; expected one of {LANGUAGES}")
    return code


def shipped_template(language: str) -> LetterTemplate:
    """The referral letter shipped in resources/ for `language` (ky, ru or en), checked.

    Read on every call (a small file) so an edit takes effect without a restart."""
    code = _language(language)
    path = resources_dir().joinpath(*LETTERS_FILE)
    entry = json.loads(path.read_text("utf-8"))["templates"][code]
    template = LetterTemplate(code, entry["subject"], entry["body"])
    check_template(template.subject, template.body)
    return template


def official_date(value: dt.date, language: str) -> str:
    """`value` as an official letter in `language` writes it: ky "2026-жылдын 29-ноябры",
    ru "29 ноября 2026 г.", en "29 November 2026"."""
    code = _language(language)
    if code == "ky":
        return f"{value.year}-жылдын {value.day}-{_KY_MONTHS[value.month - 1]}"
    written = dates.format_date(value, "long", locale=_BABEL_LONG_LOCALE[code])
    return written.translate(_CLDR_SPACES)
