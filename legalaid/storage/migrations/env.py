"""Alembic environment: always run programmatically on the vault's open connection.

The caller (legalaid/storage/migrate.py) has already begun the transaction, so the
whole upgrade commits or rolls back as one (SECURITY.md 34).
"""

from __future__ import annotations

from alembic import context

from legalaid.domain.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
