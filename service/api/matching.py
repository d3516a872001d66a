"""Matching over HTTP: a demand's ranked listings, a listing's ranked (anonymised) leads, the match
lifecycle (contact, interest, quote, contract, decline) and the bureaus' match statistics."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter

from catalog.schemas import Page
from matching.matches import service
from matching.matches.schemas import (
    ContractBody,
    DeclineBody,
    LeadItems,
    MatchItems,
    MatchRead,
    MatchStatistics,
    QuoteBody,
)
from matching.policies import service as policies
from service.api.params import Limit, Offset
from service.auth import BureauActor, CurrentActor, SettingsDep
from service.db import SessionDep

router = APIRouter(tags=["matching"])
Status = Literal["suggested", "contacted", "quoted", "contracted", "declined"]


@router.get("/demands/{demand_id}/matches", response_model=MatchItems)
async def demand_matches(
    demand_id: uuid.UUID, actor: CurrentActor, session: SessionDep, settings: SettingsDep, limit: Limit = 20
) -> MatchItems:
    """The demand's best listings with score, breakdown and reasons (its buyer, bureaus in scope),
    each with the policy support it may get and the net cost (price − support, a range)."""
    result = await service.demand_matches(
        session, actor=actor, demand_id=demand_id, limit=limit, config=settings.match_config()
    )
    await policies.attach_match_support(session, demand_id, result.items)
    return result


@router.get("/listings/{listing_id}/leads", response_model=LeadItems)
async def listing_leads(
    listing_id: uuid.UUID, actor: CurrentActor, session: SessionDep, settings: SettingsDep, limit: Limit = 20
) -> LeadItems:
    """The listing's best demands, anonymised until the buyer accepts contact (its supplier, bureaus in scope)."""
    return await service.listing_leads(
        session, actor=actor, listing_id=listing_id, limit=limit, config=settings.match_config()
    )


@router.get("/matches", response_model=Page[MatchRead])
async def my_matches(
    actor: CurrentActor, session: SessionDep, status: Status | None = None, limit: Limit = 20, offset: Offset = 0
) -> Page[MatchRead]:
    """The caller's matches: a buyer's for its demands, a supplier's for its listings."""
    items, total = await service.my_matches(session, actor=actor, status=status, limit=limit, offset=offset)
    return Page(items=items, total=total)


@router.get("/matches/{match_id}", response_model=MatchRead)
async def get_match(match_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> MatchRead:
    """One match with its lifecycle (its buyer, its supplier, bureaus in scope of the demand)."""
    match, _ = await service.match_for(session, actor=actor, match_id=match_id)
    return await service.match_read(session, actor=actor, match=match)


@router.post("/matches/{match_id}/contact", response_model=MatchRead)
async def accept_contact(match_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> MatchRead:
    """The buyer accepts contact: from now on the supplier sees the buyer's name and contact."""
    return await service.move_match(session, actor=actor, match_id=match_id, move="contact")


@router.post("/matches/{match_id}/express-interest", response_model=MatchRead)
async def express_interest(match_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> MatchRead:
    """The supplier asks the buyer for contact (the buyer is notified)."""
    return await service.move_match(session, actor=actor, match_id=match_id, move="express_interest")


@router.post("/matches/{match_id}/quote", response_model=MatchRead)
async def quote(match_id: uuid.UUID, body: QuoteBody, actor: CurrentActor, session: SessionDep) -> MatchRead:
    """The supplier quotes (after the buyer accepted contact)."""
    return await service.move_match(
        session, actor=actor, match_id=match_id, move="quote", amount=body.amount, note=body.note
    )


@router.post("/matches/{match_id}/contract", response_model=MatchRead)
async def contract(match_id: uuid.UUID, body: ContractBody, actor: CurrentActor, session: SessionDep) -> MatchRead:
    """The buyer or the supplier confirms the signed contract and its amount."""
    return await service.move_match(session, actor=actor, match_id=match_id, move="contract", amount=body.amount)


@router.post("/matches/{match_id}/decline", response_model=MatchRead)
async def decline(match_id: uuid.UUID, body: DeclineBody, actor: CurrentActor, session: SessionDep) -> MatchRead:
    """Either side declines, with a reason."""
    return await service.move_match(session, actor=actor, match_id=match_id, move="decline", reason=body.reason)


@router.get("/statistics/matches", response_model=MatchStatistics)
async def match_statistics(actor: BureauActor, session: SessionDep) -> MatchStatistics:
    """Match counts per status, contracted amounts, by category group and city (bureau scope; admin all)."""
    return await service.match_statistics(session, actor=actor)
