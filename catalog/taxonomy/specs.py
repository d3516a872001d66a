"""Spec schemas: reading a listing's specs and a demand's requirements against a category's schema.

Pure functions on plain data. A spec is recognised by its key, its Chinese name or an alias; a
value may carry its unit (`12000rpm`, `1.2万转`, `3kW`) and is converted to the schema's unit.
Only the impossible is an error (a wrong type, a non-finite number, a negative size); a value
outside the schema's typical range, or a spec that cannot be understood, is kept and warned about.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from catalog.errors import FieldError
from catalog.taxonomy.units import UnitError, parse_quantity

SpecValue = int | float | str
Better = Literal["higher", "lower", "none"]
Bound = Literal["min", "max", "threshold"]


@dataclass(frozen=True)
class SpecDef:
    key: str
    name: str
    type: Literal["integer", "number", "string"]
    unit: str | None
    better: Better
    min: float | None  # the typical range: outside it is a warning, not an error
    max: float | None
    aliases: tuple[str, ...] = ()

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
            aliases=tuple(raw.get("aliases") or ()),
        )


def schema_by_key(schema: list[dict[str, Any]]) -> dict[str, SpecDef]:
    return {raw["key"]: SpecDef.from_json(raw) for raw in schema}


# schema list → its SpecDefs, for the schemas checked again and again (an import's rows share a few
# categories' schemas: read once, not once per row). Keyed by the list's identity and holding the
# list, so a key is never reused for another; only lists nobody changes (the reference data's).
_DEFS: dict[int, tuple[list[dict[str, Any]], dict[str, SpecDef]]] = {}


def _schema_defs(schema: list[dict[str, Any]]) -> dict[str, SpecDef]:
    if not schema:
        return {}
    known = _DEFS.get(id(schema))
    if known is not None and known[0] is schema:
        return known[1]
    defs = schema_by_key(schema)
    if len(_DEFS) >= 4096:
        _DEFS.clear()
    _DEFS[id(schema)] = (schema, defs)
    return defs


@dataclass
class SpecCheck:
    """The specs as stored (canonical keys, values in the schema's units), what makes them
    unacceptable, and what a reviewer should look at."""

    values: dict[str, SpecValue] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[FieldError] = field(default_factory=list)


def _label(text: str) -> str:
    """Names compare after NFKC, lower case, without spaces and a bracketed unit: 主轴转速（rpm）."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[(\[].*?[)\]]$", "", text)
    return re.sub(r"\s+", "", text)


def _names(defs: dict[str, SpecDef]) -> dict[str, SpecDef]:
    names: dict[str, SpecDef] = {}
    for spec in defs.values():
        for label in (spec.key, spec.name, *spec.aliases):
            names.setdefault(_label(label), spec)
    return names


_BOUND_WORDS: tuple[tuple[str, Bound], ...] = (
    ("_min", "min"), ("_max", "max"), ("下限", "min"), ("上限", "max"), ("不低于", "min"),
    ("不小于", "min"), ("不高于", "max"), ("不大于", "max"), ("≥", "min"), ("≤", "max"), (">=", "min"),
    ("<=", "max"), ("最低", "min"), ("最小", "min"), ("最高", "max"), ("最大", "max"),
)  # fmt: skip


def resolve_key(defs: dict[str, SpecDef], key: str, *, bounds: bool) -> tuple[SpecDef | None, Bound]:
    """The schema entry a key names (by key, Chinese name or alias) and, for a demand
    (`bounds`), whether it is a lower bound, an upper bound or a plain threshold."""
    if key in defs:
        return defs[key], "threshold"
    names = _names(defs)
    found = names.get(_label(key))
    if found is not None or not bounds:
        return found, "threshold"
    label = _label(key)
    for word, kind in _BOUND_WORDS:
        word = _label(word)
        if label.endswith(word) and (base := names.get(label[: -len(word)].rstrip("_"))):
            return base, kind
        if label.startswith(word) and (base := names.get(label[len(word) :])):
            return base, kind
    return None, "threshold"


def requirement_key(key: str) -> tuple[str, Literal["min", "max", "threshold"]]:
    """`spindle_rpm_min` → (spindle_rpm, min); `spindle_rpm` → (spindle_rpm, threshold)."""
    for suffix in ("min", "max"):
        if key.endswith(f"_{suffix}"):
            return key[: -len(suffix) - 1], suffix
    return key, "threshold"


def _typed_value(
    spec: SpecDef, value: Any, where: str, check: SpecCheck, *, written: str, exact_key: bool
) -> SpecValue | None:
    """The value in the schema's type and unit, or None after recording why it cannot be
    (`where`: the stored key's path; `written`: the key as the client wrote it)."""
    if spec.type == "string":
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            check.errors.append(FieldError(written, f"{spec.name}应为文本"))
            return None
        return value if isinstance(value, str) else _free_number(value, where, check)
    if isinstance(value, str):
        try:
            value = parse_quantity(value, spec.unit)
        except UnitError as exc:
            if exact_key:  # a client that uses our keys sends numbers: a string here is a wrong type
                check.errors.append(FieldError(written, f"{spec.name}应为数值（单位 {spec.unit or '-'}）：{exc}"))
            else:  # a vendor's own wording: keep it as text and tell the reviewer
                check.warnings.append(FieldError(written, f"{spec.name}：{exc}，已按文本保存，不参与匹配"))
            return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        check.errors.append(FieldError(where, f"{spec.name}应为数值（单位 {spec.unit or '-'}）"))
        return None
    if isinstance(value, float) and not math.isfinite(value):
        check.errors.append(FieldError(where, f"{spec.name}应为有限数值"))
        return None
    if spec.type == "integer":
        if not float(value).is_integer():
            check.errors.append(FieldError(where, f"{spec.name}应为整数"))
            return None
        value = int(value)
    if value < 0 and (spec.min is None or spec.min >= 0):
        check.errors.append(FieldError(where, f"{spec.name}不能为负数"))
        return None
    unit = spec.unit or ""
    if (spec.min is not None and value < spec.min) or (spec.max is not None and value > spec.max):
        low = "" if spec.min is None else f"{spec.min:g}"
        high = "" if spec.max is None else f"{spec.max:g}"
        check.warnings.append(FieldError(where, f"{spec.name} {value:g}{unit} 超出常见范围 {low}–{high}{unit}，请核对"))
    return value  # type: ignore[no-any-return]


def _free_number(value: Any, where: str, check: SpecCheck) -> SpecValue | None:
    if isinstance(value, float) and not math.isfinite(value):
        check.errors.append(FieldError(where, "参数值应为有限数值"))
        return None
    return value  # type: ignore[no-any-return]


def _free(value: Any, where: str, check: SpecCheck) -> SpecValue | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        check.errors.append(FieldError(where, "参数值应为数值或文本"))
        return None
    if isinstance(value, str) and len(value) > 500:
        check.errors.append(FieldError(where, "参数文本不能超过500字"))
        return None
    return _free_number(value, where, check)


def _check(schema: list[dict[str, Any]], specs: dict[str, Any], *, field: str, bounds: bool) -> SpecCheck:
    defs = _schema_defs(schema)
    check = SpecCheck()
    for key, value in specs.items():
        where = f"{field}.{key}"
        if bounds:
            spec, kind = resolve_key(defs, key, bounds=True)
            if spec is None and (base := requirement_key(key))[1] != "threshold" and base[0] in defs:
                spec, kind = defs[base[0]], base[1]
        else:
            spec, kind = resolve_key(defs, key, bounds=False)
        if spec is None:
            kept = _free(value, where, check)
            if kept is not None:
                check.values[key] = kept
                if defs:  # a category with a schema that does not know this name: say it is text
                    check.warnings.append(
                        FieldError(where, f"参数“{key[:40]}”不在该品类的参数表中，按文本保存，不参与数值匹配")
                    )
            continue
        if kind != "threshold" and spec.type == "string":
            check.errors.append(FieldError(where, f"{spec.name}是文本参数，不能设置上下限"))
            continue
        target = spec.key if kind == "threshold" else f"{spec.key}_{kind}"
        exact = key == target
        # A converted value is stored under the schema's key, so its warning names that key; one
        # kept as text stays under the key as written.
        typed = _typed_value(spec, value, f"{field}.{target}", check, written=where, exact_key=exact)
        if typed is None:
            if not exact and isinstance(value, str):
                check.values.setdefault(key, value[:500])  # kept as text (warned above)
            continue
        if target in check.values:
            check.warnings.append(FieldError(where, f"{spec.name}重复填写，已保留第一个值"))
            continue
        check.values[target] = typed
    # In key order, like the stored JSON an export writes: a round trip yields the same list.
    check.warnings.sort(key=lambda w: w.field)
    return check


def check_listing_specs(schema: list[dict[str, Any]], specs: dict[str, Any], *, field: str = "specs") -> SpecCheck:
    """A listing's `specs` read against the category schema."""
    return _check(schema, specs, field=field, bounds=False)


def check_demand_specs(schema: list[dict[str, Any]], specs: dict[str, Any], *, field: str = "specs") -> SpecCheck:
    """A demand's requirements: `key`, `key_min`, `key_max` (or 主轴转速下限, 最高定位精度 …) of known
    specs are read like listing values (a bound on a text spec is refused); unknown keys are text."""
    return _check(schema, specs, field=field, bounds=True)
