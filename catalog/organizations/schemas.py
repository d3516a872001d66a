"""Organisation and user schemas."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from catalog.organizations.uscc import uscc_problem
from catalog.schemas import ReadModel, RegionCode

OrgKind = Literal["supplier", "buyer", "bureau"]


# Deliberately lenient: internal mail domains (.local, .internal, 内网域名) are common in bureaus.
Email = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
]


class AdminUserCreate(BaseModel):
    email: Email
    password: Annotated[str, StringConstraints(min_length=6, max_length=128)]
    display_name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] | None = None

    @model_validator(mode="after")
    def _default_display_name(self) -> AdminUserCreate:
        if not self.display_name:
            self.display_name = self.email.split("@")[0][:64]
        return self


class OrganizationCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
    uscc: Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True)]
    kind: OrgKind
    region_code: RegionCode
    # GB/T 4754 国民经济行业分类: a section letter and/or 2–4 digits (C, C34, C3421, 3421).
    industry_code: (
        Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^([A-T]|[A-T]?\d{2,4})$")]
        | None
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


class MemberRead(UserRead):
    """A user as its organisation's admin sees it."""

    is_active: bool
    last_login_at: datetime | None
    created_at: datetime


OrgRole = Literal["org_admin", "member"]
Password = Annotated[str, StringConstraints(min_length=6, max_length=128)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


def _just_member() -> list[OrgRole]:
    return ["member"]


class MemberInvite(BaseModel):
    """A colleague added by the organisation's admin. Without `password` a one-time initial
    password is generated and returned once (`initial_password`); the colleague changes it with
    POST /me/password."""

    model_config = ConfigDict(extra="ignore")

    email: Email
    display_name: DisplayName | None = None
    roles: list[OrgRole] = Field(default_factory=_just_member, min_length=1, max_length=2)
    password: Password | None = None


class MemberInvited(MemberRead):
    initial_password: str | None = Field(None, description="Only when generated: shown this once, never stored")


class MemberUpdate(BaseModel):
    """What the admin changes about a colleague: roles, active, display name (absent = unchanged)."""

    model_config = ConfigDict(extra="ignore")

    display_name: DisplayName | None = None
    roles: list[OrgRole] | None = Field(None, min_length=1, max_length=2)
    is_active: bool | None = None


class PasswordChange(BaseModel):
    current_password: Annotated[str, StringConstraints(max_length=128)]
    new_password: Password


Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=32, pattern=r"^[0-9+\-() 转#]*$")]
Website = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200, pattern=r"^$|^(https?://)?[^\s/$.?#][^\s]*$")
]


class OrganizationUpdate(BaseModel):
    """The organisation's profile as its admin edits it (absent = unchanged, null or "" = cleared).
    Name, USCC, kind and region are registration facts and not changed here."""

    model_config = ConfigDict(extra="ignore")

    contact_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None = None
    contact_phone: Phone | None = None
    contact_email: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, to_lower=True, max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+$"),
        ]
        | None
    ) = None
    address: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    website: Website | None = None
    industry_code: (
        Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^$|^([A-T]|[A-T]?\d{2,4})$")]
        | None
    ) = None


class OrganizationRead(ReadModel):
    id: uuid.UUID
    name: str
    uscc: str
    kind: str
    region_code: str
    industry_code: str | None
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None = None
    address: str | None = None
    website: str | None = None
    created_at: datetime


class OrganizationCreated(OrganizationRead):
    admin_user: UserRead


class Me(BaseModel):
    user: UserRead
    organization: OrganizationRead | None
    roles: list[str]
    region_scope: str | None = Field(description="A bureau's region subtree; None for companies, 000000 for the admin")
