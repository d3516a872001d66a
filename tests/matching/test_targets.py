"""The plans' targets as data: every quote is the documents' exact text, every period is the one
the document states (or "no period stated"), every measure exists."""

from __future__ import annotations

from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from matching.policies.loader import default_rules, rule_by_id
from matching.statistics.targets import LISTED_NOTE, NO_PERIOD, parse_targets, period_of, shipped_targets

DOCS = Path(__file__).resolve().parents[2] / "seeds" / "policy_docs"


def test_every_quote_is_verbatim_in_its_document() -> None:
    targets = shipped_targets()
    assert len(targets) >= 30
    for target in targets:
        text = (DOCS / target.file).read_text(encoding="utf-8")
        assert target.quote in text, target.id
        if target.period_quote:
            assert target.period_quote in text, target.id
        # The stated period is in the quote itself, in its period quote, or (a target listed from the
        # policy data) in the policy rule's title.
        if target.period_text:
            rule = rule_by_id(target.policy_rule) if target.policy_rule else None
            where = [target.quote, target.period_quote or "", rule.title if rule else ""]
            assert any(target.period_text in w for w in where), target.id


def test_every_target_names_its_document_by_the_title_the_policies_give_it() -> None:
    # An outside check found two 嘉兴 targets citing "…实施方案（征求意见稿）" for a file whose title
    # (and GET /policies' document_title) is "…专项行动实施方案（意见征求稿）".
    titles = {r.document: r.document_title for r in default_rules()}
    for target in shipped_targets():
        assert target.document.startswith(titles[target.file]), (target.id, target.document)


def test_targets_link_the_policy_rules_that_quote_the_same_clause() -> None:
    own = [t for t in shipped_targets() if t.measure_note != LISTED_NOTE]
    assert len(own) == 14 and sum(1 for t in own if t.policy_rule) == 9
    for target in own:
        if target.policy_rule is None:
            continue
        rule = rule_by_id(target.policy_rule)
        assert rule is not None and rule.kind in ("target", "tracking_threshold"), target.id
        assert rule.document == target.file and rule.region_codes[0] == target.region, target.id
        # The same clause: the two quotes share a run of at least 10 characters of the document.
        common = SequenceMatcher(None, rule.quote, target.quote).find_longest_match()
        assert common.size >= 10, target.id
    # Every target of the policy data is listed once: linked from targets.yaml or listed from it.
    policy_targets = {r.id for r in default_rules() if r.kind == "target"}
    listed = [t.policy_rule for t in shipped_targets() if t.policy_rule in policy_targets]
    assert set(listed) == policy_targets
    robots = next(t for t in shipped_targets() if t.id == "jx-target-robots")
    assert robots.quote == "新增工业机器人1万台以上" and robots.measure is None and robots.region == "330400"


def test_the_plans_named_kpis_are_there() -> None:
    by_id = {t.id: t for t in shipped_targets()}
    chains = by_id["jining-chain-matchmaking"]
    assert chains.value == 2 and chains.period_kind == "none" and chains.measure == "held_events_by_group"
    assert by_id["jining-first-of-kind-yearly"].period_kind == "per_year"
    assert by_id["jiaxing-first-of-kind-yearly"].measure == "listings_with_tag"
    assert {t.region for t in shipped_targets()} >= {"370800", "370871", "330400", "350500", "510000"}
    assert any("数控化率" in t.quote for t in shipped_targets())
    assert "5000万元以上" in by_id["jining-tracking-city-level"].quote


def test_periods() -> None:
    by_id = {t.id: t for t in shipped_targets()}
    yearly = period_of(by_id["jiaxing-first-of-kind-yearly"], date(2026, 12, 4))
    assert (yearly.date_from, yearly.date_to) == (date(2026, 1, 1), date(2026, 12, 31)) and "2026" in yearly.text
    until = period_of(by_id["quanzhou-renewal-projects-2027"], date(2026, 12, 4))
    assert until.date_from is None and until.date_to == date(2027, 12, 31) and until.text == "到2027年"
    none = period_of(by_id["jining-chain-matchmaking"], date(2026, 12, 4))
    assert none.text == NO_PERIOD and "no period stated" in none.text and none.date_to is None


def test_bad_data_is_refused() -> None:
    good = {
        "id": "x", "title": "x", "region": "330400", "document": "d", "file": "f", "quote": "q",
        "target": {"value": 1, "unit": "项"}, "period": {"text": None, "kind": "none"},
        "measure": "listings_with_tag", "measure_note": "n",
    }  # fmt: skip
    assert parse_targets({"targets": [good]})[0].measure == "listings_with_tag"
    with pytest.raises(ValueError, match="measure"):
        parse_targets({"targets": [{**good, "measure": "guessed"}]})
    with pytest.raises(ValueError, match="period"):
        parse_targets({"targets": [{**good, "period": {"kind": "sometime"}}]})
