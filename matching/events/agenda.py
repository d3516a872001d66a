"""Agendas (日程表) of a matchmaking event, per participant or per table: built from the stored
schedule, rendered as JSON (the schema), an Excel workbook, or a printable HTML page that needs
nothing from outside (inline CSS, no scripts, no CDN)."""

from __future__ import annotations

import uuid
from html import escape
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.schemas import OrganizationRef
from matching.events import repository
from matching.events.models import Event, Registration
from matching.events.schemas import AgendaItem, AgendaRead, EventRead, RegistrationRead

OUTCOME_NAMES = {
    "no_show": "未到场",
    "held": "已洽谈",
    "follow_up": "待跟进",
    "intention": "达成意向",
    "contract": "签约",
}
ROLE_NAMES = {"supplier": "供应商", "buyer": "需求企业"}


async def build_agenda(
    session: AsyncSession, *, event: Event, view: EventRead, registration: RegistrationRead | None, table: int | None
) -> AgendaRead:
    """The meetings of one registration (with the other side) or of one table (both sides), by slot."""
    registrations: dict[uuid.UUID, Registration] = {r.id: r for r in await repository.registrations(session, event.id)}
    meetings = await repository.meetings(session, event.id)
    if registration is not None:
        meetings = [m for m in meetings if registration.id in (m.supplier_registration_id, m.buyer_registration_id)]
    if table is not None:
        meetings = [m for m in meetings if m.table_no == table]
    titles = await repository.titles(
        session,
        listing_ids=[m.listing_id for m in meetings if m.listing_id] + [i for r in registrations.values() for i in r.listing_ids],
        demand_ids=[m.demand_id for m in meetings if m.demand_id] + [i for r in registrations.values() for i in r.demand_ids],
    )  # fmt: skip
    items = []
    for m in sorted(meetings, key=lambda m: (m.slot, m.table_no)):
        supplier, buyer = registrations[m.supplier_registration_id], registrations[m.buyer_registration_id]
        other = buyer if registration is not None and registration.id == supplier.id else supplier
        about_ids = [i for i in (m.listing_id, m.demand_id) if i is not None]
        if not about_ids:  # no scored pair: what each side brought
            about_ids = [*supplier.listing_ids[:2], *buyer.demand_ids[:2]]
        slot = event.slots[m.slot]
        items.append(
            AgendaItem(
                meeting_id=m.id, slot=m.slot, start=slot["start"], end=slot["end"], table=m.table_no,
                source=m.source, other=OrganizationRef.model_validate(other.organization),
                other_role=other.role,
                buyer=OrganizationRef.model_validate(buyer.organization) if registration is None else None,
                about=[titles[i] for i in about_ids if i in titles], outcome=m.outcome,
            )
        )  # fmt: skip
    return AgendaRead(event=view, registration=registration, table=table, items=items)


def _heading(agenda: AgendaRead) -> str:
    if agenda.registration is not None:
        role = ROLE_NAMES[agenda.registration.role]
        return f"{agenda.registration.organization.name}（{role}）洽谈日程"
    return f"第 {agenda.table} 号洽谈桌日程"


def _rows(agenda: AgendaRead) -> list[list[str]]:
    rows = []
    for item in agenda.items:
        if agenda.registration is not None:
            who = f"{item.other.name}（{ROLE_NAMES[item.other_role]}）"
        else:
            who = f"{item.other.name} ↔ {item.buyer.name if item.buyer else ''}"
        rows.append(
            [
                f"{item.start}–{item.end}", str(item.table), who, "；".join(item.about),
                "预约" if item.source == "request" else "系统推荐", OUTCOME_NAMES.get(item.outcome or "", ""),
            ]
        )  # fmt: skip
    return rows


HEADERS = ["时间", "桌号", "洽谈对象", "洽谈内容（挂牌 / 需求）", "来源", "成果"]


def agenda_html(agenda: AgendaRead) -> str:
    """A printable A4 page: inline styles only, so it prints the same offline."""
    event = agenda.event
    body = (
        "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in _rows(agenda))
        or f'<tr><td colspan="{len(HEADERS)}" class="empty">暂无洽谈安排</td></tr>'
    )
    head = "".join(f"<th>{escape(h)}</th>" for h in HEADERS)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{escape(event.title)} · {escape(_heading(agenda))}</title>
<style>
  @page {{ size: A4; margin: 16mm; }}
  body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
         color: #111; margin: 24px; }}
  h1 {{ font-size: 22px; margin: 0 0 4px; }}
  h2 {{ font-size: 17px; margin: 0 0 12px; font-weight: normal; }}
  .meta {{ font-size: 13px; color: #444; margin-bottom: 16px; }}
  table {{ border-collapse: collapse; width: 100%; font-size: 14px; }}
  th, td {{ border: 1px solid #999; padding: 6px 8px; text-align: left; vertical-align: top; }}
  th {{ background: #eee; white-space: nowrap; }}
  td:first-child {{ white-space: nowrap; }}
  .empty {{ text-align: center; color: #777; }}
  @media print {{ body {{ margin: 0; }} }}
</style>
</head>
<body>
<h1>{escape(event.title)}</h1>
<h2>{escape(_heading(agenda))}</h2>
<div class="meta">日期：{event.date.isoformat()} ｜ 地点：{escape(event.venue)} ｜ 主办：{escape(event.organizer.name)} ｜ 共 {len(agenda.items)} 场</div>
<table>
<thead><tr>{head}</tr></thead>
<tbody>{body}</tbody>
</table>
</body>
</html>
"""


def agenda_workbook(agenda: AgendaRead) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "洽谈日程"
    event = agenda.event
    sheet.append([event.title])
    sheet.append([_heading(agenda)])
    sheet.append([f"日期：{event.date.isoformat()}", f"地点：{event.venue}", f"主办：{event.organizer.name}"])
    sheet.append([])
    sheet.append(HEADERS)
    for cell in (sheet["A1"], sheet["A2"], *sheet[5]):
        cell.font = Font(bold=True)
    for row in _rows(agenda):
        sheet.append(row)
    for column, width in zip("ABCDEF", (14, 6, 40, 50, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = BytesIO()
    book.save(out)
    return out.getvalue()
