"""The plans' targets as data: every quote is the documents' exact text, every period is the one
the document states (or "no period stated"), every measure exists."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from matching.statistics.targets import NO_PERIOD, parse_targets, period_of, shipped_targets

DOCS = Path(__file__).resolve().parents[2] / "seeds" / "policy_docs"


def test_every_quote_is_verbatim_in_its_document() -> None:
    targets = shipped_targets()
    assert len(targets) >= 10
    for target in targets:
        text = (DOCS / target.file).read_text(encoding="utf-8")
        assert target.quote in text, target.id
        if target.period_quote:
            assert target.period_quote in text, target.id
        # The stated period is in the quote itself or in its period quote.
        if target.period_text:
            assert target.period_text in target.quote or target.period_text in (target.period_quote or ""), target.id


def test_the_plans_named_kpis_are_there() -> None:
    by_id = {t.id: t for t in shipped_targets()}
    chains = by_id["jining-chain-matchmaking"]
    assert chains.value == 2 and chains.period_kind == "none" and chains.measure is None  # events not yet served
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
