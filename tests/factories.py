"""Small async helpers that make realistic Chinese test data and log accounts in."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.listings.models import Listing
from catalog.organizations.models import Organization, User
from catalog.organizations.service import actor_of, create_user
from catalog.organizations.uscc import generate_uscc
from service.auth import issue_token
from service.config import Settings

PASSWORD = "Secret@2024"
_rng = random.Random()


@dataclass
class Account:
    organization: Organization
    user: User
    actor: Actor
    email: str
    headers: dict[str, str]


async def make_account(
    db: AsyncSession,
    settings: Settings,
    *,
    kind: str,
    region_code: str = "370800",
    name: str | None = None,
    roles: list[str] | None = None,
    industry_code: str | None = None,
    suffix: bool = True,
) -> Account:
    """An organisation of `kind` in `region_code` with one user, and that user's bearer headers.
    The name gets a random hex suffix (names tell test organisations apart) unless `suffix` is off:
    a supplier's name is searchable, and its suffix's digits and letters are words (a1b2 → a1b2, 1,
    2), so a search test that counts hits of short words names its supplier exactly."""
    default_names = {
        "supplier": "山东鲁智数控机床有限公司",
        "buyer": "嘉兴海宁经编织造有限公司",
        "bureau": "济宁市工业和信息化局",
    }
    org = Organization(
        name=f"{name or default_names[kind]}{uuid.uuid4().hex[:4] if suffix else ''}",
        uscc=generate_uscc(region_code, _rng, authority="1" if kind == "bureau" else "9", kind="1"),
        kind=kind,
        region_code=region_code,
        industry_code=industry_code,
    )
    db.add(org)
    await db.flush()
    email = f"{kind}-{uuid.uuid4().hex[:10]}@test.equipmatch.cn"
    user = await create_user(
        db, email=email, password=PASSWORD, display_name="张工", organization_id=org.id, roles=roles or ["org_admin"]
    )
    user.organization = org
    token, _ = issue_token(settings, user)
    return Account(org, user, actor_of(user), email, {"Authorization": f"Bearer {token}"})


async def make_admin(db: AsyncSession, settings: Settings) -> Account:
    email = f"admin-{uuid.uuid4().hex[:10]}@test.equipmatch.cn"
    user = await create_user(
        db, email=email, password=PASSWORD, display_name="平台管理员", organization_id=None, roles=["platform_admin"]
    )
    user.organization = None
    token, _ = issue_token(settings, user)
    return Account(None, user, actor_of(user), email, {"Authorization": f"Bearer {token}"})  # type: ignore[arg-type]


def listing_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "海天精工 VMC850 立式加工中心 主轴12000rpm",
        "category": "立式加工中心",
        "brand": "海天精工",
        "model": "VMC850",
        "description": "三轴立式加工中心，配发那科数控系统，主轴转速12000rpm，定位精度0.006mm，支持远程运维。",
        "price_min": "380000.00",
        "price_max": "450000",
        "lead_time_days": 45,
        "energy_grade": 2,
        "tags": ["能效二级", "好品山东"],
        "service_regions": ["370000"],
        "specs": {"axes": 3, "spindle_rpm": 12000, "positioning_accuracy_mm": 0.006, "control_system": "FANUC 0i-MF"},
        "external_id": f"SKU-{uuid.uuid4().hex[:8]}",
    }
    body.update(overrides)
    return body


def demand_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "更换服役15年的普通车床，采购数控车床10台",
        "category": "数控车床",
        "description": "现有普通车床精度下降、能耗高，计划更新为数控车床，要求主轴转速不低于3000rpm，支持智能化联网。",
        "quantity": 10,
        "budget_max": "1200000",
        "region_code": "330481",
        "needed_by": "2027-06-30",
        "motivations": ["high_end", "smart"],
        "replaces": {"description": "CA6140 普通车床", "age_years": 15, "count": 10, "energy_grade": 4},
        "specs": {"spindle_rpm": 3000},
        "external_id": f"REQ-{uuid.uuid4().hex[:8]}",
    }
    body.update(overrides)
    return body


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    return await client.post("/api/v1/auth/token", data={"username": email, "password": password})


def published_listing(organization_id: uuid.UUID, **values: Any) -> Listing:
    """A published listing row built directly (no API, not yet indexed), for tests that need many;
    `values` override the defaults."""
    defaults: dict[str, Any] = {
        "category_code": "0102", "description": "", "tags": [], "service_regions": ["370000"], "specs": {},
        "status": "published", "recommended": False, "review_status": "none", "version": 1,
    }  # fmt: skip
    return Listing(organization_id=organization_id, **{**defaults, **values})
