"""Chinese analysis for search: normalisation, jieba segmentation with a domain dictionary, and
query analysis (terms, synonym and alias expansions, the categories a query names).

One `Analyzer` per process, built lazily and thread-safe on first use (`analyzer()`); the app
warms it at start-up so no request pays jieba's dictionary load. It segments with `rjieba`
(jieba-rs, the same algorithm in Rust, ~10× faster) loaded with jieba's own dictionary file and
our domain words, weighted exactly as jieba weighs them (`RustTokenizer`), so it gives jieba's
tokens; `Analyzer(lexicon, engine="jieba")` is the reference it is tested against
(tests/catalog/test_segmenter.py). Either way it has its own dictionary, never jieba's global one.
"""

from __future__ import annotations

import csv
import logging
import re
import threading
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import jieba
import rjieba
import yaml
from pypinyin import lazy_pinyin
from zhconv import convert as zh_convert  # type: ignore[import-untyped]
from zhconv import zhconv as _zhconv

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TAXONOMY_PATH = SEEDS / "taxonomy.yaml"
SYNONYMS_PATH = SEEDS / "synonyms.yaml"
REGIONS_PATH = SEEDS / "regions.csv"
# Tokens a listing's document holds for its service regions: SERVES + the short name of each
# service region, INSIDE + the short name of each of their ancestors (below the nation).
SERVES, INSIDE = "服务@", "服务内@"
# Longest query we analyse; longer input is cut (documented in README › Search).
MAX_QUERY_CHARS = 200
# Look-alike characters (形近字) a two-character word is often mistyped with.
SHAPES: dict[str, str] = {
    "拆": "折", "折": "拆", "末": "未", "未": "末", "己": "已", "已": "己", "人": "入", "入": "人",
    "土": "士", "士": "土", "千": "干", "干": "千", "拨": "拔", "拔": "拨", "侯": "候", "候": "侯",
    "摸": "模", "膜": "模", "几": "机", "据": "锯", "剧": "锯", "券": "卷", "浇": "烧", "护": "炉",
    "抽": "轴", "棍": "辊", "混": "辊", "伐": "阀", "缎": "锻", "段": "锻", "涛": "铸", "悍": "焊",
    "捍": "焊", "洗": "铣", "堂": "镗", "摩": "磨", "庄": "压", "钜": "锯", "栓": "拴", "拴": "栓",
}  # fmt: skip
# Latin words that may be pinyin typed for a Chinese word (whole runs of letters and spaces).
_PINYIN_RUN = re.compile(r"(?<![a-z0-9])[a-z]+(?: [a-z]+)*(?![a-z0-9])")
# A query at most this long may name a maker jieba does not know (single characters kept together).
SHORT_QUERY = 16
# Query analyses an analyzer remembers (a few MB at most).
ANALYSES_KEPT = 4096
# Frequency given to domain words: high enough that jieba keeps 加工中心, 激光焊接机 and 分容化成柜 whole.
DOMAIN_WORD_FREQ = 50_000
# Words whose tokens an analyzer keeps (a vocabulary, so ~100k words; ~20 MB at most).
MAX_EXPANSIONS = 200_000

_LATIN = re.compile(r"[a-z0-9]+(?:[-_./][a-z0-9]+)*")
_LATIN_PART = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
_SPACES = re.compile(r"\s+")
_HAN_LATIN_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])(?=[a-z0-9])")
_WORD = re.compile(r"\w", re.UNICODE)
# Tokens that carry no meaning in an equipment search (dropped from documents and queries).
STOPWORDS = frozenset("的 了 和 与 及 或 在 是 为 对 等 并 可 其 之 以 于 而 也 把 被 个 ，".split())
# Words of a request that say "I want" rather than what is wanted (dropped from queries only).
QUERY_STOPWORDS = STOPWORDS | frozenset(
    "需要 需求 求购 采购 购买 购置 买 想 要 找 寻找 一台 一套 台 套 用于 用 我们 我 公司 企业 工厂 厂 "
    "希望 能够 能 一批 左右 以上 以下 以内 不低于 不高于 不少于 低于 高于 超过 不超过 至少 要求 进行 提供 新 "
    "更新 替换 换 老旧 最好 最好是 带 有 具有 支持 适合 适用 "
    "设备 机器 东西 那种 这种 那个 这个 一点 有没有 能不能 可以 怎么 什么 哪里 哪家 一下 还 都 就 很 比较 更 太".split()
)


# Characters that only traditional Chinese writes (數, 機, 襪 …): text holding any is converted to
# simplified (數控機床 → 数控机床) with zhconv's tables; other text is left as it is (fast path).
_zhconv.loaddict()
_TRADITIONAL = frozenset(k for k, v in _zhconv.zhcdicts["zh2Hans"].items() if len(k) == 1 and k != v)
# Qualifiers that say little on their own (电脑袜机 is any sock machine): an alias made of one of
# these and its category's name is not split into a qualifier concept of its own.
GENERIC_QUALIFIERS = frozenset(
    "电脑 数控 cnc 全自动 自动 半自动 智能 高速 精密 新型 工业 大型 小型 中型 节能 高效 全新 国产 进口 "
    "专用 通用 多功能 自动化 智能化 数字化 一体 一体化 设备 机器".split()
)
# Unit spellings of one quantity, indexed in every form (6kW = 6000W, φ3.2m = 3200mm).
_UNIT = re.compile(r"^(\d+(?:\.\d+)?)(kw|w|mw|mm|cm|m|t|kg|kn)$")
_UNIT_SCALE = {"w": ("power", 1.0), "kw": ("power", 1e3), "mw": ("power", 1e6), "mm": ("length", 1e-3),
               "cm": ("length", 1e-2), "m": ("length", 1.0), "kg": ("mass", 1.0), "t": ("mass", 1e3)}  # fmt: skip


def simplified(text: str) -> str:
    """Traditional characters converted to simplified when the text has any (數控機床 → 数控机床)."""
    return text if _TRADITIONAL.isdisjoint(text) else zh_convert(text, "zh-cn")


def unit_variants(run: str) -> list[str]:
    """The other spellings of a number with a unit: 6kw → 6000w; 3.2m → 3200mm; 2t → 2000kg."""
    found = _UNIT.match(run)
    if found is None or found.group(2) not in _UNIT_SCALE:
        return []
    value = float(found.group(1))
    quantity, scale = _UNIT_SCALE[found.group(2)]
    out = []
    for unit, (other, other_scale) in _UNIT_SCALE.items():
        if other == quantity and unit != found.group(2):
            converted = value * scale / other_scale
            if 0.1 <= converted < 1e7 and abs(converted * 1000 - round(converted * 1000)) < 1e-6:
                out.append(f"{converted:.3f}".rstrip("0").rstrip(".") + unit)
    return out


def short_place(name: str) -> str:
    """A region's name without its administrative suffix (海宁市 → 海宁, 浙江省 → 浙江, 新疆维吾尔自治区
    stays whole); names that would fall under two characters stay whole."""
    for suffix in ("自治区", "自治州", "省", "市", "县", "区"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


class _Blanked(dict[int, int]):
    """str.translate's table for `normalise`: control, format and separator characters (Unicode
    categories C* and Z*) become a space, every other character stays; each character's category
    is looked up once per process, on first sight."""

    def __missing__(self, code: int) -> int:
        value = 32 if unicodedata.category(chr(code))[0] in "CZ" else code
        self[code] = value
        return value


_BLANKS = _Blanked()
# Characters NFKC maps one by one, never composing with a neighbour: ASCII, Latin-1 signs,
# general punctuation, CJK symbols (not the combining tone marks), CJK ideographs (unified,
# extension A, compatibility) and the full-width ASCII forms.
_SIMPLE_RANGES = (
    (0x00, 0xFF), (0x2000, 0x206F), (0x3000, 0x3029), (0x3030, 0x303F), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF01, 0xFF5E),
)  # fmt: skip
_NOT_SIMPLE = "\uffff"  # a noncharacter: marks text `normalise` must take the long way


class _Folded(dict[int, str]):
    """str.translate's table for `normalise`'s fast path: a simple character → NFKC, blanked,
    case-folded, as the long way would make it; any other character → _NOT_SIMPLE."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch)
        simple = any(lo <= code <= hi for lo, hi in _SIMPLE_RANGES) and not any(
            unicodedata.combining(c) for c in folded
        )
        value = folded.translate(_BLANKS).casefold() if simple else _NOT_SIMPLE
        self[code] = value
        return value


_FOLDED = _Folded()


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), controls and NUL removed, traditional characters made
    simplified, Latin folded to lower case, Latin and digit runs spaced apart from Han text
    (CNC加工中心 → cnc 加工中心), whitespace collapsed."""
    return _normalised(text)[0]


def _normalised(text: str) -> tuple[str, bool]:
    """`normalise`, and whether the text took the fast path (then it is kept a while, see
    `normalise_joined`)."""
    known = _RECENT.get(text)
    if known is not None:
        return known, True
    folded = text.translate(_FOLDED)  # the same, one character at a time, when that is exact
    simple = _NOT_SIMPLE not in folded and _TRADITIONAL.isdisjoint(folded)
    if not simple:
        folded = simplified(unicodedata.normalize("NFKC", text)).translate(_BLANKS).casefold()
    out = " ".join(_HAN_LATIN_BOUNDARY.sub(" ", folded).split())
    if simple:
        if len(_RECENT) >= _RECENT_SIZE:
            _RECENT.clear()
        _RECENT[text] = out
    return out, simple


# Texts normalised lately (fast path only): a document's title and description are normalised for
# its tokens and again inside its trigram text.
_RECENT: dict[str, str] = {}
_RECENT_SIZE = 4096


def normalise_joined(parts: Iterable[str]) -> str:
    """normalise(" ".join(parts)), from each part's own normalisation when every part took the
    fast path: one character at a time, no boundary spans the joining space, blanks collapse
    alike. Otherwise the joined text the long way."""
    parts = list(parts)
    out: list[str] = []
    for part in parts:
        normalised, simple = _normalised(part)
        if not simple:
            return normalise(" ".join(parts))
        if normalised:
            out.append(normalised)
    return " ".join(out)


def _normalise_slowly(text: str) -> str:
    """`normalise` the long way (what its fast path must equal; tests compare them)."""
    text = simplified(unicodedata.normalize("NFKC", text))
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    text = text.casefold()
    text = _HAN_LATIN_BOUNDARY.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def cap_query(text: str) -> str:
    """The query as analysed: at most MAX_QUERY_CHARS characters."""
    return text[:MAX_QUERY_CHARS]


def _is_latin(token: str) -> bool:
    return token.isascii()


_JOINERS = re.compile(r"[-_/]")


def _latin_tokens(run: str, *, index: bool = False) -> list[str]:
    """A model number or Latin word whole (separators dropped: vmc-850 → vmc850, so VMC-850,
    vmc850 and VMC 850 meet), then its parts (vmc850 → vmc850, vmc, 850). For documents
    (`index`) also the spelling as written and a quantity's other units (6kw → 6000w)."""
    whole = _JOINERS.sub("", run)
    parts = [p for p in _LATIN_PART.findall(run) if len(p) > 1 or p.isdigit()]
    out = [whole]
    if index:
        if run != whole:
            out.append(run)
        out.extend(unit_variants(whole))
    if len(parts) > 1:
        out.extend(p for p in parts if p not in out)
    return out


@lru_cache(maxsize=8192)
def _sound(piece: str) -> str:
    """Toneless pinyin of a run of Han characters, spaced (空亚机 → "kong ya ji"); remembered, as
    the same unknown runs come back query after query."""
    return " ".join(lazy_pinyin(piece))


@dataclass(frozen=True)
class Names:
    """Names to look for in a (short) text: every occurrence is found by looking each of the text's
    substrings of the names' lengths up — a query of 20 characters is ~200 lookups, where asking
    the text for each of 6,000 place names is 6,000 scans of it (most of a new query's analysis)."""

    names: frozenset[str]
    sizes: tuple[int, ...]  # the names' lengths, ascending

    @classmethod
    def of(cls, names: Iterable[str]) -> Names:
        found = frozenset(n for n in names if n)
        return cls(found, tuple(sorted({len(n) for n in found})))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) for every occurrence of every name in `text`, overlaps included."""
        out: list[tuple[int, int, str]] = []
        for start in range(len(text)):
            for size in self.sizes:
                end = start + size
                if end > len(text):
                    break
                piece = text[start:end]
                if piece in self.names:
                    out.append((start, end, piece))
        return out


@dataclass(frozen=True)
class Lexicon:
    """Phrases the search knows: synonyms (both ways), needs (one way) and the category each
    name or alias stands for. Keys and values are normalised."""

    synonyms: dict[str, frozenset[str]]
    categories: dict[str, frozenset[str]]
    words: frozenset[str]
    # place name (full and short) → (short name, short names of its ancestors below the nation)
    places: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def load(
        cls, taxonomy_path: Path = TAXONOMY_PATH, synonyms_path: Path = SYNONYMS_PATH, regions_path: Path = REGIONS_PATH
    ) -> Lexicon:
        taxonomy = yaml.safe_load(taxonomy_path.read_text(encoding="utf-8"))
        spec = yaml.safe_load(synonyms_path.read_text(encoding="utf-8"))
        synonyms: dict[str, set[str]] = {}
        categories: dict[str, set[str]] = {}
        words: set[str] = set()

        def link(source: str, targets: Iterable[str]) -> None:
            key = normalise(source)
            synonyms.setdefault(key, set()).update(normalise(t) for t in targets if normalise(t) != key)

        for group in taxonomy["groups"]:
            for node in [group, *group.get("children", [])]:
                names = [node["name"], *node.get("aliases", [])]
                words.update(names)
                words.update(node.get("replaces", []))
                for name in names:
                    categories.setdefault(normalise(name), set()).add(str(node["code"]))
                for alias in node.get("aliases", []):  # an alias means the category's name
                    link(alias, [node["name"]])
        names_of = {normalise(n) for n in categories}
        for members in spec.get("groups", []):
            words.update(members)
            for member in members:
                link(member, members)
        for need, targets in (spec.get("needs") or {}).items():  # the need itself stays a phrase
            words.update(targets)
            words.add(need)
            link(need, targets)
        words.update(spec.get("terms", []))
        # a synonym of a category name names that category too (焊机 → 焊接机 …)
        for key, targets in synonyms.items():
            if key not in categories:
                named = {code for t in targets if t in names_of for code in categories[t]}
                if named:
                    categories[key] = named
        places: dict[str, tuple[str, tuple[str, ...]]] = {}
        if regions_path.exists():
            rows = list(csv.DictReader(regions_path.read_text(encoding="utf-8").splitlines()))
            by_code = {r["code"]: r for r in rows}
            for row in rows:
                if row["code"] == "000000":
                    continue
                chain: list[str] = []
                parent = row.get("parent_code") or ""
                while parent and parent != "000000" and parent in by_code:
                    chain.append(short_place(by_code[parent]["name"]))
                    parent = by_code[parent].get("parent_code") or ""
                entry = (short_place(row["name"]), tuple(chain))
                for name in {row["name"], short_place(row["name"])}:
                    places.setdefault(name, entry)  # a name used twice: the first (the larger region)
                    words.add(name)
        return cls(
            synonyms={k: frozenset(v) for k, v in synonyms.items() if v},
            categories={k: frozenset(v) for k, v in categories.items()},
            words=frozenset(words),
            places=places,
        )

    @cached_property
    def phrase_names(self) -> Names:
        """The synonyms' and categories' phrases, to find in a text."""
        return Names.of(set(self.synonyms) | set(self.categories))

    @cached_property
    def place_names(self) -> Names:
        """The place names (full and short), to find in a text."""
        return Names.of(self.places)

    def phrases_in(self, text: str) -> list[str]:
        """The known phrases in normalised `text`, longest first; a phrase inside a longer match
        at the same place is left out (激光焊接机 does not also count as 焊接机)."""
        spans = self.phrase_names.spans(text)
        kept: list[str] = []
        for s, e, phrase in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
            inside = any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in spans)
            if not inside and phrase not in kept:
                kept.append(phrase)
        return kept


Alternative = tuple[str, ...]


@dataclass(frozen=True)
class QueryAnalysis:
    """What a query asks for. `groups` has one entry per concept of the query; each is a list of
    alternatives (the user's own words first, then synonyms and aliases), an alternative being
    tokens that must all occur. `categories` are the category codes the query names."""

    text: str
    terms: list[str]
    groups: list[list[Alternative]]
    expansions: list[str]
    categories: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups

    def lexemes(self) -> list[str]:
        """Every token of every alternative (for trigram and baseline use)."""
        return list(dict.fromkeys(t for group in self.groups for alt in group for t in alt))


def maximal(tokens: Iterable[str]) -> list[str]:
    """Tokens without those contained in another (数控, 机床 inside 数控机床), order kept."""
    unique = list(dict.fromkeys(tokens))
    return [t for t in unique if not any(t != o and t in o for o in unique)]


JIEBA_DICT = Path(jieba.__file__).resolve().parent / "dict.txt"
# A word no normalised text can hold (a private-use character: `normalise` blanks them), which
# carries the frequency that makes rjieba's dictionary total equal jieba's (see RustTokenizer).
_BALLAST = "\ue000"


class _Known:
    """`FREQ.get(word)` as our code asks it of jieba (truthy for a word of the dictionary), asked
    of rjieba's own dictionary instead of a Python dict of 350,000 words (~50 MB a process)."""

    def __init__(self, cutter: rjieba.Jieba) -> None:
        self._has_word = cutter.has_word

    def get(self, word: str, default: object = None) -> object:
        return True if word != _BALLAST and self._has_word(word) else default


class RustTokenizer:
    """jieba's no-HMM cut done by rjieba (jieba-rs), with jieba's dictionary and our added words.

    jieba's route through a sentence maximises the sum of log(freq / total) over its words, so the
    dictionary's total frequency decides between routes of different lengths. jieba counts every
    line of dict.txt and every `add_word` into its total (a re-added word counts again); jieba-rs
    replaces a word's old frequency. One ballast word, which no text can contain, makes up the
    difference (`seal`), so both weigh every route alike. `FREQ.get(word)` is truthy for the words
    with a frequency (as jieba's is); dict.txt has no word of frequency 0."""

    def __init__(self) -> None:
        self._cutter: rjieba.Jieba = rjieba.Jieba.empty()  # type: ignore[no-untyped-call]
        self.FREQ = _Known(self._cutter)
        self._loading: dict[str, int] | None = {}  # word → frequency, until `seal`
        self._jieba_total = 0
        self._rust_total = 0
        with JIEBA_DICT.open(encoding="utf-8") as lines:
            for line in lines:
                word, freq, *_ = line.split()
                self._add(word, int(freq))

    def _add(self, word: str, freq: int) -> None:
        if self._loading is None or freq <= 0:
            raise ValueError("words are added, with a frequency, before seal()")
        self._cutter.add_word(word, freq, None)
        self._jieba_total += freq
        self._rust_total += freq - self._loading.get(word, 0)
        self._loading[word] = freq

    def add_word(self, word: str, freq: int) -> None:
        self._add(word, freq)

    def seal(self) -> None:
        """After the last `add_word`: the ballast that makes the totals equal."""
        missing = self._jieba_total - self._rust_total
        if missing > 0:
            self._cutter.add_word(_BALLAST, missing, None)
            self._rust_total += missing
        self._loading = None

    def cut(self, text: str, HMM: bool = False) -> list[str]:  # jieba's signature
        return self._cutter.cut(text, HMM)


class Analyzer:
    """jieba's segmentation with our domain dictionary. Build it through `analyzer()`; `engine`
    "jieba" is the pure-Python reference the Rust one is tested against."""

    def __init__(self, lexicon: Lexicon, engine: str = "rjieba") -> None:
        self.lexicon = lexicon
        self.engine = engine
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._sounds: dict[str, list[str]] | None = None
        self._patterns: dict[str, list[str]] | None = None
        self._analyses: dict[str, QueryAnalysis] = {}
        self.startup_seconds: float | None = None
        # word of the cut → its tokens, for queries and for documents (`index`)
        self._expansions: dict[bool, dict[str, tuple[str, ...]]] = {False: {}, True: {}}
        # a Latin chunk of the text (words, model numbers, quantities) → its tokens, likewise
        self._latin: dict[bool, dict[str, tuple[str, ...]]] = {False: {}, True: {}}

    def _ready(self) -> Any:
        if self._tokenizer is not None:
            return self._tokenizer
        with self._lock:
            if self._tokenizer is None:
                started = time.perf_counter()
                tokenizer: Any
                if self.engine == "jieba":
                    jieba.setLogLevel(logging.WARNING)
                    tokenizer = jieba.Tokenizer()
                    tokenizer.initialize()
                else:
                    tokenizer = RustTokenizer()
                for word in sorted(self.lexicon.words):
                    for piece in normalise(word).split(" "):
                        if piece and not _is_latin(piece) and len(piece) > 1:
                            tokenizer.add_word(piece, freq=DOMAIN_WORD_FREQ)
                if isinstance(tokenizer, RustTokenizer):
                    tokenizer.seal()
                self.startup_seconds = time.perf_counter() - started
                self._tokenizer = tokenizer
        return self._tokenizer

    def warm(self, *, queries: bool = False) -> float:
        """Load the dictionary now; returns how long jieba took (seconds). With `queries`, also
        what only query analysis uses (the spelling tables, the names to look for: ~0.4 s that the
        first search after start would otherwise wait for)."""
        self._ready()
        if queries:
            self._spelling()
            self.analyse("机床")
        return self.startup_seconds or 0.0

    def _pieces(self, text: str, *, index: bool = False) -> list[str]:
        tokenizer = self._ready()
        expansions = self._expansions[index]
        latin = self._latin[index]
        out: list[str] = []
        for chunk in normalise(text).split(" "):
            if not chunk:
                continue
            if _is_latin(chunk):
                found = latin.get(chunk)
                if found is None:
                    found = tuple(
                        t
                        for run in _LATIN.findall(chunk)
                        for t in _latin_tokens(run, index=index)
                        if t not in STOPWORDS
                    )
                    if len(latin) < MAX_EXPANSIONS:
                        latin[chunk] = found
                out.extend(found)
                continue
            for word in tokenizer.cut(chunk, HMM=False):
                expansion = expansions.get(word)
                if expansion is None:
                    expansion = self._expand(tokenizer.FREQ, word, index=index)
                    if len(expansions) < MAX_EXPANSIONS:
                        expansions[word] = expansion
                out.extend(expansion)
        return out

    @staticmethod
    def _expand(freq: Any, word: str, *, index: bool) -> tuple[str, ...]:
        """What one word of the cut becomes: like jieba's cut_for_search, every dictionary
        sub-word of any length first, so 激光切割机 also yields 激光切割 (jieba stops at three
        characters), then the word; model numbers whole and in parts; blanks, punctuation and stop
        words dropped. A word always becomes the same tokens, so they are kept per word."""
        found = [
            word[start : start + size]
            for size in range(2, len(word))
            for start in range(len(word) - size + 1)
            if freq.get(word[start : start + size])
        ]
        out: list[str] = []
        for token in [*found, word]:
            token = token.strip()
            if token and _WORD.search(token):
                if _is_latin(token):
                    for run in _LATIN.findall(token):
                        out.extend(_latin_tokens(run, index=index))
                else:
                    out.append(token)
        return tuple(t for t in out if t not in STOPWORDS)

    def tokens(self, text: str, *, index: bool = False) -> list[str]:
        """Search-mode tokens: whole words and their sub-words (数控机床 → 数控, 机床, 数控机床),
        model numbers whole and in parts; stop words dropped. Order kept, repeats kept. `index`:
        for a document — model numbers also as written, quantities in every unit."""
        return self._pieces(text, index=index)

    def _spelling(self) -> tuple[dict[str, list[str]], dict[str, str], dict[str, list[str]]]:
        """Built once: toneless pinyin → the lexicon's Han words (2–6 characters) that sound so
        (spaced, and run together: "kong ya ji", "kongyaji"), and each spelling with one
        character left open ("?弯机" → 折弯机 …)."""
        with self._lock:
            if self._sounds is None:
                sounds: dict[str, list[str]] = {}
                patterns: dict[str, list[str]] = {}
                for word in sorted({normalise(w) for w in self.lexicon.words} | set(self.lexicon.synonyms)):
                    if 2 <= len(word) <= 6 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
                        spoken = lazy_pinyin(word)
                        sounds.setdefault(" ".join(spoken), []).append(word)
                        sounds.setdefault("".join(spoken), []).append(word)
                        if len(word) >= 2:
                            for k in range(len(word)):
                                patterns.setdefault(word[:k] + "?" + word[k + 1 :], []).append(word)
                self._sounds, self._patterns = sounds, patterns
        assert self._patterns is not None
        return self._sounds, {}, self._patterns

    def _fix(self, piece: str) -> str | None:
        """The lexicon word an unknown run of Han characters misspells, if one is clear: the same
        sound (空亚机 → 空压机), or one character written as its look-alike (SHAPES: 拆弯机 → 折弯机)."""
        sounds, _, patterns = self._spelling()
        size = len(piece)
        for word in sounds.get(_sound(piece), ()):
            if len(word) == size and sum(a != b for a, b in zip(word, piece, strict=True)) * 2 <= size:
                return word
        found = {
            w
            for k in range(size)
            for w in patterns.get(piece[:k] + "?" + piece[k + 1 :], ())
            if w[k] in SHAPES.get(piece[k], "")
        }
        return found.pop() if len(found) == 1 else None

    def corrected(self, text: str) -> str:
        """Misspellings of known words put right (哇机 → 袜机, 空亚机 → 空压机, 数空机床 → 数控机床,
        拆弯机 → 折弯机; pinyin typed for a word: kong ya ji → 空压机). At each place the longest run
        of Han characters that clearly misspells a lexicon word (`_fix`) and is longer than any
        word jieba or our lexicon knows starting there becomes that word; otherwise the known word
        is kept whole."""
        text = self._pinyin_typed(text)
        known = self.lexicon.words
        freq = self._ready().FREQ
        out: list[str] = []
        i = 0
        while i < len(text):
            if not "\u4e00" <= text[i] <= "\u9fff":
                out.append(text[i])
                i += 1
                continue
            end = i
            while end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and end - i < 6:
                end += 1
            size = next((n for n in range(end - i, 1, -1) if text[i : i + n] in known or freq.get(text[i : i + n])), 1)
            for n in range(end - i, size, -1):  # a misspelling longer than the word known here (三座标 over 三座)
                word = self._fix(text[i : i + n])
                if word is not None:
                    out.append(word)
                    i += n
                    break
            else:
                out.append(text[i : i + size])
                i += size
        return "".join(out)

    def _pinyin_typed(self, text: str) -> str:
        """Latin runs that are the pinyin of a lexicon word (kong ya ji, kongyaji) become the word."""
        sounds, _, _ = self._spelling()

        def word_of(match: re.Match[str]) -> str:
            run = match.group(0)
            found = sounds.get(run) or (sounds.get(run.replace(" ", "")) if " " not in run and len(run) >= 5 else None)
            return found[0] if found else run

        return _PINYIN_RUN.sub(word_of, text)

    def _places_in(self, text: str, phrases: list[str]) -> list[str]:
        """Region names in the text (longest first, none inside another or inside a phrase)."""
        spans = self.lexicon.place_names.spans(text)
        taken = [(text.find(p), text.find(p) + len(p)) for p in phrases if p in text]
        found: list[str] = []
        for s, e, name in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
            if any(s < e2 and s2 < e for s2, e2 in taken):
                continue
            taken.append((s, e))
            found.append(name)
        return found

    def _unknown_runs(self, text: str) -> list[Alternative]:
        """Runs of 2–5 Han characters jieba knows only one by one (发那科 → 发 那 科, 日发): in a short
        query these are names — a brand, a maker — and count as a concept whose characters must
        all occur, instead of being dropped as single characters."""
        tokenizer = self._ready()
        runs: list[Alternative] = []
        for chunk in text.split(" "):
            current: list[str] = []
            for word in [*tokenizer.cut(chunk, HMM=False), ""]:
                if len(word) == 1 and "\u4e00" <= word <= "\u9fff" and word not in QUERY_STOPWORDS:
                    current.append(word)
                    continue
                if 2 <= len(current) <= 5:
                    runs.append(tuple(current))
                current = []
        return runs

    def split_qualifiers(self, text: str) -> tuple[str, list[str], list[str]]:
        """A category alias made of a qualifier and a name it stands for (五轴加工中心, 永磁变频空压机,
        双针筒袜机) is spelt as two concepts (五轴 加工中心), so the category boost cannot swallow the
        qualifier; returns the text, the category codes of the aliases split and the qualifiers.
        The name is the longest the alias contains, of equal ones the alias's head (its end:
        龙门加工中心 → 龙门 加工中心, not 龙门加工 中心) — never the first a set happens to yield, which
        varied with the process's hash seed, so two API processes read one query differently."""
        codes: list[str] = []
        qualifiers: list[str] = []
        for phrase in self.lexicon.phrases_in(text):
            names = [t for t in self.lexicon.synonyms.get(phrase, ()) if t != phrase and len(t) >= 2 and t in phrase]
            if not names:
                continue
            name = max(names, key=lambda t: (len(t), phrase.endswith(t), t))
            residual = phrase.replace(name, " ").strip()
            if len(residual) < 2 or residual in GENERIC_QUALIFIERS or " " in residual:
                continue
            codes.extend(self.lexicon.categories.get(phrase, ()))
            qualifiers.append(residual)
            text = text.replace(phrase, phrase.replace(name, f" {name} "))
        return _SPACES.sub(" ", text).strip(), codes, qualifiers

    def analyse(self, query: str) -> QueryAnalysis:
        """Terms of the query (request words like 需要/采购 dropped, single Han characters dropped
        when longer terms exist), grouped with their expansions by synonyms and taxonomy aliases.
        Remembered per query text (the last `ANALYSES_KEPT`): the analysis depends on nothing but the
        query and this analyzer's lexicon, which comes from seeds/ and never changes in a process —
        so no other process can make an entry stale. A new query costs 0.1–3 ms of jieba, synonym
        and spelling work (the 226 queries of bench/eval: p50 0.08, p95 2.6 ms); a repeated query
        (most traffic) skips it. Callers must not mutate the result."""
        found = self._analyses.get(query)
        if found is not None:
            return found
        analysis = self._analyse(query)
        if len(self._analyses) >= ANALYSES_KEPT:  # the oldest first (dicts keep insertion order)
            self._analyses.pop(next(iter(self._analyses), query), None)
        self._analyses[query] = analysis
        return analysis

    def _analyse(self, query: str) -> QueryAnalysis:
        text, split, qualifiers = self.split_qualifiers(self.corrected(normalise(cap_query(query))))
        raw = list(dict.fromkeys(t for t in self.tokens(text) if t not in QUERY_STOPWORDS))
        if any(len(t) > 1 for t in raw):
            raw = [t for t in raw if len(t) > 1 or t.isdigit()]
        terms = maximal(raw)
        phrases = self.lexicon.phrases_in(text)
        groups: list[list[Alternative]] = []
        expansions: list[str] = []
        left = list(terms)
        for phrase in phrases:
            covered = tuple(t for t in left if t in phrase)
            if not covered:
                continue
            left = [t for t in left if t not in covered]
            group: list[Alternative] = [covered]
            for synonym in sorted(self.lexicon.synonyms.get(phrase, ())):
                alternative = tuple(maximal(t for t in self.tokens(synonym) if t not in QUERY_STOPWORDS))
                if alternative and alternative not in group:
                    group.append(alternative)
                    expansions.extend(t for t in alternative if t not in expansions)
            groups.append(group)
        # a qualifier split off a category alias is no place (龙门 of 龙门加工中心 is a gantry, not 龙门县)
        for place in self._places_in(text, phrases + qualifiers):
            covered = tuple(t for t in left if t in place)
            left = [t for t in left if t not in covered]
            short, ancestors = self.lexicon.places[place]
            where: list[Alternative] = [(short,), (SERVES + short,), (INSIDE + short,)]
            where.extend((SERVES + a,) for a in ancestors)
            groups.append(where)
        groups.extend([(t,)] for t in left)
        if len(text) <= SHORT_QUERY:
            groups.extend([run] for run in self._unknown_runs(text) if [run] not in groups)
        order = {t: i for i, t in enumerate(terms)}
        groups.sort(key=lambda g: min(order.get(t, len(order)) for t in g[0]))
        categories = sorted({code for p in phrases for code in self.lexicon.categories.get(p, ())} | set(split))
        return QueryAnalysis(text=text, terms=terms, groups=groups, expansions=expansions, categories=categories)


_analyzer: Analyzer | None = None
_analyzer_lock = threading.Lock()


def analyzer() -> Analyzer:
    """The process's analyzer (lexicon from seeds/, jieba loaded on first use)."""
    global _analyzer
    if _analyzer is None:
        with _analyzer_lock:
            if _analyzer is None:
                _analyzer = Analyzer(Lexicon.load())
    return _analyzer
