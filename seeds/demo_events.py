"""Demo matchmaking events (供需对接会): one per demo city — 济宁, 嘉兴, 泉州, 成都 — announced by the
city's bureau, with the city's buyers and suppliers registered, meeting requests (each buyer asks
its best-matching suppliers; most accept, some decline) and a schedule; and one earlier 嘉兴 event,
already held, with the outcomes of its meetings recorded (met, follow-up, intentions and contracts
with amounts, a no-show), so the statistics and the console have events to show. Written through
the event services, idempotently (an event that exists is left alone).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.db import utcnow
from catalog.regions.repository import lies_under_any, paths_of
from matching.events import repository
from matching.events.models import Event
from matching.events.schemas import EventCreate, OutcomeCreate, RegistrationCreate, RequestCreate, SlotIn
from matching.events.service import (
    answer_request,
    create_event,
    move_event,
    pair_scores,
    record_outcome,
    register,
    run_schedule,
    send_request,
)

# (bureau key, title, regions, venue, tables)
EVENTS = (
    ("jining", "济宁市工程机械与高端装备产业链供需对接会", ["370800"], "济宁国际会展中心 A馆", 6),
    ("jiaxing", "嘉兴市纺织与智能装备供需对接会", ["330400"], "嘉兴国际会展中心 2号馆", 6),
    ("quanzhou", "泉州市鞋服纺织装备更新供需对接会", ["350500"], "泉州海峡国际会展中心", 6),
    ("chengdu", "成都市设备更新“一对一”供需对接会", ["510100"], "成都世纪城新国际会展中心", 6),
)
SLOTS = [("09:00", "09:25"), ("09:30", "09:55"), ("10:00", "10:25"), ("10:30", "10:55"),
         ("11:00", "11:25"), ("14:00", "14:25"), ("14:30", "14:55"), ("15:00", "15:25")]  # fmt: skip
MAX_SUPPLIERS = 10
MAX_BUYERS = 10


async def write_demo_events(session: AsyncSession, actors: dict[str, Actor], *, now: datetime | None = None) -> int:
    """Write the demo events; returns how many were created (0 when they all exist)."""
    now = now or utcnow()
    created = 0
    suppliers = [a for key, a in sorted(actors.items()) if a.is_kind("supplier")]
    for bureau_key, title, regions, venue, tables in EVENTS:
        bureau = actors.get(bureau_key)
        if bureau is None:
            continue
        exists = await session.scalar(
            select(Event.id).where(Event.organization_id == bureau.organization_id, Event.title == title)
        )
        if exists is not None:
            continue
        event = await create_event(
            session, actor=bureau, now=now,
            data=EventCreate(
                title=title, region_codes=regions, venue=venue, date=(now + timedelta(days=21)).date(),
                slots=[SlotIn(start=s, end=e) for s, e in SLOTS], tables=tables,
                registration_deadline=now + timedelta(days=14), max_meetings_per_participant=5,
                description="落实设备更新行动方案：供需双方提前预约一对一洽谈，平台按匹配度推荐洽谈对象并自动排定日程。",
            ),
        )  # fmt: skip
        buyers = [a for key, a in sorted(actors.items()) if a.is_kind("buyer")]
        local = [b for b in buyers if await lies_under_any(session, b.region_code, regions)][:MAX_BUYERS]
        province = (await paths_of(session, [regions[0]]))[regions[0]][1]  # 000000, then the province
        near = [s for s in suppliers if await lies_under_any(session, s.region_code, [province])]
        chosen = (near + [s for s in suppliers if s not in near])[:MAX_SUPPLIERS]
        registered = {}
        for i, actor in enumerate(chosen + local):
            slots = None if i % 4 else list(range(2, len(SLOTS)))  # some arrive late
            registration = await register(
                session, actor=actor, event_id=event.id, now=now,
                data=RegistrationCreate(available_slots=slots, max_meetings=4 if i % 5 == 0 else None),
            )  # fmt: skip
            registered[registration.id] = (registration, actor)
        regs = [r for r, _ in registered.values()]
        scores = await pair_scores(session, regs)
        for n, buyer in enumerate(r for r in regs if r.role == "buyer"):
            ranked = sorted(
                (r for r in regs if r.role == "supplier"),
                key=lambda s: (-(scores[s.id, buyer.id].score if (s.id, buyer.id) in scores else 0.0), str(s.id)),
            )
            for k, supplier in enumerate(ranked[:2]):
                request = await send_request(
                    session, actor=registered[buyer.id][1], event_id=event.id,
                    data=RequestCreate(to=supplier.id, priority="must" if k == 0 else "meet",
                                       note="希望了解设备参数、交期与售后服务"),
                )  # fmt: skip
                answer = "decline" if (n + k) % 6 == 5 else "accept"
                await answer_request(
                    session, actor=registered[supplier.id][1], event_id=event.id, request_id=request.id, action=answer
                )
        await run_schedule(session, actor=bureau, event_id=event.id, now=now, time_limit=3.0)
        created += 1
    return created


HELD = ("jiaxing", "嘉兴市袜业与经编装备供需对接会（第一期）", ["330400"], "海宁皮革城会展中心", 4)
# The outcome recorded for the n-th meeting (in slot, table order), with an amount in 元 for deals.
OUTCOMES: tuple[tuple[str, Decimal | None, str], ...] = (
    ("held", None, "已洽谈，双方交换了设备参数"),
    ("intention", Decimal("860000.00"), "达成采购意向，待现场考察"),
    ("follow_up", None, "约定两周内上门测量"),
    ("contract", Decimal("1280000.00"), "现场签约"),
    ("no_show", None, "需求方未到场"),
    ("intention", Decimal("415000.00"), "达成意向，分两批交付"),
)


async def write_demo_held_event(session: AsyncSession, actors: dict[str, Actor], *, now: datetime | None = None) -> int:
    """The earlier 嘉兴 event: announced 60 days ago, registered and scheduled then, held 39 days
    ago, with outcomes recorded for its meetings. Returns 1 when written, 0 when it exists."""
    now = now or utcnow()
    bureau_key, title, regions, venue, tables = HELD
    bureau = actors.get(bureau_key)
    if bureau is None:
        return 0
    exists = await session.scalar(
        select(Event.id).where(Event.organization_id == bureau.organization_id, Event.title == title)
    )
    if exists is not None:
        return 0
    then = now - timedelta(days=60)
    event = await create_event(
        session, actor=bureau, now=then,
        data=EventCreate(
            title=title, region_codes=regions, venue=venue, date=(then + timedelta(days=21)).date(),
            slots=[SlotIn(start=s, end=e) for s, e in SLOTS[:5]], tables=tables,
            registration_deadline=then + timedelta(days=14), max_meetings_per_participant=3,
            description="袜业、经编集群设备更新专场：平台按匹配度推荐洽谈对象，现场一对一洽谈。",
        ),
    )  # fmt: skip
    buyers = [a for _, a in sorted(actors.items()) if a.is_kind("buyer")]
    local = [b for b in buyers if await lies_under_any(session, b.region_code, regions)][:MAX_BUYERS]
    suppliers = [a for _, a in sorted(actors.items()) if a.is_kind("supplier")]
    near = [s for s in suppliers if await lies_under_any(session, s.region_code, ["330000"])]
    registered = {}
    for actor in (near + [s for s in suppliers if s not in near])[:MAX_SUPPLIERS] + local:
        registration = await register(session, actor=actor, event_id=event.id, now=then, data=RegistrationCreate())
        registered[registration.id] = (registration, actor)
    regs = [r for r, _ in registered.values()]
    scores = await pair_scores(session, regs)
    for buyer in (r for r in regs if r.role == "buyer"):  # each buyer meets its two best-matching suppliers
        ranked = sorted(
            ((p.score, s) for (s, b), p in scores.items() if b == buyer.id), key=lambda x: (-x[0], str(x[1]))
        )
        for _, supplier_id in ranked[:2]:
            request = await send_request(
                session, actor=registered[buyer.id][1], event_id=event.id,
                data=RequestCreate(to=supplier_id, priority="must", note="希望现场了解设备参数与报价"),
            )  # fmt: skip
            await answer_request(
                session, actor=registered[supplier_id][1], event_id=event.id, request_id=request.id, action="accept"
            )
    await run_schedule(session, actor=bureau, event_id=event.id, now=then, time_limit=3.0)
    await move_event(session, actor=bureau, event_id=event.id, action="hold")
    for n, meeting in enumerate(await repository.meetings(session, event.id)):
        outcome, amount, note = OUTCOMES[n % len(OUTCOMES)]
        if outcome in ("intention", "contract") and (meeting.demand_id is None or meeting.listing_id is None):
            outcome, amount = "held", None  # a deal needs the demand and listing it is about
        await record_outcome(
            session, actor=bureau, event_id=event.id, meeting_id=meeting.id,
            data=OutcomeCreate(outcome=outcome, amount=amount, note=note),
        )  # fmt: skip
    return 1
