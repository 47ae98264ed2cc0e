"""Court documents: a case's attachments filed under one of its proceedings.

A link table rather than a column on `attachment`: SQLite adds a foreign key only by
rebuilding the table, and dropping the old attachment table would cascade to the stored
files (foreign keys are on during migrations).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proceeding_document",
        sa.Column(
            "attachment_id",
            sa.Integer(),
            sa.ForeignKey(
                "attachment.id",
                ondelete="CASCADE",
                name="fk_proceeding_document_attachment_id_attachment",
            ),
            primary_key=True,
        ),
        sa.Column(
            "proceeding_id",
            sa.Integer(),
            sa.ForeignKey(
                "proceeding.id",
                ondelete="CASCADE",
                name="fk_proceeding_document_proceeding_id_proceeding",
            ),
            nullable=False,
        ),
    )
    op.create_index(
        "ix_proceeding_document_proceeding_id", "proceeding_document", ["proceeding_id"]
    )


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
