"""Schema pieces shared by several concepts: references, money, pages."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

T = TypeVar("T")

FEN = Decimal("0.01")


def to_fen(value: Decimal) -> Decimal:
    """Money is kept to the fen: 1200000 → 1200000.00."""
    return value.quantize(FEN)


MoneyIn = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2, allow_inf_nan=False), AfterValidator(to_fen)]
RegionCode = Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]


def _none_if_empty(value: str | None) -> str | None:
    return value or None


# A client's own id for a record (ERP number, 资产编号). Empty means none: "" must not become a
# second record's id that collides with the first.
ExternalId = Annotated[ShortText | None, AfterValidator(_none_if_empty)]


def refuse_null(cls: type[BaseModel], value: Any) -> Any:
    """A PATCH field validator: a field a record cannot be without may be left out, not nulled."""
    if value is None:
        raise ValueError("该字段不能清空")
    return value


CHINA = timezone(timedelta(hours=8))


def to_deadline(value: object) -> object:
    """A deadline as clients send it: an aware datetime as is; a naive one is UTC (the API's
    convention); a bare date (2026-12-31) means the end of that day in China (23:59:59 +08:00)."""
    if isinstance(value, str) and len(value) == 10:
        value = date.fromisoformat(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time(23, 59, 59), tzinfo=CHINA)
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


Deadline = Annotated[AwareDatetime, BeforeValidator(to_deadline)]


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class RecordWarning(BaseModel):
    """Something a reviewer should look at that did not stop the write: `field` names the value
    (`specs.spindle_rpm`), `message` says why in Chinese."""

    field: str
    message: str


class CategoryRef(ReadModel):
    code: str
    name: str


class OrganizationRef(ReadModel):
    id: uuid.UUID
    name: str


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
