"""/console: a bureau's dashboard in the browser. Log-in is a form that checks the same
credentials as `POST /api/v1/auth/token` and keeps the same JWT in a cookie that scripts cannot
read (HttpOnly), that no other site's request carries (SameSite=Strict), that goes only to
/console (Path) and only over HTTPS when the request came over HTTPS or the app runs in production
(Secure). Pages are read-only GETs, sent with a Content-Security-Policy that allows no script and
nothing from elsewhere, never cached, never framed."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from catalog.access import Actor
from catalog.errors import AppError, NotAuthenticated
from catalog.organizations.service import actor_of, user_by_id
from matching.statistics.export import overview_workbook
from matching.statistics.service import overview
from matching.statistics.targets import target_progress
from service.api.accounts import password_login
from service.auth import SettingsDep, token_subject
from service.console.pages import dashboard_page, login_page, refused_page
from service.db import SessionDep

router = APIRouter(prefix="/console", include_in_schema=False)

COOKIE = "eqm_console"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=HEADERS)


async def _console_actor(request: Request, session: SessionDep, settings: SettingsDep) -> tuple[Actor, str] | None:
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    try:
        user = await user_by_id(session, token_subject(settings, token))
    except NotAuthenticated:
        return None
    if user is None or not user.is_active:
        return None
    return actor_of(user), user.display_name or user.email


def _is_bureau(actor: Actor) -> bool:
    return actor.is_platform_admin or (actor.is_kind("bureau") and actor.region_code is not None)


@router.get("", response_class=HTMLResponse)
async def console(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    region: Annotated[str | None, Query(pattern=r"^(\d{6})?$")] = None,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> Response:
    """The dashboard, or the log-in form when nobody is logged in."""
    who = await _console_actor(request, session, settings)
    if who is None:
        return _html(login_page())
    actor, name = who
    if not _is_bureau(actor):
        return _html(refused_page("工作台仅限主管部门（工信局、经信局）和平台管理员使用。"), 403)
    params = {"region": region or "", "from": str(date_from or ""), "to": str(date_to or "")}
    try:
        figures = await overview(
            session, actor=actor, region=region or None, date_from=date_from, date_to=date_to,
            strong_threshold=settings.match_notify_threshold,
        )  # fmt: skip
        targets = await target_progress(session, actor=actor, region=region or None)
    except AppError as refused:
        return _html(refused_page(refused.detail or refused.title_zh), refused.status)
    return _html(dashboard_page(user=name, overview=figures, targets=targets, params=params))


@router.get("/statistics.xlsx")
async def console_export(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    region: Annotated[str | None, Query(pattern=r"^(\d{6})?$")] = None,
    date_from: Annotated[date | None, Query(alias="from")] = None,
    date_to: Annotated[date | None, Query(alias="to")] = None,
) -> Response:
    """The dashboard's figures as the statistics workbook."""
    who = await _console_actor(request, session, settings)
    if who is None or not _is_bureau(who[0]):
        return RedirectResponse("/console", status_code=303)
    figures = await overview(
        session, actor=who[0], region=region or None, date_from=date_from, date_to=date_to,
        strong_threshold=settings.match_notify_threshold,
    )  # fmt: skip
    return Response(
        overview_workbook(figures), media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="statistics-{figures.scope.code}.xlsx"', **HEADERS},
    )  # fmt: skip


@router.post("/login")
async def console_login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=256)],
) -> Response:
    """Check the credentials (the same check, throttling included, as the token endpoint); on
    success keep the token in the console cookie and go to the dashboard."""
    try:
        token, ttl = await password_login(request, session, settings, email=username, password=password)
    except AppError as refused:
        return _html(login_page(error=refused.detail or refused.title_zh, email=username), refused.status)
    response = RedirectResponse("/console", status_code=303)
    secure = request.url.scheme == "https" or settings.env == "production"
    response.set_cookie(COOKIE, token, max_age=ttl, path="/console", httponly=True, samesite="strict", secure=secure)
    return response


@router.post("/logout")
async def console_logout() -> Response:
    """Forget the console cookie."""
    response = RedirectResponse("/console", status_code=303)
    response.delete_cookie(COOKIE, path="/console", httponly=True, samesite="strict")
    return response
