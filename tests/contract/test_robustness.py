"""Every operation in the OpenAPI document, called the wrong way — anonymously, with ids that do
not exist, with malformed bodies and hostile strings — answers with a problem+json 4xx, never 500."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.config import Settings
from tests.factories import make_account

HOSTILE = ["", "\x00", "😀" * 3, "𠀀𠀁", "' OR 1=1 --", "a" * 2_000, '{"$ne": null}', "-1", "9" * 40]
PUBLIC = {("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/api/v1/categories"), ("GET", "/api/v1/regions"),
          ("GET", "/api/v1/tags"), ("GET", "/api/v1/search/listings"), ("POST", "/api/v1/auth/token")}  # fmt: skip


def operations(client: httpx.AsyncClient) -> list[tuple[str, str]]:
    spec = client._transport.app.openapi()  # type: ignore[attr-defined]
    return [(method.upper(), path) for path, ops in spec["paths"].items() for method in ops]


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", str(uuid.uuid4()), path)


def problem(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.request.method, response.request.url, response.text[:300])
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), response.text[:200]
        assert {"type", "title", "status", "detail"} <= set(response.json())


@pytest.fixture
async def headers(db: AsyncSession, settings: Settings) -> dict[str, dict[str, str]]:
    return {
        kind: (await make_account(db, settings, kind=kind, region_code="330481")).headers
        for kind in ("supplier", "buyer", "bureau")
    }


async def test_anonymous_calls_are_refused_cleanly(client: httpx.AsyncClient) -> None:
    for method, path in operations(client):
        response = await client.request(method, concrete(path))
        problem(response)
        if (method, path) not in PUBLIC:
            assert response.status_code in (401, 404, 405, 422), (method, path, response.status_code)


async def test_unknown_ids_and_garbage_bodies_never_500(
    client: httpx.AsyncClient, headers: dict[str, dict[str, str]]
) -> None:
    bodies: list[Any] = [None, {}, [], "字符串", {"title": "\x00", "quantity": -1, "category": "' OR 1=1"}]
    for method, path in operations(client):
        for who in headers.values():
            for body in bodies if method in {"POST", "PATCH"} else [None]:
                problem(await client.request(method, concrete(path), json=body, headers=who))


async def test_hostile_query_strings_never_500(client: httpx.AsyncClient, headers: dict[str, dict[str, str]]) -> None:
    names = ["q", "category", "region", "tags", "status", "limit", "offset", "facets", "parent", "format",
             "price_max", "energy_grade_max", "recommended", "motivations", "unread"]  # fmt: skip
    for method, path in operations(client):
        if method != "GET" or "{" in path:
            continue
        for value in HOSTILE:
            params = {name: value for name in names}
            problem(await client.get(path, params=params, headers=headers["supplier"]))
            problem(await client.get(path, params=params, headers=headers["bureau"]))
