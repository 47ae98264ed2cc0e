"""Reading the JSON data files that staff may edit (checklists, report layouts): every key
checked, unknown keys refused, each problem named by its place in the file
("sections[3].items[2].when") so that a coordinator can find and fix it.

A parser catches DataFileError and may raise its own subclass, whose message template says
which kind of file it was ("Checklist {where}: {problem}").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from legalaid.errors import ValidationError
from legalaid.i18n import N_, _, normalise_language

LANGUAGES = ("ky", "ru", "en")
_SNAKE_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


class DataFileError(ValidationError):
    """A data file is not what its documentation describes.

    `where` (also `field`) is the path inside the file, with the file name in front when a
    file was read; `problem` is an N_-marked message and `problem_params` its parameters.
    Both are translated when the message is shown, so a coordinator reads in their own
    language what to fix and where.
    """

    template = N_("{where}: {problem}")

    def __init__(self, where: str, problem: str, **problem_params: Any) -> None:
        super().__init__(field=where, where=where, problem=problem)
        self.where = where
        self.problem = problem
        self.problem_params = problem_params

    def user_message(self) -> str:
        problem = _(self.problem).format(**self.problem_params)
        return _(self.template).format(where=self.where, problem=problem)


@dataclass(frozen=True)
class Texts:
    """One text in the three languages of the network; every one is required."""

    ky: str
    ru: str
    en: str

    def in_language(self, language: str) -> str:
        """The text in `language` ("ru", "ru_RU"...); English for a language we do not have."""
        normalised = normalise_language(language)
        if normalised == "ky":
            return self.ky
        if normalised == "ru":
            return self.ru
        return self.en


def at(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def obj(
    value: Any, where: str, allowed: Sequence[str], required: Sequence[str] = ()
) -> Mapping[str, Any]:
    """A JSON object with only the documented keys: a misspelt key is an error, not ignored."""
    if not isinstance(value, Mapping):
        raise DataFileError(where or "(top)", N_("must be an object"))
    for key in value:
        if key not in allowed:
            raise DataFileError(
                at(where, str(key)),
                N_("unknown key; expected one of: {keys}"),
                keys=", ".join(allowed),
            )
    for key in required:
        if key not in value:
            raise DataFileError(at(where, key), N_("required key is missing"))
    return value


def listed(value: Any, where: str) -> Sequence[Any]:
    if not isinstance(value, list | tuple):
        raise DataFileError(where, N_("must be a list"))
    if not value:
        raise DataFileError(where, N_("the list is empty"))
    return value


def string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise DataFileError(where, N_("must be text in quotes"))
    if not value.strip():
        raise DataFileError(where, N_("the text is empty"))
    if any(unicodedata.category(char) == "Cc" and char not in "\n\t" for char in value):
        # invisible, and a spreadsheet refuses them: a copy-paste accident, never meant
        raise DataFileError(where, N_("the text holds an invisible control character"))
    return value


def texts(value: Any, where: str) -> Texts:
    raw = obj(value, where, LANGUAGES, LANGUAGES)
    ky, ru, en = (string(raw[language], at(where, language)) for language in LANGUAGES)
    return Texts(ky=ky, ru=ru, en=en)


def snake(value: Any, where: str) -> str:
    code = string(value, where)
    if not _SNAKE_CODE.fullmatch(code):
        raise DataFileError(
            where, N_("{code} is not lower_snake_case (a-z, 0-9 and underscores)"), code=code
        )
    return code
