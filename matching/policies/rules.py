"""The policy rules as plain data (frozen dataclasses), parsed from seeds/policies/*.yaml.

A threshold keeps the word the document uses (以上, 不低于, 超过 …) and the comparison it implies
under Chinese legal usage (民法典第1259条: 以上/以下/不低于/不超过/不少于 include the number;
超过/低于/不满 exclude it). The loader refuses a threshold whose comparison contradicts its word,
unless the threshold names the reading that decided it (two clauses claiming one boundary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

INCLUSIVE_LOWER = ("以上", "不低于", "不少于", "及以上")
INCLUSIVE_UPPER = ("以下", "不超过", "最高", "最高不超过")
EXCLUSIVE_LOWER = ("超过", "高于", "大于")
EXCLUSIVE_UPPER = ("低于", "不满", "不足")

OPS = (">=", "<=", ">", "<")

# Benefit kinds: which carry money (an estimable: false one of these means "may be higher").
MONETARY_KINDS = frozenset(
    {"subsidy", "award", "interest_subsidy", "fixed_rate_loan", "tax_deduction", "tax_credit", "tax_exemption",
     "financing"}
)  # fmt: skip
CASH_KINDS = frozenset({"subsidy", "award"})
# Rules that say something about a project; targets are the plan's own goals (browse only).
PROJECT_KINDS = frozenset(
    MONETARY_KINDS | {"investment_weighting", "tracking_threshold", "procedure", "guarantee", "priority", "block"}
)
KINDS = PROJECT_KINDS | {"target"}


_FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}


def expected_op(word: str, op: str, *, inverted: bool = False) -> bool:
    """Whether comparison `op` is what `word` means for a threshold value. `inverted` scales run
    the other way (能效等级: 1 is best, so 能效二级以上 = grade <= 2)."""
    if inverted:
        op = _FLIP[op]
    if word == "有":  # "there is some": amount > 0
        return op == ">"
    if word in INCLUSIVE_LOWER:
        return op == ">="
    if word in INCLUSIVE_UPPER:
        return op == "<="
    if word in EXCLUSIVE_LOWER:
        return op == ">"
    if word in EXCLUSIVE_UPPER:
        return op == "<"
    return False


@dataclass(frozen=True)
class Threshold:
    measure: str
    op: str
    value: Decimal
    word: str
    reading: str | None = None

    def holds(self, amount: Decimal | None) -> bool:
        if amount is None:
            return False
        if self.op == ">=":
            return amount >= self.value
        if self.op == "<=":
            return amount <= self.value
        if self.op == ">":
            return amount > self.value
        return amount < self.value


@dataclass(frozen=True)
class ItemFilter:
    purposes: tuple[str, ...] = ()
    unit_price: Threshold | None = None
    shoutaitao_levels: tuple[str, ...] = ()
    imported: bool | None = None
    energy_grade: Threshold | None = None


@dataclass(frozen=True)
class ReplacesFilter:
    categories: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    age: Threshold | None = None


@dataclass(frozen=True)
class Conditions:
    types_any: tuple[str, ...] = ()
    attributes_any: tuple[str, ...] = ()
    facts_all: tuple[str, ...] = ()
    enterprise_flags: tuple[str, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    items_any: ItemFilter | None = None
    replaces_any: ReplacesFilter | None = None
    financing: bool = False
    financing_any: tuple[str, ...] = ()


@dataclass(frozen=True)
class Benefit:
    up_to: Decimal | None = None
    fixed: Decimal | None = None
    rate_min: Decimal | None = None
    rate_max: Decimal | None = None
    base: str | None = None
    cap: Decimal | None = None
    cap_word: str | None = None
    selective: bool = False
    interest_pp: Decimal | None = None
    fixed_rate: Decimal | None = None
    weighting: Decimal | None = None
    deduct_items: bool = False
    tracking_level: str | None = None
    blocks: str | None = None


@dataclass(frozen=True)
class Reading:
    id: str
    question: str
    reading: str


@dataclass(frozen=True)
class Rule:
    id: str
    document: str  # file name in seeds/policy_docs/
    document_title: str
    draft: bool
    issuer_level: str
    region_codes: tuple[str, ...]
    clause: str
    quote: str
    kind: str
    title: str
    estimable: bool
    conditions: Conditions = field(default_factory=Conditions)
    benefit: Benefit = field(default_factory=Benefit)
    readings: tuple[Reading, ...] = ()

    @property
    def monetary(self) -> bool:
        return self.kind in MONETARY_KINDS

    @property
    def cash(self) -> bool:
        return self.kind in CASH_KINDS


@dataclass(frozen=True)
class PolicyDocument:
    file: str
    title: str
    draft: bool
    issuer_level: str
    region_codes: tuple[str, ...]
    readings: tuple[Reading, ...]
    rules: tuple[Rule, ...]
