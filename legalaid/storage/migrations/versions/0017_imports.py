"""Imports of registers: a batch per file (its SHA-256 and counts) and the records it made,
for undo.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_batch",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("cases_created", sa.Integer(), nullable=False),
        sa.Column("people_created", sa.Integer(), nullable=False),
        sa.Column("rows_skipped", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column(
            "created_by",
            sa.Integer(),
            sa.ForeignKey("account.id", name="fk_import_batch_created_by_account"),
            nullable=True,
        ),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_import_batch_sha256", "import_batch", ["sha256"])
    op.create_table(
        "imported_record",
        sa.Column(
            "batch_id",
            sa.Integer(),
            sa.ForeignKey(
                "import_batch.id",
                ondelete="CASCADE",
                name="fk_imported_record_batch_id_import_batch",
            ),
            primary_key=True,
        ),
        sa.Column("entity", sa.String(16), primary_key=True),
        sa.Column("entity_id", sa.Integer(), primary_key=True),
    )


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
