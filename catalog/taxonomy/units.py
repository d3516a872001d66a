"""Numbers with units as vendors write them in Chinese catalogues (`12000rpm`, `1.2万转`, `0.005mm`,
`3kW`, `6000W`, `φ3.2m`, `5丝`, `200吨`) read and converted to a spec schema's unit.

Pure. A small table rather than a units library: what matters here is Chinese (万, 转, 吨, 丝, 千瓦,
立方米/小时 …), which general libraries do not know, and only the units the taxonomy uses.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

# unit text (normalised: NFKC, lower case, no spaces) → (dimension, factor to the dimension's base)
_UNITS: dict[str, tuple[str, Decimal]] = {}


def _add(dimension: str, factor: str, *names: str) -> None:
    for name in names:
        _UNITS[_normalise_unit(name)] = (dimension, Decimal(factor))


def _normalise_unit(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = text.replace("³", "3").replace("²", "2").replace("µ", "μ").replace("每", "/")
    return re.sub(r"\s+", "", text)


_add("length", "1", "mm", "毫米", "公厘")
_add("length", "10", "cm", "厘米", "公分")
_add("length", "100", "dm", "分米")
_add("length", "1000", "m", "米", "公尺")
_add("length", "1000000", "km", "公里", "千米")
_add("length", "0.001", "μm", "um", "微米", "micron")
_add("length", "0.000001", "nm", "纳米")
_add("length", "0.01", "丝", "忽米")  # machinists' 丝 = 0.01 mm
_add("length", "25.4", "英寸", "寸", "inch", "in", '"')
_add("speed_rot", "1", "rpm", "r/min", "rev/min", "转/分", "转/分钟", "转", "r", "转每分钟")
_add("speed_rot", "60", "rps", "r/s", "转/秒")
_add("power", "1", "w", "瓦", "瓦特")
_add("power", "1000", "kw", "千瓦")
_add("power", "1000000", "mw", "兆瓦")
_add("power", "735.49875", "马力", "ps")
_add("mass", "1", "g", "克")
_add("mass", "1000", "kg", "公斤", "千克")
_add("mass", "1000000", "t", "吨", "噸")
_add("force", "1", "n", "牛")
_add("force", "1000", "kn", "千牛")
_add("force", "1000000", "mn", "兆牛")
_add("force", "9806.65", "tf", "吨力")
_add("pressure", "1", "pa", "帕")
_add("pressure", "1000", "kpa", "千帕")
_add("pressure", "1000000", "mpa", "兆帕")
_add("pressure", "100000", "bar", "巴")
_add("pressure", "101325", "atm", "标准大气压", "大气压")
_add("temperature", "1", "°c", "℃", "度", "摄氏度", "c")
_add("time", "1", "s", "秒", "sec")
_add("time", "60", "min", "分", "分钟")
_add("time", "3600", "h", "小时", "hr")
_add("time", "86400", "d", "天")
_add("voltage", "1", "v", "伏")
_add("voltage", "1000", "kv", "千伏")
_add("apparent_power", "1", "va")
_add("apparent_power", "1000", "kva", "千伏安")
_add("apparent_power", "1000000", "mva", "兆伏安")
_add("volume", "1", "l", "升", "公升")
_add("volume", "1000", "m3", "立方米", "方")
_add("flow", "1", "m3/h", "立方米/小时", "方/小时", "立方/小时", "m3/hr")
_add("flow", "60", "m3/min", "立方米/分钟", "方/分钟", "立方/分")
_add("flow", "0.001", "l/h", "升/小时")
_add("flow", "0.06", "l/min", "升/分钟")
_add("mass_flow", "1", "kg/h", "公斤/小时", "千克/小时")
_add("mass_flow", "1000", "t/h", "吨/小时", "吨/时")
_add("velocity", "1", "m/s", "米/秒")
_add("velocity", "0.0166666666666666667", "m/min", "米/分钟", "米/分")
_add("frequency", "1", "hz", "赫兹")
_add("frequency", "1000", "khz", "千赫")
_add("frequency", "1000000", "mhz", "兆赫")
_add("percent", "1", "%", "百分比")

# 万 and friends in front of a unit or alone: 1.2万转, 3千瓦 is a unit (千瓦) not 3×千×瓦, so units
# are tried first and the multiplier only when the rest is not a unit by itself.
_MULTIPLIERS = {
    "万": Decimal(10000),
    "千": Decimal(1000),
    "百": Decimal(100),
    "亿": Decimal(100000000),
    "k": Decimal(1000),
}
_NUMBER = re.compile(r"^([-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(.*)$")
# What people put before a number: diameters (φ3.2m), approximations, bounds.
_PREFIX = re.compile(r"^(?:[φΦøØ∅]|约|最大|最高|最小|最低|max|min|≥|≤|>=|<=|>|<|~|±)+")


class UnitError(ValueError):
    """A value whose number or unit cannot be understood; the message is for the user (Chinese)."""


def unit_dimension(unit: str | None) -> tuple[str, Decimal] | None:
    return _UNITS.get(_normalise_unit(unit)) if unit else None


def parse_quantity(text: str, unit: str | None) -> float | int:
    """The number `text` states, in `unit` (the schema's). A bare number is taken as already in
    `unit`; a different unit of the same dimension is converted; anything else is a UnitError."""
    value = unicodedata.normalize("NFKC", text).strip().lower().replace(",", "").replace("，", "")
    value = _PREFIX.sub("", re.sub(r"\s+", "", value))
    match = _NUMBER.match(value)
    if not match:
        raise UnitError(f"无法识别数值“{text[:40]}”")
    try:
        number = Decimal(match.group(1))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise UnitError(f"无法识别数值“{text[:40]}”") from exc
    rest = match.group(2)
    factor = Decimal(1)
    if rest and _normalise_unit(rest) not in _UNITS and rest[0] in _MULTIPLIERS and not _literal(rest, unit):
        factor, rest = _MULTIPLIERS[rest[0]], rest[1:]
    number *= factor
    if rest and not _literal(rest, unit):
        source = _UNITS.get(_normalise_unit(rest))
        target = unit_dimension(unit)
        if source is None:
            raise UnitError(f"无法识别单位“{rest[:20]}”（应为 {unit or '无单位'}）")
        if target is None or source[0] != target[0]:
            if source[0] == "mass" and target is not None and target[0] == "force":
                source = ("force", source[1] * Decimal("9.80665") / 1000)  # 200吨 of press force → kN
            else:
                raise UnitError(f"单位“{rest[:20]}”不能换算为 {unit or '无单位'}")
        number = number * source[1] / target[1]
    return _plain(number)


def _literal(rest: str, unit: str | None) -> bool:
    """The text after the number is the schema's own unit, written as it is (轴, 工位, 件/min …)."""
    return unit is not None and _normalise_unit(rest) == _normalise_unit(unit)


def _plain(number: Decimal) -> float | int:
    """An int when whole, else the shortest float (no 0.30000000000000004 from the conversion)."""
    if number == number.to_integral_value():
        return int(number)
    return float(round(number, 12).normalize())
