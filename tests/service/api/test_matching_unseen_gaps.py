"""What the independent evaluation showed missing in matching (issue 12): demands that name no
category and no taxonomy word, demands written as a problem whose answer is another category,
missed spec thresholds, and leads that are no leads or lie outside the service regions."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from matching.scoring import MISSING_SPEC, _spec_value
from service.config import Settings
from tests.factories import Account, demand_body, listing_body, make_account

ROBOT = {
    "title": "埃斯顿 ER20 六轴工业机器人 注塑机取件上下料",
    "category": "工业机器人",
    "brand": "埃斯顿",
    "model": "ER20-1700",
    "description": "六轴关节机器人，用于注塑件取件、码垛，替代人工，节拍快，可与注塑机联动实现自动化。",
    "price_min": "120000",
    "price_max": "150000",
    "service_regions": ["350000"],
    "specs": {"payload_kg": 20, "axes": 6},
}
MOULDER = {
    "title": "海天 MA1600 伺服节能注塑机",
    "category": "注塑机",
    "brand": "海天",
    "model": "MA1600",
    "description": "伺服驱动注塑机，锁模力160吨，节能30%。",
    "price_min": "260000",
    "price_max": "300000",
    "service_regions": ["350000"],
    "specs": {},
}


async def _publish(client: httpx.AsyncClient, account: Account, path: str, body: dict[str, Any]) -> str:
    created = await client.post(f"/api/v1/{path}", json=body, headers=account.headers)
    assert created.status_code == 201, created.text
    ident = str(created.json()["id"])
    assert (await client.post(f"/api/v1/{path}/{ident}/publish", headers=account.headers)).status_code == 200
    return ident


async def _matches(client: httpx.AsyncClient, buyer: Account, demand: str) -> list[dict[str, Any]]:
    got = await client.get(f"/api/v1/demands/{demand}/matches", headers=buyer.headers)
    assert got.status_code == 200, got.text
    items: list[dict[str, Any]] = got.json()["items"]
    return items


async def test_a_problem_without_category_words_still_finds_what_solves_it(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="350500", name="泉州智造机器人有限公司")
    buyer = await make_account(db, settings, kind="buyer", region_code="350582", name="晋江鞋材注塑有限公司")
    robot = await _publish(client, supplier, "listings", listing_body(**ROBOT))
    await _publish(client, supplier, "listings", listing_body(**MOULDER))
    body = demand_body(
        title="注塑件人工取件太慢，想上自动化", category=None, description="20台注塑机靠人工取件，效率低、招工难。",
        region_code="350582", replaces=None, specs={}, motivations=["smart"], quantity=5, budget_max="900000",
    )  # fmt: skip
    demand = await _publish(client, buyer, "demands", body)
    items = await _matches(client, buyer, demand)
    assert items, "a demand whose words find listings must not get an empty match list"
    assert items[0]["listing"]["id"] == robot
    assert items[0]["breakdown"]["category"] > 0
    assert any(r.startswith(("需求描述指向", "品类一致")) for r in items[0]["reasons"])


async def test_what_the_buyer_wants_done_beats_the_category_of_the_old_machine(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="350500")
    buyer = await make_account(db, settings, kind="buyer", region_code="350582")
    robot = await _publish(client, supplier, "listings", listing_body(**ROBOT))
    body = demand_body(
        title="注塑车间取件自动化改造", category="注塑机", description="注塑件人工取件，想用机器人取件实现自动化。",
        region_code="350582", replaces={"description": "人工取件"}, specs={}, quantity=4, budget_max="800000",
    )  # fmt: skip
    demand = await _publish(client, buyer, "demands", body)
    found = {i["listing"]["id"]: i for i in await _matches(client, buyer, demand)}
    assert robot in found  # another category than the one typed: evidence, not a veto
    assert found[robot]["breakdown"]["category"] > 0


def test_a_missed_threshold_costs_more_than_a_missing_value() -> None:
    assert _spec_value(None, "min", 144, 200) < MISSING_SPEC
    assert _spec_value(None, "min", 180, 200) < MISSING_SPEC
    assert _spec_value(None, "min", 195, 200) == MISSING_SPEC  # within 5 %: as if not given
    assert _spec_value(None, "min", 200, 200) == 1.0
    assert _spec_value(None, "max", 0.01, 0.005) < MISSING_SPEC


async def test_leads_are_relevant_and_say_how_many_lie_outside_the_service_regions(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="370800")
    listing = await _publish(client, supplier, "listings", listing_body(service_regions=["370000"]))
    far = await make_account(db, settings, kind="buyer", region_code="330481")
    for _ in range(2):  # machining-centre demands in Zhejiang: outside the Shandong supplier's regions
        await _publish(client, far, "demands", demand_body(category="加工中心", region_code="330481", specs={}))
    near = await make_account(db, settings, kind="buyer", region_code="370811")
    await _publish(  # a press in Shandong: same group, nothing in common with a machining centre
        client, near, "demands",
        demand_body(title="采购伺服油压机2台", category="油压机", region_code="370811", specs={}, replaces=None,
                    description="用于钣金件拉伸成形，公称压力315吨"),
    )  # fmt: skip
    leads = await client.get(f"/api/v1/listings/{listing}/leads", headers=supplier.headers)
    assert leads.status_code == 200, leads.text
    answer = leads.json()
    assert answer["items"] == []
    assert answer["outside_regions"] == 2
    assert "2 个匹配需求在您的服务区域之外" in answer["note"]
    other = await make_account(db, settings, kind="supplier")
    assert (await client.get(f"/api/v1/listings/{listing}/leads", headers=other.headers)).status_code == 404
