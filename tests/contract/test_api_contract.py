"""The fixed contract of ../shared/API.md as an outside client meets it: only HTTP calls, exactly the
documented names, starting from nothing but a platform admin."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.organizations.uscc import generate_uscc
from service.config import Settings
from tests.factories import make_admin

rng = random.Random(20241)


async def register(
    client: httpx.AsyncClient, admin: dict[str, str], *, kind: str, region: str, name: str
) -> dict[str, str]:
    email = f"{kind}-{rng.randrange(10**9)}@contract.example.com"
    body = {
        "name": name,
        "uscc": generate_uscc(region, rng, authority="1" if kind == "bureau" else "9"),
        "kind": kind,
        "region_code": region,
        "admin_user": {"email": email, "password": "Contract@2024", "display_name": "联系人"},
    }
    created = await client.post("/api/v1/organizations", json=body, headers=admin)
    assert created.status_code == 201, created.text
    assert created.json()["id"]
    token = await client.post("/api/v1/auth/token", data={"username": email, "password": "Contract@2024"})
    assert token.status_code == 200
    assert set(token.json()) >= {"access_token", "token_type", "expires_in"} and token.json()["token_type"] == "bearer"
    return {"Authorization": f"Bearer {token.json()['access_token']}"}


def leaf_named(tree: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(leaf for group in tree for leaf in group["children"] if leaf["name"] == name)


async def test_the_contract_end_to_end(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    admin = (await make_admin(db, settings)).headers
    bureau = await register(client, admin, kind="bureau", region="330400", name="嘉兴市经济和信息化局（契约测试）")
    supplier = await register(client, admin, kind="supplier", region="330481", name="海宁市飞针袜机制造有限公司")
    rival = await register(client, admin, kind="supplier", region="370800", name="济宁鲁针纺机有限公司")
    buyers = [
        await register(client, admin, kind="buyer", region="330481", name=f"海宁市第{i}袜业有限公司")
        for i in range(1, 4)
    ]

    me = (await client.get("/api/v1/me", headers=supplier)).json()
    assert me["organization"]["kind"] == "supplier" and me["roles"]
    tree = (await client.get("/api/v1/categories")).json()
    assert {"code", "name", "aliases", "children"} <= set(tree[0])
    sock_machine = leaf_named(tree, "袜机")
    regions = (await client.get("/api/v1/regions", params={"parent": "330400"})).json()
    assert {"code", "name", "parent_code"} <= set(regions[0]) and "330481" in {r["code"] for r in regions}

    # Supply list: create by alias, list own, optimistic concurrency, publish, review.
    listing_body = {
        "title": "飞针 FZ-6F 电脑袜机 单针筒 六色",
        "category": "电脑袜机",
        "brand": "飞针",
        "model": "FZ-6F",
        "description": "单针筒六色提花电脑袜机，转速 320 转/分，支持远程运维与产量统计。",
        "price_min": "86000",
        "price_max": 92000,
        "lead_time_days": 20,
        "energy_grade": 2,
        "tags": ["浙江制造", "能效二级"],
        "service_regions": ["330400"],
        "specs": {"颜色数": 6},
        "external_id": "FZ-6F",
    }
    created = await client.post("/api/v1/listings", json=listing_body, headers=supplier)
    assert created.status_code == 201, created.text
    listing = created.json()
    assert listing["status"] == "draft" and listing["category"] == {"code": sock_machine["code"], "name": "袜机"}
    own = (await client.get("/api/v1/listings", headers=supplier)).json()
    assert own["total"] == 1 and {"id", "external_id"} <= set(own["items"][0])
    stale = await client.patch(
        f"/api/v1/listings/{listing['id']}", json={"price_min": "85000"}, headers={**supplier, "If-Match": 'W/"999"'}
    )
    assert stale.status_code == 412 and stale.headers["content-type"].startswith("application/problem+json")
    published = (await client.post(f"/api/v1/listings/{listing['id']}/publish", headers=supplier)).json()
    assert published["status"] == "published"
    reviewed = await client.post(
        f"/api/v1/listings/{listing['id']}/review",
        json={"decision": "approve", "note": "符合推荐目录条件"},
        headers=bureau,
    )
    assert reviewed.status_code == 200 and reviewed.json()["recommended"] is True
    assert (await client.post(f"/api/v1/listings/{listing['id']}/publish", headers=rival)).status_code in (403, 404)

    # Import with the contract's header row.
    header = "external_id,title,category,brand,model,description,price_min,price_max,lead_time_days,energy_grade,tags,service_regions,specs"
    row = 'FZ-4F,飞针 FZ-4F 电脑袜机,袜机,飞针,FZ-4F,四色电脑袜机,62000,68000,15,2,浙江制造;能效二级,330400;370800,"{""颜色数"": 4}"'
    imported = await client.post(
        "/api/v1/listings/import",
        params={"publish": "true"},
        files={"file": ("袜机.csv", f"{header}\n{row}\n".encode(), "text/csv")},
        headers=supplier,
    )
    assert imported.status_code == 200, imported.text
    assert {k: imported.json()[k] for k in ("created", "updated", "failed", "errors")} == {
        "created": 1, "updated": 0, "failed": 0, "errors": [],
    }  # fmt: skip

    # Demand list: no category (inferred later), own list, publish.
    demand = await client.post(
        "/api/v1/demands",
        json={
            "title": "更换老旧单针筒袜机 20 台",
            "description": "现有袜机服役12年，能耗高、故障多，计划更换为电脑袜机，提升花型能力。",
            "quantity": 20,
            "budget_max": "1800000",
            "region_code": "330481",
            "needed_by": "2027-03-31",
            "motivations": ["smart", "green"],
            "replaces": {"description": "老式机械袜机", "age_years": 12, "count": 20, "energy_grade": None},
            "specs": {},
        },
        headers=buyers[0],
    )
    assert demand.status_code == 201, demand.text
    demand_id = demand.json()["id"]
    assert (await client.post(f"/api/v1/demands/{demand_id}/publish", headers=buyers[0])).json()[
        "status"
    ] == "published"
    assert (await client.get("/api/v1/demands", headers=buyers[0])).json()["total"] == 1

    # Group purchase: open, offer, pledge (idempotent), status, close → settlement.
    now = datetime.now(UTC)
    campaign = await client.post(
        "/api/v1/campaigns",
        json={
            "title": "海宁袜业电脑袜机团购（契约测试）",
            "category": "袜机",
            "region_codes": ["330481"],
            "offer_deadline": (now + timedelta(days=7)).isoformat(),
            "pledge_deadline": (now + timedelta(days=14)).isoformat(),
            "min_total_quantity": 10,
            "description": "需者团购+供者让利",
        },
        headers=bureau,
    )
    assert campaign.status_code == 201, campaign.text
    assert campaign.json()["status"] == "open"
    cid = campaign.json()["id"]
    offer = await client.post(
        f"/api/v1/campaigns/{cid}/offers",
        json={
            "listing_id": listing["id"],
            "unit_list_price": "90000",
            "tiers": [{"min_quantity": 10, "unit_price": "82000"}, {"min_quantity": 20, "unit_price": "76000"}],
            "max_quantity": 100,
        },
        headers=supplier,
    )
    assert offer.status_code == 201, offer.text
    quantities = [8, 7, 6]
    for buyer, quantity in zip(buyers, quantities, strict=True):
        headers = {**buyer, "Idempotency-Key": f"pledge-{quantity}"}
        first = await client.post(f"/api/v1/campaigns/{cid}/pledges", json={"quantity": quantity}, headers=headers)
        again = await client.post(f"/api/v1/campaigns/{cid}/pledges", json={"quantity": quantity}, headers=headers)
        assert first.status_code == again.status_code == 201 and first.json()["id"] == again.json()["id"]
    state = (await client.get(f"/api/v1/campaigns/{cid}", headers=bureau)).json()
    assert state["status"] == "open" and state["total_pledged"] == 21
    assert state["current_best"]["offer_id"] == offer.json()["id"]
    assert (
        Decimal(state["current_best"]["unit_price"]) == Decimal("76000")
        and state["current_best"]["tier_min_quantity"] == 20
    )
    settlement = (await client.post(f"/api/v1/campaigns/{cid}/close", headers=bureau)).json()
    assert settlement["status"] == "settled"
    assert [w["offer_id"] for w in settlement["winning_offers"]] == [offer.json()["id"]]
    assert Decimal(settlement["total_saving"]) == Decimal("14000") * 21
    assert all(Decimal(line["unit_price"]) == Decimal("76000") for line in settlement["lines"])
    assert sum(Decimal(line["saving"]) for line in settlement["lines"]) == Decimal(settlement["total_saving"])


SEARCH_ITEM = {
    "id", "title", "category", "brand", "model", "price_min", "price_max", "energy_grade", "tags", "supplier",
    "recommended", "score",
}  # fmt: skip


async def test_search_and_matching_contract(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    admin = (await make_admin(db, settings)).headers
    supplier = await register(client, admin, kind="supplier", region="370800", name="济宁鲁宁数控机床有限公司（契约）")
    buyer = await register(client, admin, kind="buyer", region="370811", name="济宁任城重工机械有限公司")
    listing = (
        await client.post(
            "/api/v1/listings",
            json={
                "title": "鲁宁 VMC1160 立式加工中心 主轴12000rpm",
                "category": "立式加工中心",
                "description": "三轴立式加工中心，发那科系统，定位精度0.006mm，适合箱体零件加工。",
                "price_min": "420000",
                "price_max": "480000",
                "energy_grade": 2,
                "tags": ["好品山东"],
                "service_regions": ["370000"],
                "specs": {"axes": 3, "spindle_rpm": 12000, "positioning_accuracy_mm": 0.006},
            },
            headers=supplier,
        )
    ).json()
    await client.post(f"/api/v1/listings/{listing['id']}/publish", headers=supplier)

    # Search works without login; items carry exactly the documented fields; facets are counts.
    found = await client.get(
        "/api/v1/search/listings",
        params={"q": "机床", "region": "370811", "facets": "category,tags", "tags": "好品山东", "price_max": "500000"},
    )
    assert found.status_code == 200, found.text
    page = found.json()
    assert {"items", "total", "facets"} <= set(page) and page["total"] >= 1
    hit = next(i for i in page["items"] if i["id"] == listing["id"])
    assert SEARCH_ITEM <= set(hit) and hit["category"]["code"] == "0101" and set(hit["supplier"]) >= {"id", "name"}
    assert page["facets"]["tags"]["好品山东"] >= 1 and sum(page["facets"]["category"].values()) == page["total"]
    assert (await client.get("/api/v1/search/listings", params={"limit": 100000})).status_code == 422

    demand = (
        await client.post(
            "/api/v1/demands",
            json={
                "title": "淘汰普通铣床，采购立式加工中心2台",
                "category": "加工中心",
                "description": "要求主轴转速不低于10000rpm，定位精度不高于0.008mm。",
                "quantity": 2,
                "budget_max": "1200000",
                "region_code": "370811",
                "motivations": ["high_end"],
                "specs": {"spindle_rpm": 10000, "positioning_accuracy_mm": 0.008},
            },
            headers=buyer,
        )
    ).json()
    await client.post(f"/api/v1/demands/{demand['id']}/publish", headers=buyer)

    # Suppliers search demands without learning who the buyer is.
    demands = (await client.get("/api/v1/search/demands", params={"q": "加工中心"}, headers=supplier)).json()
    mine = next(i for i in demands["items"] if i["id"] == demand["id"])
    assert "济宁任城重工" not in str(mine)

    matches = await client.get(f"/api/v1/demands/{demand['id']}/matches", params={"limit": 5}, headers=buyer)
    assert matches.status_code == 200, matches.text
    best = next(i for i in matches.json()["items"] if i["listing"]["id"] == listing["id"])
    assert SEARCH_ITEM <= set(best["listing"]) and 0 <= best["score"] <= 1
    assert all(0 <= v <= 1 for v in best["breakdown"].values()) and best["reasons"]
    scores = [i["score"] for i in matches.json()["items"]]
    assert scores == sorted(scores, reverse=True)

    leads = await client.get(f"/api/v1/listings/{listing['id']}/leads", params={"limit": 5}, headers=supplier)
    assert leads.status_code == 200, leads.text
    lead = next(i for i in leads.json()["items"] if i["demand"]["id"] == demand["id"])
    assert {"score", "breakdown", "reasons"} <= set(lead) and "济宁任城重工" not in str(lead)
    assert (await client.get(f"/api/v1/demands/{demand['id']}/matches", headers=supplier)).status_code in (403, 404)
