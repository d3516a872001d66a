"""Match rules: who reads which matches and leads (the buyer stays anonymous to a supplier until it
accepts contact), the lifecycle moves with their audit and notifications, and the statistics."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor, authorize, in_scope
from catalog.access.scopes import overseen
from catalog.changes import record_change
from catalog.db import utcnow
from catalog.demands.models import Demand
from catalog.demands.service import demand_for
from catalog.errors import Conflict, Forbidden, NotFound
from catalog.listings.models import Listing
from catalog.listings.repository import get_listing
from catalog.notifications.service import notify
from catalog.search.schemas import demand_hit, listing_hit
from matching.matches import repository
from matching.matches.models import MATCH_STATUSES, Match
from matching.matches.schemas import (
    BuyerContact,
    LeadItem,
    LeadItems,
    MatchItem,
    MatchItems,
    MatchRead,
    MatchStatistics,
    StatisticsRow,
)
from matching.recommend import Engine, MatchConfig
from matching.scoring import Scored, category_factor, score

ENTITY = "match"
Role = Literal["buyer", "supplier", "overseer"]
AUDITED_FIELDS = (
    "status", "interest_at", "contacted_at", "quote_amount", "quote_note", "contract_amount", "contracted_by",
    "decline_reason", "declined_by",
)  # fmt: skip


def snapshot(match: Match) -> dict[str, Any]:
    return {name: getattr(match, name) for name in AUDITED_FIELDS}


# --------------------------------------------------------------------------- reading


async def demand_matches(
    session: AsyncSession, *, actor: Actor, demand_id: uuid.UUID, limit: int, config: MatchConfig
) -> MatchItems:
    """A demand's best listings (its buyer, bureaus in scope, admin): the stored matches, computed
    and stored first when there are none yet; a draft demand gets an unstored preview."""
    demand = await demand_for(session, actor=actor, demand_id=demand_id, action=Action.READ)
    if demand.status == "published" and not await repository.count_for(session, demand_id=demand.id):
        engine = await Engine.start(session, config)
        await engine.match_demands([demand])
    if demand.status != "published":
        engine = await Engine.start(session, config)
        ranked = await engine.rank_demand(demand, limit=limit)
        loaded = {row.id: row for row in await repository.listings_by_id(session, [f.id for f, _ in ranked])}
        items = [
            MatchItem(
                listing=listing_hit(loaded[f.id], score=s.score),
                score=s.score,
                breakdown=s.breakdown,
                reasons=s.reasons,
            )
            for f, s in ranked
            if f.id in loaded
        ]
        return MatchItems(items=items, total=len(items))
    rows = await repository.ranked(session, demand_id=demand.id, limit=limit)
    items = [MatchItem(listing=listing_hit(m.listing, score=m.score), **_scored(m)) for m in rows]
    return MatchItems(items=items, total=len(items))


def _scored(match: Match) -> dict[str, Any]:
    return {
        "score": match.score, "breakdown": match.breakdown, "reasons": match.reasons, "match_id": match.id,
        "status": match.status, "computed_at": match.computed_at,
    }  # fmt: skip


async def listing_for_leads(session: AsyncSession, *, actor: Actor, listing_id: uuid.UUID) -> Listing:
    """The listing whose leads `actor` may read: its supplier, or a bureau whose scope holds the
    supplier's region; anyone else learns nothing (404)."""
    listing = await get_listing(session, listing_id)
    if listing is None:
        raise NotFound("挂牌不存在")
    if actor.organization_id is not None and actor.organization_id == listing.organization_id:
        return listing
    if actor.is_kind("bureau") or actor.is_platform_admin:
        await authorize(
            session, actor, Action.OVERSEE, owner_organization_id=listing.organization_id,
            region_code=listing.organization.region_code, what="挂牌",
        )  # fmt: skip
        return listing
    raise NotFound("挂牌不存在")


async def _reveals_buyer(session: AsyncSession, actor: Actor, match: Match) -> bool:
    if match.contacted_at is not None or actor.organization_id == match.demand.organization_id:
        return True
    return (actor.is_kind("bureau") or actor.is_platform_admin) and await in_scope(
        session, actor, match.demand.region_code
    )


async def listing_leads(
    session: AsyncSession, *, actor: Actor, listing_id: uuid.UUID, limit: int, config: MatchConfig
) -> LeadItems:
    """A listing's best published demands, anonymised unless the buyer accepted contact."""
    listing = await listing_for_leads(session, actor=actor, listing_id=listing_id)
    if listing.status == "published" and not await repository.count_for(session, listing_id=listing.id):
        engine = await Engine.start(session, config)
        await engine.leads_for(listing)
    rows = await repository.ranked(session, listing_id=listing.id, limit=limit) if listing.status == "published" else []
    items = [
        LeadItem(
            demand=demand_hit(m.demand, reveal_buyer=await _reveals_buyer(session, actor, m), score=m.score),
            **_scored(m),
        )
        for m in rows
    ]
    outside = (
        await (await Engine.start(session, config)).leads_outside_regions(listing)
        if listing.status == "published"
        else 0
    )
    note = f"另有 {outside} 个匹配需求在您的服务区域之外，扩大服务区域可获得这些潜在客户" if outside else None
    return LeadItems(items=items, total=len(items), outside_regions=outside, note=note)


async def match_for(
    session: AsyncSession, *, actor: Actor, match_id: uuid.UUID, for_update: bool = False
) -> tuple[Match, Role]:
    """The match and the actor's role in it; 404 for anyone with no part in it (bureaus: in scope
    of the demand's region)."""
    match = await repository.get_match(session, match_id, for_update=for_update)
    if match is None:
        raise NotFound("匹配不存在")
    if actor.organization_id is not None and actor.organization_id == match.demand.organization_id:
        return match, "buyer"
    if actor.organization_id is not None and actor.organization_id == match.listing.organization_id:
        return match, "supplier"
    if (actor.is_kind("bureau") or actor.is_platform_admin) and await in_scope(
        session, actor, match.demand.region_code
    ):
        return match, "overseer"
    raise NotFound("匹配不存在")


async def match_read(session: AsyncSession, *, actor: Actor, match: Match) -> MatchRead:
    reveal = await _reveals_buyer(session, actor, match)
    buyer = match.demand.organization
    contact = None
    if reveal:
        contact = BuyerContact(
            name=buyer.name, contact_name=buyer.contact_name, contact_phone=buyer.contact_phone,
            contact_email=buyer.contact_email, address=buyer.address,
        )  # fmt: skip
    return MatchRead(
        id=match.id, listing=listing_hit(match.listing, score=match.score),
        demand=demand_hit(match.demand, reveal_buyer=reveal, score=match.score), buyer_contact=contact,
        interest_at=match.interest_at, contacted_at=match.contacted_at, quote_amount=match.quote_amount,
        quote_note=match.quote_note, quoted_at=match.quoted_at, contract_amount=match.contract_amount,
        contracted_at=match.contracted_at, contracted_by=match.contracted_by, decline_reason=match.decline_reason,
        declined_by=match.declined_by, declined_at=match.declined_at, version=match.version, **_scored(match),
    )  # fmt: skip


async def my_matches(
    session: AsyncSession, *, actor: Actor, status: str | None, limit: int, offset: int
) -> tuple[list[MatchRead], int]:
    """The caller's matches: a buyer's for its demands, a supplier's for its listings."""
    if actor.organization_id is None or actor.organization_kind not in ("buyer", "supplier"):
        raise Forbidden("此操作仅限需求企业、设备供应商")
    rows, total = await repository.for_organization(
        session, organization_id=actor.organization_id, side=actor.organization_kind, status=status,
        limit=limit, offset=offset,
    )  # fmt: skip
    return [await match_read(session, actor=actor, match=m) for m in rows], total


# --------------------------------------------------------------------------- lifecycle


@dataclass(frozen=True)
class Move:
    by: frozenset[str]  # roles that may make it
    start: frozenset[str]  # statuses it may start from
    to: str | None  # the new status (None: unchanged)
    verb: str  # for messages


MOVES: dict[str, Move] = {
    "contact": Move(frozenset({"buyer"}), frozenset({"suggested"}), "contacted", "接受联系"),
    "express_interest": Move(frozenset({"supplier"}), frozenset({"suggested"}), None, "表达合作意向"),
    "quote": Move(frozenset({"supplier"}), frozenset({"contacted", "quoted"}), "quoted", "报价"),
    "contract": Move(frozenset({"buyer", "supplier"}), frozenset({"contacted", "quoted"}), "contracted", "确认签约"),
    "decline": Move(
        frozenset({"buyer", "supplier"}), frozenset({"suggested", "contacted", "quoted"}), "declined", "谢绝"
    ),
}
STATUS_NAMES = {
    "suggested": "待联系",
    "contacted": "已建立联系",
    "quoted": "已报价",
    "contracted": "已签约",
    "declined": "已谢绝",
}


def _apply(
    match: Match, move: str, role: str | None, *, amount: Decimal | None, note: str | None, reason: str | None
) -> None:
    now = utcnow()
    if move == "contact":
        match.contacted_at = now
    elif move == "express_interest":
        if match.interest_at is not None:
            raise Conflict("已表达过合作意向，请等待需求方回复")
        match.interest_at = now
    elif move == "quote":
        match.quote_amount, match.quote_note, match.quoted_at = amount, note, now
    elif move == "contract":
        match.contract_amount, match.contracted_at, match.contracted_by = amount, now, role
    elif move == "decline":
        match.decline_reason, match.declined_by, match.declined_at = reason, role, now
    target = MOVES[move].to
    if target is not None:
        match.status = target
    match.version += 1


def _notice(match: Match, move: str, role: str, amount: Decimal | None) -> tuple[uuid.UUID, str, str]:
    """(organisation to tell, title, body) for the other side of a move."""
    demand, listing = match.demand, match.listing
    money = f"，金额 {amount} 元" if amount is not None else ""
    if role == "buyer":
        titles = {
            "contact": f"需求方已接受联系：{demand.title}",
            "contract": f"需求方确认签约：{demand.title}",
            "decline": f"需求方谢绝了合作：{demand.title}",
        }
        return listing.organization_id, titles[move], f"挂牌“{listing.title}”{money}"
    titles = {
        "express_interest": f"供应商对您的需求感兴趣：{listing.title}",
        "quote": f"收到报价：{listing.title}",
        "contract": f"供应商确认签约：{listing.title}",
        "decline": f"供应商谢绝了合作：{listing.title}",
    }
    return demand.organization_id, titles[move], f"需求“{demand.title}”{money}"


async def move_match(
    session: AsyncSession,
    *,
    actor: Actor,
    match_id: uuid.UUID,
    move: str,
    amount: Decimal | None = None,
    note: str | None = None,
    reason: str | None = None,
) -> MatchRead:
    """One lifecycle move by the buyer or the supplier: checked (403 for the wrong side, 409 for
    the wrong status), audited, and told to the other side."""
    rule = MOVES[move]
    match, role = await match_for(session, actor=actor, match_id=match_id, for_update=True)
    if role not in rule.by:
        sides = "、".join({"buyer": "需求方", "supplier": "供应商"}[r] for r in sorted(rule.by))
        raise Forbidden(f"只有{sides}可以{rule.verb}")
    if match.status not in rule.start:
        raise Conflict(f"匹配当前状态为“{STATUS_NAMES[match.status]}”，不能{rule.verb}")
    before = snapshot(match)
    _apply(match, move, role, amount=amount, note=note, reason=reason)
    await session.flush()
    await record_change(
        session, entity_type=ENTITY, entity_id=match.id, action=move, actor=actor, before=before,
        after=snapshot(match), note=reason or note,
    )  # fmt: skip
    organization_id, title, body = _notice(match, move, role, amount)
    await notify(
        session, organization_id=organization_id, kind=f"match.{move}", title=title, body=body,
        entity_type=ENTITY, entity_id=match.id, link=f"/api/v1/matches/{match.id}",
    )  # fmt: skip
    return await match_read(session, actor=actor, match=match)


# --------------------------------------------------------------------------- statistics


def _rows(raw: list[Any], names: dict[str, str]) -> list[StatisticsRow]:
    rows: dict[str, StatisticsRow] = {}
    for code, status, count, amount in raw:
        row = rows.setdefault(
            code,
            StatisticsRow(
                code=code,
                name=names.get(code, code),
                by_status=dict.fromkeys(MATCH_STATUSES, 0),
                total=0,
                contracted_amount=Decimal(0),
            ),
        )
        row.by_status[status] = count
        row.total += count
        if status == "contracted":
            row.contracted_amount += amount
    return sorted(rows.values(), key=lambda r: (-r.total, r.code))


async def match_statistics(session: AsyncSession, *, actor: Actor) -> MatchStatistics:
    """Match counts and contracted amounts in the bureau's region scope (admin: everywhere)."""
    scope = None if actor.is_platform_admin else actor.region_code
    if not actor.is_platform_admin and (not actor.is_kind("bureau") or scope is None):
        raise Forbidden("此操作仅限主管部门")
    raw = await repository.statistics(session, scope=overseen(Demand, actor))
    codes = [row[0] for row in raw["by_group"]] + [row[0] for row in raw["by_city"]]
    names = await repository.names_of(
        session, categories=[c for c in codes if len(c) < 6], regions=[c for c in codes if len(c) == 6]
    )
    by_status = dict.fromkeys(MATCH_STATUSES, 0) | raw["by_status"]
    return MatchStatistics(
        scope=scope, by_status=by_status, total=sum(by_status.values()), contracted_amount=raw["contracted_amount"],
        by_category_group=_rows(raw["by_group"], names), by_city=_rows(raw["by_city"], names),
    )  # fmt: skip


# --------------------------------------------------------------------------- pairs met elsewhere


async def score_pairs(
    session: AsyncSession, *, demand_ids: Sequence[uuid.UUID], listing_ids: Sequence[uuid.UUID]
) -> dict[tuple[uuid.UUID, uuid.UUID], Scored]:
    """The engine's score of every (demand, listing) pair of two given sets whose categories
    relate at all (matchmaking events: what a buyer and a supplier could talk about)."""
    if not demand_ids or not listing_ids:
        return {}
    taxonomy = await repository.load_taxonomy(session)
    demands = await repository.demands_by_id(session, list(demand_ids))
    regions = await repository.region_info(session, sorted({d.region_code for d in demands}))
    listings = await repository.listings_features_by_id(session, list(listing_ids))
    found: dict[tuple[uuid.UUID, uuid.UUID], Scored] = {}
    for demand in demands:
        features = repository.demand_features(demand, regions.get(demand.region_code, (demand.region_code, []))[0])
        for listing in listings:
            if category_factor(features, listing, taxonomy)[0] > 0:
                found[demand.id, listing.id] = score(features, listing, taxonomy)
    return found


async def record_event_deal(
    session: AsyncSession, *, actor: Actor, demand_id: uuid.UUID, listing_id: uuid.UUID, outcome: str,
    amount: Decimal | None, side: str | None,
) -> Match:  # fmt: skip
    """A deal agreed at a matchmaking event enters the match lifecycle: the match between the
    demand and the listing (scored and created when the engine had not suggested the pair) is
    contacted for an intention and contracted (with the amount) for a contract, by the same moves,
    audit and statistics as any other. Contracted and declined matches stay as they are."""
    match = await repository.find_match(session, demand_id=demand_id, listing_id=listing_id)
    if match is None:
        scored = await score_pairs(session, demand_ids=[demand_id], listing_ids=[listing_id])
        pair = scored.get((demand_id, listing_id)) or Scored(score=0.0, breakdown={}, reasons=[])
        await repository.store_scored(session, [(demand_id, listing_id, pair)], computed_at=utcnow())
        match = await repository.find_match(session, demand_id=demand_id, listing_id=listing_id)
        assert match is not None
    moves = ["contact"] if match.status == "suggested" else []
    if outcome == "contract" and match.status in ("suggested", "contacted", "quoted"):
        moves.append("contract")
    for move in moves:
        before = snapshot(match)
        _apply(match, move, side, amount=amount if move == "contract" else None, note=None, reason=None)
        await session.flush()
        await record_change(
            session, entity_type=ENTITY, entity_id=match.id, action=move, actor=actor, before=before,
            after=snapshot(match), note="供需对接会洽谈成果",
        )  # fmt: skip
    return match
