"""Report templates a coordinator imports (a donor's indicator set, as data).

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_template",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column(
            "created_by",
            sa.Integer(),
            sa.ForeignKey("account.id", name="fk_report_template_created_by_account"),
            nullable=True,
        ),
        sa.UniqueConstraint("code", name="uq_report_template_code"),
    )


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
