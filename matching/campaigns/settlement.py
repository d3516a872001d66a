"""Group-purchase settlement (团购结算) as pure functions on plain data: tier prices, which offer
supplies which pledges, and the drop-out loop that ends at a fixed point. No database here.

The allocation rule
-------------------
* **Tier price.** An offer's unit price for a quantity ``q`` is the price of its highest tier whose
  ``min_quantity <= q``; below its first tier it is the list price. Ladders are validated elsewhere
  (min quantities strictly increase, prices never rise and never exceed the list price), so the
  price is non-increasing in ``q`` and never above the list price.
* **The best effective price wins.** With ``P`` pledged units still to place, each unused offer's
  effective price is its tier price at the share it would take, ``min(P, max_quantity)``. The
  cheapest wins (ties: the offer made first) and takes that share at that price. If units remain
  because its capacity was short, the next offer is chosen the same way for the remainder — at the
  tier *its own share* reaches — and so on until everything is placed.
* **Which pledges go to which offer.** Pledged units are laid out in pledge order (earliest first)
  and the chosen offers' shares fill them in the order the offers were chosen: the earliest pledges
  are supplied by the winner, the later ones by the second offer. A pledge straddling the boundary
  is split into one line per offer (e.g. 3 台 from the winner, 2 台 from the runner-up).
* **Capacity.** When all offers together cannot supply the pool, pledges are accepted in pledge
  order while they fit entirely (first come, first served); the others drop out (``capacity``).
* **Conditional pledges.** A pledge whose ``max_unit_price`` is below the price of any of its lines
  drops out (``max_unit_price``). All such pledges drop together, then the allocation is computed
  again for the rest, until no pledge drops: the result is a fixed point (settling only the kept
  pledges gives the same lines and drops nothing). A pledge dropped for its price stays dropped; a
  pledge dropped for capacity is reconsidered in every round.
* **Minimum.** If the kept pool is below ``min_total_quantity``, or nobody offered, the campaign
  ``failed`` and every pledge is released.

Money is Decimal, exact to the fen: ``saving = (list price − unit price) × quantity`` per line.

Monotonicity (the precise property that holds, tested with Hypothesis): a new pledge made after
all existing ones never raises the unit price of any existing pledged unit when no pledge carries a
``max_unit_price`` (the winner's price can only fall as the pool grows; a capped winner is only
replaced by an offer whose capacity covers every earlier unit). With conditional pledges the same
holds whenever no existing pledge drops out in either settlement. It does *not* hold in general
with drop-outs: a newcomer can lower the price enough for an earlier conditional pledge to stay,
and that pledge's units then push a later pledge past a capped winner to a dearer runner-up.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

FEN = Decimal("0.01")

SETTLED = "settled"
FAILED = "failed"
ALLOCATED = "allocated"
DROPPED = "dropped"
RELEASED = "released"

REASONS = {
    "max_unit_price": "成交价高于该认购设定的最高单价，已退出",
    "capacity": "各报价的供货能力合计不足，按认购先后未能安排",
    "below_minimum": "认购总量未达到团购最低成团数量，团购未成",
    "no_offers": "没有供应商报价，团购未成",
}


@dataclass(frozen=True)
class Tier:
    min_quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class OfferTerms:
    offer_id: uuid.UUID
    supplier_id: uuid.UUID
    unit_list_price: Decimal
    tiers: tuple[Tier, ...]
    max_quantity: int | None = None
    rank: int = 0  # creation order: earlier offers win ties


@dataclass(frozen=True)
class PledgeTerms:
    pledge_id: uuid.UUID
    buyer_id: uuid.UUID
    quantity: int
    max_unit_price: Decimal | None = None
    rank: int = 0  # pledge order: earlier pledges are supplied first


@dataclass(frozen=True)
class Award:
    """One chosen offer: how many units it supplies, at which tier and price."""

    offer_id: uuid.UUID
    supplier_id: uuid.UUID
    quantity: int
    tier_min_quantity: int | None  # None: below the first tier, at the list price
    unit_price: Decimal
    unit_list_price: Decimal

    @property
    def saving(self) -> Decimal:
        return ((self.unit_list_price - self.unit_price) * self.quantity).quantize(FEN)


@dataclass(frozen=True)
class Line:
    """One pledge's outcome: allocated (one line per supplying offer), dropped or released."""

    pledge_id: uuid.UUID
    buyer_id: uuid.UUID
    quantity: int
    outcome: str
    offer_id: uuid.UUID | None = None
    supplier_id: uuid.UUID | None = None
    unit_price: Decimal | None = None
    unit_list_price: Decimal | None = None
    tier_min_quantity: int | None = None
    reason: str | None = None

    @property
    def saving(self) -> Decimal | None:
        if self.unit_price is None or self.unit_list_price is None:
            return None
        return ((self.unit_list_price - self.unit_price) * self.quantity).quantize(FEN)


@dataclass(frozen=True)
class Outcome:
    status: str
    pooled_quantity: int
    awards: tuple[Award, ...]
    lines: tuple[Line, ...]
    rounds: int
    reason: str | None = None
    dropped: frozenset[uuid.UUID] = field(default_factory=frozenset)

    @property
    def total_saving(self) -> Decimal:
        return sum((award.saving for award in self.awards), Decimal("0.00")).quantize(FEN)

    def lines_of(self, pledge_id: uuid.UUID) -> list[Line]:
        return [line for line in self.lines if line.pledge_id == pledge_id]


def tier_at(offer: OfferTerms, quantity: int) -> Tier | None:
    """The tier a quantity reaches (None below the first tier)."""
    reached = None
    for tier in offer.tiers:
        if tier.min_quantity <= quantity:
            reached = tier
    return reached


def unit_price_at(offer: OfferTerms, quantity: int) -> Decimal:
    tier = tier_at(offer, quantity)
    return tier.unit_price if tier is not None else offer.unit_list_price


def share_of(offer: OfferTerms, pool: int) -> int:
    return pool if offer.max_quantity is None else min(pool, offer.max_quantity)


def _award(offer: OfferTerms, quantity: int) -> Award:
    tier = tier_at(offer, quantity)
    return Award(
        offer_id=offer.offer_id,
        supplier_id=offer.supplier_id,
        quantity=quantity,
        tier_min_quantity=tier.min_quantity if tier else None,
        unit_price=tier.unit_price if tier else offer.unit_list_price,
        unit_list_price=offer.unit_list_price,
    )


def choose_offers(offers: Sequence[OfferTerms], pool: int) -> list[Award]:
    """The chosen offers for `pool` units, in the order they were chosen (see the module rule).
    Units left over when every offer is full are not placed."""
    remaining = pool
    unused = sorted(offers, key=lambda o: (o.rank, str(o.offer_id)))
    awards: list[Award] = []
    while remaining > 0 and unused:
        best = min(unused, key=lambda o: unit_price_at(o, share_of(o, remaining)))  # min keeps the first on ties
        share = share_of(best, remaining)
        unused.remove(best)
        if share <= 0:
            continue
        awards.append(_award(best, share))
        remaining -= share
    return awards


def _capacity_fit(
    pledges: Sequence[PledgeTerms], offers: Sequence[OfferTerms]
) -> tuple[list[PledgeTerms], list[PledgeTerms]]:
    """Pledges (in pledge order) that fit into the offers' total capacity, and those that do not."""
    if any(o.max_quantity is None for o in offers):
        return list(pledges), []
    room = sum(o.max_quantity or 0 for o in offers)
    fitting: list[PledgeTerms] = []
    left_out: list[PledgeTerms] = []
    for pledge in pledges:
        if pledge.quantity <= room:
            fitting.append(pledge)
            room -= pledge.quantity
        else:
            left_out.append(pledge)
    return fitting, left_out


def allocate(pledges: Sequence[PledgeTerms], awards: Sequence[Award]) -> list[Line]:
    """Fill the awards' shares with the pledges' units in pledge order; split at boundaries."""
    lines: list[Line] = []
    slots = iter(awards)
    current: Award | None = next(slots, None)
    room = current.quantity if current else 0
    for pledge in pledges:
        need = pledge.quantity
        while need > 0:
            if current is None:  # callers place only what fits; keep the function total anyway
                raise ValueError("pledges exceed the awarded quantity")
            take = min(need, room)
            if take > 0:
                lines.append(
                    Line(
                        pledge_id=pledge.pledge_id, buyer_id=pledge.buyer_id, quantity=take, outcome=ALLOCATED,
                        offer_id=current.offer_id, supplier_id=current.supplier_id, unit_price=current.unit_price,
                        unit_list_price=current.unit_list_price, tier_min_quantity=current.tier_min_quantity,
                    )
                )  # fmt: skip
            need -= take
            room -= take
            if room == 0:
                current = next(slots, None)
                room = current.quantity if current else 0
    return lines


def _ordered(pledges: Sequence[PledgeTerms]) -> list[PledgeTerms]:
    return sorted(pledges, key=lambda p: (p.rank, str(p.pledge_id)))


def settle(offers: Sequence[OfferTerms], pledges: Sequence[PledgeTerms], *, min_total_quantity: int) -> Outcome:
    """The settlement of a closing campaign (the module docstring states the rule)."""
    ordered = _ordered(pledges)
    if not offers:
        return _failed(ordered, sum(p.quantity for p in ordered), "no_offers", rounds=0)
    price_dropped: set[uuid.UUID] = set()
    rounds = 0
    while True:
        rounds += 1
        candidates = [p for p in ordered if p.pledge_id not in price_dropped]
        kept, left_out = _capacity_fit(candidates, offers)
        pool = sum(p.quantity for p in kept)
        awards = choose_offers(offers, pool)
        lines = allocate(kept, awards)
        limits = {p.pledge_id: p.max_unit_price for p in kept if p.max_unit_price is not None}
        too_dear = {
            line.pledge_id
            for line in lines
            if line.pledge_id in limits and line.unit_price is not None and line.unit_price > limits[line.pledge_id]
        }
        if not too_dear:
            break
        price_dropped |= too_dear

    dropped_lines = [_dropped(p, "max_unit_price") for p in ordered if p.pledge_id in price_dropped]
    dropped_lines += [_dropped(p, "capacity") for p in left_out]
    dropped = frozenset(price_dropped | {p.pledge_id for p in left_out})
    failure = "no_offers" if not offers else "below_minimum" if pool < max(min_total_quantity, 1) else None
    if failure is not None:
        released = tuple(
            Line(
                pledge_id=p.pledge_id,
                buyer_id=p.buyer_id,
                quantity=p.quantity,
                outcome=RELEASED,
                reason=REASONS[failure],
            )
            for p in ordered
        )
        return Outcome(FAILED, pool, (), released, rounds, REASONS[failure], dropped)
    order = {p.pledge_id: i for i, p in enumerate(ordered)}
    all_lines = sorted([*lines, *dropped_lines], key=lambda line: order[line.pledge_id])
    return Outcome(SETTLED, pool, tuple(awards), tuple(all_lines), rounds, None, dropped)


def _failed(
    ordered: Sequence[PledgeTerms], pool: int, code: str, *, rounds: int, dropped: frozenset[uuid.UUID] = frozenset()
) -> Outcome:
    """Every pledge released (the campaign did not come together)."""
    released = tuple(
        Line(pledge_id=p.pledge_id, buyer_id=p.buyer_id, quantity=p.quantity, outcome=RELEASED, reason=REASONS[code])
        for p in ordered
    )
    return Outcome(FAILED, pool, (), released, rounds, REASONS[code], dropped)


def _dropped(pledge: PledgeTerms, code: str) -> Line:
    return Line(
        pledge_id=pledge.pledge_id, buyer_id=pledge.buyer_id, quantity=pledge.quantity, outcome=DROPPED,
        reason=REASONS[code],
    )  # fmt: skip


@dataclass(frozen=True)
class NextTier:
    quantity_needed: int
    unit_price: Decimal
    offer_id: uuid.UUID


def next_tier(offers: Sequence[OfferTerms], pool: int) -> NextTier | None:
    """The nearest tier (over all offers) that would beat today's best price: how many more units
    it needs. Ties on distance go to the lower price."""
    awards = choose_offers(offers, max(pool, 1))
    if not awards:
        return None
    best_price = awards[0].unit_price
    found: NextTier | None = None
    for offer in offers:
        for tier in offer.tiers:
            reachable = offer.max_quantity is None or tier.min_quantity <= offer.max_quantity
            if tier.min_quantity > pool and reachable and tier.unit_price < best_price:
                candidate = NextTier(tier.min_quantity - pool, tier.unit_price, offer.offer_id)
                if found is None or (candidate.quantity_needed, candidate.unit_price) < (
                    found.quantity_needed,
                    found.unit_price,
                ):
                    found = candidate
    return found


def yuan(amount: Decimal) -> str:
    """66000.00 → "66,000"; 1234.50 → "1,234.50" (for messages in Chinese)."""
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"


def ladder_errors(unit_list_price: Decimal, tiers: Sequence[Tier], *, field: str = "tiers") -> list[tuple[str, str]]:
    """(field, message) for every rule a tier ladder breaks: min quantities strictly increase, unit
    prices never rise with quantity and never exceed the list price."""
    errors: list[tuple[str, str]] = []
    for i, tier in enumerate(tiers):
        if tier.unit_price > unit_list_price:
            errors.append(
                (
                    f"{field}.{i}.unit_price",
                    f"阶梯价 {yuan(tier.unit_price)} 元高于报价（原价）{yuan(unit_list_price)} 元",
                )
            )
        if i == 0:
            continue
        before = tiers[i - 1]
        if tier.min_quantity <= before.min_quantity:
            errors.append(
                (
                    f"{field}.{i}.min_quantity",
                    f"起订数量应逐级递增：第 {i + 1} 档（{tier.min_quantity}）不大于上一档（{before.min_quantity}）",
                )
            )
        if tier.unit_price > before.unit_price:
            errors.append(
                (
                    f"{field}.{i}.unit_price",
                    f"阶梯价不能随数量上升：第 {i + 1} 档 {yuan(tier.unit_price)} 元高于上一档 {yuan(before.unit_price)} 元",
                )
            )
    return errors


def worsening(old: OfferTerms, new: OfferTerms) -> list[tuple[str, str]]:
    """How `new` is worse for buyers than `old` (a higher price at some quantity, a higher list
    price, a smaller capacity). Once pledges exist an offer may only get better."""
    problems: list[tuple[str, str]] = []
    if new.unit_list_price > old.unit_list_price:
        problems.append(("unit_list_price", "已有认购，报价（原价）只能降低，不能提高"))
    quantities = sorted({1, *(t.min_quantity for t in old.tiers), *(t.min_quantity for t in new.tiers)})
    for q in quantities:
        if unit_price_at(new, q) > unit_price_at(old, q):
            problems.append(
                (
                    "tiers",
                    f"已有认购，阶梯价只能降低：{q} 台时由 {yuan(unit_price_at(old, q))} 元升至 {yuan(unit_price_at(new, q))} 元",
                )
            )
            break
    unlimited = 1 << 62
    if (new.max_quantity or unlimited) < (old.max_quantity or unlimited):
        problems.append(("max_quantity", "已有认购，供货上限只能提高，不能降低"))
    return problems
