"""Matchmaking events over HTTP (供需对接会): events and their status, co-organisers,
registrations, meeting requests, proposals, the schedule, agendas, outcomes and check-in."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query, Response

from catalog.errors import Forbidden, NotFound
from catalog.schemas import Page
from matching.events import repository, service
from matching.events.agenda import agenda_html, agenda_workbook, build_agenda
from matching.events.schemas import (
    AgendaRead,
    CoOrganizerCreate,
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
)
from service.api.params import Limit, Offset
from service.auth import BureauActor, CurrentActor
from service.db import SessionDep

router = APIRouter(prefix="/events", tags=["events"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.post("", response_model=EventRead, status_code=201)
async def post_event(data: EventCreate, actor: BureauActor, session: SessionDep) -> EventRead:
    """Announce a matchmaking event in the bureau's regions (`"status": "draft"` keeps a draft)."""
    event = await service.create_event(session, actor=actor, data=data)
    return await service.event_view(session, event)


@router.get("", response_model=Page[EventRead])
async def get_events(
    actor: CurrentActor, session: SessionDep, limit: Limit = 20, offset: Offset = 0
) -> Page[EventRead]:
    """Events the caller organises, co-organises, has joined or may join, soonest first."""
    items, total = await service.list_events(session, actor=actor, limit=limit, offset=offset)
    return Page(items=items, total=total)


@router.get("/{event_id}", response_model=EventRead)
async def get_event(event_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> EventRead:
    """One event with its slots, tables, organisers and number of registrations."""
    event, _ = await service.event_for(session, actor=actor, event_id=event_id)
    return await service.event_view(session, event)


async def _move(event_id: uuid.UUID, actor: CurrentActor, session: SessionDep, action: str) -> EventRead:
    event = await service.move_event(session, actor=actor, event_id=event_id, action=action)
    return await service.event_view(session, event)


@router.post("/{event_id}/open", response_model=EventRead)
async def open_event(event_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> EventRead:
    """Open a draft event for registration."""
    return await _move(event_id, actor, session, "open")


@router.post("/{event_id}/hold", response_model=EventRead)
async def hold_event(event_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> EventRead:
    """Mark a scheduled event as held (outcomes are still recorded afterwards)."""
    return await _move(event_id, actor, session, "hold")


@router.post("/{event_id}/close", response_model=EventRead)
async def close_event(event_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> EventRead:
    """Close a held event: nothing changes any more."""
    return await _move(event_id, actor, session, "close")


@router.post("/{event_id}/co-organizers", response_model=EventRead)
async def post_co_organizer(
    event_id: uuid.UUID,
    actor: CurrentActor,
    session: SessionDep,
    data: Annotated[CoOrganizerCreate | None, Body()] = None,
) -> EventRead:
    """A bureau inside the event's regions co-organises it for its own participants."""
    event = await service.add_co_organizer(
        session, actor=actor, event_id=event_id, organization_id=data.organization_id if data else None
    )
    return await service.event_view(session, event)


@router.post("/{event_id}/registrations", response_model=RegistrationRead, status_code=201)
async def post_registration(
    event_id: uuid.UUID, data: RegistrationCreate, actor: CurrentActor, session: SessionDep
) -> RegistrationRead:
    """Register the caller's organisation (or, for a bureau in scope, `organization_id`)."""
    registration = await service.register(session, actor=actor, event_id=event_id, data=data)
    return (await service.registration_views(session, [registration]))[0]


@router.get("/{event_id}/registrations", response_model=Page[RegistrationRead])
async def get_registrations(event_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> Page[RegistrationRead]:
    """Everyone registered (for participants and the organisers)."""
    event, access = await service.event_for(session, actor=actor, event_id=event_id)
    if not access.staff and access.registration is None:
        raise Forbidden("报名名单仅对参会企业和主办单位开放")
    items = await service.registration_views(session, await repository.registrations(session, event.id))
    return Page(items=items, total=len(items))


@router.post("/{event_id}/registrations/{registration_id}/check-in", response_model=RegistrationRead)
async def post_check_in(
    event_id: uuid.UUID, registration_id: uuid.UUID, actor: CurrentActor, session: SessionDep
) -> RegistrationRead:
    """Sign a participant in at the venue (签到)."""
    registration = await service.check_in(session, actor=actor, event_id=event_id, registration_id=registration_id)
    return (await service.registration_views(session, [registration]))[0]


@router.post("/{event_id}/requests", response_model=RequestRead, status_code=201, response_model_by_alias=True)
async def post_request(
    event_id: uuid.UUID, data: RequestCreate, actor: CurrentActor, session: SessionDep
) -> RequestRead:
    """Ask another participant (supplier ↔ buyer) for a one-to-one meeting, `must` or `meet`."""
    request = await service.send_request(session, actor=actor, event_id=event_id, data=data)
    return service.request_read(request)


@router.get("/{event_id}/requests", response_model=Page[RequestRead], response_model_by_alias=True)
async def get_requests(event_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> Page[RequestRead]:
    """A participant's own requests, sent and received; the organisers see all."""
    event, access = await service.event_for(session, actor=actor, event_id=event_id)
    items = await service.requests_view(session, actor=actor, event=event, access=access)
    return Page(items=items, total=len(items))


async def _answer(
    event_id: uuid.UUID, request_id: uuid.UUID, actor: CurrentActor, session: SessionDep, action: str
) -> RequestRead:
    request = await service.answer_request(
        session, actor=actor, event_id=event_id, request_id=request_id, action=action
    )
    return service.request_read(request)


@router.post("/{event_id}/requests/{request_id}/accept", response_model=RequestRead, response_model_by_alias=True)
async def accept_request(
    event_id: uuid.UUID, request_id: uuid.UUID, actor: CurrentActor, session: SessionDep
) -> RequestRead:
    """The receiver accepts a meeting request."""
    return await _answer(event_id, request_id, actor, session, "accept")


@router.post("/{event_id}/requests/{request_id}/decline", response_model=RequestRead, response_model_by_alias=True)
async def decline_request(
    event_id: uuid.UUID, request_id: uuid.UUID, actor: CurrentActor, session: SessionDep
) -> RequestRead:
    """The receiver declines a meeting request."""
    return await _answer(event_id, request_id, actor, session, "decline")


@router.post("/{event_id}/requests/{request_id}/cancel", response_model=RequestRead, response_model_by_alias=True)
async def cancel_request(
    event_id: uuid.UUID, request_id: uuid.UUID, actor: CurrentActor, session: SessionDep
) -> RequestRead:
    """The sender withdraws a pending or accepted request."""
    return await _answer(event_id, request_id, actor, session, "cancel")


@router.get("/{event_id}/proposals", response_model=Page[ProposalRead])
async def get_proposals(event_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> Page[ProposalRead]:
    """Pairs without a request whose listings and demands match well (engine score), best first."""
    event, access = await service.event_for(session, actor=actor, event_id=event_id)
    if not access.staff and access.registration is None:
        raise Forbidden("推荐洽谈仅对参会企业和主办单位开放")
    items = await service.proposals_view(session, actor=actor, event=event, access=access)
    return Page(items=items, total=len(items))


@router.post("/{event_id}/schedule", response_model=ScheduleRead)
async def post_schedule(event_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> ScheduleRead:
    """Schedule (or re-schedule) the one-to-one meetings; meetings of slots already held stay."""
    event = await service.run_schedule(session, actor=actor, event_id=event_id)
    event, access = await service.event_for(session, actor=actor, event_id=event.id)
    return await service.schedule_view(session, actor=actor, event=event, access=access)


@router.get("/{event_id}/meetings", response_model=ScheduleRead)
async def get_meetings(event_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> ScheduleRead:
    """The current schedule as the caller may see it, with the requests left out and why."""
    event, access = await service.event_for(session, actor=actor, event_id=event_id)
    return await service.schedule_view(session, actor=actor, event=event, access=access)


@router.post("/{event_id}/meetings/{meeting_id}/outcome", response_model=MeetingRead)
async def post_outcome(
    event_id: uuid.UUID, meeting_id: uuid.UUID, data: OutcomeCreate, actor: CurrentActor, session: SessionDep
) -> MeetingRead:
    """Record how a meeting went; an intention or contract moves the demand–listing match."""
    meeting = await service.record_outcome(session, actor=actor, event_id=event_id, meeting_id=meeting_id, data=data)
    event, _ = await service.event_for(session, actor=actor, event_id=event_id)
    return service.meeting_read(event, meeting)


@router.get("/{event_id}/agenda", response_model=AgendaRead)
async def get_agenda(
    event_id: uuid.UUID,
    actor: CurrentActor,
    session: SessionDep,
    registration: uuid.UUID | None = None,
    table: Annotated[int | None, Query(ge=1)] = None,
    format: Literal["json", "xlsx", "html"] = "json",
) -> Response | AgendaRead:
    """A participant's (`registration=`) or a table's (`table=`) meetings by slot; `format=xlsx`
    for a workbook, `format=html` for a printable page. Without either: the caller's own."""
    event, access = await service.event_for(session, actor=actor, event_id=event_id)
    chosen = None
    if table is not None:
        if not access.staff:
            raise Forbidden("洽谈桌日程仅对主办单位开放")
        if table > event.tables:
            raise NotFound("洽谈桌不存在")
    else:
        registration_id = registration or (access.registration.id if access.registration else None)
        if registration_id is None:
            raise NotFound("请指明报名（registration）或洽谈桌（table）")
        found = await service.registration_for(
            session, actor=actor, event=event, access=access, registration_id=registration_id
        )
        chosen = (await service.registration_views(session, [found]))[0]
    agenda = await build_agenda(
        session, event=event, view=await service.event_view(session, event), registration=chosen, table=table
    )
    name = f"agenda-{event.id}-{chosen.id if chosen else f'table{table}'}"
    if format == "html":
        return Response(agenda_html(agenda), media_type="text/html; charset=utf-8")
    if format == "xlsx":
        return Response(
            agenda_workbook(agenda),
            media_type=XLSX,
            headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
        )
    return agenda
