"""The statistics overview as an Excel workbook (统计报表): one sheet per breakdown, the same figures
as the JSON, one column per figure."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from matching.statistics.schemas import ENERGY_GRADES, Figures, Overview

# (heading, how to read it from a Figures block)
COLUMNS: list[tuple[str, Any]] = [
    ("已发布供给", lambda f: f.listings.published),
    ("推荐目录", lambda f: f.listings.recommended),
    ("待审核", lambda f: f.listings.pending_review),
    *[
        (f"能效{g}级" if g != "unknown" else "能效未填", lambda f, g=g: f.listings.by_energy_grade.get(g, 0))
        for g in ENERGY_GRADES
    ],
    ("已发布需求", lambda f: f.demands.published),
    ("需求预算合计（元）", lambda f: f.demands.budget_total),
    ("有强匹配的需求", lambda f: f.demands.with_strong_match),
    ("已获联系的需求", lambda f: f.demands.contacted),
    ("首次联系用时中位数（小时）", lambda f: f.demands.first_contact_hours_median),
    ("获准联系", lambda f: f.matches.contacted),
    ("已报价", lambda f: f.matches.quoted),
    ("已签约", lambda f: f.matches.contracted),
    ("签约金额（元）", lambda f: f.matches.contracted_amount),
    ("已婉拒", lambda f: f.matches.declined),
    ("团购成团", lambda f: f.campaigns.settled),
    ("团购未成团", lambda f: f.campaigns.failed),
    ("团购认购合计", lambda f: f.campaigns.pooled_quantity),
    ("团购让利合计（元）", lambda f: f.campaigns.total_saving),
    ("对接会已举行", lambda f: f.events.held),
    *[
        (f"对接会{name}", lambda f, s=s: f.events.by_status.get(s, 0))
        for s, name in (
            ("registration", "报名中"),
            ("scheduled", "已排程"),
            ("held", "状态已举行"),
            ("closed", "已结束"),
        )
    ],
    ("对接会洽谈场次", lambda f: f.events.meetings),
    ("对接会未到场", lambda f: f.events.no_shows),
    ("对接会意向", lambda f: f.events.intentions),
    ("对接会意向金额（元）", lambda f: f.events.intention_amount),
    ("对接会签约", lambda f: f.events.contracts),
    ("对接会签约金额（元）", lambda f: f.events.contract_amount),
]


def _values(figures: Figures) -> list[Any]:
    return [read(figures) for _, read in COLUMNS]


def overview_workbook(overview: Overview) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "总览"
    summary.append(["统计范围", f"{overview.scope.name}（{overview.scope.code}）"])
    summary.append(["品类", overview.category or "全部"])
    summary.append(["时段", f"{overview.date_from or '不限'} 至 {overview.date_to or '不限'}"])
    for note in overview.notes:
        summary.append(["说明", note])
    summary.append([])
    for (heading, _), value in zip(COLUMNS, _values(overview), strict=True):
        summary.append([heading, value])
    for cell in summary["A"]:
        cell.font = Font(bold=True)

    sheets: list[tuple[str, list[str], list[tuple[list[Any], Figures]]]] = [
        ("按地区", ["区划代码", "地区"], [([r.code, r.name], r) for r in overview.by_region]),
        ("按品类", ["品类组代码", "品类组"], [([r.code or "", r.name], r) for r in overview.by_category]),
        ("按月份", ["月份"], [([r.month], r) for r in overview.by_month]),
    ]
    for title, keys, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append([*keys, *(heading for heading, _ in COLUMNS)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for key, figures in rows:
            sheet.append([*key, *_values(figures)])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
