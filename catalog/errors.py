"""Domain errors: every rule violation is an AppError carrying its HTTP status and bilingual title.

The service layer turns them into problem+json; this module knows nothing of HTTP frameworks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class AppError(Exception):
    """Base of every domain error. `slug` names the problem type (`/problems/<slug>`)."""

    status: int = 400
    slug: str = "bad-request"
    title_zh: str = "请求有误"
    title_en: str = "Bad request"

    def __init__(self, detail: str | None = None, *, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail or self.title_en)
        self.detail = detail
        self.errors = errors or []

    def response_headers(self) -> dict[str, str]:
        """Headers the problem response carries (a 401 names its scheme, a 429 or 503 its Retry-After)."""
        return {"WWW-Authenticate": "Bearer"} if self.status == 401 else {}


class ValidationFailed(AppError):
    status = 422
    slug = "validation-error"
    title_zh = "输入校验失败"
    title_en = "Validation failed"

    @classmethod
    def on(cls, field: str, message: str) -> ValidationFailed:
        return cls(message, errors=[FieldError(field, message)])


class NotAuthenticated(AppError):
    status = 401
    slug = "not-authenticated"
    title_zh = "未登录或凭据无效"
    title_en = "Not authenticated"


class Forbidden(AppError):
    status = 403
    slug = "forbidden"
    title_zh = "无权执行此操作"
    title_en = "Forbidden"


class NotFound(AppError):
    status = 404
    slug = "not-found"
    title_zh = "资源不存在"
    title_en = "Not found"


class Conflict(AppError):
    status = 409
    slug = "conflict"
    title_zh = "与现有数据冲突"
    title_en = "Conflict"


class PreconditionFailed(AppError):
    status = 412
    slug = "precondition-failed"
    title_zh = "数据已被他人修改，请刷新后重试"
    title_en = "Precondition failed"


class PreconditionRequired(AppError):
    status = 428
    slug = "precondition-required"
    title_zh = "缺少 If-Match 请求头"
    title_en = "Precondition required"
