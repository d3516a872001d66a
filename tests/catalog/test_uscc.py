"""USCC validation (GB 32100-2015 with the GB 11714 organisation code inside), without a database."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from catalog.organizations.uscc import CHARSET, generate_uscc, is_valid_uscc, uscc_problem


def test_real_codes_validate() -> None:
    for code in ("91350100M000100Y43", "91110000802100433B"):
        assert uscc_problem(code) is None


def test_wrong_check_character_is_named() -> None:
    assert uscc_problem("91350100M000100Y44") == "统一社会信用代码校验码错误（GB 32100）"
    assert uscc_problem("91350100M000100X43") is not None
    assert uscc_problem("9135010") == "统一社会信用代码应为18位"
    assert "非法字符" in (uscc_problem("91350100M000100I43") or "")


@given(st.integers(min_value=0, max_value=2**32), st.sampled_from(["370800", "330481", "350500", "510100"]))
def test_generated_codes_are_valid_and_single_changes_are_caught(seed: int, region: str) -> None:
    rng = random.Random(seed)
    code = generate_uscc(region, rng)
    assert is_valid_uscc(code) and code[2:8] == region
    position = rng.randrange(18)
    replacement = rng.choice([c for c in CHARSET if c != code[position]])
    assert not is_valid_uscc(code[:position] + replacement + code[position + 1 :])
