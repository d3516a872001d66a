"""Operations: login throttling (429 + Retry-After, per account and per address, shared through the
database), the request id in responses and outbox events, /metrics, and 503 when the database is
unreachable."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from catalog.outbox.models import OutboxEvent
from service.config import Settings
from service.db import make_engine
from service.main import create_app
from tests.factories import PASSWORD, listing_body, make_account


@pytest.fixture
async def strict_client(
    settings: Settings, engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession], db: AsyncSession
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app whose login limits are small: 3 failures per account, 5 per address."""
    strict = settings.model_copy(update={"login_max_failures_per_account": 3, "login_max_failures_per_address": 5})
    app = create_app(strict, engine=engine)
    app.state.sessionmaker = sessionmaker

    async def flush(request: httpx.Request) -> None:
        await db.flush()
        db.expunge_all()

    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 40000))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", event_hooks={"request": [flush]}
    ) as c:
        yield c


async def _login(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post("/api/v1/auth/token", data={"username": email, "password": password})


async def test_an_account_is_blocked_after_its_failures_then_refused_even_with_the_right_password(
    strict_client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    account = await make_account(db, settings, kind="buyer")
    for _ in range(3):
        assert (await _login(strict_client, account.email, "错误的密码")).status_code == 401
    refused = await _login(strict_client, account.email, PASSWORD)
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert refused.json()["status"] == 429 and "登录失败次数过多" in refused.json()["detail"]
    # Another account from the same address is not blocked by this one's failures.
    other = await make_account(db, settings, kind="supplier")
    assert (await _login(strict_client, other.email, PASSWORD)).status_code == 200


async def test_a_successful_login_clears_the_accounts_count(
    strict_client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    account = await make_account(db, settings, kind="supplier")
    for _ in range(2):
        assert (await _login(strict_client, account.email, "wrong")).status_code == 401
    assert (await _login(strict_client, account.email, PASSWORD)).status_code == 200
    for _ in range(2):
        assert (await _login(strict_client, account.email, "wrong")).status_code == 401
    assert (await _login(strict_client, account.email, PASSWORD)).status_code == 200


async def test_an_address_is_blocked_after_failures_across_accounts(
    strict_client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    for n in range(5):  # five unknown accounts, one failure each: the address's limit
        assert (await _login(strict_client, f"nobody{n}@example.cn", "x")).status_code == 401
    account = await make_account(db, settings, kind="buyer")
    refused = await _login(strict_client, account.email, PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0


async def test_every_response_carries_a_request_id_and_outbox_events_keep_it(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    fresh = await client.get("/api/v1/categories")
    assert len(fresh.headers["X-Request-ID"]) >= 16
    supplier = await make_account(db, settings, kind="supplier")
    given = "lb-7f3a9c0d2e1b4a55"
    created = await client.post(
        "/api/v1/listings", json=listing_body(), headers={**supplier.headers, "X-Request-ID": given}
    )
    assert created.status_code == 201, created.text
    assert created.headers["X-Request-ID"] == given
    events = (await db.scalars(select(OutboxEvent).where(OutboxEvent.payload["request_id"].astext == given))).all()
    assert events and all(str(e.entity_id) == created.json()["id"] for e in events)
    # An id a client makes up with anything but letters, digits and .-_ is replaced, not echoed.
    hostile = await client.get("/api/v1/categories", headers={"X-Request-ID": "x\u0000<script>" * 3})
    assert hostile.headers["X-Request-ID"] != "x\u0000<script>" * 3


async def test_metrics_expose_requests_pool_outbox_and_jobs(client: httpx.AsyncClient) -> None:
    await client.get("/api/v1/categories")
    response = await client.get("/metrics")
    assert response.status_code == 200
    body = response.text
    for name in (
        "http_requests_total",
        "equipmatch_db_pool_connections",
        "equipmatch_outbox_pending_events",
        "equipmatch_outbox_lag_seconds",
    ):
        assert name in body, name
    assert 'handler="/api/v1/categories"' in body


async def test_an_unreachable_database_is_a_503_problem_not_a_500(settings: Settings) -> None:
    # Nothing listens on port 1: every connection attempt is refused.
    engine = make_engine("postgresql://nobody@127.0.0.1:1/equipmatch", pool_timeout=2)
    app = create_app(settings, engine=engine)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            for path in ("/api/v1/categories", "/api/v1/search/listings?q=加工中心"):
                response = await c.get(path)
                assert response.status_code == 503, (path, response.text)
                assert response.headers["content-type"].startswith("application/problem+json")
                assert response.headers["Retry-After"] == "5"
            ready = await c.get("/readyz")
            assert ready.status_code == 503 and ready.json()["database"] is False
    finally:
        await engine.dispose()
