"""An index to find a record's audit events: the history tab reads them at every opening,
and without it each opening scanned the whole trail (hundreds of thousands of rows).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_event_entity", "audit_event", ["entity", "entity_id", "seq"])


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
