"""The reference data files (taxonomy, regions, tags) and the demo generator, without a database."""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog.organizations.uscc import is_valid_uscc
from seeds import build_regions
from seeds.demo import DEMO_PASSWORD, DemoData, credentials_table, generate

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# A copy of shared/taxonomy-minimum.csv (the policy documents' equipment), so a clone tests alone.
MINIMUM_CSV = Path(__file__).resolve().parent / "taxonomy-minimum.csv"

SPEC_TYPES = {"integer", "number", "string"}
BETTER = {"higher", "lower", "none"}
LEVELS = {"nation", "province", "city", "county", "zone"}
MOTIVATIONS = {"high_end", "smart", "green", "safety"}
PROVINCE_TAGS = {"好品山东": "37", "浙江制造": "33", "四川造": "51"}


# ---------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------


@cache
def taxonomy() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SEEDS / "taxonomy.yaml").read_text(encoding="utf-8"))
    return data


def groups() -> list[dict[str, Any]]:
    return list(taxonomy()["groups"])


def leaves() -> list[dict[str, Any]]:
    return [leaf for group in groups() for leaf in group["children"]]


def leaf_by_code() -> dict[str, dict[str, Any]]:
    return {leaf["code"]: leaf for leaf in leaves()}


def schema(code: str) -> dict[str, dict[str, Any]]:
    return {spec["key"]: spec for spec in leaf_by_code()[code]["specs"]}


@cache
def regions() -> list[dict[str, str]]:
    with (SEEDS / "regions.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def tag_names() -> list[str]:
    data = yaml.safe_load((SEEDS / "tags.yaml").read_text(encoding="utf-8"))
    return [str(t["name"]) for t in data["tags"]]


@cache
def demo() -> DemoData:
    return generate()


def spec_value_problem(spec: dict[str, Any], value: object) -> str | None:
    if spec["type"] == "string":
        return None if isinstance(value, str) and value else "not a non-empty string"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "not a number"
    if spec["type"] == "integer" and not isinstance(value, int):
        return "not an integer"
    if not spec["min"] <= value <= spec["max"]:
        return f"{value} outside [{spec['min']}, {spec['max']}]"
    return None


# ---------------------------------------------------------------------------
# taxonomy
# ---------------------------------------------------------------------------


def test_taxonomy_contains_every_minimum_leaf_and_alias() -> None:
    by_name = {(group["name"], leaf["name"]): leaf for group in groups() for leaf in group["children"]}
    with MINIMUM_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 60
    for row in rows:
        leaf = by_name.get((row["group"], row["leaf"]))
        assert leaf is not None, f"{row['group']}/{row['leaf']} missing"
        for alias in filter(None, row["aliases"].split(";")):
            assert alias in leaf["aliases"], f"{row['leaf']}: alias {alias} missing"


def test_taxonomy_codes_are_unique_and_nested() -> None:
    codes: list[str] = []
    for group in groups():
        assert re.fullmatch(r"\d{2}", group["code"]), group["code"]
        codes.append(group["code"])
        assert group["children"], f"group {group['name']} has no leaves"
        for leaf in group["children"]:
            assert re.fullmatch(r"\d{4}", leaf["code"]), leaf["code"]
            assert leaf["code"].startswith(group["code"])
            codes.append(leaf["code"])
    assert len(codes) == len(set(codes))


def test_names_and_aliases_resolve_to_one_node() -> None:
    seen: dict[str, str] = {}
    for group in groups():
        for node in [group, *group["children"]]:
            for word in [node["name"], *node["aliases"]]:
                assert isinstance(word, str) and word.strip() == word and word
                assert word not in seen, f"{word} names both {seen[word]} and {node['code']}"
                seen[word] = node["code"]


def test_replaces_are_lists_of_names() -> None:
    for leaf in leaves():
        assert isinstance(leaf["replaces"], list)
        assert all(isinstance(r, str) and r for r in leaf["replaces"])
    assert "普通车床" in leaf_by_code()["0101"]["replaces"]
    assert "普通车床" in leaf_by_code()["0102"]["replaces"]
    assert "老旧燃煤锅炉" in leaf_by_code()["0701"]["replaces"]


def test_spec_schemas_are_well_formed() -> None:
    with_specs = 0
    for leaf in leaves():
        keys = [spec["key"] for spec in leaf["specs"]]
        assert len(keys) == len(set(keys)), leaf["name"]
        with_specs += bool(keys)
        for spec in leaf["specs"]:
            where = f"{leaf['name']}.{spec['key']}"
            assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", spec["key"]), where
            # `key_min` / `key_max` are demand bounds, so no schema key may end like one
            assert not spec["key"].endswith(("_min", "_max")), where
            assert spec["name"], where
            assert spec["type"] in SPEC_TYPES, where
            assert spec["better"] in BETTER, where
            if spec["type"] == "string":
                assert spec["better"] == "none", where
                continue
            assert spec.get("unit"), where
            assert isinstance(spec["min"], int | float) and isinstance(spec["max"], int | float), where
            assert spec["min"] < spec["max"], where
    assert with_specs >= 25


def test_common_leaves_have_the_agreed_specs() -> None:
    by_name = {leaf["name"]: leaf for leaf in leaves()}
    boiler = {spec["key"] for spec in by_name["工业锅炉"]["specs"]}
    assert {"capacity_t_h", "thermal_efficiency_pct", "fuel"} <= boiler
    assert "power_w" in {spec["key"] for spec in by_name["激光焊接机"]["specs"]}
    for group in groups():
        if group["name"] in {"工业母机", "机器人与自动化"}:
            assert all(leaf["specs"] for leaf in group["children"]), group["name"]


# ---------------------------------------------------------------------------
# regions and tags
# ---------------------------------------------------------------------------


def test_regions_are_well_formed() -> None:
    codes = [row["code"] for row in regions()]
    assert len(codes) == len(set(codes))
    known = set(codes)
    for row in regions():
        assert re.fullmatch(r"\d{6}", row["code"]), row
        assert row["name"], row
        assert row["level"] in LEVELS, row
        if row["level"] == "nation":
            assert row["code"] == "000000" and row["parent_code"] == ""
        else:
            assert row["parent_code"] in known, row
        if row["level"] == "zone":
            assert row["parent_code"] == row["code"][:4] + "00", row
        if row["level"] == "county":  # under its city, or its province where no city stands between
            city = row["code"][:4] + "00"
            expected = city if city in known else row["code"][:2] + "0000"
            assert row["parent_code"] == expected, row
        if row["level"] == "city":
            assert row["parent_code"] == row["code"][:2] + "0000", row


def test_required_regions_are_present() -> None:
    names = {row["code"]: row["name"] for row in regions()}
    required = {
        "000000": "全国", "370000": "山东省", "330000": "浙江省", "350000": "福建省", "510000": "四川省",
        "370800": "济宁市", "370811": "任城区", "370812": "兖州区", "370881": "曲阜市", "370883": "邹城市",
        "370871": "济宁高新区", "330400": "嘉兴市", "330402": "南湖区", "330411": "秀洲区", "330421": "嘉善县",
        "330424": "海盐县", "330481": "海宁市", "330482": "平湖市", "330483": "桐乡市", "350500": "泉州市",
        "350582": "晋江市", "350583": "南安市", "510100": "成都市",
    }  # fmt: skip
    for code, name in required.items():
        assert names.get(code) == name, code
    jining_children = {row["name"] for row in regions() if row["parent_code"] == "370800" and row["level"] == "county"}
    assert len(jining_children) == 11
    quanzhou_children = {
        row["name"] for row in regions() if row["parent_code"] == "350500" and row["level"] == "county"
    }
    assert len(quanzhou_children) == 12


def test_regions_cover_the_whole_country() -> None:
    """The full GB/T 2260 list (seeds/build_regions.py): every province, city and county."""
    levels = Counter(row["level"] for row in regions())
    assert levels["province"] == 34 and levels["city"] >= 330 and levels["county"] >= 2800
    assert 3_150 <= len(regions()) <= 3_400
    names = {row["code"]: row["name"] for row in regions()}
    assert names["320581"] == "常熟市" and names["320500"] == "苏州市"  # a company in 江苏 can register
    assert names["110108"] == "海淀区" and names["469002"] == "琼海市"


def test_region_builder_keeps_every_previous_code() -> None:
    tree = [
        {"code": "11", "name": "北京市", "children": [{"code": "110101", "name": "东城区"}]},
        {"code": "33", "name": "浙江省", "children": [
            {"code": "3304", "name": "嘉兴市", "children": [{"code": "330481", "name": "海宁市"}]}]},
        {"code": "37", "name": "山东省", "children": [{"code": "3708", "name": "济宁市", "children": []}]},
        {"code": "35", "name": "福建省", "children": [{"code": "3505", "name": "泉州市", "children": []}]},
    ]  # fmt: skip
    rows = {r[0]: r for r in build_regions.build(tree, [{"code": "330481"}])}
    assert rows["110101"] == ("110101", "东城区", "110000", "county")
    assert rows["330481"] == ("330481", "海宁市", "330400", "county")
    assert rows["370871"] == ("370871", "济宁高新区", "370800", "zone")
    with pytest.raises(ValueError, match="330482"):
        build_regions.build(tree, [{"code": "330482"}])


def test_tags_are_present_and_explained() -> None:
    data = yaml.safe_load((SEEDS / "tags.yaml").read_text(encoding="utf-8"))
    names = tag_names()
    assert len(names) == len(set(names))
    for required in ["首台套", "能效一级", "能效二级", "节能降碳推广目录", "先进安全应急装备目录", "专精特新",
                     "好品山东", "浙江制造", "国产替代", "智能制造"]:  # fmt: skip
        assert required in names
    assert all(str(t["meaning"]).strip() for t in data["tags"])


# ---------------------------------------------------------------------------
# demo data
# ---------------------------------------------------------------------------


def test_demo_is_deterministic() -> None:
    assert generate(seed=7, listings=60, demands=40) == generate(seed=7, listings=60, demands=40)
    assert generate(seed=7, listings=60, demands=40) != generate(seed=8, listings=60, demands=40)


def test_demo_sizes() -> None:
    data = demo()
    assert len(data.listings) == 400 and len(data.demands) == 300
    small = generate(listings=10, demands=5)
    assert len(small.listings) == 10 and len(small.demands) == 5


def test_demo_organizations() -> None:
    data = demo()
    known_regions = {row["code"] for row in regions()}
    keys = [org.key for org in data.organizations]
    assert len(keys) == len(set(keys))
    usccs = [org.uscc for org in data.organizations]
    assert len(usccs) == len(set(usccs))
    kinds = {org.kind for org in data.organizations}
    assert kinds == {"supplier", "buyer", "bureau"}
    for org in data.organizations:
        assert is_valid_uscc(org.uscc), org.uscc
        assert org.region_code in known_regions, org
        assert org.uscc[2:8] == org.region_code
        if org.industry_code is not None:
            assert re.fullmatch(r"[A-T]\d{4}", org.industry_code), org.industry_code
        assert 1 <= len(org.users) <= 2
    emails = [user.email for org in data.organizations for user in org.users]
    assert len(emails) == len(set(emails))
    assert all(re.fullmatch(r"[a-z0-9.]+@[a-z0-9-]+\.demo\.equipmatch\.cn", e) for e in emails)
    assert emails[0] == "bureau@jining.demo.equipmatch.cn"
    assert any(e.startswith("supplier1@") for e in emails)
    assert all(row[3] == DEMO_PASSWORD for row in credentials_table(data))
    assert len(credentials_table(data)) == len(emails)


def test_demo_listings_follow_the_schema() -> None:
    data = demo()
    orgs = {org.key: org for org in data.organizations}
    known_regions = {row["code"] for row in regions()}
    known_tags = set(tag_names())
    ids = [(item.org_key, item.external_id) for item in data.listings]
    assert len(ids) == len(set(ids))
    assert {item.category for item in data.listings} == set(leaf_by_code())
    for item in data.listings:
        assert orgs[item.org_key].kind == "supplier"
        specs = schema(item.category)
        for key, value in item.specs.items():
            assert key in specs, f"{item.category}: unknown spec {key}"
            assert spec_value_problem(specs[key], value) is None, (item.title, key, value)
        assert 80 <= len(item.description) <= 300, item.description
        assert item.title
        if item.price_min is not None:
            assert isinstance(item.price_min, Decimal) and isinstance(item.price_max, Decimal)
            assert 0 < item.price_min <= item.price_max
        assert item.energy_grade is None or 1 <= item.energy_grade <= 5
        assert item.service_regions and set(item.service_regions) <= known_regions
        assert set(item.tags) <= known_tags, item.tags
        assert len(item.tags) == len(set(item.tags))
    published = sum(item.publish for item in data.listings) / len(data.listings)
    assert 0.8 <= published <= 0.97


def test_demo_listing_tags_are_consistent() -> None:
    data = demo()
    orgs = {org.key: org for org in data.organizations}
    for item in data.listings:
        if "能效一级" in item.tags:
            assert item.energy_grade == 1, item
        if "能效二级" in item.tags:
            assert item.energy_grade == 2, item
        for tag, province in PROVINCE_TAGS.items():
            if tag in item.tags:
                assert orgs[item.org_key].region_code.startswith(province), (tag, item.org_key)
    assert sum("首台套" in item.tags for item in data.listings) < len(data.listings) * 0.1


def test_demo_demands_are_valid_requirements() -> None:
    data = demo()
    orgs = {org.key: org for org in data.organizations}
    ids = [(need.org_key, need.external_id) for need in data.demands]
    assert len(ids) == len(set(ids))
    by_code = leaf_by_code()
    uncategorised = 0
    for need in data.demands:
        buyer = orgs[need.org_key]
        assert buyer.kind == "buyer"
        assert need.region_code == buyer.region_code
        assert need.quantity >= 1
        assert set(need.motivations) <= MOTIVATIONS and need.motivations
        assert need.budget_max is None or (isinstance(need.budget_max, Decimal) and need.budget_max > 0)
        assert need.needed_by is None or need.needed_by.year == 2027
        if need.replaces is not None:
            assert set(need.replaces) == {"description", "age_years", "count", "energy_grade"}
            assert 8 <= need.replaces["age_years"] <= 25
            assert need.replaces["energy_grade"] is None or 3 <= need.replaces["energy_grade"] <= 5
        if need.category is None:
            uncategorised += 1
            assert not need.specs
            continue
        leaf = by_code[need.category]
        specs = schema(need.category)
        for key, value in need.specs.items():
            base = key.removesuffix("_min").removesuffix("_max") if key not in specs else key
            spec = specs.get(base)
            assert spec is not None, f"{need.category}: unknown requirement {key}"
            if base == key and spec["type"] != "string":
                assert spec["better"] != "none", f"{key}: plain threshold on a spec without a better direction"
            if base != key:
                assert spec["type"] != "string", key
            assert spec_value_problem(spec, value) is None, (need.title, key, value)
        assert leaf["name"] in need.title + need.description
    assert 0.05 * len(data.demands) <= uncategorised <= 0.15 * len(data.demands)


def test_uncategorised_demands_name_their_equipment() -> None:
    words = {leaf["code"]: [leaf["name"], *leaf["aliases"]] for leaf in leaves()}
    for need in demo().demands:
        if need.category is None:
            text = need.title + need.description
            assert any(w in text for ws in words.values() for w in ws), need.title


@pytest.mark.parametrize("seed", [1, 2024])
def test_listing_prices_and_budgets_are_whole_yuan(seed: int) -> None:
    data = generate(seed=seed, listings=120, demands=60)
    for item in data.listings:
        for price in (item.price_min, item.price_max):
            assert price is None or price == price.to_integral_value()
    for need in data.demands:
        assert need.budget_max is None or need.budget_max == need.budget_max.to_integral_value()
