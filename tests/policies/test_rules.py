"""The policy data and the evaluator without a database: quotes verbatim, legal boundaries at /
one yuan under / one yuan over every threshold, caps, stacking, the 首台套 weighting, blocking rules,
regions outside every document, and the estimate growing with the investment."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.policies.evaluator import estimate, normalize, region_ancestors_by_code
from matching.policies.loader import PolicyDataError, default_documents, default_rules, parse_document
from matching.policies.rules import Rule
from matching.policies.schemas import EstimateRequest
from matching.policies.vocabulary import normalize_attribute

RULES = default_rules()
DOCS = resources.files("seeds").joinpath("policy_docs")


def _text(file: str) -> str:
    return DOCS.joinpath(file).read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_quote_occurs_verbatim_in_its_document(rule: Rule) -> None:
    assert rule.quote in _text(rule.document)


def test_five_documents_two_drafts_every_file_exists() -> None:
    docs = default_documents()
    assert len(docs) == 5
    assert {d.file for d in docs if d.draft} == {
        "jiaxing-manufacturing-equipment-renewal-draft.txt",
        "quanzhou-industrial-equipment-renewal-draft.txt",
    }
    for d in docs:
        assert "征求意见稿" in _text(d.file) or "意见征求稿" in _text(d.file) or not d.draft


def test_a_threshold_whose_comparison_contradicts_its_word_is_refused() -> None:
    raw: dict[str, Any] = {
        "document": "x.txt", "title": "x", "draft": False, "issuer_level": "市级", "region_codes": ["330400"],
        "rules": [{"id": "r", "clause": "1", "quote": "q", "kind": "subsidy", "title": "t", "estimable": True,
                   "conditions": {"thresholds": [{"measure": "equipment_investment", "op": ">", "value": 1,
                                                  "word": "不低于"}]}}],
    }  # fmt: skip
    with pytest.raises(PolicyDataError, match="不低于"):
        parse_document(raw)
    raw["rules"][0]["conditions"]["thresholds"][0]["op"] = ">="
    assert parse_document(raw).rules[0].conditions.thresholds[0].op == ">="


# --- boundaries, generated from the rule data --------------------------------------------------

INCLUSIVE = {"以上", "以下", "不低于", "不超过", "不少于", "及以上", "最高", "最高不超过"}
EXCLUSIVE = {"超过", "低于", "不满", "不足", "有"}
# Where two clauses of one document claim the same boundary the rule names its reading.
READ_AS = {("jn-tracking-county", "以下"): False}  # 5000万元 exactly is 市级 (jn-5000w-boundary)


def _satisfying(rule: Rule, amount: Decimal) -> dict[str, Any]:
    """A request meeting every condition of `rule` except that each amount it measures is `amount`."""
    c = rule.conditions
    item: dict[str, Any] = {"category": "设备", "quantity": 1, "unit_price_yuan": "1000", "amount_yuan": "1000"}
    if c.items_any is not None:
        f = c.items_any
        if f.purposes:
            item["purpose"] = f.purposes[0]
        if f.shoutaitao_levels:
            item["shoutaitao_level"] = f.shoutaitao_levels[0]
        if f.imported:
            item["imported"] = True
        if f.energy_grade is not None:
            item["energy_grade"] = int(f.energy_grade.value)
    money = str(amount)
    project: dict[str, Any] = {
        "types": list(c.types_any[:1]),
        "total_investment_yuan": money, "equipment_investment_yuan": money, "equipment_purchase_yuan": money,
        "non_fiscal_equipment_software_yuan": money, "annual_service_revenue_yuan": money,
        "items": [item], "facts": {f: True for f in c.facts_all},
        "financing": {"loan_yuan": "1000000", "source": "pboc_relending" if c.financing_any else None},
    }  # fmt: skip
    if c.replaces_any is not None:
        project["replaces"] = [{"category": c.replaces_any.categories[0] + "01", "age_years": 30}]
    return {
        "region_code": rule.region_codes[0],
        "enterprise": {"attributes": list(c.attributes_any[:1]),
                       "uses_substandard_equipment": "uses_substandard_equipment" in c.enterprise_flags},
        "project": project,
    }  # fmt: skip


THRESHOLDED = [(r, t) for r in RULES for t in r.conditions.thresholds]


@pytest.mark.parametrize(("rule", "threshold"), THRESHOLDED, ids=[f"{r.id}:{t.word}{t.value}" for r, t in THRESHOLDED])
def test_boundary_at_one_yuan_under_and_one_yuan_over(rule: Rule, threshold: Any) -> None:
    def returned(amount: Decimal) -> bool:
        return rule.id in {h.id for h in estimate(EstimateRequest.model_validate(_satisfying(rule, amount))).rules}

    others = [t for t in rule.conditions.thresholds if t is not threshold]
    v = threshold.value
    at = READ_AS.get((rule.id, threshold.word), threshold.word in INCLUSIVE)
    assert threshold.word in INCLUSIVE | EXCLUSIVE
    if all(o.holds(v) for o in others):
        assert returned(v) is at
    lower_side = threshold.op in (">=", ">")
    if v >= 1 and all(o.holds(v - 1) for o in others):
        assert returned(v - 1) is (not lower_side)
    if all(o.holds(v + 1) for o in others):
        assert returned(v + 1) is lower_side


def _est(region: str, **project: Any) -> Any:
    attributes = project.pop("attributes", [])
    substandard = project.pop("substandard", False)
    return estimate(
        EstimateRequest.model_validate(
            {"region_code": region, "enterprise": {"attributes": attributes,
                                                    "uses_substandard_equipment": substandard}, "project": project}
        )
    )  # fmt: skip


def test_caps_bind_pilot_platform_5m_and_rd_institute_5m() -> None:
    at_cap = _est("350502", attributes=["中试验证平台"], non_fiscal_equipment_software_yuan=16_666_667)
    assert at_cap.totals.cash_yuan.max == Decimal("5000000.00")
    below = _est("350502", attributes=["中试验证平台"], non_fiscal_equipment_software_yuan=16_666_666)
    assert below.totals.cash_yuan.max == Decimal("4999999.80")
    over = _est("350502", attributes=["中试验证平台"], non_fiscal_equipment_software_yuan=90_000_000)
    assert over.totals.cash_yuan.min == over.totals.cash_yuan.max == Decimal("5000000.00")
    assert "上限" in over.rules[0].explanation
    rd = _est("350502", attributes=["省级新型研发机构"], non_fiscal_equipment_software_yuan=40_000_008)
    assert rd.totals.cash_yuan.max == Decimal("5000000.00")
    under = _est("350502", attributes=["省级新型研发机构"], non_fiscal_equipment_software_yuan=39_999_992)
    assert under.totals.cash_yuan.max == Decimal("4999999.00")
    op = _est(
        "350502", attributes=["中试验证平台"], annual_service_revenue_yuan=20_000_000, facts={"in_operation": True}
    )
    assert (op.totals.cash_yuan.min, op.totals.cash_yuan.max) == (Decimal(0), Decimal("3000000.00"))


def test_a_rule_waiting_on_an_unstated_fact_is_named_not_dropped() -> None:
    # 泉州 中试验证平台 运营补助 needs 已投入运营: left unsaid, the answer says so instead of silence.
    silent = _est("350502", attributes=["中试验证平台"], annual_service_revenue_yuan=20_000_000)
    assert silent.totals.cash_yuan.max == Decimal(0)
    [need] = [n for n in silent.needs_facts if n.facts == ["in_operation"]]
    assert "已投入运营" in need.explanation and need.document.startswith("quanzhou")
    assert any("needs_facts" in n for n in silent.notes)
    # Stated false: an answer, not a gap — the rule fails and is not listed.
    no = _est(
        "350502", attributes=["中试验证平台"], annual_service_revenue_yuan=20_000_000, facts={"in_operation": False}
    )
    assert all("in_operation" not in n.facts for n in no.needs_facts)
    # Stated true: the rule holds and is no longer waiting.
    yes = _est(
        "350502", attributes=["中试验证平台"], annual_service_revenue_yuan=20_000_000, facts={"in_operation": True}
    )
    assert yes.totals.cash_yuan.max == Decimal("3000000.00") and yes.needs_facts == []
    # A fact is not enough when something else fails (no revenue): not listed either.
    other = _est("350502", attributes=["中试验证平台"])
    assert all("in_operation" not in n.facts for n in other.needs_facts)
    # Procedures that only need facts (承诺备案制 for 不新增用地) are not listed in every answer.
    assert all(n.id != "qz-zero-land-filing" for n in silent.needs_facts)
    # Outside every document nothing waits.
    assert _est("110101", types=["设备更新"], total_investment_yuan=8_000_000).needs_facts == []


def test_stacking_city_and_zone_rules_in_jining_hitech_zone() -> None:
    zone = _est("370871", types=["设备更新"], total_investment_yuan=8_000_000)
    docs = {r.document for r in zone.rules}
    assert docs == {"jining-city-industrial-equipment-renewal.txt", "jining-hitech-zone-renewal-and-tradein.txt"}
    county = _est("370811", types=["设备更新"], total_investment_yuan=8_000_000)
    assert {r.document for r in county.rules} == {"jining-city-industrial-equipment-renewal.txt"}


def test_stacking_central_and_city_interest_in_quanzhou() -> None:
    both = _est(
        "350503", types=["设备更新"], financing={"loan_yuan": 12_000_000, "source": "pboc_relending"},
        facts={"provincial_key_tech_project": True, "provincial_interest_subsidy": True},
    )  # fmt: skip
    assert both.totals.interest_pp == Decimal("2.5")
    assert both.totals.interest_yuan_per_year == Decimal("300000.00")
    assert [d.document for d in both.drafts] == ["quanzhou-industrial-equipment-renewal-draft.txt"]
    assert all(r.draft for r in both.rules)


def test_stacking_awards_and_subsidy_in_jiaxing() -> None:
    e = _est(
        "330402", attributes=["省级未来工厂", "省级绿色工厂"], types=["节能改造"], equipment_investment_yuan=10_000_000
    )
    assert (e.totals.cash_yuan.min, e.totals.cash_yuan.max) == (Decimal("3300000.00"), Decimal("3700000.00"))


def test_shoutaitao_weighting_only_for_provincial_or_national() -> None:
    item = {"category": "工业机器人", "quantity": 2, "unit_price_yuan": 500_000, "amount_yuan": 1_000_000}
    # 市级 or no 首台套 adds nothing: the weighted figure is the investment itself
    for level, weighted in (
        ("省级", "2500000.00"),
        ("国家级", "2500000.00"),
        ("市级", "2000000.00"),
        (None, "2000000.00"),
    ):
        e = _est("330481", types=["节能改造"], equipment_investment_yuan=2_000_000,
                 items=[{**item, "shoutaitao_level": level}])  # fmt: skip
        got = e.totals.weighted_equipment_investment_yuan
        assert (str(got) if got is not None else None) == weighted
    provincial = _est("330481", types=["节能改造"], equipment_investment_yuan=2_000_000,
                      items=[{**item, "shoutaitao_level": "省级"}])  # fmt: skip
    assert provincial.totals.cash_yuan.min == Decimal("200000.00")  # 8% of 250万 (weighted), not of 200万


def test_substandard_equipment_blocks_jiaxing_cash_but_not_other_documents() -> None:
    e = _est(
        "330402",
        attributes=["国家级绿色工厂"],
        types=["节能改造"],
        equipment_investment_yuan=3_000_000,
        substandard=True,
    )
    assert e.totals.cash_yuan.max == 0
    assert {b.id for b in e.blocked} == {"jx-energy-water-8-12", "jx-green-factory-national"}
    assert "jx-substandard-equipment-block" in {r.id for r in e.rules}
    fine = _est("330402", attributes=["国家级绿色工厂"], types=["节能改造"], equipment_investment_yuan=3_000_000)
    assert fine.totals.cash_yuan.max == Decimal("1860000.00")


@pytest.mark.parametrize("region", ["110105", "440305", "330100", "350100", "370100", "520102", "000000"])
def test_regions_outside_every_document_get_nothing(region: str) -> None:
    e = _est(region, attributes=["省级未来工厂", "白名单企业", "中试验证平台", "省级新型研发机构"],
             types=["节能改造", "智能化技术改造", "设备更新"], equipment_investment_yuan=50_000_000,
             total_investment_yuan=90_000_000, non_fiscal_equipment_software_yuan=9_000_000,
             financing={"loan_yuan": 10_000_000, "source": "pboc_relending"})  # fmt: skip
    assert e.rules == [] and e.totals.cash_yuan.max == 0 and e.totals.interest_pp == 0
    assert e.totals.unquantified_upside is False and e.notes


def test_unknown_words_are_kept_and_reported() -> None:
    e = _est("330402", attributes=["火星企业"], types=["登月改造"], facts={"on_mars": True})
    assert {(u.field, u.value) for u in e.unknown_words} == {
        ("enterprise.attributes", "火星企业"), ("project.types", "登月改造"), ("project.facts", "on_mars"),
    }  # fmt: skip


def test_attribute_spellings() -> None:
    assert normalize_attribute("省级未来工厂") == "未来工厂:省级"
    assert normalize_attribute("省级未来工厂培育（试点）企业") == "未来工厂:省级培育（试点）"
    assert normalize_attribute("国家级专精特新“小巨人”") == "专精特新:国家级小巨人"
    assert normalize_attribute("专精特新（省级）") == "专精特新:省级"
    assert normalize_attribute("市级专精特新中小企业") == "专精特新:市级"
    assert normalize_attribute("白名单") == "白名单企业"
    assert normalize_attribute("中试验证平台（基地）") == "中试验证平台"
    assert normalize_attribute("新型研发机构") == "新型研发机构"  # no level: not 省级
    assert normalize_attribute("乱写") is None


def test_zone_codes_lie_under_their_city() -> None:
    assert region_ancestors_by_code("370871") == ["370871", "370800", "370000", "000000"]
    p = normalize(EstimateRequest.model_validate({"region_code": "370871"}), ["370871", "370800", "370000", "000000"])
    assert p.ancestors[1] == "370800"


@settings(max_examples=200, deadline=None)
@given(
    base=st.integers(min_value=0, max_value=60_000_000),
    more=st.integers(min_value=0, max_value=60_000_000),
    region=st.sampled_from(["330402", "350503", "370871", "510104"]),
)
def test_estimate_never_decreases_when_only_the_investment_grows(base: int, more: int, region: str) -> None:
    def cash(amount: int) -> tuple[Decimal, Decimal]:
        e = _est(
            region, attributes=["中试验证平台", "省级新型研发机构"],
            types=["节能改造", "节水改造", "智能化技术改造", "设备更新"], equipment_investment_yuan=amount,
            equipment_purchase_yuan=amount, total_investment_yuan=amount, non_fiscal_equipment_software_yuan=amount,
            items=[{"category": "设备", "quantity": 1, "unit_price_yuan": amount, "amount_yuan": amount,
                    "purpose": "节能节水"}],
        )  # fmt: skip
        return e.totals.cash_yuan.min, e.totals.cash_yuan.max

    low, high = cash(base), cash(base + more)
    assert high[0] >= low[0] and high[1] >= low[1]


def test_item_and_replaced_equipment_boundaries() -> None:
    def deduction(unit: int) -> Decimal:
        item = {
            "category": "除尘设备",
            "quantity": 1,
            "unit_price_yuan": unit,
            "amount_yuan": unit,
            "purpose": "环境保护",
        }
        return _est("330402", types=["设备更新"], items=[item]).totals.tax_deduction_yuan

    assert deduction(5_000_000) == Decimal("5000000.00")  # 不超过500万元: included
    assert deduction(4_999_999) == Decimal("4999999.00")
    assert deduction(5_000_001) == 0

    def grade_rule(grade: int) -> bool:
        item = {"category": "电机", "quantity": 1, "unit_price_yuan": 1000, "amount_yuan": 1000, "energy_grade": grade}
        return "sc-energy-grade-2" in {r.id for r in _est("510104", types=["设备更新"], items=[item]).rules}

    assert [grade_rule(g) for g in (1, 2, 3)] == [True, True, False]  # 能效二级以上 includes 二级

    def lathe_rule(age: str) -> bool:
        e = _est("370811", types=["设备更新"], replaces=[{"category": "普通车床", "age_years": age}])
        return "jn-machine-tool-over-10" in {r.id for r in e.rules}

    assert [lathe_rule(a) for a in ("10", "10.5", "11", "9")] == [False, True, True, False]  # 超过10年 excludes 10


def test_components_split_a_mixed_project_between_rules() -> None:
    e = _est("330402", types=["技术改造"], equipment_investment_yuan=28_000_000,
             components={"节能改造": 3_000_000, "智能化技术改造": 25_000_000})  # fmt: skip
    amounts = {r.id: (r.amount.min, r.amount.max) for r in e.rules if r.amount}
    assert amounts["jx-energy-water-8-12"] == (Decimal("240000.00"), Decimal("360000.00"))  # 8%-12% of 300万 only
    assert amounts["jx-smart-upgrade"] == (Decimal(0), Decimal("15000000.00"))
    small = _est(
        "330402", components={"节能改造": 1_999_999, "智能化技术改造": 19_999_999}, equipment_investment_yuan=30_000_000
    )
    assert small.rules == []  # each part measured on its own: both one yuan under
