"""The audit trail over HTTP: every act on a listing or demand, who did it, what changed; visible
to the owner, bureaus in scope and the platform admin only."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.db import utcnow
from catalog.demands.models import Demand
from catalog.demands.service import expire_demands
from service.config import Settings
from tests.service.api.list_fixtures import fields_of, make_cast, post_demand, post_listing


async def _history(client: httpx.AsyncClient, url: str, headers: dict[str, str], **params: str) -> dict[str, Any]:
    response = await client.get(f"{url}/history", params=params, headers=headers)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


async def test_listing_history_records_every_act(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier)
    url = f"/api/v1/listings/{listing['id']}"
    s = cast.supplier.headers
    await client.patch(url, json={"price_max": "90000", "tags": ["浙江制造"]}, headers=s)
    await client.post(f"{url}/publish", headers=s)
    await client.post(
        f"{url}/review", json={"decision": "approve", "note": "列入推荐目录"}, headers=cast.bureau.headers
    )
    await client.post(f"{url}/unpublish", headers=s)
    await client.delete(url, headers=s)
    await client.post(f"{url}/restore", headers=s)

    trail = await _history(client, url, s)
    assert trail["total"] == 7
    assert [e["action"] for e in trail["items"]] == [
        "create", "update", "publish", "review", "unpublish", "archive", "restore",
    ]  # fmt: skip
    create, change, publish, review = trail["items"][:4]
    assert create["changes"]["title"] == {"old": None, "new": listing["title"]}
    assert create["actor"] == {
        "user_id": str(cast.supplier.user.id),
        "organization_id": str(cast.supplier.organization.id),
    }
    assert change["changes"] == {
        "price_max": {"old": "98000.00", "new": "90000.00"},
        "tags": {"old": ["浙江制造", "节能降碳推广目录"], "new": ["浙江制造"]},
    }
    assert publish["changes"]["status"] == {"old": "draft", "new": "published"}
    assert publish["changes"]["review_status"] == {"old": "none", "new": "pending"}
    assert review["actor"]["organization_id"] == str(cast.bureau.organization.id)
    assert review["note"] == "列入推荐目录" and review["changes"]["recommended"] == {"old": False, "new": True}
    assert trail["items"][5]["changes"]["status"] == {"old": "draft", "new": "archived"}
    assert all(e["at"] for e in trail["items"])

    page = await _history(client, url, s, limit="2", offset="2")
    assert page["total"] == 7 and [e["action"] for e in page["items"]] == ["publish", "review"]


async def test_listing_history_access(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    cast = await make_cast(db, settings)
    listing = await post_listing(client, cast.supplier, publish=True)
    url = f"/api/v1/listings/{listing['id']}/history"
    for account in (cast.supplier, cast.bureau, cast.admin):
        assert (await client.get(url, headers=account.headers)).status_code == 200
    # Published means public, but its history is not: others get 404.
    for account in (cast.rival_supplier, cast.buyer, cast.outsider):
        assert (await client.get(url, headers=account.headers)).status_code == 404
    assert (await client.get(url)).status_code == 401
    bad = await client.get(url, params={"limit": "0"}, headers=cast.supplier.headers)
    assert bad.status_code == 422 and fields_of(bad) == {"limit"}
    missing = "/api/v1/listings/00000000-0000-0000-0000-000000000000/history"
    assert (await client.get(missing, headers=cast.admin.headers)).status_code == 404


async def test_demand_history_with_the_system_as_actor(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    cast = await make_cast(db, settings)
    demand = await post_demand(client, cast.buyer)
    url = f"/api/v1/demands/{demand['id']}"
    b = cast.buyer.headers
    await client.patch(url, json={"quantity": 10}, headers=b)
    await client.post(f"{url}/publish", headers=b)
    await client.post(f"{url}/renew", headers=b)
    await db.execute(update(Demand).where(Demand.id == demand["id"]).values(expires_at=utcnow()))
    await expire_demands(db, now=utcnow())
    await client.post(f"{url}/renew", headers=b)
    await client.post(f"{url}/unpublish", headers=b)
    await client.post(f"{url}/publish", headers=b)
    await client.post(f"{url}/close", json={"reason": "fulfilled"}, headers=b)

    trail = await _history(client, url, b, limit="100")
    assert [e["action"] for e in trail["items"]] == [
        "create", "update", "publish", "renew", "expire", "renew", "unpublish", "publish", "close",
    ]  # fmt: skip
    assert trail["items"][1]["changes"] == {"quantity": {"old": 8, "new": 10}}
    expired = trail["items"][4]
    assert expired["actor"] == {"user_id": None, "organization_id": None}
    assert expired["changes"]["status"] == {"old": "published", "new": "closed"}
    assert trail["items"][-1]["changes"]["close_reason"] == {"old": None, "new": "fulfilled"}

    for account in (cast.bureau, cast.admin):
        assert (await client.get(f"{url}/history", headers=account.headers)).status_code == 200
    # Suppliers may read the published demand anonymised, never its history.
    for account in (cast.supplier, cast.rival_buyer, cast.outsider):
        assert (await client.get(f"{url}/history", headers=account.headers)).status_code == 404
    assert (await client.get(f"{url}/history")).status_code == 401
