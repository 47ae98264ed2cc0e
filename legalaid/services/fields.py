"""Checks of typed values that many services share, each refusing at its field with the
same words: a bounded text, a stored code of an enumeration."""

from __future__ import annotations

from typing import Any

from legalaid.errors import ValidationError
from legalaid.i18n import N_


def bounded_text(value: str | None, name: str, limit: int) -> str:
    """The text stripped; refused at `name` when longer than `limit` characters."""
    text = (value or "").strip()
    if len(text) > limit:
        raise ValidationError(N_("At most {limit} characters."), field=name, limit=limit)
    return text


def enum_code(enum: Any, value: str, field_name: str, message: str) -> str:
    """The stored code of `value` in `enum`; `message` at `field_name` when it is not one."""
    try:
        return str(enum(value).value)
    except ValueError:
        raise ValidationError(message, field=field_name) from None
