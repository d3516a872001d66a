"""The root of every table: declarative Base with a naming convention, id/timestamp mixins, Money.

Alembic reads `Base.metadata` for autogeneration; the schema itself is written by migrations only.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import JSON, ColumnDefault, DateTime, MetaData, Numeric, Table, func, insert
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Yuan with fen precision; NUMERIC in the database, Decimal in Python, never float.
Money = Numeric(14, 2, asdecimal=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {Decimal: Money, datetime: DateTime(timezone=True)}  # noqa: RUF012 (SQLAlchemy API)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UUIDPk:
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), default=utcnow, onupdate=utcnow
    )


def detached(model: type[Base], values: Mapping[str, Any]) -> Any:
    """A plain object with the model's column attributes — `values`, None for the others (as a new
    ORM instance reads before it is flushed) — for what only reads and sets attributes (snapshots,
    decisions, search documents) of records built in bulk: an ORM instance costs ~50 µs to make."""
    return SimpleNamespace(**{**_column_names(model), **values})


@cache
def _column_names(model: type[Base]) -> dict[str, None]:
    return dict.fromkeys(model.__mapper__.columns.keys())


# Rows from which `insert_rows` uses COPY: below, a plain multi-row INSERT (COPY costs a round trip
# to look up the columns' types first).
COPY_FROM = 100


async def insert_rows(session: AsyncSession, model: type[Base], rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows (all with the same keys) into the model's table on the session's connection, in its
    transaction: from COPY_FROM rows on with binary COPY (asyncpg's `copy_records_to_table`: a
    fraction of the Python per row of a multi-row INSERT through SQLAlchemy), else one INSERT.
    Either way the columns' Python-side defaults (ids, timestamps, empty lists) fill what a row
    leaves out, once per row as SQLAlchemy would."""
    if not rows:
        return
    table = cast(Table, model.__table__)
    if len(rows) < COPY_FROM:
        await session.execute(insert(table), list(rows))
        return
    given = list(rows[0])
    defaults = {c.name: c.default.arg for c in table.columns if isinstance(c.default, ColumnDefault)}
    filled = [(name, arg) for name, arg in defaults.items() if name not in given]
    columns = given + [name for name, _ in filled]
    json_at = [i for i, name in enumerate(given) if isinstance(table.c[name].type, JSON)]
    records = []
    for row in rows:
        values = [row[name] for name in given]
        for i in json_at:
            if values[i] is not None:
                values[i] = json.dumps(values[i])
        values.extend(arg(None) if callable(arg) else arg for _, arg in filled)
        records.append(values)
    connection = await (await session.connection()).get_raw_connection()
    await connection.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
        table.name, columns=columns, records=records, schema_name=table.schema
    )
