"""The Meilisearch adapter: documents, settings and filter expressions (always), live index (MEILI_URL)."""

from __future__ import annotations

import os
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.access import Actor
from catalog.search.base import SearchQuery
from catalog.search.documents import CategoryInfo, SearchDocument, as_json
from catalog.search.meilisearch import (
    FILTERABLE,
    SEARCHABLE,
    MeilisearchSearch,
    filter_expression,
    index_settings,
    query_text,
    quote,
)
from catalog.search.service import demand_query_for
from catalog.text import analyzer

CATEGORY = CategoryInfo(
    code="0101", name="加工中心", aliases=["立式加工中心", "CNC加工中心"], path=["01", "0101"], group_name="工业母机"
)


def document(**overrides: object) -> SearchDocument:
    values: dict[str, object] = dict(
        id=uuid.uuid4(), kind="listing", status="published", title="海天精工 VMC850 立式加工中心", category=CATEGORY,
        brand="海天精工", model="VMC850", description="三轴立式加工中心，主轴转速12000rpm。", tags=["能效二级"],
        energy_grade=2, price_min=Decimal("380000.00"), budget_max=None, recommended=True, regions=["370811"],
        motivations=[], published_at=datetime(2026, 11, 1, tzinfo=UTC),
        segments={"title": analyzer().tokens("海天精工 VMC850 立式加工中心"), "category": analyzer().tokens("加工中心 数控机床")},
    )  # fmt: skip
    values.update(overrides)
    return SearchDocument(**values)  # type: ignore[arg-type]


def test_document_mapping() -> None:
    doc = document()
    body = as_json(doc, {"370811": ["000000", "370000", "370800", "370811"]})
    assert body["id"] == str(doc.id)
    assert body["category_path"] == ["01", "0101"]
    assert body["region_path"] == ["000000", "370000", "370800", "370811"]
    assert body["region_codes"] == ["370811"]
    assert body["price_min"] == 380000.0 and body["recommended"] is True and body["status"] == "published"
    # the pre-segmented field holds sub-words as whole words: 机床 matches 数控机床 in Meilisearch
    assert "机床" in body["segments_category"].split(" ")
    assert "vmc850" in body["segments_title"].split(" ")
    assert set(body) >= set(SEARCHABLE) - {"category_aliases"} and set(FILTERABLE) <= set(body)


def test_settings_are_complete() -> None:
    settings = index_settings(analyzer().lexicon)
    assert settings.searchable_attributes is not None and settings.searchable_attributes[0] == "title"
    assert set(settings.filterable_attributes or []) == set(FILTERABLE)
    assert "published_at" in (settings.sortable_attributes or [])
    assert settings.synonyms is not None and "加工中心" in settings.synonyms["立式加工中心"]
    assert "液压机" in settings.synonyms["油压机"]
    assert settings.localized_attributes is not None and settings.localized_attributes[0].locales == ["cmn"]
    assert "分容化成柜" in (settings.dictionary or [])
    dumped = settings.model_dump(by_alias=True, exclude_none=True)
    assert {"searchableAttributes", "filterableAttributes", "localizedAttributes", "synonyms"} <= set(dumped)


@pytest.mark.parametrize(
    ("value", "quoted"),
    [
        ("专精特新", '"专精特新"'),
        ('a" OR status = "draft', '"a\\" OR status = \\"draft"'),
        ("back\\slash", '"back\\\\slash"'),
        ("x' AND 1=1", '"x\' AND 1=1"'),
        ("tags = 能效一级 OR TO EXISTS", '"tags = 能效一级 OR TO EXISTS"'),
    ],
)
def test_quote_escapes_hostile_values(value: str, quoted: str) -> None:
    assert quote(value) == quoted


@given(st.text(max_size=50))
def test_quoted_values_cannot_end_the_string(value: str) -> None:
    quoted = quote(value)
    assert quoted.startswith('"') and quoted.endswith('"')
    inner = quoted[1:-1]
    # every quote inside is escaped by an odd run of backslashes
    i = 0
    while i < len(inner):
        if inner[i] == "\\":
            i += 2
            continue
        assert inner[i] != '"'
        i += 1


def test_filter_expression_for_listings() -> None:
    query = SearchQuery(
        categories=["01"], region="370811", region_ancestors=["000000", "370000", "370800", "370811"],
        tags=["专精特新", 'x" OR "1'], energy_grade_max=2, price_max=Decimal("500000"), recommended=True,
    )  # fmt: skip
    assert filter_expression("listing", query) == [
        'status = "published"',
        ['category_path = "01"'],
        ['region_codes = "000000"', 'region_codes = "370000"', 'region_codes = "370800"', 'region_codes = "370811"'],
        'tags = "专精特新"',
        'tags = "x\\" OR \\"1"',
        "energy_grade <= 2",
        "price_min <= 500000.0",
        "recommended = true",
    ]


def test_filter_expression_for_demands_keeps_the_scope() -> None:
    query = SearchQuery(region="330000", scope="370800", motivations=["green"], budget_min=Decimal("100"))
    assert filter_expression("demand", query) == [
        'status = "published"', 'region_path = "330000"', 'region_path = "370800"', 'motivations = "green"',
        "budget_max >= 100.0",
    ]  # fmt: skip


def test_filter_expression_for_a_supplier_clamps_a_county_to_its_city() -> None:
    """The Meilisearch path gets the same clamped query the PostgreSQL path gets: a supplier's
    county filter on demands arrives at the backend as the city it may see."""
    supplier = Actor(
        user_id=uuid.uuid4(), email="s@x.cn", organization_id=uuid.uuid4(), organization_kind="supplier",
        region_code="370811",
    )  # fmt: skip
    bureau = replace(supplier, organization_kind="bureau", region_code="330400")
    clamped, reveal = demand_query_for(supplier, SearchQuery(region="330481"))
    assert not reveal and filter_expression("demand", clamped) == ['status = "published"', 'region_path = "330400"']
    exact, reveal = demand_query_for(bureau, SearchQuery(region="330481"))
    assert reveal and filter_expression("demand", exact) == [
        'status = "published"', 'region_path = "330481"', 'region_path = "330400"',
    ]  # fmt: skip


def test_query_text_is_our_tokens() -> None:
    assert query_text("CNC加工中心") == "cnc 加工中心"
    assert query_text("需要一台数控车床") == "数控车床"


@pytest.mark.meili
@pytest.mark.skipif(not os.environ.get("MEILI_URL"), reason="needs a live Meilisearch (MEILI_URL)")
async def test_live_index_settings_documents_and_search() -> None:
    backend = MeilisearchSearch(
        os.environ["MEILI_URL"], os.environ.get("MEILI_MASTER_KEY"), prefix=f"t{uuid.uuid4().hex[:6]}_"
    )
    try:
        await backend.apply_settings("listing")
        doc = document()
        await backend.push("listing", [as_json(doc, {"370811": ["000000", "370000", "370800", "370811"]})])
        found = await backend.search(None, "listing", SearchQuery(q="机床", facets=["tags"]))  # type: ignore[arg-type]
        assert [h.id for h in found.items] == [doc.id] and found.facets["tags"] == {"能效二级": 1}
        assert (await backend.search(None, "listing", SearchQuery(q="机床", tags=["专精特新"]))).total == 0  # type: ignore[arg-type]
        await backend.delete(None, "listing", [doc.id])  # type: ignore[arg-type]
        assert (await backend.search(None, "listing", SearchQuery(q="机床"))).total == 0  # type: ignore[arg-type]
    finally:
        await backend.client.delete_index_if_exists(backend.uid("listing"))
        await backend.aclose()
