"""The 改造方向 fit rule as data (seeds/motivations.yaml): cited verbatim, read in file order (the
bit order of the vectorised pools), and each of its three ways to hold — energy grade, tag, word in
the text — giving the reason the scorer shows. That the SQL generated from the same records agrees
with the scorer on every demo listing is checked in test_engine_paths."""

from __future__ import annotations

from importlib import resources

import pytest

from matching.motivations import MOTIVATIONS, motivations
from matching.pools import BITS
from matching.scoring import _fits
from tests.matching.conftest import listing


def test_every_citation_is_in_its_document_verbatim() -> None:
    docs = resources.files("seeds").joinpath("policy_docs")
    for m in MOTIVATIONS:
        assert m.citations, m.key
        for c in m.citations:
            assert c.clause in docs.joinpath(c.file).read_text(encoding="utf-8"), (m.key, c.clause)


def test_file_order_is_the_bit_order() -> None:
    assert [m.key for m in motivations()] == ["green", "safety", "high_end", "smart"]
    assert BITS == {"green": 1, "safety": 2, "high_end": 4, "smart": 8}


@pytest.mark.parametrize(
    ("motivation", "overrides", "reason"),
    [
        ("green", {"energy_grade": 1, "tags": []}, "能效一级"),
        ("green", {"energy_grade": 2, "tags": ["节能降碳推广目录"]}, "能效二级"),  # the grade comes first
        ("green", {"energy_grade": 3, "tags": ["节能降碳推广目录"]}, "列入节能降碳推广目录"),
        ("green", {"energy_grade": None, "tags": ["能效二级"]}, "能效二级"),
        ("green", {"energy_grade": 3, "tags": ["首台套"]}, None),
        ("safety", {"tags": ["先进安全应急装备目录"]}, "列入先进安全应急装备目录"),
        ("safety", {"tags": ["能效一级"]}, None),
        ("high_end", {"tags": ["专精特新", "首台套"]}, "首台套产品"),  # the file's order, not the listing's
        ("high_end", {"tags": []}, None),
        ("smart", {"tags": ["工业互联网"]}, "工业互联网"),
        ("smart", {"tags": [], "title": "数控车床 CK6150", "description": "卧式"}, "具备数控功能"),
        ("smart", {"tags": [], "title": "普通车床", "description": "支持远程运维"}, "具备远程运维功能"),
        ("smart", {"tags": [], "title": "普通车床 C6140", "description": "手动进给，皮带传动"}, None),
    ],
)
def test_each_way_a_listing_serves_a_motivation(
    motivation: str, overrides: dict[str, object], reason: str | None
) -> None:
    assert _fits(motivation, listing(**overrides)) == reason
    assert (motivation in listing(**overrides).fits) == (reason is not None)
