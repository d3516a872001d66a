"""The machinery every spreadsheet import shares: reference data loaded once, row validation with
per-cell errors and warnings, matching rows to existing records (by id, then external_id),
all-or-nothing / partial / dry-run, and batched writes.

An import decides nothing of its own: each row is validated by the record's own pure check
(`check_listing` / `check_demand`), each act is decided by the record's rules module (create,
edit, publish — the same functions the API services call) and recorded by `catalog.changes.record`
(audit, outbox, search rows). Listings and demands plug in through `ImportSpec` (see
catalog/listings/importer.py and catalog/demands/importer.py).
"""

from __future__ import annotations

import asyncio
import dataclasses
import pickle
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog import cpu
from catalog.access import Actor
from catalog.changes import Change, SearchText, record, set_changed_fields
from catalog.db import detached, insert_rows, utcnow
from catalog.demands.models import Demand
from catalog.errors import Conflict, FieldError
from catalog.listings.models import Listing
from catalog.organizations.models import Organization, User
from catalog.organizations.service import actor_of
from catalog.reference import ReferenceData
from catalog.tabular import (
    READERS,
    CellError,
    Column,
    RowError,
    Table,
    iter_chunks,
    map_header,
    read_row,
    unknown_headers,
)

BATCH = 1000  # rows per multi-row statement
CHUNK = 2000  # rows validated and written at a time
TASK = 500  # rows per task of the CPU pool (the first result comes soon: the writes start early)
AHEAD = 3  # chunks in the CPU pool at once: the one the import waits for and the next two
Progress = Callable[[str, int, int], None]  # (phase, done, total)
Decision = dict[str, Any]

# The record types an import writes.
T = TypeVar("T", Listing, Demand)

__all__ = ["ReferenceData"]  # known from here by the ledger and older callers


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
    """A row that passed validation: the model values it sets and how it names its record."""

    row: int
    record_id: uuid.UUID | None
    external_id: str | None
    values: dict[str, Any]
    search: SearchText | None = None  # its search row's text, should it become a new record


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    ids: list[uuid.UUID] = field(default_factory=list)

    @property
    def written(self) -> int:
        """The records this import wrote (created or updated); none for a dry run."""
        return 0 if self.dry_run else self.created + self.updated


# (row number, typed cells, reference data, actor) → (model values | None, errors, warnings)
RowValidator = Callable[
    [int, dict[str, Any], ReferenceData, Actor], tuple[dict[str, Any] | None, list[RowError], list[RowError]]
]


@dataclass(frozen=True)
class ImportSpec(Generic[T]):
    """What differs between importing listings and demands: the columns, the row check, and the
    record's own decisions (from its rules module)."""

    entity: str  # the audit/outbox entity type
    noun: str  # 挂牌 / 需求, for messages
    model: type[T]
    columns: Sequence[Column]
    required: tuple[str, ...]
    validate: RowValidator
    snapshot: Callable[[T], dict[str, Any]]
    decide_create: Callable[[Mapping[str, Any]], Decision]
    decide_edit: Callable[[T, Mapping[str, Any], datetime], Decision]  # Conflict when it may not change
    decide_publish: Callable[[T, datetime], Decision]  # Conflict when it may not be published
    # The search row text of the new record a row's values make, from plain data (so a pool worker
    # can compute it with the row's check), and what it needs from the database, loaded once per
    # import. Without them new records are indexed from the records when written.
    search_text: Callable[[Mapping[str, Any], Any], SearchText] | None = None
    index_context: Callable[[AsyncSession, uuid.UUID, ReferenceData], Awaitable[Any]] | None = None


def parse_record_id(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value).strip())
    except ValueError as exc:
        raise ValueError("系统编号（id）应为导出文件中的原值，新记录请留空") from exc


def _header_warnings(spec: ImportSpec[T], table: Table) -> list[RowError]:
    return [
        RowError(1, label, f"未识别的列“{label}”，已忽略（可用的列见说明文档）")
        for label in unknown_headers(table.header, spec.columns)
    ]


def _validate_rows(
    spec: ImportSpec[T], table: Table, refs: ReferenceData, actor: Actor, progress: Progress | None
) -> tuple[list[Candidate], list[RowError], list[RowError]]:
    """Validate a whole file at once (the rows that pass, the errors, the warnings)."""
    positions = map_header(table.header, spec.columns, required=spec.required)
    candidates, errors, warnings = _validate_chunk(spec, table.rows, positions, refs, actor, {})
    if progress:
        progress("validate", len(table.rows), len(table.rows))
    return candidates, errors, _header_warnings(spec, table) + warnings


@dataclass
class Checked:
    """One data row after its own check (plain data: it comes back from a pool worker): how it
    names its record, its values (None when it failed), its errors and warnings, and — for a row
    that may become a new record — its search row text (`SearchText`), computed with it."""

    row: int
    record_id: uuid.UUID | None
    external_id: str | None
    values: dict[str, Any] | None
    errors: list[RowError]
    warnings: list[RowError]
    search: SearchText | None = None


@dataclass(frozen=True)
class RowContext:
    """What checking a piece of the file needs, as plain data for a pool worker: the spec's
    columns and row check, the header's positions, the reference data, the actor, and (when new
    records will be written and the spec indexes them this way) the spec's `search_text` and what
    it needs (`index`)."""

    columns: Sequence[Column]
    validate: RowValidator
    positions: dict[str, int]
    refs: ReferenceData
    actor: Actor
    search_text: Callable[[Mapping[str, Any], Any], SearchText] | None = None
    index: Any = None

    @classmethod
    def of(
        cls, spec: ImportSpec[Any], positions: dict[str, int], refs: ReferenceData, actor: Actor, index: Any = None
    ) -> RowContext:
        search_text = spec.search_text if index is not None else None
        return cls(spec.columns, spec.validate, positions, refs, actor, search_text, index)


def check_row(context: RowContext, number: int, cells: list[Any]) -> Checked:
    """One row: its cells read by their columns' types, its id parsed, then the record's own check
    (`validate`). Errors of a cell that did not read are not repeated by the check."""
    refs, actor = context.refs, context.actor
    raw, cell_errors = read_row(number, cells, context.columns, context.positions)
    failed = {e.column for e in cell_errors}
    record_id = None
    if raw.get("id") and "id" not in failed:
        try:
            record_id = parse_record_id(raw["id"])
        except ValueError as exc:
            cell_errors.append(RowError(number, "id", str(exc)))
            failed.add("id")
    body = {k: v for k, v in raw.items() if k not in failed and k != "id"}
    values, row_errors, row_warnings = context.validate(number, body, refs, actor)
    errors = cell_errors + [e for e in row_errors if e.column not in failed]
    return Checked(number, record_id, raw.get("external_id"), values, errors, row_warnings)


def check_rows(
    context: RowContext, rows: Sequence[tuple[int, list[Any]]], existing: Collection[int] = ()
) -> list[Checked]:
    """Check these rows; with `context.search_text`, also the search text of each row that
    passed, as the new record it would make — except the rows in `existing` (their numbers), which
    name a record that exists and so make none."""
    out = [check_row(context, number, cells) for number, cells in rows]
    if context.search_text is not None:
        for checked in out:
            if checked.values is not None and not checked.errors and checked.row not in existing:
                checked.search = context.search_text(checked.values, context.index)
    return out


_CONTEXT: tuple[bytes, RowContext] | None = None  # a pool worker's last context (one import at a time)


def check_rows_pickled(
    key: bytes, context: bytes, rows: Sequence[tuple[int, list[Any]]], existing: Collection[int] = ()
) -> list[Checked]:
    """`check_rows` in a pool worker: the context comes pickled with each task and is unpickled
    once per import (`key`)."""
    global _CONTEXT
    if _CONTEXT is None or _CONTEXT[0] != key:
        _CONTEXT = (key, pickle.loads(context))
    return check_rows(_CONTEXT[1], rows, existing)


def naming_existing(
    context: RowContext, rows: Sequence[tuple[int, list[Any]]], external_ids: Collection[str]
) -> frozenset[int]:
    """The numbers of the rows that name a record of the organisation, read from their cells
    before the check: a row with an id (it updates a record, or fails) and one whose external_id
    the organisation's records carry (`external_ids`). Their new-record search text is not built;
    a row this misses (a cell that does not read) only gets it built for nothing."""
    readers = {c.name: READERS[c.kind] for c in context.columns if c.name in ("id", "external_id")}

    def cell(cells: list[Any], name: str) -> Any:
        at = context.positions.get(name)
        if at is None or at >= len(cells) or name not in readers:
            return None
        try:
            return readers[name](cells[at])
        except CellError:
            return None

    out: set[int] = set()
    for number, cells in rows:
        if cell(cells, "id") or (external_ids and cell(cells, "external_id") in external_ids):
            out.add(number)
    return frozenset(out)


def _collect(
    checked: Iterable[Checked], first_row_of: dict[tuple[str, str], int]
) -> tuple[list[Candidate], list[RowError], list[RowError]]:
    """Checked rows → the rows that pass, the errors, the warnings; `first_row_of` remembers the ids
    and external ids seen in the file so far, so a repeat is an error wherever it falls."""
    candidates: list[Candidate] = []
    errors: list[RowError] = []
    warnings: list[RowError] = []
    for c in checked:
        number, row_errors = c.row, list(c.errors)
        for column, key in (("id", str(c.record_id) if c.record_id else None), ("external_id", c.external_id)):
            if not key:
                continue
            if (column, key) in first_row_of:
                label = "系统编号" if column == "id" else "外部编号"
                row_errors.append(RowError(number, column, f"{label} {key} 与第{first_row_of[column, key]}行重复"))
            else:
                first_row_of[column, key] = number
        if row_errors:
            errors.extend(row_errors)
        elif c.values is not None:
            candidates.append(Candidate(number, c.record_id, c.external_id, c.values, c.search))
            warnings.extend(c.warnings)
    return candidates, errors, warnings


def _validate_chunk(
    spec: ImportSpec[T],
    rows: Sequence[tuple[int, list[Any]]],
    positions: dict[str, int],
    refs: ReferenceData,
    actor: Actor,
    first_row_of: dict[tuple[str, str], int],
) -> tuple[list[Candidate], list[RowError], list[RowError]]:
    """Validate these rows (a chunk of the file) here, in this process."""
    return _collect(check_rows(RowContext.of(spec, positions, refs, actor), rows), first_row_of)


class _Checker:
    """The file's rows checked CHUNK at a time, in the order of the file: by the CPU pool when
    there is one and it runs already or the file has more than one chunk (the chunks after the one
    being written are computed meanwhile, AHEAD in flight, each in pieces of TASK rows so every
    worker has some), or here. `table.rows` is consumed as
    rows are handed out. `want_index(False)` stops the search text of the chunks not yet handed out
    (an all-or-nothing import that failed writes nothing). `external_ids`: those the organisation's
    records carry, so that the rows naming them get no new-record search text (`naming_existing`)."""

    def __init__(self, context: RowContext, table: Table, external_ids: Collection[str] = ()) -> None:
        self.context = context
        self.table = table
        self.external_ids = external_ids
        # A file of one chunk is checked here unless the pool already runs (an API process, whose
        # import route starts it): starting one — new processes each loading the analyzer, ~2 s
        # of CPU apiece — costs more than the chunk (2,000 rows, ~0.6 s) it would share out.
        self.executor = cpu.pool() if cpu.running() or len(table.rows) > CHUNK else None
        self.key = uuid.uuid4().bytes
        self.pickled: dict[bool, bytes] = {}
        self.index = context.search_text is not None
        self.pending: deque[tuple[int, list[asyncio.Future[list[Checked]]]]] = deque()

    def want_index(self, wanted: bool) -> None:
        self.index = self.index and wanted

    def _row_context(self) -> RowContext:
        """The context the next chunks are checked with: without search text once it is not wanted."""
        return self.context if self.index else dataclasses.replace(self.context, search_text=None, index=None)

    def _existing(self, rows: Sequence[tuple[int, list[Any]]]) -> frozenset[int]:
        return naming_existing(self.context, rows, self.external_ids) if self.index else frozenset()

    def _take(self) -> list[tuple[int, list[Any]]]:
        rows = self.table.rows[:CHUNK]
        del self.table.rows[:CHUNK]  # consumed: a large file's cells go as its rows are checked
        return rows

    def _submit(self) -> None:
        assert self.executor is not None
        rows = self._take()
        if self.index not in self.pickled:
            self.pickled[self.index] = pickle.dumps(self._row_context(), protocol=pickle.HIGHEST_PROTOCOL)
        key, blob = self.key + bytes([self.index]), self.pickled[self.index]
        futures = [
            asyncio.wrap_future(self.executor.submit(check_rows_pickled, key, blob, piece, self._existing(piece)))
            for piece in iter_chunks(rows, TASK)
        ]
        self.pending.append((len(rows), futures))

    async def next(self) -> tuple[int, list[Checked]] | None:
        """The next chunk: (rows in it, their checks), or None at the end of the file."""
        if self.executor is None:
            rows = self._take()
            if not rows:
                return None
            return len(rows), check_rows(self._row_context(), rows, self._existing(rows))
        while self.table.rows and len(self.pending) < AHEAD:
            self._submit()
        if not self.pending:
            return None
        count, futures = self.pending.popleft()
        try:
            pieces = await asyncio.gather(*futures)
        except BrokenProcessPool:
            cpu.discard()
            raise
        if self.table.rows:
            self._submit()  # the pool works on the next chunk while the caller writes this one
        return count, [checked for piece in pieces for checked in piece]

    def close(self) -> None:
        for _, futures in self.pending:
            for future in futures:
                future.cancel()
        self.pending.clear()


async def _existing(
    session: AsyncSession,
    spec: ImportSpec[T],
    organization_id: uuid.UUID,
    candidates: Sequence[Candidate],
    *,
    any_before: bool = True,
) -> tuple[dict[int, T], list[RowError]]:
    """The organisation's record each row names: by id first, then by external_id (another
    organisation's records never). A row whose id is not the organisation's is an error; a row
    whose external_id another of its records already carries, too. Without `any_before` (the
    organisation had no record when the import began) nothing is looked up: a row can name no
    record of this import's own (a repeated id or external_id in the file is an error already),
    and in a table that grew inside this transaction PostgreSQL, planning with the statistics of
    before, scans the whole table for every chunk (a 100,000-row first import: 1.8 s a chunk)."""
    model: Any = spec.model
    by_id: dict[uuid.UUID, T] = {}
    by_external: dict[str, T] = {}
    ids = [c.record_id for c in candidates if c.record_id] if any_before else []
    external_ids = [c.external_id for c in candidates if c.external_id] if any_before else []
    for chunk in iter_chunks(ids, 5000):
        stmt = select(model).where(model.organization_id == organization_id, model.id.in_(chunk))
        by_id.update({obj.id: obj for obj in (await session.scalars(stmt)).all()})
    for chunk in iter_chunks(external_ids, 5000):
        stmt = select(model).where(model.organization_id == organization_id, model.external_id.in_(chunk))
        by_external.update({obj.external_id: obj for obj in (await session.scalars(stmt)).all()})
    found: dict[int, T] = {}
    errors: list[RowError] = []
    for c in candidates:
        named = by_external.get(c.external_id or "")
        if c.record_id is not None:
            obj = by_id.get(c.record_id)
            if obj is None:
                errors.append(RowError(c.row, "id", f"系统编号 {c.record_id} 不是本企业的{spec.noun}；新记录请留空"))
                continue
            if named is not None and named.id != obj.id:
                errors.append(
                    RowError(c.row, "external_id", f"外部编号 {c.external_id} 已被本企业的其他{spec.noun}使用")
                )
                continue
            found[c.row] = obj
        elif named is not None:
            found[c.row] = named
    return found, errors


def _plan(
    spec: ImportSpec[T], candidates: Sequence[Candidate], existing: Mapping[int, T], *, publish: bool, now: datetime
) -> tuple[dict[int, bool], list[RowError]]:
    """Whether each row that names a record would change it, decided by the record's rules
    before anything is written; a refused act (an archived listing, a closed demand) is an error
    of the row."""
    changes: dict[int, bool] = {}
    errors: list[RowError] = []
    for c in candidates:
        obj = existing.get(c.row)
        if obj is None:
            continue
        try:
            edit = spec.decide_edit(obj, c.values, now)
            act = spec.decide_publish(obj, now) if publish else {}
        except Conflict as exc:
            errors.append(RowError(c.row, "id" if c.record_id else "external_id", exc.detail or spec.noun))
            continue
        changes[c.row] = bool(edit or act)
    return changes, errors


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
    """Validate every row and (unless `dry_run`) create the new records and update those the rows
    name, in the caller's transaction — a chunk of CHUNK rows at a time, so a large file never
    holds more than a few chunks' values and records in memory; `table.rows` is consumed (emptied)
    on the way. The rows are checked by the CPU pool (catalog/cpu.py), the next chunks while this
    one is written. The writes go into a savepoint:
    when a row fails and `partial` is off, nothing is written (the savepoint is rolled back, and
    the rows after the failure are still validated, so every error is reported)."""
    refs = await ReferenceData.load(session)
    now = utcnow()
    positions = map_header(table.header, spec.columns, required=spec.required)
    header_warnings = _header_warnings(spec, table)
    index = None
    if not dry_run and spec.search_text is not None and spec.index_context is not None:
        index = await spec.index_context(session, organization_id, refs)
    result = ImportResult(dry_run=dry_run)
    errors: list[RowError] = []
    warnings: list[RowError] = []
    first_row_of: dict[tuple[str, str], int] = {}
    savepoint = None if dry_run else await session.begin_nested()
    total, done = len(table.rows), 0
    model: Any = spec.model
    any_before = bool(await session.scalar(select(exists().where(model.organization_id == organization_id))))
    named: set[str] = set()
    if any_before and index is not None:  # rows naming these make no new record: no search text for them
        named = set(
            await session.scalars(
                select(model.external_id).where(
                    model.organization_id == organization_id, model.external_id.is_not(None)
                )
            )
        )
    checker = _Checker(RowContext.of(spec, positions, refs, actor, index), table, named)
    try:
        while (chunk := await checker.next()) is not None:
            count, checked = chunk
            candidates, chunk_errors, chunk_warnings = _collect(checked, first_row_of)
            existing, match_errors = await _existing(session, spec, organization_id, candidates, any_before=any_before)
            changes, plan_errors = _plan(spec, candidates, existing, publish=publish, now=now)
            chunk_errors += match_errors + plan_errors
            bad_rows = {e.row for e in chunk_errors}
            errors += chunk_errors
            warnings += [w for w in chunk_warnings if w.row not in bad_rows]
            done += count
            if progress:
                progress("validate", done, total)
            if errors and not partial:
                checker.want_index(False)
                continue  # nothing will be written: validate the rest, for the report
            good = [c for c in candidates if c.row not in bad_rows]
            if dry_run:
                for candidate in good:
                    if candidate.row not in existing:
                        result.created += 1
                    elif changes[candidate.row]:
                        result.updated += 1
                    else:
                        result.unchanged += 1
                continue
            await _write(session, spec, actor=actor, organization_id=organization_id, rows=good, existing=existing,
                         publish=publish, now=now, result=result)  # fmt: skip
            if progress:
                progress("write", done, total)
    finally:
        checker.close()
    result.failed = len({e.row for e in errors})
    result.errors = sorted(errors, key=lambda e: e.row)
    result.warnings = header_warnings + warnings
    if errors and not partial:
        if savepoint is not None:
            await savepoint.rollback()
        result.created = result.updated = result.unchanged = 0
        result.ids = []
    elif savepoint is not None:
        await savepoint.commit()
    return result


async def _insert_new(
    session: AsyncSession,
    spec: ImportSpec[T],
    organization_id: uuid.UUID,
    candidates: Sequence[Candidate],
    *,
    publish: bool,
    now: datetime,
) -> tuple[list[T], list[Change]]:
    """New records as `decide_create` makes them (and, with `publish`, as `decide_publish` then
    changes them), with the changes to record, inserted in their final state with one COPY (or
    multi-row INSERT: `insert_rows`). The records are objects outside the session, built from the values inserted (no
    unit-of-work bookkeeping per object, nothing read back)."""
    if not candidates:
        return [], []
    model: Any = spec.model
    records: list[T] = []
    changes: list[Change] = []
    rows: list[dict[str, Any]] = []
    for candidate in candidates:
        row = {"id": uuid.uuid4(), "organization_id": organization_id, **spec.decide_create(candidate.values)}
        obj = detached(model, row)
        created = spec.snapshot(obj)
        changes.append(Change(obj.id, "create", {}, created))
        if publish:
            decision = spec.decide_publish(obj, now)
            if set_changed_fields(obj, decision):
                changes.append(Change(obj.id, "publish", created, spec.snapshot(obj)))
                row.update(decision, version=obj.version)
        records.append(obj)
        rows.append(row)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    if any(len(row) != len(columns) for row in rows):  # one statement needs the same columns in every row
        rows = [{key: getattr(obj, key) for key in columns} for obj in records]
    await insert_rows(session, model, rows)
    return records, changes


async def _write(
    session: AsyncSession,
    spec: ImportSpec[T],
    *,
    actor: Actor,
    organization_id: uuid.UUID,
    rows: list[Candidate],
    existing: Mapping[int, T],
    publish: bool,
    now: datetime,
    result: ImportResult,
) -> None:
    for chunk in iter_chunks(rows, BATCH):
        new: list[Candidate] = [c for c in chunk if c.row not in existing]
        created, changes = await _insert_new(session, spec, organization_id, new, publish=publish, now=now)
        result.created += len(created)
        result.ids.extend(obj.id for obj in created)
        # New records whose search text came with their check get their search rows from it; the
        # others (and every updated record) are indexed from the record.
        search: list[tuple[uuid.UUID, str, str]] = []
        touched: list[T] = []
        for obj, candidate in zip(created, new, strict=True):
            text: SearchText | None = candidate.search
            if text is None:
                touched.append(obj)
            else:
                search.append((obj.id, text[0], text[1]))
        updated: list[T] = []
        for candidate in chunk:
            named = existing.get(candidate.row)
            if named is None:
                continue
            before = spec.snapshot(named)
            acted = bool(set_changed_fields(named, spec.decide_edit(named, candidate.values, now)))
            if acted:
                changes.append(Change(named.id, "update", before, spec.snapshot(named)))
            edited = spec.snapshot(named)
            if publish and set_changed_fields(named, spec.decide_publish(named, now)):
                changes.append(Change(named.id, "publish", edited, spec.snapshot(named)))
                acted = True
            if acted:
                result.updated += 1
                updated.append(named)
            else:
                result.unchanged += 1
        result.ids.extend(obj.id for obj in updated)
        await record(
            session, entity_type=spec.entity, actor=actor, changes=changes, records=touched + updated,
            search_rows=search, note="表格导入",
        )  # fmt: skip
        for obj in updated:
            session.expunge(obj)


class ImportRowError(BaseModel):
    row: int
    column: str
    message: str


class ImportReport(BaseModel):
    """The response of an import: the contract's four keys, plus what stayed the same and what
    was written but deserves a look (`warnings`: unusual values, specs not understood, ignored
    columns)."""

    created: int
    updated: int
    failed: int
    errors: list[ImportRowError]
    unchanged: int
    warnings: list[ImportRowError]
    dry_run: bool

    @classmethod
    def of(cls, result: ImportResult) -> ImportReport:
        return cls(
            created=result.created,
            updated=result.updated,
            failed=result.failed,
            errors=[ImportRowError(row=e.row, column=e.column, message=e.message) for e in result.errors],
            unchanged=result.unchanged,
            warnings=[ImportRowError(row=w.row, column=w.column, message=w.message) for w in result.warnings],
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
