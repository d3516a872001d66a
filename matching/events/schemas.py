"""Matchmaking-event schemas: what a bureau or company may send (…Create) and what it reads back
(…Read) — the shapes of API.md › Matchmaking events, with additions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from catalog.schemas import CategoryRef, Deadline, MoneyIn, OrganizationRef, ReadModel, RegionCode

Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Clock = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
Role = Literal["supplier", "buyer"]
Priority = Literal["must", "meet"]
Outcome = Literal["no_show", "held", "follow_up", "intention", "contract"]


class SlotIn(BaseModel):
    start: Clock
    end: Clock


class EventCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: Text200
    category: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] | None = None
    region_codes: Annotated[list[RegionCode], Field(min_length=1, max_length=50)]
    venue: Text200
    date: date
    slots: Annotated[list[SlotIn], Field(min_length=1, max_length=48)]
    tables: Annotated[int, Field(ge=1, le=1000)]
    registration_deadline: Deadline
    max_meetings_per_participant: Annotated[int, Field(ge=1, le=48)] | None = None
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=10000)] = ""
    # "draft" keeps the event unannounced until POST /events/{id}/open.
    status: Literal["registration", "draft"] = "registration"


class RegistrationCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    listing_ids: Annotated[list[uuid.UUID], Field(max_length=50)] = []
    demand_ids: Annotated[list[uuid.UUID], Field(max_length=50)] = []
    available_slots: Annotated[list[Annotated[int, Field(ge=0)]], Field(max_length=48)] | None = None
    max_meetings: Annotated[int, Field(ge=1, le=48)] | None = None
    # A bureau registering a company on its behalf names it here; companies leave it out.
    organization_id: uuid.UUID | None = None

    @field_validator("listing_ids", "demand_ids", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value


class RequestCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    to: uuid.UUID
    priority: Priority = "meet"
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] = ""


class OutcomeCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    outcome: Outcome
    amount: MoneyIn | None = None
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None
    # Which demand and listing the deal is about, when not the meeting's own pair.
    demand_id: uuid.UUID | None = None
    listing_id: uuid.UUID | None = None


class CoOrganizerCreate(BaseModel):
    organization_id: uuid.UUID | None = None  # absent: the calling bureau itself


class SlotRead(BaseModel):
    index: int
    start: str
    end: str


class EventRead(ReadModel):
    id: uuid.UUID
    title: str
    description: str
    category: CategoryRef | None
    region_codes: list[str]
    venue: str
    date: date
    slots: list[SlotRead]
    tables: int
    registration_deadline: datetime
    max_meetings_per_participant: int
    status: str
    organizer: OrganizationRef
    co_organizers: list[OrganizationRef]
    registrations: int
    scheduled_at: datetime | None
    version: int


class RegistrationRead(BaseModel):
    id: uuid.UUID
    event_id: uuid.UUID
    organization: OrganizationRef
    role: Role
    region_code: str
    listing_ids: list[uuid.UUID]
    demand_ids: list[uuid.UUID]
    titles: list[str]  # the linked listings' or demands' titles
    available_slots: list[int] | None
    max_meetings: int | None
    registered_by: OrganizationRef | None
    checked_in_at: datetime | None
    created_at: datetime


class RequestRead(BaseModel):
    id: uuid.UUID
    event_id: uuid.UUID
    from_: uuid.UUID = Field(serialization_alias="from")
    to: uuid.UUID
    supplier: uuid.UUID
    buyer: uuid.UUID
    priority: Priority
    note: str
    status: str
    created_at: datetime
    answered_at: datetime | None


class MeetingRead(BaseModel):
    id: uuid.UUID
    slot: int
    table: int
    supplier: uuid.UUID
    buyer: uuid.UUID
    source: Literal["request", "proposed"]
    request_id: uuid.UUID | None = None
    score: float | None = None
    start: str
    end: str
    demand_id: uuid.UUID | None = None
    listing_id: uuid.UUID | None = None
    outcome: Outcome | None = None
    amount: Decimal | None = None
    match_id: uuid.UUID | None = None


class UnplacedRead(BaseModel):
    request_id: uuid.UUID
    reason: str
    detail: str


class ScheduleRead(BaseModel):
    meetings: list[MeetingRead]
    unplaced: list[UnplacedRead]
    report: dict[str, Any] = {}


class ProposalRead(BaseModel):
    supplier: uuid.UUID
    buyer: uuid.UUID
    supplier_name: str
    buyer_name: str
    score: float
    listing_id: uuid.UUID | None
    demand_id: uuid.UUID | None
    listing_title: str | None
    demand_title: str | None
    reasons: list[str]


class AgendaItem(BaseModel):
    meeting_id: uuid.UUID
    slot: int
    start: str
    end: str
    table: int
    source: Literal["request", "proposed"]
    other: OrganizationRef  # for a participant's agenda: the other side; for a table's: the supplier
    other_role: Role
    buyer: OrganizationRef | None = None  # for a table's agenda
    about: list[str]  # the listing or demand titles the two talk about
    outcome: Outcome | None


class AgendaRead(BaseModel):
    event: EventRead
    registration: RegistrationRead | None
    table: int | None
    items: list[AgendaItem]
