"""The Rust segmenter (rjieba loaded with jieba's dictionary and our domain words) gives exactly
the tokens the pure-Python jieba reference gives: for every title, description, brand and model of
the demo data, the rows `bench/import.py` imports, the category texts and the organisation names."""

from __future__ import annotations

import importlib

import pytest

from catalog.listings.importer import HEADER
from catalog.text import Analyzer, Lexicon, RustTokenizer
from seeds.demo import generate


@pytest.fixture(scope="module")
def analyzers() -> tuple[Analyzer, Analyzer]:
    lexicon = Lexicon.load()
    return Analyzer(lexicon, engine="jieba"), Analyzer(lexicon)


def _texts() -> list[str]:
    demo = generate(seed=2024, listings=3000, demands=3000)
    texts = [o.name for o in demo.organizations]
    for listing in demo.listings:
        texts += [listing.title, listing.description, f"{listing.brand or ''} {listing.model or ''}"]
    for demand in demo.demands:
        texts += [demand.title, demand.description]
    # The bench's rows: the demo listings again, titles numbered by batch (bench/import.py).
    rows = importlib.import_module("bench.import").make_rows(6500)
    title, description = HEADER.index("title"), HEADER.index("description")
    texts += [str(row[title]) for row in rows[3000:]] + [str(row[description]) for row in rows[:50]]
    taxonomy = Lexicon.load().words
    texts += sorted(taxonomy)  # the domain words themselves
    texts += ["數控機床 CNC加工中心VMC-850，6kW激光切割机！", "B超 ｂ超机 分容化成柜", "", "   ", "发那科的五轴联动"]
    return [t for t in texts if t is not None]


def test_rjieba_gives_jiebas_tokens_for_every_text(analyzers: tuple[Analyzer, Analyzer]) -> None:
    reference, rust = analyzers
    texts = _texts()
    assert len(texts) > 15_000
    different = [
        (text, reference.tokens(text, index=True), rust.tokens(text, index=True))
        for text in texts
        if reference.tokens(text, index=True) != rust.tokens(text, index=True)
    ]
    assert different == []
    # The raw cut as well (query analysis uses it directly, without our post-processing).
    ref_tokenizer, rust_tokenizer = reference._ready(), rust._ready()
    assert isinstance(rust_tokenizer, RustTokenizer)
    for text in texts[:5000]:
        assert list(ref_tokenizer.cut(text, HMM=False)) == rust_tokenizer.cut(text, HMM=False), text


def test_the_dictionary_totals_agree(analyzers: tuple[Analyzer, Analyzer]) -> None:
    """The ballast makes rjieba's total frequency jieba's, so routes of different lengths weigh
    alike (without it 建设银行 … style ties could split differently)."""
    reference, rust = analyzers
    ref_tokenizer, rust_tokenizer = reference._ready(), rust._ready()
    assert isinstance(rust_tokenizer, RustTokenizer)
    assert rust_tokenizer._rust_total == ref_tokenizer.total
    assert {w for w, f in ref_tokenizer.FREQ.items() if f} == set(rust_tokenizer.FREQ)
    assert reference.analyse("五轴加工中心").lexemes() == rust.analyse("五轴加工中心").lexemes()
