"""Drafts: unsaved form input kept inside the vault (encrypted like everything else).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "account_id",
            sa.Integer(),
            sa.ForeignKey(
                "account.id", ondelete="CASCADE", name="fk_form_draft_account_id_account"
            ),
            nullable=False,
        ),
        sa.Column("form", sa.String(16), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("account_id", "form", "record_id", name="uq_form_draft_account_id"),
    )


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
