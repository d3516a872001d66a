"""Policies over HTTP: estimates for any logged-in user, a demand's support for its buyer and
bureaus in scope, browsing rules by region, 政策找企 with near misses, enterprise attributes (the
admin edits, a bureau in scope verifies, others are refused), and support / net cost on matches."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from service.config import Settings
from tests.factories import demand_body, listing_body, make_account
from tests.service.api.campaign_helpers import accounts, offer_body, open_campaign, published_listing
from tests.service.api.test_ledger import post_ledger, sample_ledger

JIAXING_PROJECT: dict[str, Any] = {
    "region_code": "330481",
    "enterprise": {"attributes": ["省级未来工厂", "火星认证"]},
    "project": {"types": ["节能改造"], "equipment_investment_yuan": "2000000"},
}


async def _publish_demand(client: httpx.AsyncClient, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    created: dict[str, Any] = (await client.post("/api/v1/demands", json=demand_body(**body), headers=headers)).json()
    published = await client.post(f"/api/v1/demands/{created['id']}/publish", headers=headers)
    assert published.status_code == 200, published.text
    return created


async def test_estimate_for_any_logged_in_user_reports_unknown_words(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="370800")
    got = await client.post("/api/v1/policies/estimate", json=JIAXING_PROJECT, headers=supplier.headers)
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["totals"]["cash_yuan"] == {"min": "2160000.00", "max": "2240000.00"}
    assert {r["id"] for r in body["rules"]} == {"jx-energy-water-8-12", "jx-future-factory"}
    assert all(r["draft"] and r["quote"] and r["clause"] for r in body["rules"])
    assert body["drafts"][0]["document"] == "jiaxing-manufacturing-equipment-renewal-draft.txt"
    assert body["unknown_words"] == [{"field": "enterprise.attributes", "value": "火星认证"}]
    assert any(r["id"] == "jx-energy-base" for r in body["readings"])


async def test_estimate_refuses_anonymous_and_bad_regions(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    assert (await client.post("/api/v1/policies/estimate", json=JIAXING_PROJECT)).status_code == 401
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    bad = await client.post("/api/v1/policies/estimate", json={**JIAXING_PROJECT, "region_code": "嘉兴"},
                            headers=buyer.headers)  # fmt: skip
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    assert any(e["field"].endswith("region_code") for e in bad.json()["errors"])
    beijing = await client.post("/api/v1/policies/estimate", json={**JIAXING_PROJECT, "region_code": "110105"},
                                headers=buyer.headers)  # fmt: skip
    assert beijing.json()["rules"] == [] and beijing.json()["totals"]["cash_yuan"]["max"] == "0.00"


async def test_demand_policies_for_its_buyer_and_bureaus_in_scope_only(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    demand = await _publish_demand(client, buyer.headers, budget_max="2500000", quantity=5, motivations=["green"])
    url = f"/api/v1/demands/{demand['id']}/policies"
    mine = await client.get(url, headers=buyer.headers)
    assert mine.status_code == 200, mine.text
    assert mine.json()["totals"]["cash_yuan"] == {"min": "200000.00", "max": "300000.00"}  # 8%-12% of 250万
    assert any(r["id"] == "demand-as-project" for r in mine.json()["readings"])
    jiaxing = await make_account(db, settings, kind="bureau", region_code="330400")
    assert (await client.get(url, headers=jiaxing.headers)).status_code == 200
    for outsider in (
        await make_account(db, settings, kind="bureau", region_code="370800"),
        await make_account(db, settings, kind="buyer", region_code="330481"),
        await make_account(db, settings, kind="supplier", region_code="330481"),
    ):
        assert (await client.get(url, headers=outsider.headers)).status_code == 404


async def test_browse_rules_by_region_with_citations(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="370871")
    zone = (await client.get("/api/v1/policies?region=370871", headers=buyer.headers)).json()
    docs = {r["document"] for r in zone["items"]}
    assert docs == {"jining-city-industrial-equipment-renewal.txt", "jining-hitech-zone-renewal-and-tradein.txt"}
    city = (await client.get("/api/v1/policies?region=370811&kind=tracking_threshold", headers=buyer.headers)).json()
    assert {r["id"] for r in city["items"]} == {"jn-tracking-city", "jn-tracking-county", "jn-three-year-plan-5m"}
    county = next(r for r in city["items"] if r["id"] == "jn-tracking-county")
    assert county["thresholds"][0]["reading"] == "jn-5000w-boundary" and county["quote"]
    assert (await client.get("/api/v1/policies?region=110105", headers=buyer.headers)).json()["total"] == 0
    assert (await client.get("/api/v1/policies?region=abc", headers=buyer.headers)).status_code == 422
    assert (await client.get("/api/v1/policies")).status_code == 401


async def test_attributes_admin_edits_bureau_in_scope_verifies_others_refused(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    url = f"/api/v1/organizations/{buyer.organization.id}/attributes"
    put = await client.put(
        url, json={"attributes": ["省级未来工厂", "国家级绿色工厂", "规上企业"]}, headers=buyer.headers
    )
    assert put.status_code == 200, put.text
    assert {a["canonical"] for a in put.json()["items"]} == {"未来工厂:省级", "绿色工厂:国家级", "规上企业"}
    assert not any(a["verified"] for a in put.json()["items"])
    unknown = await client.put(url, json={"attributes": ["省级未来工厂", "宇宙第一"]}, headers=buyer.headers)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "attributes[1]"
    assert len((await client.get(url, headers=buyer.headers)).json()["items"]) == 3  # nothing changed

    member = await make_account(db, settings, kind="buyer", region_code="330481", roles=["member"])
    other = await make_account(db, settings, kind="buyer", region_code="330481")
    assert (await client.put(f"/api/v1/organizations/{member.organization.id}/attributes",
                             json={"attributes": ["规上企业"]}, headers=member.headers)).status_code == 403  # fmt: skip
    assert (await client.put(url, json={"attributes": []}, headers=other.headers)).status_code == 404

    attribute = next(a for a in put.json()["items"] if a["canonical"] == "未来工厂:省级")
    verify = f"{url}/{attribute['id']}/verify"
    outside = await make_account(db, settings, kind="bureau", region_code="370800")
    assert (await client.post(verify, json={"verified": True}, headers=outside.headers)).status_code in (403, 404)
    assert (await client.post(verify, json={"verified": True}, headers=buyer.headers)).status_code == 403
    jiaxing = await make_account(db, settings, kind="bureau", region_code="330400")
    done = await client.post(verify, json={"verified": True}, headers=jiaxing.headers)
    assert done.status_code == 200 and done.json()["verified"] and done.json()["verified_at"]
    again = await client.put(url, json={"attributes": ["省级未来工厂"]}, headers=buyer.headers)
    assert [a["verified"] for a in again.json()["items"]] == [True]  # unchanged attributes keep verification


async def test_rule_enterprises_with_near_misses_for_a_bureau_in_scope(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    meets = await make_account(db, settings, kind="buyer", region_code="330481", name="海宁达标节能科技")
    await _publish_demand(client, meets.headers, budget_max="2000000", quantity=2, motivations=["green"])
    near = await make_account(db, settings, kind="buyer", region_code="330424", name="海盐紧固件近似")
    await _publish_demand(client, near.headers, budget_max="1900000", quantity=2, motivations=["green"],
                          region_code="330424")  # fmt: skip
    far = await make_account(db, settings, kind="buyer", region_code="370811", name="济宁外地企业")
    await _publish_demand(client, far.headers, budget_max="9000000", quantity=2, motivations=["green"],
                          region_code="370811")  # fmt: skip
    jiaxing = await make_account(db, settings, kind="bureau", region_code="330400")
    got = await client.get("/api/v1/policies/jx-energy-water-8-12/enterprises", headers=jiaxing.headers)
    assert got.status_code == 200, got.text
    items = {i["name"][:-4]: i for i in got.json()["items"]}
    assert items["海宁达标节能科技"]["meets"] is True
    assert items["海盐紧固件近似"]["meets"] is False
    assert items["海盐紧固件近似"]["gaps"] == ["设备投资额差 10万元达到 200万元门槛（不低于）"]
    assert "济宁外地企业" not in items

    haining = await make_account(db, settings, kind="bureau", region_code="330481")
    scoped = (await client.get("/api/v1/policies/jx-energy-water-8-12/enterprises", headers=haining.headers)).json()
    assert {i["name"][:-4] for i in scoped["items"]} == {"海宁达标节能科技"}
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    assert (await client.get("/api/v1/policies/jx-energy-water-8-12/enterprises", headers=jining.headers)).json()[
        "items"
    ] == []
    assert (
        await client.get("/api/v1/policies/jx-energy-water-8-12/enterprises", headers=meets.headers)
    ).status_code == 403
    assert (await client.get("/api/v1/policies/no-such-rule/enterprises", headers=jiaxing.headers)).status_code == 404


async def test_attribute_rule_reaches_registered_enterprises_only_at_the_right_level(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    provincial = await make_account(db, settings, kind="buyer", region_code="350503", name="泉州省级研发院")
    city = await make_account(db, settings, kind="buyer", region_code="350503", name="泉州市级研发院")
    for acc, word in ((provincial, "省级新型研发机构"), (city, "市级新型研发机构")):
        r = await client.put(f"/api/v1/organizations/{acc.organization.id}/attributes", json={"attributes": [word]},
                             headers=acc.headers)  # fmt: skip
        assert r.status_code == 200
    bureau = await make_account(db, settings, kind="bureau", region_code="350500")
    got = (await client.get("/api/v1/policies/jx-green-factory-city/enterprises", headers=bureau.headers)).json()
    assert got["items"] == []  # a Jiaxing rule reaches nobody in Quanzhou
    award = await client.get("/api/v1/policies/qz-provincial-rd-institute/enterprises", headers=bureau.headers)
    names = {i["name"][:-4] for i in award.json()["items"]}
    assert "泉州市级研发院" not in names


async def test_matches_carry_support_and_net_cost(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    supplier = await make_account(db, settings, kind="supplier", region_code="330424")
    listing = (
        await client.post("/api/v1/listings", json=listing_body(service_regions=["330000"]), headers=supplier.headers)
    ).json()
    await client.post(f"/api/v1/listings/{listing['id']}/publish", headers=supplier.headers)
    demand = await _publish_demand(
        client, buyer.headers, title="求购立式加工中心6台", category="加工中心", quantity=6, budget_max="3000000",
        motivations=["green"], description="节能改造，采购立式加工中心6台，主轴转速不低于10000rpm。",
        specs={"spindle_rpm": 10000},
    )  # fmt: skip
    got = await client.get(f"/api/v1/demands/{demand['id']}/matches", headers=buyer.headers)
    assert got.status_code == 200, got.text
    [item] = [i for i in got.json()["items"] if i["listing"]["id"] == listing["id"]]
    # 6 × 38–45 万元 = 228–270 万元 ≥ 200 万元: 8%–12% (嘉兴); cash range and net cost follow the price range
    assert item["support"]["cash_yuan"] == {"min": "182400.00", "max": "324000.00"}
    assert "jx-energy-water-8-12" in item["support"]["rule_ids"]
    assert Decimal(item["net_cost"]["min"]) == Decimal(2280000) - Decimal("273600.00")
    assert Decimal(item["net_cost"]["max"]) == Decimal(2700000) - Decimal("216000.00")


async def test_settlement_lines_carry_support_for_buyers_the_viewer_sees(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    bureau, supplier, (buyer,) = await accounts(db, settings, buyers=1)
    put = await client.put(f"/api/v1/organizations/{buyer.organization.id}/attributes",
                           json={"attributes": ["省级数字化车间"]}, headers=buyer.headers)  # fmt: skip
    assert put.status_code == 200
    cid = (await open_campaign(client, bureau))["id"]
    listing = await published_listing(client, supplier)
    offer = await client.post(f"/api/v1/campaigns/{cid}/offers", json=offer_body(listing, "90000", [(10, "72000")]),
                              headers=supplier.headers)  # fmt: skip
    assert offer.status_code == 201, offer.text
    assert (
        await client.post(f"/api/v1/campaigns/{cid}/pledges", json={"quantity": 10}, headers=buyer.headers)
    ).status_code == 201
    closed = await client.post(f"/api/v1/campaigns/{cid}/close", headers=bureau.headers)
    assert closed.status_code == 200, closed.text
    [line] = closed.json()["lines"]
    assert line["support"]["cash_yuan"] == {"min": "300000.00", "max": "300000.00"}  # 省级数字化车间 30万元
    assert line["support"]["drafts"] == ["jiaxing-manufacturing-equipment-renewal-draft.txt"]
    assert line["net_cost"] == {"min": "420000.00", "max": "420000.00"}  # 72,000 × 10 − 300,000
    other = await make_account(db, settings, kind="supplier", region_code="330481")
    hidden = (await client.get(f"/api/v1/campaigns/{cid}/settlement", headers=other.headers)).json()
    assert all(x["support"] is None for x in hidden["lines"])  # no buyer shown, nothing about it either


async def test_ledger_drafts_cite_the_support_they_may_get(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="370811", name="济宁任城机械厂")
    response = await post_ledger(client, buyer, sample_ledger())
    assert response.status_code == 200, response.text
    items = {i["row"]: i for i in response.json()["items"]}
    lathe = items[2]
    assert lathe["support"] is not None and lathe["support"]["unquantified_upside"] is True
    cited = {c["rule_id"] for c in lathe["policy_citations"]}
    assert "jn-fiscal-funds" in cited and all(c["quote"] for c in lathe["policy_citations"])
    assert not any(c["document"].startswith("jiaxing") for c in lathe["policy_citations"])
