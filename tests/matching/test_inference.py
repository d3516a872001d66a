"""Category inference for demands without a category: longest match of names, aliases, group
aliases and replaced equipment, title over description."""

from __future__ import annotations

from matching.inference import infer_category
from matching.scoring import Taxonomy


def test_leaf_aliases_in_the_title_win(taxonomy: Taxonomy) -> None:
    guess = infer_category(taxonomy, title="求购五轴加工中心2台", description="用于精密零件加工")
    assert guess is not None and guess.code == "0101" and 0.3 < guess.confidence <= 1


def test_longest_match_beats_its_parts(taxonomy: Taxonomy) -> None:
    guess = infer_category(taxonomy, title="采购光纤激光切割机1台", description="替换等离子切割机")
    assert guess is not None and guess.code == "0104"


def test_replaced_equipment_points_to_its_modern_equivalents(taxonomy: Taxonomy) -> None:
    guess = infer_category(taxonomy, title="设备更新项目", description="", replaces="燃煤锅炉")
    assert guess is not None and guess.code == "0701"
    assert guess.confidence < infer_category(taxonomy, title="采购燃气锅炉", description="").confidence  # type: ignore[union-attr]


def test_machine_replacing_people(taxonomy: Taxonomy) -> None:
    guess = infer_category(taxonomy, title="机器换人：替代人工焊接 采购焊接机器人4台", description="")
    assert guess is not None and guess.code == "0202"


def test_nothing_recognisable_gives_none(taxonomy: Taxonomy) -> None:
    assert infer_category(taxonomy, title="办公室装修", description="需要桌椅若干") is None
