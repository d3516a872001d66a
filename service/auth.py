"""Tokens and the current actor: OAuth2 password login issuing a JWT, and the dependencies every
router uses to know who calls (CurrentActor) and to require a kind of organisation."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from catalog.access import Actor
from catalog.errors import Forbidden, NotAuthenticated
from catalog.organizations.models import User
from catalog.organizations.service import actor_of, user_by_id
from service.config import Settings
from service.db import SessionDep

ALGORITHM = "HS256"
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def issue_token(settings: Settings, user: User) -> tuple[str, int]:
    ttl = timedelta(minutes=settings.token_ttl_minutes)
    now = datetime.now(UTC)
    claims = {"sub": str(user.id), "iat": now, "exp": now + ttl, "iss": "equipmatch"}
    return jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM), int(ttl.total_seconds())


def token_subject(settings: Settings, token: str) -> uuid.UUID:
    try:
        claims = jwt.decode(token, settings.secret_key, algorithms=[ALGORITHM], issuer="equipmatch")
        return uuid.UUID(claims["sub"])
    except (jwt.PyJWTError, KeyError, ValueError) as exc:
        raise NotAuthenticated("令牌无效或已过期") from exc


async def settings_of(request: Request) -> Settings:
    """The app's settings (async: FastAPI runs a plain function dependency in its thread pool)."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(settings_of)]


async def optional_actor(
    session: SessionDep, settings: SettingsDep, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Actor | None:
    if not token:
        return None
    user = await user_by_id(session, token_subject(settings, token))
    if user is None or not user.is_active:
        raise NotAuthenticated("用户不存在或已停用")
    return actor_of(user)


async def current_actor(actor: Annotated[Actor | None, Depends(optional_actor)]) -> Actor:
    if actor is None:
        raise NotAuthenticated("请先登录")
    return actor


OptionalActor = Annotated[Actor | None, Depends(optional_actor)]
CurrentActor = Annotated[Actor, Depends(current_actor)]

_KIND_NAMES = {"supplier": "设备供应商", "buyer": "需求企业", "bureau": "主管部门"}


def require_kind(*kinds: str) -> Callable[[Actor], Coroutine[Any, Any, Actor]]:
    """A dependency that lets through only actors of these organisation kinds (and the platform
    admin when `bureau` is among them: the admin oversees everything)."""

    async def dependency(actor: CurrentActor) -> Actor:
        if actor.organization_kind in kinds or ("bureau" in kinds and actor.is_platform_admin):
            return actor
        names = "、".join(_KIND_NAMES[k] for k in kinds)
        raise Forbidden(f"此操作仅限{names}")

    return dependency


SupplierActor = Annotated[Actor, Depends(require_kind("supplier"))]
BuyerActor = Annotated[Actor, Depends(require_kind("buyer"))]
BureauActor = Annotated[Actor, Depends(require_kind("bureau"))]
