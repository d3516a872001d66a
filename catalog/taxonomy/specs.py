"""Spec schemas: checking a listing's specs and a demand's requirements against a category's schema.

Pure functions on plain data. A known key must have the schema's type and lie in its range; an
unknown key is kept as free text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from catalog.errors import FieldError

SpecValue = int | float | str
Better = Literal["higher", "lower", "none"]


@dataclass(frozen=True)
class SpecDef:
    key: str
    name: str
    type: Literal["integer", "number", "string"]
    unit: str | None
    better: Better
    min: float | None
    max: float | None

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> SpecDef:
        return cls(
            key=raw["key"],
            name=raw.get("name", raw["key"]),
            type=raw.get("type", "number"),
            unit=raw.get("unit"),
            better=raw.get("better", "none"),
            min=raw.get("min"),
            max=raw.get("max"),
        )


def schema_by_key(schema: list[dict[str, Any]]) -> dict[str, SpecDef]:
    return {raw["key"]: SpecDef.from_json(raw) for raw in schema}


def _check_value(spec: SpecDef, value: Any, field: str) -> FieldError | None:
    if spec.type == "string":
        if not isinstance(value, str):
            return FieldError(field, f"{spec.name}应为文本")
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return FieldError(field, f"{spec.name}应为数值（单位 {spec.unit or '-'}）")
    if isinstance(value, float) and not math.isfinite(value):
        return FieldError(field, f"{spec.name}应为有限数值")
    if spec.type == "integer" and not float(value).is_integer():
        return FieldError(field, f"{spec.name}应为整数")
    if spec.min is not None and value < spec.min:
        return FieldError(field, f"{spec.name}不能小于 {spec.min:g}{spec.unit or ''}")
    if spec.max is not None and value > spec.max:
        return FieldError(field, f"{spec.name}不能大于 {spec.max:g}{spec.unit or ''}")
    return None


def _check_free(value: Any, field: str) -> FieldError | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return FieldError(field, "参数值应为数值或文本")
    if isinstance(value, float) and not math.isfinite(value):
        return FieldError(field, "参数值应为有限数值")
    if isinstance(value, str) and len(value) > 500:
        return FieldError(field, "参数文本不能超过500字")
    return None


def check_listing_specs(
    schema: list[dict[str, Any]], specs: dict[str, Any], *, field: str = "specs"
) -> list[FieldError]:
    """Errors of a listing's `specs` against the category schema (empty when valid)."""
    defs = schema_by_key(schema)
    errors: list[FieldError] = []
    for key, value in specs.items():
        spec = defs.get(key)
        error = _check_value(spec, value, f"{field}.{key}") if spec else _check_free(value, f"{field}.{key}")
        if error:
            errors.append(error)
    return errors


def requirement_key(key: str) -> tuple[str, Literal["min", "max", "threshold"]]:
    """`spindle_rpm_min` → (spindle_rpm, min); `spindle_rpm` → (spindle_rpm, threshold)."""
    for suffix in ("min", "max"):
        if key.endswith(f"_{suffix}"):
            return key[: -len(suffix) - 1], suffix
    return key, "threshold"


def check_demand_specs(
    schema: list[dict[str, Any]], specs: dict[str, Any], *, field: str = "specs"
) -> list[FieldError]:
    """Errors of a demand's requirements: `key`, `key_min`, `key_max` of known keys are checked
    like listing values (a bound on a string spec is refused); unknown keys are kept as text."""
    defs = schema_by_key(schema)
    errors: list[FieldError] = []
    for key, value in specs.items():
        base, kind = requirement_key(key)
        spec = defs.get(key) or defs.get(base)
        where = f"{field}.{key}"
        if spec is None:
            error = _check_free(value, where)
        elif spec.key == key or kind == "threshold":
            error = _check_value(spec, value, where)
        elif spec.type == "string":
            error = FieldError(where, f"{spec.name}是文本参数，不能设置上下限")
        else:
            error = _check_value(spec, value, where)
        if error:
            errors.append(error)
    return errors
