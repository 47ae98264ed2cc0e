"""Re-imports and saved mappings: a case's reference in the register it came from (so that an
updated sheet updates the case instead of adding one), what an import changed in a record it
updated (so that an undo can put it back), and column mappings saved by name.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("legal_case", sa.Column("external_ref", sa.String(64), nullable=True))
    op.create_index("ix_legal_case_external_ref", "legal_case", ["external_ref"])
    op.add_column("imported_record", sa.Column("before", sa.Text(), nullable=True))
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column(
            "updated_by",
            sa.Integer(),
            sa.ForeignKey("account.id", name="fk_import_mapping_updated_by_account"),
            nullable=True,
        ),
        sa.UniqueConstraint("name", name="uq_import_mapping_name"),
    )


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
