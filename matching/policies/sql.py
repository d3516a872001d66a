"""SQL eligibility clauses built from the rule data (never a second hand-written copy of a
condition): where a rule applies (its documents' regions, as `regions.ancestors && codes`), which
attributes it asks for, and, for rules about projects, which published demands can be projects. The
clauses only narrow candidates; the evaluator decides (and measures near misses)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.sql.elements import ColumnElement

from catalog.demands.models import Demand
from catalog.organizations.models import Organization
from catalog.regions.models import Region
from matching.policies.models import OrganizationAttribute
from matching.policies.rules import Rule


def region_clause(rule: Rule, *, scope: str | None) -> list[ColumnElement[bool]]:
    clauses = [Region.ancestors.overlap(list(rule.region_codes))]
    if scope is not None:
        clauses.append(Region.ancestors.contains([scope]))
    return clauses


def attribute_only(rule: Rule) -> bool:
    """A rule that asks only who the enterprise is (an award for a recognition): an organisation
    without one of its attributes can never meet it, so the database may leave it out."""
    c = rule.conditions
    return bool(c.attributes_any) and not (
        c.types_any or c.thresholds or c.items_any or c.replaces_any or c.facts_all or c.financing or c.financing_any
    )


def candidate_organizations(rule: Rule, *, scope: str | None) -> Select[Any]:
    """Buyers located where the rule applies and inside the bureau's scope (`scope` None: all)."""
    query = (
        select(Organization)
        .join(Region, Region.code == Organization.region_code)
        .where(Organization.kind == "buyer", *region_clause(rule, scope=scope))
        .order_by(Organization.name)
    )
    if attribute_only(rule):
        query = query.where(
            exists().where(
                OrganizationAttribute.organization_id == Organization.id,
                OrganizationAttribute.canonical.in_(list(rule.conditions.attributes_any)),
            )
        )
    return query


def demand_clauses(rule: Rule) -> list[ColumnElement[bool]]:
    """Published demands worth evaluating as projects for `rule`: none for attribute-only rules
    (the organisation's attributes decide), a known budget where the rule measures amounts."""
    if attribute_only(rule):
        return [Demand.id.is_(None)]
    if rule.conditions.thresholds:
        return [Demand.budget_max.is_not(None)]
    return []
