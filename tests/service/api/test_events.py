"""Matchmaking events over HTTP (供需对接会): an event from announcement to outcomes, every refusal
(scope, role, deadline, duplicate, request rules), co-organising, agendas in JSON/XLSX/HTML,
re-scheduling that keeps held slots, and outcomes that move the match lifecycle."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from io import BytesIO
from typing import Any
from unittest.mock import patch

import httpx
from openpyxl import load_workbook
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.audit.models import AuditEvent
from catalog.db import utcnow
from catalog.notifications.models import Notification
from catalog.outbox.models import OutboxEvent
from matching.events import scheduler
from matching.events import service as event_service
from matching.events.models import Event, Meeting
from matching.matches.models import Match
from service.config import Settings
from tests.factories import Account, make_account, make_admin
from tests.service.api.list_fixtures import _PASSWORD_HASH, post_demand, post_listing

API = "/api/v1/events"
JIAXING, HAINING, HAIYAN, JINING = "330400", "330481", "330424", "370800"


def event_body(**overrides: Any) -> dict[str, Any]:
    day = (utcnow() + timedelta(days=30)).date()
    body: dict[str, Any] = {
        "title": "嘉兴市纺织装备与激光焊接供需对接会",
        "category": None,
        "region_codes": [JIAXING],
        "venue": "嘉兴国际会展中心 2号馆",
        "date": day.isoformat(),
        "slots": [
            {"start": "09:00", "end": "09:20"},
            {"start": "09:30", "end": "09:50"},
            {"start": "10:00", "end": "10:20"},
            {"start": "10:30", "end": "10:50"},
        ],
        "tables": 3,
        "registration_deadline": (utcnow() + timedelta(days=20)).isoformat(),
        "max_meetings_per_participant": 3,
        "description": "落实嘉兴市设备更新实施方案，组织一对一洽谈。",
    }
    body.update(overrides)
    return body


@dataclass
class Cast:
    bureau: Account  # 嘉兴市经信局, the organiser
    county: Account  # 海宁市经信局, a co-organiser
    outsider: Account  # 济宁市工信局
    laser: Account  # supplier of laser welders (海宁)
    knitting: Account  # supplier of warp-knitting machines (from 山东: anywhere)
    weaver: Account  # buyer in 海宁 wanting warp-knitting machines
    welder: Account  # buyer in 海盐 wanting laser welders
    far_buyer: Account  # buyer in 济宁: outside the event's regions


async def make_cast(db: AsyncSession, settings: Settings) -> Cast:
    async def account(kind: str, region: str, name: str) -> Account:
        return await make_account(db, settings, kind=kind, region_code=region, name=name)

    return Cast(
        bureau=await account("bureau", JIAXING, "嘉兴市经济和信息化局"),
        county=await account("bureau", HAINING, "海宁市经济和信息化局"),
        outsider=await account("bureau", JINING, "济宁市工业和信息化局"),
        laser=await account("supplier", HAINING, "海宁激光智能装备有限公司"),
        knitting=await account("supplier", "370800", "山东鲁纺经编机械有限公司"),
        weaver=await account("buyer", HAINING, "海宁经编织造有限公司"),
        welder=await account("buyer", HAIYAN, "海盐固力紧固件有限公司"),
        far_buyer=await account("buyer", JINING, "济宁鲁岳工程机械有限公司"),
    )


async def create_event(client: httpx.AsyncClient, bureau: Account, **overrides: Any) -> dict[str, Any]:
    response = await client.post(API, json=event_body(**overrides), headers=bureau.headers)
    assert response.status_code == 201, response.text
    event: dict[str, Any] = response.json()
    return event


async def register(client: httpx.AsyncClient, event_id: str, who: Account, **body: Any) -> dict[str, Any]:
    response = await client.post(f"{API}/{event_id}/registrations", json=body, headers=who.headers)
    assert response.status_code == 201, response.text
    registration: dict[str, Any] = response.json()
    return registration


async def send(
    client: httpx.AsyncClient, event_id: str, who: Account, to: str, priority: str = "meet"
) -> dict[str, Any]:
    response = await client.post(
        f"{API}/{event_id}/requests", json={"to": to, "priority": priority, "note": "想了解设备交期和售后"},
        headers=who.headers,
    )  # fmt: skip
    assert response.status_code == 201, response.text
    request: dict[str, Any] = response.json()
    return request


async def accept(client: httpx.AsyncClient, event_id: str, who: Account, request_id: str) -> None:
    response = await client.post(f"{API}/{event_id}/requests/{request_id}/accept", headers=who.headers)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "accepted"


@dataclass
class Market:
    event: dict[str, Any]
    laser: dict[str, Any]
    knitting: dict[str, Any]
    weaver: dict[str, Any]
    welder: dict[str, Any]
    laser_listing: str
    knitting_listing: str
    weaver_demand: str
    welder_demand: str


async def market(client: httpx.AsyncClient, cast: Cast) -> Market:
    """An announced event with two suppliers and two buyers registered, each with its list."""
    event = await create_event(client, cast.bureau)
    laser_listing = (await post_listing(client, cast.laser, publish=True))["id"]
    knitting_listing = (
        await post_listing(
            client, cast.knitting, publish=True, title="鲁纺 HKS4 高速经编机 转速2400rpm", category="经编机",
            brand="鲁纺", model="HKS4", description="高速特里科经编机，转速2400rpm，电子送经，支持联网监控与能耗统计。",
            tags=["好品山东"], service_regions=["000000"], specs={"speed_rpm": 2400},
        )
    )["id"]  # fmt: skip
    weaver_demand = (await post_demand(client, cast.weaver, publish=True))["id"]
    welder_demand = (
        await post_demand(
            client, cast.welder, publish=True, title="紧固件车间更新激光焊接机5台", category="激光焊机",
            description="替换老旧氩弧焊机，需要3000W手持激光焊接机，焊接不锈钢薄板。", quantity=5,
            budget_max="500000", region_code=HAIYAN, motivations=["green"], specs={"power_w": 3000},
            replaces={"description": "氩弧焊机", "age_years": 10, "count": 5, "energy_grade": 4},
        )
    )["id"]  # fmt: skip
    eid = event["id"]
    return Market(
        event=event,
        laser=await register(client, eid, cast.laser, listing_ids=[laser_listing]),
        knitting=await register(client, eid, cast.knitting, listing_ids=[knitting_listing], available_slots=[1, 2, 3]),
        weaver=await register(client, eid, cast.weaver, demand_ids=[weaver_demand]),
        welder=await register(client, eid, cast.welder, demand_ids=[welder_demand], max_meetings=2),
        laser_listing=laser_listing, knitting_listing=knitting_listing, weaver_demand=weaver_demand,
        welder_demand=welder_demand,
    )  # fmt: skip


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.sources: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_cell = tag == "td"
        self.sources += [v or "" for k, v in attrs if k in ("src", "href")]
        if tag == "td":
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1] += data


async def test_an_event_from_announcement_to_outcomes(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    m = await market(client, cast)
    eid = m.event["id"]
    assert m.event["status"] == "registration" and [s["index"] for s in m.event["slots"]] == [0, 1, 2, 3]
    assert m.laser["role"] == "supplier" and m.laser["organization"]["id"] == str(cast.laser.organization.id)
    assert m.weaver["role"] == "buyer" and m.weaver["titles"] == ["海宁经编企业更新高速经编机8台"]

    # requests: the weaver must meet the knitting-machine maker; the laser maker asks the welder
    must = await send(client, eid, cast.weaver, m.knitting["id"], "must")
    assert must["status"] == "pending" and must["from"] == m.weaver["id"] and must["supplier"] == m.knitting["id"]
    await accept(client, eid, cast.knitting, must["id"])
    meet = await send(client, eid, cast.laser, m.welder["id"])
    await accept(client, eid, cast.welder, meet["id"])
    declined = await send(client, eid, cast.laser, m.weaver["id"])
    response = await client.post(f"{API}/{eid}/requests/{declined['id']}/decline", headers=cast.weaver.headers)
    assert response.status_code == 200 and response.json()["status"] == "declined"
    told = await db.scalars(
        select(Notification.title).where(Notification.organization_id == cast.knitting.organization.id)
    )
    assert any("请求与贵司洽谈（必见）" in t for t in told)

    # the engine proposes the pair nobody asked for when its lists match
    proposals = (await client.get(f"{API}/{eid}/proposals", headers=cast.bureau.headers)).json()["items"]
    pairs = {(p["supplier"], p["buyer"]) for p in proposals}
    assert (m.knitting["id"], m.weaver["id"]) not in pairs  # requested
    assert all(p["score"] >= 0.5 for p in proposals)

    scheduled = await client.post(f"{API}/{eid}/schedule", headers=cast.bureau.headers)
    assert scheduled.status_code == 200, scheduled.text
    body = scheduled.json()
    by_request = {x["request_id"]: x for x in body["meetings"] if x["request_id"]}
    assert set(by_request) == {must["id"], meet["id"]}
    assert by_request[must["id"]]["slot"] in (1, 2, 3)  # the knitting maker is away in slot 0
    assert all(1 <= x["table"] <= 3 for x in body["meetings"]) and body["unplaced"] == []
    assert body["report"]["must_placed"] == 1 and body["report"]["optimal"] is True
    declined_pair = (m.laser["id"], m.weaver["id"])
    assert declined_pair not in {(x["supplier"], x["buyer"]) for x in body["meetings"]}
    event = (await client.get(f"{API}/{eid}", headers=cast.bureau.headers)).json()
    assert event["status"] == "scheduled"

    # a participant sees its own meetings only; the same shape as the schedule
    mine = (await client.get(f"{API}/{eid}/meetings", headers=cast.welder.headers)).json()
    assert [x["id"] for x in mine["meetings"]] == [by_request[meet["id"]]["id"]] and mine["report"] == {}

    # agendas in three formats
    agenda = (await client.get(f"{API}/{eid}/agenda", headers=cast.weaver.headers)).json()
    item = next(i for i in agenda["items"] if i["other"]["id"] == str(cast.knitting.organization.id))
    assert item["table"] == by_request[must["id"]]["table"] and "鲁纺 HKS4 高速经编机 转速2400rpm" in item["about"]
    html = await client.get(f"{API}/{eid}/agenda", params={"registration": m.weaver["id"], "format": "html"},
                            headers=cast.bureau.headers)  # fmt: skip
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    cells = _Cells()
    cells.feed(html.text)
    assert cells.sources == []  # nothing loaded from outside
    assert item["start"] + "–" + item["end"] in cells.cells
    assert any("山东鲁纺经编机械有限公司" in c for c in cells.cells)
    assert "嘉兴市纺织装备与激光焊接供需对接会" in html.text
    xlsx = await client.get(f"{API}/{eid}/agenda", params={"table": item["table"], "format": "xlsx"},
                            headers=cast.bureau.headers)  # fmt: skip
    assert xlsx.status_code == 200
    rows = list(load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[4][:3] == ("时间", "桌号", "洽谈对象")
    assert any(r[0] == f"{item['start']}–{item['end']}" and "海宁经编织造有限公司" in (r[2] or "") for r in rows[5:])

    # check-in and outcomes: a contract moves the demand–listing match to contracted
    checked = await client.post(f"{API}/{eid}/registrations/{m.weaver['id']}/check-in", headers=cast.weaver.headers)
    assert checked.status_code == 200 and checked.json()["checked_in_at"] is not None
    meeting_id = by_request[must["id"]]["id"]
    outcome = await client.post(
        f"{API}/{eid}/meetings/{meeting_id}/outcome", json={"outcome": "contract", "amount": "2400000"},
        headers=cast.weaver.headers,
    )  # fmt: skip
    assert outcome.status_code == 200, outcome.text
    assert outcome.json()["outcome"] == "contract" and outcome.json()["amount"] == "2400000.00"
    match = await db.scalar(select(Match).where(Match.id == uuid.UUID(outcome.json()["match_id"])))
    assert match is not None and match.status == "contracted" and str(match.contract_amount) == "2400000.00"
    assert str(match.demand_id) == m.weaver_demand and str(match.listing_id) == m.knitting_listing
    stats = (await client.get("/api/v1/statistics/matches", headers=cast.bureau.headers)).json()
    assert stats["by_status"]["contracted"] >= 1
    intention = await client.post(
        f"{API}/{eid}/meetings/{by_request[meet['id']]['id']}/outcome", json={"outcome": "intention", "amount": "450000"},
        headers=cast.bureau.headers,
    )  # fmt: skip
    assert intention.status_code == 200, intention.text
    match = await db.scalar(select(Match).where(Match.id == uuid.UUID(intention.json()["match_id"])))
    assert match is not None and match.status == "contacted"

    # hold, close; every write audited and emitted
    for action, status in (("hold", "held"), ("close", "closed")):
        response = await client.post(f"{API}/{eid}/{action}", headers=cast.bureau.headers)
        assert response.status_code == 200 and response.json()["status"] == status
    late = await client.post(
        f"{API}/{eid}/meetings/{meeting_id}/outcome", json={"outcome": "held"}, headers=cast.weaver.headers
    )
    assert late.status_code == 409
    actions = set(await db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == uuid.UUID(eid))))
    assert {"create", "schedule", "hold", "close"} <= actions
    topics = set(await db.scalars(select(OutboxEvent.topic)))
    assert {"event.changed", "event_registration.changed", "event_request.changed", "event_meeting.changed"} <= topics


async def test_refusals(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    cast = await make_cast(db, settings)
    m = await market(client, cast)
    eid = m.event["id"]
    registrations = f"{API}/{eid}/registrations"
    # wrong role: a supplier cannot announce an event; a bureau cannot register itself
    assert (await client.post(API, json=event_body(), headers=cast.laser.headers)).status_code == 403
    assert (await client.post(registrations, json={}, headers=cast.county.headers)).status_code == 403
    # outside scope: regions outside the bureau's; a buyer outside the event's regions; a stranger bureau
    assert (
        await client.post(API, json=event_body(region_codes=[JINING]), headers=cast.bureau.headers)
    ).status_code == 403
    assert (await client.post(registrations, json={}, headers=cast.far_buyer.headers)).status_code == 404
    assert (await client.get(f"{API}/{eid}", headers=cast.far_buyer.headers)).status_code == 404
    assert (await client.get(f"{API}/{eid}", headers=cast.outsider.headers)).status_code == 404
    assert (await client.post(f"{API}/{eid}/schedule", headers=cast.outsider.headers)).status_code == 404
    assert (await client.post(f"{API}/{eid}/schedule", headers=cast.laser.headers)).status_code == 403
    on_behalf = await client.post(
        registrations, json={"organization_id": str(cast.far_buyer.organization.id)}, headers=cast.bureau.headers
    )
    assert on_behalf.status_code == 404  # the 济宁 buyer is not in 嘉兴's scope
    # duplicate registration, malformed registration
    assert (await client.post(registrations, json={}, headers=cast.laser.headers)).status_code == 409
    other_supplier = await make_account(db, settings, kind="supplier", region_code=HAINING, name="海宁同行机电有限公司")
    bad = await client.post(registrations, json={"available_slots": [7], "listing_ids": [m.laser_listing]},
                            headers=other_supplier.headers)  # fmt: skip
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"available_slots", "listing_ids"}
    # requests: only supplier ↔ buyer, one live request per pair, the sender cannot answer
    assert (
        await client.post(f"{API}/{eid}/requests", json={"to": m.knitting["id"]}, headers=cast.laser.headers)
    ).status_code == 409
    first = await send(client, eid, cast.laser, m.weaver["id"])
    again = await client.post(f"{API}/{eid}/requests", json={"to": m.laser["id"]}, headers=cast.weaver.headers)
    assert again.status_code == 409
    own = await client.post(f"{API}/{eid}/requests/{first['id']}/accept", headers=cast.laser.headers)
    assert own.status_code == 403
    stranger = await client.post(f"{API}/{eid}/requests/{first['id']}/accept", headers=cast.welder.headers)
    assert stranger.status_code == 404
    unregistered = await client.post(
        f"{API}/{eid}/requests", json={"to": m.weaver["id"]}, headers=other_supplier.headers
    )
    assert unregistered.status_code == 403
    # after the deadline: 409, and nothing written
    await db.execute(
        update(Event).where(Event.id == uuid.UUID(eid)).values(registration_deadline=utcnow() - timedelta(minutes=1))
    )
    late = await client.post(registrations, json={}, headers=other_supplier.headers)
    assert late.status_code == 409 and late.headers["content-type"].startswith("application/problem+json")
    listed = (await client.get(registrations, headers=cast.bureau.headers)).json()
    assert listed["total"] == 4
    # malformed event: overlapping slots, unknown region
    bad_event = await client.post(
        API, json=event_body(slots=[{"start": "09:00", "end": "09:30"}, {"start": "09:20", "end": "09:10"}],
                             region_codes=["339999"]), headers=cast.bureau.headers,
    )  # fmt: skip
    assert bad_event.status_code == 422
    assert {"slots.1.start", "slots.1.end", "region_codes"} <= {e["field"] for e in bad_event.json()["errors"]}
    # a draft is invisible to companies; opening it is the organiser's act
    draft = await create_event(client, cast.bureau, status="draft")
    assert (await client.get(f"{API}/{draft['id']}", headers=cast.laser.headers)).status_code == 404
    assert (await client.post(f"{API}/{draft['id']}/schedule", headers=cast.bureau.headers)).status_code == 409
    opened = await client.post(f"{API}/{draft['id']}/open", headers=cast.bureau.headers)
    assert opened.status_code == 200 and opened.json()["status"] == "registration"
    assert (await client.post(f"{API}/{draft['id']}/close", headers=cast.bureau.headers)).status_code == 409


async def test_a_county_bureau_co_organises_for_its_own_companies(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    m = await market(client, cast)
    eid = m.event["id"]
    joined = await client.post(f"{API}/{eid}/co-organizers", headers=cast.county.headers)
    assert joined.status_code == 200, joined.text
    assert [o["name"] for o in joined.json()["co_organizers"]] == [cast.county.organization.name]
    assert (await client.post(f"{API}/{eid}/co-organizers", headers=cast.outsider.headers)).status_code == 404
    # it registers a 海宁 company on its behalf (the company is told), not a 海盐 one
    haining_buyer = await make_account(db, settings, kind="buyer", region_code=HAINING, name="海宁市锦袜针织有限公司")
    haiyan_buyer = await make_account(db, settings, kind="buyer", region_code=HAIYAN, name="海盐县通用标准件有限公司")
    done = await client.post(
        f"{API}/{eid}/registrations", json={"organization_id": str(haining_buyer.organization.id)},
        headers=cast.county.headers,
    )  # fmt: skip
    assert done.status_code == 201 and done.json()["registered_by"]["id"] == str(cast.county.organization.id)
    told = await db.scalars(
        select(Notification.kind).where(Notification.organization_id == haining_buyer.organization.id)
    )
    assert "event.registered" in list(told)
    refused = await client.post(
        f"{API}/{eid}/registrations", json={"organization_id": str(haiyan_buyer.organization.id)},
        headers=cast.county.headers,
    )  # fmt: skip
    assert refused.status_code == 404
    # it sees the agenda of its own companies, not of the 海盐 one; it cannot schedule
    await send(client, eid, cast.weaver, m.knitting["id"], "must")
    assert (await client.post(f"{API}/{eid}/schedule", headers=cast.county.headers)).status_code == 403
    ok = await client.get(f"{API}/{eid}/agenda", params={"registration": m.weaver["id"]}, headers=cast.county.headers)
    assert ok.status_code == 200
    hidden = await client.get(
        f"{API}/{eid}/agenda", params={"registration": m.welder["id"]}, headers=cast.county.headers
    )
    assert hidden.status_code == 404
    # another company never sees someone else's agenda
    other = await client.get(f"{API}/{eid}/agenda", params={"registration": m.weaver["id"]}, headers=cast.laser.headers)
    assert other.status_code == 404


async def test_rescheduling_keeps_the_meetings_of_held_slots(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    m = await market(client, cast)
    eid = m.event["id"]
    await accept(client, eid, cast.welder, (await send(client, eid, cast.laser, m.welder["id"], "must"))["id"])
    await accept(client, eid, cast.knitting, (await send(client, eid, cast.weaver, m.knitting["id"]))["id"])
    first = (await client.post(f"{API}/{eid}/schedule", headers=cast.bureau.headers)).json()["meetings"]
    # a late request accepted after the first slots have begun
    await accept(client, eid, cast.weaver, (await send(client, eid, cast.laser, m.weaver["id"], "must"))["id"])
    await db.flush()
    event = await db.get(Event, uuid.UUID(eid))
    assert event is not None
    during = event_service.slot_start(event, 1) + timedelta(minutes=5)  # slots 0 and 1 have started
    await event_service.run_schedule(db, actor=cast.bureau.actor, event_id=event.id, now=during)
    await db.flush()
    rows = list(await db.scalars(select(Meeting).where(Meeting.event_id == event.id)))
    kept_before = {(x["slot"], x["table"], x["supplier"], x["buyer"]) for x in first if x["slot"] <= 1}
    kept_after = {
        (r.slot, r.table_no, str(r.supplier_registration_id), str(r.buyer_registration_id)) for r in rows if r.slot <= 1
    }
    assert kept_after == kept_before
    late = [
        r
        for r in rows
        if str(r.supplier_registration_id) == m.laser["id"] and str(r.buyer_registration_id) == m.weaver["id"]
    ]
    assert len(late) == 1 and late[0].slot >= 2
    plain = scheduler.Problem(
        slots=4, tables=3,
        participants=[
            scheduler.Participant(r["id"], r["role"], frozenset(r["available_slots"] or range(4)), r["max_meetings"] or 3)
            for r in (m.laser, m.knitting, m.weaver, m.welder)
        ],
    )  # fmt: skip
    meetings = [scheduler.Meeting(r.slot, r.table_no, str(r.supplier_registration_id), str(r.buyer_registration_id),
                                  "proposed") for r in rows]  # fmt: skip
    assert [v for v in scheduler.violations(plain, meetings) if "request" not in v] == []


async def test_a_schedule_of_120_participants_holds_every_rule(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    """Through the API with real rows: 60 suppliers, 60 buyers, 16 slots, 15 tables."""
    with patch("catalog.organizations.service.hash_password", lambda _: _PASSWORD_HASH):
        suppliers = [
            await make_account(db, settings, kind="supplier", region_code=HAINING, name=f"海宁装备{i}号有限公司")
            for i in range(60)
        ]
        buyers = [
            await make_account(db, settings, kind="buyer", region_code=HAINING, name=f"海宁织造{i}号有限公司")
            for i in range(60)
        ]
    bureau = await make_account(db, settings, kind="bureau", region_code=JIAXING, name="嘉兴市经济和信息化局")
    event = await create_event(
        client, bureau, tables=15, max_meetings_per_participant=6,
        slots=[{"start": f"{9 + i // 3:02d}:{(i % 3) * 20:02d}", "end": f"{9 + i // 3:02d}:{(i % 3) * 20 + 15:02d}"} for i in range(16)],
    )  # fmt: skip
    eid = event["id"]
    regs_s = [await register(client, eid, s) for s in suppliers]
    regs_b = [await register(client, eid, b, available_slots=list(range(i % 4, 16))) for i, b in enumerate(buyers)]
    sent = 0
    for i, b in enumerate(buyers):
        for k in range(3):
            request = await send(client, eid, b, regs_s[(i * 7 + k * 13) % 60]["id"], "must" if k == 0 else "meet")
            if k != 2 or i % 5:
                await accept(client, eid, suppliers[(i * 7 + k * 13) % 60], request["id"])
            sent += 1
    response = await client.post(f"{API}/{eid}/schedule", headers=bureau.headers)
    assert response.status_code == 200, response.text
    print("schedule report", response.json()["report"])
    body = response.json()
    assert body["report"]["must_placed"] == 60 == body["report"]["bounds"]["must"]
    problem = scheduler.Problem(
        slots=16, tables=15,
        participants=[scheduler.Participant(r["id"], "supplier", frozenset(range(16)), 6) for r in regs_s]
        + [scheduler.Participant(r["id"], "buyer", frozenset(r["available_slots"]), 6) for r in regs_b],
    )  # fmt: skip
    meetings = [
        scheduler.Meeting(x["slot"], x["table"], x["supplier"], x["buyer"], "proposed") for x in body["meetings"]
    ]
    assert scheduler.violations(problem, meetings) == []
    placed = sum(1 for x in body["meetings"] if x["request_id"])
    assert placed + len(body["unplaced"]) == sum(1 for i in range(60) for k in range(3) if k != 2 or i % 5)
    assert sent == 180


def test_slot_starts_are_china_time() -> None:
    event = Event(date=date(2027, 3, 18), slots=[{"start": "09:00", "end": "09:20"}])
    assert event_service.slot_start(event, 0) == datetime(2027, 3, 18, 1, 0, tzinfo=UTC)


async def test_admin_sees_and_runs_every_event(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    cast = await make_cast(db, settings)
    admin = await make_admin(db, settings)
    m = await market(client, cast)
    listed = (await client.get(API, headers=admin.headers)).json()
    assert m.event["id"] in {e["id"] for e in listed["items"]}
    mine = (await client.get(API, headers=cast.weaver.headers)).json()
    assert m.event["id"] in {e["id"] for e in mine["items"]}
    far = (await client.get(API, headers=cast.far_buyer.headers)).json()
    assert m.event["id"] not in {e["id"] for e in far["items"]}
    county = (await client.get(API, headers=cast.county.headers)).json()  # may co-organise it
    assert m.event["id"] in {e["id"] for e in county["items"]}
    outsider = (await client.get(API, headers=cast.outsider.headers)).json()
    assert m.event["id"] not in {e["id"] for e in outsider["items"]}
    assert (await client.post(f"{API}/{m.event['id']}/schedule", headers=admin.headers)).status_code == 200


async def test_an_intention_names_its_pair_and_creates_the_match_the_engine_never_suggested(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    m = await market(client, cast)
    eid = m.event["id"]
    # a laser-welder maker and a warp-knitting mill: the engine relates none of their lists
    await accept(client, eid, cast.weaver, (await send(client, eid, cast.laser, m.weaver["id"], "must"))["id"])
    body = (await client.post(f"{API}/{eid}/schedule", headers=cast.bureau.headers)).json()
    (meeting,) = [x for x in body["meetings"] if x["supplier"] == m.laser["id"] and x["buyer"] == m.weaver["id"]]
    assert meeting["demand_id"] is None and meeting["listing_id"] is None
    url = f"{API}/{eid}/meetings/{meeting['id']}/outcome"
    unnamed = await client.post(url, json={"outcome": "intention"}, headers=cast.laser.headers)
    assert unnamed.status_code == 409
    foreign = await client.post(
        url, json={"outcome": "intention", "demand_id": m.welder_demand, "listing_id": m.laser_listing},
        headers=cast.laser.headers,
    )  # fmt: skip
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "demand_id"
    money_for_nothing = await client.post(url, json={"outcome": "held", "amount": "10"}, headers=cast.laser.headers)
    assert money_for_nothing.status_code == 422
    stranger = await client.post(url, json={"outcome": "held"}, headers=cast.welder.headers)
    assert stranger.status_code == 404
    assert (await db.scalar(select(Match).where(Match.demand_id == uuid.UUID(m.weaver_demand),
                                                 Match.listing_id == uuid.UUID(m.laser_listing)))) is None  # fmt: skip
    named = await client.post(
        url, json={"outcome": "intention", "amount": "180000", "demand_id": m.weaver_demand, "listing_id": m.laser_listing},
        headers=cast.laser.headers,
    )  # fmt: skip
    assert named.status_code == 200, named.text
    match = await db.scalar(select(Match).where(Match.id == uuid.UUID(named.json()["match_id"])))
    assert match is not None and match.status == "contacted"
    assert (str(match.demand_id), str(match.listing_id)) == (m.weaver_demand, m.laser_listing)
    history = set(await db.scalars(select(AuditEvent.action).where(AuditEvent.entity_id == match.id)))
    assert history == {"contact"}
    told = await db.scalars(
        select(Notification.title).where(Notification.organization_id == cast.weaver.organization.id)
    )
    assert any("达成意向" in t for t in told)
