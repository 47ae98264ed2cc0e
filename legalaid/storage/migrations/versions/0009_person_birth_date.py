"""An index on people's birth dates: the intake's duplicate check reads everyone born on
the typed day, so that a slip in the first letters of a name is still caught.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_person_birth_date", "person", ["birth_date"])


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
