"""The plans' targets (seeds/targets.yaml: each with the document, the exact quote, the value and
the period the document states) and a bureau's progress against them, measured by the platform's
own figures where it has them — and no figure where it has none."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.access import Actor
from catalog.regions.repository import get_region, paths_of
from matching.matches.repository import names_of
from matching.policies.loader import default_rules
from matching.policies.rules import Rule
from matching.statistics.repository import GROUP_MEASURES, MEASURES
from matching.statistics.schemas import (
    GroupProgress,
    RegionRef,
    TargetPeriod,
    TargetProgress,
    TargetRead,
    TargetsRead,
)
from matching.statistics.service import period_bounds, statistics_scope

NO_PERIOD = "未注明期限 (no period stated)"
LISTED_NOTE = "平台尚无这一目标的统计口径，只列出目标。"


@dataclass(frozen=True)
class Target:
    id: str
    title: str
    region: str
    document: str
    file: str
    quote: str
    value: Decimal | None
    unit: str
    period_text: str | None
    period_kind: str  # per_year | until | none
    until: date | None
    period_quote: str | None
    measure: str | None
    measure_note: str
    measure_args: dict[str, Any] = field(default_factory=dict)
    policy_rule: str | None = None


def parse_targets(data: dict[str, Any]) -> list[Target]:
    out = []
    for t in data["targets"]:
        period = t["period"]
        if period["kind"] not in ("per_year", "until", "none"):
            raise ValueError(f"targets.yaml {t['id']}: unknown period kind {period['kind']}")
        if t["measure"] is not None and t["measure"] not in MEASURES and t["measure"] not in GROUP_MEASURES:
            raise ValueError(f"targets.yaml {t['id']}: unknown measure {t['measure']}")
        value = t["target"]["value"]
        target = Target(
            id=t["id"], title=t["title"], region=str(t["region"]), document=t["document"], file=t["file"],
            quote=t["quote"], value=None if value is None else Decimal(str(value)), unit=t["target"]["unit"],
            period_text=period.get("text"), period_kind=period["kind"],
            until=date.fromisoformat(period["until"]) if period.get("until") else None,
            period_quote=period.get("quote"), measure=t["measure"], measure_note=t["measure_note"],
            measure_args=dict(t.get("measure_args") or {}), policy_rule=t.get("policy_rule"),
        )  # fmt: skip
        out.append(target)
    return out


@cache
def shipped_targets() -> tuple[Target, ...]:
    """The targets shipped in seeds/targets.yaml (with value, period and measure), then the plans'
    other targets from the policy data (seeds/policies/, `kind: target`), listed without a value
    or a measure: every target the documents state, one quote in one place each."""
    text = resources.files("seeds").joinpath("targets.yaml").read_text(encoding="utf-8")
    own = parse_targets(yaml.safe_load(text))
    linked = {t.policy_rule for t in own}
    listed = [_from_policy(rule) for rule in default_rules() if rule.kind == "target" and rule.id not in linked]
    return (*own, *listed)


_UNTIL = re.compile(r"到(20\d\d)年")


def _from_policy(rule: Rule) -> Target:
    """A policy rule of kind `target` as a listed target: the period is the one its quote states
    (每年, 到20xx年), else the one its title states, else none."""
    kind, text, until = "none", None, None
    for source in (rule.quote, rule.title):
        if "每年" in source:
            kind, text = "per_year", "每年"
        elif found := _UNTIL.search(source):
            kind, text, until = "until", found.group(0), date(int(found.group(1)), 12, 31)
        if kind != "none":
            break
    return Target(
        id=rule.id, title=rule.title, region=rule.region_codes[0], document=f"{rule.document_title} {rule.clause}",
        file=rule.document, quote=rule.quote, value=None, unit="", period_text=text, period_kind=kind, until=until,
        period_quote=None, measure=None, measure_note=LISTED_NOTE, policy_rule=rule.id,
    )  # fmt: skip


def period_of(target: Target, today: date) -> TargetPeriod:
    """The period the document states, made concrete: `per_year` → this calendar year."""
    if target.period_kind == "per_year":
        return TargetPeriod(
            text=f"{target.period_text}（{today.year}年）", kind="per_year",
            date_from=date(today.year, 1, 1), date_to=date(today.year, 12, 31),
        )  # fmt: skip
    if target.period_kind == "until":
        return TargetPeriod(text=target.period_text or "", kind="until", date_from=None, date_to=target.until)
    return TargetPeriod(text=NO_PERIOD, kind="none", date_from=None, date_to=None)


def _share(value: Decimal, target: Target) -> float | None:
    return None if not target.value else round(float(value / target.value), 4)


async def _group_progress(
    session: AsyncSession, target: Target, where: RegionRef, start: datetime | None, end: datetime | None
) -> TargetProgress:
    """A target stated per industry chain (每条产业链…): the figure per category group, each
    against the target; the total as `value`, no overall share."""
    measure: Any = GROUP_MEASURES[str(target.measure)]
    per_group: dict[str | None, Decimal] = await measure(
        session, scope=where.code, start=start, end=end, **target.measure_args
    )
    names = await names_of(session, categories=[k for k in per_group if k is not None], regions=[])
    groups = [
        GroupProgress(code=k, name=names.get(k, k) if k else "未分类", value=v, share=_share(v, target))
        for k, v in sorted(per_group.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
    ]
    return TargetProgress(value=sum(per_group.values(), Decimal(0)), share=None, measured_in=where, by_group=groups)


async def target_progress(
    session: AsyncSession, *, actor: Actor, region: str | None = None, today: date | None = None
) -> TargetsRead:
    """The targets that concern the bureau's scope — its own region's and its ancestors' (measured
    inside the scope), and those of regions inside it (measured in that region) — with progress."""
    scope_code = await statistics_scope(session, actor=actor, region=region)
    scope = await get_region(session, scope_code)
    assert scope is not None
    today = today or datetime.now(UTC).date()
    paths = await paths_of(session, {scope_code, *(t.region for t in shipped_targets())})
    scope_ancestors = paths.get(scope_code, [])
    items = []
    for target in shipped_targets():
        target_ancestors = paths.get(target.region, [])
        if target.region in scope_ancestors:
            measured_in = scope_code
        elif scope_code in target_ancestors:
            measured_in = target.region
        else:
            continue
        period = period_of(target, today)
        progress = None
        if target.measure is not None:
            start, end = period_bounds(period.date_from, period.date_to)
            place = await get_region(session, measured_in)
            where = RegionRef(code=measured_in, name=place.name if place else measured_in)
            if target.measure in GROUP_MEASURES:
                progress = await _group_progress(session, target, where, start, end)
            else:
                measure: Any = MEASURES[target.measure]
                value = await measure(session, scope=measured_in, start=start, end=end, **target.measure_args)
                progress = TargetProgress(value=value, share=_share(value, target), measured_in=where)
        issuer = await get_region(session, target.region)
        item = TargetRead(
            id=target.id, title=target.title,
            region=RegionRef(code=target.region, name=issuer.name if issuer else target.region),
            document=target.document, file=target.file, quote=target.quote, period_quote=target.period_quote,
            target=target.value, unit=target.unit, period=period, measure=target.measure,
            measure_note=target.measure_note, progress=progress, policy_rule=target.policy_rule,
        )  # fmt: skip
        items.append(item)
    return TargetsRead(scope=RegionRef(code=scope.code, name=scope.name), items=items)
