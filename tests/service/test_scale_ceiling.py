"""The ceiling `make bench-scale` prints beside its figures: what two API processes could give at
most, from where one process's run spent its CPU."""

from __future__ import annotations

import pytest

from bench.scale import ceiling


def test_the_api_process_is_the_limit_when_the_database_costs_little() -> None:
    # 100 req/s with the API process using a whole core and PostgreSQL a tenth of one: the second
    # process finds idle cores, and only the GIL limits it
    cpu = {"API": 1.0, "postgres": 0.1, "workers": 0.0, "generator": 0.0, "importer (whole import)": 0.0,
           "rest of machine": 0.0}  # fmt: skip
    best, factor, api, rest = ceiling(100.0, cpu, cores=2)
    assert api == pytest.approx(0.010) and rest == pytest.approx(0.001)
    assert best == pytest.approx(2 / 0.011)  # the cores, not the GIL: 181.8 req/s
    assert factor == pytest.approx(1.818, abs=1e-3)


def test_a_saturated_machine_leaves_the_second_process_nothing() -> None:
    # the quiet run of 2026-12-05: 73 req/s, the API 0.54 cores, PostgreSQL 0.59, the background
    # import 0.45 and the rest of the machine 0.25 — about ×1.05 at most
    cpu = {"API": 0.54, "postgres": 0.59, "workers": 0.08, "generator": 0.02, "importer (whole import)": 0.45,
           "rest of machine": 0.25}  # fmt: skip
    best, factor, _, _ = ceiling(73.0, cpu, cores=2)
    assert best == pytest.approx(73 * 1.30 / 1.23)
    assert 1.0 < factor < 1.1
