"""Load seeds/policies/*.yaml into Rule objects, checking what data alone can check: known kinds and
operators, thresholds whose comparison matches their word, readings that exist."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from matching.policies.rules import (
    KINDS,
    OPS,
    Benefit,
    Conditions,
    ItemFilter,
    PolicyDocument,
    Reading,
    ReplacesFilter,
    Rule,
    Threshold,
    expected_op,
)

MEASURES = frozenset(
    {"total_investment", "equipment_investment", "equipment_purchase", "non_fiscal_equipment_software",
     "annual_service_revenue", "component_or_weighted_equipment_investment", "component_or_equipment_purchase"}
)  # fmt: skip


class PolicyDataError(ValueError):
    pass


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def _threshold(raw: dict[str, Any], *, where: str, readings: set[str], inverted: bool = False) -> Threshold:
    op, word = str(raw["op"]), str(raw["word"])
    if op not in OPS:
        raise PolicyDataError(f"{where}: unknown op {op}")
    reading = raw.get("reading")
    if reading is not None and reading not in readings:
        raise PolicyDataError(f"{where}: unknown reading {reading}")
    if not expected_op(word, op, inverted=inverted) and reading is None:
        raise PolicyDataError(f"{where}: {op} contradicts the word {word} (民法典第1259条) and names no reading")
    measure = str(raw.get("measure", ""))
    if "measure" in raw and measure not in MEASURES:
        raise PolicyDataError(f"{where}: unknown measure {measure}")
    return Threshold(measure=str(raw.get("measure", "")), op=op, value=_dec(raw["value"]), word=word, reading=reading)


def _strs(raw: Any) -> tuple[str, ...]:
    return tuple(str(x) for x in raw or ())


def parse_document(raw: dict[str, Any]) -> PolicyDocument:
    file = str(raw["document"])
    readings = tuple(Reading(str(r["id"]), str(r["question"]), str(r["reading"])) for r in raw.get("readings") or ())
    by_id = {r.id: r for r in readings}
    rules: list[Rule] = []
    for item in raw["rules"]:
        where = f"{file}:{item['id']}"
        kind = str(item["kind"])
        if kind not in KINDS:
            raise PolicyDataError(f"{where}: unknown kind {kind}")
        c = item.get("conditions") or {}
        items = c.get("items_any")
        repl = c.get("replaces_any")
        conditions = Conditions(
            types_any=_strs(c.get("types_any")),
            attributes_any=_strs(c.get("attributes_any")),
            facts_all=_strs(c.get("facts_all")),
            enterprise_flags=_strs(c.get("enterprise_flags")),
            thresholds=tuple(_threshold(t, where=where, readings=set(by_id)) for t in c.get("thresholds") or ()),
            items_any=None
            if items is None
            else ItemFilter(
                purposes=_strs(items.get("purposes")),
                unit_price=_threshold(items["unit_price"], where=where, readings=set(by_id))
                if "unit_price" in items
                else None,
                shoutaitao_levels=_strs(items.get("shoutaitao_levels")),
                imported=items.get("imported"),
                energy_grade=_threshold(items["energy_grade"], where=where, readings=set(by_id), inverted=True)
                if "energy_grade" in items
                else None,
            ),
            replaces_any=None
            if repl is None
            else ReplacesFilter(
                categories=_strs(repl.get("categories")),
                names=_strs(repl.get("names")),
                age=_threshold(repl["age"], where=where, readings=set(by_id)) if "age" in repl else None,
            ),
            financing=bool(c.get("financing", False)),
            financing_any=_strs(c.get("financing_any")),
        )
        b = item.get("benefit") or {}
        rate = b.get("rate") or {}
        benefit = Benefit(
            up_to=_dec(b["up_to"]) if "up_to" in b else None,
            fixed=_dec(b["fixed"]) if "fixed" in b else None,
            rate_min=_dec(rate["min"]) if rate else None,
            rate_max=_dec(rate["max"]) if rate else None,
            base=b.get("base"),
            cap=_dec(b["cap"]) if "cap" in b else None,
            cap_word=b.get("cap_word"),
            selective=bool(b.get("selective", False)),
            interest_pp=_dec(b["interest_pp"]) if "interest_pp" in b else None,
            fixed_rate=_dec(b["fixed_rate"]) if "fixed_rate" in b else None,
            weighting=_dec(b["weighting"]) if "weighting" in b else None,
            deduct_items=bool(b.get("deduct_items", False)),
            tracking_level=b.get("tracking_level"),
            blocks=b.get("blocks"),
        )
        if benefit.cap_word is not None and not expected_op(benefit.cap_word, "<="):
            raise PolicyDataError(f"{where}: a cap must include its number, got {benefit.cap_word}")
        missing = [r for r in _strs(item.get("readings")) if r not in by_id]
        if missing:
            raise PolicyDataError(f"{where}: unknown readings {missing}")
        rules.append(
            Rule(
                id=str(item["id"]),
                document=file,
                document_title=str(raw["title"]),
                draft=bool(raw["draft"]),
                issuer_level=str(raw["issuer_level"]),
                region_codes=_strs(raw["region_codes"]),
                clause=str(item["clause"]),
                quote=str(item["quote"]),
                kind=kind,
                title=str(item["title"]),
                estimable=bool(item["estimable"]),
                conditions=conditions,
                benefit=benefit,
                readings=tuple(by_id[r] for r in _strs(item.get("readings"))),
            )
        )
    return PolicyDocument(
        file=file, title=str(raw["title"]), draft=bool(raw["draft"]), issuer_level=str(raw["issuer_level"]),
        region_codes=_strs(raw["region_codes"]), readings=readings, rules=tuple(rules),
    )  # fmt: skip


@cache
def default_documents() -> tuple[PolicyDocument, ...]:
    """The five plans' rules shipped in seeds/policies/."""
    folder = resources.files("seeds").joinpath("policies")
    docs = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            docs.append(parse_document(yaml.safe_load(entry.read_text(encoding="utf-8"))))
    ids = [r.id for d in docs for r in d.rules]
    if len(ids) != len(set(ids)):
        raise PolicyDataError("duplicate rule ids")
    return tuple(docs)


def default_rules() -> tuple[Rule, ...]:
    return tuple(r for d in default_documents() for r in d.rules)


def rule_by_id(rule_id: str) -> Rule | None:
    return next((r for r in default_rules() if r.id == rule_id), None)
