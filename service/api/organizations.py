"""An organisation's profile and users over HTTP: read per the access rules, changed by its admin
only (another organisation → 404, or 403 where its profile is public; a non-admin member → 403)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from catalog.access import Action, Actor
from catalog.errors import NotFound
from catalog.organizations import members
from catalog.organizations.models import Organization
from catalog.organizations.schemas import (
    MemberInvite,
    MemberInvited,
    MemberRead,
    MemberUpdate,
    OrganizationRead,
    OrganizationUpdate,
    PasswordChange,
)
from catalog.organizations.service import user_by_id
from catalog.schemas import Page
from service.auth import CurrentActor
from service.db import SessionDep

router = APIRouter(tags=["organizations"])


def _own_id(actor: Actor) -> uuid.UUID:
    if actor.organization_id is None:
        raise NotFound("当前用户不属于任何机构")
    return actor.organization_id


async def _for(session: SessionDep, actor: Actor, organization_id: uuid.UUID, action: Action) -> Organization:
    return await members.organization_for(session, actor=actor, organization_id=organization_id, action=action)


@router.get("/organizations/{organization_id}", response_model=OrganizationRead)
async def read_organization(organization_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> Organization:
    """An organisation's profile (its members, bureaus in scope, the admin; suppliers' to everyone logged in)."""
    return await _for(session, actor, organization_id, Action.READ)


@router.patch("/organizations/{organization_id}", response_model=OrganizationRead)
async def update_organization(
    organization_id: uuid.UUID, data: OrganizationUpdate, actor: CurrentActor, session: SessionDep
) -> Organization:
    """Change the contact profile (contact person, phone, email, address, website, industry) — its admin only."""
    organization = await _for(session, actor, organization_id, Action.WRITE)
    return await members.update_profile(session, organization=organization, data=data)


@router.get("/me/organization", response_model=OrganizationRead)
async def read_my_organization(actor: CurrentActor, session: SessionDep) -> Organization:
    """The caller's own organisation's profile."""
    return await _for(session, actor, _own_id(actor), Action.READ)


@router.patch("/me/organization", response_model=OrganizationRead)
async def update_my_organization(data: OrganizationUpdate, actor: CurrentActor, session: SessionDep) -> Organization:
    """Change the caller's organisation's contact profile (its admin only)."""
    organization = await _for(session, actor, _own_id(actor), Action.WRITE)
    return await members.update_profile(session, organization=organization, data=data)


@router.get("/organizations/{organization_id}/users", response_model=Page[MemberRead])
async def list_members(organization_id: uuid.UUID, actor: CurrentActor, session: SessionDep) -> Page[MemberRead]:
    """The organisation's users (its admin, the platform admin)."""
    organization = await _for(session, actor, organization_id, Action.WRITE)
    users = await members.members_of(session, organization)
    return Page(items=[MemberRead.model_validate(u) for u in users], total=len(users))


@router.post("/organizations/{organization_id}/users", response_model=MemberInvited, status_code=201)
async def invite_member(
    organization_id: uuid.UUID, data: MemberInvite, actor: CurrentActor, session: SessionDep
) -> MemberInvited:
    """Add a colleague with a role (org_admin or member); without a password one is generated and shown once."""
    organization = await _for(session, actor, organization_id, Action.WRITE)
    user, generated = await members.invite_member(session, organization=organization, data=data)
    return MemberInvited.model_validate({**MemberRead.model_validate(user).model_dump(), "initial_password": generated})


@router.patch("/organizations/{organization_id}/users/{user_id}", response_model=MemberRead)
async def update_member(
    organization_id: uuid.UUID, user_id: uuid.UUID, data: MemberUpdate, actor: CurrentActor, session: SessionDep
) -> MemberRead:
    """Change a colleague's roles, display name or active flag (the last active admin stays: 409)."""
    organization = await _for(session, actor, organization_id, Action.WRITE)
    user = await members.member_of(session, organization=organization, user_id=user_id)
    return MemberRead.model_validate(
        await members.update_member(session, organization=organization, user=user, data=data)
    )


@router.delete("/organizations/{organization_id}/users/{user_id}", status_code=204)
async def deactivate_member(
    organization_id: uuid.UUID, user_id: uuid.UUID, actor: CurrentActor, session: SessionDep
) -> Response:
    """Deactivate a colleague: its tokens stop working at once; the row stays for the audit trail."""
    organization = await _for(session, actor, organization_id, Action.WRITE)
    user = await members.member_of(session, organization=organization, user_id=user_id)
    await members.update_member(session, organization=organization, user=user, data=MemberUpdate(is_active=False))
    return Response(status_code=204)


@router.post("/me/password", status_code=204)
async def change_my_password(data: PasswordChange, actor: CurrentActor, session: SessionDep) -> Response:
    """Change one's own password (the current one is required; wrong → 403)."""
    user = await user_by_id(session, actor.user_id)
    assert user is not None
    await members.change_password(
        session, user=user, current_password=data.current_password, new_password=data.new_password
    )
    return Response(status_code=204)
