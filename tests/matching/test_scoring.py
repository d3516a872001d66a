"""Scoring without a database: the factors, their reasons, the invariants (Hypothesis), and that
`rank` gives exactly what scoring every listing would."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.pools import Columns, Pool, Ranking, budget_values, rank_pools, spec_keys, spec_values, text_values
from matching.scoring import (
    FACTORS,
    MatchWeights,
    Taxonomy,
    bigrams,
    budget_factor,
    budget_value,
    requirements,
    score,
    specs_factor,
    text_value,
    wan,
)
from tests.matching.conftest import demand, listing, load_taxonomy

TAXONOMY = load_taxonomy()
prices = st.decimals(min_value=Decimal("1000"), max_value=Decimal("5000000"), places=0)
budgets = st.none() | st.decimals(min_value=Decimal("10000"), max_value=Decimal("20000000"), places=0)
quantities = st.integers(min_value=1, max_value=50)


def test_a_good_pair_scores_high_with_a_reason_per_factor(taxonomy: Taxonomy) -> None:
    scored = score(demand(), listing(recommended=True), taxonomy)
    assert set(scored.breakdown) == set(FACTORS)
    assert scored.score > 0.8
    assert scored.reasons[0] == "品类一致：加工中心"
    assert "主轴转速 12000rpm ≥ 需求 10000rpm" in scored.reasons
    assert "定位精度 0.006mm ≤ 需求 0.01mm" in scored.reasons
    assert "单价 38–45 万元，2台合计 76 万元起，在总预算 120 万元内" in scored.reasons
    assert "能效二级，符合绿色化改造方向" in scored.reasons
    assert "专精特新产品，符合高端化改造方向" in scored.reasons
    assert "已列入主管部门先进适用设备推荐目录" in scored.reasons
    assert "本地供应商，服务区域覆盖 海宁市" in scored.reasons  # 海盐县 and 海宁市 are both in 嘉兴市
    province = score(demand(), listing(supplier_region="330106"), taxonomy)
    assert province.breakdown["region"] == 0.7 and "省内供应商，服务区域覆盖 海宁市" in province.reasons
    far = score(demand(), listing(supplier_region="370811"), taxonomy)
    assert far.breakdown["region"] == 0.4 and "服务区域覆盖 海宁市" in far.reasons
    nationwide = score(demand(), listing(supplier_region="370811", service_regions=["000000"]), taxonomy)
    assert nationwide.breakdown["region"] == 0.3


def test_category_levels(taxonomy: Taxonomy) -> None:
    same = score(demand(), listing(), taxonomy).breakdown["category"]
    replaces = score(demand(), listing(category_code="0102"), taxonomy)  # 数控车床 replaces 普通车床
    sibling = score(demand(replaces_description=None), listing(category_code="0103"), taxonomy).breakdown["category"]
    other = score(demand(replaces_description=None), listing(category_code="0701"), taxonomy).breakdown["category"]
    assert same == 1.0 > replaces.breakdown["category"] > sibling > other == 0.0
    assert "数控车床可替代现有的普通车床" in replaces.reasons
    group = score(demand(category_code="01", replaces_description=None), listing(), taxonomy)
    assert group.breakdown["category"] == 0.7 and "属于需求品类大类：工业母机" in group.reasons


def test_a_missing_spec_scores_lower_but_not_zero(taxonomy: Taxonomy) -> None:
    missing, why = specs_factor(demand(), listing(specs={"positioning_accuracy_mm": 0.006}), taxonomy)
    assert 0 < missing < 1
    assert why[0] == "未标注主轴转速（需求 10000rpm）"
    _, why = specs_factor(demand(), listing(specs={"spindle_rpm": 8000, "positioning_accuracy_mm": 0.006}), taxonomy)
    assert "主轴转速 8000rpm < 需求 10000rpm" in why
    assert specs_factor(demand(specs={}), listing(), taxonomy)[0] == 0.5
    wanted_text, _ = specs_factor(
        demand(specs={"control_system": "FANUC"}), listing(specs={"control_system": "FANUC 0i-MF"}), taxonomy
    )
    assert wanted_text == 1.0


def test_budget_is_the_total_for_the_quantity() -> None:
    assert budget_factor(demand(quantity=2), listing())[0] == 1.0  # 2 × 45 万 ≤ 120 万
    assert budget_factor(demand(quantity=3), listing())[0] == 0.9  # 3 × 38 万 ≤ 120 万 < 3 × 45 万
    over, why = budget_factor(demand(quantity=5), listing())
    assert 0 < over < 0.9 and "超出总预算 120 万元约 58%" in (why or "")
    assert budget_factor(demand(budget_max=None), listing())[0] == 0.5
    assert budget_factor(demand(), listing(price_min=None, price_max=None)) == (0.5, "报价面议")


def test_policy_and_text(taxonomy: Taxonomy) -> None:
    safety = score(demand(motivations=("safety",)), listing(tags=["先进安全应急装备目录"]), taxonomy)
    assert safety.breakdown["policy"] == 1.0 and "列入先进安全应急装备目录，符合安全改造方向" in safety.reasons
    none = score(demand(motivations=("safety",)), listing(tags=[]), taxonomy)
    assert none.breakdown["policy"] == 0.0
    assert score(demand(motivations=()), listing(), taxonomy).breakdown["policy"] == 0.5
    far = score(demand(), listing(title="加工中心", description="加工中心"), taxonomy).breakdown["text"]
    assert score(demand(), listing(), taxonomy).breakdown["text"] > far
    assert "远程" in bigrams("支持远程运维") and wan(Decimal("125000")) == "12.5"


def test_weights_come_from_settings(taxonomy: Taxonomy) -> None:
    only_trust = MatchWeights(category=0, specs=0, budget=0, region=0, policy=0, text=0, trust=1)
    assert score(demand(), listing(recommended=True), taxonomy, only_trust).score == 1.0
    assert score(demand(), listing(recommended=False), taxonomy, only_trust).score == 0.3


@settings(max_examples=60, deadline=None)
@given(
    price=prices, budget=budgets, quantity=quantities, rpm=st.integers(100, 60000), grade=st.none() | st.integers(1, 5),
    recommended=st.booleans(), code=st.sampled_from(["0101", "0102", "0103", "0701", "0201"]),
)  # fmt: skip
def test_score_is_between_0_and_1(
    price: Decimal, budget: Decimal | None, quantity: int, rpm: int, grade: int | None, recommended: bool, code: str
) -> None:
    scored = score(
        demand(budget_max=budget, quantity=quantity),
        listing(price_min=price, price_max=price * 2, specs={"spindle_rpm": rpm}, energy_grade=grade,
                recommended=recommended, category_code=code),
        TAXONOMY,
    )  # fmt: skip
    assert 0.0 <= scored.score <= 1.0
    assert all(0.0 <= v <= 1.0 for v in scored.breakdown.values())


@settings(max_examples=60, deadline=None)
@given(
    rpm=st.integers(100, 60000), faster=st.integers(0, 20000), accuracy=st.floats(0.0001, 1),
    finer=st.floats(0, 1), wanted=st.integers(100, 60000),
)  # fmt: skip
def test_a_better_spec_never_lowers_the_spec_factor(
    rpm: int, faster: int, accuracy: float, finer: float, wanted: int
) -> None:
    asked = demand(specs={"spindle_rpm": wanted, "positioning_accuracy_mm_max": 0.01, "axes_min": 5})
    base = {"spindle_rpm": rpm, "positioning_accuracy_mm": accuracy}
    better = {"spindle_rpm": rpm + faster, "positioning_accuracy_mm": accuracy * (1 - finer * 0.99)}
    assert (
        specs_factor(asked, listing(specs=better), TAXONOMY)[0] >= specs_factor(asked, listing(specs=base), TAXONOMY)[0]
    )


@settings(max_examples=80, deadline=None)
@given(price=prices, cut=st.decimals(min_value=0, max_value=1, places=2), budget=budgets, quantity=quantities)
def test_a_lower_price_never_lowers_the_budget_factor(
    price: Decimal, cut: Decimal, budget: Decimal | None, quantity: int
) -> None:
    asked = demand(budget_max=budget, quantity=quantity)
    cheaper = (price * (1 - cut)).quantize(Decimal(1))
    dear = budget_factor(asked, listing(price_min=price, price_max=price * 2))[0]
    cheap = budget_factor(asked, listing(price_min=cheaper, price_max=cheaper * 2))[0]
    assert cheap >= dear


@settings(max_examples=60, deadline=None)
@given(
    price=prices,
    budget=budgets,
    code=st.sampled_from(["0101", "0102", "0103", "0701"]),
    tags=st.lists(st.sampled_from(["首台套", "智能制造", "能效一级"]), max_size=3),
)
def test_recommended_never_lowers_the_score(price: Decimal, budget: Decimal | None, code: str, tags: list[str]) -> None:
    asked = demand(budget_max=budget)
    plain = listing(price_min=price, price_max=price, category_code=code, tags=tags, recommended=False)
    reviewed = listing(price_min=price, price_max=price, category_code=code, tags=tags, recommended=True)
    assert score(asked, reviewed, TAXONOMY).score >= score(asked, plain, TAXONOMY).score


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["0101", "0102", "0103", "0109"]), st.none() | prices, st.integers(1000, 30000),
                  st.booleans(), st.sampled_from([[], ["专精特新"], ["智能制造", "能效一级"]]),
                  st.sampled_from([["000000"], ["330000"], ["370000"]])),
        min_size=1, max_size=30,
    ),
    st.integers(1, 10),
    budgets,
)  # fmt: skip
def test_rank_pools_equals_scoring_everything(
    rows: list[tuple[str, Decimal | None, int, bool, list[str], list[str]]], limit: int, budget: Decimal | None
) -> None:
    pool = [
        listing(id=f"l{i}", category_code=code, price_min=price, price_max=price, specs={"spindle_rpm": rpm},
                recommended=recommended, tags=tags, service_regions=regions)
        for i, (code, price, rpm, recommended, tags, regions) in enumerate(rows)
    ]  # fmt: skip
    asked = demand(
        budget_max=budget, specs={"spindle_rpm": 10000, "positioning_accuracy_mm_max": 0.01, "control_system": "FANUC"}
    )
    ancestors = ["000000", "330000", "330400", "330481"]
    served = [p for p in pool if set(p.service_regions) & set(ancestors)]
    expected = sorted((score(asked, p, TAXONOMY).score for p in served), reverse=True)[:limit]
    got = rank_pools(
        asked, [Pool(pool[: len(pool) // 2]), Pool(pool[len(pool) // 2 :])], ancestors, TAXONOMY, limit=limit
    )
    assert [s.score for _, s in got] == expected
    assert all(set(p.service_regions) & set(ancestors) for p, _ in got)


@settings(max_examples=100, deadline=None)
@given(
    low=st.none() | st.floats(0, 1e7), extra=st.floats(0, 1e7), quantity=quantities,
    budget=st.none() | st.floats(0, 1e8),
)  # fmt: skip
def test_vectorised_budget_equals_the_scalar_formula(
    low: float | None, extra: float, quantity: int, budget: float | None
) -> None:
    high = None if low is None else low + extra
    array = budget_values(
        np.array([np.nan if low is None else low]), np.array([np.nan if high is None else high]), quantity, budget
    )
    assert array[0] == pytest.approx(budget_value(low, high, quantity, budget), abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(
    have=st.none() | st.floats(-10, 1e5) | st.sampled_from(["FANUC 0i-MF", "西门子828D"]),
    wanted=st.floats(0.001, 1e5) | st.sampled_from(["FANUC", "华中"]),
    key=st.sampled_from(["spindle_rpm", "positioning_accuracy_mm", "spindle_rpm_min", "spindle_rpm_max", "x_travel_mm_max", "control_system"]),
)  # fmt: skip
def test_vectorised_specs_equal_the_scalar_formula(have: float | str | None, wanted: float | str, key: str) -> None:
    asked = demand(specs={key: wanted})
    [requirement] = requirements(asked, "0101", TAXONOMY)
    one = listing(specs={} if have is None else {requirement[1]: have})
    pool = Pool([one])
    column, numbers, has_text = pool.column(requirement[1])
    vector = spec_values(requirement, column, numbers, has_text=has_text)
    assert vector[0] == pytest.approx(specs_factor(asked, one, TAXONOMY)[0], abs=1e-12)


TEXT_ALPHABET = "数控车床加工中心智能主轴转速立式卧式铣床 ABCabcxyz0189ßİＡ,.-_\n"
texts = st.text(alphabet=TEXT_ALPHABET, max_size=60)


@settings(max_examples=60, deadline=None)
@given(
    title=texts, description=texts,
    rows=st.lists(st.tuples(st.sampled_from(["0101", "0102", "0103", "0201"]), texts, texts), min_size=1, max_size=8),
)  # fmt: skip
def test_vectorised_text_equals_the_scalar_formula(
    title: str, description: str, rows: list[tuple[str, str, str]]
) -> None:
    asked = demand(title=title, description=description)
    pool = [listing(id=f"l{i}", category_code=c, title=t, description=d) for i, (c, t, d) in enumerate(rows)]
    got = text_values(asked, [p.category_code for p in pool], [f"{p.title} {p.description}" for p in pool], TAXONOMY)
    assert got.tolist() == [text_value(asked, p, TAXONOMY) for p in pool]
    whole = Pool(pool).grams(TAXONOMY).text_values(asked, TAXONOMY)
    assert whole.tolist() == got.tolist()


def test_a_known_text_value_gives_the_same_text_reason(taxonomy: Taxonomy) -> None:
    asked, offered = demand(), listing()
    plain = score(asked, offered, taxonomy)
    assert score(asked, offered, taxonomy, text=text_value(asked, offered, taxonomy)) == plain


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["0101", "0102", "0103"]), st.none() | prices, st.integers(1000, 30000),
                  st.booleans(), st.sampled_from([[], ["专精特新"], ["智能制造", "能效一级"]])),
        min_size=1, max_size=30,
    ),
    st.integers(1, 10),
    st.integers(1, 5),
)  # fmt: skip
def test_ranking_narrow_columns_equals_ranking_whole_listings(
    rows: list[tuple[str, Decimal | None, int, bool, list[str]]], limit: int, chunk: int
) -> None:
    """What one request does (narrow columns, texts fetched in bound order, whole rows for the
    winners) gives exactly what ranking whole listings gives: ids, order, scores, reasons."""
    pool = [
        listing(id=f"l{i}", category_code=code, price_min=price, price_max=price, specs={"spindle_rpm": rpm},
                recommended=recommended, tags=tags, service_regions=["330000"], title=f"立式加工中心 {i % 3}")
        for i, (code, price, rpm, recommended, tags) in enumerate(rows)
    ]  # fmt: skip
    asked = demand(specs={"spindle_rpm": 10000, "control_system": "FANUC"})
    ancestors = ["000000", "330000", "330400", "330481"]
    whole = Pool(pool)
    keys = spec_keys(asked, ["0101", "0102", "0103"], TAXONOMY)
    columns = Columns(
        ids=whole.ids, category_codes=[p.category_code for p in pool], low=whole.low, high=whole.high,
        recommended=[p.recommended for p in pool], fits=whole.fits.tolist(),
        supplier_regions=[p.supplier_region for p in pool], named_regions=[True for _ in pool],
    )  # fmt: skip
    narrow = Pool.from_columns(columns, served_in=ancestors, specs={k: whole.column(k) for k in keys})
    ranking = Ranking(asked, [narrow], ancestors, TAXONOMY, limit=limit)
    by_id = {p.id: p for p in pool}
    while not ranking.advance():
        wanted = ranking.upcoming(chunk)
        values = text_values(
            asked, [pool[r].category_code for _, _, r in wanted], [f"{pool[r].title} {pool[r].description}" for _, _, r in wanted], TAXONOMY
        )  # fmt: skip
        ranking.give_texts({i: float(v) for (i, _, _), v in zip(wanted, values, strict=True)})
    narrow.fill([by_id[narrow.ids[r]] for _, r in ranking.winners()])
    got = [(p.id, s) for p, s in ranking.scored()]
    expected = [(p.id, s) for p, s in rank_pools(asked, [whole], ancestors, TAXONOMY, limit=limit)]
    assert got == expected
    everything = sorted((score(asked, p, TAXONOMY).score for p in pool), reverse=True)[:limit]
    assert [s.score for _, s in got] == everything
