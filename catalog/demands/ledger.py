"""Asset ledger (设备台账) → draft demands: read a buyer's equipment list with the headers real
ledgers use, flag what the policy documents of the buyer's region (or national ones) say should
be renewed (rules as data in seeds/renewal_rules.yaml), and draft one demand per flagged row,
each stating the reason and the clauses it cites. Drafts are validated, decided and recorded
like every other demand (catalog/demands/rules.py, catalog/changes.py)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.changes import Change, record
from catalog.demands.models import Demand
from catalog.demands.rules import check_demand, decide_create
from catalog.demands.schemas import DemandCreate
from catalog.demands.service import require_buyer, snapshot
from catalog.errors import ValidationFailed
from catalog.importing import ImportRowError
from catalog.reference import ReferenceData
from catalog.regions.repository import paths_of
from catalog.tabular import Column, RowError, Table, map_header, read_row, unknown_headers
from catalog.taxonomy.models import Category

# The columns of a 设备台账 as finance and equipment departments keep them. Of the three dates the
# age is taken from the first present: in service since (启用/投产/投用), bought (购置), built (出厂).
COLUMNS = (
    Column("name", aliases=("设备名称", "名称", "设备", "资产名称", "固定资产名称")),
    Column("category", aliases=("品类", "类别", "设备类别", "设备分类", "资产类别")),
    Column("model", aliases=("型号", "规格型号", "规格", "型号规格")),
    Column("asset_no", aliases=("资产编号", "设备编号", "固定资产编号", "资产编码", "卡片编号")),
    Column(
        "year_commissioned",
        aliases=("启用日期", "投产日期", "投用日期", "投用年份", "投产年份", "启用年份", "投入使用日期", "使用日期"),
    ),
    Column("purchase_date", aliases=("购置日期", "购置年份", "购买日期", "购入日期", "入账日期", "取得日期")),
    Column("manufacture_date", aliases=("出厂日期", "出厂年份", "制造日期", "生产日期")),
    Column("count", "integer", ("数量", "台数", "台套数")),
    Column("energy_grade", "integer", ("能效等级", "能效")),
    Column("original_value", "money", ("原值", "资产原值", "购置原值", "原价", "账面原值")),
    Column("location", aliases=("使用部门", "位置", "安装位置", "车间", "使用车间", "存放地点", "所在部门")),
    Column("manufacturer", aliases=("生产厂家", "制造厂家", "制造商", "厂家", "生产厂商")),
    Column("note", aliases=("备注", "说明")),
)
DATE_COLUMNS = ("year_commissioned", "purchase_date", "manufacture_date")
DATE_WORDS = {"year_commissioned": "投用", "purchase_date": "购置", "manufacture_date": "出厂"}
_YEAR = re.compile(r"(19|20)\d{2}")


# --- rules (pure) --------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    document: str
    file: str
    clause: str
    region: str = "000000"  # the issuing authority's region code; 000000 = national

    def text(self) -> str:
        return f"{self.document}：“{self.clause}”"


@dataclass(frozen=True)
class RenewalRule:
    id: str
    title: str
    motivations: tuple[str, ...]
    citations: tuple[Citation, ...]
    categories: tuple[str, ...] = ()
    name_contains: tuple[str, ...] = ()
    age_over: int | None = None
    age_at_least: int | None = None
    energy_grade_at_least: int | None = None
    threshold_note: str = ""

    def citation(self) -> str:
        return "；".join(c.text() for c in self.citations)

    def for_region(self, ancestors: Sequence[str]) -> RenewalRule | None:
        """The rule as it applies to a company whose region (with its ancestors) is `ancestors`:
        only the citations issued there, above it or nationally; None when none is."""
        scope = {*ancestors, "000000"}
        cited = tuple(c for c in self.citations if c.region in scope)
        return replace(self, citations=cited) if cited else None


def parse_rules(raw: dict[str, Any]) -> list[RenewalRule]:
    rules = []
    for item in raw["rules"]:
        when = item.get("when") or {}
        rules.append(
            RenewalRule(
                id=str(item["id"]),
                title=str(item["title"]),
                motivations=tuple(item.get("motivations") or ()),
                citations=tuple(
                    Citation(str(c["document"]), str(c["file"]), str(c["clause"]), str(c.get("region") or "000000"))
                    for c in item["citations"]
                ),
                categories=tuple(str(c) for c in when.get("categories") or ()),
                name_contains=tuple(str(w) for w in when.get("name_contains") or ()),
                age_over=when.get("age_over"),
                age_at_least=when.get("age_at_least"),
                energy_grade_at_least=when.get("energy_grade_at_least"),
                threshold_note=str(item.get("threshold_note") or ""),
            )
        )
    return rules


def default_rules() -> list[RenewalRule]:
    """The rules shipped in seeds/renewal_rules.yaml."""
    text = resources.files("seeds").joinpath("renewal_rules.yaml").read_text(encoding="utf-8")
    return parse_rules(yaml.safe_load(text))


@dataclass
class LedgerRow:
    row: int
    name: str
    category: Category | None = None
    category_inferred: bool = False
    model: str | None = None
    year: int | None = None
    count: int = 1
    energy_grade: int | None = None
    location: str | None = None
    note: str | None = None
    age: int | None = None  # years in service this year
    dated_by: str = "year_commissioned"  # which date column the age comes from
    asset_no: str | None = None
    original_value: Decimal | None = None
    manufacturer: str | None = None


def _in_categories(category: Category | None, codes: Sequence[str]) -> bool:
    return category is not None and any(code in category.ancestors for code in codes)


def applies(rule: RenewalRule, row: LedgerRow) -> bool:
    """Whether `rule` flags `row`: the equipment matches (by category subtree or name) and every
    threshold the rule sets holds; an unknown age or grade never satisfies a threshold."""
    if rule.categories or rule.name_contains:
        by_category = _in_categories(row.category, rule.categories)
        by_name = any(word in row.name for word in rule.name_contains)
        if not (by_category or by_name):
            return False
    if rule.age_over is not None and not (row.age is not None and row.age > rule.age_over):
        return False
    if rule.age_at_least is not None and not (row.age is not None and row.age >= rule.age_at_least):
        return False
    grade = rule.energy_grade_at_least
    return grade is None or (row.energy_grade is not None and row.energy_grade >= grade)


def infer_category(name: str, categories: Sequence[Category]) -> Category | None:
    """The leaf whose name, alias or replaced-equipment name (普通车床 → 数控车床) occurs in the
    equipment name; the longest term wins, a name or alias before a replaced-equipment name."""
    best: tuple[int, int, int] | None = None
    found: Category | None = None
    for category in sorted(categories, key=lambda c: c.code):
        if category.level != "leaf":
            continue
        terms = [(t, 1) for t in (category.name, *category.aliases)] + [(t, 0) for t in category.replaces]
        for term, rank in terms:
            if term and term in name:
                # Longest term, then name/alias over replaced equipment, then the leaf whose own
                # name ends like the term (普通车床 → 数控车床 rather than 加工中心); ties keep the
                # taxonomy's order.
                key = (len(term), rank, int(category.name[-2:] in term))
                if best is None or key > best:
                    best, found = key, category
    return found


# --- reading the ledger --------------------------------------------------------------------


def _year(value: Any) -> int | None:
    """The year of a date cell: 2008, 2008-05-01, 2008年5月, 2008.05, an Excel date, or an Excel
    serial day number left unformatted (39569 = 2008-05-01); -1 when it holds none."""
    if value is None:
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text) and 10000 <= float(text) <= 80000:
        return (date(1899, 12, 30) + timedelta(days=int(float(text)))).year
    match = _YEAR.search(text)
    return int(match.group(0)) if match else -1


def ignored_columns(table: Table) -> list[RowError]:
    """A warning for every header the ledger reader does not use: nothing is dropped silently."""
    return [
        RowError(1, label, f"未识别的列“{label}”，已忽略（台账可用的列见说明文档）")
        for label in unknown_headers(table.header, COLUMNS)
    ]


def read_ledger(table: Table, refs: ReferenceData, *, today: date) -> tuple[list[LedgerRow], list[RowError]]:
    positions = map_header(table.header, COLUMNS, required=("name",))
    leaves = [c for c in refs.categories.values() if c.level == "leaf"]
    rows: list[LedgerRow] = []
    errors: list[RowError] = []
    for number, cells in table.rows:
        values, row_errors = read_row(number, cells, COLUMNS, positions)
        name = values.get("name")
        if not name:
            row_errors.append(RowError(number, "name", "设备名称必填"))
        year, dated_by = None, "year_commissioned"
        for column in DATE_COLUMNS:
            found = _year(values.get(column))
            if found is not None and not (1900 <= found <= today.year):
                what = "投用年份" if column == "year_commissioned" else f"{DATE_WORDS[column]}日期"
                row_errors.append(RowError(number, column, f"{what}应为1900至{today.year}之间的年份"))
            elif found is not None and year is None:
                year, dated_by = found, column
        count = values.get("count")
        if count is not None and not (1 <= count <= 1_000_000):
            row_errors.append(RowError(number, "count", "数量应为正整数"))
        grade = values.get("energy_grade")
        if grade is not None and not (1 <= grade <= 5):
            row_errors.append(RowError(number, "energy_grade", "能效等级应为1至5"))
        category = refs.category(values["category"]) if values.get("category") else None
        if values.get("category") and category is None:
            row_errors.append(RowError(number, "category", f"未知品类：{str(values['category'])[:50]}"))
        if row_errors:
            errors.extend(row_errors)
            continue
        assert name is not None
        inferred = False
        if category is None or category.level != "leaf":
            guess = infer_category(name, leaves)
            if guess is not None and (category is None or category.code in guess.ancestors):
                category, inferred = guess, True
        rows.append(
            LedgerRow(
                row=number, name=name[:100], category=category, category_inferred=inferred,
                model=values.get("model"), year=year, count=count or 1, energy_grade=grade,
                location=values.get("location"), note=values.get("note"),
                age=today.year - year if year is not None else None, dated_by=dated_by,
                asset_no=values.get("asset_no"), original_value=values.get("original_value"),
                manufacturer=values.get("manufacturer"),
            )
        )  # fmt: skip
    return rows, errors


# --- drafting demands ----------------------------------------------------------------------


def draft_title(row: LedgerRow, rules: Sequence[RenewalRule]) -> str:
    if row.age is not None and any(r.age_over is not None or r.age_at_least is not None for r in rules):
        what = f"服役{row.age}年的{row.name}"
    elif row.energy_grade is not None:
        what = f"能效{row.energy_grade}级的{row.name}"
    else:
        what = row.name
    return f"更新{what}（台账第{row.row}行）"


def draft_description(row: LedgerRow, rules: Sequence[RenewalRule]) -> str:
    facts = [f"{row.name}{' ' + row.model if row.model else ''}"]
    if row.asset_no:
        facts.append(f"资产编号 {row.asset_no}")
    if row.manufacturer:
        facts.append(f"{row.manufacturer}制造")
    if row.year is not None:
        facts.append(f"{row.year}年{DATE_WORDS[row.dated_by]}（服役{row.age}年）")
    facts.append(f"{row.count}台（套）")
    if row.original_value is not None:
        facts.append(f"原值{row.original_value:,.2f}元")
    if row.energy_grade is not None:
        facts.append(f"能效{row.energy_grade}级")
    if row.location:
        facts.append(f"位置：{row.location}")
    lines = [f"设备台账第{row.row}行：" + "，".join(facts) + "。", "按政策文件应予更新，依据："]
    for i, rule in enumerate(rules, start=1):
        lines.append(f"{i}. {rule.title}（规则 {rule.id}）——{rule.citation()}")
    if row.note:
        lines.append(f"台账备注：{row.note}")
    return "\n".join(lines)


def ledger_key(row: LedgerRow, occurrence: int) -> str:
    """A stable external id, so uploading the same ledger again finds the drafts it made: the
    asset number where the ledger has one, else what describes the row."""
    if row.asset_no:
        basis = f"asset|{row.asset_no}|{occurrence}"
    else:
        basis = "|".join(str(v) for v in (row.name, row.model, row.year, row.location, occurrence))
    return "LEDGER-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


class LedgerRule(BaseModel):
    id: str
    title: str
    citation: str


class LedgerItem(BaseModel):
    row: int
    name: str
    rules: list[LedgerRule]
    demand_id: str | None
    existing: bool = False


class LedgerReport(BaseModel):
    rows: int
    flagged: int
    created: int
    items: list[LedgerItem]
    errors: list[ImportRowError]
    # Columns the reader ignored; a region without any applicable rule.
    warnings: list[ImportRowError] = []
    dry_run: bool


async def import_ledger(
    session: AsyncSession,
    *,
    actor: Actor,
    table: Table,
    rules: Sequence[RenewalRule],
    today: date,
    dry_run: bool = False,
) -> LedgerReport:
    """Flag the ledger's rows by the rules that apply in the buyer's region and draft a demand for
    each flagged one (unless `dry_run`). Bad rows are reported and skipped; a ledger uploaded
    again does not duplicate its drafts; every ignored column is a warning."""
    organization_id = require_buyer(actor)
    assert actor.region_code is not None
    refs = await ReferenceData.load(session)
    rows, errors = read_ledger(table, refs, today=today)
    warnings = ignored_columns(table)
    # Which documents apply where is the regions tree's question, not an access decision.
    ancestors = (await paths_of(session, [actor.region_code])).get(actor.region_code, [])
    local = [found for rule in rules if (found := rule.for_region(ancestors)) is not None]
    if not local:
        warnings.append(RowError(1, "region", "本地区暂无已收录的设备更新政策条款，未生成草稿需求"))
    items: list[LedgerItem] = []
    drafts: list[tuple[LedgerItem, Demand]] = []
    seen: Counter[tuple[Any, ...]] = Counter()
    for row in rows:
        hits = [rule for rule in local if applies(rule, row)]
        if not hits:
            continue
        identity = (row.asset_no,) if row.asset_no else (row.name, row.model, row.year, row.location)
        seen[identity] += 1
        item = LedgerItem(
            row=row.row, name=row.name, demand_id=None,
            rules=[LedgerRule(id=r.id, title=r.title, citation=r.citation()) for r in hits],
        )  # fmt: skip
        items.append(item)
        if dry_run:
            continue
        external_id = ledger_key(row, seen[identity])
        existing = await session.scalar(
            select(Demand.id).where(Demand.organization_id == organization_id, Demand.external_id == external_id)
        )
        if existing is not None:
            item.demand_id, item.existing = str(existing), True
            continue
        demand = Demand(organization_id=organization_id, **_draft(refs, actor.region_code, row, hits, external_id))
        session.add(demand)
        drafts.append((item, demand))
    if drafts:
        await session.flush()
        await record(
            session, entity_type="demand", actor=actor, note="设备台账生成", records=[d for _, d in drafts],
            changes=[Change(d.id, "create", {}, snapshot(d)) for _, d in drafts],
        )  # fmt: skip
        for item, demand in drafts:
            item.demand_id = str(demand.id)
    return LedgerReport(
        rows=len(table.rows), flagged=len(items), created=len(drafts), items=items, dry_run=dry_run,
        errors=[ImportRowError(row=e.row, column=e.column, message=e.message) for e in errors],
        warnings=[ImportRowError(row=w.row, column=w.column, message=w.message) for w in warnings],
    )  # fmt: skip


def _draft(
    refs: ReferenceData, region_code: str, row: LedgerRow, rules: Sequence[RenewalRule], external_id: str
) -> dict[str, Any]:
    """The draft demand's values, validated by `check_demand` and made by `decide_create` like any
    other demand's, with the ledger row it came from and the clauses it cites."""
    leaf = row.category if row.category is not None and row.category.level == "leaf" else None
    data = DemandCreate.model_validate(
        {
            "title": draft_title(row, rules)[:200],
            "description": draft_description(row, rules)[:10000],
            "quantity": row.count,
            "region_code": region_code,
            "category": leaf.code if leaf else None,
            "motivations": list(dict.fromkeys(m for r in rules for m in r.motivations)),
            "replaces": {
                "description": " ".join(p for p in (row.name, row.model) if p)[:500],
                "age_years": row.age if row.age is not None and row.age <= 100 else None,
                "count": row.count,
                "energy_grade": row.energy_grade,
            },
            "external_id": external_id,
        }
    )
    valid = check_demand(data, refs)
    if valid.errors:  # pragma: no cover - the values above are built to be valid
        raise ValidationFailed("台账草稿需求有误", errors=valid.errors)
    values = decide_create(valid.values)
    values.update(
        category_inferred=bool(leaf and row.category_inferred),
        category_confidence=0.8 if leaf and row.category_inferred else None,
        origin={
            "source": "ledger",
            "row": row.row,
            "rule_ids": [r.id for r in rules],
            "citations": [
                {"rule_id": r.id, "document": c.document, "file": c.file, "clause": c.clause, "region": c.region}
                for r in rules
                for c in r.citations
            ],
        },
    )
    return values
