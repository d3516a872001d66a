"""The access policy as SQL: `readable(model, actor)` and `overseen(model, actor)` give the WHERE
clause a list query embeds, so lists and single reads can never disagree (after polar's
`get_readable_statement`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select, true

from catalog.access.policy import Actor, region_scope
from catalog.demands.models import Demand
from catalog.listings.models import Listing
from catalog.organizations.models import Organization
from catalog.regions.repository import all_within, codes_within, covers_sql


def _organizations_within(scope: str) -> Any:
    return select(Organization.id).where(Organization.region_code.in_(codes_within(scope)))


def overseen(model: type[Any], actor: Actor) -> ColumnElement[bool]:
    """Rows a bureau oversees (its region subtree; everything for the platform admin; nothing for
    companies): listings by their supplier's region, demands by their own region, campaigns when
    every one of their regions lies inside."""
    scope = region_scope(actor)
    if scope is None:
        return false()
    if actor.is_platform_admin:
        return true()
    if model is Listing:
        return Listing.organization_id.in_(_organizations_within(scope))
    if model is Demand:
        return Demand.region_code.in_(codes_within(scope))
    if model is Organization:
        return Organization.region_code.in_(codes_within(scope))
    region_codes = getattr(model, "region_codes", None)
    if region_codes is not None:
        return all_within(region_codes, scope)
    raise TypeError(f"no region scope for {model.__name__}")


def readable(model: type[Any], actor: Actor) -> ColumnElement[bool]:
    """Rows the actor may read at all: its own organisation's, what it oversees, and what is public
    to it (published listings for everyone; published demands, anonymised, for suppliers)."""
    clauses: list[ColumnElement[bool]] = [overseen(model, actor)]
    owner = getattr(model, "organization_id", None)
    if owner is not None and actor.organization_id is not None:
        clauses.append(owner == actor.organization_id)
    if model is Listing:
        clauses.append(Listing.status == "published")
    elif model is Demand and actor.is_kind("supplier"):
        clauses.append(Demand.status == "published")
    elif model is Organization and actor.organization_id is not None:
        clauses.append(Organization.id == actor.organization_id)
    elif hasattr(model, "region_codes"):
        # A regional programme (a campaign): suppliers see every one past its draft, buyers those
        # covering their own region.
        public = model.status != "draft"
        if actor.is_kind("supplier"):
            clauses.append(public)
        elif actor.is_kind("buyer") and actor.region_code is not None:
            clauses.append(and_(public, covers_sql(model.region_codes, actor.region_code)))
    return or_(*clauses)
