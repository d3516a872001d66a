"""Who may see or change what: the one access policy every endpoint goes through (row by row;
`scopes.py` says the same as SQL clauses).

An actor reads its own organisation's objects; a bureau reads (and oversees) everything whose
region lies in its region subtree; a platform admin reads and changes everything. Denied reads
look like absence (404), so nobody learns that another organisation's object exists.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import Subquery, any_, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.errors import Forbidden, NotFound
from catalog.regions.models import NATIONWIDE, Region
from catalog.regions.repository import ancestors_of, outside_of


class Action(StrEnum):
    READ = "read"  # see the object with its owner's identity
    WRITE = "write"  # change it as its owner
    OVERSEE = "oversee"  # a bureau's acts on objects in its region: review, statistics, campaigns


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID
    email: str
    organization_id: uuid.UUID | None
    organization_kind: str | None  # supplier | buyer | bureau; None for the platform admin
    region_code: str | None
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_platform_admin(self) -> bool:
        return "platform_admin" in self.roles

    @property
    def is_org_admin(self) -> bool:
        return "org_admin" in self.roles or self.is_platform_admin

    def is_kind(self, kind: str) -> bool:
        return self.organization_kind == kind


def may(actor: Actor, action: Action, *, owner_organization_id: uuid.UUID | None, region_ancestors: list[str]) -> bool:
    """The policy as a pure function. `region_ancestors` are the object's region and its ancestors."""
    if actor.is_platform_admin:
        return True
    own = owner_organization_id is not None and actor.organization_id == owner_organization_id
    in_scope = actor.is_kind("bureau") and actor.region_code is not None and actor.region_code in region_ancestors
    if action is Action.WRITE:
        return own
    if action is Action.OVERSEE:
        return in_scope
    return own or in_scope


async def authorize(
    session: AsyncSession,
    actor: Actor,
    action: Action,
    *,
    owner_organization_id: uuid.UUID | None,
    region_code: str,
    what: str = "对象",
) -> None:
    """Raise NotFound when the actor may not even read the object, Forbidden when it may read but
    not do `action`."""
    ancestors = await ancestors_of(session, region_code)
    if may(actor, action, owner_organization_id=owner_organization_id, region_ancestors=ancestors):
        return
    if action is not Action.READ and may(
        actor, Action.READ, owner_organization_id=owner_organization_id, region_ancestors=ancestors
    ):
        raise Forbidden(f"无权对该{what}执行此操作")
    raise NotFound(f"{what}不存在")


async def in_scope(session: AsyncSession, actor: Actor, region_code: str) -> bool:
    """Whether `region_code` lies inside the actor's region scope (a bureau's subtree; admin: all)."""
    if actor.is_platform_admin:
        return True
    if actor.region_code is None:
        return False
    return actor.region_code in await ancestors_of(session, region_code)


def regions_within(scope: str) -> Subquery:
    """SQL: the regions of `scope`'s subtree (itself included) as `code`, each with `rollup`, its
    ancestor one level below `scope` (`scope` itself for rows registered at `scope`): joining a
    record's region code to it both keeps the record inside a bureau's scope and says which of the
    bureau's counties (a city's) or cities (a province's) it counts under."""
    below = Region.ancestors[func.array_position(Region.ancestors, scope) + 1]
    return (
        select(Region.code.label("code"), func.coalesce(below, Region.code).label("rollup"))
        .where(literal(scope) == any_(Region.ancestors))
        .subquery("regions_within")
    )


def region_scope(actor: Actor) -> str | None:
    """The region subtree an actor oversees: everything (000000) for the platform admin, its own
    region for a bureau, none for companies."""
    if actor.is_platform_admin:
        return NATIONWIDE
    if actor.is_kind("bureau"):
        return actor.region_code or None
    return None


async def outside_scope(session: AsyncSession, actor: Actor, region_codes: list[str]) -> list[str]:
    """The codes among `region_codes` the actor does not oversee (all of them for companies)."""
    scope = region_scope(actor)
    if scope is None:
        return list(region_codes)
    return await outside_of(session, region_codes, scope)


async def reads_in_full(
    session: AsyncSession, actor: Actor, *, owner_organization_id: uuid.UUID | None, region_code: str
) -> bool:
    """Whether the actor reads the object with its owner's identity (owner, bureau in scope, admin)."""
    ancestors = await ancestors_of(session, region_code)
    return may(actor, Action.READ, owner_organization_id=owner_organization_id, region_ancestors=ancestors)
