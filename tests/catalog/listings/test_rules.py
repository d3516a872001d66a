"""Listing rules that need no database: the decisions of each act, the review reset, the schemas."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from catalog.changes import set_changed_fields
from catalog.db import utcnow
from catalog.errors import Conflict
from catalog.listings.models import Listing
from catalog.listings.rules import REVIEWED_FIELDS, decide_act, decide_edit
from catalog.listings.schemas import ListingReview, ListingUpdate, price_range_error


def apply_changes(listing: Listing, values: dict[str, object]) -> set[str]:
    """An edit as every writer applies it: decide, then set."""
    return set_changed_fields(listing, decide_edit(listing, values, now=utcnow())) - {
        "recommended", "review_status", "review_requested_at",
    }  # fmt: skip


def _approved() -> Listing:
    return Listing(
        organization_id=uuid.uuid4(), title="锐科 RFL-3000 手持激光焊接机", category_code="0203",
        description="3000W 光纤激光焊接机", price_min=Decimal("68000.00"), price_max=Decimal("98000.00"),
        energy_grade=2, tags=["浙江制造"], service_regions=["330000"], specs={"power_w": 3000},
        status="published", recommended=True, review_status="approved", version=3,
    )  # fmt: skip


def test_unchanged_values_change_nothing() -> None:
    listing = _approved()
    assert apply_changes(listing, {"title": listing.title, "price_min": Decimal("68000")}) == set()
    assert listing.version == 3 and listing.recommended is True


@given(st.sampled_from(sorted(REVIEWED_FIELDS)))
def test_a_reviewed_field_takes_the_listing_out_of_the_catalogue(field: str) -> None:
    listing = _approved()
    new = {"title": "新标题", "category_code": "0202", "specs": {"power_w": 3300}, "price_min": Decimal("1"),
           "price_max": Decimal("99000"), "energy_grade": 1}[field]  # fmt: skip
    assert apply_changes(listing, {field: new}) == {field}
    assert listing.version == 4 and listing.recommended is False
    assert listing.review_status == "pending" and listing.review_requested_at is not None


def test_other_fields_keep_the_approval() -> None:
    listing = _approved()
    assert apply_changes(listing, {"description": "新增三年质保", "lead_time_days": 15, "brand": "锐科"}) == {
        "description", "lead_time_days", "brand",
    }  # fmt: skip
    assert listing.recommended is True and listing.review_status == "approved" and listing.version == 4


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.decimals(min_value=0, max_value=10**9, places=2))
def test_price_range(low: Decimal, high: Decimal) -> None:
    assert (price_range_error(low, high) is None) is (low <= high)
    assert price_range_error(None, high) is None and price_range_error(low, None) is None


def test_update_schema_keeps_only_what_was_sent() -> None:
    update = ListingUpdate.model_validate(
        {"brand": None, "price_max": "95000", "status": "published", "recommended": True}
    )
    assert update.model_fields_set == {"brand", "price_max"}
    assert update.price_max == Decimal("95000.00")
    with pytest.raises(ValidationError) as refused:
        ListingUpdate.model_validate({"title": None, "specs": None, "energy_grade": 6})
    assert {e["loc"][0] for e in refused.value.errors()} == {"title", "specs", "energy_grade"}


def test_review_schema() -> None:
    assert ListingReview.model_validate({"decision": "approve"}).note == ""
    assert ListingReview.model_validate({"decision": "reject", "note": " 缺少检测报告 "}).note == "缺少检测报告"
    for body in ({"decision": "reject"}, {"decision": "reject", "note": "  "}):
        with pytest.raises(ValidationError) as refused:
            ListingReview.model_validate(body)
        assert [e["loc"] for e in refused.value.errors()] == [("note",)]


def test_a_change_resubmits_a_rejected_published_listing() -> None:
    listing = _approved()
    listing.review_status, listing.recommended = "rejected", False
    decision = decide_edit(listing, {"description": "补充了检测报告"}, now=utcnow())
    assert decision["review_status"] == "pending" and decision["description"] == "补充了检测报告"
    listing.status = "draft"  # a rejected draft waits until it is published again
    assert "review_status" not in decide_edit(listing, {"description": "再改"}, now=utcnow())
    assert decide_act(listing, "publish", now=utcnow())["review_status"] == "pending"


def test_publishing_an_approved_listing_keeps_it_approved_and_archived_ones_are_locked() -> None:
    listing = _approved()
    listing.status = "draft"
    decision = decide_act(listing, "publish", now=utcnow())
    assert decision["status"] == "published" and "review_status" not in decision
    listing.status = "archived"
    with pytest.raises(Conflict):
        decide_edit(listing, {"title": "新标题"}, now=utcnow())
    with pytest.raises(Conflict):
        decide_act(listing, "publish", now=utcnow())
