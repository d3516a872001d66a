"""Account rules: registering organisations with their first admin, password hashing, login."""

from __future__ import annotations

import uuid

from pwdlib import PasswordHash
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from catalog.access import Actor, in_scope
from catalog.errors import Conflict, Forbidden, ValidationFailed
from catalog.organizations.models import Organization, User
from catalog.organizations.schemas import OrganizationCreate
from catalog.regions.repository import get_region

passwords = PasswordHash.recommended()  # argon2id
_DUMMY_HASH = passwords.hash("timing-equaliser")


def hash_password(password: str) -> str:
    return passwords.hash(password)


async def user_by_email(session: AsyncSession, email: str) -> User | None:
    stmt = select(User).options(joinedload(User.organization)).where(func.lower(User.email) == email.strip().lower())
    return (await session.scalars(stmt)).unique().one_or_none()


async def user_by_id(session: AsyncSession, user_id: uuid.UUID) -> User | None:
    stmt = select(User).options(joinedload(User.organization)).where(User.id == user_id)
    return (await session.scalars(stmt)).unique().one_or_none()


async def authenticate(session: AsyncSession, *, email: str, password: str) -> User | None:
    """The active user with these credentials, or None (same work either way, against timing probes)."""
    user = await user_by_email(session, email)
    if user is None or not user.is_active:
        passwords.verify(password, _DUMMY_HASH)
        return None
    if not passwords.verify(password, user.password_hash):
        return None
    return user


def actor_of(user: User) -> Actor:
    org = user.organization
    return Actor(
        user_id=user.id,
        email=user.email,
        organization_id=org.id if org else None,
        organization_kind=org.kind if org else None,
        region_code=org.region_code if org else None,
        roles=frozenset(user.roles),
    )


async def create_user(
    session: AsyncSession, *, email: str, password: str, display_name: str,
    organization_id: uuid.UUID | None, roles: list[str],
) -> User:  # fmt: skip
    if await user_by_email(session, email) is not None:
        raise Conflict(f"邮箱 {email} 已被注册")
    user = User(
        email=email.strip().lower(),
        password_hash=hash_password(password),
        display_name=display_name,
        organization_id=organization_id,
        roles=roles,
        is_active=True,
    )
    session.add(user)
    await session.flush()
    return user


async def create_organization(
    session: AsyncSession, *, actor: Actor, data: OrganizationCreate
) -> tuple[Organization, User]:
    """A platform admin registers anywhere; a bureau's admin registers inside its region."""
    if not (actor.is_platform_admin or (actor.is_kind("bureau") and actor.is_org_admin)):
        raise Forbidden("只有平台管理员或主管部门管理员可以注册机构")
    if await get_region(session, data.region_code) is None:
        raise ValidationFailed.on("region_code", f"未知行政区划代码：{data.region_code}")
    if not await in_scope(session, actor, data.region_code):
        raise Forbidden("该行政区域不在您的管辖范围内")
    if await session.scalar(select(Organization.id).where(Organization.uscc == data.uscc)):
        raise Conflict(f"统一社会信用代码 {data.uscc} 已注册")
    org = Organization(**data.model_dump(exclude={"admin_user"}))
    session.add(org)
    await session.flush()
    admin = await create_user(
        session,
        email=data.admin_user.email,
        password=data.admin_user.password,
        display_name=data.admin_user.display_name or data.admin_user.email,
        organization_id=org.id,
        roles=["org_admin"],
    )
    return org, admin


async def ensure_platform_admin(session: AsyncSession, *, email: str, password: str) -> bool:
    """Create the platform admin unless a user with that email exists. True when created."""
    if await user_by_email(session, email) is not None:
        return False
    await create_user(
        session, email=email, password=password, display_name="平台管理员", organization_id=None,
        roles=["platform_admin"],
    )  # fmt: skip
    return True
