"""The words the documents use, and how the common ways of writing them map to the one spelling
the rules use. Pure data and functions: `normalize_attribute("省级未来工厂")` → "未来工厂:省级"."""

from __future__ import annotations

import re

LEVELS = ("国家级", "省级", "市级", "县级", "区级")
# (canonical base, spellings) — the longer spelling first where one contains another.
ATTRIBUTE_BASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("未来工厂:培育", ("未来工厂培育（试点）企业", "未来工厂培育（试点）", "未来工厂培育(试点)", "未来工厂培育", "未来工厂（试点）",
                     "未来工厂(试点)", "未来工厂试点")),
    ("未来工厂", ("未来工厂企业", "未来工厂")),
    ("智能工厂", ("智能工厂",)),
    ("数字化车间", ("数字化车间",)),
    ("绿色工厂", ("绿色工厂",)),
    ("绿色园区", ("绿色园区", "绿色工业园区")),
    ("专精特新", ("专精特新“小巨人”", "专精特新小巨人", "专精特新中小企业", "专精特新企业", "专精特新")),
    ("单项冠军", ("制造业单项冠军", "单项冠军企业", "单项冠军")),
    ("新型研发机构", ("新型研发机构",)),
    ("中试验证平台", ("中试验证平台（基地）", "中试验证平台(基地)", "中试验证平台", "中试平台", "中试验证基地", "中试基地")),
    ("白名单企业", ("白名单企业", "“白名单”企业", "白名单")),
    ("工业母机企业", ("工业母机企业",)),
    ("规上企业", ("规模以上工业企业", "规上工业企业", "规上企业", "规模以上企业")),
    ("先进制造业企业", ("先进制造业企业",)),
)  # fmt: skip
LEVELLED = {"未来工厂", "智能工厂", "数字化车间", "绿色工厂", "绿色园区", "专精特新", "单项冠军", "新型研发机构"}

PROJECT_TYPES = {
    "设备更新": ("设备更新", "设备更新改造", "设备购置"),
    "技术改造": ("技术改造", "技改", "技改项目", "技术改造项目"),
    "节能改造": ("节能改造", "节能降碳改造", "节能技术改造"),
    "节水改造": ("节水改造", "节水技术改造"),
    "新能源替代利用": ("新能源替代利用", "新能源替代"),
    "智能化技术改造": ("智能化技术改造", "智能化改造"),
    "数字化转型": ("数字化转型", "数字化改造", "智改数转"),
    "中试平台设备软件购置": ("中试平台设备软件购置", "中试平台设备购置"),
    "安全生产改造": ("安全生产改造", "安全改造", "安全技改"),
    "微技改": ("微技改",),
    "环保技改": ("环保技改", "环境保护改造"),
}
PURPOSES = {
    "节能节水": ("节能节水", "节能", "节水"),
    "环境保护": ("环境保护", "环保"),
    "安全生产": ("安全生产", "安全"),
    "数字化智能化改造": ("数字化智能化改造", "数字化", "智能化"),
    "高新技术": ("高新技术",),
    "绿色低碳": ("绿色低碳",),
}
# The yes/no facts a project may state, with the words an answer shows for them.
FACT_NAMES = {
    "no_new_land": "不新增用地",
    "mainly_equipment_renewal": "以设备更新为主",
    "no_new_capacity": "不新增产能",
    "in_operation": "已投入运营",
    "pboc_relending_loan": "使用人民银行科技创新和技术改造再贷款",
    "provincial_interest_subsidy": "已获省级财政贴息",
    "provincial_key_tech_project": "列入省重点技术改造项目",
}
FACTS = set(FACT_NAMES)
FINANCING_SOURCES = {
    "pboc_relending": "pboc_relending_loan", "pboc_relending_loan": "pboc_relending_loan", "pboc": "pboc_relending_loan",
    "relending": "pboc_relending_loan", "再贷款": "pboc_relending_loan", "人民银行再贷款": "pboc_relending_loan",
    "科技创新和技术改造再贷款": "pboc_relending_loan", "bank": "bank", "commercial": "bank", "银行贷款": "bank",
}  # fmt: skip
SHOUTAITAO_LEVELS = {"国家级": "国家级", "省级": "省级", "市级": "市级", "国家": "国家级", "省": "省级", "市": "市级"}

_SEPARATORS = re.compile(r"[\s:：/（）()\-·]+")


def _reverse(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {spelling: canon for canon, spellings in table.items() for spelling in spellings}


_TYPES = _reverse(PROJECT_TYPES)
_PURPOSES = _reverse(PURPOSES)


def normalize_attribute(word: str) -> str | None:
    """The canonical "base:level" (or "base") for an attribute, None when it is not one we know."""
    text = word.strip()
    if not text:
        return None
    if text in {"小巨人", "国家级小巨人", "专精特新小巨人", "国家级专精特新小巨人"}:
        return "专精特新:国家级小巨人"
    for canon, spellings in ATTRIBUTE_BASES:
        for spelling in spellings:
            if spelling in text:
                rest = text.replace(spelling, " ")
                level = next((lv for lv in LEVELS if lv in rest), None)
                if canon == "未来工厂:培育":
                    return f"未来工厂:{level or ''}培育（试点）" if level else "未来工厂:培育（试点）"
                if canon == "专精特新" and ("小巨人" in text):
                    return "专精特新:国家级小巨人"
                if canon == "专精特新" and level == "国家级":
                    return "专精特新:国家级小巨人"
                if canon in LEVELLED:
                    return f"{canon}:{level}" if level else canon
                return canon
    return None


def normalize_type(word: str) -> str | None:
    return _TYPES.get(word.strip())


def normalize_purpose(word: str) -> str | None:
    return _PURPOSES.get(word.strip())


def normalize_shoutaitao_level(word: str | None) -> str | None:
    if word is None:
        return None
    text = word.strip().replace("首台套", "").replace("首台（套）", "")
    if text.endswith("以上"):
        text = text[: -len("以上")]
    return SHOUTAITAO_LEVELS.get(text)
