"""Typed errors whose text a user may read.

Each error carries an untranslated template (marked with N_) and its parameters;
`str(error)` renders it in the current language. Messages never include secrets,
names or narratives: only ids, paths chosen by the user and numbers.
"""

from __future__ import annotations

from typing import Any, ClassVar

from legalaid.i18n import N_, _


class LegalAidError(Exception):
    """Base of every error meant for a user. `exit_code` is what the command line returns."""

    template: ClassVar[str] = N_("An unexpected error occurred.")
    exit_code: ClassVar[int] = 1

    def __init__(self, template: str | None = None, **params: Any) -> None:
        if template is not None:
            self.template = template  # type: ignore[misc]
        self.params = params
        super().__init__(self.template)

    def user_message(self) -> str:
        return _(self.template).format(**self.params)

    def __str__(self) -> str:
        return self.user_message()


class UsageError(LegalAidError):
    template = N_("The command was not understood.")
    exit_code = 2


class ValidationError(LegalAidError):
    """Input that a person typed is not acceptable; `field` says which one."""

    template = N_("The value is not valid.")
    exit_code = 2

    def __init__(self, template: str | None = None, field: str | None = None, **params: Any):
        super().__init__(template, **params)
        self.field = field


class PermissionDenied(LegalAidError):
    template = N_("Your role does not allow this action.")
    exit_code = 5


class NotFound(LegalAidError):
    template = N_("The record was not found.")
    exit_code = 6


class Conflict(LegalAidError):
    template = N_("This conflicts with an existing record.")
    exit_code = 7
