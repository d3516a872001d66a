"""The demo group purchase: written once through the services, and its settlement (the worked
example of the README)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.organizations.models import Organization
from matching.campaigns import repository
from matching.campaigns.models import Campaign
from matching.campaigns.service import close_campaign
from seeds.demo import generate
from seeds.demo_campaigns import TITLE
from seeds.demo_loader import write_demo


async def test_demo_campaign_settles_as_the_readme_says(db: AsyncSession) -> None:
    data = generate(seed=2024, listings=5, demands=5)
    counts = await write_demo(db, data)
    assert counts["campaigns"] == 1
    assert (await write_demo(db, data))["campaigns"] == 0  # idempotent
    campaign = await db.scalar(select(Campaign).where(Campaign.title == TITLE))
    assert campaign is not None and campaign.status == "open"
    totals = await repository.totals(db, campaign.id)
    assert (totals.quantity, totals.pledges, totals.buyers, totals.offers) == (52, 10, 8, 3)

    settlement = await close_campaign(db, campaign_id=campaign.id, actor=None)
    names = dict((await db.execute(select(Organization.id, Organization.name))).all())
    # 52 台: 锐针 (cap 50) at its 45-台 tier 69,000 beats 恒诚 at 70,000 and 星辰 (cap 30) at 72,000;
    # the last 2 台 would go to 星辰 at its list price 88,000 — but 马桥 (max 68,000) drops out first,
    # and at 49 台 锐针 supplies everything at 69,000.
    assert (settlement.status, settlement.pooled_quantity, settlement.rounds) == ("settled", 49, 2)
    (winner,) = settlement.winning_offers
    assert (winner["supplier_name"], winner["quantity"], winner["tier_min_quantity"], winner["unit_price"]) == (
        "海宁市锐针电脑袜机有限公司", 49, 45, "69000.00",
    )  # fmt: skip
    assert settlement.total_saving == Decimal("1127000.00")  # (92,000 − 69,000) × 49
    lines = [
        (names[line.organization_id], line.quantity, line.outcome, line.unit_price, line.saving)
        for line in settlement.lines
    ]
    assert lines[0] == ("海宁市锦袜针织有限公司", 8, "allocated", Decimal("69000.00"), Decimal("184000.00"))
    assert lines[2] == ("浙江海宁万隆经编有限公司", 4, "allocated", Decimal("69000.00"), Decimal("92000.00"))
    assert lines[5] == ("海宁市马桥袜业有限公司", 3, "dropped", None, None)
