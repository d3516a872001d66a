"""The dashboard's charts, drawn on the server as SVG with pygal and inlined into the page: no
script (pygal's inline configuration script is removed: it only serves optional tooltips, and the
page's Content-Security-Policy forbids scripts anyway), no CDN."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pygal
from pygal.style import Style

from matching.statistics.schemas import MonthRow, Overview, RegionRow

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif"
STYLE = Style(
    font_family=FONT, title_font_family=FONT, label_font_family=FONT, legend_font_family=FONT,
    value_font_family=FONT, major_label_font_family=FONT, tooltip_font_family=FONT,
    background="white", plot_background="white", foreground="#333", foreground_strong="#111",
    foreground_subtle="#888", colors=("#1f6fb2", "#e07b39", "#3a9d5d", "#c0392b", "#8e44ad"),
    title_font_size=16, label_font_size=12, major_label_font_size=12, legend_font_size=12, value_font_size=11,
    no_data_font_size=22,
)  # fmt: skip
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S)


def _svg(chart: pygal.graph.graph.Graph) -> str:
    return _SCRIPT.sub("", chart.render(is_unicode=True))


def _options(height: int = 340) -> dict[str, object]:
    return {
        "style": STYLE, "js": [], "disable_xml_declaration": True, "width": 760, "height": height,
        "legend_at_bottom": True, "print_values": False, "show_minor_y_labels": False, "truncate_label": 8,
        "no_data_text": "暂无数据", "margin_bottom": 12,
    }  # fmt: skip


def _series(values: Sequence[int]) -> list[int] | list[None]:
    """All zeros draw as "暂无数据" rather than an empty frame with a meaningless axis."""
    return list(values) if any(values) else []


def supply_and_demand(rows: Sequence[RegionRow], level_name: str) -> str:
    """Published listings and demands per region one level below the scope."""
    chart = pygal.Bar(title=f"供给与需求（按{level_name}）", x_label_rotation=30, **_options())
    chart.x_labels = [r.name for r in rows]
    chart.add("已发布供给", [r.listings.published for r in rows])
    chart.add("已发布需求", [r.demands.published for r in rows])
    chart.add("推荐目录", [r.listings.recommended for r in rows])
    return _svg(chart)


def match_funnel(overview: Overview) -> str:
    """How far the matches got: contact, quote, contract."""
    m = overview.matches
    chart = pygal.HorizontalBar(title="匹配漏斗", **{**_options(260), "print_values": True})
    chart.x_labels = ["获准联系", "已报价", "已签约"]
    chart.add("匹配数", _series([m.contacted, m.quoted, m.contracted]))
    return _svg(chart)


def by_month(rows: Sequence[MonthRow]) -> str:
    """Listings and demands published, contracts signed, month by month."""
    chart = pygal.Line(title="按月趋势", x_label_rotation=30, dots_size=3, **_options(300))
    chart.x_labels = [r.month for r in rows]
    chart.add("新发布供给", [r.listings.published for r in rows])
    chart.add("新发布需求", [r.demands.published for r in rows])
    chart.add("签约", [r.matches.contracted for r in rows])
    return _svg(chart)


def campaigns(rows: Sequence[RegionRow], level_name: str) -> str:
    """Group purchases settled and failed per region."""
    chart = pygal.StackedBar(title=f"团购（按{level_name}）", x_label_rotation=30, **_options(280))
    chart.x_labels = [r.name for r in rows]
    if any(r.campaigns.settled or r.campaigns.failed for r in rows):
        chart.add("成团", [r.campaigns.settled for r in rows])
        chart.add("未成团", [r.campaigns.failed for r in rows])
    return _svg(chart)


def events(rows: Sequence[RegionRow], level_name: str) -> str:
    """Matchmaking events per region (held, scheduled, open for registration) and what their
    meetings produced (meetings held, intentions, contracts)."""
    chart = pygal.Bar(title=f"供需对接会（按{level_name}）", x_label_rotation=30, **_options(300))
    chart.x_labels = [r.name for r in rows]
    series = {
        "已举行": [r.events.held for r in rows],
        "已排程": [r.events.by_status.get("scheduled", 0) for r in rows],
        "报名中": [r.events.by_status.get("registration", 0) for r in rows],
        "洽谈场次": [r.events.meetings for r in rows],
        "意向": [r.events.intentions for r in rows],
        "签约": [r.events.contracts for r in rows],
    }
    if any(any(values) for values in series.values()):
        for name, values in series.items():
            chart.add(name, values)
    return _svg(chart)
