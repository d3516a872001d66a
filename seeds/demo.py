"""Demo data for equipmatch: organisations, users, listings (供给清单) and demands (需求清单).

Pure Python and deterministic: the same ``seed`` always gives the same data. Nothing here
touches a database; ``equipmatch seed demo`` turns the result into rows.

Every demo user shares one password, :data:`DEMO_PASSWORD`; :func:`credentials_table` lists
the accounts for the README.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from catalog.organizations.uscc import generate_uscc
from catalog.regions.codes import city_of, province_of

__all__ = [
    "DEMO_EMAIL_DOMAIN",
    "DEMO_PASSWORD",
    "DemoData",
    "DemoDemand",
    "DemoListing",
    "DemoOrganization",
    "DemoUser",
    "credentials_table",
    "generate",
]

DEMO_PASSWORD = "Demo@2024"
DEMO_EMAIL_DOMAIN = "demo.equipmatch.cn"
DEFAULT_TAXONOMY_PATH = Path(__file__).resolve().parent / "taxonomy.yaml"

MOTIVATIONS = ("high_end", "smart", "green", "safety")

SpecValue = int | float | str


# ---------------------------------------------------------------------------
# Public records
# ---------------------------------------------------------------------------


@dataclass
class DemoUser:
    email: str
    password: str
    display_name: str


@dataclass
class DemoOrganization:
    key: str
    name: str
    uscc: str
    kind: str  # "supplier" | "buyer" | "bureau"
    region_code: str
    industry_code: str | None
    users: list[DemoUser] = field(default_factory=list)


@dataclass
class DemoListing:
    org_key: str
    external_id: str
    title: str
    category: str  # taxonomy leaf code
    brand: str | None
    model: str | None
    description: str
    price_min: Decimal | None
    price_max: Decimal | None
    lead_time_days: int | None
    energy_grade: int | None
    tags: list[str]
    service_regions: list[str]
    specs: dict[str, SpecValue]
    publish: bool


@dataclass
class DemoDemand:
    org_key: str
    external_id: str
    title: str
    category: str | None  # taxonomy leaf code, or None when it is to be inferred from the text
    description: str
    quantity: int
    budget_max: Decimal | None
    region_code: str
    needed_by: datetime.date | None
    motivations: list[str]  # subset of MOTIVATIONS
    replaces: dict[str, Any] | None  # {"description", "age_years", "count", "energy_grade"}
    specs: dict[str, SpecValue]
    publish: bool


@dataclass
class DemoData:
    organizations: list[DemoOrganization]
    listings: list[DemoListing]
    demands: list[DemoDemand]


# ---------------------------------------------------------------------------
# Taxonomy (read from seeds/taxonomy.yaml)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Spec:
    key: str
    name: str
    type: str  # integer | number | string
    unit: str | None
    better: str  # higher | lower | none
    min: float | None
    max: float | None


@dataclass(frozen=True)
class _Leaf:
    code: str
    name: str
    group_code: str
    group_name: str
    aliases: tuple[str, ...]
    replaces: tuple[str, ...]
    specs: tuple[_Spec, ...]


def _load_leaves(path: Path) -> list[_Leaf]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    leaves: list[_Leaf] = []
    for group in raw["groups"]:
        for child in group.get("children") or []:
            specs = tuple(
                _Spec(
                    key=str(s["key"]),
                    name=str(s["name"]),
                    type=str(s["type"]),
                    unit=None if s.get("unit") is None else str(s["unit"]),
                    better=str(s.get("better", "none")),
                    min=None if s.get("min") is None else float(s["min"]),
                    max=None if s.get("max") is None else float(s["max"]),
                )
                for s in child.get("specs") or []
            )
            leaves.append(
                _Leaf(
                    code=str(child["code"]),
                    name=str(child["name"]),
                    group_code=str(group["code"]),
                    group_name=str(group["name"]),
                    aliases=tuple(str(a) for a in child.get("aliases") or []),
                    replaces=tuple(str(r) for r in child.get("replaces") or []),
                    specs=specs,
                )
            )
    return leaves


# ---------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _OrgSeed:
    slug: str  # ASCII; key of the organisation and its e-mail sub-domain
    name: str
    kind: str
    region_code: str
    industry_code: str | None
    categories: tuple[str, ...] = ()  # suppliers: leaf codes sold; buyers: leaf codes wanted
    zhuanjing: bool = False  # 专精特新
    green_factory: bool = False  # 绿色工厂
    own_brand: str | None = None  # suppliers that make their own equipment
    short: str = ""  # buyers: short name used in demand titles


_BUREAUS: tuple[_OrgSeed, ...] = (
    _OrgSeed("jining", "济宁市工业和信息化局", "bureau", "370800", None),
    _OrgSeed("jnhitech", "济宁高新区经济发展局", "bureau", "370871", None),
    _OrgSeed("jiaxing", "嘉兴市经济和信息化局", "bureau", "330400", None),
    _OrgSeed("haining", "海宁市经济和信息化局", "bureau", "330481", None),
    _OrgSeed("haiyan", "海盐县经济和信息化局", "bureau", "330424", None),
    _OrgSeed("pinghu", "平湖市经济和信息化局", "bureau", "330482", None),
    _OrgSeed("tongxiang", "桐乡市经济和信息化局", "bureau", "330483", None),
    _OrgSeed("jiashan", "嘉善县经济和信息化局", "bureau", "330421", None),
    _OrgSeed("quanzhou", "泉州市工业和信息化局", "bureau", "350500", None),
    _OrgSeed("sichuan", "四川省经济和信息化厅", "bureau", "510000", None),
    _OrgSeed("chengdu", "成都市经济和信息化局", "bureau", "510100", None),
)

_SUPPLIERS: tuple[_OrgSeed, ...] = (
    _OrgSeed(
        "luning-cnc",
        "山东鲁宁数控机床有限公司",
        "supplier",
        "370811",
        "C3421",
        ("0101", "0102", "0103", "0109", "0105", "0106", "0110"),
        zhuanjing=True,
        own_brand="鲁宁",
    ),
    _OrgSeed(
        "qihang-robot",
        "山东启航智能装备股份有限公司",
        "supplier",
        "370871",
        "C3491",
        ("0201", "0202", "0203", "0204", "0205", "1301"),
        zhuanjing=True,
    ),
    _OrgSeed(
        "taifeng-boiler",
        "山东泰丰节能锅炉有限公司",
        "supplier",
        "370812",
        "C3411",
        ("0701", "1103"),
        green_factory=True,
        own_brand="泰丰",
    ),
    _OrgSeed("huayuan-motor", "济宁华源电机科技有限公司", "supplier", "370883", "C3812", ("0702", "0705", "0409")),
    _OrgSeed(
        "luan-chem",
        "山东鲁安化工装备有限公司",
        "supplier",
        "370881",
        "C3521",
        ("0401", "0402", "0403", "0404", "0405", "0406", "0407", "0408", "0409", "0410", "0411", "0412"),
        own_brand="鲁安",
    ),
    _OrgSeed(
        "jiali-auto",
        "浙江嘉力智能装备股份有限公司",
        "supplier",
        "330411",
        "C3491",
        ("0201", "0202", "0204", "0205", "1301"),
        zhuanjing=True,
    ),
    _OrgSeed(
        "hengcheng-textile",
        "海宁恒诚纺织机械有限公司",
        "supplier",
        "330481",
        "C3551",
        ("0803", "0804", "0805"),
        own_brand="恒诚",
    ),
    _OrgSeed(
        "haijing-machine",
        "浙江海盐精工机械有限公司",
        "supplier",
        "330424",
        "C3422",
        ("0108", "0106", "0105", "1203"),
        zhuanjing=True,
        own_brand="海精机械",
    ),
    _OrgSeed(
        "hexin-energy",
        "浙江禾新能源装备有限公司",
        "supplier",
        "330421",
        "C3569",
        ("0301", "0302", "0303", "0304", "0305", "0306", "0307", "0308"),
    ),
    _OrgSeed(
        "jiahuan-env",
        "浙江嘉环环保科技有限公司",
        "supplier",
        "330402",
        "C3591",
        ("1101", "1102", "1103", "1104", "1105"),
        green_factory=True,
    ),
    _OrgSeed(
        "keda-test",
        "桐乡市科达检测仪器有限公司",
        "supplier",
        "330483",
        "C4014",
        ("0901", "0902", "0903", "0904", "0906"),
    ),
    _OrgSeed(
        "huafeng-sewing", "平湖市华缝智能缝制设备有限公司", "supplier", "330482", "C3553", ("0808", "0807", "0806")
    ),
    _OrgSeed(
        "minrui-stone",
        "福建闽锐石材机械有限公司",
        "supplier",
        "350583",
        "C3515",
        ("0107", "0602", "0603", "0604"),
        own_brand="闽锐",
    ),
    _OrgSeed(
        "hongxin-shoe",
        "泉州鸿鑫鞋服智能装备有限公司",
        "supplier",
        "350582",
        "C3552",
        ("0807", "0802", "0801", "1201"),
        own_brand="鸿鑫",
    ),
    _OrgSeed("quanneng-electric", "福建泉能电气设备有限公司", "supplier", "350503", "C3821", ("0703", "0702", "0704")),
    _OrgSeed(
        "shuchuan-env",
        "四川蜀川环保科技有限公司",
        "supplier",
        "510116",
        "C3591",
        ("1101", "1102", "1104", "1105", "0601"),
        green_factory=True,
    ),
    _OrgSeed(
        "tianfu-im",
        "四川天府智能制造装备有限公司",
        "supplier",
        "510112",
        "C3421",
        ("0101", "0102", "0104", "0201", "0202", "0204", "0205", "1301"),
        zhuanjing=True,
    ),
    _OrgSeed(
        "jincheng-test",
        "成都锦程检测技术有限公司",
        "supplier",
        "510107",
        "C4015",
        ("0901", "0902", "0903", "0905", "1001", "1002", "1003"),
    ),
    _OrgSeed(
        "shuniang-food",
        "四川蜀酿食品机械有限公司",
        "supplier",
        "511500",
        "C3531",
        ("1401", "1402", "0205"),
        own_brand="蜀酿",
    ),
    _OrgSeed(
        "dezhong-energy",
        "四川德重能源装备有限公司",
        "supplier",
        "510600",
        "C3411",
        ("0701", "0703", "0411", "0412", "1102", "1103"),
    ),
    _OrgSeed(
        "xince-electronic", "成都芯测电子设备有限公司", "supplier", "510117", "C3562", ("1501", "1502", "1503", "0904")
    ),
    _OrgSeed(
        "haichuang-iiot",
        "浙江海创工业互联网科技有限公司",
        "supplier",
        "330106",
        "I6513",
        ("1302", "1303", "1301"),
        zhuanjing=True,
        own_brand="海创",
    ),
    _OrgSeed(
        "anrui-safety",
        "山东安瑞应急装备有限公司",
        "supplier",
        "370102",
        "C3595",
        ("1001", "1002", "1003"),
        own_brand="安瑞",
    ),
    _OrgSeed(
        "lusu-machine",
        "山东鲁塑智能装备有限公司",
        "supplier",
        "370211",
        "C3523",
        ("1201", "1202", "1203", "1204", "0501", "0502", "0905"),
    ),
)

_BUYERS: tuple[_OrgSeed, ...] = (
    _OrgSeed(
        "luyue-cm",
        "山东鲁岳工程机械有限公司",
        "buyer",
        "370811",
        "C3514",
        ("0101", "0102", "0105", "0106", "0202", "0104", "1204", "0901"),
        short="鲁岳工程机械",
    ),
    _OrgSeed(
        "huafang-textile",
        "山东嘉祥华纺纺织有限公司",
        "buyer",
        "370829",
        "C1711",
        ("0803", "0801", "0802", "0704", "0702"),
        short="华纺纺织",
    ),
    _OrgSeed(
        "luhua-chem",
        "山东金乡鲁化化工有限公司",
        "buyer",
        "370828",
        "C2614",
        ("0405", "0406", "0407", "0408", "0409", "0410", "1001", "1104"),
        short="鲁化化工",
    ),
    _OrgSeed(
        "qiming-battery",
        "山东启明新能源电池有限公司",
        "buyer",
        "370871",
        "C3841",
        ("0301", "0302", "0303", "0304", "0305", "0203", "0204", "0205"),
        short="启明新能源",
    ),
    _OrgSeed(
        "zoufeng-bio",
        "山东邹峰生物科技有限公司",
        "buyer",
        "370883",
        "C1495",
        ("0401", "0402", "0403", "0404", "0701", "1105"),
        short="邹峰生物",
    ),
    _OrgSeed(
        "yanlu-tire",
        "山东兖鲁轮胎有限公司",
        "buyer",
        "370812",
        "C2911",
        ("0501", "0502", "0702", "0703", "0705", "0201"),
        short="兖鲁轮胎",
    ),
    _OrgSeed(
        "liangwei-vehicle",
        "山东梁威专用汽车制造有限公司",
        "buyer",
        "370832",
        "C3660",
        ("0202", "0104", "1204", "0105", "0203"),
        short="梁威专用车",
    ),
    _OrgSeed(
        "sifeng-cement",
        "济宁泗峰水泥有限公司",
        "buyer",
        "370831",
        "C3011",
        ("0601", "0602", "1101", "1102", "1103", "0702"),
        short="泗峰水泥",
    ),
    _OrgSeed(
        "jinwa-knit",
        "海宁市锦袜针织有限公司",
        "buyer",
        "330481",
        "C1763",
        ("0804", "0704", "0205", "1302"),
        short="锦袜针织",
    ),
    _OrgSeed(
        "wanlong-warp",
        "浙江海宁万隆经编有限公司",
        "buyer",
        "330481",
        "C1761",
        ("0805", "0802", "0806", "0704"),
        short="万隆经编",
    ),
    _OrgSeed(
        "guli-fastener",
        "浙江海盐固力紧固件有限公司",
        "buyer",
        "330424",
        "C3484",
        ("0108", "1203", "0201", "0901", "0702"),
        short="固力紧固件",
    ),
    _OrgSeed(
        "yatu-luggage",
        "平湖市雅途箱包有限公司",
        "buyer",
        "330482",
        "C1922",
        ("0808", "1201", "0104", "1301"),
        short="雅途箱包",
    ),
    _OrgSeed(
        "tonghua-fiber",
        "浙江桐华化纤有限公司",
        "buyer",
        "330483",
        "C2822",
        ("0701", "1103", "0702", "0409", "0204"),
        short="桐华化纤",
    ),
    _OrgSeed(
        "jiashan-pe",
        "浙江嘉善精密电子有限公司",
        "buyer",
        "330421",
        "C3982",
        ("1501", "1502", "0204", "0903"),
        short="嘉善精密电子",
    ),
    _OrgSeed(
        "huasheng-stone",
        "南安华晟石业有限公司",
        "buyer",
        "350583",
        "C3032",
        ("0107", "1101", "1105", "0101"),
        short="华晟石业",
    ),
    _OrgSeed(
        "jinhong-shoes",
        "福建晋鸿鞋业有限公司",
        "buyer",
        "350582",
        "C1951",
        ("0807", "1201", "0808", "1104"),
        short="晋鸿鞋业",
    ),
    _OrgSeed(
        "jincheng-apparel",
        "石狮市锦程服饰有限公司",
        "buyer",
        "350581",
        "C1811",
        ("0808", "0806", "0802"),
        short="锦程服饰",
    ),
    _OrgSeed(
        "ciyuan-ceramic",
        "福建德化瓷源陶瓷有限公司",
        "buyer",
        "350526",
        "C3074",
        ("0603", "0604", "0905", "1101"),
        short="瓷源陶瓷",
    ),
    _OrgSeed(
        "shujiao-liquor",
        "四川宜宾蜀窖酒业有限公司",
        "buyer",
        "511500",
        "C1512",
        ("1401", "1402", "0205", "0701"),
        short="蜀窖酒业",
    ),
    _OrgSeed(
        "chuansheng-chem",
        "四川眉山川盛化工有限公司",
        "buyer",
        "511400",
        "C2612",
        ("0412", "0405", "0410", "1001", "0406", "1003"),
        short="川盛化工",
    ),
    _OrgSeed(
        "jinxin-electronic",
        "成都锦芯电子科技有限公司",
        "buyer",
        "510117",
        "C3982",
        ("1501", "1503", "1502", "0903", "0904"),
        short="锦芯电子",
    ),
    _OrgSeed(
        "lejing-solar",
        "四川乐晶硅材料有限公司",
        "buyer",
        "511100",
        "C3825",
        ("0308", "0307", "0306", "0204"),
        short="乐晶硅材料",
    ),
    _OrgSeed(
        "xinda-machinery",
        "四川德阳鑫达机械制造有限公司",
        "buyer",
        "510600",
        "C3499",
        ("0101", "0102", "0103", "0901", "0902", "0905"),
        short="鑫达机械",
    ),
)

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
_GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀英",
    "华",
    "建国",
    "海燕",
    "志强",
    "晓东",
    "文博",
    "晨阳",
    "雪梅",
    "国栋",
    "立新",
    "春雷",
    "思远",
)
_ROLE_TITLES = {
    "bureau": ("科长", "副科长"),
    "supplier": ("销售经理", "售后经理"),
    "buyer": ("设备部经理", "采购主管"),
}


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def _email(local: str, slug: str) -> str:
    return f"{local}@{slug}.{DEMO_EMAIL_DOMAIN}"


# ---------------------------------------------------------------------------
# Equipment profiles: brands, prices, typical spec values, wording
# ---------------------------------------------------------------------------

_Typical = tuple[float, float] | list[float] | list[str]

_CNC = ["华中数控HNC-848D", "广州数控GSK 25i", "科德GNC62", "凯恩帝K2000", "FANUC 0i-MF", "西门子828D"]

# leaf code -> [(brand, [models])]
_BRANDS: dict[str, list[tuple[str, list[str]]]] = {
    "0101": [
        ("海天精工", ["VMC850", "VMC1160", "HMC63", "GMC2030"]),
        ("纽威数控", ["VM850", "HM80", "DU5A"]),
        ("科德数控", ["KMC800U", "KTurnMill", "GNC-V6"]),
        ("创世纪", ["T-V856S", "T-700"]),
        ("北京精雕", ["JDGR400", "JDHGT600"]),
    ],
    "0102": [
        ("沈阳机床", ["i5T3", "HTC2550"]),
        ("宝鸡机床", ["CK7525", "BL-500"]),
        ("海天精工", ["HTM-63", "HTC-40"]),
        ("纽威数控", ["SL403", "CK40"]),
        ("济南一机", ["CK6150", "J1CK40"]),
    ],
    "0103": [
        ("秦川机床", ["YK7236", "QMK50A"]),
        ("上海机床厂", ["H198", "MKS1332"]),
        ("杭机股份", ["MGK7150", "MKA2110"]),
    ],
    "0104": [
        ("大族激光", ["G3015HF", "G6020HF", "G12025HF"]),
        ("华工科技", ["GF3015", "LMF6025"]),
        ("邦德激光", ["E3", "i7"]),
        ("宏山激光", ["HS-G3015C", "HS-G6025H"]),
    ],
    "0105": [
        ("亚威股份", ["PBH-110/3100", "PBB-220/4100"]),
        ("扬力集团", ["MB8-100x3200", "MB8-220x4000"]),
        ("金方圆", ["PBS-160/3200"]),
    ],
    "0106": [
        ("天锻压力机", ["YH32-315", "THP34-500"]),
        ("合锻智能", ["YRK-630", "HFP-2000"]),
        ("扬力集团", ["HPS-400", "YJS-800"]),
    ],
    "0107": [("鑫泰机械", ["XT-SJ55", "XT-CNC3000"]), ("华盛石材机械", ["HS-2500", "HS-5000"])],
    "0108": [("东瑞机械", ["DBF-13B6S", "DBF-19B6S"]), ("春雨精机", ["CY-166", "CY-258"])],
    "0109": [("北京精雕", ["JDLVM400", "JDCT600"]), ("汉川机床", ["XK714", "XK716"]), ("南通机床", ["XK7132"])],
    "0110": [("苏州三光", ["DK7740", "SG-H600"]), ("北京迪蒙", ["DM-HR400"]), ("汉霸数控", ["HB-500"])],
    "0201": [
        ("埃斯顿", ["ER20-1780", "ER50-2100", "ER170-2650"]),
        ("新松", ["SR20", "SR210A"]),
        ("埃夫特", ["ER6-1600", "ER130"]),
        ("汇川技术", ["IR-R7", "IR-S4"]),
        ("节卡", ["JAKA Zu 12"]),
        ("遨博", ["AUBO-i10"]),
    ],
    "0202": [
        ("埃斯顿", ["ER6-1600-W", "ER12-1510-W"]),
        ("新松", ["SRH-6"]),
        ("凯尔达", ["KR6-WD"]),
        ("卡诺普", ["CRP-RH14-10-W"]),
        ("埃夫特", ["ER8-1440-W"]),
    ],
    "0203": [
        ("大族激光", ["HW-1500", "LWS-3000"]),
        ("华工科技", ["HGL-W2000"]),
        ("联赢激光", ["UW-F2000", "UW-M6000"]),
    ],
    "0204": [
        ("新松", ["AGV-L1000"]),
        ("海康机器人", ["CM100", "FM1-L1000"]),
        ("极智嘉", ["P800", "M1000R"]),
        ("昆船智能", ["KSEC-AGV-1500"]),
    ],
    "0205": [
        ("今天国际", ["TMS-AS", "TMS-SH"]),
        ("昆船智能", ["KS-ASRS"]),
        ("诺力股份", ["NL-ASRS"]),
        ("北自科技", ["BZ-ASRS"]),
    ],
    "0301": [("先导智能", ["XD-TB1300", "XD-TB1600"]), ("赢合科技", ["YH-TB1000"]), ("曼恩斯特", ["MS-SD800"])],
    "0302": [("赢合科技", ["YH-MQ600"]), ("先导智能", ["XD-LDC"]), ("海目星", ["HMX-LDC120"])],
    "0303": [("先导智能", ["XD-JR-P4"]), ("赢合科技", ["YH-JR45"]), ("吉阳智能", ["JY-W40"])],
    "0304": [("赢合科技", ["YH-ZY20"]), ("先导智能", ["XD-ZY32"]), ("海目星", ["HMX-ZY"])],
    "0305": [("杭可科技", ["HK-FC-512", "HK-HC-256"]), ("星云股份", ["XY-FR-128"]), ("先导智能", ["XD-HCFR"])],
    "0306": [("奥特维", ["AUTOWELL-CH12", "AUTOWELL-CH20"]), ("先导智能", ["XD-CH"]), ("宁夏小牛", ["XN-C16"])],
    "0307": [("迈为股份", ["MW-PE5"]), ("捷佳伟创", ["SC-PECVD"]), ("拉普拉斯", ["LPS-P5"]), ("北方华创", ["NMC-PE"])],
    "0308": [("晶盛机电", ["JSD-120", "JSD-130"]), ("连城数控", ["LDJ-FT1600"]), ("北方华创", ["TDR-140"])],
    "0401": [("乐科节能", ["LK-MVR-10", "LK-MVR-30"]), ("蓝科高新", ["LK-EV3"])],
    "0402": [("巨能机械", ["LW450", "LW550"]), ("浙江轻机", ["LWS-550", "DHC400"])],
    "0403": [("一步干燥", ["LPG-500", "XSG-8"]), ("范群干燥", ["FQ-PG200"])],
    "0404": [("蓝晓科技", ["CIX-24", "SMB-30"])],
    "0405": [
        ("太极搪瓷", ["K-5000", "F-6300"]),
        ("威海化机", ["WHFS-5000", "GSH-2000"]),
        ("扬阳化工设备", ["F-5000L"]),
    ],
    "0406": [("豪迈科技", ["HM-MCR-100", "HM-MCR-500"]), ("微井科技", ["MW-FLOW-2"])],
    "0407": [("天大北洋", ["BY-DT1200", "BY-DT2400"]), ("兰石重装", ["LS-T1800"])],
    "0408": [("兰石重装", ["LS-BEM600", "LS-PHE"]), ("四平巨元", ["BR0.5", "BR1.0"])],
    "0409": [("南方泵业", ["CDM32", "ZS80-50"]), ("利欧泵业", ["IH80-65-160"]), ("大福泵业", ["CQB65-50"])],
    "0410": [("中集安瑞科", ["CIMC-T1000"]), ("兰石重装", ["LS-TK5000"])],
    "0411": [("航天工程", ["HT-L1500", "HT-L2000"])],
    "0412": [("蓝星北化机", ["NBH-2.7", "BiTAC-9"]), ("隆基氢能", ["ALK G4"])],
    "0501": [("大连橡塑", ["GK400N", "GK270N"]), ("益阳橡机", ["XM-270", "XM-370"])],
    "0502": [("桂林橡机", ["LLY-B1300", "LLY-65"]), ("华澳科技", ["HA-65", "HA-52"])],
    "0601": [("中材建设", ["TC-12102", "TC-1392"]), ("天津水泥院", ["TCFC-5000"])],
    "0602": [("中信重工", ["MLS4531", "CLF180-120"]), ("合肥水泥院", ["HRM4800", "HFCG160"])],
    "0603": [("科达制造", ["KD-RK280", "KD-TK180"]), ("摩德娜", ["MD-RK320"])],
    "0604": [("中信重工", ["MQY3645"]), ("科达制造", ["KD-QM100"])],
    "0701": [
        ("杭锅", ["QC250/900", "WNS15-1.25-Q", "DHL35"]),
        ("川锅", ["DZL10-1.25", "SZS20-2.5-Q"]),
        ("方快锅炉", ["WNS10-1.25-Q", "WNS6-1.6-Q"]),
    ],
    "0702": [
        ("卧龙电驱", ["YE5-315L-4", "TYCX-280M-4"]),
        ("佳木斯电机", ["YBX4-250M-4", "YE4-200L-4"]),
        ("皖南电机", ["YE4-280M-4", "TYPC-315"]),
    ],
    "0703": [
        ("特变电工", ["SCB18-1600/10", "S22-M-2000/10"]),
        ("正泰", ["SCB14-1000/10", "S20-M-800/10"]),
        ("中国西电", ["SZ20-10000/35"]),
    ],
    "0704": [("开山", ["LGCY-22/8", "JN132-8", "BV75"]), ("鲍斯", ["BSV75", "BSM110"]), ("捷豹", ["JFY-90"])],
    "0705": [("金通灵", ["G9-26", "D1200"]), ("磁谷科技", ["CG200", "CG400"]), ("亿利达", ["SYD-800"])],
    "0801": [("日发纺机", ["RFJA30", "RFJA20"]), ("青岛天一", ["JA-11-190", "JA-11-280"])],
    "0802": [("立信染整", ["ECO-6", "HT-OF"]), ("三技精密", ["SJ-TM"])],
    "0803": [("经纬纺机", ["JWF1572", "JWF1562"]), ("日发纺机", ["RFRS40"])],
    "0804": [("叶晓", ["YX-6FP", "YX-D4"]), ("罗速", ["RS-6F", "RS-4S"])],
    "0805": [("鑫港", ["RSE4-1", "HKS3-M"]), ("润源经编", ["RJ5", "RDPJ6"])],
    "0806": [("宏华数码", ["VEGA 9180", "SPEED 1800"]), ("汉印", ["HY-DTP1900"])],
    "0807": [("金莱特", ["JLT-ZS24", "JLT-PJ"]), ("华宝智能", ["HB-FZ12"])],
    "0808": [("杰克股份", ["A7", "E4", "JK-T3020"]), ("中捷股份", ["ZJ-9800", "ZJ-M6"])],
    "0901": [("思瑞测量", ["Croma 8106", "Explorer 10128"]), ("中图仪器", ["CMM Pro 686", "Vantage 10158"])],
    "0902": [("汕头超声", ["CTS-9009", "CTS-PA22"]), ("中科创新", ["HS610", "HS-PA20"])],
    "0903": [("重庆哈丁", ["HD-E702", "HD-GDW"]), ("苏试试验", ["ST-THC-408", "ST-RT1000"])],
    "0904": [
        ("普源精电", ["DHO4804", "MSO8104"]),
        ("鼎阳科技", ["SDS6204", "SSA5083A"]),
        ("中电科思仪", ["4051", "3672"]),
    ],
    "0905": [("铂力特", ["BLT-S400", "BLT-S800"]), ("华曙高科", ["FS421M", "FS621M"]), ("易加三维", ["EP-M450"])],
    "0906": [
        ("聚光科技", ["IC-8000", "GC-1100"]),
        ("天瑞仪器", ["EDX3600", "ICP-MS 2000"]),
        ("青岛盛瀚", ["CIC-D160"]),
    ],
    "1001": [("汉威科技", ["GQ-AEC2232", "HW-FMS"]), ("安瑞", ["AR-GD100", "AR-ESD"])],
    "1002": [("大疆", ["M350 RTK", "M30T"]), ("纵横股份", ["CW-15", "CW-25"])],
    "1003": [("开诚智能", ["RXR-M80D", "KCJ-XJ01"]), ("亿嘉和", ["YJH-XJ300"])],
    "1101": [("菲达环保", ["FE-DB", "FCS-400"]), ("龙净环保", ["LJD-CD", "LJB-600"])],
    "1102": [("龙净环保", ["LJS-SCR", "LJD-FGD"]), ("清新环境", ["QX-SCR"])],
    "1103": [("杭锅", ["Q100/380", "HRSG-35"]), ("中材节能", ["ZCJN-YR9"])],
    "1104": [("菲达环保", ["FD-RTO-30K"]), ("克莱特", ["KLT-RCO-20K"])],
    "1105": [("碧水源", ["MBR-500", "DF-2000"]), ("菲达环保", ["FD-WT300"])],
    "1201": [
        ("海天国际", ["MA2500", "JU6500", "VE1600"]),
        ("伊之密", ["FE-280", "UN380A5"]),
        ("力劲科技", ["FORZA-300"]),
    ],
    "1202": [("力劲科技", ["DCC1600", "DCC4000"]), ("伊之密", ["DM3000", "LEAP 9000"])],
    "1203": [("丰东热技术", ["UBE-1000", "WZC-60"]), ("海精机械", ["HJ-WD300"])],
    "1204": [("埃夫特", ["GR6150-LINE", "GR630ST"]), ("杰瑞涂装", ["JR-PT200"])],
    "1301": [("启航智能", ["QH-FMS-8", "QH-AL20"]), ("嘉力智能", ["JL-LINE-12"]), ("天府智造", ["TF-FMC"])],
    "1302": [("海创", ["HC-EG300", "HC-5GW"]), ("树根互联", ["根云EG2000"])],
    "1303": [("海创", ["HC-MES 5.0", "HC-DT"]), ("鼎捷数智", ["鼎捷MES"])],
    "1401": [("蜀酿", ["SN-ZQ20", "SN-NZ60"]), ("新美星", ["XMX-NZ"])],
    "1402": [("新美星", ["XMX-GZ12", "XMX-BZ"]), ("达意隆", ["DY-GX24"])],
    "1501": [("路远智能", ["LY-SM480"]), ("凯格精机", ["GKG-P8"])],
    "1502": [("长川科技", ["C7", "C9Q"]), ("芯测", ["XC-FX32"])],
    "1503": [("新益昌", ["XYC-GJ06", "XYC-HJ"]), ("芯测", ["XC-FZ10"])],
}

# leaf code -> price range of one unit, in 10 000 yuan (万元)
_PRICE_WAN: dict[str, tuple[float, float]] = {
    "0101": (30, 120),
    "0102": (12, 60),
    "0103": (20, 150),
    "0104": (30, 200),
    "0105": (15, 80),
    "0106": (20, 300),
    "0107": (15, 60),
    "0108": (40, 300),
    "0109": (10, 60),
    "0110": (15, 100),
    "0201": (10, 40),
    "0202": (15, 60),
    "0203": (8, 80),
    "0204": (8, 60),
    "0205": (300, 3000),
    "0301": (300, 1500),
    "0302": (80, 400),
    "0303": (100, 500),
    "0304": (50, 300),
    "0305": (20, 150),
    "0306": (80, 300),
    "0307": (500, 2500),
    "0308": (150, 500),
    "0401": (100, 1200),
    "0402": (20, 150),
    "0403": (30, 500),
    "0404": (80, 800),
    "0405": (5, 120),
    "0406": (30, 300),
    "0407": (100, 2000),
    "0408": (5, 200),
    "0409": (1, 40),
    "0410": (20, 800),
    "0411": (2000, 20000),
    "0412": (500, 5000),
    "0501": (100, 1500),
    "0502": (80, 500),
    "0601": (800, 3000),
    "0602": (500, 5000),
    "0603": (300, 3000),
    "0604": (30, 300),
    "0701": (50, 300),
    "0702": (0.5, 30),
    "0703": (10, 300),
    "0704": (5, 80),
    "0705": (3, 150),
    "0801": (12, 30),
    "0802": (30, 300),
    "0803": (40, 300),
    "0804": (3, 8),
    "0805": (30, 200),
    "0806": (50, 500),
    "0807": (20, 300),
    "0808": (0.5, 8),
    "0901": (30, 200),
    "0902": (2, 300),
    "0903": (3, 60),
    "0904": (2, 100),
    "0905": (80, 1500),
    "0906": (10, 100),
    "1001": (5, 200),
    "1002": (5, 60),
    "1003": (30, 200),
    "1101": (50, 1500),
    "1102": (300, 5000),
    "1103": (100, 3000),
    "1104": (50, 800),
    "1105": (20, 1000),
    "1201": (15, 300),
    "1202": (80, 3000),
    "1203": (30, 500),
    "1204": (100, 2000),
    "1301": (200, 3000),
    "1302": (0.5, 20),
    "1303": (20, 500),
    "1401": (100, 2000),
    "1402": (50, 800),
    "1501": (50, 300),
    "1502": (30, 300),
    "1503": (30, 300),
}

# how often a leaf is drawn for listings (default 1)
_LISTING_WEIGHT: dict[str, int] = {
    "0101": 8,
    "0102": 6,
    "0104": 5,
    "0105": 3,
    "0106": 3,
    "0109": 3,
    "0103": 2,
    "0108": 3,
    "0201": 7,
    "0202": 5,
    "0203": 4,
    "0204": 4,
    "0205": 2,
    "0301": 2,
    "0303": 2,
    "0305": 2,
    "0405": 3,
    "0408": 2,
    "0409": 3,
    "0410": 2,
    "0701": 5,
    "0702": 6,
    "0703": 4,
    "0704": 5,
    "0705": 3,
    "0804": 4,
    "0805": 2,
    "0801": 2,
    "0808": 3,
    "0901": 2,
    "0902": 2,
    "0905": 2,
    "1001": 2,
    "1101": 3,
    "1103": 2,
    "1104": 2,
    "1201": 4,
    "1301": 2,
    "1302": 2,
}

# energy-using leaves: listings carry an energy grade, demands replace equipment of grade 3–5
_ENERGY_USING = frozenset(
    {"0701", "0702", "0703", "0704", "0705", "0409", "1201", "0403", "0603", "1203", "0401", "0602"}
)

# typical quantity bought in one demand
_QUANTITY: dict[str, tuple[int, int]] = {
    "0101": (2, 20),
    "0102": (2, 20),
    "0103": (1, 6),
    "0104": (1, 4),
    "0105": (1, 6),
    "0106": (1, 5),
    "0107": (2, 12),
    "0108": (2, 20),
    "0109": (2, 10),
    "0110": (1, 6),
    "0201": (2, 30),
    "0202": (2, 20),
    "0203": (1, 10),
    "0204": (3, 40),
    "0205": (1, 1),
    "0305": (10, 120),
    "0306": (2, 10),
    "0409": (5, 60),
    "0405": (2, 20),
    "0408": (2, 20),
    "0410": (2, 16),
    "0402": (1, 6),
    "0702": (10, 300),
    "0703": (1, 8),
    "0704": (1, 6),
    "0705": (2, 20),
    "0801": (20, 200),
    "0802": (2, 12),
    "0803": (2, 20),
    "0804": (20, 200),
    "0805": (5, 40),
    "0808": (20, 300),
    "0901": (1, 3),
    "0902": (1, 6),
    "0903": (1, 8),
    "0904": (2, 10),
    "1001": (1, 10),
    "1002": (1, 4),
    "1201": (2, 30),
    "1302": (10, 200),
    "1501": (2, 10),
    "1502": (2, 20),
    "1503": (2, 10),
}

_SETS = frozenset(
    {
        "0205",
        "1301",
        "1303",
        "0411",
        "0601",
        "0602",
        "0603",
        "1101",
        "1102",
        "1103",
        "1104",
        "1105",
        "1204",
        "1401",
        "1402",
        "0307",
        "0407",
    }
)

_TYPICAL: dict[str, dict[str, _Typical]] = {
    "0101": {
        "axes": [3.0, 3.0, 3.0, 4.0, 5.0],
        "x_travel_mm": (500, 3000),
        "spindle_rpm": [8000.0, 10000.0, 12000.0, 15000.0, 20000.0, 24000.0],
        "positioning_accuracy_mm": [0.003, 0.005, 0.006, 0.008, 0.01],
        "control_system": _CNC,
    },
    "0102": {
        "max_turning_diameter_mm": (320, 800),
        "max_turning_length_mm": (300, 3000),
        "spindle_rpm": [3000.0, 3500.0, 4000.0, 4500.0, 5000.0, 6000.0],
        "positioning_accuracy_mm": [0.004, 0.005, 0.008, 0.01],
        "control_system": _CNC,
    },
    "0103": {
        "max_grinding_diameter_mm": (200, 600),
        "max_grinding_length_mm": (500, 3000),
        "wheel_speed_m_s": [35.0, 45.0, 50.0, 60.0, 80.0, 120.0],
        "roundness_um": [0.3, 0.5, 0.8, 1.0, 2.0],
        "control_system": _CNC,
    },
    "0104": {
        "power_w": [3000.0, 6000.0, 12000.0, 20000.0, 30000.0],
        "table_length_mm": [3000.0, 4000.0, 6000.0, 8000.0, 12000.0],
        "table_width_mm": [1500.0, 2000.0, 2500.0],
        "max_thickness_mm": (12, 60),
        "positioning_accuracy_mm": [0.02, 0.03, 0.05],
        "laser_source": ["锐科激光", "创鑫激光", "杰普特", "IPG"],
    },
    "0105": {
        "tonnage_t": [63.0, 100.0, 160.0, 220.0, 300.0, 400.0],
        "bend_length_mm": [2500.0, 3200.0, 4000.0, 6000.0],
        "axes": [4.0, 6.0, 8.0],
        "repeatability_mm": [0.005, 0.01, 0.02],
        "control_system": ["DA-66T", "ESA S660", "国产E310P", "Cybelec"],
    },
    "0106": {
        "tonnage_t": [100.0, 200.0, 315.0, 500.0, 800.0, 1000.0, 2000.0],
        "bed_size_mm": (800, 3000),
        "stroke_mm": (400, 1200),
        "rated_power_kw": (11, 110),
        "drive_type": ["伺服泵控", "变频泵控", "比例阀控"],
    },
    "0107": {
        "rated_power_kw": (30, 75),
        "wire_speed_m_s": (25, 40),
        "max_cut_length_mm": (3000, 6000),
        "max_cut_height_mm": (2000, 3500),
        "control_system": ["PLC数控系统", "专用石材数控系统"],
    },
    "0108": {
        "stations": [2.0, 3.0, 4.0, 5.0, 6.0],
        "max_blank_diameter_mm": (6, 30),
        "max_blank_length_mm": (30, 250),
        "output_ppm": (60, 300),
        "forming_force_kn": (600, 6000),
    },
    "0109": {
        "axes": [3.0, 3.0, 4.0],
        "x_travel_mm": (400, 1500),
        "spindle_rpm": [6000.0, 8000.0, 10000.0, 12000.0, 24000.0],
        "positioning_accuracy_mm": [0.005, 0.008, 0.01, 0.015],
        "control_system": _CNC,
    },
    "0110": {
        "x_travel_mm": (300, 800),
        "max_workpiece_kg": (200, 2000),
        "surface_roughness_um": [0.1, 0.2, 0.4, 0.8],
        "positioning_accuracy_mm": [0.002, 0.003, 0.005],
        "machining_type": ["电火花成型", "慢走丝线切割", "中走丝线切割"],
    },
    "0201": {
        "payload_kg": [3.0, 6.0, 10.0, 12.0, 20.0, 50.0, 165.0, 210.0],
        "reach_mm": (700, 3100),
        "repeatability_mm": [0.02, 0.03, 0.05, 0.06],
        "axes": [6.0, 6.0, 6.0, 4.0, 7.0],
        "robot_type": ["六轴关节", "SCARA", "协作", "码垛"],
    },
    "0202": {
        "payload_kg": [6.0, 8.0, 10.0, 12.0, 20.0],
        "reach_mm": (1400, 2000),
        "repeatability_mm": [0.03, 0.05, 0.08],
        "axes": [6.0, 7.0, 8.0],
        "welding_process": ["MIG/MAG弧焊", "TIG氩弧焊", "点焊", "激光焊"],
    },
    "0203": {
        "power_w": [1000.0, 1500.0, 2000.0, 3000.0, 6000.0, 10000.0],
        "max_penetration_mm": (1, 8),
        "laser_type": ["光纤激光", "半导体激光", "复合激光"],
    },
    "0204": {
        "payload_kg": [300.0, 500.0, 1000.0, 1500.0, 2000.0, 3000.0],
        "speed_m_s": (1, 2),
        "positioning_accuracy_mm": [3.0, 5.0, 10.0],
        "battery_life_h": (6, 12),
        "navigation": ["激光SLAM", "二维码", "视觉SLAM", "激光反光板"],
    },
    "0205": {
        "storage_positions": (2000, 30000),
        "max_height_m": (12, 30),
        "stacker_speed_mpm": [160.0, 180.0, 200.0, 240.0],
        "unit_load_kg": [500.0, 1000.0, 1500.0],
        "wms": ["自研WMS+WCS", "对接ERP的WMS"],
    },
    "0301": {
        "coating_width_mm": [800.0, 1000.0, 1300.0, 1600.0],
        "coating_speed_mpm": (40, 120),
        "thickness_tolerance_um": [1.0, 1.5, 2.0, 3.0],
        "coating_type": ["挤压式", "转移式", "双层挤压"],
    },
    "0302": {
        "output_ppm": (120, 600),
        "cutting_accuracy_mm": [0.02, 0.05, 0.1],
        "cutting_type": ["激光模切", "五金模切"],
    },
    "0303": {
        "output_ppm": (15, 45),
        "alignment_accuracy_mm": [0.1, 0.2, 0.3],
        "yield_pct": [99.5, 99.7, 99.8, 99.9],
        "cell_type": ["方形", "圆柱", "软包"],
    },
    "0304": {"output_ppm": (10, 60), "injection_accuracy_pct": [0.3, 0.5, 1.0], "cell_type": ["方形", "圆柱", "软包"]},
    "0305": {
        "channels": [64.0, 128.0, 256.0, 512.0],
        "max_current_a": [10.0, 30.0, 60.0, 100.0, 200.0, 300.0],
        "voltage_accuracy_pct": [0.02, 0.05, 0.1],
        "energy_recovery_pct": (75, 92),
    },
    "0306": {
        "output_pcs_h": (3600, 10000),
        "busbars": [9.0, 12.0, 16.0, 18.0, 20.0],
        "breakage_rate_pct": [0.05, 0.1, 0.15],
    },
    "0307": {
        "output_pcs_h": (5000, 12000),
        "uptime_pct": (95, 99),
        "process": ["管式PECVD", "板式PECVD", "ALD", "PVD"],
    },
    "0308": {
        "hot_zone_in": [32.0, 36.0, 40.0, 42.0],
        "ingot_diameter_mm": [210.0, 230.0, 250.0, 300.0],
        "power_consumption_kwh_kg": (16, 25),
    },
    "0401": {
        "evaporation_t_h": (1, 30),
        "power_consumption_kwh_t": (15, 40),
        "evaporator_type": ["MVR降膜", "MVR强制循环", "三效逆流"],
    },
    "0402": {
        "bowl_diameter_mm": (350, 800),
        "speed_rpm": (1500, 6000),
        "separation_factor": (1000, 4000),
        "material": ["316L不锈钢", "双相钢2205", "304不锈钢"],
    },
    "0403": {
        "capacity_kg_h": (200, 5000),
        "thermal_efficiency_pct": (60, 85),
        "heat_source": ["天然气", "蒸汽", "热泵", "电加热"],
    },
    "0404": {"throughput_m3_h": (5, 80), "columns": [12.0, 20.0, 24.0, 30.0], "resin_volume_m3": (2, 30)},
    "0405": {
        "capacity_m3": [1.0, 2.0, 3.0, 5.0, 6.3, 10.0, 20.0],
        "pressure_mpa": [0.3, 0.6, 1.0, 1.6, 2.5, 4.0],
        "design_temperature_c": [150.0, 200.0, 250.0, 300.0],
        "agitator_power_kw": (4, 45),
        "material": ["搪玻璃", "316L不锈钢", "哈氏合金C276", "304不锈钢"],
    },
    "0406": {
        "throughput_l_h": (50, 2000),
        "pressure_mpa": [2.0, 4.0, 6.0, 10.0, 16.0],
        "channel_material": ["碳化硅", "特种玻璃", "316L不锈钢", "哈氏合金"],
    },
    "0407": {
        "diameter_mm": (600, 4000),
        "theoretical_plates": (20, 80),
        "internals": ["规整填料", "散堆填料", "高效浮阀塔盘", "导向浮阀塔盘"],
    },
    "0408": {
        "heat_transfer_area_m2": (20, 800),
        "pressure_mpa": [1.0, 1.6, 2.5, 4.0, 6.4],
        "exchanger_type": ["板式", "管壳式", "螺旋板式", "缠绕管式"],
    },
    "0409": {
        "flow_m3_h": (10, 800),
        "head_m": (20, 150),
        "efficiency_pct": (70, 88),
        "rated_power_kw": (5, 160),
        "seal_type": ["双端面机械密封", "磁力驱动无泄漏", "屏蔽泵无泄漏"],
    },
    "0410": {
        "capacity_m3": [100.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0],
        "pressure_mpa": [0.0, 0.1, 0.5, 1.6],
        "material": ["Q345R", "S30408不锈钢", "碳钢内防腐"],
        "roof_type": ["内浮顶", "外浮顶", "拱顶", "球罐"],
    },
    "0411": {
        "coal_capacity_t_d": [1000.0, 1500.0, 2000.0, 3000.0],
        "carbon_conversion_pct": (97, 99.5),
        "pressure_mpa": [4.0, 6.5, 8.7],
    },
    "0412": {
        "current_density_ka_m2": (5, 7),
        "dc_consumption_kwh_t": (1950, 2150),
        "membrane": ["国产离子膜", "全氟离子膜"],
    },
    "0501": {
        "mixing_volume_l": [50.0, 90.0, 190.0, 270.0, 370.0],
        "rotor_speed_rpm": (30, 60),
        "rated_power_kw": (300, 2500),
        "rotor_type": ["啮合型", "剪切型", "变间隙"],
    },
    "0502": {
        "clamping_force_kn": (2000, 20000),
        "tire_size_in": [15.0, 17.0, 19.0, 22.5, 24.5],
        "curing_medium": ["氮气硫化", "蒸汽硫化", "电加热"],
    },
    "0601": {
        "capacity_t_d": [2500.0, 5000.0, 6000.0, 10000.0],
        "thermal_efficiency_pct": (72, 78),
        "clinker_temp_c": (65, 100),
    },
    "0602": {
        "capacity_t_h": (100, 400),
        "power_consumption_kwh_t": (14, 28),
        "mill_type": ["立磨", "辊压机联合粉磨", "辊压机终粉磨"],
    },
    "0603": {
        "length_m": (100, 300),
        "max_temperature_c": [1200.0, 1250.0, 1300.0, 1400.0],
        "energy_consumption_kgce_t": (60, 200),
        "fuel": ["天然气", "电能", "天然气+电混烧"],
    },
    "0604": {"capacity_t_h": (5, 40), "rated_power_kw": (160, 800), "liner": ["高铝瓷衬", "橡胶衬板", "耐磨合金"]},
    "0701": {
        "capacity_t_h": [2.0, 4.0, 6.0, 10.0, 15.0, 20.0, 35.0],
        "thermal_efficiency_pct": (92, 104),
        "pressure_mpa": [1.0, 1.25, 1.6, 2.5, 3.82],
        "nox_mg_m3": (20, 50),
        "fuel": ["天然气", "生物质", "电", "天然气/柴油双燃料"],
    },
    "0702": {
        "rated_power_kw": [7.5, 11.0, 15.0, 22.0, 37.0, 55.0, 75.0, 90.0, 132.0, 200.0, 315.0],
        "efficiency_pct": (93, 97.5),
        "speed_rpm": [750.0, 1000.0, 1500.0, 3000.0],
        "ie_class": ["IE4", "IE5", "IE3"],
        "motor_type": ["永磁同步", "三相异步", "开关磁阻"],
    },
    "0703": {
        "capacity_kva": [400.0, 630.0, 800.0, 1000.0, 1250.0, 1600.0, 2000.0, 2500.0],
        "no_load_loss_w": (300, 1800),
        "load_loss_w": (4000, 18000),
        "voltage_kv": [10.0, 20.0, 35.0],
        "core_type": ["非晶合金", "高导磁硅钢片", "立体卷铁心"],
    },
    "0704": {
        "flow_m3pm": (5, 40),
        "pressure_mpa": [0.7, 0.8, 1.0, 1.25],
        "rated_power_kw": [22.0, 37.0, 55.0, 75.0, 110.0, 132.0, 160.0, 250.0],
        "specific_power_kw_min_m3": (5.5, 7.2),
        "drive": ["永磁变频", "两级压缩永磁变频", "工频"],
    },
    "0705": {
        "flow_m3_h": (5000, 200000),
        "pressure_pa": (1000, 8000),
        "efficiency_pct": (80, 90),
        "rated_power_kw": (15, 400),
    },
    "0801": {
        "speed_rpm": (800, 1400),
        "reed_width_cm": [190.0, 230.0, 280.0, 340.0],
        "colors": [2.0, 4.0, 6.0],
        "air_consumption_nm3_h": (40, 90),
    },
    "0802": {
        "capacity_kg": (200, 1200),
        "liquor_ratio": (3, 6),
        "water_consumption_t_t": (30, 70),
        "machine_type": ["高温溢流染色机", "气流染色机", "节能热定型机"],
    },
    "0803": {
        "spindles": [480.0, 1008.0, 1200.0, 1824.0],
        "spindle_rpm": (15000, 25000),
        "doffing": ["集体落纱", "自动落纱机器人", "粗细联"],
    },
    "0804": {
        "needles": [108.0, 120.0, 132.0, 144.0, 168.0, 200.0],
        "cylinder_diameter_in": [3.5, 3.75, 4.0, 4.5],
        "speed_rpm": (250, 450),
        "feeders": [2.0, 4.0, 6.0],
        "control_system": ["电脑控制系统", "多功能电控"],
    },
    "0805": {
        "gauge_e": [18.0, 24.0, 28.0, 32.0],
        "working_width_in": [130.0, 170.0, 210.0, 218.0],
        "guide_bars": [2.0, 3.0, 4.0, 5.0],
        "speed_rpm": (1500, 3300),
    },
    "0806": {
        "print_width_mm": [1800.0, 1900.0, 3200.0, 3300.0],
        "speed_m2_h": (300, 2000),
        "resolution_dpi": [600.0, 1200.0],
        "ink_type": ["活性墨水", "分散墨水", "涂料墨水", "UV墨水"],
    },
    "0807": {"output_pairs_h": (80, 600), "stations": (8, 40), "process": ["鞋底注塑", "冷粘", "鞋面飞织", "自动喷胶"]},
    "0808": {
        "speed_spm": (3500, 5500),
        "sewing_area_mm": (200, 1200),
        "control_system": ["直驱伺服电控", "大豪电控", "杰克智能电控"],
    },
    "0901": {
        "x_travel_mm": (500, 2000),
        "y_travel_mm": (700, 3000),
        "z_travel_mm": (400, 1500),
        "mpe_um": (1.5, 4),
        "probe": ["雷尼绍PH10M+TP20", "国产扫描测头", "五轴扫描测座"],
    },
    "0902": {
        "min_defect_mm": [0.1, 0.2, 0.5, 1.0],
        "channels": [1.0, 2.0, 16.0, 32.0, 64.0, 128.0],
        "method": ["超声", "相控阵超声", "X射线", "涡流", "工业CT"],
    },
    "0903": {
        "volume_l": [100.0, 225.0, 408.0, 800.0, 1000.0],
        "temp_min_c": [-40.0, -60.0, -70.0],
        "temp_max_c": [150.0, 180.0],
        "ramp_rate_cpm": [1.0, 3.0, 5.0, 10.0, 15.0],
    },
    "0904": {
        "bandwidth_mhz": [200.0, 500.0, 1000.0, 2000.0, 4000.0, 26500.0],
        "channels": [2.0, 4.0, 8.0],
        "instrument_type": ["数字示波器", "频谱分析仪", "矢量网络分析仪"],
    },
    "0905": {
        "build_size_mm": (250, 800),
        "power_w": [400.0, 500.0, 700.0, 1000.0],
        "lasers": [1.0, 2.0, 4.0, 6.0],
        "layer_thickness_um": [20.0, 30.0, 50.0],
        "material": ["钛合金/高温合金", "铝合金", "不锈钢", "陶瓷"],
    },
    "0906": {
        "detection_limit_ppb": [0.1, 0.5, 1.0, 5.0, 10.0],
        "instrument_type": ["离子色谱仪", "气相色谱仪", "X荧光光谱仪", "ICP-MS"],
    },
    "1001": {
        "monitoring_points": (16, 512),
        "response_time_s": [10.0, 15.0, 20.0, 30.0],
        "explosion_proof": ["Ex d IIC T6 Gb", "Ex ia IIC T4 Ga", "Ex d IIB T4 Gb"],
    },
    "1002": {
        "endurance_minutes": (40, 180),
        "payload_kg": (2, 30),
        "wind_resistance_m_s": [10.0, 12.0, 15.0],
        "ip_rating": ["IP55", "IP45", "IP54"],
    },
    "1003": {
        "endurance_h": (4, 10),
        "speed_m_s": (0.8, 1.5),
        "climbing_deg": [15.0, 20.0, 25.0, 30.0],
        "explosion_proof": ["Ex d IIB T4 Gb", "Ex d IIC T6 Gb", "非防爆"],
    },
    "1101": {
        "air_volume_m3_h": (20000, 600000),
        "emission_mg_m3": [5.0, 8.0, 10.0],
        "efficiency_pct": (99.5, 99.95),
        "filter_material": ["PTFE覆膜滤料", "P84复合滤料", "芳纶针刺毡", "金属纤维滤筒"],
    },
    "1102": {
        "flue_gas_m3_h": (100000, 1500000),
        "nox_mg_m3": [30.0, 35.0, 50.0],
        "desulfurization_efficiency_pct": (95, 99.5),
        "process": ["SCR脱硝", "SNCR+SCR联合脱硝", "石灰石-石膏湿法脱硫", "干法脱硫+SCR"],
    },
    "1103": {
        "heat_recovery_kw": (500, 20000),
        "thermal_efficiency_pct": (60, 85),
        "medium": ["窑炉烟气", "锅炉排烟", "工艺余热蒸汽", "空压机余热"],
    },
    "1104": {
        "air_volume_m3_h": (5000, 80000),
        "removal_efficiency_pct": (95, 99.5),
        "process": ["RTO蓄热焚烧", "RCO催化燃烧", "沸石转轮+RTO", "活性炭吸附脱附+CO"],
    },
    "1105": {
        "capacity_m3_d": (100, 5000),
        "cod_out_mg_l": (20, 60),
        "process": ["MBR膜生物反应器", "A/O+MBR", "芬顿+生化", "反渗透中水回用"],
    },
    "1201": {
        "clamping_force_kn": [900.0, 1600.0, 2500.0, 3800.0, 5300.0, 8000.0, 12000.0],
        "shot_weight_g": (100, 5000),
        "energy_consumption_kwh_kg": (0.3, 0.6),
        "drive": ["全电动", "伺服液压", "二板式伺服"],
    },
    "1202": {
        "clamping_force_kn": [2800.0, 4000.0, 8000.0, 16000.0, 30000.0, 60000.0],
        "shot_weight_kg": (3, 80),
        "tie_bar_spacing_mm": (600, 2000),
        "control_system": ["实时压射闭环控制", "伺服节能控制系统"],
    },
    "1203": {
        "capacity_kg_h": (100, 1500),
        "max_temperature_c": [950.0, 1100.0, 1150.0, 1300.0],
        "temperature_uniformity_c": [3.0, 5.0, 8.0],
        "heating": ["电加热", "天然气辐射管", "真空电加热"],
    },
    "1204": {
        "line_speed_mpm": (1, 6),
        "transfer_efficiency_pct": (60, 85),
        "coating_type": ["静电粉末喷涂", "水性漆喷涂", "机器人自动喷涂", "电泳涂装"],
    },
    "1301": {
        "stations": (6, 40),
        "cycle_time_s": (15, 120),
        "oee_pct": (80, 90),
        "automation_scope": ["上下料+加工+检测全自动", "装配+检测自动化", "焊接+搬运自动化"],
    },
    "1302": {
        "data_points": [200.0, 500.0, 1000.0, 5000.0, 20000.0],
        "protocols": ["OPC UA/Modbus/MQTT", "Profinet/EtherCAT/OPC UA", "5G+MQTT", "Modbus RTU/TCP"],
    },
    "1303": {
        "deployment": ["私有化部署", "云部署（SaaS）", "混合部署"],
        "modules": ["生产排程+质量追溯+设备管理", "MES+WMS+能源管理", "数字孪生+预测性维护"],
    },
    "1401": {"capacity_t_d": (10, 120), "material": ["304不锈钢", "316L不锈钢", "食品级不锈钢"]},
    "1402": {
        "output_bph": (2000, 24000),
        "filling_accuracy_pct": [0.2, 0.3, 0.5],
        "container": ["玻璃瓶", "陶瓷瓶", "PET瓶"],
    },
    "1501": {
        "placement_cph": (30000, 120000),
        "placement_accuracy_um": [15.0, 25.0, 30.0, 40.0],
        "min_component": ["01005", "0201", "03015"],
    },
    "1502": {"uph": (8000, 40000), "jam_rate_pct": [0.01, 0.02, 0.05], "sites": [4.0, 8.0, 16.0, 32.0]},
    "1503": {
        "uph": (5000, 30000),
        "placement_accuracy_um": [5.0, 10.0, 15.0, 25.0],
        "package_type": ["QFN/DFN", "BGA", "SOP/SOT", "COB"],
    },
}

_GROUP_FEATURES: dict[str, tuple[str, ...]] = {
    "01": (
        "配置全闭环光栅尺反馈，精度保持性好",
        "主轴热变形小，适合长时间高精度加工",
        "采用国产高档数控系统，支持在线测量",
        "可扩展自动上下料与柔性产线集成",
        "可显著提升关键工序数控化率",
    ),
    "02": ("支持离线编程与视觉引导", "开放通讯接口，可接入MES", "具备碰撞检测与安全防护功能", "替代人工，减少一线用工"),
    "03": ("全自动闭环纠偏与CCD在线检测", "适配大尺寸电芯与组件", "节能设计，单位产能能耗低", "生产数据全程可追溯"),
    "04": (
        "配套DCS/SIS自动控制与联锁",
        "连续化、密闭化生产，本质安全水平高",
        "按压力容器规范设计制造",
        "蒸汽与电耗较老装置明显下降",
    ),
    "05": ("温度压力精准控制", "能耗较老机型降低15%以上", "自动上下料，降低劳动强度"),
    "06": ("单位产品能耗达到标杆水平", "DCS智能控制，运行稳定", "可配套余热利用系统"),
    "07": ("达到能效先进水平", "变频调速按需运行", "物联网远程监测能耗", "较老旧设备节电15%–30%"),
    "08": ("电脑控制，花型一键切换", "高速稳定，断纱自停", "节能电机，整机能耗低", "支持联网管理与产量统计"),
    "09": ("符合国家计量检定规程", "自动测量并生成数据报表", "检测数据可上传质量追溯系统"),
    "10": ("防爆设计，适用于危化品场所", "实时报警并联动紧急停车", "数据接入应急管理监测平台"),
    "11": ("排放满足超低排放要求", "PLC自动控制，运行稳定", "运行能耗低，维护方便"),
    "12": ("伺服节能系统，较传统机型节电30%以上", "闭环控制，重复精度高", "可接入工厂MES"),
    "13": ("支持设备数据采集与可视化看板", "与ERP、MES无缝集成", "提供数字化诊断与实施服务"),
    "14": ("食品级不锈钢材质", "机械化、自动化替代人工", "全流程温湿度监控"),
    "15": ("高速高精度", "支持自动换料与程序一键切换", "生产数据追溯接入MES"),
}
_SERVICE_PHRASES = (
    "提供远程运维与故障诊断服务",
    "提供安装调试及操作培训",
    "整机质保一年，关键部件质保两年",
    "售后7×24小时响应",
    "可提供融资租赁方案",
    "本地设有服务网点，4小时到场",
    "支持旧设备回收折价",
)
_GROUP_MOTIVATIONS: dict[str, tuple[str, ...]] = {
    "01": ("high_end", "smart"),
    "02": ("smart", "safety"),
    "03": ("high_end", "smart"),
    "04": ("safety", "green"),
    "05": ("green", "smart"),
    "06": ("green",),
    "07": ("green",),
    "08": ("smart", "green"),
    "09": ("high_end",),
    "10": ("safety",),
    "11": ("green",),
    "12": ("green", "smart"),
    "13": ("smart",),
    "14": ("smart", "safety"),
    "15": ("high_end", "smart"),
}
_MOTIVATION_TEXT = {
    "high_end": "推动装备高端化升级、提高产品精度和一致性",
    "smart": "推进智能化改造、提高关键工序数控化率和生产效率",
    "green": "降低能耗和排放、用能设备达到能效二级及以上",
    "safety": "消除老旧设备安全隐患、提升本质安全水平",
}
_GREEN_NON_ENERGY_TEXT = "降低能耗、物耗和排放，推进绿色化转型"
_POLICY_PHRASES = (
    "项目拟申报超长期特别国债设备更新支持",
    "拟申请技术改造专项资金补助",
    "拟使用科技创新和技术改造再贷款并申请贴息",
    "项目已纳入技术改造项目库",
    "欢迎符合条件的供应商对接报价",
)
_HIGH_END_GROUPS = frozenset({"01", "02", "03", "09", "15"})
_PROGRAMME_PROVINCES = ("370000", "330000", "350000", "510000")
# replaced "equipment" that is really a way of working: worded as 机器换人, no age or energy grade in the text
_MANUAL_PREFIXES = ("人工", "手工", "纸质", "传统人工", "传统开模")
_NOT_MACHINES = frozenset({"哑设备", "单机设备", "平面仓库", "普通货架仓库"})


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


def _nice(value: float) -> float:
    """Round to two significant digits (12345 -> 12000, 0.00537 -> 0.0054)."""
    if value == 0:
        return 0.0
    exponent = math.floor(math.log10(abs(value))) - 1
    return round(value, -exponent) if exponent < 0 else float(round(value / 10**exponent) * 10**exponent)


def _clamp(value: float, spec: _Spec) -> float:
    if spec.min is not None:
        value = max(value, spec.min)
    if spec.max is not None:
        value = min(value, spec.max)
    return value


def _as_spec_value(value: float, spec: _Spec) -> int | float:
    value = _clamp(value, spec)
    if spec.type == "integer":
        result = round(value)
        if spec.min is not None and result < spec.min:
            result = math.ceil(spec.min)
        if spec.max is not None and result > spec.max:
            result = math.floor(spec.max)
        return result
    return int(value) if float(value).is_integer() else value


def _sample_number(rng: random.Random, leaf: _Leaf, spec: _Spec) -> float:
    typical = _TYPICAL.get(leaf.code, {}).get(spec.key)
    if isinstance(typical, tuple):
        lo, hi = typical
        return _nice(rng.uniform(lo, hi))
    if isinstance(typical, list) and typical and not isinstance(typical[0], str):
        return float(rng.choice(typical))
    lo_b = spec.min if spec.min is not None else 1.0
    hi_b = spec.max if spec.max is not None else lo_b * 100
    if lo_b > 0:
        ratio = hi_b / lo_b
        return _nice(lo_b * ratio ** rng.uniform(0.2, 0.6))
    return _nice(lo_b + (hi_b - lo_b) * rng.uniform(0.1, 0.6))


def _sample_string(rng: random.Random, leaf: _Leaf, spec: _Spec) -> str:
    typical = _TYPICAL.get(leaf.code, {}).get(spec.key)
    if isinstance(typical, list) and typical and isinstance(typical[0], str):
        return str(rng.choice(typical))
    return "标准配置"


def _sample_spec(rng: random.Random, leaf: _Leaf, spec: _Spec) -> SpecValue:
    if spec.type == "string":
        return _sample_string(rng, leaf, spec)
    return _as_spec_value(_sample_number(rng, leaf, spec), spec)


def _fmt(value: SpecValue) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(value)).normalize(), "f")


def _spec_phrase(spec: _Spec, value: SpecValue) -> str:
    return f"{spec.name}{_fmt(value)}{spec.unit or ''}"


def _yuan(wan: float) -> Decimal:
    """万元 -> yuan, rounded to 100 yuan below 10 万 and to 1 000 yuan above."""
    yuan = wan * 10000
    step = 100 if yuan < 100000 else 1000
    return Decimal(round(yuan / step) * step)


# ---------------------------------------------------------------------------
# Listings
# ---------------------------------------------------------------------------


_province_of = province_of
_city_of = city_of


def _listing_tags(
    rng: random.Random, leaf: _Leaf, supplier: _OrgSeed, energy_grade: int | None, domestic: bool
) -> list[str]:
    tags: list[str] = []
    if energy_grade == 1 and rng.random() < 0.85:
        tags.append("能效一级")
    if energy_grade == 2 and rng.random() < 0.7:
        tags.append("能效二级")
    if rng.random() < 0.03:
        tags.append("首台套")
    green_leaf = leaf.code in _ENERGY_USING or leaf.group_code in {"06", "11"} or leaf.code == "1103"
    if green_leaf and (energy_grade is None or energy_grade <= 2) and rng.random() < 0.3:
        tags.append("节能降碳推广目录")
    if (leaf.group_code == "10" or leaf.code == "0406") and rng.random() < 0.6:
        tags.append("先进安全应急装备目录")
    if supplier.zhuanjing and rng.random() < 0.7:
        tags.append("专精特新")
    province = _province_of(supplier.region_code)
    if province == "370000" and rng.random() < 0.4:
        tags.append("好品山东")
    if province == "330000" and rng.random() < 0.4:
        tags.append("浙江制造")
    if province == "510000" and rng.random() < 0.4:
        tags.append("四川造")
    if domestic and leaf.group_code in _HIGH_END_GROUPS and rng.random() < 0.35:
        tags.append("国产替代")
    if (leaf.group_code in {"02", "13"} or leaf.code in {"0101", "0104", "0205"}) and rng.random() < 0.5:
        tags.append("智能制造")
    if (leaf.code == "1302" or rng.random() < 0.12) and "工业互联网" not in tags:
        tags.append("工业互联网")
    if supplier.green_factory and rng.random() < 0.5:
        tags.append("绿色工厂")
    if leaf.group_code == "01" and rng.random() < 0.04:
        tags.append("再制造")
    if rng.random() < 0.1:
        tags.append("以旧换新")
    return tags


def _service_regions(rng: random.Random, supplier: _OrgSeed) -> list[str]:
    province = _province_of(supplier.region_code)
    city = _city_of(supplier.region_code)
    roll = rng.random()
    if roll < 0.2:
        return ["000000"]
    if roll < 0.55:
        return [province]
    if roll < 0.8:
        return [city] if city != province else [province]
    others = [p for p in _PROGRAMME_PROVINCES if p != province]
    return [province, rng.choice(others)]


def _description(rng: random.Random, head: str, leaf: _Leaf, spec_text: str, extra: str) -> str:
    features = list(_GROUP_FEATURES.get(leaf.group_code, ()))
    rng.shuffle(features)
    services = list(_SERVICE_PHRASES)
    rng.shuffle(services)
    parts = [f"{head}。"]
    if spec_text:
        parts.append(f"主要参数：{spec_text}。")
    body = "，".join(features[:2])
    if body:
        parts.append(f"{body}。")
    parts.append(f"{services[0]}，{services[1]}。")
    if extra:
        parts.append(extra)
    text = "".join(parts)
    filler = [f"适用于{leaf.group_name}领域企业设备更新和技术改造，可纳入设备更新项目申报。", f"{services[2]}。"]
    while len(text) < 80 and filler:
        text += filler.pop(0)
    if len(text) > 300:
        text = text[:299] + "。"
    return text


def _make_listing(rng: random.Random, leaf: _Leaf, supplier: _OrgSeed, external_id: str) -> DemoListing:
    if supplier.own_brand and rng.random() < 0.35:
        brand = supplier.own_brand
        initials = supplier.slug.split("-")[0][:2].upper()
        model = f"{initials}-{rng.choice(['V', 'H', 'S', 'G', 'P'])}{rng.randint(2, 40) * 50}"
        domestic = True
    else:
        brand, models = rng.choice(_BRANDS.get(leaf.code, [(supplier.name[:4], [f"{leaf.code}-S"])]))
        model = rng.choice(models)
        domestic = brand not in {"IPG"}
    specs: dict[str, SpecValue] = {spec.key: _sample_spec(rng, leaf, spec) for spec in leaf.specs}
    numeric = [s for s in leaf.specs if s.type != "string" and s.better != "none"]
    highlights = rng.sample(numeric, k=min(2, len(numeric)))
    title = " ".join([brand, model, leaf.name, *(_spec_phrase(s, specs[s.key]) for s in highlights)])

    energy_grade: int | None = None
    if leaf.code in _ENERGY_USING:
        energy_grade = rng.choices([1, 2, 3], weights=[45, 40, 15])[0]
    tags = _listing_tags(rng, leaf, supplier, energy_grade, domestic)

    price_min: Decimal | None = None
    price_max: Decimal | None = None
    lo, hi = _PRICE_WAN.get(leaf.code, (10.0, 100.0))
    if rng.random() < 0.93:
        low_wan = lo * (hi * 0.8 / lo) ** rng.random()
        price_min = _yuan(low_wan)
        price_max = _yuan(min(low_wan * rng.uniform(1.1, 1.6), hi * 1.2))
        if price_max <= price_min:
            price_max = price_min + Decimal(1000)
    lead_time = rng.choice([15, 20, 30, 30, 45, 45, 60, 60, 90, 120]) if rng.random() < 0.95 else None
    if leaf.code in _SETS and lead_time is not None:
        lead_time = max(lead_time, 60)

    spec_text = "、".join(_spec_phrase(s, specs[s.key]) for s in leaf.specs[:4])
    extra_bits: list[str] = []
    if energy_grade is not None:
        extra_bits.append(f"整机能效{['一', '二', '三'][energy_grade - 1]}级。")
    if "首台套" in tags:
        extra_bits.append("产品列入省级首台（套）装备目录。")
    if "以旧换新" in tags:
        extra_bits.append("支持以旧换新，旧设备可回收折价。")
    description = _description(
        rng, f"{brand}{model}{leaf.name}，{supplier.name}供货", leaf, spec_text, "".join(extra_bits)
    )
    return DemoListing(
        org_key=supplier.slug,
        external_id=external_id,
        title=title,
        category=leaf.code,
        brand=brand,
        model=model,
        description=description,
        price_min=price_min,
        price_max=price_max,
        lead_time_days=lead_time,
        energy_grade=energy_grade,
        tags=tags,
        service_regions=_service_regions(rng, supplier),
        specs=specs,
        publish=rng.random() < 0.9,
    )


# ---------------------------------------------------------------------------
# Demands
# ---------------------------------------------------------------------------


def _unit_word(leaf: _Leaf) -> str:
    return "套" if leaf.code in _SETS else "台"


def _requirement(rng: random.Random, leaf: _Leaf, spec: _Spec) -> tuple[dict[str, SpecValue], str]:
    """One requirement on a spec: the demand spec entries and their Chinese wording."""
    if spec.type == "string":
        wanted = _sample_string(rng, leaf, spec)
        return {spec.key: wanted}, f"{spec.name}为{wanted}"
    unit = spec.unit or ""
    value = _as_spec_value(_sample_number(rng, leaf, spec), spec)
    if spec.better == "higher":
        if rng.random() < 0.6:
            return {spec.key: value}, f"{spec.name}不低于{_fmt(value)}{unit}"
        return {f"{spec.key}_min": value}, f"{spec.name}不低于{_fmt(value)}{unit}"
    if spec.better == "lower":
        if rng.random() < 0.6:
            return {spec.key: value}, f"{spec.name}不高于{_fmt(value)}{unit}"
        return {f"{spec.key}_max": value}, f"{spec.name}不高于{_fmt(value)}{unit}"
    low = _as_spec_value(_nice(float(value) * 0.8), spec)
    high = _as_spec_value(_nice(float(value) * 1.25), spec)
    roll = rng.random()
    if roll < 0.4 or low >= high:
        return {f"{spec.key}_min": low}, f"{spec.name}不低于{_fmt(low)}{unit}"
    if roll < 0.7:
        return {f"{spec.key}_max": high}, f"{spec.name}不超过{_fmt(high)}{unit}"
    return (
        {f"{spec.key}_min": low, f"{spec.key}_max": high},
        f"{spec.name}在{_fmt(low)}–{_fmt(high)}{unit}之间",
    )


def _make_demand(rng: random.Random, leaf: _Leaf, buyer: _OrgSeed, external_id: str, infer: bool) -> DemoDemand:
    unit = _unit_word(leaf)
    qlo, qhi = _QUANTITY.get(leaf.code, (1, 3))
    quantity = rng.randint(qlo, qhi)
    energy = leaf.code in _ENERGY_USING

    replaces: dict[str, Any] | None = None
    old = ""
    age = 0
    manual = False
    if rng.random() < 0.92:
        old = rng.choice(leaf.replaces) if leaf.replaces else f"老旧{leaf.name}"
        manual = old.startswith(_MANUAL_PREFIXES) or old in _NOT_MACHINES
        age = rng.randint(8, 25)
        count = max(1, quantity + rng.randint(-2, 2)) if quantity > 2 else quantity
        grade: int | None = None
        if not manual and (energy or (leaf.group_code in {"06", "11"} and rng.random() < 0.5)):
            grade = rng.choices([3, 4, 5], weights=[35, 40, 25])[0]
        replaces = {"description": old, "age_years": age, "count": count, "energy_grade": grade}

    base = list(_GROUP_MOTIVATIONS.get(leaf.group_code, ("smart",)))
    motivations = [m for m in MOTIVATIONS if m in base or rng.random() < 0.1]
    if energy and "green" not in motivations:
        motivations.append("green")
    motivations = [m for m in MOTIVATIONS if m in motivations]

    # the name a buyer types: for demands left without a category, an alias (or the name)
    said = rng.choice(leaf.aliases) if infer and leaf.aliases else leaf.name

    specs: dict[str, SpecValue] = {}
    wording: list[str] = []
    if not infer and leaf.specs:
        chosen = rng.sample(list(leaf.specs), k=rng.randint(1, min(3, len(leaf.specs))))
        for spec in chosen:
            entries, text = _requirement(rng, leaf, spec)
            specs.update(entries)
            wording.append(text)

    if replaces is not None and manual:
        templates = [
            f"机器换人：替代{old} 采购{said}{quantity}{unit}",
            f"{buyer.short}智能化改造 采购{said}{quantity}{unit}（替代{old}）",
        ]
    elif replaces is not None:
        templates = [
            f"更换服役{age}年的{old} 采购{said}{quantity}{unit}",
            f"{buyer.short}设备更新：淘汰{old}，采购{said}{quantity}{unit}",
            f"求购{said}{quantity}{unit}（替换{old}）",
        ]
    else:
        templates = [f"{buyer.short}新增产线 采购{said}{quantity}{unit}", f"求购{said}{quantity}{unit}"]
    title = rng.choice(templates)

    parts: list[str] = []
    if replaces is not None and manual:
        parts.append(f"我公司目前采用{old}方式，效率低、一致性差、用工多，存在安全隐患。")
    elif replaces is not None:
        problem = (
            f"能耗偏高，能效仅{replaces['energy_grade']}级"
            if replaces["energy_grade"] is not None
            else rng.choice(["精度下降、故障频发", "维修成本高、备件难购", "效率低、依赖人工"])
        )
        parts.append(f"我公司现有{old}{replaces['count']}{unit}，已服役{age}年，{problem}。")
    else:
        parts.append(f"我公司因扩产需新增{said}。")
    reasons = "，".join(
        _GREEN_NON_ENERGY_TEXT if m == "green" and not energy else _MOTIVATION_TEXT[m] for m in motivations
    )
    parts.append(f"为{reasons}，计划采购{said}{quantity}{unit}")
    if wording:
        parts.append("，要求" + "、".join(wording))
    parts.append("。")
    parts.append(rng.choice(_POLICY_PHRASES) + "。")
    description = "".join(parts)

    lo, hi = _PRICE_WAN.get(leaf.code, (10.0, 100.0))
    budget: Decimal | None = None
    if rng.random() < 0.9:
        unit_wan = math.sqrt(lo * hi) * rng.uniform(0.7, 1.3)
        budget = Decimal(max(1, round(unit_wan * quantity))) * 10000
    needed_by: datetime.date | None = None
    if rng.random() < 0.95:
        needed_by = datetime.date(2027, rng.randint(1, 12), rng.randint(1, 28))
    return DemoDemand(
        org_key=buyer.slug,
        external_id=external_id,
        title=title,
        category=None if infer else leaf.code,
        description=description,
        quantity=quantity,
        budget_max=budget,
        region_code=buyer.region_code,
        needed_by=needed_by,
        motivations=motivations,
        replaces=replaces,
        specs=specs,
        publish=rng.random() < 0.9,
    )


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def _organizations(rng: random.Random) -> list[DemoOrganization]:
    organizations: list[DemoOrganization] = []
    used_uscc: set[str] = set()
    counters = {"bureau": 0, "supplier": 0, "buyer": 0}
    for seed in (*_BUREAUS, *_SUPPLIERS, *_BUYERS):
        counters[seed.kind] += 1
        n = counters[seed.kind]
        # bureaus are registered by 机构编制 (authority 1, kind 1 = 机关); companies by 市场监管 (9, 1)
        authority = "1" if seed.kind == "bureau" else "9"
        uscc = generate_uscc(seed.region_code, rng, authority=authority, kind="1")
        while uscc in used_uscc:
            uscc = generate_uscc(seed.region_code, rng, authority=authority, kind="1")
        used_uscc.add(uscc)
        titles = _ROLE_TITLES[seed.kind]
        if seed.kind == "bureau":
            locals_ = ["bureau", "staff"]
        elif seed.kind == "supplier":
            locals_ = [f"supplier{n}", "sales"]
        else:
            locals_ = [f"buyer{n}", "equipment"]
        user_count = 2 if (seed.slug == "jining" or rng.random() < 0.4) else 1
        users = [
            DemoUser(
                email=_email(locals_[i], seed.slug),
                password=DEMO_PASSWORD,
                display_name=f"{_person(rng)}（{titles[i]}）",
            )
            for i in range(user_count)
        ]
        organizations.append(
            DemoOrganization(
                key=seed.slug,
                name=seed.name,
                uscc=uscc,
                kind=seed.kind,
                region_code=seed.region_code,
                industry_code=seed.industry_code,
                users=users,
            )
        )
    return organizations


REJECTION_NOTES = (
    "缺少第三方能效检测报告，请补充后重新提交",
    "价格区间过宽，请按常用配置分别报价",
    "技术参数不完整：请补充主要规格和执行标准",
)


def demo_review(listing: DemoListing) -> tuple[str, str] | None:
    """The bureau's decision on a published demo listing, so the demo's review queue starts as a
    real one does: about half approved into the recommended catalogue, one in ten rejected with a
    reason, the rest pending. Derived from the external id, not drawn from the generator's random
    stream, so every other demo figure stays as it was."""
    if not listing.publish:
        return None
    draw = random.Random(f"review:{listing.external_id}")
    roll = draw.random()
    if roll < 0.5:
        return ("approve", "符合先进适用设备推荐条件，列入推荐目录")
    if roll < 0.6:
        return ("reject", draw.choice(REJECTION_NOTES))
    return None


def generate(
    *,
    seed: int = 2024,
    listings: int = 400,
    demands: int = 300,
    taxonomy_path: Path = DEFAULT_TAXONOMY_PATH,
) -> DemoData:
    """Build the demo organisations, listings and demands; the same arguments give the same data."""
    rng = random.Random(seed)
    leaves = _load_leaves(taxonomy_path)
    by_code = {leaf.code: leaf for leaf in leaves}
    organizations = _organizations(rng)

    sellers: dict[str, list[_OrgSeed]] = {leaf.code: [] for leaf in leaves}
    for supplier in _SUPPLIERS:
        for code in supplier.categories:
            if code in sellers:
                sellers[code].append(supplier)

    # every leaf once (when there is room), then weighted towards the common ones
    order = [leaf.code for leaf in leaves][:listings]
    weights = [_LISTING_WEIGHT.get(leaf.code, 1) for leaf in leaves]
    order += rng.choices([leaf.code for leaf in leaves], weights=weights, k=max(0, listings - len(order)))
    rng.shuffle(order)
    listing_rows: list[DemoListing] = []
    per_org: dict[str, int] = {}
    for code in order:
        leaf = by_code[code]
        candidates = sellers[code] or [s for s in _SUPPLIERS if any(c[:2] == leaf.group_code for c in s.categories)]
        supplier = rng.choice(candidates or list(_SUPPLIERS))
        per_org[supplier.slug] = per_org.get(supplier.slug, 0) + 1
        external_id = f"{supplier.slug}-L{per_org[supplier.slug]:04d}"
        listing_rows.append(_make_listing(rng, leaf, supplier, external_id))

    demand_rows: list[DemoDemand] = []
    for _ in range(demands):
        buyer = rng.choice(_BUYERS)
        wanted = [c for c in buyer.categories if c in by_code] or [leaf.code for leaf in leaves]
        leaf = by_code[rng.choice(wanted)]
        per_org[buyer.slug] = per_org.get(buyer.slug, 0) + 1
        external_id = f"{buyer.slug}-D{per_org[buyer.slug]:04d}"
        infer = rng.random() < 0.1
        demand_rows.append(_make_demand(rng, leaf, buyer, external_id, infer))

    return DemoData(organizations=organizations, listings=listing_rows, demands=demand_rows)


def credentials_table(data: DemoData) -> list[tuple[str, str, str, str]]:
    """(organisation name, kind, e-mail, password) for every demo user, in generation order."""
    return [(org.name, org.kind, user.email, user.password) for org in data.organizations for user in org.users]
