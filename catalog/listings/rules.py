"""What each act does to a listing, decided without a database: pure functions from the listing
as it is (and the act's input) to the field values it gets. Applying a decision is
`catalog.changes.set_changed_fields`, recording it `catalog.changes.record`. The API service and
the importer both decide here, so an imported listing follows the same rules as a typed one:
publishing submits it for review, a change to a rejected published listing resubmits it, a
change to the reviewed fields of an approved one takes it out of the recommended catalogue."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from catalog.errors import Conflict, FieldError
from catalog.lifecycle import LISTING_TRANSITIONS, next_status
from catalog.listings.schemas import ListingCreate, price_range_error
from catalog.reference import ReferenceData
from catalog.regions.models import NATIONWIDE
from catalog.taxonomy.models import Category
from catalog.taxonomy.specs import check_listing_specs

Decision = dict[str, Any]

# A change to any of these takes an approved listing out of the recommended catalogue until a
# bureau reviews it again.
REVIEWED_FIELDS = frozenset({"title", "category_code", "specs", "price_min", "price_max", "energy_grade"})
# What a new listing starts as, whoever creates it.
NEW_LISTING: Mapping[str, Any] = {"status": "draft", "recommended": False, "review_status": "none", "version": 1}


class ListingState(Protocol):
    status: str
    review_status: str
    recommended: bool


def _submitted(now: datetime) -> Decision:
    """Into the review queue, at its end."""
    return {"review_status": "pending", "review_requested_at": now}


def decide_create(values: Mapping[str, Any]) -> Decision:
    """A new listing: the validated values as a draft outside the catalogue."""
    return {**values, **NEW_LISTING}


def decide_edit(listing: ListingState, values: Mapping[str, Any], *, now: datetime) -> Decision:
    """The validated values that differ, plus what a change means for review: an approved
    listing whose reviewed fields change leaves the catalogue and is queued again; a rejected
    published listing that changes is resubmitted. Archived listings cannot change (409)."""
    if listing.status == "archived":
        raise Conflict("已归档的挂牌不能修改，请先恢复为草稿")
    changed = {name: value for name, value in values.items() if getattr(listing, name) != value}
    if not changed:
        return {}
    decision = dict(changed)
    if set(changed) & REVIEWED_FIELDS and listing.review_status == "approved":
        decision.update(recommended=False, **_submitted(now))
    elif listing.status == "published" and listing.review_status == "rejected":
        decision.update(_submitted(now))
    return decision


def decide_act(listing: ListingState, action: str, *, now: datetime) -> Decision:
    """publish | unpublish | archive | restore (LISTING_TRANSITIONS); {} when already done.
    Publishing submits the listing for review unless it is pending or approved already."""
    target = next_status(LISTING_TRANSITIONS, listing.status, action)
    if target is None:
        return {}
    decision: Decision = {"status": target}
    if target == "published":
        decision["published_at"] = now
        if listing.review_status in ("none", "rejected"):
            decision.update(_submitted(now))
    elif listing.status == "published":
        decision["published_at"] = None
    return decision


def decide_review(
    listing: ListingState, *, approve: bool, note: str | None, reviewer: uuid.UUID | None, now: datetime
) -> Decision:
    """A bureau's decision: approved → in the recommended catalogue; rejected → out, with the note."""
    if listing.status != "published":
        raise Conflict("只有已发布的挂牌可以审核")
    return {
        "recommended": approve,
        "review_status": "approved" if approve else "rejected",
        "review_note": note or None,
        "reviewed_at": now,
        "reviewed_by_organization_id": reviewer,
    }


# --- validation (pure: the reference data is a lookup the caller loaded) -----------------------


@dataclass
class ValidListing:
    """A listing's model values (`warnings` among them) when `errors` is empty."""

    category: Category | None
    values: dict[str, Any]
    errors: list[FieldError]
    warnings: list[FieldError]


def stored_warnings(warnings: Sequence[FieldError]) -> list[dict[str, str]]:
    """Warnings as kept with the record (and shown to the reviewer): [{field, message}]."""
    return [{"field": w.field, "message": w.message} for w in warnings]


def check_listing(data: ListingCreate, refs: ReferenceData, *, default_region: str, prefix: str = "") -> ValidListing:
    """Everything about a listing that needs reference data (category, tags, regions, specs, the
    price range), every problem reported at once, each naming its field. The API (one record)
    and the importer (every row) both call this."""
    errors: list[FieldError] = []
    category = refs.category(data.category)
    if category is None:
        errors.append(FieldError(f"{prefix}category", f"未知品类：{data.category[:50]}"))
    elif category.level != "leaf":
        errors.append(FieldError(f"{prefix}category", f"“{category.name}”是品类大类，请选择具体品类"))
    unknown_tags = [t for t in data.tags if t not in refs.tags]
    if unknown_tags:
        errors.append(FieldError(f"{prefix}tags", f"未知标签：{'、'.join(unknown_tags[:5])}"))
    regions = list(dict.fromkeys(data.service_regions)) or [default_region]
    missing = [code for code in regions if code not in refs.regions]
    if missing:
        errors.append(FieldError(f"{prefix}service_regions", f"未知行政区划代码：{', '.join(missing[:5])}"))
    leaf = category if category is not None and category.level == "leaf" else None
    specs = check_listing_specs(leaf.spec_schema if leaf else [], data.specs, field=f"{prefix}specs")
    errors.extend(specs.errors)
    if message := price_range_error(data.price_min, data.price_max):
        errors.append(FieldError(f"{prefix}price_min", message))
    values = data.model_dump(exclude={"category", "service_regions", "tags"})
    values.update(
        category_code=leaf.code if leaf else None,
        service_regions=[NATIONWIDE] if NATIONWIDE in regions else regions,
        tags=list(dict.fromkeys(data.tags)),
        specs=specs.values,
        warnings=stored_warnings(specs.warnings),
    )  # fmt: skip
    return ValidListing(category=leaf, values=values, errors=errors, warnings=specs.warnings)
