"""Status machines of the supply and demand lists as data: which act leads from which statuses to
which, and what a refused act is told. Pure: the services apply the result and audit it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from catalog.errors import Conflict


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    refusal: str  # the Chinese message when the current status is not among `sources`


def next_status(transitions: Mapping[str, Transition], current: str, action: str) -> str | None:
    """The status `action` leads to from `current`; None when the record is already there (acts
    are idempotent); Conflict (409) when the act is not allowed from `current`."""
    transition = transitions[action]
    if current == transition.target:
        return None
    if current not in transition.sources:
        raise Conflict(transition.refusal)
    return transition.target


LISTING_TRANSITIONS: Mapping[str, Transition] = {
    "publish": Transition(frozenset({"draft"}), "published", "已归档的挂牌不能直接发布，请先恢复为草稿"),
    "unpublish": Transition(frozenset({"published"}), "draft", "已归档的挂牌不能撤回为草稿，请使用恢复"),
    "archive": Transition(frozenset({"draft", "published"}), "archived", "该挂牌不能归档"),
    "restore": Transition(frozenset({"archived"}), "draft", "只有已归档的挂牌可以恢复"),
}

DEMAND_TRANSITIONS: Mapping[str, Transition] = {
    "publish": Transition(frozenset({"draft"}), "published", "已关闭的需求不能再次发布"),
    "unpublish": Transition(frozenset({"published"}), "draft", "已关闭的需求不能撤回为草稿"),
    "close": Transition(frozenset({"draft", "published"}), "closed", "该需求不能关闭"),
}
