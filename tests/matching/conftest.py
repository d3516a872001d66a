"""The real taxonomy (seeds/taxonomy.yaml) as plain data, for the pure matching tests."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from matching.scoring import CategoryInfo, DemandFeatures, ListingFeatures, Taxonomy

TAXONOMY = Path(__file__).resolve().parents[2] / "seeds" / "taxonomy.yaml"


def load_taxonomy() -> Taxonomy:
    raw = yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))
    categories: dict[str, CategoryInfo] = {}
    for group in raw["groups"]:
        categories[group["code"]] = CategoryInfo(
            code=group["code"], name=group["name"], parent_code=None, level="group",
            aliases=tuple(group.get("aliases") or ()),
        )  # fmt: skip
        for leaf in group.get("children") or []:
            categories[leaf["code"]] = CategoryInfo(
                code=leaf["code"], name=leaf["name"], parent_code=group["code"], level="leaf",
                aliases=tuple(leaf.get("aliases") or ()), replaces=tuple(leaf.get("replaces") or ()),
                spec_schema=tuple(leaf.get("specs") or ()),
            )  # fmt: skip
    return Taxonomy(categories)


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def demand(**overrides: Any) -> DemandFeatures:
    values: dict[str, Any] = {
        "id": "d1", "title": "更换服役15年的普通车床，采购立式加工中心2台",
        "description": "现有普通车床精度下降，计划更新为五轴立式加工中心，要求主轴转速不低于10000rpm，支持远程运维。",
        "category_code": "0101", "quantity": 2, "budget_max": Decimal("1200000"), "region_code": "330481",
        "region_name": "海宁市", "motivations": ("high_end", "smart", "green"),
        "replaces_description": "普通车床", "specs": {"spindle_rpm": 10000, "positioning_accuracy_mm_max": 0.01},
    }  # fmt: skip
    values.update(overrides)
    return DemandFeatures(**values)


def listing(**overrides: Any) -> ListingFeatures:
    values: dict[str, Any] = {
        "id": "l1", "organization_id": "o1", "supplier_region": "330424", "category_code": "0101",
        "title": "海天精工 VMC850 立式加工中心 主轴12000rpm",
        "description": "三轴立式加工中心，配发那科数控系统，主轴转速12000rpm，定位精度0.006mm，支持远程运维。",
        "price_min": Decimal("380000"), "price_max": Decimal("450000"), "energy_grade": 2,
        "tags": ["能效二级", "专精特新"], "specs": {"spindle_rpm": 12000, "positioning_accuracy_mm": 0.006},
        "recommended": False, "service_regions": ["330000"],
    }  # fmt: skip
    values.update(overrides)
    return ListingFeatures(**values)
