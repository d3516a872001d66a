"""Writes tests/search/queries.yaml: the search quality queries with graded judgements over the
demo data (seeds.demo.generate() defaults, 400 listings), derived from rules and then checked by
reading them.

Each rule says which listings are relevant and how much: 3 = exactly what was asked, 2 = a close
fit (the right category, a weaker match on the spec or brand), 1 = related (a neighbouring
category a buyer would still look at). Judgements are stored by external id, so the file is
readable and stable; `python -m bench.search_judgements` rewrites it.

    python -m bench.search_judgements
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from seeds.demo import DemoListing, generate

OUT = Path(__file__).resolve().parents[1] / "tests" / "search" / "queries.yaml"
Grade = Callable[[DemoListing], int]


def cats(three: set[str], two: set[str] | None = None, one: set[str] | None = None) -> Grade:
    """Grade by category (codes, or two-digit group codes)."""

    def grade(item: DemoListing) -> int:
        for value, codes in ((3, three), (2, two or set()), (1, one or set())):
            if item.category in codes or item.category[:2] in codes:
                return value
        return 0

    return grade


def spec(code: str, test: Callable[[dict[str, Any]], bool], *, else_grade: int = 1) -> Grade:
    """The category with the spec satisfied → 3; the category otherwise → `else_grade`."""
    return lambda item: (3 if test(item.specs) else else_grade) if item.category == code else 0


def brand(name: str, model: str | None = None, category: str | None = None) -> Grade:
    def grade(item: DemoListing) -> int:
        if item.brand != name:
            return 0
        if model is not None:
            return 3 if item.model == model else 1
        if category is not None:
            return 3 if item.category == category else 1
        return 3

    return grade


def energy(code: str, best: int) -> Grade:
    return lambda item: (3 if (item.energy_grade or 9) <= best else 1) if item.category == code else 0


@dataclass
class Query:
    kind: str
    q: str
    grade: Grade
    filters: dict[str, Any] = field(default_factory=dict)


QUERIES: list[Query] = [
    # exact category names
    Query("exact", "加工中心", cats({"0101"}, one={"0109"})),
    Query("exact", "数控车床", cats({"0102"})),
    Query("exact", "激光切割机", cats({"0104"})),
    Query("exact", "涂布机", cats({"0301"})),
    Query("exact", "分容化成柜", cats({"0305"})),
    Query("exact", "空压机", cats({"0704"})),
    Query("exact", "注塑机", cats({"1201"})),
    Query("exact", "工业锅炉", cats({"0701"}, one={"1103"})),
    Query("exact", "三坐标测量机", cats({"0901"})),
    # aliases and synonyms
    Query("alias", "立式加工中心", cats({"0101"})),
    Query("alias", "液压机", cats({"0106"})),
    Query("alias", "空气压缩机", cats({"0704"})),
    Query("alias", "自动导引车", cats({"0204"})),
    Query("alias", "增材制造", cats({"0905"})),
    Query("alias", "化成柜", cats({"0305"})),
    Query("alias", "立体库", cats({"0205"})),
    Query("alias", "反应器", cats({"0405"}, two={"0406"})),
    Query("alias", "磁悬浮风机", cats({"0705"})),
    # colloquial needs
    Query("colloquial", "电池极片涂布", cats({"0301"}, one={"0302"})),
    Query("colloquial", "钣金切割", cats({"0104"})),
    Query("colloquial", "粉尘治理", cats({"1101"})),
    Query("colloquial", "压缩空气 节能", cats({"0704"})),
    Query("colloquial", "螺丝生产", cats({"0108"})),
    Query("colloquial", "白酒酿造", cats({"1401"})),
    Query("colloquial", "尺寸测量", cats({"0901"})),
    Query("colloquial", "废气治理", cats({"1104"})),
    Query("colloquial", "一体化压铸", cats({"1202"})),
    # spec constraints
    Query("spec", "五轴 加工中心", spec("0101", lambda s: s.get("axes", 0) >= 5)),
    Query("spec", "30000W 激光切割机", spec("0104", lambda s: s.get("power_w", 0) >= 30000)),
    Query("spec", "能效一级 电机", energy("0702", 1)),
    Query("spec", "能效一级 空压机", energy("0704", 1)),
    Query("spec", "7轴 工业机器人", spec("0201", lambda s: s.get("axes", 0) >= 7)),
    Query("spec", "四轴 加工中心", spec("0101", lambda s: s.get("axes", 0) == 4)),
    # brands and models
    Query("brand", "海天精工", brand("海天精工")),
    Query("brand", "海天精工 VMC850", brand("海天精工", model="VMC850")),
    Query("brand", "先导智能 涂布机", brand("先导智能", category="0301")),
    Query("brand", "大族激光", brand("大族激光")),
    Query("brand", "卧龙电驱", brand("卧龙电驱")),
    Query("brand", "伊之密 压铸机", brand("伊之密", category="1202")),
    Query("brand", "埃斯顿 机器人", brand("埃斯顿")),
    Query("brand", "北京精雕", brand("北京精雕")),
    # mixed Latin and Chinese
    Query("mixed", "CNC加工中心", cats({"0101"})),
    Query("mixed", "AGV小车", cats({"0204"})),
    Query("mixed", "3D打印", cats({"0905"})),
    Query("mixed", "CNC车床", cats({"0102"})),
    Query("mixed", "SMT贴片机", cats({"1501"})),
    Query("mixed", "MES系统", cats({"1303"})),
    Query("mixed", "PECVD镀膜", cats({"0307"})),
    Query("mixed", "VOCs治理", cats({"1104"})),
    # long descriptions
    Query(
        "long",
        "我们是汽车零部件企业，需要更换服役超过10年的普通铣床，采购数控铣床，要求定位精度高",
        cats({"0109"}, one={"0101"}),
    ),
    Query("long", "锂电池工厂扩产，想采购极片涂布设备和卷绕设备，要求自动纠偏", cats({"0301", "0303"}, one={"03"})),
    Query("long", "燃煤锅炉淘汰改造，需要低氮燃气锅炉，热效率高，符合超低排放", cats({"0701"}, one={"1102", "1103"})),
    Query("long", "纺织厂更新老旧织机，采购高速喷气织机，要求节能和联网", cats({"0801"}, one={"08"})),
    Query("long", "化工企业危化品工艺改造，需要连续流微通道反应器提升本质安全", cats({"0406"}, one={"0405"})),
    Query("long", "车间粉尘排放超标，需要布袋除尘器实现超低排放", cats({"1101"}, one={"1102"})),
    # variants and sub-terms
    Query("variant", "机床", cats(set(), two={"01"})),
    Query("variant", "焊机", cats({"0202", "0203"})),
    Query("variant", "磨床", cats({"0103"})),
    Query("variant", "锅炉", cats({"0701"}, one={"1103"})),
    Query("variant", "电机", cats({"0702"})),
    Query("variant", "风机", cats({"0705"})),
    Query("variant", "机器人", cats({"0201", "0202"}, two={"1003"}, one={"02"})),
    Query("variant", "离心机", cats({"0402"})),
    # filter-heavy
    Query("filter", "加工中心", cats({"0101"}), {"tags": ["专精特新"]}),
    Query("filter", "机器人", cats({"0201", "0202"}, one={"02"}), {"region": "330000"}),
    Query("filter", "电机", cats({"0702"}), {"energy_grade_max": 1}),
    Query("filter", "激光", cats({"0104", "0203"}), {"price_max": "1000000"}),
    Query("filter", "节能", cats({"07"}, one={"11"}), {"tags": ["节能降碳推广目录"], "energy_grade_max": 2}),
    Query("filter", "数控", cats({"01"}), {"category": "0102", "region": "370800"}),
]


def judgements() -> list[dict[str, Any]]:
    data = generate()
    out = []
    for query in QUERIES:
        graded = {item.external_id: query.grade(item) for item in data.listings}
        relevant = {k: v for k, v in sorted(graded.items(), key=lambda kv: (-kv[1], kv[0])) if v > 0}
        if not relevant:
            raise ValueError(f"no relevant listing for {query.q!r}")
        entry: dict[str, Any] = {"kind": query.kind, "q": query.q, "relevant": relevant}
        if query.filters:
            entry["filters"] = query.filters
        out.append(entry)
    return out


def main() -> None:
    header = (
        "# Search quality queries over the demo data (seeds.demo.generate() defaults). Generated by\n"
        "# `python -m bench.search_judgements` from rules in that file; grades 3 exact, 2 close, 1 related.\n"
    )
    OUT.write_text(header + yaml.safe_dump(judgements(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    print(f"{len(QUERIES)} queries → {OUT}")


if __name__ == "__main__":
    main()
