"""Login, /me, and registering organisations: USCC checks, duplicates, region scope."""

from __future__ import annotations

import random

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.organizations.uscc import generate_uscc
from service.config import Settings
from tests.factories import PASSWORD, login, make_account, make_admin


def org_body(uscc: str, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "name": "海宁市恒达经编有限公司",
        "uscc": uscc,
        "kind": "buyer",
        "region_code": "330481",
        "industry_code": "C1762",
        "admin_user": {"email": f"admin-{uscc.lower()}@hengda.cn", "password": "Hengda@2024", "display_name": "王经理"},
    }
    body.update(overrides)
    return body


async def test_login_right_and_wrong_password(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    account = await make_account(db, settings, kind="supplier")
    ok = await login(client, account.email.upper())  # email is case-insensitive
    assert ok.status_code == 200
    body = ok.json()
    assert body["token_type"] == "bearer" and body["expires_in"] > 0 and body["access_token"]
    me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["organization"]["kind"] == "supplier"
    assert me.json()["user"]["email"] == account.email

    wrong = await login(client, account.email, "not-the-password")
    assert wrong.status_code == 401
    assert wrong.headers["content-type"].startswith("application/problem+json")
    unknown = await login(client, "nobody@nowhere.cn", PASSWORD)
    assert unknown.status_code == 401


async def test_me_needs_a_valid_token(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/me")).status_code == 401
    forged = await client.get("/api/v1/me", headers={"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"})
    assert forged.status_code == 401
    assert forged.json()["title"] == "未登录或凭据无效"


async def test_admin_registers_organization_and_its_admin_can_log_in(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    admin = await make_admin(db, settings)
    uscc = generate_uscc("330481", random.Random(7))
    created = await client.post("/api/v1/organizations", json=org_body(uscc), headers=admin.headers)
    assert created.status_code == 201, created.text
    assert created.json()["uscc"] == uscc and created.json()["id"]
    assert (await login(client, f"admin-{uscc.lower()}@hengda.cn", "Hengda@2024")).status_code == 200


async def test_uscc_wrong_check_character_is_422(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    admin = await make_admin(db, settings)
    uscc = generate_uscc("330481", random.Random(8))
    wrong = uscc[:-1] + ("0" if uscc[-1] != "0" else "1")
    response = await client.post("/api/v1/organizations", json=org_body(wrong), headers=admin.headers)
    assert response.status_code == 422
    problem = response.json()
    assert problem["status"] == 422 and problem["type"].endswith("/validation-error")
    assert problem["errors"][0]["field"] == "uscc"
    assert "校验码" in problem["errors"][0]["message"]


async def test_duplicate_uscc_is_409(client: httpx.AsyncClient, db: AsyncSession, settings: Settings) -> None:
    admin = await make_admin(db, settings)
    uscc = generate_uscc("370800", random.Random(9))
    first = await client.post("/api/v1/organizations", json=org_body(uscc), headers=admin.headers)
    assert first.status_code == 201
    again = org_body(
        uscc, name="另一家公司", admin_user={"email": "other@x.cn", "password": "Other@2024", "display_name": "李"}
    )
    second = await client.post("/api/v1/organizations", json=again, headers=admin.headers)
    assert second.status_code == 409
    assert second.headers["content-type"].startswith("application/problem+json")


async def test_bureau_registers_only_inside_its_region(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    jining = await make_account(db, settings, kind="bureau", region_code="370800")
    inside = org_body(generate_uscc("370871", random.Random(10)), region_code="370871", kind="supplier")
    assert (await client.post("/api/v1/organizations", json=inside, headers=jining.headers)).status_code == 201
    outside = org_body(generate_uscc("330400", random.Random(11)), region_code="330400")
    refused = await client.post("/api/v1/organizations", json=outside, headers=jining.headers)
    assert refused.status_code == 403


async def test_companies_cannot_register_organizations(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier")
    body = org_body(generate_uscc("370800", random.Random(12)))
    assert (await client.post("/api/v1/organizations", json=body, headers=supplier.headers)).status_code == 403
    assert (await client.post("/api/v1/organizations", json=body)).status_code == 401


async def test_english_titles_on_request(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/me", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response.json()["title"] == "Not authenticated"


async def test_internal_mail_domains_and_default_display_name(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    admin = await make_admin(db, settings)
    body = org_body(
        generate_uscc("350500", random.Random(13)),
        region_code="350582",
        kind="supplier",
        industry_code="3421",
        admin_user={"email": "Sales@Minrui.Local", "password": "minrui1"},
    )
    created = await client.post("/api/v1/organizations", json=body, headers=admin.headers)
    assert created.status_code == 201, created.text
    assert created.json()["admin_user"] == {
        **created.json()["admin_user"],
        "email": "sales@minrui.local",
        "display_name": "sales",
    }
    assert (await login(client, "sales@minrui.local", "minrui1")).status_code == 200


async def test_malformed_organization_names_every_field(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    admin = await make_admin(db, settings)
    body = {"name": "", "uscc": "123", "kind": "factory", "region_code": "37", "admin_user": {"email": "no-at-sign"}}
    response = await client.post("/api/v1/organizations", json=body, headers=admin.headers)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"name", "uscc", "kind", "region_code", "admin_user.email", "admin_user.password"} <= fields
    unknown_region = org_body(generate_uscc("370800", random.Random(14)), region_code="379999")
    assert (await client.post("/api/v1/organizations", json=unknown_region, headers=admin.headers)).json()["errors"][0][
        "field"
    ] == "region_code"
