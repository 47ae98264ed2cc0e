"""Findings at 10,000 observations: a covering index for counting answers per item and value
within a filter, and each observation's summary of its answers (the sections answered, the
sections with a concern, the number of concerns), kept by the services on every save, so
that the per-section and per-quarter figures read one row per hearing instead of every
answer.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_observation_answer_item_value", table_name="observation_answer")
    op.create_index(
        "ix_observation_answer_counts",
        "observation_answer",
        ["item_code", "value", "observation_id", "concern"],
    )
    # Plain columns with defaults: SQLite adds them without rebuilding the table.
    op.add_column(
        "observation",
        sa.Column("answered_sections", sa.String(32), nullable=False, server_default=""),
    )
    op.add_column(
        "observation",
        sa.Column("concern_sections", sa.String(32), nullable=False, server_default=""),
    )
    op.add_column(
        "observation",
        sa.Column("concern_count", sa.Integer(), nullable=False, server_default="0"),
    )
    # Observations saved before this version get their summary from their answers.
    op.execute(
        """
        UPDATE observation SET
          answered_sections = coalesce((
            SELECT group_concat(section, '') FROM (
              SELECT DISTINCT substr(item_code, 1, 1) AS section FROM observation_answer
              WHERE observation_id = observation.id ORDER BY section)), ''),
          concern_sections = coalesce((
            SELECT group_concat(section, '') FROM (
              SELECT DISTINCT substr(item_code, 1, 1) AS section FROM observation_answer
              WHERE observation_id = observation.id AND concern ORDER BY section)), ''),
          concern_count = (
            SELECT count(*) FROM observation_answer
            WHERE observation_id = observation.id AND concern)
        """
    )


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
