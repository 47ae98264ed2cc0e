"""Attachments on cases and people: the description of each file, and its bytes apart.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "case_id",
            sa.Integer(),
            sa.ForeignKey(
                "legal_case.id", ondelete="CASCADE", name="fk_attachment_case_id_legal_case"
            ),
            nullable=True,
        ),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("person.id", ondelete="CASCADE", name="fk_attachment_person_id_person"),
            nullable=True,
        ),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column(
            "added_by",
            sa.Integer(),
            sa.ForeignKey("account.id", name="fk_attachment_added_by_account"),
            nullable=True,
        ),
        # op.f: the final name (the naming convention would prefix "ck_attachment_" again).
        sa.CheckConstraint(
            "(case_id IS NULL) <> (person_id IS NULL)", name=op.f("ck_attachment_one_owner")
        ),
        # An id is never given again, so audit events keep naming one file.
        sqlite_autoincrement=True,
    )
    op.create_index("ix_attachment_case_id", "attachment", ["case_id"])
    op.create_index("ix_attachment_person_id", "attachment", ["person_id"])
    op.create_table(
        "attachment_content",
        sa.Column(
            "attachment_id",
            sa.Integer(),
            sa.ForeignKey(
                "attachment.id",
                ondelete="CASCADE",
                name="fk_attachment_content_attachment_id_attachment",
            ),
            primary_key=True,
        ),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
