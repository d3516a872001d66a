"""problem+json (RFC 9457) for every error: domain AppErrors, validation errors, HTTP errors and
anything unexpected. Titles follow Accept-Language (Chinese by default)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from catalog.errors import AppError, FieldError
from service.db import database_unavailable

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://equipmatch.cn/problems/"

_HTTP_TITLES: dict[int, tuple[str, str, str]] = {
    400: ("bad-request", "请求有误", "Bad request"),
    401: ("not-authenticated", "未登录或凭据无效", "Not authenticated"),
    403: ("forbidden", "无权执行此操作", "Forbidden"),
    404: ("not-found", "资源不存在", "Not found"),
    405: ("method-not-allowed", "不支持该请求方法", "Method not allowed"),
    409: ("conflict", "与现有数据冲突", "Conflict"),
    413: ("too-large", "请求内容过大", "Payload too large"),
    415: ("unsupported-media-type", "不支持的内容类型", "Unsupported media type"),
    422: ("validation-error", "输入校验失败", "Validation failed"),
    429: ("too-many-requests", "请求过于频繁", "Too many requests"),
    500: ("internal-error", "服务器内部错误", "Internal server error"),
    503: ("unavailable", "服务暂时不可用", "Service unavailable"),
}

# Pydantic error types in Chinese; the English message comes from pydantic itself.
_ZH_MESSAGES = {
    "missing": "必填字段缺失",
    "string_too_short": "内容过短",
    "string_too_long": "内容过长",
    "string_pattern_mismatch": "格式不正确",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_parsing": "应为数值",
    "decimal_parsing": "应为金额数值",
    "decimal_max_places": "金额最多两位小数",
    "decimal_max_digits": "金额过大",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "greater_than": "数值过小",
    "less_than": "数值过大",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "datetime_parsing": "时间格式应为 ISO 8601",
    "uuid_parsing": "应为 UUID",
    "json_invalid": "JSON 格式错误",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为数组",
    "too_long": "条目过多",
    "value_error": "取值无效",
    "bool_parsing": "应为 true 或 false",
    "model_attributes_type": "应为 JSON 对象",
}


def wants_english(request: Request) -> bool:
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        lang = part.split(";")[0].strip().lower()
        if lang.startswith("zh"):
            return False
        if lang.startswith("en"):
            return True
    return False


def problem(
    request: Request,
    *,
    status: int,
    slug: str,
    title_zh: str,
    title_en: str,
    detail: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + slug,
        "title": title_en if wants_english(request) else title_zh,
        "status": status,
        "detail": detail or (title_en if wants_english(request) else title_zh),
        "instance": request.url.path,
    }
    if errors is not None:
        body["errors"] = [{"field": e.field, "message": e.message} for e in errors]
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "form", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


def validation_errors(raw: list[dict[str, Any]], *, english: bool) -> list[FieldError]:
    errors = []
    for err in raw:
        en = str(err.get("msg", "invalid"))
        if en.startswith("Value error, "):
            en = en.removeprefix("Value error, ")
            zh = en  # our own validators already speak Chinese
        else:
            zh = _ZH_MESSAGES.get(str(err.get("type")), "取值无效")
            zh = f"{zh}（{en}）"
        errors.append(FieldError(_field_name(tuple(err.get("loc", ()))), en if english else zh))
    return errors


async def _app_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    headers = exc.response_headers() or None
    errors = exc.errors if (exc.errors or exc.status == 422) else None
    return problem(
        request, status=exc.status, slug=exc.slug, title_zh=exc.title_zh, title_en=exc.title_en,
        detail=exc.detail, errors=errors, headers=headers,
    )  # fmt: skip


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    english = wants_english(request)
    errors = validation_errors(list(exc.errors()), english=english)
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors[:5])
    return problem(
        request, status=422, slug="validation-error", title_zh="输入校验失败", title_en="Validation failed",
        detail=detail, errors=errors,
    )  # fmt: skip


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    slug, zh, en = _HTTP_TITLES.get(exc.status_code, ("error", "请求失败", "Request failed"))
    detail = exc.detail if isinstance(exc.detail, str) else None
    return problem(
        request, status=exc.status_code, slug=slug, title_zh=zh, title_en=en, detail=detail,
        headers=dict(exc.headers) if exc.headers else None,
    )  # fmt: skip


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    if database_unavailable(exc):
        # The database is down or restarting: the client may retry; the pool reconnects by itself.
        log.warning("database unavailable: %s: %s", type(exc).__name__, exc)
        return problem(
            request, status=503, slug="unavailable", title_zh="服务暂时不可用", title_en="Service unavailable",
            detail="数据库暂时不可用，请稍后重试" if not wants_english(request) else "The database is unavailable; retry shortly",
            headers={"Retry-After": "5"},
        )  # fmt: skip
    log.exception("unhandled error", exc_info=exc)
    return problem(
        request, status=500, slug="internal-error", title_zh="服务器内部错误", title_en="Internal server error"
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    # Database errors are handled here, not only by the last-resort handler: a lost connection is a
    # 503 the client may retry, any other database error a 500.
    app.add_exception_handler(SQLAlchemyError, _unexpected)
    app.add_exception_handler(OSError, _unexpected)
    app.add_exception_handler(Exception, _unexpected)
