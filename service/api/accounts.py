"""Accounts: login, the current user, registering organisations."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import region_scope
from catalog.db import utcnow
from catalog.errors import NotAuthenticated
from catalog.organizations.schemas import Me, OrganizationCreate, OrganizationCreated, OrganizationRead, UserRead
from catalog.organizations.service import authenticate, create_organization, user_by_id
from service.auth import CurrentActor, SettingsDep, issue_token
from service.config import Settings
from service.db import SessionDep
from service.throttle import check, forget_account, keys_for, record_failure

router = APIRouter(tags=["accounts"])


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


@router.post("/auth/token", response_model=Token)
async def login(
    request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep, settings: SettingsDep
) -> Token:
    """Log in with email and password (OAuth2 password form); returns a bearer JWT. Too many failures
    for one account or from one address inside the window → 429 with Retry-After."""
    token, expires_in = await password_login(request, session, settings, email=form.username, password=form.password)
    return Token(access_token=token, expires_in=expires_in)


async def password_login(
    request: Request, session: AsyncSession, settings: Settings, *, email: str, password: str
) -> tuple[str, int]:
    """The one log-in check (the token endpoint and the console's form): throttled per account and
    address, a failure recorded, a success clearing the account's count. Returns (token, seconds)."""
    keys = keys_for(email, request.client.host if request.client else None)
    await check(session, keys)
    user = await authenticate(session, email=email, password=password)
    if user is None:
        await record_failure(
            session,
            keys,
            limits=(settings.login_max_failures_per_account, settings.login_max_failures_per_address),
            window=timedelta(minutes=settings.login_window_minutes),
        )
        raise NotAuthenticated("邮箱或密码错误")
    await forget_account(session, email)
    user.last_login_at = utcnow()
    return issue_token(settings, user)


@router.get("/me", response_model=Me)
async def me(actor: CurrentActor, session: SessionDep) -> Me:
    """The logged-in user, its organisation, roles and region scope."""
    user = await user_by_id(session, actor.user_id)
    assert user is not None
    scope = region_scope(actor)
    return Me(
        user=UserRead.model_validate(user),
        organization=OrganizationRead.model_validate(user.organization) if user.organization else None,
        roles=list(user.roles),
        region_scope=scope,
    )


@router.post("/organizations", response_model=OrganizationCreated, status_code=201)
async def register_organization(
    data: OrganizationCreate, actor: CurrentActor, session: SessionDep
) -> OrganizationCreated:
    """Register an organisation with its first admin user (platform admin; a bureau admin in its region)."""
    org, admin = await create_organization(session, actor=actor, data=data)
    return OrganizationCreated.model_validate(
        {**OrganizationRead.model_validate(org).model_dump(), "admin_user": admin}
    )
