"""Demo group purchase: 海宁市经济和信息化局 runs 「海宁袜业电脑袜机团购」 (Jiaxing's 需者团购+供者让利 for
the 海宁袜业 cluster) with three sock-machine makers' tier ladders and ten pledges from Haining
sock mills. Written through the campaign services, idempotently (skipped when it exists).

Besides the organisations of seeds/demo.py (the Haining bureau, 海宁恒诚纺织机械, 锦袜针织, 万隆经编)
it adds two sock-machine makers and six Haining sock mills, so the campaign has a real cluster.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from random import Random

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.db import utcnow
from catalog.listings import repository as listing_repository
from catalog.listings.schemas import ListingCreate
from catalog.listings.service import create_listing, publish_listing
from catalog.organizations.uscc import generate_uscc
from matching.campaigns.models import Campaign
from matching.campaigns.schemas import CampaignCreate, OfferCreate, PledgeCreate, TierIn
from matching.campaigns.service import create_campaign, make_offer, make_pledge
from seeds.demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DemoOrganization, DemoUser

TITLE = "海宁袜业电脑袜机团购"
HAINING = "330481"

OrganizationWriter = Callable[[AsyncSession, DemoOrganization], Awaitable[Actor]]


@dataclass(frozen=True)
class _Maker:
    key: str
    name: str
    region_code: str
    listing: tuple[str, str, str]  # title, brand, model
    specs: dict[str, int | float | str]
    list_price: str
    tiers: tuple[tuple[int, str], ...]
    max_quantity: int | None


# Offers in the order they are made (the tie-break); hengcheng-textile comes from seeds/demo.py.
MAKERS = (
    _Maker(
        "hengcheng-textile", "海宁恒诚纺织机械有限公司", HAINING, ("恒诚 HC-6F 单针筒电脑袜机 200针", "恒诚", "HC-6F"),
        {"needles": 200, "cylinder_diameter_in": 3.75, "speed_rpm": 350, "feeders": 6, "control_system": "恒诚自研"},
        "90000", ((10, "82000"), (20, "76000"), (40, "70000"), (60, "66000")), None,
    ),
    _Maker(
        "xingchen-hosiery", "浙江星辰袜机科技有限公司", "330411", ("星辰 XC-35 双针筒电脑袜机", "星辰", "XC-35"),
        {"needles": 168, "cylinder_diameter_in": 3.5, "speed_rpm": 320, "feeders": 4, "control_system": "星辰智控"},
        "88000", ((15, "80000"), (30, "72000"), (50, "68000")), 30,
    ),
    _Maker(
        "ruizhen-knit", "海宁市锐针电脑袜机有限公司", HAINING, ("锐针 RZ-200 高速电脑袜机", "锐针", "RZ-200"),
        {"needles": 200, "cylinder_diameter_in": 4.0, "speed_rpm": 380, "feeders": 6, "control_system": "锐针云控"},
        "92000", ((10, "84000"), (25, "74000"), (45, "69000")), 50,
    ),
)  # fmt: skip

# Haining sock mills joining the cluster purchase (jinwa-knit and wanlong-warp are in seeds/demo.py).
MILLS = (
    ("dingqiao-socks", "海宁市丁桥袜业有限公司"),
    ("xucun-socks", "海宁市许村针织袜业有限公司"),
    ("changan-socks", "海宁市长安织袜有限公司"),
    ("maqiao-socks", "海宁市马桥袜业有限公司"),
    ("xieqiao-knit", "海宁市斜桥针织有限公司"),
    ("zhouwangmiao-socks", "海宁市周王庙袜业有限公司"),
)

# (buyer, quantity, max unit price) in pledge order: 52 台 in ten pledges.
PLEDGES = (
    ("jinwa-knit", 8, None),
    ("dingqiao-socks", 6, None),
    ("wanlong-warp", 4, "75000"),
    ("xucun-socks", 10, None),
    ("changan-socks", 5, None),
    ("maqiao-socks", 3, "68000"),
    ("jinwa-knit", 6, None),
    ("xieqiao-knit", 4, None),
    ("zhouwangmiao-socks", 3, None),
    ("dingqiao-socks", 3, None),
)


def extra_organizations(seed: int = 804) -> list[DemoOrganization]:
    """The sock-machine makers and sock mills the campaign adds to the demo."""
    rng = Random(seed)
    made = []
    for key, name, kind, region, industry, local in (
        *((m.key, m.name, "supplier", m.region_code, "C3551", "sales") for m in MAKERS[1:]),
        *((key, name, "buyer", HAINING, "C1763", "equipment") for key, name in MILLS),
    ):
        made.append(
            DemoOrganization(
                key=key, name=name, uscc=generate_uscc(region, rng, authority="9", kind="1"), kind=kind,
                region_code=region, industry_code=industry,
                users=[DemoUser(f"{local}@{key}.{DEMO_EMAIL_DOMAIN}", DEMO_PASSWORD, "设备部经理" if kind == "buyer" else "销售经理")],
            )
        )  # fmt: skip
    return made


async def write_demo_campaigns(
    session: AsyncSession, actors: dict[str, Actor], *, organization: OrganizationWriter, now: datetime | None = None
) -> int:
    """Write the demo campaign (with its extra organisations, listings, offers and pledges);
    returns how many campaigns were created (0 when it already exists)."""
    now = now or utcnow()
    bureau = actors["haining"]
    exists = await session.scalar(
        select(Campaign.id).where(Campaign.organization_id == bureau.organization_id, Campaign.title == TITLE)
    )
    if exists is not None:
        return 0
    everyone = dict(actors)
    for extra in extra_organizations():
        everyone[extra.key] = await organization(session, extra)
    campaign = await create_campaign(
        session, actor=bureau, now=now,
        data=CampaignCreate(
            title=TITLE, category="0804", region_codes=[HAINING], offer_deadline=now + timedelta(days=20),
            pledge_deadline=now + timedelta(days=30), min_total_quantity=20,
            description=(
                "落实《嘉兴市推动制造业设备更新实施方案》“聚焦海宁袜业，以‘需者团购+供者让利’方式推动设备集采”："
                "海宁袜企集中认购电脑袜机，按认购总量阶梯降价；认购可设最高单价，结算时价格高于该单价的认购自动退出。"
            ),
        ),
    )  # fmt: skip
    for maker in MAKERS:
        actor = everyone[maker.key]
        assert actor.organization_id is not None
        external_id = f"tg-socks-{maker.key}"
        listing = await listing_repository.get_by_external_id(session, actor.organization_id, external_id)
        if listing is None:
            title, brand, model = maker.listing
            listing = await create_listing(
                session, actor=actor,
                data=ListingCreate(
                    title=title, category="0804", brand=brand, model=model, external_id=external_id,
                    description=f"{title}：{maker.specs['needles']}针，最高转速{maker.specs['speed_rpm']}rpm，支持远程运维与能耗监测，适合袜企批量更新。",
                    price_min=Decimal(maker.list_price), price_max=Decimal(maker.list_price), lead_time_days=30,
                    energy_grade=2, service_regions=["330000"], specs=maker.specs,
                ),
            )  # fmt: skip
            listing = await publish_listing(session, actor=actor, listing=listing)
        await make_offer(
            session, actor=actor, campaign_id=campaign.id, now=now,
            data=OfferCreate(
                listing_id=listing.id, unit_list_price=Decimal(maker.list_price), max_quantity=maker.max_quantity,
                tiers=[TierIn(min_quantity=q, unit_price=Decimal(p)) for q, p in maker.tiers],
            ),
        )  # fmt: skip
    for key, quantity, limit in PLEDGES:
        await make_pledge(
            session, actor=everyone[key], campaign_id=campaign.id, now=now,
            data=PledgeCreate(quantity=quantity, max_unit_price=Decimal(limit) if limit else None),
        )  # fmt: skip
    return 1
