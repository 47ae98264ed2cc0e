"""Case timeline: notes and activities, and tasks on a case.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _case_id(table: str) -> sa.Column[int]:
    return sa.Column(
        "case_id",
        sa.Integer(),
        sa.ForeignKey("legal_case.id", ondelete="CASCADE", name=f"fk_{table}_case_id_legal_case"),
        nullable=False,
    )


def _account(table: str, column: str, nullable: bool) -> sa.Column[int]:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey("account.id", name=f"fk_{table}_{column}_account"),
        nullable=nullable,
    )


def upgrade() -> None:
    op.create_table(
        "case_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_id("case_entry"),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        _account("case_entry", "staff_id", nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _account("case_entry", "created_by", nullable=True),
    )
    op.create_index("ix_case_entry_case_id", "case_entry", ["case_id"])
    op.create_table(
        "case_task",
        sa.Column("id", sa.Integer(), primary_key=True),
        _case_id("case_task"),
        sa.Column("title", sa.String(300), nullable=False),
        _account("case_task", "assignee_id", nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        _account("case_task", "done_by", nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _account("case_task", "created_by", nullable=True),
    )
    op.create_index("ix_case_task_case_id", "case_task", ["case_id"])
    op.create_index("ix_case_task_assignee_id", "case_task", ["assignee_id"])


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
