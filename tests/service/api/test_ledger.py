"""Asset ledger → draft demands: the rules (pure), their citations against the policy documents,
and POST /api/v1/demands/ledger on a real PostgreSQL."""

from __future__ import annotations

import io
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.demands.ledger import LedgerRow, applies, default_rules, infer_category
from catalog.demands.models import Demand
from catalog.importing import ReferenceData
from catalog.taxonomy.models import Category
from service.config import Settings
from tests.factories import Account, make_account

POLICY_DOCS = Path(__file__).resolve().parents[3] / "seeds" / "policy_docs"  # copies of shared/policy-docs
THIS_YEAR = date.today().year
RULES = {rule.id: rule for rule in default_rules()}


def leaf(code: str, name: str, ancestors: list[str], **kw: Any) -> Category:
    return Category(code=code, name=name, level="leaf", ancestors=ancestors, aliases=kw.get("aliases", []),
                    replaces=kw.get("replaces", []), parent_code=ancestors[0])  # fmt: skip


LATHE = leaf("0102", "数控车床", ["01", "0102"], aliases=["CNC车床"], replaces=["普通车床", "仪表车床"])
CENTRE = leaf("0101", "加工中心", ["01", "0101"], aliases=["立式加工中心"], replaces=["普通车床", "普通铣床"])
REACTOR = leaf("0405", "反应釜", ["04", "0405"], aliases=["反应器"], replaces=["老旧反应釜"])
MOTOR = leaf("0702", "高效电机", ["07", "0702"], aliases=["电机", "三相异步电动机"], replaces=["IE2电机"])


def test_rules_cite_clauses_that_are_in_the_documents() -> None:
    for rule in RULES.values():
        assert rule.citations, rule.id
        for citation in rule.citations:
            text = (POLICY_DOCS / citation.file).read_text(encoding="utf-8")
            assert citation.clause in text, (rule.id, citation.clause)


def test_machine_tools_over_ten_years_are_flagged() -> None:
    rule = RULES["machine-tool-over-10-years"]
    assert applies(rule, LedgerRow(row=2, name="普通车床", category=LATHE, age=11))
    assert not applies(rule, LedgerRow(row=2, name="普通车床", category=LATHE, age=10))  # "超过10年"
    assert applies(rule, LedgerRow(row=2, name="老式摇臂钻床", age=25))  # by name, category unknown
    assert not applies(rule, LedgerRow(row=2, name="普通车床", category=LATHE))  # age unknown
    assert not applies(rule, LedgerRow(row=2, name="反应釜", category=REACTOR, age=30))


def test_energy_grade_below_two_and_old_chemical_plant() -> None:
    energy, chemical = RULES["energy-below-grade-2"], RULES["chemical-aging-plant-safety"]
    assert applies(energy, LedgerRow(row=2, name="三相异步电动机", category=MOTOR, energy_grade=3))
    assert not applies(energy, LedgerRow(row=2, name="三相异步电动机", category=MOTOR, energy_grade=2))
    assert applies(chemical, LedgerRow(row=2, name="搪玻璃反应釜", category=REACTOR, age=15))
    assert applies(chemical, LedgerRow(row=2, name="液氨储罐", age=20))
    assert not applies(chemical, LedgerRow(row=2, name="搪玻璃反应釜", category=REACTOR, age=5))


def test_category_is_inferred_from_the_equipment_name() -> None:
    leaves = [CENTRE, LATHE, REACTOR, MOTOR]
    assert infer_category("普通车床 CA6140", leaves) is LATHE  # a replaced-equipment name
    assert infer_category("立式加工中心 VMC850", leaves) is CENTRE
    assert infer_category("5000L 搪玻璃反应釜", leaves) is REACTOR
    assert infer_category("办公电脑", leaves) is None


LEDGER_HEADER = ["设备名称", "品类", "型号", "投用年份", "数量", "能效等级", "安装位置", "备注"]


def ledger_xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(LEDGER_HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sample_ledger() -> bytes:
    return ledger_xlsx(
        [
            ["普通车床", None, "CA6140", THIS_YEAR - 15, 2, None, "一车间", "主轴异响"],  # row 2: machine tool
            ["搪玻璃反应釜", "反应釜", "K5000", f"{THIS_YEAR - 18}-05-01", 1, None, "合成车间", None],  # row 3: safety
            ["三相异步电动机", "电机", "Y2-160M", THIS_YEAR - 3, 12, 3, "动力站", None],  # row 4: energy
            ["斜床身数控车床", "数控车床", "CK6150", THIS_YEAR - 2, 1, 1, "一车间", None],  # row 5: fine
            ["注塑机", None, None, 3000, 1, None, None, None],  # row 6: bad year
        ]
    )


async def post_ledger(client: httpx.AsyncClient, who: Account | None, content: bytes, **params: Any) -> httpx.Response:
    return await client.post(
        "/api/v1/demands/ledger",
        files={"file": ("设备台账.xlsx", content)},
        params={k: str(v).lower() for k, v in params.items()},
        headers=who.headers if who else {},
    )


@pytest.fixture
async def buyer(db: AsyncSession, settings: Settings) -> Account:
    return await make_account(db, settings, kind="buyer", region_code="370800", name="济宁鲁化精细化工有限公司")


async def test_ledger_flags_rows_and_drafts_demands_citing_the_rules(
    client: httpx.AsyncClient, db: AsyncSession, buyer: Account
) -> None:
    response = await post_ledger(client, buyer, sample_ledger())
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["rows"], body["flagged"], body["created"]) == (5, 3, 3)
    assert body["errors"] == [{"row": 6, "column": "year_commissioned", "message": f"投用年份应为1900至{THIS_YEAR}之间的年份"}]  # fmt: skip
    by_row = {item["row"]: item for item in body["items"]}
    assert [r["id"] for r in by_row[2]["rules"]] == ["machine-tool-over-10-years"]
    assert [r["id"] for r in by_row[3]["rules"]] == ["chemical-aging-plant-safety"]
    assert [r["id"] for r in by_row[4]["rules"]] == ["energy-below-grade-2"]
    assert "服役超过10年的机床" in by_row[2]["rules"][0]["citation"]

    lathe = await client.get(f"/api/v1/demands/{by_row[2]['demand_id']}", headers=buyer.headers)
    assert lathe.status_code == 200
    demand = lathe.json()
    assert demand["title"] == "更新服役15年的普通车床（台账第2行）"
    assert demand["status"] == "draft" and demand["quantity"] == 2 and demand["region_code"] == "370800"
    assert demand["category"]["code"] == "0102" and demand["category_inferred"] is True
    assert demand["motivations"] == ["high_end", "smart"]
    assert demand["replaces"] == {"description": "普通车床 CA6140", "age_years": 15, "count": 2, "energy_grade": None}
    assert "济宁市推动工业领域设备更新实施方案" in demand["description"] and "主轴异响" in demand["description"]
    assert demand["origin"]["source"] == "ledger" and demand["origin"]["row"] == 2
    assert demand["origin"]["rule_ids"] == ["machine-tool-over-10-years"]
    # A 济宁 company's draft cites 济宁's plan, not 四川's or 嘉兴's.
    assert {c["file"] for c in demand["origin"]["citations"]} == {"jining-city-industrial-equipment-renewal.txt"}
    assert "四川" not in demand["description"] and "嘉兴" not in demand["description"]

    reactor = (await client.get(f"/api/v1/demands/{by_row[3]['demand_id']}", headers=buyer.headers)).json()
    assert reactor["title"] == "更新服役18年的搪玻璃反应釜（台账第3行）"
    assert reactor["category"]["code"] == "0405" and reactor["motivations"] == ["safety"]
    motor = (await client.get(f"/api/v1/demands/{by_row[4]['demand_id']}", headers=buyer.headers)).json()
    assert motor["title"] == "更新能效3级的三相异步电动机（台账第4行）" and motor["motivations"] == ["green"]


async def test_uploading_the_same_ledger_again_does_not_duplicate(
    client: httpx.AsyncClient, db: AsyncSession, buyer: Account
) -> None:
    first = (await post_ledger(client, buyer, sample_ledger())).json()
    again = (await post_ledger(client, buyer, sample_ledger())).json()
    assert (again["flagged"], again["created"]) == (3, 0)
    assert all(item["existing"] for item in again["items"])
    assert {i["demand_id"] for i in again["items"]} == {i["demand_id"] for i in first["items"]}
    total = await db.scalar(select(func.count()).where(Demand.organization_id == buyer.organization.id))
    assert total == 3


async def test_ledger_dry_run_writes_nothing(client: httpx.AsyncClient, db: AsyncSession, buyer: Account) -> None:
    body = (await post_ledger(client, buyer, sample_ledger(), dry_run=True)).json()
    assert (body["flagged"], body["created"], body["dry_run"]) == (3, 0, True)
    assert all(item["demand_id"] is None for item in body["items"])
    assert await db.scalar(select(func.count()).where(Demand.organization_id == buyer.organization.id)) == 0


async def test_ledger_needs_a_buyer_and_a_readable_file(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, buyer: Account
) -> None:
    supplier = await make_account(db, settings, kind="supplier")
    bureau = await make_account(db, settings, kind="bureau", region_code="370800")
    assert (await post_ledger(client, None, sample_ledger())).status_code == 401
    assert (await post_ledger(client, supplier, sample_ledger())).status_code == 403
    assert (await post_ledger(client, bureau, sample_ledger())).status_code == 403
    workbook = Workbook()  # a header without 设备名称 cannot be read; a header alone is an empty ledger
    workbook.active.append(["型号", "投用年份"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = await post_ledger(client, buyer, buffer.getvalue())
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "file"
    assert (await post_ledger(client, buyer, ledger_xlsx([]))).json()["rows"] == 0


async def test_reference_lookup_matches_find_category(db: AsyncSession) -> None:
    """The in-memory lookup the importers use agrees with the database lookup."""
    from catalog.taxonomy.repository import find_category

    refs = await ReferenceData.load(db)
    for value in ("0101", "加工中心", "立式加工中心", "cnc车床", "工业母机", "机床", "电机", str(uuid.uuid4())):
        expected = await find_category(db, value)
        found = refs.category(value)
        assert (found.code if found else None) == (expected.code if expected else None), value


async def test_a_real_ledger_with_purchase_dates_and_asset_numbers_for_a_zhejiang_company(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    """The headers of a 设备台账 as a finance department exports it; a 海宁 company's drafts cite
    嘉兴's plan (its city) and no other city's."""
    buyer = await make_account(db, settings, kind="buyer", region_code="330481", name="海宁宏达经编有限公司")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["资产编号", "设备名称", "规格型号", "购置日期", "出厂日期", "数量", "原值", "使用部门", "能效等级", "折旧年限", "责任人"])  # fmt: skip
    sheet.append(["GD-2007-0113", "普通车床", "CA6140A", date(THIS_YEAR - 18, 3, 15), None, 1, 68500, "机修车间", None, 10, "王师傅"])  # fmt: skip
    sheet.append(["GD-2012-0456", "空压机", "LG-10/8", f"{THIS_YEAR - 6}年4月", f"{THIS_YEAR - 7}年", 2, "12.5万", "动力车间", 3, 8, "李工"])  # fmt: skip
    sheet.append(["GD-2023-0789", "高速经编机", "HKS 4-M", f"{THIS_YEAR - 1}-09-01", None, 8, 3200000, "织造一车间", 2, 10, "赵工"])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    body = (await post_ledger(client, buyer, buffer.getvalue())).json()
    assert body["errors"] == [] and (body["rows"], body["flagged"], body["created"]) == (3, 2, 2), body
    assert {(w["row"], w["column"]) for w in body["warnings"]} == {(1, "折旧年限"), (1, "责任人")}
    by_row = {item["row"]: item for item in body["items"]}
    lathe = (await client.get(f"/api/v1/demands/{by_row[2]['demand_id']}", headers=buyer.headers)).json()
    assert lathe["replaces"]["age_years"] == 18 and "GD-2007-0113" in lathe["description"]
    assert f"{THIS_YEAR - 18}年购置" in lathe["description"] and "原值68,500.00元" in lathe["description"]
    for item in body["items"]:
        demand = (await client.get(f"/api/v1/demands/{item['demand_id']}", headers=buyer.headers)).json()
        assert {c["region"] for c in demand["origin"]["citations"]} == {"330400"}, demand["origin"]
        assert "嘉兴市" in demand["description"] and "济宁" not in demand["description"]
    # The asset number keys the draft: the same ledger again finds it.
    again = (await post_ledger(client, buyer, buffer.getvalue())).json()
    assert again["created"] == 0 and all(item["existing"] for item in again["items"])


async def test_a_region_without_collected_rules_gets_no_foreign_citations(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    buyer = await make_account(db, settings, kind="buyer", region_code="330100", name="杭州精密制造有限公司")
    body = (await post_ledger(client, buyer, sample_ledger())).json()
    assert body["flagged"] == 0 and body["created"] == 0
    assert any(w["column"] == "region" for w in body["warnings"])
