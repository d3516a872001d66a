"""The notification feed: an organisation sees and marks its own notifications only."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.notifications.service import notify
from service.config import Settings
from tests.factories import make_account


async def test_feed_and_mark_read(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    other = await make_account(db, settings, kind="buyer", region_code="330481", name="海宁另一家袜业有限公司")
    first = await notify(db, organization_id=buyer.organization.id, kind="match.new", title="新的强匹配：数控车床")
    await notify(db, organization_id=buyer.organization.id, kind="match.new", title="新的强匹配：加工中心")
    first_id = first.id

    page = (await client.get("/api/v1/notifications", headers=buyer.headers)).json()
    assert page["total"] == 2 and page["unread"] == 2
    assert page["items"][0]["title"] == "新的强匹配：加工中心"  # newest first

    # Another organisation neither sees nor marks it.
    assert (await client.get("/api/v1/notifications", headers=other.headers)).json()["total"] == 0
    assert (await client.post(f"/api/v1/notifications/{first_id}/read", headers=other.headers)).status_code == 404

    assert (await client.post(f"/api/v1/notifications/{first_id}/read", headers=buyer.headers)).status_code == 204
    unread = (await client.get("/api/v1/notifications", params={"unread": "true"}, headers=buyer.headers)).json()
    assert unread["total"] == 1 and unread["unread"] == 1
    await client.post("/api/v1/notifications/read-all", headers=buyer.headers)
    assert (await client.get("/api/v1/notifications", headers=buyer.headers)).json()["unread"] == 0
    assert (await client.get("/api/v1/notifications")).status_code == 401
