"""Organisation profile and users over HTTP: the admin edits, members read, nobody else touches;
the contact a buyer reveals on accepting contact is the one its admin set."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from service.config import Settings
from tests.factories import PASSWORD, Account, make_account, make_admin

PROFILE = {
    "contact_name": "王建国",
    "contact_phone": "0573-87251234",
    "contact_email": "Wang.JG@jinwa-knit.cn",
    "address": "浙江省嘉兴市海宁市马桥街道经编园区纬五路18号",
    "website": "https://www.jinwa-knit.cn",
}


def org_url(account: Account) -> str:
    return f"/api/v1/organizations/{account.organization.id}"


async def test_the_admin_sets_the_contact_profile(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    changed = await client.patch("/api/v1/me/organization", json=PROFILE, headers=buyer.headers)
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["contact_name"] == "王建国" and body["contact_email"] == "wang.jg@jinwa-knit.cn"
    assert body["address"].endswith("纬五路18号") and body["uscc"] == buyer.organization.uscc
    read = (await client.get(org_url(buyer), headers=buyer.headers)).json()
    assert read == (await client.get("/api/v1/me/organization", headers=buyer.headers)).json() == body
    # registration facts are not changed here; "" clears an optional field
    again = await client.patch(
        org_url(buyer), json={"website": "", "uscc": "X", "kind": "bureau"}, headers=buyer.headers
    )
    assert again.status_code == 200 and again.json()["website"] is None and again.json()["kind"] == "buyer"
    bad = await client.patch(
        org_url(buyer), json={"contact_email": "不是邮箱", "contact_phone": "call me"}, headers=buyer.headers
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"contact_email", "contact_phone"}


async def test_only_its_admin_changes_an_organisation(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330481")
    supplier = await make_account(db, settings, kind="supplier", region_code="370811")
    other_buyer = await make_account(db, settings, kind="buyer", region_code="370811")
    member = await make_account(db, settings, kind="buyer", region_code="330481", roles=["member"])
    near_bureau = await make_account(db, settings, kind="bureau", region_code="330400")
    far_bureau = await make_account(db, settings, kind="bureau", region_code="370800")
    patch = {"contact_name": "李四"}
    # a buyer's profile: others do not even learn it exists
    for outsider in (supplier, other_buyer, far_bureau):
        assert (await client.get(org_url(buyer), headers=outsider.headers)).status_code == 404
        assert (await client.patch(org_url(buyer), json=patch, headers=outsider.headers)).status_code == 404
        assert (await client.get(f"{org_url(buyer)}/users", headers=outsider.headers)).status_code == 404
    # the bureau in scope reads but does not write
    assert (await client.get(org_url(buyer), headers=near_bureau.headers)).status_code == 200
    assert (await client.patch(org_url(buyer), json=patch, headers=near_bureau.headers)).status_code == 403
    # a supplier's profile is public to logged-in users, changed by nobody else
    assert (await client.get(org_url(supplier), headers=buyer.headers)).status_code == 200
    assert (await client.patch(org_url(supplier), json=patch, headers=buyer.headers)).status_code == 403
    assert (await client.get(org_url(supplier))).status_code == 401
    # a member that is not its admin: reads, but changes nothing
    assert (await client.get("/api/v1/me/organization", headers=member.headers)).status_code == 200
    refused = await client.patch("/api/v1/me/organization", json=patch, headers=member.headers)
    assert refused.status_code == 403 and refused.headers["content-type"].startswith("application/problem+json")
    assert (await client.get(f"{org_url(member)}/users", headers=member.headers)).status_code == 403
    invite = {"email": "colleague@x.cn", "roles": ["org_admin"]}
    assert (await client.post(f"{org_url(member)}/users", json=invite, headers=member.headers)).status_code == 403
    admin = await make_admin(db, settings)
    assert (await client.patch(org_url(buyer), json=patch, headers=admin.headers)).json()["contact_name"] == "李四"


async def test_the_admin_invites_promotes_and_deactivates_colleagues(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    supplier = await make_account(db, settings, kind="supplier", region_code="370811")
    users = f"{org_url(supplier)}/users"
    invited = await client.post(
        users, json={"email": "Zhao.Min@luning-cnc.cn", "display_name": "赵敏"}, headers=supplier.headers
    )
    assert invited.status_code == 201, invited.text
    colleague: dict[str, Any] = invited.json()
    assert colleague["roles"] == ["member"] and colleague["is_active"] and colleague["initial_password"]
    login = await client.post(
        "/api/v1/auth/token", data={"username": "zhao.min@luning-cnc.cn", "password": colleague["initial_password"]}
    )
    assert login.status_code == 200
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    me = (await client.get("/api/v1/me", headers=headers)).json()
    assert me["organization"]["id"] == str(supplier.organization.id) and me["roles"] == ["member"]
    # the colleague changes its own password; the old one stops working
    wrong = await client.post(
        "/api/v1/me/password", json={"current_password": "nope", "new_password": "新密码@2025"}, headers=headers
    )
    assert wrong.status_code == 403
    changed = await client.post(
        "/api/v1/me/password",
        json={"current_password": colleague["initial_password"], "new_password": "新密码@2025"},
        headers=headers,
    )
    assert changed.status_code == 204
    assert (
        await client.post("/api/v1/auth/token", data={"username": "zhao.min@luning-cnc.cn", "password": "新密码@2025"})
    ).status_code == 200
    # a duplicate email is a conflict; the list shows both
    assert (await client.post(users, json={"email": supplier.email}, headers=supplier.headers)).status_code == 409
    listed = (await client.get(users, headers=supplier.headers)).json()
    assert listed["total"] == 2 and {u["display_name"] for u in listed["items"]} == {"张工", "赵敏"}
    # promote, then the first admin steps down; the last admin cannot
    member_url = f"{users}/{colleague['id']}"
    promoted = await client.patch(member_url, json={"roles": ["org_admin"]}, headers=supplier.headers)
    assert promoted.status_code == 200 and promoted.json()["roles"] == ["org_admin"]
    down = await client.patch(f"{users}/{supplier.user.id}", json={"roles": ["member"]}, headers=supplier.headers)
    assert down.status_code == 200
    last = await client.delete(member_url, headers=headers)
    assert last.status_code == 409  # the only active admin left
    # another organisation's user is not found through this organisation
    stranger = await make_account(db, settings, kind="supplier", region_code="370811")
    assert (
        await client.patch(f"{users}/{stranger.user.id}", json={"roles": ["member"]}, headers=headers)
    ).status_code == 404
    # deactivating: its token stops working at once
    gone = await client.delete(f"{users}/{supplier.user.id}", headers=headers)
    assert gone.status_code == 204
    assert (await client.get("/api/v1/me", headers=supplier.headers)).status_code == 401
    assert (
        await client.post("/api/v1/auth/token", data={"username": supplier.email, "password": PASSWORD})
    ).status_code == 401
