"""The demo's review queue starts as a real one does: approved, pending and rejected listings,
each decision made by the bureau over the supplier's region and kept in the audit trail."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.audit.models import AuditEvent
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from seeds.demo import demo_review, generate
from seeds.demo_loader import write_demo
from seeds.reference import read_regions


async def test_demo_listings_start_with_a_mix_of_review_decisions(db: AsyncSession) -> None:
    data = generate(seed=2024, listings=60, demands=3)
    await write_demo(db, data)
    decided = {item.external_id: demo_review(item) for item in data.listings}
    listings = (await db.scalars(select(Listing).where(Listing.external_id.in_(list(decided))))).all()
    statuses = Counter(listing.review_status for listing in listings)
    assert statuses["approved"] >= 10 and statuses["rejected"] >= 2 and statuses["pending"] >= 10, statuses
    ancestors = {r["code"]: r["ancestors"] for r in read_regions()}
    for listing in listings:
        assert listing.recommended == (listing.review_status == "approved")
        decision = decided[listing.external_id]
        if listing.review_status == "none":
            assert listing.status != "published"
            continue
        if listing.review_status == "pending":  # undecided, or no demo bureau above its supplier
            continue
        assert (
            decision is not None and listing.review_status == {"approve": "approved", "reject": "rejected"}[decision[0]]
        )
        assert listing.review_note == decision[1]
        # Decided by a bureau over the supplier's region, and in the audit trail.
        supplier = await db.get(Organization, listing.organization_id)
        bureau = await db.get(Organization, listing.reviewed_by_organization_id)
        assert supplier is not None and bureau is not None and bureau.kind == "bureau"
        assert bureau.region_code in ancestors[supplier.region_code]
        trail = await db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == listing.id))
        assert "review" in list(trail)
