"""Matchmaking-event rules (供需对接会): creating and moving events through their status machine,
co-organisers, registrations, meeting requests, proposals from the matching engine, scheduling
(load → `scheduler.schedule` → store), outcomes feeding the match lifecycle, check-in, and who
may see or do what. Every write is audited and emitted to the outbox (`catalog.changes`).

Concurrency: acts that change the schedule or its inputs (registering, scheduling, moving the
event) take an UPDATE lock on the event row, so a schedule never runs on half a registration.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor, authorize, in_scope
from catalog.changes import record_change
from catalog.db import utcnow
from catalog.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from catalog.lifecycle import Transition, next_status
from catalog.notifications.service import announce_opening, notify, notify_all
from catalog.organizations.models import Organization
from catalog.regions.repository import lies_under_any, unknown_codes_error
from catalog.schemas import CHINA, CategoryRef, OrganizationRef
from catalog.taxonomy.repository import find_category
from matching.events import repository, scheduler
from matching.events.models import Event, Meeting, MeetingRequest, Registration
from matching.events.schemas import (
    EventCreate,
    EventRead,
    MeetingRead,
    OutcomeCreate,
    ProposalRead,
    RegistrationCreate,
    RegistrationRead,
    RequestCreate,
    RequestRead,
    ScheduleRead,
    SlotRead,
    UnplacedRead,
)
from matching.matches.service import record_event_deal, score_pairs

EVENT, REGISTRATION, REQUEST, MEETING = "event", "event_registration", "event_request", "event_meeting"
PROPOSAL_MIN_SCORE = 0.5  # pairs scoring below this are not proposed
SCHEDULE_SECONDS = 8.0  # the solver's time limit: a schedule answers within ~10 s on 2 cores

EVENT_TRANSITIONS: Mapping[str, Transition] = {
    "open": Transition(frozenset({"draft"}), "registration", "只有草稿状态的对接会可以开放报名"),
    "schedule": Transition(frozenset({"registration", "scheduled"}), "scheduled", "对接会已举行或尚未开放，不能排程"),
    "hold": Transition(frozenset({"scheduled"}), "held", "只有已排程的对接会可以标记为已举行"),
    "close": Transition(frozenset({"held"}), "closed", "只有已举行的对接会可以结束"),
}
REQUEST_TRANSITIONS: Mapping[str, Transition] = {
    "accept": Transition(frozenset({"pending"}), "accepted", "该洽谈请求已答复或已撤回"),
    "decline": Transition(frozenset({"pending"}), "declined", "该洽谈请求已答复或已撤回"),
    "cancel": Transition(frozenset({"pending", "accepted"}), "cancelled", "该洽谈请求已答复拒绝，不能撤回"),
}
STATUS_NAMES = {"draft": "草稿", "registration": "报名中", "scheduled": "已排程", "held": "已举行", "closed": "已结束"}
ROLE_NAMES = {"supplier": "供应商", "buyer": "需求企业"}
EVENT_FIELDS = (
    "title", "description", "category_code", "region_codes", "venue", "date", "slots", "tables",
    "registration_deadline", "max_meetings_per_participant", "status",
)  # fmt: skip
REGISTRATION_FIELDS = ("role", "listing_ids", "demand_ids", "available_slots", "max_meetings", "checked_in_at")
REQUEST_FIELDS = ("priority", "note", "status")
MEETING_FIELDS = ("slot", "table_no", "outcome", "amount", "outcome_note", "match_id")


def snapshot(obj: Event | Registration | MeetingRequest | Meeting) -> dict[str, Any]:
    fields = {Event: EVENT_FIELDS, Registration: REGISTRATION_FIELDS, MeetingRequest: REQUEST_FIELDS}
    names = fields.get(type(obj), MEETING_FIELDS)
    return {name: getattr(obj, name) for name in names}


def link(event: Event) -> str:
    return f"/api/v1/events/{event.id}"


# --------------------------------------------------------------------------- who may see and do what


@dataclass(frozen=True)
class Access:
    """What the actor is to an event."""

    organizer: bool  # the event's own bureau (or the platform admin): manages it
    co_organizer: bool  # a co-organising bureau: reads it, acts for the participants in its scope
    overseer: bool  # a bureau whose scope holds every event region: reads everything
    registration: Registration | None  # the actor's own registration

    @property
    def staff(self) -> bool:
        return self.organizer or self.co_organizer or self.overseer


async def _oversees(session: AsyncSession, actor: Actor, event: Event) -> bool:
    if not actor.is_kind("bureau"):
        return False
    return all([await in_scope(session, actor, code) for code in event.region_codes])


async def access_to(session: AsyncSession, actor: Actor, event: Event) -> Access:
    organizer = actor.is_platform_admin or (actor.organization_id == event.organization_id)
    co = actor.is_kind("bureau") and any(
        o.id == actor.organization_id for o in await repository.co_organizers(session, event.id)
    )
    registration = None
    if actor.organization_id is not None and actor.organization_kind in ("supplier", "buyer"):
        registration = await repository.registration_of(session, event.id, organization_id=actor.organization_id)
    return Access(organizer, co, await _oversees(session, actor, event), registration)


async def _may_join(session: AsyncSession, actor: Actor, event: Event) -> bool:
    """Who sees an announced event: suppliers anywhere, buyers and bureaus inside its regions."""
    if event.status == "draft":
        return False
    if actor.is_kind("supplier"):
        return True
    return (actor.is_kind("buyer") or actor.is_kind("bureau")) and await lies_under_any(
        session, actor.region_code, event.region_codes
    )


async def event_for(
    session: AsyncSession, *, actor: Actor, event_id: uuid.UUID, manage: bool = False, lock: bool = False
) -> tuple[Event, Access]:
    """The event and the actor's part in it. 404 for anyone who may not read it (nobody learns
    that a draft or another region's event exists); 403 for a reader who may not manage it."""
    event = await repository.get_event(session, event_id, lock=lock)
    if event is None:
        raise NotFound("对接会不存在")
    access = await access_to(session, actor, event)
    if not (access.staff or access.registration is not None or await _may_join(session, actor, event)):
        raise NotFound("对接会不存在")
    if manage and not access.organizer:
        raise Forbidden("只有主办的主管部门可以管理该对接会")
    return event, access


async def _sees_registration(session: AsyncSession, actor: Actor, access: Access, registration: Registration) -> bool:
    """Whose agenda and meetings the actor sees in full: organiser and overseers all, a
    co-organiser those of companies in its own scope, a company its own."""
    if access.organizer or access.overseer:
        return True
    if access.co_organizer and await in_scope(session, actor, registration.organization.region_code):
        return True
    return registration.organization_id == actor.organization_id


# --------------------------------------------------------------------------- events


def _slot_errors(data: EventCreate) -> list[FieldError]:
    errors = []
    previous_end = ""
    for i, slot in enumerate(data.slots):
        if slot.end <= slot.start:
            errors.append(FieldError(f"slots.{i}.end", "结束时间应晚于开始时间"))
        if slot.start < previous_end:
            errors.append(FieldError(f"slots.{i}.start", "时段应按时间先后排列且互不重叠"))
        previous_end = slot.end
    return errors


def slot_start(event: Event | EventCreate, index: int) -> datetime:
    """When slot `index` starts, in UTC (slots are local China time on the event's date)."""
    raw = event.slots[index]
    clock = raw["start"] if isinstance(raw, dict) else raw.start
    hours, minutes = (int(part) for part in clock.split(":"))
    return datetime.combine(event.date, time(hours, minutes), tzinfo=CHINA)


async def create_event(session: AsyncSession, *, actor: Actor, data: EventCreate, now: datetime | None = None) -> Event:
    """A bureau announces (or drafts) an event inside its own scope."""
    now = now or utcnow()
    if actor.organization_id is None or not actor.is_kind("bureau"):
        raise Forbidden("对接会须由主管部门账号发起")
    errors: list[FieldError] = []
    category = None
    if data.category is not None:
        category = await find_category(session, data.category)
        if category is None:
            errors.append(FieldError("category", f"未知品类：{data.category[:50]}（可填写品类代码、名称或别名）"))
    regions = list(dict.fromkeys(data.region_codes))
    if unknown := await unknown_codes_error(session, regions, field="region_codes"):
        errors.append(unknown)
    errors.extend(_slot_errors(data))
    if data.registration_deadline <= now:
        errors.append(FieldError("registration_deadline", "报名截止时间应晚于当前时间"))
    elif data.registration_deadline > slot_start(data, 0):
        errors.append(FieldError("registration_deadline", "报名截止时间应早于第一场洽谈开始"))
    cap = data.max_meetings_per_participant
    if cap is not None and cap > len(data.slots):
        errors.append(FieldError("max_meetings_per_participant", "每家企业的洽谈场次不能多于时段数"))
    if errors:
        raise ValidationFailed("对接会信息有误", errors=errors)
    outside = [code for code in regions if not await in_scope(session, actor, code)]
    if outside:
        raise Forbidden(f"区域 {', '.join(outside[:5])} 不在贵单位辖区内")
    event = Event(
        organization_id=actor.organization_id, created_by_user_id=actor.user_id, title=data.title,
        description=data.description, category_code=category.code if category else None, region_codes=regions,
        venue=data.venue, date=data.date, slots=[s.model_dump() for s in data.slots], tables=data.tables,
        registration_deadline=data.registration_deadline, max_meetings_per_participant=cap or len(data.slots),
        status=data.status, schedule_report={}, version=1,
    )  # fmt: skip
    session.add(event)
    await session.flush()
    await record_change(
        session, entity_type=EVENT, entity_id=event.id, action="create", actor=actor, before={}, after=snapshot(event)
    )
    if event.status == "registration":
        await _announce(session, event)
    loaded = await repository.get_event(session, event.id)
    assert loaded is not None
    return loaded


async def _announce(session: AsyncSession, event: Event) -> None:
    """An event opening for registration is told, like a group purchase (`announce_opening`), to
    the buyers with published demands in its category and regions and to the suppliers with
    published listings in its category (an event without a category: in its regions)."""
    deadline = event.registration_deadline.strftime("%Y-%m-%d %H:%M")
    await announce_opening(
        session, kind="event.opened", title=f"供需对接会开放报名：{event.title}"[:200],
        bodies={
            "buyer": f"您发布的需求属于该对接会的品类和地区，可在 {deadline}（UTC）前报名并预约一对一洽谈（{event.date}，{event.venue}）。",
            "supplier": (
                "该对接会的品类与您的在售设备相同" if event.category_code else "该对接会面向贵司所在地区、不限品类"
            ) + f"，可在 {deadline}（UTC）前报名参加（{event.date}，{event.venue}）。",
        },
        category_code=event.category_code, region_codes=event.region_codes,
        entity_type=EVENT, entity_id=event.id, link=link(event),
    )  # fmt: skip


async def move_event(session: AsyncSession, *, actor: Actor, event_id: uuid.UUID, action: str) -> Event:
    """open · hold · close, by the organising bureau; idempotent, 409 from a wrong status."""
    event, _ = await event_for(session, actor=actor, event_id=event_id, manage=True, lock=True)
    target = next_status(EVENT_TRANSITIONS, event.status, action)
    if target is None:
        return event
    before = snapshot(event)
    event.status = target
    event.version += 1
    await session.flush()
    await record_change(
        session, entity_type=EVENT, entity_id=event.id, action=action, actor=actor, before=before,
        after=snapshot(event),
    )  # fmt: skip
    if action == "open":
        await _announce(session, event)
    if action == "hold":
        await _tell_participants(session, event, f"对接会已举行：{event.title}", "请在平台登记每场洽谈的成果")
    return event


async def list_events(session: AsyncSession, *, actor: Actor, limit: int, offset: int) -> tuple[list[EventRead], int]:
    """The events the caller may read (organised, co-organised, overseen, joined or joinable),
    soonest first; the platform admin: all."""
    if actor.is_platform_admin:
        rows, total = await repository.list_events(session, organization_ids=None, limit=limit, offset=offset)
        return [await event_view(session, e) for e in rows], total
    everything, _ = await repository.list_events(session, organization_ids=None, limit=1000, offset=0)
    visible = []
    for event in everything:
        access = await access_to(session, actor, event)
        if access.staff or access.registration is not None or await _may_join(session, actor, event):
            visible.append(event)
    return [await event_view(session, e) for e in visible[offset : offset + limit]], len(visible)


async def event_view(session: AsyncSession, event: Event) -> EventRead:
    co = await repository.co_organizers(session, event.id)
    return EventRead(
        id=event.id, title=event.title, description=event.description,
        category=CategoryRef.model_validate(event.category) if event.category else None,
        region_codes=event.region_codes, venue=event.venue, date=event.date,
        slots=[SlotRead(index=i, start=s["start"], end=s["end"]) for i, s in enumerate(event.slots)],
        tables=event.tables, registration_deadline=event.registration_deadline,
        max_meetings_per_participant=event.max_meetings_per_participant, status=event.status,
        organizer=OrganizationRef.model_validate(event.organization),
        co_organizers=[OrganizationRef.model_validate(o) for o in co],
        registrations=await repository.registration_count(session, event.id), scheduled_at=event.scheduled_at,
        version=event.version,
    )  # fmt: skip


async def add_co_organizer(
    session: AsyncSession, *, actor: Actor, event_id: uuid.UUID, organization_id: uuid.UUID | None
) -> Event:
    """A bureau inside the event's regions co-organises it for its own participants: it joins
    itself, or the organiser adds it."""
    event, access = await event_for(session, actor=actor, event_id=event_id, lock=True)
    target_id = organization_id or actor.organization_id
    if not access.organizer and target_id != actor.organization_id:
        raise Forbidden("只有主办单位可以邀请其他主管部门协办")
    if not (access.organizer or actor.is_kind("bureau")):
        raise Forbidden("只有主管部门可以协办对接会")
    bureau = await session.get(Organization, target_id) if target_id else None
    if bureau is None or bureau.kind != "bureau":
        raise NotFound("主管部门不存在")
    if bureau.id == event.organization_id:
        raise Conflict("主办单位无需再登记为协办单位")
    if not await lies_under_any(session, bureau.region_code, event.region_codes):
        raise Conflict("协办单位须位于对接会的区域之内")
    if await repository.add_co_organizer(session, event.id, bureau.id):
        await record_change(
            session, entity_type=EVENT, entity_id=event.id, action="co_organize", actor=actor, before={},
            after={"co_organizer": bureau.id}, note=bureau.name,
        )  # fmt: skip
    return event


# --------------------------------------------------------------------------- registrations


def _require_registration_open(event: Event, now: datetime) -> None:
    if event.status != "registration":
        raise Conflict(f"对接会当前不接受报名（{STATUS_NAMES[event.status]}）")
    if now > event.registration_deadline:
        raise Conflict("报名已截止")


async def _registrant(
    session: AsyncSession, actor: Actor, event: Event, access: Access, data: RegistrationCreate
) -> Organization:
    """The organisation being registered: the caller's own, or — for a bureau taking part in the
    event — a company in its scope."""
    if data.organization_id is None or data.organization_id == actor.organization_id:
        if actor.organization_kind not in ("supplier", "buyer") or actor.organization_id is None:
            raise Forbidden("只有供应商和需求企业可以报名；主管部门代为报名请填写 organization_id")
        own = await session.get(Organization, actor.organization_id)
        assert own is not None
        return own
    if not actor.is_kind("bureau") and not actor.is_platform_admin:
        raise Forbidden("企业只能为本单位报名")
    if not access.staff:
        raise Forbidden("只有主办、协办或辖区主管部门可以代企业报名")
    company = await session.get(Organization, data.organization_id)
    if company is None:
        raise NotFound("企业不存在")
    await authorize(
        session, actor, Action.OVERSEE, owner_organization_id=company.id, region_code=company.region_code, what="企业"
    )
    if company.kind not in ("supplier", "buyer"):
        raise Forbidden("只有供应商和需求企业可以报名")
    return company


async def _linked_errors(
    session: AsyncSession, company: Organization, data: RegistrationCreate, slots: int
) -> list[FieldError]:
    errors = []
    if company.kind == "buyer" and data.listing_ids:
        errors.append(FieldError("listing_ids", "需求企业报名请关联需求（demand_ids）"))
    if company.kind == "supplier" and data.demand_ids:
        errors.append(FieldError("demand_ids", "供应商报名请关联挂牌（listing_ids）"))
    for listing in await repository.listings_of(session, data.listing_ids):
        if listing.organization_id != company.id or listing.status == "archived":
            errors.append(FieldError("listing_ids", f"挂牌 {listing.id} 不属于该企业或已归档"))
    known = {item.id for item in await repository.listings_of(session, data.listing_ids)}
    errors.extend(FieldError("listing_ids", f"挂牌 {i} 不存在") for i in data.listing_ids if i not in known)
    demands = await repository.demands_of(session, data.demand_ids)
    for demand in demands:
        if demand.organization_id != company.id or demand.status == "closed":
            errors.append(FieldError("demand_ids", f"需求 {demand.id} 不属于该企业或已关闭"))
    known = {d.id for d in demands}
    errors.extend(FieldError("demand_ids", f"需求 {i} 不存在") for i in data.demand_ids if i not in known)
    if data.available_slots is not None:
        if not data.available_slots:
            errors.append(FieldError("available_slots", "至少选择一个时段（不填表示全部时段）"))
        wrong = [s for s in data.available_slots if s >= slots]
        if wrong:
            errors.append(FieldError("available_slots", f"时段编号应在 0–{slots - 1} 之间"))
    if data.max_meetings is not None and data.max_meetings > slots:
        errors.append(FieldError("max_meetings", "洽谈场次不能多于时段数"))
    return errors


async def register(
    session: AsyncSession, *, actor: Actor, event_id: uuid.UUID, data: RegistrationCreate, now: datetime | None = None
) -> Registration:
    """A supplier (anywhere) or a buyer located in the event's regions registers, itself or
    through a bureau in scope. Twice → 409; after the deadline → 409."""
    now = now or utcnow()
    event, access = await event_for(session, actor=actor, event_id=event_id, lock=True)
    company = await _registrant(session, actor, event, access, data)
    if company.kind == "buyer" and not await lies_under_any(session, company.region_code, event.region_codes):
        raise Forbidden("需求企业须位于对接会的区域之内")
    _require_registration_open(event, now)
    if await repository.registration_of(session, event.id, organization_id=company.id) is not None:
        raise Conflict("该企业已报名本次对接会")
    errors = await _linked_errors(session, company, data, len(event.slots))
    if errors:
        raise ValidationFailed("报名信息有误", errors=errors)
    on_behalf = company.id != actor.organization_id
    registration = Registration(
        event_id=event.id, organization_id=company.id, role=company.kind,
        listing_ids=list(dict.fromkeys(data.listing_ids)), demand_ids=list(dict.fromkeys(data.demand_ids)),
        available_slots=sorted(set(data.available_slots)) if data.available_slots is not None else None,
        max_meetings=data.max_meetings, registered_by_user_id=actor.user_id,
        registered_by_organization_id=actor.organization_id if on_behalf else None,
    )  # fmt: skip
    session.add(registration)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise Conflict("该企业已报名本次对接会") from exc
    await record_change(
        session, entity_type=REGISTRATION, entity_id=registration.id, action="register", actor=actor, before={},
        after=snapshot(registration),
    )  # fmt: skip
    if on_behalf:
        await notify(
            session, organization_id=company.id, kind="event.registered", title=f"已为贵司报名对接会：{event.title}",
            body=f"{event.date.isoformat()} {event.venue}", entity_type=EVENT, entity_id=event.id, link=link(event),
        )  # fmt: skip
    found = await repository.registration_of(session, event.id, registration_id=registration.id)
    assert found is not None
    return found


async def registration_views(session: AsyncSession, registrations: Sequence[Registration]) -> list[RegistrationRead]:
    titles = await repository.titles(
        session,
        listing_ids=[i for r in registrations for i in r.listing_ids],
        demand_ids=[i for r in registrations for i in r.demand_ids],
    )
    by = {r.registered_by_organization_id for r in registrations if r.registered_by_organization_id}
    bureaus = {o.id: o for o in [await session.get(Organization, i) for i in by] if o is not None}
    return [
        RegistrationRead(
            id=r.id,
            event_id=r.event_id,
            organization=OrganizationRef.model_validate(r.organization),
            role=r.role,
            region_code=r.organization.region_code,
            listing_ids=r.listing_ids,
            demand_ids=r.demand_ids,
            titles=[titles[i] for i in (*r.listing_ids, *r.demand_ids) if i in titles],
            available_slots=r.available_slots,
            max_meetings=r.max_meetings,
            registered_by=OrganizationRef.model_validate(bureaus[r.registered_by_organization_id])
            if r.registered_by_organization_id in bureaus
            else None,
            checked_in_at=r.checked_in_at,
            created_at=r.created_at,
        )
        for r in registrations
    ]


async def registration_for(
    session: AsyncSession, *, actor: Actor, event: Event, access: Access, registration_id: uuid.UUID
) -> Registration:
    """A registration whose agenda and meetings the actor may see in full (else 404)."""
    registration = await repository.registration_of(session, event.id, registration_id=registration_id)
    if registration is None or not await _sees_registration(session, actor, access, registration):
        raise NotFound("报名不存在")
    return registration


async def check_in(
    session: AsyncSession, *, actor: Actor, event_id: uuid.UUID, registration_id: uuid.UUID
) -> Registration:
    """Sign a participant in at the venue (签到): the participant itself or the organisers."""
    event, access = await event_for(session, actor=actor, event_id=event_id)
    registration = await registration_for(
        session, actor=actor, event=event, access=access, registration_id=registration_id
    )
    if event.status not in ("registration", "scheduled", "held"):
        raise Conflict(f"对接会当前不能签到（{STATUS_NAMES[event.status]}）")
    if registration.checked_in_at is None:
        before = snapshot(registration)
        registration.checked_in_at = utcnow()
        await session.flush()
        await record_change(
            session, entity_type=REGISTRATION, entity_id=registration.id, action="check_in", actor=actor,
            before=before, after=snapshot(registration),
        )  # fmt: skip
    return registration


# --------------------------------------------------------------------------- requests


def request_read(request: MeetingRequest) -> RequestRead:
    return RequestRead(
        id=request.id, event_id=request.event_id, from_=request.from_registration_id, to=request.to_registration_id,
        supplier=request.supplier_registration_id, buyer=request.buyer_registration_id,
        priority=request.priority, note=request.note, status=request.status,
        created_at=request.created_at, answered_at=request.answered_at,
    )  # fmt: skip


async def send_request(
    session: AsyncSession, *, actor: Actor, event_id: uuid.UUID, data: RequestCreate
) -> MeetingRequest:
    """A registered participant asks another for a meeting; only between a supplier and a buyer,
    at most one live (pending or accepted) request per pair."""
    event, access = await event_for(session, actor=actor, event_id=event_id)
    sender = access.registration
    if sender is None:
        raise Forbidden("只有已报名的企业可以发起洽谈请求")
    if event.status not in ("registration", "scheduled"):
        raise Conflict(f"对接会当前不接受洽谈请求（{STATUS_NAMES[event.status]}）")
    receiver = await repository.registration_of(session, event.id, registration_id=data.to)
    if receiver is None:
        raise NotFound("对方未报名本次对接会")
    if receiver.id == sender.id:
        raise Conflict("不能向自己发起洽谈请求")
    if receiver.role == sender.role:
        raise Conflict("洽谈只在供应商与需求企业之间进行")
    supplier, buyer = (sender, receiver) if sender.role == "supplier" else (receiver, sender)
    if await repository.live_request(session, supplier.id, buyer.id) is not None:
        raise Conflict("双方之间已有待答复或已接受的洽谈请求")
    request = MeetingRequest(
        event_id=event.id, from_registration_id=sender.id, to_registration_id=receiver.id,
        supplier_registration_id=supplier.id, buyer_registration_id=buyer.id, priority=data.priority,
        note=data.note, status="pending", sent_by_user_id=actor.user_id,
    )  # fmt: skip
    session.add(request)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise Conflict("双方之间已有待答复或已接受的洽谈请求") from exc
    await record_change(
        session, entity_type=REQUEST, entity_id=request.id, action="send", actor=actor, before={},
        after=snapshot(request), note=data.note or None,
    )  # fmt: skip
    must = "（必见）" if data.priority == "must" else ""
    await notify(
        session, organization_id=receiver.organization_id, kind="event.request",
        title=f"{sender.organization.name} 请求与贵司洽谈{must}", body=f"{event.title}：{data.note}",
        entity_type=REQUEST, entity_id=request.id, link=f"{link(event)}/requests",
    )  # fmt: skip
    return request


async def answer_request(
    session: AsyncSession, *, actor: Actor, event_id: uuid.UUID, request_id: uuid.UUID, action: str
) -> MeetingRequest:
    """accept · decline by the receiver; cancel by the sender. The other side is told."""
    event, access = await event_for(session, actor=actor, event_id=event_id)
    request = await repository.get_request(session, event.id, request_id, lock=True)
    mine = access.registration
    if request is None or mine is None or mine.id not in (request.from_registration_id, request.to_registration_id):
        if request is not None and access.staff:
            raise Forbidden("洽谈请求只能由企业本身答复")
        raise NotFound("洽谈请求不存在")
    if action == "cancel" and mine.id != request.from_registration_id:
        raise Forbidden("只有发起方可以撤回洽谈请求")
    if action != "cancel" and mine.id == request.from_registration_id:
        raise Forbidden("不能答复自己发出的洽谈请求")
    if event.status not in ("registration", "scheduled"):
        raise Conflict(f"对接会当前不能答复洽谈请求（{STATUS_NAMES[event.status]}）")
    target = next_status(REQUEST_TRANSITIONS, request.status, action)
    if target is None:
        return request
    before = snapshot(request)
    request.status = target
    request.answered_at = utcnow()
    await session.flush()
    await record_change(
        session, entity_type=REQUEST, entity_id=request.id, action=action, actor=actor, before=before,
        after=snapshot(request),
    )  # fmt: skip
    other_id = request.to_registration_id if action == "cancel" else request.from_registration_id
    other = await repository.registration_of(session, event.id, registration_id=other_id)
    assert other is not None
    verbs = {"accept": "接受了", "decline": "谢绝了", "cancel": "撤回了"}
    await notify(
        session, organization_id=other.organization_id, kind=f"event.request_{action}",
        title=f"{mine.organization.name} {verbs[action]}洽谈请求", body=event.title, entity_type=REQUEST,
        entity_id=request.id, link=f"{link(event)}/requests",
    )  # fmt: skip
    return request


async def requests_view(session: AsyncSession, *, actor: Actor, event: Event, access: Access) -> list[RequestRead]:
    """A participant its own requests (sent and received), organisers and overseers all, a
    co-organiser those involving companies in its scope."""
    items = await repository.requests(session, event.id)
    visible = await _visible_registrations(session, actor, event, access)
    return [
        request_read(r) for r in items if r.supplier_registration_id in visible or r.buyer_registration_id in visible
    ]


async def _visible_registrations(session: AsyncSession, actor: Actor, event: Event, access: Access) -> set[uuid.UUID]:
    return {
        r.id
        for r in await repository.registrations(session, event.id)
        if await _sees_registration(session, actor, access, r)
    }


# --------------------------------------------------------------------------- proposals


@dataclass(frozen=True)
class PairScore:
    score: float
    demand_id: uuid.UUID
    listing_id: uuid.UUID
    reasons: list[str]


async def _lists(session: AsyncSession, registration: Registration) -> list[uuid.UUID]:
    """What a participant brings: its linked listings or demands, else its published ones."""
    if registration.role == "supplier":
        return registration.listing_ids or await repository.published_listing_ids(session, registration.organization_id)
    return registration.demand_ids or await repository.published_demand_ids(session, registration.organization_id)


async def pair_scores(
    session: AsyncSession, registrations: Sequence[Registration]
) -> dict[tuple[uuid.UUID, uuid.UUID], PairScore]:
    """(supplier registration, buyer registration) → the best engine score between the buyer's
    demands and the supplier's listings, with that demand and listing."""
    brings = {r.id: await _lists(session, r) for r in registrations}
    suppliers = [r for r in registrations if r.role == "supplier"]
    buyers = [r for r in registrations if r.role == "buyer"]
    scored = await score_pairs(
        session,
        demand_ids=sorted({d for b in buyers for d in brings[b.id]}),
        listing_ids=sorted({item for s in suppliers for item in brings[s.id]}),
    )
    best: dict[tuple[uuid.UUID, uuid.UUID], PairScore] = {}
    for s in suppliers:
        for b in buyers:
            for d in brings[b.id]:
                for item in brings[s.id]:
                    found = scored.get((d, item))
                    if found is not None and ((s.id, b.id) not in best or found.score > best[s.id, b.id].score):
                        best[s.id, b.id] = PairScore(found.score, d, item, found.reasons)
    return best


async def proposals_view(session: AsyncSession, *, actor: Actor, event: Event, access: Access) -> list[ProposalRead]:
    """Pairs without any request whose lists match well (score ≥ PROPOSAL_MIN_SCORE), best first:
    suggestions to both sides before scheduling; the schedule fills free capacity with them."""
    registrations = await repository.registrations(session, event.id)
    names = {r.id: r.organization.name for r in registrations}
    visible = await _visible_registrations(session, actor, event, access)
    requested = {
        (r.supplier_registration_id, r.buyer_registration_id) for r in await repository.requests(session, event.id)
    }
    scores = await pair_scores(session, registrations)
    titles = await repository.titles(
        session, listing_ids=[p.listing_id for p in scores.values()], demand_ids=[p.demand_id for p in scores.values()]
    )
    items = [
        ProposalRead(
            supplier=s,
            buyer=b,
            supplier_name=names[s],
            buyer_name=names[b],
            score=p.score,
            listing_id=p.listing_id,
            demand_id=p.demand_id,
            listing_title=titles.get(p.listing_id),
            demand_title=titles.get(p.demand_id),
            reasons=p.reasons[:4],
        )
        for (s, b), p in scores.items()
        if p.score >= PROPOSAL_MIN_SCORE and (s, b) not in requested and (s in visible or b in visible)
    ]
    return sorted(items, key=lambda p: (-p.score, str(p.supplier), str(p.buyer)))


# --------------------------------------------------------------------------- scheduling


def held_slots(event: Event, now: datetime) -> frozenset[int]:
    """Slots that have already started: their meetings are kept when re-scheduling."""
    return frozenset(i for i in range(len(event.slots)) if slot_start(event, i) <= now)


async def run_schedule(
    session: AsyncSession, *, actor: Actor, event_id: uuid.UUID, now: datetime | None = None,
    time_limit: float = SCHEDULE_SECONDS,
) -> Event:  # fmt: skip
    """Schedule (or re-schedule) the event: load, solve (`scheduler.schedule`, in a thread),
    replace the meetings of slots not yet held, store the report, tell every participant."""
    now = now or utcnow()
    event, _ = await event_for(session, actor=actor, event_id=event_id, manage=True, lock=True)
    target = next_status(EVENT_TRANSITIONS, event.status, "schedule")
    registrations = await repository.registrations(session, event.id)
    requests = await repository.requests(session, event.id)
    existing = await repository.meetings(session, event.id)
    held = held_slots(event, now)
    kept = [m for m in existing if m.slot in held or m.outcome is not None]
    scores = await pair_scores(session, registrations)
    requested = {(r.supplier_registration_id, r.buyer_registration_id) for r in requests}
    all_slots = frozenset(range(len(event.slots)))
    problem = scheduler.Problem(
        slots=len(event.slots), tables=event.tables,
        participants=[
            scheduler.Participant(
                str(r.id), r.role,  # type: ignore[arg-type]
                frozenset(r.available_slots) if r.available_slots is not None else all_slots,
                r.max_meetings or event.max_meetings_per_participant,
            )
            for r in registrations
        ],
        requests=[
            scheduler.Request(str(r.id), str(r.supplier_registration_id), str(r.buyer_registration_id),
                              r.priority, r.status)  # type: ignore[arg-type]
            for r in requests
        ],
        proposals=[
            scheduler.Proposal(str(s), str(b), p.score)
            for (s, b), p in scores.items()
            if p.score >= PROPOSAL_MIN_SCORE and (s, b) not in requested
        ],
        held_slots=held,
        kept=[_plain(m) for m in kept],
    )  # fmt: skip
    result = await asyncio.to_thread(scheduler.schedule, problem, time_limit=time_limit)
    kept_ids = {m.id for m in kept}
    await repository.drop_meetings(session, [m.id for m in existing if m.id not in kept_ids])
    await session.flush()
    kept_keys = {(m.slot, m.table_no) for m in kept}
    for m in result.meetings:
        if (m.slot, m.table) in kept_keys:
            continue
        pair = scores.get((uuid.UUID(m.supplier), uuid.UUID(m.buyer)))
        session.add(
            Meeting(
                event_id=event.id, slot=m.slot, table_no=m.table, supplier_registration_id=uuid.UUID(m.supplier),
                buyer_registration_id=uuid.UUID(m.buyer), source=m.source,
                request_id=uuid.UUID(m.request_id) if m.request_id else None,
                score=pair.score if pair else m.score, demand_id=pair.demand_id if pair else None,
                listing_id=pair.listing_id if pair else None, version=1,
            )
        )  # fmt: skip
    before = snapshot(event)
    if target is not None:
        event.status = target
    event.scheduled_at = now
    event.version += 1
    event.schedule_report = {
        "unplaced": [{"request_id": u.request_id, "reason": u.reason, "detail": u.text} for u in result.unplaced],
        "must_placed": result.must_placed, "meet_placed": result.meet_placed,
        "proposed": sum(1 for m in result.meetings if m.source == "proposed"),
        "proposed_score": result.proposed_score / scheduler.SCORE_SCALE, "optimal": result.optimal,
        "bounds": {"must": result.bounds[0], "meet": result.bounds[1], "proposed_score": result.bounds[2] / scheduler.SCORE_SCALE},
        "seconds": round(result.seconds, 3), "time_limit": time_limit, "kept": len(kept),
    }  # fmt: skip
    await session.flush()
    await record_change(
        session, entity_type=EVENT, entity_id=event.id, action="schedule", actor=actor, before=before,
        after=snapshot(event), note=f"{len(result.meetings)} 场洽谈，{len(result.unplaced)} 个请求未能安排",
    )  # fmt: skip
    count: dict[str, int] = {}
    for m in result.meetings:
        count[m.supplier] = count.get(m.supplier, 0) + 1
        count[m.buyer] = count.get(m.buyer, 0) + 1
    await notify_all(
        session,
        [
            {
                "organization_id": r.organization_id,
                "kind": "event.scheduled",
                "title": f"对接会日程已排定：{event.title}",
                "body": f"贵司共有 {count.get(str(r.id), 0)} 场一对一洽谈，请查看日程",
                "entity_type": EVENT,
                "entity_id": event.id,
                "link": f"{link(event)}/agenda?registration={r.id}",
            }
            for r in registrations
        ],
    )
    return event


def _plain(m: Meeting) -> scheduler.Meeting:
    return scheduler.Meeting(
        slot=m.slot, table=m.table_no, supplier=str(m.supplier_registration_id), buyer=str(m.buyer_registration_id),
        source=m.source, request_id=str(m.request_id) if m.request_id else None, score=m.score,  # type: ignore[arg-type]
    )  # fmt: skip


def meeting_read(event: Event, m: Meeting) -> MeetingRead:
    slot = event.slots[m.slot]
    return MeetingRead(
        id=m.id, slot=m.slot, table=m.table_no, supplier=m.supplier_registration_id, buyer=m.buyer_registration_id,
        source=m.source, request_id=m.request_id, score=m.score, start=slot["start"], end=slot["end"],
        demand_id=m.demand_id, listing_id=m.listing_id, outcome=m.outcome, amount=m.amount, match_id=m.match_id,
    )  # fmt: skip


async def schedule_view(session: AsyncSession, *, actor: Actor, event: Event, access: Access) -> ScheduleRead:
    """The stored schedule as the actor may see it (participants: their own meetings and the
    reasons for their own requests left out)."""
    visible = await _visible_registrations(session, actor, event, access)
    meetings = [
        meeting_read(event, m)
        for m in await repository.meetings(session, event.id)
        if m.supplier_registration_id in visible or m.buyer_registration_id in visible
    ]
    mine = {str(r.id) for r in await repository.requests(session, event.id)
            if r.supplier_registration_id in visible or r.buyer_registration_id in visible}  # fmt: skip
    report = dict(event.schedule_report or {})
    unplaced = [UnplacedRead(**u) for u in report.pop("unplaced", []) if u["request_id"] in mine]
    return ScheduleRead(meetings=meetings, unplaced=unplaced, report=report if access.staff else {})


# --------------------------------------------------------------------------- outcomes


async def record_outcome(
    session: AsyncSession, *, actor: Actor, event_id: uuid.UUID, meeting_id: uuid.UUID, data: OutcomeCreate
) -> Meeting:
    """Either side or the organisers record how a meeting went. An intention or a contract moves
    the match between the demand and the listing (created if the engine had none) along its
    lifecycle, so match statistics count event deals."""
    event, access = await event_for(session, actor=actor, event_id=event_id)
    meeting = await repository.get_meeting(session, event.id, meeting_id, lock=True)
    if meeting is None:
        raise NotFound("洽谈不存在")
    supplier = await repository.registration_of(session, event.id, registration_id=meeting.supplier_registration_id)
    buyer = await repository.registration_of(session, event.id, registration_id=meeting.buyer_registration_id)
    assert supplier is not None and buyer is not None
    side = "supplier" if actor.organization_id == supplier.organization_id else None
    side = "buyer" if actor.organization_id == buyer.organization_id else side
    if side is None:
        allowed = [await _sees_registration(session, actor, access, r) for r in (supplier, buyer)]
        if not access.staff or not any(allowed):
            raise NotFound("洽谈不存在")
    if event.status not in ("scheduled", "held"):
        raise Conflict(f"对接会当前不能登记洽谈成果（{STATUS_NAMES[event.status]}）")
    errors = []
    demand_id = data.demand_id or meeting.demand_id
    listing_id = data.listing_id or meeting.listing_id
    if data.demand_id is not None:
        found = await repository.demands_of(session, [data.demand_id])
        if not found or found[0].organization_id != buyer.organization_id:
            errors.append(FieldError("demand_id", "该需求不属于本场洽谈的需求企业"))
    if data.listing_id is not None:
        found_listing = await repository.listings_of(session, [data.listing_id])
        if not found_listing or found_listing[0].organization_id != supplier.organization_id:
            errors.append(FieldError("listing_id", "该挂牌不属于本场洽谈的供应商"))
    if data.outcome in ("no_show", "held", "follow_up") and data.amount is not None:
        errors.append(FieldError("amount", "只有意向或签约可以填写金额"))
    if errors:
        raise ValidationFailed("洽谈成果有误", errors=errors)
    if data.outcome in ("intention", "contract") and (demand_id is None or listing_id is None):
        raise Conflict("请指明意向或签约涉及的需求（demand_id）与挂牌（listing_id）")
    before = snapshot(meeting)
    meeting.outcome = data.outcome
    meeting.amount = data.amount
    meeting.outcome_note = data.note
    meeting.outcome_at = utcnow()
    if data.outcome in ("intention", "contract"):
        assert demand_id is not None and listing_id is not None
        match = await record_event_deal(
            session, actor=actor, demand_id=demand_id, listing_id=listing_id, outcome=data.outcome,
            amount=data.amount, side=side,
        )  # fmt: skip
        meeting.match_id, meeting.demand_id, meeting.listing_id = match.id, demand_id, listing_id
    meeting.version += 1
    await session.flush()
    await record_change(
        session, entity_type=MEETING, entity_id=meeting.id, action="outcome", actor=actor, before=before,
        after=snapshot(meeting), note=data.note,
    )  # fmt: skip
    names = {"no_show": "未到场", "held": "已洽谈", "follow_up": "待跟进", "intention": "达成意向", "contract": "签约"}
    money = f"，金额 {data.amount} 元" if data.amount is not None else ""
    for registration in (supplier, buyer):
        if registration.organization_id != actor.organization_id:
            await notify(
                session, organization_id=registration.organization_id, kind="event.outcome",
                title=f"洽谈成果：{names[data.outcome]}{money}", body=event.title, entity_type=MEETING,
                entity_id=meeting.id, link=f"{link(event)}/meetings",
            )  # fmt: skip
    return meeting


async def _tell_participants(session: AsyncSession, event: Event, title: str, body: str) -> None:
    await notify_all(
        session,
        [
            {
                "organization_id": r.organization_id,
                "kind": "event.status",
                "title": title,
                "body": body,
                "entity_type": EVENT,
                "entity_id": event.id,
                "link": link(event),
            }
            for r in await repository.registrations(session, event.id)
        ],
    )
