"""The demo matchmaking events: one per demo city, written once through the services, each with
registrations, answered requests and a schedule that keeps every hard rule."""

from __future__ import annotations

from unittest.mock import patch

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from matching.events import repository
from matching.events.models import Event
from matching.events.scheduler import Meeting, Participant, Problem, violations
from seeds.demo import generate
from seeds.demo_events import EVENTS, HELD
from seeds.demo_loader import write_demo
from tests.service.api.list_fixtures import _PASSWORD_HASH


async def test_demo_events_are_scheduled_in_every_city(db: AsyncSession) -> None:
    data = generate(seed=2024, listings=60, demands=40)
    with patch("catalog.organizations.service.hash_password", lambda _: _PASSWORD_HASH):
        counts = await write_demo(db, data)
    assert counts["events"] == len(EVENTS) == 4 and counts["held_events"] == 1
    again = await write_demo(db, data)
    assert again["events"] == 0 and again["held_events"] == 0  # idempotent
    # The earlier 嘉兴 event: held, its meetings' outcomes recorded, deals with their amounts.
    held = (await db.scalars(select(Event).where(Event.title == HELD[1]))).one()
    assert held.status == "held"
    outcomes = [(m.outcome, m.amount) for m in await repository.meetings(db, held.id)]
    assert outcomes and all(outcome is not None for outcome, _ in outcomes)
    assert {o for o, _ in outcomes} >= {"intention", "contract"}
    assert all((amount is not None) == (o in ("intention", "contract")) for o, amount in outcomes)
    events = list(await db.scalars(select(Event).where(Event.title.in_([e[1] for e in EVENTS]))))
    assert {e.status for e in events} == {"scheduled"}
    for event in events:
        registrations = await repository.registrations(db, event.id)
        requests = await repository.requests(db, event.id)
        meetings = await repository.meetings(db, event.id)
        assert {r.role for r in registrations} == {"supplier", "buyer"}, event.title
        assert {q.status for q in requests} >= {"accepted"} and meetings, event.title
        problem = Problem(
            slots=len(event.slots), tables=event.tables,
            participants=[
                Participant(str(r.id), r.role, frozenset(r.available_slots or range(len(event.slots))),  # type: ignore[arg-type]
                            r.max_meetings or event.max_meetings_per_participant)
                for r in registrations
            ],
        )  # fmt: skip
        plain = [Meeting(m.slot, m.table_no, str(m.supplier_registration_id), str(m.buyer_registration_id), "proposed")
                 for m in meetings]  # fmt: skip
        assert violations(problem, plain) == [], event.title
        accepted = {str(q.id) for q in requests if q.status == "accepted"}
        placed = {str(m.request_id) for m in meetings if m.request_id}
        reported = {u["request_id"] for u in event.schedule_report["unplaced"]}
        assert placed <= accepted and accepted == placed | reported, event.title
