"""The console's HTML: a log-in form and the dashboard, written with the standard library's
escaping (every value from the database goes through `esc`)."""

from __future__ import annotations

from decimal import Decimal
from html import escape
from urllib.parse import urlencode

from matching.statistics.schemas import Overview, TargetsRead
from service.console import charts

LEVEL_BELOW = {"nation": "省份", "province": "城市", "city": "区县", "county": "区县", "zone": "园区"}

CSS = """
body{font-family:'Noto Sans CJK SC','Noto Sans SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif;margin:0;
 background:#f4f6f9;color:#222}
header{background:#1f3b5a;color:#fff;padding:12px 24px;display:flex;justify-content:space-between;align-items:center}
header h1{font-size:20px;margin:0} header form{display:inline} header button{background:none;border:1px solid #fff;
 color:#fff;padding:4px 10px;border-radius:4px;cursor:pointer}
main{padding:16px 24px;max-width:1600px} .cards{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:16px}
.card{background:#fff;border-radius:6px;padding:12px 16px;min-width:150px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card b{display:block;font-size:22px;margin-top:4px} .card small{color:#666}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(640px,1fr));gap:16px}
.panel{background:#fff;border-radius:6px;padding:12px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.panel svg{width:100%;height:auto} h2{font-size:16px;margin:8px 0}
table{border-collapse:collapse;width:100%;font-size:13px} th,td{border-bottom:1px solid #e3e6ea;padding:6px;
 text-align:left;vertical-align:top} th{background:#f0f2f5} td.num{text-align:right;white-space:nowrap}
.bar{background:#e8ecf1;border-radius:3px;height:10px;width:120px;display:inline-block;vertical-align:middle}
.bar span{display:block;height:10px;border-radius:3px;background:#3a9d5d} .muted{color:#888}
.quote{color:#555;font-size:12px} form.filters{margin-bottom:12px} form.filters label{margin-right:12px}
.login{max-width:360px;margin:80px auto;background:#fff;padding:24px;border-radius:8px;
 box-shadow:0 1px 4px rgba(0,0,0,.12)} .login input{width:100%;padding:8px;margin:6px 0 12px;box-sizing:border-box}
.login button{width:100%;padding:10px;background:#1f3b5a;color:#fff;border:0;border-radius:4px}
.error{color:#c0392b} ul.groups{margin:4px 0;padding-left:18px}
"""


def esc(value: object) -> str:
    return escape("" if value is None else str(value))


def money(value: Decimal) -> str:
    if value >= 100_000_000:
        return f"{value / 100_000_000:,.2f} 亿元"
    if value >= 10_000:
        return f"{value / 10_000:,.1f} 万元"
    return f"{value:,.2f} 元"


def document(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width'><title>{esc(title)}</title>"
        f"<style>{CSS}</style></head><body>{body}</body></html>"
    )


def login_page(*, error: str | None = None, email: str = "") -> str:
    message = f"<p class='error'>{esc(error)}</p>" if error else ""
    return document(
        "登录 · 设备更新供需对接平台",
        "<div class='login'><h1>主管部门工作台</h1>"
        "<p class='muted'>设备更新供需对接平台 · 统计与目标</p>"
        f"{message}<form method='post' action='/console/login'>"
        f"<label>邮箱<input name='username' type='email' required autocomplete='username' value='{esc(email)}'></label>"
        "<label>密码<input name='password' type='password' required autocomplete='current-password'></label>"
        "<button type='submit'>登录</button></form></div>",
    )


def refused_page(message: str) -> str:
    return document(
        "无权访问",
        f"<div class='login'><h1>无权访问</h1><p>{esc(message)}</p>"
        "<form method='post' action='/console/logout'><button type='submit'>退出登录</button></form></div>",
    )


def _card(label: str, value: object, hint: str = "") -> str:
    small = f"<small>{esc(hint)}</small>" if hint else ""
    return f"<div class='card'>{esc(label)}<b>{esc(value)}</b>{small}</div>"


def _filters(overview: Overview, params: dict[str, str]) -> str:
    options = "".join(
        f"<option value='{esc(r.code)}'{' selected' if params.get('region') == r.code else ''}>{esc(r.name)}</option>"
        for r in overview.by_region
        if r.code != overview.scope.code
    )
    return (
        "<form class='filters' method='get' action='/console'>"
        f"<label>地区 <select name='region'><option value=''>{esc(overview.scope.name)}（全部）</option>{options}"
        "</select></label>"
        f"<label>起 <input type='date' name='from' value='{esc(params.get('from', ''))}'></label>"
        f"<label>止 <input type='date' name='to' value='{esc(params.get('to', ''))}'></label>"
        "<button type='submit'>筛选</button> "
        f"<a href='/console/statistics.xlsx?{esc(_query(params))}'>导出 Excel</a></form>"
    )


def _query(params: dict[str, str]) -> str:
    return urlencode({k: v for k, v in params.items() if v})


def _bar(share: float | None) -> str:
    if share is None:
        return ""
    return f"<span class='bar'><span style='width:{min(share, 1) * 100:.0f}%'></span></span> {share:.0%}"


def _targets(targets: TargetsRead) -> str:
    rows = []
    for t in targets.items:
        goal = "—" if t.target is None else f"{t.target:,} {t.unit}"
        if t.progress is None:
            progress = "<span class='muted'>平台无此数据</span>"
        else:
            where = f"<br><small class='muted'>统计范围：{esc(t.progress.measured_in.name)}</small>"
            if t.progress.by_group is not None:
                groups = (
                    "".join(f"<li>{esc(g.name)}：{g.value:,} {_bar(g.share)}</li>" for g in t.progress.by_group)
                    or "<li class='muted'>尚无已举行的对接会</li>"
                )
                progress = f"合计 {t.progress.value:,}<ul class='groups'>{groups}</ul>{where}"
            else:
                progress = f"{t.progress.value:,} {esc(t.unit)} {_bar(t.progress.share)}{where}"
        rows.append(
            f"<tr><td><b>{esc(t.title)}</b><div class='quote'>“{esc(t.quote)}”<br>{esc(t.document)}</div></td>"
            f"<td>{esc(t.period.text)}</td><td class='num'>{esc(goal)}</td><td>{progress}"
            f"<div class='quote'>{esc(t.measure_note)}</div></td></tr>"
        )
    if not rows:
        return "<p class='muted'>本辖区暂无录入的规划目标。</p>"
    return (
        "<table><thead><tr><th>目标（原文）</th><th>期限</th><th>目标值</th><th>进度（平台口径）</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def dashboard_page(*, user: str, overview: Overview, targets: TargetsRead, params: dict[str, str]) -> str:
    level = LEVEL_BELOW.get(overview.scope.level, "地区")
    o = overview
    cards = "".join(
        [
            _card(
                "已发布供给",
                o.listings.published,
                f"推荐目录 {o.listings.recommended} · 待审核 {o.listings.pending_review}",
            ),
            _card("已发布需求", o.demands.published, f"预算合计 {money(o.demands.budget_total)}"),
            _card("有强匹配的需求", o.demands.with_strong_match, f"已获联系 {o.demands.contacted}"),
            _card(
                "首次联系用时",
                "—" if o.demands.first_contact_hours_median is None else f"{o.demands.first_contact_hours_median} 小时",
                "中位数",
            ),
            _card("签约", o.matches.contracted, f"金额 {money(o.matches.contracted_amount)}"),
            _card("团购成团", o.campaigns.settled, f"让利 {money(o.campaigns.total_saving)}"),
            _card(
                "对接会已举行",
                o.events.held,
                f"已排程 {o.events.by_status.get('scheduled', 0)} · 报名中 {o.events.by_status.get('registration', 0)}",
            ),
            _card("对接会洽谈", o.events.meetings, f"未到场 {o.events.no_shows}"),
            _card(
                "对接会意向",
                o.events.intentions,
                f"意向 {money(o.events.intention_amount)} · 签约 {o.events.contracts} 场 {money(o.events.contract_amount)}",
            ),
        ]
    )
    panels = [
        ("", charts.supply_and_demand(o.by_region, level)),
        ("", charts.match_funnel(o)),
        ("", charts.by_month(o.by_month)),
        ("", charts.campaigns(o.by_region, level)),
        ("", charts.events(o.by_region, level)),
    ]
    grid = "".join(f"<div class='panel'>{svg}</div>" for _, svg in panels)
    notes = "".join(f"<li>{esc(n)}</li>" for n in o.notes)
    body = (
        f"<header><h1>{esc(o.scope.name)} · 设备更新工作台</h1><div>{esc(user)} "
        "<form method='post' action='/console/logout'><button type='submit'>退出</button></form></div></header>"
        f"<main>{_filters(o, params)}<div class='cards'>{cards}</div><div class='grid'>{grid}</div>"
        f"<div class='panel' style='margin-top:16px'><h2>规划目标进度</h2>{_targets(targets)}</div>"
        f"<ul class='muted'>{notes}<li>草稿不计入统计；按{esc(level)}汇总。</li></ul></main>"
    )
    return document(f"{o.scope.name} · 设备更新工作台", body)
