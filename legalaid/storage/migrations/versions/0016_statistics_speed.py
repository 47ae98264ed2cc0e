"""Indexes for statistics: cases by the day closed, intakes by the day taken (covering, so
no narrative page is decrypted), referrals by the day sent, and a client's earlier cases
(new or returning).

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_legal_case_closed_on", "legal_case", ["closed_on"])
    op.create_index("ix_intake_taken_on", "intake", ["taken_on", "case_id"])
    op.create_index("ix_referral_sent_on", "referral", ["sent_on"])
    op.create_index("ix_case_party_person_role", "case_party", ["person_id", "role", "case_id"])


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
