"""The machinery every spreadsheet import shares: reference data loaded once, row validation with
per-cell errors, all-or-nothing / partial / dry-run, and batched writes that still leave an audit
row, an outbox event and a search refresh for every record they touch.

Listings and demands plug in through `ImportSpec` (see catalog/listings/importer.py and
catalog/demands/importer.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.audit.models import AuditEvent
from catalog.audit.repository import diff
from catalog.db import utcnow
from catalog.demands.models import Demand
from catalog.errors import FieldError
from catalog.listings.models import Listing
from catalog.organizations.models import Organization, User
from catalog.organizations.service import actor_of
from catalog.outbox.models import OutboxEvent
from catalog.regions.models import Region
from catalog.tabular import Column, RowError, Table, iter_chunks, map_header, read_row
from catalog.taxonomy.models import Category
from catalog.taxonomy.repository import known_tags

BATCH = 1000
Progress = Callable[[str, int, int], None]  # (phase, done, total)


# The record types an import writes.
T = TypeVar("T", Listing, Demand)


@dataclass
class ReferenceData:
    """Categories, tags and region codes, loaded once per import so that 50,000 rows are checked
    in memory instead of with three queries each."""

    categories: dict[str, Category]
    lookup: dict[str, Category]
    tags: set[str]
    regions: set[str]

    @classmethod
    async def load(cls, session: AsyncSession) -> ReferenceData:
        rows = (await session.scalars(select(Category))).all()
        by_code = {c.code: c for c in rows}
        lookup: dict[str, Category] = {}
        # The precedence of `find_category`: leaf names, leaf aliases, group names, group aliases.
        for level in ("leaf", "group"):
            ordered = sorted((c for c in rows if c.level == level), key=lambda c: c.code)
            for category in ordered:
                lookup.setdefault(category.name.casefold(), category)
            for category in ordered:
                for alias in category.aliases:
                    lookup.setdefault(alias.casefold(), category)
        regions = set(await session.scalars(select(Region.code)))
        return cls(categories=by_code, lookup=lookup, tags=await known_tags(session), regions=regions)

    def category(self, value: str) -> Category | None:
        """By exact code, name or alias (Latin letters case-insensitive), as `find_category`."""
        value = value.strip()
        return self.categories.get(value) or self.lookup.get(value.casefold())


# --- validation ----------------------------------------------------------------------------


def _constraint(ctx: Mapping[str, Any], key: str) -> str:
    value = ctx.get(key)
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def pydantic_message(error: Mapping[str, Any]) -> str:
    """One pydantic error in Chinese, with the limit it broke where there is one."""
    kind = str(error.get("type"))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind == "value_error":
        return str(error.get("msg", "取值无效")).removeprefix("Value error, ")
    if kind in {"greater_than_equal", "greater_than"}:
        return f"不能小于{_constraint(ctx, 'ge' if 'ge' in ctx else 'gt')}"
    if kind in {"less_than_equal", "less_than"}:
        return f"不能大于{_constraint(ctx, 'le' if 'le' in ctx else 'lt')}"
    if kind == "string_too_long":
        return f"不能超过{ctx.get('max_length')}个字"
    if kind == "too_long":
        return f"最多{ctx.get('max_length')}项"
    return {
        "missing": "必填，不能为空",
        "string_too_short": "不能为空",
        "string_pattern_mismatch": "格式不正确（行政区划代码为6位数字）",
        "literal_error": f"取值应为 {ctx.get('expected', '允许的值')}",
        "decimal_max_places": "金额最多两位小数",
        "decimal_max_digits": "金额过大",
        "int_parsing": "应为整数",
        "int_from_float": "应为整数",
        "decimal_parsing": "应为金额数值",
        "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
        "date_parsing": "日期格式应为 YYYY-MM-DD",
    }.get(kind, "取值无效")


def model_errors(
    exc: ValidationError, *, row: int, columns: set[str], rename: Mapping[str, str], fallback: str
) -> list[RowError]:
    """Pydantic errors as cell errors: the first element of an error's location names the column
    (`rename` maps nested fields such as replaces.age_years to their column); errors of the whole
    model go to `fallback`."""
    errors = []
    for error in exc.errors():
        loc = [str(p) for p in error.get("loc", ())]
        dotted = ".".join(loc)
        column = rename.get(dotted) or (loc[0] if loc and loc[0] in columns else fallback)
        errors.append(RowError(row, column, pydantic_message(error)))
    return errors


def field_errors(errors: Iterable[FieldError], *, row: int) -> list[RowError]:
    """Service FieldErrors (`specs.spindle_rpm`) as cell errors of their column (`specs`)."""
    return [RowError(row, e.field.split(".", 1)[0], e.message) for e in errors]


# --- the import itself ---------------------------------------------------------------------


@dataclass
class Candidate:
    """A row that passed validation: the model values it sets."""

    row: int
    external_id: str | None
    values: dict[str, Any]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    ids: list[uuid.UUID] = field(default_factory=list)


@dataclass(frozen=True)
class ImportSpec(Generic[T]):
    """What differs between importing listings and demands."""

    entity: str  # the audit/outbox entity type
    noun: str  # 挂牌 / 需求, for messages
    model: type[T]
    columns: Sequence[Column]
    required: tuple[str, ...]
    # The row's typed values → (model values | None, errors); pure, uses the reference data.
    validate: Callable[[int, dict[str, Any], ReferenceData, Actor], tuple[dict[str, Any] | None, list[RowError]]]
    defaults: Mapping[str, Any]  # the columns a new record starts with (status draft, version 1 …)
    snapshot: Callable[[T], dict[str, Any]]
    apply_changes: Callable[[T, dict[str, Any]], set[str]]
    publish: Callable[[T], bool]  # make it published; False when it already was
    index: Callable[[AsyncSession, Sequence[T]], Awaitable[None]]
    # Why an existing record may not be changed by an import (None: it may).
    locked: Callable[[T], str | None]


def would_change(obj: Any, values: Mapping[str, Any]) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


async def existing_by_external_id(
    session: AsyncSession, model: type[T], organization_id: uuid.UUID, external_ids: Sequence[str]
) -> dict[str, T]:
    """The organisation's records carrying these external ids (another organisation's never)."""
    found: dict[str, T] = {}
    for chunk in iter_chunks(list(external_ids), 5000):
        stmt = select(model).where(model.organization_id == organization_id, model.external_id.in_(chunk))
        for obj in (await session.scalars(stmt)).all():
            if obj.external_id is not None:
                found[obj.external_id] = obj
    return found


async def record_changes(
    session: AsyncSession,
    *,
    entity_type: str,
    actor: Actor | None,
    changes: Sequence[tuple[uuid.UUID, str, Mapping[str, Any], Mapping[str, Any]]],
    note: str | None = None,
) -> None:
    """`catalog.changes.record_change` for many records at once: one audit row and one outbox
    event per (entity_id, action, before, after), written with two multi-row INSERTs."""
    if not changes:
        return
    now = utcnow()
    audit_rows = [
        {
            "entity_type": entity_type, "entity_id": entity_id, "action": action,
            "actor_user_id": actor.user_id if actor else None,
            "actor_organization_id": actor.organization_id if actor else None,
            "at": now, "changes": diff(before, after), "note": note,
        }
        for entity_id, action, before, after in changes
    ]  # fmt: skip
    outbox_rows = [
        {
            "topic": f"{entity_type}.changed", "entity_type": entity_type, "entity_id": entity_id,
            "payload": {"action": action}, "created_at": now, "available_at": now, "attempts": 0,
        }
        for entity_id, action, _, _ in changes
    ]  # fmt: skip
    await session.execute(insert(AuditEvent), audit_rows)
    await session.execute(insert(OutboxEvent), outbox_rows)


def _validate_rows(
    spec: ImportSpec[T], table: Table, refs: ReferenceData, actor: Actor, progress: Progress | None
) -> tuple[list[Candidate], list[RowError]]:
    positions = map_header(table.header, spec.columns, required=spec.required)
    candidates: list[Candidate] = []
    errors: list[RowError] = []
    first_row_of: dict[str, int] = {}
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows, start=1):
        raw, cell_errors = read_row(number, cells, spec.columns, positions)
        failed = {e.column for e in cell_errors}
        values, row_errors = spec.validate(number, {k: v for k, v in raw.items() if k not in failed}, refs, actor)
        row_errors = cell_errors + [e for e in row_errors if e.column not in failed]
        external_id = raw.get("external_id")
        if external_id:
            if external_id in first_row_of:
                row_errors.append(
                    RowError(number, "external_id", f"外部编号 {external_id} 与第{first_row_of[external_id]}行重复")
                )
            else:
                first_row_of[external_id] = number
        if row_errors:
            errors.extend(row_errors)
        elif values is not None:
            candidates.append(Candidate(number, external_id, values))
        if progress and (done % 500 == 0 or done == total):
            progress("validate", done, total)
    return candidates, errors


async def run_import(
    session: AsyncSession,
    spec: ImportSpec[T],
    *,
    actor: Actor,
    organization_id: uuid.UUID,
    table: Table,
    publish: bool = False,
    dry_run: bool = False,
    partial: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate every row, then (unless a row failed and `partial` is off, or `dry_run`) create the
    new records and update those whose external_id the organisation already uses, in batches, in
    the caller's transaction."""
    refs = await ReferenceData.load(session)
    candidates, errors = _validate_rows(spec, table, refs, actor, progress)
    keyed = [c.external_id for c in candidates if c.external_id]
    existing = await existing_by_external_id(session, spec.model, organization_id, keyed)
    for candidate in candidates:
        obj = existing.get(candidate.external_id or "")
        reason = spec.locked(obj) if obj is not None else None
        if reason:
            errors.append(RowError(candidate.row, "external_id", reason))
    bad_rows = {e.row for e in errors}
    result = ImportResult(failed=len(bad_rows), errors=sorted(errors, key=lambda e: e.row), dry_run=dry_run)
    if bad_rows and not partial:
        return result
    good = [c for c in candidates if c.row not in bad_rows]
    if dry_run:
        for candidate in good:
            obj = existing.get(candidate.external_id or "")
            if obj is None:
                result.created += 1
            elif would_change(obj, candidate.values) or (publish and obj.status != "published"):
                result.updated += 1
            else:
                result.unchanged += 1
        return result
    await _write(session, spec, actor=actor, organization_id=organization_id, rows=good, existing=existing,
                 publish=publish, result=result, progress=progress)  # fmt: skip
    return result


async def _insert_new(
    session: AsyncSession, spec: ImportSpec[T], organization_id: uuid.UUID, candidates: Sequence[Candidate]
) -> list[T]:
    """Insert new records with one multi-row INSERT (no unit-of-work bookkeeping per object), then
    load them back as ORM objects for the audit snapshot, publishing and the search index."""
    if not candidates:
        return []
    rows = [{"id": uuid.uuid4(), "organization_id": organization_id, **spec.defaults, **c.values} for c in candidates]
    model: Any = spec.model
    await session.execute(insert(model.__table__), rows)
    ids = [row["id"] for row in rows]
    loaded = {obj.id: obj for obj in (await session.scalars(select(model).where(model.id.in_(ids)))).all()}
    return [loaded[i] for i in ids]


async def _write(
    session: AsyncSession,
    spec: ImportSpec[T],
    *,
    actor: Actor,
    organization_id: uuid.UUID,
    rows: list[Candidate],
    existing: dict[str, T],
    publish: bool,
    result: ImportResult,
    progress: Progress | None,
) -> None:
    done = 0
    for chunk in iter_chunks(rows, BATCH):
        changes: list[tuple[uuid.UUID, str, Mapping[str, Any], Mapping[str, Any]]] = []
        fresh = [c for c in chunk if c.external_id is None or c.external_id not in existing]
        touched = await _insert_new(session, spec, organization_id, fresh)
        for obj in touched:
            created = spec.snapshot(obj)
            changes.append((obj.id, "create", {}, created))
            if publish and spec.publish(obj):
                changes.append((obj.id, "publish", created, spec.snapshot(obj)))
        result.created += len(touched)
        for candidate in chunk:
            record = existing.get(candidate.external_id or "")
            if record is None:
                continue
            before = spec.snapshot(record)
            acted = bool(spec.apply_changes(record, candidate.values))
            if acted:
                changes.append((record.id, "update", before, spec.snapshot(record)))
            edited = spec.snapshot(record)
            if publish and spec.publish(record):
                changes.append((record.id, "publish", edited, spec.snapshot(record)))
                acted = True
            if acted:
                result.updated += 1
                touched.append(record)
            else:
                result.unchanged += 1
        result.ids.extend(obj.id for obj in touched)
        await session.flush()
        await record_changes(session, entity_type=spec.entity, actor=actor, changes=changes, note="表格导入")
        await spec.index(session, touched)
        for obj in touched:
            session.expunge(obj)
        done += len(chunk)
        if progress:
            progress("write", done, len(rows))


class ImportRowError(BaseModel):
    row: int
    column: str
    message: str


class ImportReport(BaseModel):
    """The response of an import: the contract's four keys, plus what stayed the same."""

    created: int
    updated: int
    failed: int
    errors: list[ImportRowError]
    unchanged: int
    dry_run: bool

    @classmethod
    def of(cls, result: ImportResult) -> ImportReport:
        return cls(
            created=result.created,
            updated=result.updated,
            failed=result.failed,
            errors=[ImportRowError(row=e.row, column=e.column, message=e.message) for e in result.errors],
            unchanged=result.unchanged,
            dry_run=result.dry_run,
        )


async def organization_actor(session: AsyncSession, uscc: str) -> Actor | None:
    """The actor a command-line import acts as: the organisation with this USCC, through its first
    administrator (or first user)."""
    organization = await session.scalar(select(Organization).where(Organization.uscc == uscc.strip().upper()))
    if organization is None:
        return None
    users = (
        await session.scalars(
            select(User).where(User.organization_id == organization.id, User.is_active).order_by(User.created_at)
        )
    ).all()
    if not users:
        return None
    user = next((u for u in users if "org_admin" in u.roles), users[0])
    user.organization = organization
    return actor_of(user)
