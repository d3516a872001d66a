"""matching: the matches table (scored demand–listing pairs and their lifecycle) and the indexes
candidate retrieval uses (published listings / demands by category)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 16:57:19.326723+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "matches",
        sa.Column("demand_id", sa.UUID(), nullable=False),
        sa.Column("listing_id", sa.UUID(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("breakdown", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("reasons", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("interest_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contacted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("quote_amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("quote_note", sa.Text(), nullable=True),
        sa.Column("quoted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contract_amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("contracted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contracted_by", sa.String(length=16), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("declined_by", sa.String(length=16), nullable=True),
        sa.Column("declined_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "contracted_by IS NULL OR contracted_by IN ('buyer', 'supplier')", name=op.f("ck_matches_contracted_by")
        ),
        sa.CheckConstraint(
            "declined_by IS NULL OR declined_by IN ('buyer', 'supplier')", name=op.f("ck_matches_declined_by")
        ),
        sa.CheckConstraint(
            "status IN ('suggested', 'contacted', 'quoted', 'contracted', 'declined')", name=op.f("ck_matches_status")
        ),
        sa.CheckConstraint("contract_amount IS NULL OR contract_amount >= 0", name=op.f("ck_matches_contract_amount")),
        sa.CheckConstraint("quote_amount IS NULL OR quote_amount >= 0", name=op.f("ck_matches_quote_amount")),
        sa.CheckConstraint("score >= 0 AND score <= 1", name=op.f("ck_matches_score")),
        sa.ForeignKeyConstraint(
            ["demand_id"], ["demands.id"], name=op.f("fk_matches_demand_id_demands"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["listings.id"], name=op.f("fk_matches_listing_id_listings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matches")),
        sa.UniqueConstraint("demand_id", "listing_id", name="uq_matches_demand_listing"),
    )
    op.create_index("ix_matches_listing_score", "matches", ["listing_id", "score"], unique=False)
    op.create_index("ix_demands_status_category", "demands", ["status", "category_code"], unique=False)
    op.create_index("ix_listings_status_category", "listings", ["status", "category_code"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_listings_status_category", table_name="listings")
    op.drop_index("ix_demands_status_category", table_name="demands")
    op.drop_index("ix_matches_listing_score", table_name="matches")
    op.drop_table("matches")
