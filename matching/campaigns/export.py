"""The settlement as an Excel workbook (结算单): a summary sheet, the winning offers and one row per
line, exactly the lines the viewer may see."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from catalog.tabular import excel_safe
from matching.campaigns.schemas import CampaignRead, SettlementRead

OUTCOME_NAMES = {"allocated": "成交", "dropped": "退出", "released": "释放"}
STATUS_NAMES = {"settled": "已成交", "failed": "未成团"}


def _append(sheet: Any, row: list[Any]) -> None:
    sheet.append([excel_safe(value) for value in row])


def settlement_workbook(campaign: CampaignRead, settlement: SettlementRead) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "结算概要"
    rows: list[tuple[str, object]] = [
        ("团购", campaign.title),
        ("品类", campaign.category.name),
        ("组织单位", campaign.bureau.name),
        ("结果", STATUS_NAMES[settlement.status]),
        (f"认购合计（{campaign.unit}）", settlement.pooled_quantity),
        (f"最低成团（{campaign.unit}）", settlement.min_total_quantity),
        ("节省合计（元）", settlement.total_saving),
        ("说明", settlement.reason or ""),
        ("结算时间（UTC）", settlement.settled_at.strftime("%Y-%m-%d %H:%M:%S")),
    ]
    for label, value in rows:
        _append(summary, [label, value])
    for cell in summary["A"]:
        cell.font = Font(bold=True)

    winners = book.create_sheet("中标报价")
    _append(
        winners,
        ["供应商", "设备", f"数量（{campaign.unit}）", "阶梯起点", "成交单价（元）", "原价（元）", "让利合计（元）"],
    )
    for w in settlement.winning_offers:
        _append(
            winners,
            [
                w.supplier.name,
                w.listing_title,
                w.quantity,
                w.tier_min_quantity,
                w.unit_price,
                w.unit_list_price,
                w.saving,
            ],
        )

    lines = book.create_sheet("认购明细")
    _append(
        lines,
        [
            "认购编号",
            "需求企业",
            f"数量（{campaign.unit}）",
            "结果",
            "供应商",
            "成交单价（元）",
            "原价（元）",
            "节省（元）",
            "说明",
        ],
    )
    for line in settlement.lines:
        _append(lines,
            [
                str(line.pledge_id), line.buyer.name if line.buyer else "（不公开）", line.quantity,
                OUTCOME_NAMES[line.outcome], line.supplier.name if line.supplier else "", line.unit_price,
                line.unit_list_price, line.saving, line.reason or "",
            ]
        )  # fmt: skip
    for sheet in (winners, lines):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    for sheet in (summary, winners, lines):
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, 4 + width * 2)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
