"""Use cases. Every permission check and audit event happens here, never only in the UI.

Each call opens one short session, commits inside, and returns plain dataclasses.
"""

# Registers the flush hook that keeps the search index in step (same transaction).
from legalaid.services import search_index as _search_index  # noqa: E402,F401
