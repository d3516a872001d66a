"""Chinese analysis: normalisation, domain segmentation, search-mode sub-words, query analysis."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

import catalog.text as text_module
from catalog.text import MAX_QUERY_CHARS, Analyzer, analyzer, maximal, normalise


def test_normalise_full_width_case_controls_and_latin_runs() -> None:
    assert normalise("ＣＮＣ加工中心") == "cnc 加工中心"
    assert normalise("CNC加工中心") == "cnc 加工中心"
    assert normalise("VMC850立式加工中心") == "vmc850 立式加工中心"
    assert normalise("加工\x00中心\t\u200b") == "加工 中心"
    assert normalise("３Ｄ打印　设备") == "3d 打印 设备"


@given(st.text(max_size=300))
def test_normalise_is_idempotent_and_never_keeps_controls(value: str) -> None:
    once = normalise(value)
    assert normalise(once) == once
    assert "\x00" not in once and once == once.strip()


@given(st.text(max_size=300))
def test_analysis_never_fails_and_yields_clean_tokens(value: str) -> None:
    analysis = analyzer().analyse(value)
    for token in analysis.lexemes():
        assert token and token == token.strip() and "\x00" not in token


def test_domain_words_stay_whole_and_sub_words_are_added() -> None:
    tokens = analyzer().tokens
    assert "加工中心" in tokens("立式加工中心")
    assert "激光焊接机" in tokens("手持激光焊接机")
    assert "分容化成柜" in tokens("能量回馈分容化成柜")
    assert {"数控", "机床", "数控机床"} <= set(tokens("数控机床"))
    assert "激光切割" in tokens("光纤激光切割机")  # longer than jieba's own three characters
    assert {"vmc850", "vmc", "850"} <= set(tokens("VMC850"))


def test_query_analysis_groups_synonyms_and_names_categories() -> None:
    analysis = analyzer().analyse("AGV小车")
    assert analysis.groups[0][0] == ("agv", "小车")
    assert ("自动导引车",) in analysis.groups[0]
    assert analysis.categories == ["0204"]
    assert analyzer().analyse("液压机").categories == ["0106"]  # alias of 油压机
    assert analyzer().analyse("机床").categories == ["01"]  # a group alias
    colloquial = analyzer().analyse("电池极片涂布")
    assert ("涂布机",) in colloquial.groups[0] and colloquial.categories == ["0301"]


def test_a_longer_phrase_wins_over_the_one_inside_it() -> None:
    assert analyzer().analyse("激光焊接机").categories == ["0203"]


def test_request_words_are_dropped_from_queries() -> None:
    terms = analyzer().analyse("需要采购一台数控车床").terms
    assert terms == ["数控车床"]


def test_queries_are_capped() -> None:
    assert len(analyzer().analyse("加" * 10_000).text) <= MAX_QUERY_CHARS


def test_maximal_keeps_the_longest() -> None:
    assert maximal(["数控", "机床", "数控机床", "加工"]) == ["数控机床", "加工"]


def test_dictionary_loads_once_across_threads() -> None:
    fresh = Analyzer(analyzer().lexicon)
    results: list[list[str]] = []
    threads = [threading.Thread(target=lambda: results.append(fresh.tokens("激光焊接机"))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r == results[0] for r in results) and "激光焊接机" in results[0]
    assert fresh.startup_seconds is not None and fresh.warm() == fresh.startup_seconds


def test_a_repeated_query_reuses_its_analysis_and_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "ANALYSES_KEPT", 3)
    fresh = Analyzer(analyzer().lexicon)
    first = fresh.analyse("五轴 加工中心")
    assert fresh.analyse("五轴 加工中心") is first
    assert first == Analyzer(analyzer().lexicon).analyse("五轴 加工中心")  # the same as computed anew
    for query in ("激光切割机", "空压机", "数控车床"):
        fresh.analyse(query)
    assert len(fresh._analyses) == 3 and "五轴 加工中心" not in fresh._analyses
    assert fresh.analyse("五轴 加工中心") == first


def _scanned(names: frozenset[str], value: str) -> list[tuple[int, int, str]]:
    """Every occurrence of every name, found by asking the text for each name (the old way)."""
    found = []
    for name in names:
        start = value.find(name)
        while start != -1:
            found.append((start, start + len(name), name))
            start = value.find(name, start + 1)
    return sorted(found)


@given(st.text(alphabet="杭州市西湖区海宁嘉兴浙江省数控车床加工中心激光切割机焊 0a", max_size=40))
def test_names_are_found_wherever_a_scan_would_find_them(value: str) -> None:
    lexicon = analyzer().lexicon
    for names in (lexicon.place_names, lexicon.phrase_names):
        assert sorted(names.spans(value)) == _scanned(names.names, value)


def test_names_in_real_queries() -> None:
    lexicon = analyzer().lexicon
    for value in ("浙江省嘉兴市海宁市需要数控车床", "杭州 西湖区 激光切割机 加工中心", "海宁海宁市海宁"):
        spans = lexicon.place_names.spans(value)
        assert spans and sorted(spans) == _scanned(lexicon.place_names.names, value)
        assert sorted(lexicon.phrase_names.spans(value)) == _scanned(lexicon.phrase_names.names, value)


def test_warming_for_queries_readies_the_spelling_tables() -> None:
    fresh = Analyzer(analyzer().lexicon)
    fresh.warm()
    assert fresh._sounds is None  # the import pool's workers never need them
    fresh.warm(queries=True)
    assert fresh._sounds is not None
