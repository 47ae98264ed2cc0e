"""Translation and locale formatting for the whole app.

Catalogs are the .po files in resources/translations/{ky,ru,en}/LC_MESSAGES/legalaid.po.
They are read with Babel and compiled in memory on first use (no .mo is committed
or written to disk); one language costs a few milliseconds.

API (as in Picard): `_` translates now, `N_` only marks a string for extraction
(translate it later with `_`), `ngettext` chooses the plural form of the current
language (Russian has one/few/many), `pgettext` adds a context.
Placeholders are `{name}` fields; tests/test_catalogs.py refuses a translation whose
placeholders differ from its msgid.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import locale
import os
import threading
from collections.abc import Callable

from babel import Locale, dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from legalaid.paths import translations_dir

LANGUAGES: tuple[str, ...] = ("ky", "ru", "en")
DEFAULT_LANGUAGE = "ru"
DOMAIN = "legalaid"

_lock = threading.Lock()
_catalogs: dict[str, gettext.NullTranslations] = {}
_current = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []


def _load(language: str) -> gettext.NullTranslations:
    with _lock:
        cached = _catalogs.get(language)
        if cached is not None:
            return cached
        po_path = translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po_path.is_file():
            with po_path.open("rb") as fh:
                catalog = read_po(fh, locale=language)
            buffer = io.BytesIO()
            write_mo(buffer, catalog, use_fuzzy=False)
            buffer.seek(0)
            translations: gettext.NullTranslations = gettext.GNUTranslations(buffer)
        else:
            translations = gettext.NullTranslations()
        _catalogs[language] = translations
        return translations


def normalise_language(code: str | None) -> str | None:
    """'ru_RU.UTF-8' -> 'ru'; None when the language is not one of ours."""
    if not code:
        return None
    short = code.replace("-", "_").split("_")[0].split(".")[0].lower()
    return short if short in LANGUAGES else None


def system_language() -> str:
    """The operating system's language if we have it, else Russian (the network's lingua franca)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(variable, "").split(":"):
            found = normalise_language(part)
            if found:
                return found
    try:
        found = normalise_language(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Switch the current language (process-wide) and tell listeners (the UI retranslates)."""
    global _current
    normalised = normalise_language(language)
    if normalised is None:
        raise ValueError(f"unsupported language code: {language!r}")
    _load(normalised)
    _current = normalised
    for listener in list(_listeners):
        listener(normalised)


def current_language() -> str:
    return _current


def add_language_listener(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def remove_language_listener(listener: Callable[[str], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def _(message: str) -> str:
    return _load(_current).gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the conventional name
    """Mark for extraction only; the caller translates later with `_`."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - the conventional name
    """Mark a message with a context for extraction only (Qt's own strings, see ui/)."""
    return context, message


def pgettext_or_none(context: str, message: str) -> str | None:
    """The translation in the current language, or None where the catalog has none."""
    found = _load(_current).pgettext(context, message)
    return None if found == message and _current != "en" else found


def ngettext(singular: str, plural: str, n: int) -> str:
    return _load(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _load(_current).pgettext(context, message)


def translate_in(language: str, message: str) -> str:
    """Translate into a given language without switching (printed documents)."""
    normalised = normalise_language(language) or DEFAULT_LANGUAGE
    return _load(normalised).gettext(message)


def _babel_locale(language: str | None = None) -> Locale:
    return Locale.parse(language or _current)


def format_date(value: dt.date, form: str = "medium", language: str | None = None) -> str:
    return dates.format_date(value, format=form, locale=_babel_locale(language))


# Dates on forms and lists: dd.MM.yyyy in Kyrgyz and Russian (CLDR's short Kyrgyz date has a
# two-digit year), day-month-year in English reports.
FORM_DATE_PATTERNS = {"ky": "dd.MM.yyyy", "ru": "dd.MM.yyyy", "en": "d MMM y"}


def sentence_case(label: str) -> str:
    """Labels are lower case in running text ("witness"); alone on a line they start upper."""
    return label[:1].upper() + label[1:]


def format_form_date(value: dt.date, language: str | None = None) -> str:
    language = language or _current
    return dates.format_date(
        value, format=FORM_DATE_PATTERNS[language], locale=Locale.parse(language)
    )


def format_datetime(value: dt.datetime, form: str = "medium", language: str | None = None) -> str:
    return dates.format_datetime(value, format=form, locale=_babel_locale(language))


def format_utc_stamp(stamp: object, form: str = "medium") -> str:
    """A UTC time written as 2026-11-28T09:30:00Z (manifests, exports), in the reader's
    language and time zone; "?" when it is not such a stamp."""
    try:
        moment = dt.datetime.strptime(str(stamp), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return "?"
    return format_datetime(moment.astimezone(), form)


def format_number(value: float, language: str | None = None) -> str:
    return numbers.format_decimal(value, locale=_babel_locale(language))


def format_duration_seconds(seconds: float, language: str | None = None) -> str:
    """'3 minutes', '5 секунд' ... in the current language."""
    delta = dt.timedelta(seconds=max(0, round(seconds)))
    return dates.format_timedelta(delta, threshold=1.0, locale=_babel_locale(language))


def reset_cache() -> None:
    """Drop loaded catalogs (tests and catalog tooling re-read edited .po files)."""
    with _lock:
        _catalogs.clear()
