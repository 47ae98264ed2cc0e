"""How a failed call reads on screen: a core error is translated already; anything else is
a bug, shown without its (possibly sensitive) text."""

from __future__ import annotations

from legalaid.errors import LegalAidError
from legalaid.i18n import _


def error_text(error: BaseException) -> str:
    """What a person reads about a failed call (a core error is translated already)."""
    return str(error) if isinstance(error, LegalAidError) else _("An unexpected error occurred.")
