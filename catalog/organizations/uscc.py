"""统一社会信用代码 (USCC): the GB 32100-2015 check character and the GB 11714 organisation code inside it.

Pure functions, no database: validation for input, generation for demo and test data.
"""

from __future__ import annotations

import random

# GB 32100-2015 character set: digits and capitals without I, O, S, V, Z; index = value.
CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {ch: i for i, ch in enumerate(CHARSET)}
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
# Registration authority (position 1) → the organisation-type codes (position 2) it may issue.
_KINDS = {"1": "1239", "5": "1239", "9": "123", "Y": "1"}


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015: C18 = 31 - (Σ value·3^i mod 31), 31 written as 0."""
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def org_code_check_char(body8: str) -> str:
    """GB 11714-1997: C9 = 11 - (Σ value·weight mod 11); 10 → X, 11 → 0. Letters count from A = 10."""
    total = sum((int(ch) if ch.isdigit() else ord(ch) - 55) * w for ch, w in zip(body8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def uscc_problem(value: str) -> str | None:
    """Why `value` is not a valid USCC (in Chinese), or None when it is."""
    if len(value) != 18:
        return "统一社会信用代码应为18位"
    bad = [ch for ch in value if ch not in _VALUE]
    if bad:
        return f"统一社会信用代码含有非法字符：{bad[0]}"
    if value[1] not in _KINDS.get(value[0], ""):
        return "登记管理部门码或机构类别码无效"
    if not value[2:8].isdigit():
        return "登记管理机关行政区划码应为6位数字"
    if org_code_check_char(value[8:16]) != value[16]:
        return "组织机构代码校验码错误（GB 11714）"
    if uscc_check_char(value[:17]) != value[17]:
        return "统一社会信用代码校验码错误（GB 32100）"
    return None


def is_valid_uscc(value: str) -> bool:
    return uscc_problem(value) is None


def generate_uscc(region_code: str, rng: random.Random, *, authority: str = "9", kind: str = "1") -> str:
    """A valid USCC registered in `region_code`: `authority` 9 = 市场监管 (enterprises), 1 = 机构编制 (bureaus)."""
    body_chars = [ch for ch in CHARSET if ch.isdigit() or ch in "ABCDEFGHJKLMNPQRTUWXY"]
    while True:
        body = "".join(rng.choice(body_chars) for _ in range(8))
        check = org_code_check_char(body)
        if check in _VALUE:
            break
    first17 = f"{authority}{kind}{region_code}{body}{check}"
    return first17 + uscc_check_char(first17)
