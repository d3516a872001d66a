"""The Rust segmenter (rjieba loaded with jieba's dictionary and our domain words) gives exactly
the tokens the pure-Python jieba reference gives: for every title, description, brand and model of
the demo data, the rows `bench/import.py` imports, the category texts and the organisation names."""

from __future__ import annotations

import importlib
import random

import pytest

from catalog.listings.importer import HEADER
from catalog.text import Analyzer, Lexicon, RustTokenizer, _normalise_slowly, normalise, normalise_joined
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
    # FREQ.get is truthy for the same words: every word of jieba's, and none of its mere prefixes.
    assert all(bool(rust_tokenizer.FREQ.get(w)) == bool(f) for w, f in ref_tokenizer.FREQ.items())
    assert not rust_tokenizer.FREQ.get("\ue000") and not rust_tokenizer.FREQ.get("不是一个词语吧")
    assert reference.analyse("五轴加工中心").lexemes() == rust.analyse("五轴加工中心").lexemes()


def test_normalise_fast_path_is_the_long_way() -> None:
    """`normalise` maps simple characters one at a time (and `normalise_joined` joins parts
    normalised so); on every code point below U+30000 and on
    random mixes of the tricky ones (combining marks, Hangul jamo, half-width forms, traditional
    characters, noncharacters) it gives what NFKC → simplified → blank → casefold gives."""
    everything = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000)
    assert normalise(everything) == _normalise_slowly(everything)
    rng = random.Random(14)
    codes = [*range(0x250), *range(0x2000, 0x2070), *range(0x3000, 0x3100), *range(0xF900, 0xF910)]
    codes += [*range(0xFF00, 0xFFF0), *range(0x4E00, 0x4E40), 0x6578, 0x6A5F, 0x0301, 0x3099, 0x1100, 0x1161, 0xAC00]
    pool = [chr(c) for c in [*codes, 0x11A8, 0xFFFF]]
    for _ in range(50_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        assert normalise(text) == _normalise_slowly(text), repr(text)
        parts = [text, "".join(rng.choice(pool) for _ in range(3)), "CNC加工中心", ""]
        assert normalise_joined(parts) == _normalise_slowly(" ".join(parts)), repr(parts)
    assert normalise("數控機床　ＣＮＣ加工中心VMC-850，６kW") == "数控机床 cnc 加工中心 vmc-850,6kw"
