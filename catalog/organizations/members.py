"""An organisation's own page and people: its contact profile (what a buyer reveals on accepting
contact) and its users (invite a colleague, roles, deactivate, change one's password), all changed
by the organisation's admin only."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Action, Actor, authorize
from catalog.errors import Conflict, Forbidden, NotFound
from catalog.organizations.models import Organization, User
from catalog.organizations.schemas import MemberInvite, MemberUpdate, OrganizationUpdate
from catalog.organizations.service import create_user, hash_password, passwords


def _profile_is_public(organization: Organization) -> bool:
    """A supplier's profile is public to every logged-in user, like its published listings: vendors
    want to be reached. A buyer's is not (its identity is revealed per match, on its consent)."""
    return organization.kind == "supplier"


async def organization_for(
    session: AsyncSession, *, actor: Actor, organization_id: uuid.UUID, action: Action
) -> Organization:
    """The organisation if `actor` may do `action`: read — its members, bureaus whose scope holds
    it, the platform admin (and everyone for a supplier); write — its admin and the platform admin.
    404 when it may not even read it, 403 when it may read but not write."""
    organization = await session.get(Organization, organization_id)
    if organization is None:
        raise NotFound("机构不存在")
    if action is Action.READ and _profile_is_public(organization):
        return organization
    if action is not Action.READ and _profile_is_public(organization) and actor.organization_id != organization.id:
        if not actor.is_platform_admin:
            raise Forbidden("只有本机构管理员可以修改机构信息")
    await authorize(
        session, actor, action, owner_organization_id=organization.id, region_code=organization.region_code,
        what="机构",
    )  # fmt: skip
    if action is not Action.READ and not actor.is_org_admin:
        raise Forbidden("只有本机构管理员可以修改机构信息和成员")
    return organization


async def update_profile(
    session: AsyncSession, *, organization: Organization, data: OrganizationUpdate
) -> Organization:
    """Set the fields present; an empty string or null clears one."""
    for name, value in data.model_dump(exclude_unset=True).items():
        setattr(organization, name, value or None)
    await session.flush()
    return organization


async def members_of(session: AsyncSession, organization: Organization) -> Sequence[User]:
    stmt = select(User).where(User.organization_id == organization.id).order_by(User.created_at, User.id)
    return (await session.scalars(stmt)).all()


async def invite_member(
    session: AsyncSession, *, organization: Organization, data: MemberInvite
) -> tuple[User, str | None]:
    """A colleague with these roles; returns the user and the generated initial password (None
    when the admin chose one)."""
    generated = None if data.password else secrets.token_urlsafe(12)
    user = await create_user(
        session, email=data.email, password=data.password or generated or "", organization_id=organization.id,
        display_name=data.display_name or data.email.split("@")[0][:64], roles=list(dict.fromkeys(data.roles)),
    )  # fmt: skip
    return user, generated


async def member_of(session: AsyncSession, *, organization: Organization, user_id: uuid.UUID) -> User:
    user = await session.get(User, user_id)
    if user is None or user.organization_id != organization.id:
        raise NotFound("该机构没有这个用户")
    return user


async def update_member(session: AsyncSession, *, organization: Organization, user: User, data: MemberUpdate) -> User:
    """Change a colleague's roles, name or active flag. The organisation keeps at least one active
    admin (409 otherwise), so nobody locks it out of its own page."""
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "roles" in changes:
        changes["roles"] = list(dict.fromkeys(changes["roles"]))
    for name, value in changes.items():
        setattr(user, name, value)
    await session.flush()
    admins = [u for u in await members_of(session, organization) if u.is_active and "org_admin" in (u.roles or [])]
    if not admins:
        raise Conflict("机构至少需要保留一名有效的管理员")
    return user


async def change_password(session: AsyncSession, *, user: User, current_password: str, new_password: str) -> None:
    if not passwords.verify(current_password, user.password_hash):
        raise Forbidden("当前密码不正确")
    user.password_hash = hash_password(new_password)
    await session.flush()
