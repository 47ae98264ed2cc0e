"""Names across scripts: folding for search, a Latin skeleton, and an alphabet sort key.

- `fold`: case-folded, Ё→Е, punctuation to spaces; Ң Ө Ү stay themselves.
- `skeleton`: one Latin spelling per name however it was typed, so "Zholdoshbekov",
  "Joldoshbekov" and "Жолдошбеков" meet, as do "Ömürbekov", "Omurbekov" and
  "Өмүрбеков". Cyrillic goes to Latin first; then the usual variant spellings of
  Kyrgyz and Russian names in Latin (zh/j/dzh, kh/h, yu/iu/u, ya/ia/a, ye/e, y/i,
  ö/o, ü/u, ng/n, c/ts, doubled letters) collapse to one form. Lossy on purpose: it
  finds, ranking and the exact column decide what comes first.
- `sort_key`: the Kyrgyz alphabet order (Ң after Н, Ө after О, Ү after У, Ё with Е),
  as a string that SQLite's binary collation orders correctly (stored and indexed).
"""

from __future__ import annotations

import re
import unicodedata

CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "n",
    "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u",
    "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i",
    "ь": "", "э": "e", "ю": "u", "я": "a",
    # Look-alikes typed on Kazakh or Uzbek layouts.
    "ұ": "u", "ҥ": "n", "ӧ": "o", "ү́": "u", "ғ": "g", "қ": "k", "ҳ": "h", "ў": "u",
    "і": "i", "ї": "i", "є": "e", "ә": "a",
}  # fmt: skip

# Applied in order to Latin text (after the Cyrillic mapping, so both scripts meet):
# first letters and digraphs, then, once doubled letters are single, vowel clusters.
LATIN_LETTERS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("shch", "sh"), ("sch", "sh"),
    ("tch", "ch"), ("ö", "o"), ("ø", "o"), ("oe", "o"), ("ü", "u"), ("ue", "u"), ("ñ", "n"),
    ("ŋ", "n"), ("ı", "i"), ("ş", "sh"), ("ç", "ch"), ("ğ", "g"), ("w", "v"), ("q", "k"),
    ("x", "h"), ("y", "i"),
)  # fmt: skip
LATIN_CLUSTERS: tuple[tuple[str, str], ...] = (
    ("iu", "u"), ("ia", "a"), ("io", "e"), ("ng", "n"),
)  # fmt: skip
_LONE_C = re.compile(r"c(?!h)")
_INITIAL_IE = re.compile(r"^ie")

_WORDS = re.compile(r"[^\w]+", re.UNICODE)
_DOUBLES = re.compile(r"(.)\1+")

# Kyrgyz (and Russian) alphabetical order; Ё sorts with Е.
CYRILLIC_ORDER = "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя"
LATIN_ORDER = "abcdefghijklmnopqrstuvwxyz"
_SORT_BASE = 0xE000  # private-use code points keep UTF-8 byte order = alphabet order


def _sort_map() -> dict[str, str]:
    mapping: dict[str, str] = {}
    position = 0
    for letter in CYRILLIC_ORDER:
        if letter == "ё":
            mapping[letter] = mapping["е"]
            continue
        mapping[letter] = chr(_SORT_BASE + position)
        position += 1
    for letter in LATIN_ORDER:
        mapping[letter] = chr(_SORT_BASE + 0x100 + LATIN_ORDER.index(letter))
    return mapping


_SORT_MAP = _sort_map()


def fold(text: str) -> str:
    """Lower case, Ё→Е, punctuation to single spaces (search and comparisons)."""
    normalised = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return " ".join(word for word in _WORDS.split(normalised.replace("_", " ")) if word)


def _strip_latin_accents(word: str, keep_letters: bool = False) -> str:
    """é→e etc. for Latin letters; Cyrillic letters (й, ё) are handled by the tables.
    keep_letters keeps ö ü ñ ş ç ğ ı ø, which the skeleton rules spell out themselves."""
    out = []
    for ch in word:
        if "a" <= ch <= "z" or not ch.isalpha() or (ch in "öüñşçğıø" and keep_letters):
            out.append(ch)
            continue
        if "\u0400" <= ch <= "\u04ff":
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def _latin_pass(latin: str) -> str:
    for variant, replacement in LATIN_LETTERS:
        latin = latin.replace(variant, replacement)
    latin = _DOUBLES.sub(r"\1", _LONE_C.sub("ts", latin))
    for variant, replacement in LATIN_CLUSTERS:
        latin = latin.replace(variant, replacement)
    latin = _DOUBLES.sub(r"\1", latin)
    return _INITIAL_IE.sub("e", latin)  # Yelena / Елена


def skeleton_word(word: str) -> str:
    """One folded word in the shared Latin spelling (a fixed point: a skeleton typed as a
    query comes out unchanged)."""
    latin = "".join(
        CYRILLIC_TO_LATIN.get(ch, ch) for ch in _strip_latin_accents(word, keep_letters=True)
    )
    for _ in range(4):
        again = _latin_pass(latin)
        if again == latin:
            break
        latin = again
    return latin


def skeleton(text: str) -> str:
    return " ".join(word for word in map(skeleton_word, fold(text).split()) if word)


def is_latin(text: str) -> bool:
    return any("a" <= ch <= "z" for ch in text.casefold())


def sort_key(*parts: str | None) -> str:
    """Key for ORDER BY in the Kyrgyz alphabet: surname, then given name, then patronymic."""
    keys = []
    for part in parts:
        folded = _strip_latin_accents(fold(part or "")).replace("ı", "i")
        keys.append("".join(_SORT_MAP.get(ch, ch) for ch in folded))
    return "\x01".join(keys)
