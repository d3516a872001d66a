"""The bureau's dashboard (/console): log-in by form into an HttpOnly cookie, the same figures as the
statistics API drawn as inline SVG, nothing loaded from elsewhere, companies refused."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from matching.events.models import Event, Meeting, Registration
from service.config import Settings
from tests.factories import PASSWORD, make_account
from tests.service.api.list_fixtures import Cast, make_cast, post_demand, post_listing


async def _login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    return await client.post("/console/login", data={"username": email, "password": password})


async def test_dashboard_for_a_bureau(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    cast = await make_cast(db, settings)
    await post_listing(client, cast.supplier, publish=True, title="首台套 激光焊接机", tags=["首台套"])
    await post_demand(client, cast.buyer, publish=True)
    await held_event(db, settings, cast)
    form = await client.get("/console")
    assert form.status_code == 200 and "<form method='post' action='/console/login'>" in form.text

    wrong = await _login(client, cast.bureau.email, "not-the-password")
    assert wrong.status_code == 401 and "邮箱或密码错误" in wrong.text and "eqm_console" not in client.cookies
    logged_in = await _login(client, cast.bureau.email)
    assert logged_in.status_code == 303 and logged_in.headers["location"] == "/console"
    cookie = logged_in.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/console" in cookie

    page = await client.get("/console")
    assert page.status_code == 200, page.text
    html = page.text
    assert "嘉兴市 · 设备更新工作台" in html and "海宁市" in html
    assert html.count("<svg") == 5 and "<script" not in html
    assert "供需对接会（按区县）" in html
    assert "供给与需求（按区县）" in html and "匹配漏斗" in html and "规划目标进度" in html
    assert "每年新增省级首台套产品15项以上" in html  # a target with its quote
    # Nothing from elsewhere: no URL but the SVG namespace and pygal's credits comment.
    urls = set(re.findall(r"https?://[^\s\"'<>]+", html))
    assert all(u.startswith(("http://www.w3.org/", "http://pygal.org", "http://github.com/Kozea/pygal")) for u in urls)
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and page.headers["cache-control"] == "no-store"
    # The same figures as the API.
    api = (await client.get("/api/v1/statistics/overview", headers=cast.bureau.headers)).json()
    assert f"<b>{api['listings']['published']}</b>" in html and f"<b>{api['demands']['published']}</b>" in html
    assert api["events"]["held"] == 1 and api["events"]["intentions"] == 1 and api["events"]["meetings"] == 2
    assert "对接会已举行<b>1</b>" in html and "对接会洽谈<b>2</b>" in html
    assert "意向 123.5 万元 · 签约 0 场 0.00 元" in html
    narrowed = await client.get("/console", params={"region": "330481"})
    assert narrowed.status_code == 200 and "海宁市 · 设备更新工作台" in narrowed.text
    outside = await client.get("/console", params={"region": "370800"})
    assert outside.status_code == 403
    xlsx = await client.get("/console/statistics.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"

    out = await client.post("/console/logout")
    assert out.status_code == 303 and 'eqm_console=""' in out.headers["set-cookie"]
    client.cookies.clear()
    assert "action='/console/login'" in (await client.get("/console")).text


async def held_event(db: AsyncSession, settings: Settings, cast: Cast) -> Event:
    """A held event of the cast's bureau with two meetings: an intention of 1,234,567 元 and a follow-up."""
    event = Event(
        organization_id=cast.bureau.organization.id, title="海宁经编设备供需对接会", category_code=None,
        region_codes=["330400"], venue="海宁会展中心", date=date(2026, 11, 20),
        slots=[{"start": "09:00", "end": "09:30"}, {"start": "09:30", "end": "10:00"}], tables=2,
        registration_deadline=datetime(2026, 11, 18, tzinfo=UTC), max_meetings_per_participant=2, status="held",
        schedule_report={}, version=1,
    )  # fmt: skip
    db.add(event)
    await db.flush()
    other_buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    supplier = Registration(event_id=event.id, organization_id=cast.supplier.organization.id, role="supplier")
    buyers = [
        Registration(event_id=event.id, organization_id=account.organization.id, role="buyer")
        for account in (cast.buyer, other_buyer)
    ]
    db.add_all([supplier, *buyers])
    await db.flush()
    for slot, (buyer, outcome, amount) in enumerate(
        [(buyers[0], "intention", Decimal("1234567.00")), (buyers[1], "follow_up", None)]
    ):
        db.add(
            Meeting(
                event_id=event.id, slot=slot, table_no=1, supplier_registration_id=supplier.id,
                buyer_registration_id=buyer.id, source="request", outcome=outcome, amount=amount, version=1,
            )
        )  # fmt: skip
    await db.flush()
    return event


async def test_companies_and_forged_cookies_are_refused(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    assert (await _login(client, cast.supplier.email)).status_code == 303
    refused = await client.get("/console")
    assert refused.status_code == 403 and "仅限主管部门" in refused.text
    assert (await client.get("/console/statistics.xlsx")).status_code == 303
    client.cookies.clear()
    client.cookies.set("eqm_console", "forged.token.value", path="/console")
    assert "action='/console/login'" in (await client.get("/console")).text


async def test_console_log_in_is_throttled_like_the_token_endpoint(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    for _ in range(settings.login_max_failures_per_account):
        assert (await _login(client, cast.bureau.email, "wrong-password")).status_code == 401
    throttled = await _login(client, cast.bureau.email)  # even the right password, for now
    assert throttled.status_code == 429 and "eqm_console" not in client.cookies
    assert "action='/console/login'" in throttled.text
