"""Search over HTTP: Chinese-aware matching, filters, facets, permissions, hostile input."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.listings.models import Listing
from catalog.search.indexing import index_listings
from service.config import Settings
from tests.factories import Account, demand_body, listing_body, make_account, make_admin

SEARCH = "/api/v1/search/listings"


async def publish_listing(client: httpx.AsyncClient, supplier: Account, **overrides: Any) -> dict[str, Any]:
    created = await client.post("/api/v1/listings", json=listing_body(**overrides), headers=supplier.headers)
    assert created.status_code == 201, created.text
    listing_id = created.json()["id"]
    published = await client.post(f"/api/v1/listings/{listing_id}/publish", headers=supplier.headers)
    assert published.status_code == 200, published.text
    body: dict[str, Any] = published.json()
    return body


async def publish_demand(client: httpx.AsyncClient, buyer: Account, **overrides: Any) -> dict[str, Any]:
    created = await client.post("/api/v1/demands", json=demand_body(**overrides), headers=buyer.headers)
    assert created.status_code == 201, created.text
    published = await client.post(f"/api/v1/demands/{created.json()['id']}/publish", headers=buyer.headers)
    assert published.status_code == 200, published.text
    body: dict[str, Any] = published.json()
    return body


@pytest.fixture
async def market(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> dict[str, Any]:
    # named exactly: a random suffix such as 9a1d would put the word "1" in every listing of the market
    supplier = await make_account(db, settings, kind="supplier", region_code="370811", suffix=False)
    vmc = await publish_listing(client, supplier)
    weld = await publish_listing(
        client, supplier, title="大族激光 HW-3000 手持激光焊接机 功率3000W", category="激光焊接机", brand="大族激光",
        model="HW-3000", description="光纤激光焊接，焊缝美观，适合不锈钢薄板焊接。", energy_grade=None,
        tags=["国产替代"], service_regions=["000000"], specs={},
    )  # fmt: skip
    cut = await publish_listing(
        client, supplier, title="宏山激光 G3015 光纤激光切割机 12000W", category="激光切割机", brand="宏山激光",
        model="G3015", description="碳钢切割厚度40mm，配交换工作台。", energy_grade=None, tags=["智能制造"],
        service_regions=["330000"], price_min="1200000", price_max="1500000", specs={},
    )  # fmt: skip
    coater = await publish_listing(
        client, supplier, title="先导智能 挤压式涂布机 双面", category="涂布机", brand="先导智能", model="XD-TB80",
        description="锂电池正负极极片双面挤压涂布，面密度一致性±1%。", energy_grade=1, tags=["能效一级"],
        service_regions=["370000"], price_min="3000000", price_max="3600000", specs={},
    )  # fmt: skip
    draft = await client.post(
        "/api/v1/listings", json=listing_body(title="草稿 立式加工中心 VMC1160"), headers=supplier.headers
    )
    return {"supplier": supplier, "vmc": vmc, "weld": weld, "cut": cut, "coater": coater, "draft": draft.json()}


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def test_item_shape_is_the_contract(client: httpx.AsyncClient, market: dict[str, Any]) -> None:
    response = await client.get(SEARCH, params={"q": "VMC850"})
    body = response.json()
    assert body["total"] == 1 and body["facets"] == {}
    item = body["items"][0]
    assert set(item) == {
        "id", "title", "category", "brand", "model", "price_min", "price_max", "energy_grade", "tags",
        "supplier", "recommended", "score",
    }  # fmt: skip
    assert item["category"] == {"code": "0101", "name": "加工中心"}
    assert item["supplier"]["id"] == str(market["supplier"].organization.id)
    assert item["price_min"] == "380000.00" and item["score"] > 0


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("加工中心", "vmc"),
        ("立式加工中心", "vmc"),
        ("CNC加工中心", "vmc"),
        ("ｖｍｃ８５０", "vmc"),  # full-width
        ("vmc", "vmc"),  # a model-number prefix
        ("焊机", "weld"),
        ("激光焊接", "weld"),
        ("激光切割", "cut"),
        ("电池极片涂布", "coater"),
        ("涂布", "coater"),
        ("加攻中心", "vmc"),  # misspelt: trigram fallback
    ],
)
async def test_chinese_equipment_language(
    client: httpx.AsyncClient, market: dict[str, Any], q: str, expected: str
) -> None:
    found = ids(await client.get(SEARCH, params={"q": q}))
    assert found and found[0] == market[expected]["id"], (q, found)


async def test_a_group_alias_finds_the_whole_group(client: httpx.AsyncClient, market: dict[str, Any]) -> None:
    # 机床 names the group 工业母机: the 加工中心 and the 激光切割机, not the welder or the coater
    assert set(ids(await client.get(SEARCH, params={"q": "机床"}))) == {market["vmc"]["id"], market["cut"]["id"]}
    assert set(ids(await client.get(SEARCH, params={"q": "数控机床"}))) == {market["vmc"]["id"], market["cut"]["id"]}


async def test_laser_cutting_does_not_drown_in_laser_welding(client: httpx.AsyncClient, market: dict[str, Any]) -> None:
    found = ids(await client.get(SEARCH, params={"q": "激光切割"}))
    assert found[0] == market["cut"]["id"]
    assert market["weld"]["id"] not in found[:1]


async def test_filters(client: httpx.AsyncClient, market: dict[str, Any]) -> None:
    # category by code, name or alias; a group includes its leaves
    assert set(ids(await client.get(SEARCH, params={"category": "工业母机"}))) == {
        market["vmc"]["id"],
        market["cut"]["id"],
    }
    assert ids(await client.get(SEARCH, params={"category": "0301"})) == [market["coater"]["id"]]
    # region: listings serving 370811 (their regions hold it, an ancestor, or 000000)
    serving = set(ids(await client.get(SEARCH, params={"region": "370811"})))
    assert serving == {market["vmc"]["id"], market["weld"]["id"], market["coater"]["id"]}
    # tags all-of
    assert ids(await client.get(SEARCH, params=[("tags", "能效二级"), ("tags", "好品山东")])) == [market["vmc"]["id"]]
    assert ids(await client.get(SEARCH, params=[("tags", "能效二级"), ("tags", "国产替代")])) == []
    assert ids(await client.get(SEARCH, params={"tags": "能效二级，好品山东"})) == [market["vmc"]["id"]]  # a comma list
    # empty filter values are no filter
    assert len(ids(await client.get(SEARCH, params={"region": "", "tags": ""}))) == len(ids(await client.get(SEARCH)))
    # energy grade: a known grade at or below
    assert set(ids(await client.get(SEARCH, params={"energy_grade_max": 2}))) == {
        market["vmc"]["id"],
        market["coater"]["id"],
    }
    assert ids(await client.get(SEARCH, params={"energy_grade_max": 1})) == [market["coater"]["id"]]
    # price: the cheapest configuration is affordable
    assert set(ids(await client.get(SEARCH, params={"price_max": "1200000"}))) == {
        market["vmc"]["id"],
        market["weld"]["id"],
        market["cut"]["id"],
    }
    assert ids(await client.get(SEARCH, params={"recommended": "true"})) == []


async def test_facets_are_counted_over_the_filtered_set(client: httpx.AsyncClient, market: dict[str, Any]) -> None:
    response = await client.get(SEARCH, params={"q": "激光", "facets": "category,tags,energy_grade,region"})
    body = response.json()
    assert body["total"] == 2
    assert body["facets"]["category"] == {"0104": 1, "0203": 1}
    assert body["facets"]["tags"] == {"国产替代": 1, "智能制造": 1}
    assert body["facets"]["energy_grade"] == {}
    assert body["facets"]["region"] == {"000000": 1, "330000": 1}
    only = (await client.get(SEARCH, params={"facets": "tags"})).json()
    assert set(only["facets"]) == {"tags"}


async def test_empty_query_lists_by_recency_recommended_first(
    client: httpx.AsyncClient, db: AsyncSession, market: dict[str, Any]
) -> None:
    listing = await db.get(Listing, market["vmc"]["id"])
    assert listing is not None
    listing.recommended = True  # as a bureau's approval does, through saved() → index_listings
    await index_listings(db, [listing])
    found = ids(await client.get(SEARCH))
    assert found[0] == market["vmc"]["id"]
    assert found[1:] == [market["coater"]["id"], market["cut"]["id"], market["weld"]["id"]]


async def test_pagination_and_stable_order(client: httpx.AsyncClient, market: dict[str, Any]) -> None:
    everything = ids(await client.get(SEARCH, params={"q": "激光", "limit": 100}))
    first = ids(await client.get(SEARCH, params={"q": "激光", "limit": 1}))
    second = ids(await client.get(SEARCH, params={"q": "激光", "limit": 1, "offset": 1}))
    assert first + second == everything
    assert (await client.get(SEARCH, params={"q": "激光", "offset": 50})).json() == {
        "items": [],
        "total": 2,
        "total_exact": True,
        "facets": {},
        "facet_names": {},
    }


async def test_drafts_and_archived_never_appear(
    client: httpx.AsyncClient, db: AsyncSession, market: dict[str, Any]
) -> None:
    assert market["draft"]["id"] not in ids(await client.get(SEARCH, params={"q": "草稿 VMC1160"}))
    assert ids(await client.get(SEARCH, params={"q": "VMC1160"})) == []
    listing = await db.get(Listing, market["cut"]["id"])
    assert listing is not None
    listing.status = "archived"
    await index_listings(db, [listing])
    assert market["cut"]["id"] not in ids(await client.get(SEARCH, params={"q": "激光切割"}))


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 100000}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"energy_grade_max": 9}, "energy_grade_max"),
        ({"price_max": "-5"}, "price_max"),
        ({"price_max": "abc"}, "price_max"),
        ({"region": "37'; DROP TABLE listings;--"}, "region"),
        ({"region": "99999"}, "region"),
        ({"region": "999999"}, "region"),
        ({"category": "永动机"}, "category"),
        ({"category": "加工\x00中心"}, "category"),
        ({"tags": "不存在的标签"}, "tags"),
        ({"facets": "category,price"}, "facets"),
        ({"recommended": "maybe"}, "recommended"),
    ],
)
async def test_malformed_input_is_422_naming_the_field(
    client: httpx.AsyncClient, market: dict[str, Any], params: dict[str, Any], field: str
) -> None:
    response = await client.get(SEARCH, params=params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in [e["field"].split(".")[-1] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    "q",
    [
        "加工中心😀🔧",
        "𠀀𠀁 加工中心",
        "加工中心 " + "x" * 9995,  # 10,000 characters: cut to the first 200
        "加工中心" * 1500,  # 6,000 Chinese characters (54 kB in the URL)
        "' OR 1=1 --",
        "加工中心' OR '1'='1",
        '"加工中心" AND status = "draft"',
        "\\ % _ : & | ! ( ) <-> :* '",
        "加工中心 OR 激光 AND NOT",
        "status = draft OR recommended = true",
        "😀",
        "   ",
        "%",
        "_",
    ],
)
async def test_hostile_queries_never_500_never_change_meaning(
    client: httpx.AsyncClient, market: dict[str, Any], q: str
) -> None:
    response = await client.get(SEARCH, params={"q": q, "facets": "category"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert market["draft"]["id"] not in [i["id"] for i in body["items"]]
    assert body["total"] <= 4
    if "加工中心" in q:
        assert market["vmc"]["id"] in [i["id"] for i in body["items"]]


async def test_a_nul_in_the_query_is_a_422_naming_q(client: httpx.AsyncClient, market: dict[str, Any]) -> None:
    """NUL cannot be stored anywhere, so the one input gate refuses it everywhere, search included."""
    response = await client.get(SEARCH, params={"q": "加工\x00中心", "facets": "category"})
    assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["q"]


async def test_metacharacters_are_text_not_operators(client: httpx.AsyncClient, market: dict[str, Any]) -> None:
    assert ids(await client.get(SEARCH, params={"q": "%"})) == []
    # OR is the word "or", not an operator: it cannot widen the search to everything, and the
    # quotes, = and -- around it change nothing
    injected = ids(await client.get(SEARCH, params={"q": "' OR 1=1 --"}))
    assert len(injected) < 4
    assert injected == ids(await client.get(SEARCH, params={"q": "OR 1 1"}))
    plain = ids(await client.get(SEARCH, params={"q": "涂布机 激光"}))
    for dressed in ("涂布机 | 激光", "涂布机 & 激光", "!涂布机 激光:*", "(涂布机) <-> 激光"):
        assert ids(await client.get(SEARCH, params={"q": dressed})) == plain, dressed


# ---------------------------------------------------------------------------------------------
# demand search: suppliers (anonymised), bureaus (their scope), the admin; buyers 403
# ---------------------------------------------------------------------------------------------

DEMANDS = "/api/v1/search/demands"


@pytest.fixture
async def demands(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> dict[str, Any]:
    jiaxing = await make_account(db, settings, kind="buyer", region_code="330481", name="海宁经编织造有限公司")
    jining = await make_account(db, settings, kind="buyer", region_code="370811", name="济宁鲁安化工有限公司")
    lathe = await publish_demand(client, jiaxing)
    boiler = await publish_demand(
        client, jining, title="燃煤锅炉改燃气锅炉 2台", category="工业锅炉", description="现有燃煤锅炉能效低，更换为燃气冷凝锅炉。",
        region_code="370811", motivations=["green"], specs={}, replaces=None, budget_max="800000",
    )  # fmt: skip
    draft = await client.post("/api/v1/demands", json=demand_body(title="草稿需求 数控车床"), headers=jiaxing.headers)
    return {"jiaxing": jiaxing, "jining": jining, "lathe": lathe, "boiler": boiler, "draft": draft.json()}


async def test_supplier_sees_demands_anonymised(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, demands: dict[str, Any]
) -> None:
    supplier = await make_account(db, settings, kind="supplier")
    response = await client.get(
        DEMANDS, params={"q": "数控车床", "facets": "region,motivations"}, headers=supplier.headers
    )
    body = response.json()
    assert [i["id"] for i in body["items"]] == [demands["lathe"]["id"]]
    item = body["items"][0]
    assert item["buyer"] is None and item["region_code"] == "330400"  # city level
    assert "海宁经编" not in response.text
    assert body["facets"] == {"region": {"330400": 1}, "motivations": {"high_end": 1, "smart": 1}}
    assert demands["draft"]["id"] not in response.text


async def test_demand_filters(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, demands: dict[str, Any]
) -> None:
    supplier = await make_account(db, settings, kind="supplier")
    h = supplier.headers
    assert ids(await client.get(DEMANDS, params={"category": "锅炉"}, headers=h)) == [demands["boiler"]["id"]]
    assert ids(await client.get(DEMANDS, params={"region": "330000"}, headers=h)) == [demands["lathe"]["id"]]
    assert ids(await client.get(DEMANDS, params={"motivations": "green"}, headers=h)) == [demands["boiler"]["id"]]
    assert ids(await client.get(DEMANDS, params={"budget_min": "1000000"}, headers=h)) == [demands["lathe"]["id"]]
    bad = await client.get(DEMANDS, params={"motivations": "cheap"}, headers=h)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "motivations"


async def test_a_county_filter_reveals_nothing_about_an_anonymised_demand(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, demands: dict[str, Any]
) -> None:
    """The lathe demand is in 海宁市 (330481); a supplier sees it in 嘉兴市 (330400). Filtering by any
    county of 嘉兴 must give exactly what filtering by 嘉兴 gives — else the filter tells the county."""
    supplier = await make_account(db, settings, kind="supplier")
    h = supplier.headers
    lathe = [demands["lathe"]["id"]]
    city = await client.get(DEMANDS, params={"region": "330400", "facets": "region"}, headers=h)
    assert ids(city) == lathe
    for county in ("330481", "330402", "330424", "330471"):  # its own county, three others of the city
        response = await client.get(DEMANDS, params={"region": county, "facets": "region"}, headers=h)
        assert ids(response) == lathe, county
        assert response.json()["total"] == 1 and response.json()["facets"] == {"region": {"330400": 1}}
    # bureaus see exact regions, so their county filter stays exact
    bureau = await make_account(db, settings, kind="bureau", region_code="330400")
    assert ids(await client.get(DEMANDS, params={"region": "330481"}, headers=bureau.headers)) == lathe
    assert ids(await client.get(DEMANDS, params={"region": "330402"}, headers=bureau.headers)) == []


async def test_bureau_sees_only_its_scope_with_buyers(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, demands: dict[str, Any]
) -> None:
    bureau = await make_account(db, settings, kind="bureau", region_code="370800")
    response = await client.get(DEMANDS, headers=bureau.headers)
    assert ids(response) == [demands["boiler"]["id"]]
    assert response.json()["items"][0]["buyer"]["id"] == str(demands["jining"].organization.id)
    # asking for a region outside its scope finds nothing, not the other province's demands
    assert ids(await client.get(DEMANDS, params={"region": "330000"}, headers=bureau.headers)) == []
    admin = await make_admin(db, settings)
    assert len(ids(await client.get(DEMANDS, headers=admin.headers))) == 2


async def test_buyers_get_403_and_anonymous_401(client: httpx.AsyncClient, demands: dict[str, Any]) -> None:
    forbidden = await client.get(DEMANDS, headers=demands["jiaxing"].headers)
    assert forbidden.status_code == 403
    assert forbidden.headers["content-type"].startswith("application/problem+json")
    assert (await client.get(DEMANDS)).status_code == 401


async def test_listing_search_needs_no_login_but_accepts_one(client: httpx.AsyncClient, market: dict[str, Any]) -> None:
    assert ids(await client.get(SEARCH, params={"q": "涂布机"}, headers=market["supplier"].headers)) == [
        market["coater"]["id"]
    ]
