"""People, cases, parties, case numbering and the full-text search index.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Search tables: unicode61 without diacritic removal (our own folding decides what
# matches: Ё = Е, but Й, Ң, Ө, Ү stay letters); prefix indexes for typing-as-you-go.
FTS_OPTIONS = "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4'"


def upgrade() -> None:
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("surname", sa.String(100), nullable=False),
        sa.Column("given_name", sa.String(100), nullable=False),
        sa.Column("patronymic", sa.String(100), nullable=True),
        sa.Column("gender", sa.String(16), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("birth_year_estimate", sa.Integer(), nullable=True),
        sa.Column("pin", sa.String(14), nullable=True),
        sa.Column("phone", sa.String(32), nullable=True),
        sa.Column("region", sa.String(32), nullable=True),
        sa.Column("district", sa.String(64), nullable=True),
        sa.Column("settlement", sa.String(100), nullable=True),
        sa.Column("street", sa.String(200), nullable=True),
        sa.Column("languages", sa.String(64), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("sort_key", sa.String(400), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column(
            "created_by",
            sa.Integer(),
            sa.ForeignKey("account.id", name="fk_person_created_by_account"),
            nullable=True,
        ),
        sa.UniqueConstraint("pin", name="uq_person_pin"),
    )
    op.create_index("ix_person_sort_key", "person", ["sort_key"])
    op.create_table(
        "person_vulnerability",
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey(
                "person.id", ondelete="CASCADE", name="fk_person_vulnerability_person_id_person"
            ),
            primary_key=True,
        ),
        sa.Column("code", sa.String(32), primary_key=True),
    )
    op.create_table(
        "legal_case",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(32), nullable=False),
        sa.Column(
            "office_id",
            sa.Integer(),
            sa.ForeignKey("office.id", name="fk_legal_case_office_id_office"),
            nullable=False,
        ),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("subcategory", sa.String(48), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column(
            "assigned_lawyer_id",
            sa.Integer(),
            sa.ForeignKey("account.id", name="fk_legal_case_assigned_lawyer_id_account"),
            nullable=True,
        ),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column(
            "created_by",
            sa.Integer(),
            sa.ForeignKey("account.id", name="fk_legal_case_created_by_account"),
            nullable=True,
        ),
        sa.UniqueConstraint("number", name="uq_legal_case_number"),
        sa.UniqueConstraint("office_id", "year", "seq", name="uq_legal_case_seq"),
    )
    for column in (
        "office_id",
        "opened_on",
        "category",
        "status",
        "assigned_lawyer_id",
        "restricted",
    ):
        op.create_index(f"ix_legal_case_{column}", "legal_case", [column])
    op.create_table(
        "case_party",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "case_id",
            sa.Integer(),
            sa.ForeignKey(
                "legal_case.id", ondelete="CASCADE", name="fk_case_party_case_id_legal_case"
            ),
            nullable=False,
        ),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey("person.id", name="fk_case_party_person_id_person"),
            nullable=False,
        ),
        sa.Column("role", sa.String(24), nullable=False),
        sa.UniqueConstraint("case_id", "person_id", "role", name="uq_case_party"),
    )
    op.create_index("ix_case_party_person_id", "case_party", ["person_id"])
    op.create_index("ix_case_party_case_id", "case_party", ["case_id"])
    op.create_table(
        "case_counter",
        sa.Column(
            "office_id",
            sa.Integer(),
            sa.ForeignKey("office.id", name="fk_case_counter_office_id_office"),
            primary_key=True,
        ),
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("last_seq", sa.Integer(), nullable=False),
    )
    op.execute(
        f"CREATE VIRTUAL TABLE person_search USING fts5(exact, skeleton, numbers, {FTS_OPTIONS})"
    )
    op.execute(
        f"CREATE VIRTUAL TABLE case_search USING fts5(number, exact, skeleton, {FTS_OPTIONS})"
    )


def downgrade() -> None:
    raise NotImplementedError("vaults are never downgraded; restore a backup instead")
