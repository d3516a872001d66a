"""25 enterprise cases with numbers worked out by hand from the documents (cases.yaml): the
evaluator must reproduce every number and never return a near-miss rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from matching.policies.evaluator import estimate
from matching.policies.schemas import Estimate, EstimateRequest

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))["cases"]
MONEY = (
    "interest_yuan_per_year",
    "weighted_equipment_investment_yuan",
    "tax_deduction_yuan",
    "interest_pp",
    "fixed_rate",
)


def mismatches(expect: dict[str, Any], got: Estimate) -> list[str]:
    out: list[str] = []
    t = got.totals
    if "cash_yuan" in expect:
        want = (Decimal(str(expect["cash_yuan"]["min"])), Decimal(str(expect["cash_yuan"]["max"])))
        if (t.cash_yuan.min, t.cash_yuan.max) != want:
            out.append(f"cash {t.cash_yuan.min}–{t.cash_yuan.max} != {want}")
    for key in MONEY:
        if key in expect:
            value = getattr(t, key)
            want_v = None if expect[key] is None else Decimal(str(expect[key]))
            if value != want_v:
                out.append(f"{key} {value} != {want_v}")
    if "unquantified_upside" in expect and t.unquantified_upside != expect["unquantified_upside"]:
        out.append(f"upside {t.unquantified_upside}")
    ids = {r.id for r in got.rules}
    out += [f"missing {r}" for r in expect.get("rules_include", []) if r not in ids]
    out += [f"near miss returned {r}" for r in expect.get("rules_exclude", []) if r in ids]
    if "rules_count" in expect and len(ids) != expect["rules_count"]:
        out.append(f"{len(ids)} rules")
    if "tracking_level" in expect:
        levels = {r.tracking_level for r in got.rules if r.kind == "tracking_threshold"}
        if expect["tracking_level"] not in levels:
            out.append(f"tracking {levels}")
    if expect.get("draft") and not (got.drafts and all(r.draft for r in got.rules if "draft" in r.document)):
        out.append("draft not marked")
    return out


def test_there_are_25_cases() -> None:
    assert len(CASES) == 25


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    got = estimate(EstimateRequest.model_validate(case["request"]))
    assert mismatches(case["expect"], got) == []
