"""Organisation and user schemas."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

from catalog.organizations.uscc import uscc_problem
from catalog.schemas import ReadModel, RegionCode

OrgKind = Literal["supplier", "buyer", "bureau"]


class AdminUserCreate(BaseModel):
    email: EmailStr
    password: Annotated[str, StringConstraints(min_length=8, max_length=128)]
    display_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class OrganizationCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
    uscc: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True)]
    kind: OrgKind
    region_code: RegionCode
    # GB/T 4754 国民经济行业分类: a section letter, optionally with 2–4 digits (C, C34, C342, C3421).
    industry_code: (
        Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-T](\d{2}|\d{3}|\d{4})?$")] | None
    ) = None
    contact_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None = None
    contact_phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=32)] | None = None
    admin_user: AdminUserCreate

    @field_validator("uscc")
    @classmethod
    def _valid_uscc(cls, value: str) -> str:
        problem = uscc_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class UserRead(ReadModel):
    id: uuid.UUID
    email: str
    display_name: str
    roles: list[str]


class OrganizationRead(ReadModel):
    id: uuid.UUID
    name: str
    uscc: str
    kind: str
    region_code: str
    industry_code: str | None
    contact_name: str | None
    contact_phone: str | None
    created_at: datetime


class OrganizationCreated(OrganizationRead):
    admin_user: UserRead


class Me(BaseModel):
    user: UserRead
    organization: OrganizationRead | None
    roles: list[str]
    region_scope: str | None = Field(description="A bureau's region subtree; None for companies, 000000 for the admin")
