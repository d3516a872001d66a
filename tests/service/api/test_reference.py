"""Reference data over HTTP: taxonomy tree, regions, tags, health."""

from __future__ import annotations

import httpx


async def test_health_and_readiness(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["database"] is True


async def test_categories_tree_holds_policy_leaves_with_aliases(client: httpx.AsyncClient) -> None:
    tree = (await client.get("/api/v1/categories")).json()
    leaves = {leaf["name"]: leaf for group in tree for leaf in group["children"]}
    assert {"工业母机", "新能源电池与光伏", "化工与生物发酵"} <= {g["name"] for g in tree}
    assert "立式加工中心" in leaves["加工中心"]["aliases"]
    assert "液压机" in leaves["油压机"]["aliases"]
    keys = {s["key"]: s for s in leaves["加工中心"]["spec_schema"]}
    assert keys["spindle_rpm"]["better"] == "higher" and keys["positioning_accuracy_mm"]["better"] == "lower"
    assert {"code", "name", "aliases", "children"} <= set(tree[0])


async def test_regions_by_parent(client: httpx.AsyncClient) -> None:
    jining = (await client.get("/api/v1/regions", params={"parent": "370800"})).json()
    by_code = {r["code"]: r for r in jining}
    assert by_code["370871"]["name"] == "济宁高新区"
    assert by_code["370811"]["name"] == "任城区"
    assert all(r["parent_code"] == "370800" for r in jining)
    jiaxing = {r["name"] for r in (await client.get("/api/v1/regions", params={"parent": "330400"})).json()}
    assert {"南湖区", "秀洲区", "嘉善县", "海盐县", "海宁市", "平湖市", "桐乡市"} <= jiaxing
    everything = {r["code"] for r in (await client.get("/api/v1/regions")).json()}
    assert {"000000", "350500", "510100"} <= everything
    assert {r["code"] for r in (await client.get("/api/v1/regions?parent=")).json()} == everything
    provinces = (await client.get("/api/v1/regions", params={"parent": "000000"})).json()
    assert {"370000", "330000", "350000", "510000"} <= {r["code"] for r in provinces}


async def test_regions_by_name_and_code(client: httpx.AsyncClient) -> None:
    haining = (await client.get("/api/v1/regions", params={"q": "海宁"})).json()
    assert [(r["code"], r["name"], r["parent_code"], r["level"]) for r in haining] == [
        ("330481", "海宁市", "330400", "county")
    ]
    suzhou = {r["code"] for r in (await client.get("/api/v1/regions", params={"q": "苏州"})).json()}
    assert "320500" in suzhou
    by_prefix = (await client.get("/api/v1/regions", params={"q": "3304"})).json()
    assert {r["code"] for r in by_prefix} >= {"330400", "330481", "330471"}
    assert all(r["code"].startswith("3304") for r in by_prefix)
    one = (await client.get("/api/v1/regions", params={"code": "370871"})).json()
    assert one == [{"code": "370871", "name": "济宁高新区", "parent_code": "370800", "level": "zone"}]
    within = (await client.get("/api/v1/regions", params={"q": "区", "parent": "330400"})).json()
    assert {r["name"] for r in within} >= {"南湖区", "秀洲区", "嘉兴港区"}
    assert (await client.get("/api/v1/regions", params={"q": "%"})).json() == []
    assert (await client.get("/api/v1/regions", params={"q": "不存在的地方"})).json() == []
    assert (await client.get("/api/v1/regions", params={"q": "海\x00宁"})).status_code == 422


async def test_regions_rejects_malformed_parent(client: httpx.AsyncClient) -> None:
    bad = await client.get("/api/v1/regions", params={"parent": "37'--"})
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert bad.json()["errors"][0]["field"] == "parent"


async def test_tag_vocabulary(client: httpx.AsyncClient) -> None:
    tags = {t["name"]: t["meaning"] for t in (await client.get("/api/v1/tags")).json()}
    assert {
        "首台套",
        "能效一级",
        "能效二级",
        "节能降碳推广目录",
        "先进安全应急装备目录",
        "专精特新",
        "好品山东",
        "浙江制造",
        "国产替代",
        "智能制造",
    } <= set(tags)
    assert all(tags.values())
