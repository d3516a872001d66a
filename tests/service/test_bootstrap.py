"""Start-up work: reference data and the platform admin load idempotently."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.organizations.models import User
from catalog.organizations.service import authenticate, ensure_platform_admin
from catalog.regions.models import Region
from catalog.taxonomy.models import Category, Tag
from seeds.reference import load_reference


async def test_reference_data_loads_twice_without_change(db: AsyncSession) -> None:
    before = [await db.scalar(select(func.count()).select_from(t)) for t in (Region, Category, Tag)]
    counts = await load_reference(db)
    after = [await db.scalar(select(func.count()).select_from(t)) for t in (Region, Category, Tag)]
    assert before == after == [counts.regions, counts.categories, counts.tags]
    assert counts.categories >= 75 and counts.regions >= 100
    zone = await db.get(Region, "370871")
    assert zone is not None and zone.ancestors == ["000000", "370000", "370800", "370871"]


async def test_platform_admin_is_created_once(db: AsyncSession) -> None:
    assert await ensure_platform_admin(db, email="Root@Equipmatch.cn", password="Admin@2024") is True
    assert await ensure_platform_admin(db, email="root@equipmatch.cn", password="another") is False
    count = await db.scalar(
        select(func.count()).select_from(User).where(func.lower(User.email) == "root@equipmatch.cn")
    )
    assert count == 1
    admin = await authenticate(db, email="root@equipmatch.cn", password="Admin@2024")
    assert admin is not None and admin.roles == ["platform_admin"] and admin.organization_id is None
