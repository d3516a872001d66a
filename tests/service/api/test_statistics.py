"""Bureau statistics over HTTP: every figure of the overview equals an independent recount (in
Python, from the rows the test made and the regions file) on random data, for a city bureau, a
county bureau, another city's bureau and the admin narrowed to a province; drafts never count;
companies are refused; the workbook carries the same figures."""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.demands.models import Demand
from catalog.listings.models import Listing
from matching.campaigns.models import Campaign, Settlement
from matching.events.models import OUTCOMES, Event, Meeting, Registration
from matching.matches.models import Match
from matching.statistics.repository import held_events_by_group
from matching.statistics.service import period_bounds
from seeds.reference import read_regions, read_taxonomy
from service.config import Settings
from tests.factories import Account, make_account, make_admin
from tests.service.api.list_fixtures import make_cast, post_demand, post_listing

URL = "/api/v1/statistics/overview"
# Where the random organisations sit: 海宁 and 南湖 (counties of 嘉兴), 嘉兴 itself, its 经开区,
# 杭州's 西湖区 (same province, another city) and 济宁's 任城区 (another province).
PLACES = ["330481", "330402", "330400", "330471", "330106", "370811"]
ANCESTORS = {r["code"]: r["ancestors"] for r in read_regions()}
GROUP_OF = {c["code"]: c["ancestors"][0] for c in read_taxonomy()}


def _leaves() -> list[str]:
    taxonomy = read_taxonomy()
    groups = [c["code"] for c in taxonomy if c["level"] == "group"][:2]
    return [c["code"] for c in taxonomy if c["level"] == "leaf" and c["ancestors"][0] in groups][:6]


@dataclass
class World:
    listings: list[tuple[Listing, str]]  # with the supplier's region
    demands: list[Demand]
    matches: list[tuple[Match, Demand, Listing]]
    settlements: list[tuple[Settlement, Campaign, str]]  # with the bureau's region
    events: list[tuple[Event, str, list[Meeting]]]  # with the organising bureau's region and the meetings


def _at(rng: random.Random) -> datetime:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    return start + timedelta(minutes=rng.randrange(0, 60 * 24 * 330))


async def _random_world(db: AsyncSession, settings: Settings, rng: random.Random) -> World:
    leaves = _leaves()
    suppliers = {p: await make_account(db, settings, kind="supplier", region_code=p) for p in PLACES}
    buyers = {p: await make_account(db, settings, kind="buyer", region_code=p) for p in PLACES}
    bureaus = {p: await make_account(db, settings, kind="bureau", region_code=p) for p in PLACES}
    world = World([], [], [], [], [])
    for i in range(60):
        place = rng.choice(PLACES)
        status = rng.choice(["draft", "published", "published", "published", "archived"])
        review = rng.choice(["none", "pending", "approved", "rejected"]) if status == "published" else "none"
        listing = Listing(
            organization_id=suppliers[place].organization.id, title=f"随机设备{i} 数控机床", category_code=rng.choice(leaves),
            status=status, review_status=review, recommended=review == "approved",
            energy_grade=rng.choice([None, 1, 2, 3, 4, 5]), tags=[], service_regions=[], specs={},
            published_at=_at(rng) if status != "draft" else None,
        )  # fmt: skip
        db.add(listing)
        world.listings.append((listing, place))
    for i in range(50):
        place = rng.choice(PLACES)
        status = rng.choice(["draft", "published", "published", "closed"])
        demand = Demand(
            organization_id=buyers[place].organization.id, title=f"随机需求{i} 更新设备", quantity=rng.randint(1, 9),
            category_code=rng.choice([*leaves, None]), region_code=rng.choice([place, place, "330424"]),
            budget_max=rng.choice([None, Decimal(rng.randrange(10_000, 5_000_000)) / 100]),
            status=status, close_reason="fulfilled" if status == "closed" else None, motivations=[], specs={},
            published_at=_at(rng) if status != "draft" else None,
        )  # fmt: skip
        db.add(demand)
        world.demands.append(demand)
    await db.flush()
    published_listings = [lst for lst, _ in world.listings if lst.status == "published"]
    for demand in world.demands:
        for listing in rng.sample(published_listings, k=min(len(published_listings), rng.randint(0, 4))):
            stage = rng.choice(["suggested", "contacted", "quoted", "contracted", "declined"])
            base = demand.published_at or _at(rng)
            contacted = (
                base + timedelta(hours=rng.randint(1, 400)) if stage in ("contacted", "quoted", "contracted") else None
            )
            if stage == "declined" and rng.random() < 0.5:
                contacted = base + timedelta(hours=rng.randint(1, 400))
            quoted = contacted + timedelta(hours=5) if contacted and stage in ("quoted", "contracted") else None
            contracted = (quoted or contacted or base) + timedelta(days=3) if stage == "contracted" else None
            match = Match(
                demand_id=demand.id, listing_id=listing.id, score=rng.choice([0.5, 0.7, 0.8, 0.95]), status=stage,
                breakdown={}, reasons=[], contacted_at=contacted, quoted_at=quoted,
                quote_amount=Decimal("100000") if quoted else None, contracted_at=contracted,
                contract_amount=Decimal(rng.randrange(1_000_000, 90_000_000)) / 100 if contracted else None,
                contracted_by="buyer" if contracted else None,
                declined_at=base + timedelta(days=9) if stage == "declined" else None,
                declined_by="buyer" if stage == "declined" else None,
            )  # fmt: skip
            db.add(match)
            world.matches.append((match, demand, listing))
    for i, place in enumerate(["330400", "330481", "330481", "330400"]):
        closed = _at(rng)
        campaign = Campaign(
            organization_id=bureaus[place].organization.id, title=f"随机团购{i}", category_code=rng.choice(leaves),
            region_codes=[place], status="settled" if i % 3 else "failed", offer_deadline=closed, pledge_deadline=closed,
            min_total_quantity=5, opened_at=closed - timedelta(days=10), closed_at=closed,
        )  # fmt: skip
        db.add(campaign)
        await db.flush()
        settled = campaign.status == "settled"
        settlement = Settlement(
            campaign_id=campaign.id, status=campaign.status, pooled_quantity=rng.randint(5, 60) if settled else 2,
            total_saving=Decimal(rng.randrange(0, 50_000_000)) / 100 if settled else Decimal(0), rounds=1,
            winning_offers=[], created_at=closed,
        )  # fmt: skip
        db.add(settlement)
        world.settlements.append((settlement, campaign, place))
    await db.flush()
    for i in range(14):
        place = rng.choice(PLACES)
        day = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 330))
        event = Event(
            organization_id=bureaus[place].organization.id, title=f"随机对接会{i} 纺织机械专场",
            category_code=rng.choice([*leaves, None]), region_codes=[place], venue="会展中心", date=day,
            slots=[{"start": f"{9 + n}:00", "end": f"{9 + n}:30"} for n in range(6)], tables=3,
            registration_deadline=datetime.combine(day, time(), tzinfo=UTC) - timedelta(days=2),
            max_meetings_per_participant=6, status=rng.choice(["draft", "registration", "scheduled", "held", "closed"]),
            schedule_report={}, version=1,
        )  # fmt: skip
        db.add(event)
        await db.flush()
        sides: dict[str, list[Registration]] = {}
        for role, orgs in (("supplier", suppliers), ("buyer", buyers)):
            for p in rng.sample(PLACES, k=3):
                registration = Registration(
                    event_id=event.id, organization_id=orgs[p].organization.id, role=role, listing_ids=[], demand_ids=[]
                )
                db.add(registration)
                sides.setdefault(role, []).append(registration)
        await db.flush()
        meetings = []
        pairs = [(s, b) for s in sides["supplier"] for b in sides["buyer"]]
        for n, (s, b) in enumerate(rng.sample(pairs, k=rng.randint(0, 6)) if event.status != "draft" or i % 2 else []):
            outcome = rng.choice([None, *OUTCOMES])
            amount = (
                Decimal(rng.randrange(100_000, 900_000_000)) / 100 if outcome in ("intention", "contract") else None
            )
            meeting = Meeting(
                event_id=event.id, slot=n, table_no=1, supplier_registration_id=s.id, buyer_registration_id=b.id,
                source="request", outcome=outcome, amount=amount if rng.random() < 0.8 else None, version=1,
            )  # fmt: skip
            db.add(meeting)
            meetings.append(meeting)
        world.events.append((event, place, meetings))
    await db.flush()
    return world


# ------------------------------------------------------------------ the independent recount


def _rollup(code: str, scope: str) -> str | None:
    """The region one level below `scope` that `code` counts under (None: outside the scope)."""
    chain = ANCESTORS[code]
    if scope not in chain:
        return None
    i = chain.index(scope)
    return chain[i + 1] if i + 1 < len(chain) else scope


def _month(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m")


def recount(
    world: World, scope: str, threshold: float, start: datetime | None = None, end: datetime | None = None
) -> dict[str, Any]:
    """{"total": figures, "region": {code: figures}, "category": {...}, "month": {...}}, figures as
    flat dicts comparable with `_flat` of the served blocks."""

    def within(at: datetime | None) -> bool:
        return at is not None and (start is None or at >= start) and (end is None or at < end)

    out: dict[str, Any] = {"total": defaultdict(Decimal), "region": {}, "category": {}, "month": {}}

    def add(keys: dict[str, str | None], field: str, value: Any = 1) -> None:
        out["total"][field] += value
        for dim, key in keys.items():
            out[dim].setdefault(key, defaultdict(Decimal))[field] += value

    for listing, place in world.listings:
        region = _rollup(place, scope)
        if listing.status != "published" or region is None or not within(listing.published_at):
            continue
        assert listing.published_at is not None
        keys = {"region": region, "category": GROUP_OF[listing.category_code], "month": _month(listing.published_at)}
        add(keys, "listings.published")
        add(keys, "listings.recommended", int(listing.recommended))
        add(keys, "listings.pending_review", int(listing.review_status == "pending"))
        add(keys, f"grade.{listing.energy_grade or 'unknown'}")
    hours: dict[str, dict[str | None, list[float]]] = {"total": {None: []}, "region": {}, "category": {}, "month": {}}
    for demand in world.demands:
        region = _rollup(demand.region_code, scope)
        if demand.status != "published" or region is None or not within(demand.published_at):
            continue
        assert demand.published_at is not None
        group = GROUP_OF[demand.category_code] if demand.category_code else None
        keys = {"region": region, "category": group, "month": _month(demand.published_at)}
        own = [m for m, d, _ in world.matches if d is demand]
        add(keys, "demands.published")
        add(keys, "demands.budget_total", demand.budget_max or Decimal(0))
        add(keys, "demands.with_strong_match", int(any(m.score >= threshold for m in own)))
        contacts = [m.contacted_at for m in own if m.contacted_at is not None]
        add(keys, "demands.contacted", int(bool(contacts)))
        if contacts:
            h = (min(contacts) - demand.published_at).total_seconds() / 3600
            hours["total"][None].append(h)
            for dim, key in keys.items():
                hours[dim].setdefault(key, []).append(h)
    for dim, groups in hours.items():
        for key, values in groups.items():
            if not values:  # nobody contacted: the median is null, left out like a zero
                continue
            target = out["total"] if dim == "total" else out[dim][key]
            target["demands.first_contact_hours_median"] = round(statistics.median(values), 1)
    for match, demand, listing in world.matches:
        region = _rollup(demand.region_code, scope)
        if region is None:
            continue
        stages = [
            ("contacted", match.contacted_at, match.contacted_at is not None),
            ("quoted", match.quoted_at, match.quoted_at is not None),
            ("contracted", match.contracted_at, match.status == "contracted"),
            ("declined", match.declined_at, match.status == "declined"),
        ]
        for stage, at, reached in stages:
            if not reached or not within(at):
                continue
            assert at is not None
            keys = {"region": region, "category": GROUP_OF[listing.category_code], "month": _month(at)}
            add(keys, f"matches.{stage}")
            if stage == "contracted":
                add(keys, "matches.contracted_amount", match.contract_amount or Decimal(0))
    for settlement, campaign, place in world.settlements:
        region = _rollup(place, scope)
        if region is None or not within(settlement.created_at):
            continue
        keys = {"region": region, "category": GROUP_OF[campaign.category_code], "month": _month(settlement.created_at)}
        settled = settlement.status == "settled"
        add(keys, "campaigns.settled", int(settled))
        add(keys, "campaigns.failed", int(not settled))
        add(keys, "campaigns.pooled_quantity", settlement.pooled_quantity if settled else 0)
        add(keys, "campaigns.total_saving", settlement.total_saving if settled else Decimal(0))
    for event, place, meetings in world.events:
        region = _rollup(place, scope)
        day = datetime(event.date.year, event.date.month, event.date.day, tzinfo=UTC)
        if event.status == "draft" or region is None or not within(day):
            continue
        group = GROUP_OF[event.category_code] if event.category_code else None
        keys = {"region": region, "category": group, "month": _month(day)}
        add(keys, "events.held", int(event.status in ("held", "closed")))
        add(keys, f"events.status.{event.status}")
        for meeting in meetings:
            add(keys, "events.meetings", int(meeting.outcome not in (None, "no_show")))
            add(keys, "events.no_shows", int(meeting.outcome == "no_show"))
            for kind, plural in (("intention", "intentions"), ("contract", "contracts")):
                if meeting.outcome == kind:
                    add(keys, f"events.{plural}")
                    add(keys, f"events.{kind}_amount", meeting.amount or Decimal(0))
    return out


def _flat(block: dict[str, Any]) -> dict[str, Any]:
    """A served figures block as {"listings.published": n, …}, zeros and nulls left out."""
    out: dict[str, Any] = {}
    for part in ("listings", "demands", "matches", "campaigns", "events"):
        for name, value in block[part].items():
            if name == "by_energy_grade":
                out.update({f"grade.{g}": Decimal(n) for g, n in value.items() if n})
            elif name == "by_status":
                out.update({f"events.status.{s}": Decimal(n) for s, n in value.items() if n})
            elif value not in (0, "0", "0.00", None):
                out[f"{part}.{name}"] = value if name.endswith("median") else Decimal(str(value))
    return out


def _expected(figures: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if k.endswith("median") else Decimal(v)) for k, v in figures.items() if v != 0}


def assert_equal_to_recount(body: dict[str, Any], expected: dict[str, Any], label: str) -> None:
    assert _flat(body) == _expected(expected["total"]), label
    for dim, rows, key in (("region", body["by_region"], "code"), ("category", body["by_category"], "code"),
                           ("month", body["by_month"], "month")):  # fmt: skip
        served = {row[key]: _flat(row) for row in rows}
        served = {k: v for k, v in served.items() if v}
        wanted = {k: _expected(v) for k, v in expected[dim].items()}
        assert served == {k: v for k, v in wanted.items() if v}, f"{label} by {dim}"


@pytest.mark.parametrize("seed", [random.randrange(1_000_000) for _ in range(2)])
async def test_every_figure_equals_a_recount(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, seed: int
) -> None:
    rng = random.Random(seed)
    world = await _random_world(db, settings, rng)
    threshold = settings.match_notify_threshold
    jiaxing = await make_account(db, settings, kind="bureau", region_code="330400")
    haining = await make_account(db, settings, kind="bureau", region_code="330481")
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    admin = await make_admin(db, settings)
    cases: list[tuple[str, Account, dict[str, str], str]] = [
        ("嘉兴市", jiaxing, {}, "330400"),
        ("海宁市", haining, {}, "330481"),
        ("济宁市", jining, {}, "370800"),
        ("admin 浙江省", admin, {"region": "330000"}, "330000"),
        ("嘉兴市 → 海宁", jiaxing, {"region": "330481"}, "330481"),
    ]
    for label, account, params, scope in cases:
        response = await client.get(URL, params=params, headers=account.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["scope"]["code"] == scope
        assert_equal_to_recount(body, recount(world, scope, threshold), f"seed {seed}: {label}")
    # An event counts under its organiser's region; every event a bureau counts is one GET /events shows it.
    for account, scope in ((jiaxing, "330400"), (haining, "330481"), (jining, "370800")):
        shown = (await client.get("/api/v1/events", params={"limit": 100}, headers=account.headers)).json()["items"]
        counted = {
            str(e.id) for e, place, _ in world.events if e.status != "draft" and _rollup(place, scope) is not None
        }
        assert counted <= {item["id"] for item in shown}, f"seed {seed}: {scope}"
        served = (await client.get(URL, headers=account.headers)).json()["events"]["by_status"]
        assert len(counted) == sum(served.values()), f"seed {seed}: {scope}"
    # The workbook carries the events figures too (every sheet has the events columns).
    city = (await client.get(URL, headers=jiaxing.headers)).json()
    book = load_workbook(BytesIO((await client.get(URL, params={"format": "xlsx"}, headers=jiaxing.headers)).content))
    summary = {row[0]: row[1] for row in book["总览"].iter_rows(values_only=True) if row and row[0]}
    assert summary["对接会已举行"] == city["events"]["held"] and summary["对接会洽谈场次"] == city["events"]["meetings"]
    assert Decimal(str(summary["对接会签约金额（元）"])) == Decimal(city["events"]["contract_amount"])
    # A period: [2026-03-01, 2026-06-30] inclusive of its last day.
    body = (await client.get(URL, params={"from": "2026-03-01", "to": "2026-06-30"}, headers=jiaxing.headers)).json()
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC)
    assert_equal_to_recount(body, recount(world, "330400", threshold, start, end), f"seed {seed}: period")
    assert {row["month"] for row in body["by_month"]} <= {"2026-03", "2026-04", "2026-05", "2026-06"}


async def test_rollups_and_scopes(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    world = await _random_world(db, settings, random.Random(7))
    assert world.listings
    jiaxing = await make_account(db, settings, kind="bureau", region_code="330400")
    haining = await make_account(db, settings, kind="bureau", region_code="330481")
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    city = (await client.get(URL, headers=jiaxing.headers)).json()
    codes = [row["code"] for row in city["by_region"]]
    # Counties (and the 经开区) of 嘉兴, plus 嘉兴 itself for organisations registered at city level.
    assert {"330481", "330402", "330424", "330471", "330400"} <= set(codes)
    assert all(ANCESTORS[c][:3] == ["000000", "330000", "330400"] or c == "330400" for c in codes)
    by_code = {row["code"]: row for row in city["by_region"]}
    assert by_code["330481"]["name"] == "海宁市"
    county = (await client.get(URL, headers=haining.headers)).json()
    assert [row["code"] for row in county["by_region"]] == ["330481"]
    assert county["listings"] == by_code["330481"]["listings"]
    assert county["demands"] == by_code["330481"]["demands"]
    other = (await client.get(URL, headers=jining.headers)).json()
    zhejiang_rows = [row for row in other["by_region"] if row["code"].startswith("33")]
    assert zhejiang_rows == [] and all(row["code"].startswith("3708") for row in other["by_region"])
    province = (
        await client.get(URL, params={"region": "330000"}, headers=(await make_admin(db, settings)).headers)
    ).json()
    assert {row["code"] for row in province["by_region"] if row["listings"]["published"]} <= {"330100", "330400"}
    assert county["events"] == by_code["330481"]["events"]
    assert sum(row["events"]["by_status"]["held"] for row in city["by_region"]) == city["events"]["by_status"]["held"]


async def test_refusals(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    cast = await make_cast(db, settings)
    assert (await client.get(URL)).status_code == 401
    for company in (cast.supplier, cast.buyer):
        refused = await client.get(URL, headers=company.headers)
        assert refused.status_code == 403 and refused.headers["content-type"].startswith("application/problem+json")
    # A region outside the bureau's scope, an unknown one, a malformed one, a bad date.
    assert (await client.get(URL, params={"region": "370800"}, headers=cast.bureau.headers)).status_code == 403
    assert (await client.get(URL, params={"region": "330499"}, headers=cast.bureau.headers)).status_code == 404
    assert (await client.get(URL, params={"region": "33'--"}, headers=cast.bureau.headers)).status_code == 422
    assert (await client.get(URL, params={"from": "2026-13-01"}, headers=cast.bureau.headers)).status_code == 422
    assert (await client.get(URL, params={"category": "不存在的品类"}, headers=cast.bureau.headers)).status_code == 422


async def test_counts_what_was_created_through_the_api(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    before = (await client.get(URL, headers=cast.bureau.headers)).json()
    await post_listing(client, cast.supplier, publish=True)
    await post_listing(client, cast.supplier, publish=True)
    await post_listing(client, cast.supplier)  # a draft: never counted
    await post_demand(client, cast.buyer, publish=True, budget_max="1200000")
    await post_demand(client, cast.buyer, publish=True, budget_max="380000.50")
    await post_demand(client, cast.buyer, budget_max="999999")  # a draft
    after = (await client.get(URL, headers=cast.bureau.headers)).json()
    assert after["listings"]["published"] - before["listings"]["published"] == 2
    assert after["listings"]["pending_review"] - before["listings"]["pending_review"] == 2
    assert after["demands"]["published"] - before["demands"]["published"] == 2
    assert Decimal(after["demands"]["budget_total"]) - Decimal(before["demands"]["budget_total"]) == Decimal(
        "1580000.50"
    )
    haining = {row["code"]: row for row in after["by_region"]}["330481"]
    assert haining["demands"]["published"] >= 2 and haining["name"] == "海宁市"
    # The same figures as a workbook.
    xlsx = await client.get(URL, params={"format": "xlsx"}, headers=cast.bureau.headers)
    assert xlsx.status_code == 200 and xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(xlsx.content))
    assert book.sheetnames == ["总览", "按地区", "按品类", "按月份"]
    summary = {row[0]: row[1] for row in book["总览"].iter_rows(values_only=True) if row and row[0]}
    assert summary["已发布供给"] == after["listings"]["published"]
    assert Decimal(str(summary["需求预算合计（元）"])) == Decimal(after["demands"]["budget_total"])
    regions = {row[1]: row for row in book["按地区"].iter_rows(min_row=2, values_only=True)}
    assert regions["海宁市"][0] == "330481"
    assert summary["对接会已举行"] == after["events"]["held"]
    assert Decimal(str(summary["对接会意向金额（元）"])) == Decimal(after["events"]["intention_amount"])
    headings = next(book["按月份"].iter_rows(max_row=1, values_only=True))
    assert {"对接会洽谈场次", "对接会签约金额（元）"} <= set(headings)


TARGETS = "/api/v1/statistics/targets"


async def test_targets_for_a_bureau_with_progress(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)  # 海宁 suppliers, 嘉兴 bureau, 济宁 outsider
    year = datetime.now(UTC).year
    for title in ("首台套 激光焊接机 甲", "首台套 激光焊接机 乙"):
        await post_listing(client, cast.supplier, publish=True, title=title, tags=["首台套"])
    await post_listing(client, cast.supplier, publish=True, title="普通激光焊接机", tags=[])
    await post_listing(client, cast.supplier, title="首台套 草稿", tags=["首台套"])  # a draft: not counted
    jiaxing = (await client.get(TARGETS, headers=cast.bureau.headers)).json()
    by_id = {t["id"]: t for t in jiaxing["items"]}
    assert set(by_id) >= {"jiaxing-first-of-kind-yearly", "jiaxing-nc-rate"}
    assert not any(i.startswith(("jining", "quanzhou", "sichuan")) for i in by_id)
    first = by_id["jiaxing-first-of-kind-yearly"]
    assert first["quote"] == "每年新增省级首台套产品15项以上" and first["target"] == "15"
    assert first["period"] == {
        "text": f"每年（{year}年）",
        "kind": "per_year",
        "from": f"{year}-01-01",
        "to": f"{year}-12-31",
    }
    assert first["progress"]["value"] == "2" and first["progress"]["share"] == round(2 / 15, 4)
    assert first["progress"]["measured_in"] == {"code": "330400", "name": "嘉兴市"}
    assert by_id["jiaxing-nc-rate"]["progress"] is None  # the platform has no such data: no number
    assert first["policy_rule"] == "jx-target-shoutaitao"
    robots = by_id["jx-target-robots"]  # listed from the policy data: no value, no measure, no number
    assert robots["quote"] == "新增工业机器人1万台以上" and robots["progress"] is None and robots["target"] is None

    # 海宁's bureau sees 嘉兴's targets measured in its county; 济宁's its own and its zone's.
    haining = await make_account(db, settings, kind="bureau", region_code="330481")
    county = {t["id"]: t for t in (await client.get(TARGETS, headers=haining.headers)).json()["items"]}
    assert county["jiaxing-first-of-kind-yearly"]["progress"]["measured_in"]["code"] == "330481"
    assert county["jiaxing-first-of-kind-yearly"]["progress"]["value"] == "2"
    jining = {t["id"]: t for t in (await client.get(TARGETS, headers=cast.outsider.headers)).json()["items"]}
    assert "jiaxing-first-of-kind-yearly" not in jining
    assert jining["jining-first-of-kind-yearly"]["progress"]["value"] == "0"
    assert jining["jining-hitech-projects"]["progress"]["measured_in"]["code"] == "370871"
    chains = jining["jining-chain-matchmaking"]
    assert chains["period"]["text"] == "未注明期限 (no period stated)" and chains["progress"]["value"] == "0"
    assert chains["progress"]["by_group"] == []
    # The admin sees every target; companies are refused; a region outside the scope too.
    everything = (await client.get(TARGETS, headers=cast.admin.headers)).json()["items"]
    assert {t["region"]["code"] for t in everything} >= {"370800", "330400", "350500", "510000"}
    assert (await client.get(TARGETS, headers=cast.supplier.headers)).status_code == 403
    assert (await client.get(TARGETS, params={"region": "370800"}, headers=cast.bureau.headers)).status_code == 403


def _event(bureau: Account, status: str, category: str | None, day: date, title: str) -> Event:
    return Event(
        organization_id=bureau.organization.id, title=title, category_code=category,
        region_codes=[bureau.organization.region_code], venue="会展中心", date=day,
        slots=[{"start": "09:00", "end": "09:30"}], tables=1,
        registration_deadline=datetime.combine(day, time(), tzinfo=UTC) - timedelta(days=1),
        max_meetings_per_participant=1, status=status, schedule_report={}, version=1,
    )  # fmt: skip


async def test_chain_matchmaking_target_counts_held_events_per_category_group(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    """“每条产业链开展产业链供应链对接活动不少于2场” (济宁, no period stated): held (or closed) events
    organised in scope, per category group, each against 2; drafts, open and scheduled events and
    other cities' events do not count."""
    leaves = [c["code"] for c in read_taxonomy() if c["level"] == "leaf"]
    first, second = leaves[0], next(c for c in leaves if GROUP_OF[c] != GROUP_OF[leaves[0]])
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    rencheng = await make_account(db, settings, kind="bureau", region_code="370811")
    jiaxing = await make_account(db, settings, kind="bureau", region_code="330400")
    day = date(2025, 6, 18)
    db.add_all(
        [
            _event(jining, "held", first, day, "工程机械产业链供需对接会"),
            _event(rencheng, "closed", first, day - timedelta(days=400), "任城区工程机械专场"),
            _event(jining, "held", second, day, "农机装备产业链对接会"),
            _event(jining, "held", None, day, "综合对接会"),
            _event(jining, "scheduled", second, day, "已排程未举行"),
            _event(jining, "draft", second, day, "草稿"),
            _event(jiaxing, "held", second, day, "嘉兴的对接会"),
        ]
    )
    await db.flush()
    city = {t["id"]: t for t in (await client.get(TARGETS, headers=jining.headers)).json()["items"]}
    chains = city["jining-chain-matchmaking"]
    assert chains["quote"] == "每条产业链开展产业链供应链对接活动不少于2场" and chains["target"] == "2"
    assert chains["period"]["text"] == "未注明期限 (no period stated)"  # so every held event counts, 2024 too
    progress = chains["progress"]
    assert progress["value"] == "4" and progress["share"] is None
    by_group = {g["code"]: (g["value"], g["share"]) for g in progress["by_group"]}
    assert by_group == {GROUP_OF[first]: ("2", 1.0), GROUP_OF[second]: ("1", 0.5), None: ("1", 0.5)}
    assert next(g["name"] for g in progress["by_group"] if g["code"] is None) == "未分类"
    # The same events as the overview's figures (one computation): held per category group.
    overview = (await client.get(URL, headers=jining.headers)).json()
    assert {r["code"]: r["events"]["held"] for r in overview["by_category"] if r["events"]["held"]} == {
        GROUP_OF[first]: 2,
        GROUP_OF[second]: 1,
        None: 1,
    }
    # 任城区's bureau: the same target measured in its district — its own event only.
    district = {t["id"]: t for t in (await client.get(TARGETS, headers=rencheng.headers)).json()["items"]}
    assert district["jining-chain-matchmaking"]["progress"]["measured_in"]["code"] == "370811"
    assert district["jining-chain-matchmaking"]["progress"]["by_group"] == [
        {"code": GROUP_OF[first], "name": district["jining-chain-matchmaking"]["progress"]["by_group"][0]["name"],
         "value": "1", "share": 0.5}
    ]  # fmt: skip
    # 嘉兴's bureau does not see 济宁's target at all.
    other = {t["id"] for t in (await client.get(TARGETS, headers=jiaxing.headers)).json()["items"]}
    assert "jining-chain-matchmaking" not in other


async def test_held_events_by_group_keeps_to_the_period(db: AsyncSession, settings: Settings) -> None:
    """A target with a period counts only the events dated inside it (UTC days, both ends included)."""
    leaf = _leaves()[0]
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    for day in (date(2026, 1, 1), date(2026, 12, 31), date(2025, 12, 31), date(2027, 1, 1)):
        db.add(_event(jining, "held", leaf, day, f"对接会 {day}"))
    await db.flush()
    start, end = period_bounds(date(2026, 1, 1), date(2026, 12, 31))
    assert await held_events_by_group(db, scope="370800", start=start, end=end) == {GROUP_OF[leaf]: Decimal(2)}
    assert await held_events_by_group(db, scope="370800", start=None, end=None) == {GROUP_OF[leaf]: Decimal(4)}
    assert await held_events_by_group(db, scope="330400", start=None, end=None) == {}
