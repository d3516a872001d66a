"""The settlement rule as properties (Hypothesis) and a few worked examples."""

from __future__ import annotations

import uuid
from collections import defaultdict
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.campaigns.settlement import (
    ALLOCATED,
    DROPPED,
    FAILED,
    RELEASED,
    SETTLED,
    OfferTerms,
    Outcome,
    PledgeTerms,
    Tier,
    next_tier,
    settle,
    unit_price_at,
    yuan,
)

SUPPLIER_A, SUPPLIER_B, SUPPLIER_C = (uuid.UUID(int=i) for i in (1, 2, 3))


def offer(n: int, list_price: str, tiers: list[tuple[int, str]], cap: int | None = None) -> OfferTerms:
    return OfferTerms(
        offer_id=uuid.UUID(int=100 + n), supplier_id=uuid.UUID(int=n), unit_list_price=Decimal(list_price),
        tiers=tuple(Tier(q, Decimal(p)) for q, p in tiers), max_quantity=cap, rank=n,
    )  # fmt: skip


def pledge(n: int, quantity: int, max_price: str | None = None, buyer: int | None = None) -> PledgeTerms:
    return PledgeTerms(
        pledge_id=uuid.UUID(int=1000 + n), buyer_id=uuid.UUID(int=5000 + (buyer if buyer is not None else n)),
        quantity=quantity, max_unit_price=Decimal(max_price) if max_price else None, rank=n,
    )  # fmt: skip


# --- strategies -------------------------------------------------------------------------------

prices = st.integers(min_value=1_000, max_value=200_000)


@st.composite
def offers_strategy(draw: st.DrawFn) -> list[OfferTerms]:
    count = draw(st.integers(min_value=1, max_value=4))
    made = []
    for n in range(count):
        list_price = draw(prices)
        steps = draw(st.integers(min_value=0, max_value=4))
        quantities = sorted(draw(st.sets(st.integers(min_value=1, max_value=60), min_size=steps, max_size=steps)))
        price = list_price
        tiers = []
        for q in quantities:
            price = draw(st.integers(min_value=max(1, price * 6 // 10), max_value=price))
            tiers.append((q, f"{price}.{draw(st.integers(0, 99)):02d}" if price < list_price else str(price)))
        tiers = _non_rising(tiers)
        cap = draw(st.none() | st.integers(min_value=1, max_value=80))
        made.append(offer(n, str(list_price), tiers, cap))
    return made


def _non_rising(tiers: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for q, p in tiers:
        price = Decimal(p) if not out else min(Decimal(p), Decimal(out[-1][1]))
        out.append((q, str(price)))
    return out


@st.composite
def pledges_strategy(draw: st.DrawFn, *, conditional: bool = True) -> list[PledgeTerms]:
    count = draw(st.integers(min_value=0, max_value=15))
    made = []
    for n in range(count):
        limit = draw(st.none() | prices.map(str)) if conditional else None
        made.append(pledge(n, draw(st.integers(min_value=1, max_value=12)), limit, buyer=n % 5))
    return made


def allocated(outcome: Outcome) -> dict[uuid.UUID, list[tuple[int, Decimal]]]:
    """pledge id → [(quantity, unit price)] of its allocated lines."""
    found: dict[uuid.UUID, list[tuple[int, Decimal]]] = defaultdict(list)
    for line in outcome.lines:
        if line.outcome == ALLOCATED:
            assert line.unit_price is not None
            found[line.pledge_id].append((line.quantity, line.unit_price))
    return found


def unit_prices(outcome: Outcome, pledges: list[PledgeTerms]) -> list[Decimal | None]:
    """The price of every pledged unit in pledge order (None: not allocated)."""
    lines = allocated(outcome)
    units: list[Decimal | None] = []
    for p in pledges:
        parts = lines.get(p.pledge_id)
        if not parts:
            units.extend([None] * p.quantity)
        for quantity, price in parts or []:
            units.extend([price] * quantity)
    return units


# --- properties -------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(offers_strategy(), pledges_strategy(), st.integers(min_value=1, max_value=40))
def test_nobody_pays_above_its_limit_or_the_list_price(
    offers: list[OfferTerms], pledges: list[PledgeTerms], minimum: int
) -> None:
    outcome = settle(offers, pledges, min_total_quantity=minimum)
    limits = {p.pledge_id: p.max_unit_price for p in pledges}
    for line in outcome.lines:
        if line.outcome != ALLOCATED:
            continue
        assert line.unit_price is not None and line.unit_list_price is not None
        assert line.unit_price <= line.unit_list_price
        limit = limits[line.pledge_id]
        assert limit is None or line.unit_price <= limit
        assert line.saving == (line.unit_list_price - line.unit_price) * line.quantity


@settings(max_examples=300, deadline=None)
@given(offers_strategy(), pledges_strategy(), st.integers(min_value=1, max_value=40))
def test_capacity_totals_and_pledge_accounting(
    offers: list[OfferTerms], pledges: list[PledgeTerms], minimum: int
) -> None:
    outcome = settle(offers, pledges, min_total_quantity=minimum)
    by_offer: dict[uuid.UUID, int] = defaultdict(int)
    for line in outcome.lines:
        if line.outcome == ALLOCATED:
            assert line.offer_id is not None
            by_offer[line.offer_id] += line.quantity
    caps = {o.offer_id: o.max_quantity for o in offers}
    for offer_id, quantity in by_offer.items():
        cap = caps[offer_id]
        assert cap is None or quantity <= cap
    awards = {a.offer_id: a.quantity for a in outcome.awards}
    assert awards == dict(by_offer)
    kept = [p for p in pledges if p.pledge_id not in outcome.dropped]
    if outcome.status == SETTLED:
        assert sum(by_offer.values()) == sum(p.quantity for p in kept) == outcome.pooled_quantity
        assert outcome.pooled_quantity >= minimum
        # every pledge has its lines: allocated in full, or one dropped line
        for p in pledges:
            lines = outcome.lines_of(p.pledge_id)
            if p.pledge_id in outcome.dropped:
                assert [line.outcome for line in lines] == [DROPPED]
            else:
                assert sum(line.quantity for line in lines) == p.quantity
                assert {line.outcome for line in lines} == {ALLOCATED}
        assert outcome.total_saving == sum((a.saving for a in outcome.awards), Decimal(0))
        assert outcome.total_saving == sum((line.saving or Decimal(0) for line in outcome.lines), Decimal(0))
    else:
        assert outcome.status == FAILED and outcome.awards == ()
        assert [line.outcome for line in outcome.lines] == [RELEASED] * len(pledges)
        assert outcome.total_saving == 0


@settings(max_examples=300, deadline=None)
@given(offers_strategy(), pledges_strategy(), st.integers(min_value=1, max_value=40))
def test_the_result_is_a_fixed_point(offers: list[OfferTerms], pledges: list[PledgeTerms], minimum: int) -> None:
    outcome = settle(offers, pledges, min_total_quantity=minimum)
    if outcome.status != SETTLED:
        return
    kept = [p for p in pledges if p.pledge_id not in outcome.dropped]
    again = settle(offers, kept, min_total_quantity=minimum)
    assert again.status == SETTLED and again.dropped == frozenset() and again.rounds == 1
    assert again.awards == outcome.awards
    assert [line for line in again.lines] == [line for line in outcome.lines if line.outcome == ALLOCATED]


@settings(max_examples=400, deadline=None)
@given(offers_strategy(), pledges_strategy(conditional=False), st.integers(min_value=1, max_value=12))
def test_a_later_pledge_never_raises_an_earlier_unit_price(
    offers: list[OfferTerms], pledges: list[PledgeTerms], extra: int
) -> None:
    before = settle(offers, pledges, min_total_quantity=1)
    newcomer = pledge(len(pledges), extra)
    after = settle(offers, [*pledges, newcomer], min_total_quantity=1)
    old = unit_prices(before, pledges)
    new = unit_prices(after, [*pledges, newcomer])[: len(old)]
    for was, now in zip(old, new, strict=True):
        if was is not None:
            assert now is not None and now <= was


@settings(max_examples=400, deadline=None)
@given(offers_strategy(), pledges_strategy(), st.integers(min_value=1, max_value=12))
def test_a_later_pledge_never_raises_a_price_when_nobody_drops(
    offers: list[OfferTerms], pledges: list[PledgeTerms], extra: int
) -> None:
    before = settle(offers, pledges, min_total_quantity=1)
    newcomer = pledge(len(pledges), extra)
    after = settle(offers, [*pledges, newcomer], min_total_quantity=1)
    if before.dropped or (after.dropped - {newcomer.pledge_id}):
        return
    old = unit_prices(before, pledges)
    new = unit_prices(after, [*pledges, newcomer])[: len(old)]
    assert all(now is not None and was is not None and now <= was for was, now in zip(old, new, strict=True))


# --- worked examples ----------------------------------------------------------------------------


def test_pool_decides_the_tier_and_the_cheapest_offer_wins() -> None:
    a = offer(1, "90000", [(10, "80000"), (30, "72000"), (50, "66000")])
    b = offer(2, "88000", [(20, "75000"), (40, "69000")])
    pledges = [pledge(i, 4) for i in range(10)]  # 40 台
    outcome = settle([a, b], pledges, min_total_quantity=20)
    assert outcome.status == SETTLED and outcome.pooled_quantity == 40
    (award,) = outcome.awards
    assert (award.offer_id, award.unit_price, award.tier_min_quantity) == (b.offer_id, Decimal("69000"), 40)
    assert outcome.total_saving == Decimal("19000") * 40
    assert next_tier([a, b], 40) is not None and next_tier([a, b], 40).quantity_needed == 10  # type: ignore[union-attr]


def test_short_capacity_sends_the_later_pledges_to_the_runner_up_at_its_own_tier() -> None:
    a = offer(1, "90000", [(10, "70000")], cap=12)
    b = offer(2, "95000", [(5, "85000"), (10, "80000")])
    pledges = [pledge(0, 8), pledge(1, 6), pledge(2, 4)]  # 18 台; A supplies 12, B the other 6
    outcome = settle([a, b], pledges, min_total_quantity=1)
    assert [(x.offer_id, x.quantity, x.unit_price) for x in outcome.awards] == [
        (a.offer_id, 12, Decimal("70000")),
        (b.offer_id, 6, Decimal("85000")),
    ]
    split = outcome.lines_of(pledges[1].pledge_id)
    assert [(x.offer_id, x.quantity) for x in split] == [(a.offer_id, 4), (b.offer_id, 2)]


def test_conditional_pledges_drop_out_until_nothing_changes() -> None:
    a = offer(1, "100000", [(10, "90000"), (20, "80000")])
    pledges = [pledge(0, 10), pledge(1, 5, "85000"), pledge(2, 5, "80000"), pledge(3, 1, "79000")]
    outcome = settle([a], pledges, min_total_quantity=1)
    # 21 台 → 80,000: pledge 3 (79,000) drops; 20 台 still 80,000: the rest stay.
    assert outcome.dropped == {pledges[3].pledge_id} and outcome.rounds == 2
    assert outcome.awards[0].unit_price == Decimal("80000")
    cascade = [
        pledge(0, 10),
        pledge(1, 5, "85000"),
        pledge(2, 5, "80000"),
        pledge(3, 1, "79000"),
        pledge(4, 4, "70000"),
    ]
    chained = settle([a], [*cascade[:1], pledge(1, 4, "85000"), *cascade[2:]], min_total_quantity=1)
    # 24 台 → 80,000: pledges 3 and 4 drop; 19 台 → 90,000: pledges 1 and 2 drop too; 10 台 stay.
    assert chained.pooled_quantity == 10 and chained.rounds == 3


def test_below_the_minimum_everything_is_released() -> None:
    outcome = settle([offer(1, "1000", [])], [pledge(0, 3), pledge(1, 2)], min_total_quantity=10)
    assert outcome.status == FAILED and {line.outcome for line in outcome.lines} == {RELEASED}
    assert settle([], [pledge(0, 30)], min_total_quantity=10).status == FAILED


def test_prices_and_yuan_text() -> None:
    a = offer(1, "90000", [(10, "80000"), (30, "72000")])
    assert [unit_price_at(a, q) for q in (1, 10, 29, 30, 99)] == [
        Decimal(x) for x in ("90000", "80000", "80000", "72000", "72000")
    ]
    assert yuan(Decimal("66000.00")) == "66,000" and yuan(Decimal("1234.5")) == "1,234.50"
