"""The migrations build exactly the tables the mapped classes describe (a column or index
added to a class without a migration, or the reverse, fails here)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import legalaid.domain.attachments
import legalaid.domain.cases
import legalaid.domain.courts
import legalaid.domain.drafts
import legalaid.domain.imports
import legalaid.domain.intake
import legalaid.domain.monitoring
import legalaid.domain.people
import legalaid.domain.referrals
import legalaid.domain.report_templates
import legalaid.domain.timeline  # noqa: F401 - every mapped class in the metadata
from legalaid.domain.base import Base
from legalaid.services.workspace import Workspace

# Tables the mapped classes do not describe on purpose: SQLite's FTS5 index and its shadow
# tables (written by services/search_index through SQL), and Alembic's own bookkeeping.
UNMAPPED_PREFIXES = ("person_search", "case_search", "alembic_version")


def _relevant(diff: object) -> bool:
    table = getattr(diff[1], "name", "") if isinstance(diff, tuple) else ""  # type: ignore[index]
    if isinstance(diff, tuple) and diff[0] in {"remove_index", "add_index"}:
        table = diff[1].table.name  # type: ignore[index]
    return not str(table).startswith(UNMAPPED_PREFIXES)


def test_the_migrated_schema_is_the_mapped_schema(workspace: Workspace) -> None:
    with workspace.vault.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = [d for d in compare_metadata(context, Base.metadata) if _relevant(d)]
    assert differences == []
