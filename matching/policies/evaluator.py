"""The one policy evaluator: a project in, the rules that hold with their citations and numbers out.

Pure and deterministic (no database, no clock, no randomness): the API, the match responses, the
group-purchase settlement lines, the ledger drafts and the bureau's 政策找企 listing all call
`estimate()` / `check()`. Rules come from seeds/policies/*.yaml (loader.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from catalog.regions.codes import city_of, province_of
from matching.policies.loader import default_rules
from matching.policies.rules import Rule, Threshold
from matching.policies.schemas import (
    AmountRange,
    BlockedRule,
    DraftDocument,
    Estimate,
    EstimateRequest,
    ItemIn,
    NeedsFacts,
    ReadingOut,
    RuleHit,
    Totals,
    UnknownWord,
)
from matching.policies.vocabulary import (
    FACT_NAMES,
    FACTS,
    FINANCING_SOURCES,
    normalize_attribute,
    normalize_purpose,
    normalize_shoutaitao_level,
    normalize_type,
)

ZERO = Decimal(0)
FEN = Decimal("0.01")
MEASURE_NAMES = {
    "total_investment": "项目总投资",
    "equipment_investment": "设备投资额",
    "equipment_purchase": "设备购置额",
    "non_fiscal_equipment_software": "非财政资金购置设备软件费用",
    "annual_service_revenue": "年度服务性收入",
    "component_or_weighted_equipment_investment": "设备投资额",
    "component_or_equipment_purchase": "设备购置额",
}


def fen(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def wan(value: Decimal) -> str:
    """10万元, 2000万元, 12.5万元, 0.01元 … as the documents write money."""
    if value != ZERO and abs(value) < 100:
        return f"{fen(value).normalize():f}元"
    w = (value / 10000).quantize(Decimal("0.000001")).normalize()
    return f"{w:f}万元"


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def region_ancestors_by_code(code: str) -> list[str]:
    """A six-digit code, its city and its province by the GB/T 2260 shape (a zone such as 370871
    lies under 370800), and 000000. The service passes the database's ancestors instead."""
    out = [code]
    city, province = city_of(code), province_of(code)
    for c in (city, province, "000000"):
        if c not in out:
            out.append(c)
    return out


@dataclass
class Item:
    category: str
    amount: Decimal
    unit_price: Decimal | None
    energy_grade: int | None
    purpose: str | None
    shoutaitao_level: str | None
    imported: bool


@dataclass
class Project:
    """The request, normalised: canonical words, amounts filled in where the contract allows."""

    region_code: str
    ancestors: list[str]
    attributes: set[str]
    types: set[str]
    facts: set[str]
    stated_facts: set[str]
    flags: set[str]
    items: list[Item]
    replaces: list[tuple[str, Decimal | None]]
    components: dict[str, Decimal]
    total_investment: Decimal | None
    equipment_investment: Decimal | None
    equipment_purchase: Decimal | None
    non_fiscal_equipment_software: Decimal | None
    annual_service_revenue: Decimal | None
    loan: Decimal | None
    financing: set[str]
    unknown: list[UnknownWord] = field(default_factory=list)


def _item_amount(item: ItemIn) -> Decimal:
    if item.amount_yuan is not None:
        return item.amount_yuan
    if item.unit_price_yuan is not None:
        return item.unit_price_yuan * item.quantity
    return ZERO


def normalize(request: EstimateRequest, region_ancestors: Sequence[str] | None = None) -> Project:
    unknown: list[UnknownWord] = []
    attributes: set[str] = set()
    for word in request.enterprise.attributes:
        canon = normalize_attribute(word)
        if canon is None:
            unknown.append(UnknownWord(field="enterprise.attributes", value=word))
        else:
            attributes.add(canon)
    types: set[str] = set()
    for word in request.project.types:
        t = normalize_type(word)
        if t is None:
            unknown.append(UnknownWord(field="project.types", value=word))
        else:
            types.add(t)
    components: dict[str, Decimal] = {}
    for word, yuan in request.project.components.items():
        t = normalize_type(word)
        if t is None:
            unknown.append(UnknownWord(field="project.components", value=word))
        else:
            components[t] = components.get(t, ZERO) + yuan
            types.add(t)
    facts: set[str] = set()
    for name, value in request.project.facts.items():
        if name not in FACTS:
            unknown.append(UnknownWord(field="project.facts", value=name))
        if value:
            facts.add(name)
    items: list[Item] = []
    for i, it in enumerate(request.project.items):
        purpose = normalize_purpose(it.purpose) if it.purpose else None
        if it.purpose and purpose is None:
            unknown.append(UnknownWord(field=f"project.items[{i}].purpose", value=it.purpose))
        level = normalize_shoutaitao_level(it.shoutaitao_level)
        if it.shoutaitao_level and level is None:
            unknown.append(UnknownWord(field=f"project.items[{i}].shoutaitao_level", value=it.shoutaitao_level))
        unit = it.unit_price_yuan
        amount = _item_amount(it)
        if unit is None and it.quantity:
            unit = amount / it.quantity
        items.append(
            Item(category=it.category, amount=amount, unit_price=unit, energy_grade=it.energy_grade, purpose=purpose,
                 shoutaitao_level=level, imported=it.imported)
        )  # fmt: skip
    financing: set[str] = set()
    loan = None
    if request.project.financing is not None:
        loan = request.project.financing.loan_yuan
        source = request.project.financing.source
        if source:
            mapped = FINANCING_SOURCES.get(source)
            if mapped is None:
                unknown.append(UnknownWord(field="project.financing.source", value=source))
            else:
                financing.add(mapped)
    if "pboc_relending_loan" in facts:
        financing.add("pboc_relending_loan")
    p = request.project
    items_total = sum((i.amount for i in items), ZERO) if items else None
    equipment = p.equipment_investment_yuan if p.equipment_investment_yuan is not None else items_total
    return Project(
        region_code=request.region_code,
        ancestors=list(region_ancestors) if region_ancestors else region_ancestors_by_code(request.region_code),
        attributes=attributes, types=types, facts=facts, stated_facts=set(request.project.facts),
        flags={"uses_substandard_equipment"} if request.enterprise.uses_substandard_equipment else set(),
        items=items, replaces=[(r.category, r.age_years) for r in p.replaces], components=components,
        total_investment=p.total_investment_yuan if p.total_investment_yuan is not None else equipment,
        equipment_investment=equipment,
        equipment_purchase=p.equipment_purchase_yuan if p.equipment_purchase_yuan is not None else equipment,
        non_fiscal_equipment_software=p.non_fiscal_equipment_software_yuan,
        annual_service_revenue=p.annual_service_revenue_yuan,
        loan=loan, financing=financing, unknown=unknown,
    )  # fmt: skip


# --- conditions -----------------------------------------------------------------------------


def in_region(rule: Rule, project: Project) -> bool:
    return any(code in project.ancestors for code in rule.region_codes)


def _item_matches(rule: Rule, item: Item) -> bool:
    f = rule.conditions.items_any
    assert f is not None
    if f.purposes and item.purpose not in f.purposes:
        return False
    if f.shoutaitao_levels and item.shoutaitao_level not in f.shoutaitao_levels:
        return False
    if f.imported is not None and item.imported != f.imported:
        return False
    if f.unit_price is not None and not f.unit_price.holds(item.unit_price):
        return False
    return f.energy_grade is None or f.energy_grade.holds(
        Decimal(item.energy_grade) if item.energy_grade is not None else None
    )


def matching_items(rule: Rule, project: Project) -> list[Item]:
    if rule.conditions.items_any is None:
        return []
    return [i for i in project.items if _item_matches(rule, i)]


def _replaces_match(rule: Rule, project: Project) -> bool:
    f = rule.conditions.replaces_any
    assert f is not None
    for category, age in project.replaces:
        known = any(category.startswith(c) for c in f.categories) or any(n in category for n in f.names)
        if known and (f.age is None or f.age.holds(age)):
            return True
    return False


def weighted_investment(rules: Iterable[Rule], document: str, project: Project) -> Decimal | None:
    """设备投资额 with the document's weighting (嘉兴: 省级以上首台套 加计50％) applied."""
    if project.equipment_investment is None:
        return None
    extra = ZERO
    for rule in rules:
        if rule.document == document and rule.benefit.weighting is not None and in_region(rule, project):
            extra += rule.benefit.weighting * sum((i.amount for i in matching_items(rule, project)), ZERO)
    return project.equipment_investment + extra


def measure(rule: Rule, name: str, project: Project, rules: Sequence[Rule]) -> Decimal | None:
    own = [project.components[t] for t in rule.conditions.types_any if t in project.components]
    if name == "component_or_weighted_equipment_investment":
        return sum(own, ZERO) if own else weighted_investment(rules, rule.document, project)
    if name == "component_or_equipment_purchase":
        return sum(own, ZERO) if own else project.equipment_purchase
    value: Decimal | None = getattr(project, name)
    return value


def failures(
    rule: Rule, project: Project, rules: Sequence[Rule]
) -> tuple[list[str], list[tuple[Threshold, Decimal | None]]]:
    """The conditions of `rule` that do not hold for `project`: words for the non-numeric ones,
    (threshold, measured amount) for the amount thresholds."""
    c = rule.conditions
    words: list[str] = []
    if not in_region(rule, project):
        words.append("地区不在文件适用范围内")
    if c.types_any and not (project.types & set(c.types_any)):
        words.append("项目类型须为：" + "、".join(c.types_any))
    if c.attributes_any and not (project.attributes & set(c.attributes_any)):
        words.append("企业须具备：" + "、".join(c.attributes_any))
    missing_facts = [f for f in c.facts_all if f not in project.facts]
    if missing_facts:
        words.append("须满足：" + "、".join(missing_facts))
    if c.enterprise_flags and not all(f in project.flags for f in c.enterprise_flags):
        words.append("企业情形不符")
    if c.items_any is not None and not matching_items(rule, project):
        words.append("无符合条件的设备")
    if c.replaces_any is not None and not _replaces_match(rule, project):
        words.append("无符合条件的被替换设备")
    if c.financing and not project.loan:
        words.append("须有贷款融资")
    if c.financing_any and not (project.financing & set(c.financing_any)):
        words.append("贷款须为：" + "、".join(c.financing_any))
    amounts = [(t, measure(rule, t.measure, project, rules)) for t in c.thresholds]
    return words, [(t, v) for t, v in amounts if not t.holds(v)]


def holds(rule: Rule, project: Project, rules: Sequence[Rule]) -> bool:
    words, amounts = failures(rule, project, rules)
    return not words and not amounts


def unstated_facts(rule: Rule, project: Project, rules: Sequence[Rule]) -> list[str] | None:
    """The facts the project left unsaid (neither true nor false) that are all `rule` lacks: it
    would hold once they are stated true. None when it holds already, when a stated answer fails
    it, or when something else does."""
    unstated = [f for f in rule.conditions.facts_all if f not in project.stated_facts]
    if not unstated or holds(rule, project, rules):
        return None
    told = replace(project, facts=project.facts | set(unstated))
    return unstated if holds(rule, told, rules) else None


def facts_text(facts: Iterable[str]) -> str:
    return "、".join(FACT_NAMES.get(f, f) for f in facts)


def gap_text(threshold: Threshold, value: Decimal | None) -> str:
    """How far an amount is from a threshold: "差 10万元达到 200万元门槛"."""
    what = MEASURE_NAMES.get(threshold.measure, threshold.measure)
    if value is None:
        return f"未填{what}"
    if threshold.op in (">=", ">"):
        short = threshold.value - value + (FEN if threshold.op == ">" else ZERO)
        return f"{what}差 {wan(short)}达到 {wan(threshold.value)}门槛（{threshold.word}）"
    over = value - threshold.value + (FEN if threshold.op == "<" else ZERO)
    return f"{what}超出 {wan(over)}（门槛 {wan(threshold.value)}{threshold.word}）"


def near_miss(rule: Rule, project: Project, rules: Sequence[Rule]) -> list[str] | None:
    """For a rule that does not hold only because of amount thresholds: how far each one is. None
    when the rule holds or fails for another reason (region, type, attribute …)."""
    words, amounts = failures(rule, project, rules)
    if words or not amounts or any(v is None for _, v in amounts):
        return None
    return [gap_text(t, v) for t, v in amounts]


# --- benefits -------------------------------------------------------------------------------


@dataclass
class Hit:
    rule: Rule
    amount: AmountRange | None = None
    interest_pp: Decimal | None = None
    interest_yuan: Decimal | None = None
    fixed_rate: Decimal | None = None
    weighted: Decimal | None = None
    deduction: Decimal | None = None
    explanation: str = ""


def _benefit(rule: Rule, project: Project, rules: Sequence[Rule]) -> Hit:
    b = rule.benefit
    hit = Hit(rule)
    lead = f"{rule.title}（{rule.document_title} {rule.clause}）"
    if not rule.estimable:
        hit.explanation = f"{lead}：文件未给出金额或比例，无法估算，实际支持可能更高。"
    elif b.up_to is not None:
        hit.amount = AmountRange(min=ZERO, max=fen(b.up_to))
        hit.explanation = f"{lead}：金额由评审决定，最高 {wan(b.up_to)}，估为 0 至 {wan(b.up_to)}。"
    elif b.fixed is not None:
        hit.amount = AmountRange(min=fen(b.fixed), max=fen(b.fixed))
        hit.explanation = f"{lead}：奖励 {wan(b.fixed)}。"
    elif b.rate_min is not None and b.rate_max is not None and b.base is not None:
        base = measure(rule, b.base, project, rules) or ZERO
        low, high = base * b.rate_min, base * b.rate_max
        capped = ""
        if b.cap is not None:
            if high > b.cap:
                capped = f"，达到上限 {wan(b.cap)}"
            low, high = min(low, b.cap), min(high, b.cap)
        if b.selective:
            low = ZERO
        hit.amount = AmountRange(min=fen(low), max=fen(high))
        lo, hi = _pct(b.rate_min), _pct(b.rate_max)
        rate = lo if lo == hi else f"{lo}-{hi}"
        sel = "（择优，可能不予安排，下限取 0）" if b.selective else ""
        hit.explanation = (
            f"{lead}：{MEASURE_NAMES.get(b.base, b.base)} {wan(base)} × {rate}{capped}"
            f" = {wan(hit.amount.min)}"
            + ("" if hit.amount.min == hit.amount.max else f" 至 {wan(hit.amount.max)}")
            + sel
            + "。"
        )
    elif b.interest_pp is not None:
        hit.interest_pp = b.interest_pp
        if project.loan:
            hit.interest_yuan = fen(project.loan * b.interest_pp / 100)
            hit.explanation = (
                f"{lead}：贴息 {b.interest_pp:g} 个百分点，贷款 {wan(project.loan)} 每年约 {wan(hit.interest_yuan)}。"
            )
        else:
            hit.explanation = f"{lead}：贴息 {b.interest_pp:g} 个百分点（未填贷款额，无法折算金额）。"
    elif b.fixed_rate is not None:
        hit.fixed_rate = b.fixed_rate
        hit.explanation = f"{lead}：固定资产融资按 {_pct(b.fixed_rate)} 固定优惠利率。"
    elif b.weighting is not None:
        weighted = weighted_investment(rules, rule.document, project)
        hit.weighted = fen(weighted) if weighted is not None else None
        extra = b.weighting * sum((i.amount for i in matching_items(rule, project)), ZERO)
        hit.explanation = (
            f"{lead}：首台套装备 {wan(extra / b.weighting)} 加计 {_pct(b.weighting)}（+{wan(extra)}），"
            f"计算用设备投资额 {wan(hit.weighted or ZERO)}。"
        )
    elif b.deduct_items:
        items = matching_items(rule, project)
        hit.deduction = fen(sum((i.amount for i in items), ZERO))
        hit.explanation = f"{lead}：{len(items)} 项设备共 {wan(hit.deduction)} 可一次性计入当期成本费用税前扣除。"
    elif b.tracking_level is not None:
        hit.explanation = f"{lead}：由{b.tracking_level}跟踪推进。"
    elif b.blocks is not None:
        hit.explanation = f"{lead}：本文件的补助与奖励不予安排。"
    else:
        hit.explanation = f"{lead}。"
    return hit


def _readings(hits: Sequence[Hit]) -> list[ReadingOut]:
    seen: dict[str, ReadingOut] = {}
    for hit in hits:
        for r in hit.rule.readings:
            seen.setdefault(
                r.id, ReadingOut(id=r.id, question=r.question, reading=r.reading, document=hit.rule.document)
            )
    return list(seen.values())


def check(project: Project, rules: Sequence[Rule] | None = None) -> tuple[list[Rule], list[tuple[Rule, Rule]]]:
    """The project rules that hold (in data order) and the (blocked rule, blocking rule) pairs."""
    rules = default_rules() if rules is None else rules
    held = [r for r in rules if r.kind != "target" and holds(r, project, rules)]
    blocks = [r for r in held if r.kind == "block"]
    blocked = [
        (r, b) for r in held for b in blocks if r.document == b.document and b.benefit.blocks == "cash" and r.cash
    ]
    out = {r.id for r, _ in blocked}
    return [r for r in held if r.id not in out], blocked


def evaluate(project: Project, rules: Sequence[Rule] | None = None) -> Estimate:
    rules = default_rules() if rules is None else rules
    held, blocked = check(project, rules)
    hits = [_benefit(r, project, rules) for r in held]
    cash_min = sum((h.amount.min for h in hits if h.amount and h.rule.cash), ZERO)
    cash_max = sum((h.amount.max for h in hits if h.amount and h.rule.cash), ZERO)
    pp = sum((h.interest_pp for h in hits if h.interest_pp is not None), ZERO)
    rates = [h.fixed_rate for h in hits if h.fixed_rate is not None]
    # The weighted 设备投资额 is reported wherever a document that weights it covers the project,
    # with or without a 首台套 item to add (then it equals the investment): the figure its
    # thresholds were measured on, also when none of them was reached.
    weighting_documents = sorted(
        {r.document for r in rules if r.benefit.weighting is not None and in_region(r, project)}
    )
    weighted = [h.weighted for h in hits if h.weighted is not None] + [
        w for d in weighting_documents if (w := weighted_investment(rules, d, project)) is not None
    ]
    totals = Totals(
        cash_yuan=AmountRange(min=fen(cash_min), max=fen(cash_max)),
        interest_pp=pp,
        interest_yuan_per_year=fen(project.loan * pp / 100) if project.loan and pp else None,
        fixed_rate=min(rates) if rates else None,
        weighted_equipment_investment_yuan=fen(max(weighted)) if weighted else None,
        tax_deduction_yuan=fen(sum((h.deduction for h in hits if h.deduction is not None), ZERO)),
        unquantified_upside=any(h.rule.monetary and not h.rule.estimable for h in hits),
    )
    held_ids = {r.id for r in held} | {r.id for r, _ in blocked}
    needs = [
        (r, facts)
        for r in rules
        if r.kind not in ("target", "procedure")
        and r.id not in held_ids
        and (facts := unstated_facts(r, project, rules))
    ]
    drafts = {h.rule.document: h.rule.document_title for h in hits if h.rule.draft}
    drafts.update({r.document: r.document_title for r, _ in blocked if r.draft})
    notes = []
    if not hits and not any(in_region(r, project) for r in rules):
        notes.append("该地区不在已收录的五份政策文件适用范围内，无可估算的支持。")
    if totals.unquantified_upside:
        notes.append("部分成立的规则文件未给金额，实际支持可能高于估算合计。")
    if drafts:
        notes.append("引用了征求意见稿，正式文件的条款和数字可能不同。")
    if needs:
        notes.append("有规则取决于未说明的项目情况（见 needs_facts），说明后才能判断，未计入合计。")
    return Estimate(
        region_code=project.region_code,
        rules=[
            RuleHit(
                id=h.rule.id,
                document=h.rule.document,
                document_title=h.rule.document_title,
                draft=h.rule.draft,
                clause=h.rule.clause,
                quote=h.rule.quote,
                kind=h.rule.kind,
                title=h.rule.title,
                estimable=h.rule.estimable,
                amount=h.amount,
                interest_pp=h.interest_pp,
                interest_yuan_per_year=h.interest_yuan,
                fixed_rate=h.fixed_rate,
                weighted_equipment_investment_yuan=h.weighted,
                tax_deduction_yuan=h.deduction,
                tracking_level=h.rule.benefit.tracking_level,
                explanation=h.explanation,
            )
            for h in hits
        ],
        blocked=[
            BlockedRule(
                id=r.id,
                document=r.document,
                clause=r.clause,
                blocked_by=b.id,
                explanation=f"{r.title}：因“{b.quote}”不予安排。",
            )
            for r, b in blocked
        ],
        needs_facts=[
            NeedsFacts(
                id=r.id,
                document=r.document,
                clause=r.clause,
                title=r.title,
                facts=facts,
                explanation=f"若项目{facts_text(facts)}，{r.title}（{r.document_title} {r.clause}）可适用。",
            )
            for r, facts in needs
        ],
        totals=totals,
        readings=_readings(hits + [_benefit(r, project, rules) for r, _ in blocked]),
        drafts=[DraftDocument(document=d, title=t, note="征求意见稿，非正式文件") for d, t in sorted(drafts.items())],
        unknown_words=project.unknown,
        notes=notes,
    )


def estimate(request: EstimateRequest, *, region_ancestors: Sequence[str] | None = None,
             rules: Sequence[Rule] | None = None) -> Estimate:  # fmt: skip
    """The estimate for one project (the contract's POST /policies/estimate)."""
    return evaluate(normalize(request, region_ancestors), rules)
