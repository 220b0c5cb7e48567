"""The sentences of a source text and the name-like spans in them (for ``kg coverage``
and the reader view).

Sentences are split by pysbd within each line of the text (a line is a paragraph or, in
the transcripts, an utterance). A sentence is *informative* when it carries a name, a
date, a number or an amount. A *number* is a run of digits, an English number word other
than "one", or in Chinese a numeral of two or more characters, a single numeral other
than 一 with a measure word, or any numeral with 年, 月, 日, 号, 岁, 元, 万 or 亿.
*Names* are capitalised runs in English and, in Chinese, the words the jieba segmenter
tags as names, places, organisations, other proper nouns or Latin-script words.

>>> [s.text for s in sentences("Lei Jun founded Xiaomi in 2010. It grew.")]
['Lei Jun founded Xiaomi in 2010.', 'It grew.']
>>> is_informative("It grew."), is_informative("Xiaomi was founded in 2010.")
(False, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Sentence", "sentences", "cached_sentences", "cached_zh_spans", "is_informative", "name_spans", "common_words",
           "is_chinese", "CJK", "CONNECTORS"]

_NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands "
    "million millions billion billions dozen dozens half"
).split()
_EN_NUMBER = re.compile(r"\d|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_EN_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
_ZH_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_ZH_MEASURE = "年月日号岁个位家款台套次天周倍元块亿万人名分秒里米度辆场轮代层条张本部篇期届架份句页"
_ZH_NUMBER = re.compile(
    r"[0-9０-９]"
    rf"|[{_ZH_NUMERAL}]{{2,}}"
    rf"|[零〇二两三四五六七八九十百千万亿][多几]?[{_ZH_MEASURE}]"
    rf"|[{_ZH_NUMERAL}][多几]?[年月日号岁元万亿]"
)
CJK = re.compile(r"[\u3400-\u9fff]")
# English tokens: words, numbers, model names (K50, 12.4, Snapdragon 8+, Joyo.com)
_EN_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9+’'&-]|\.(?=[a-z0-9]))*")
CONNECTORS = {"of", "the", "and", "de", "for"}
_ZH_NAME_FLAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz", "eng"}


def is_chinese(text: str) -> bool:
    """Mostly Chinese characters (against Latin letters) in the first few thousand characters."""
    head = text[:5000]
    cjk = len(CJK.findall(head))
    latin = sum(1 for c in head if c.isascii() and c.isalpha())
    return cjk > 0 and cjk >= 0.2 * (cjk + latin)


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    informative: bool = False
    cited: bool = False
    ignored: str = ""  # the reason, when a reviewed ignore covers it


def sentences(text: str, chinese: bool | None = None) -> list[Sentence]:
    """Split ``text`` into sentences (pysbd, within each line), with character offsets.

    >>> [s.text for s in sentences("Hello there. In 2007, Kingsoft went public.\\n\\nThanks!")]
    ['Hello there.', 'In 2007, Kingsoft went public.', 'Thanks!']
    >>> [s.text for s in sentences("我还记得。1987年我考上了武汉大学！好")]
    ['我还记得。', '1987年我考上了武汉大学！', '好']
    """
    import pysbd

    chinese = is_chinese(text) if chinese is None else chinese
    segmenter = pysbd.Segmenter(language="zh" if chinese else "en", clean=False, char_span=True)
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            for span in segmenter.segment(line):
                piece = span.sent
                lead = len(piece) - len(piece.lstrip())
                body = piece.strip()
                if body:
                    start = pos + span.start + lead
                    out.append(Sentence(start, start + len(body), body))
        pos += len(line) + 1
    return out


def is_informative(sentence: str, names: list | None = None, chinese: bool | None = None) -> bool:
    """Does the sentence carry a name, a date, a number or an amount?

    >>> is_informative("In 2007, Kingsoft finally went public.", ["Kingsoft"])
    True
    >>> is_informative("Life is long, no matter what.", [])
    False
    >>> is_informative("我们调研了85场", [], True), is_informative("我一个人围着车转了一圈", [], True)
    (True, False)
    """
    chinese = bool(CJK.search(sentence)) if chinese is None else chinese
    if names:
        return True
    if chinese:
        return bool(_ZH_NUMBER.search(sentence))
    return bool(_EN_NUMBER.search(sentence) or _EN_MONTH.search(sentence))


_CLAUSE_START = re.compile(r"(?:^|[.!?:;\"“”(—–…*]\s*|\n)$")
_PRONOUNS = {"I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll"}
_MONTHS = set(_EN_MONTH.pattern[5:-3].split("|"))


def _is_cap(tok: str) -> bool:
    return tok[0].isupper() or (tok[0].isalpha() and any(c.isupper() for c in tok[1:]))


def common_words(text: str) -> set:
    """The capitalised tokens of ``text`` that occur somewhere other than at the start of
    a sentence or clause: a capitalised word seen only at clause starts is an ordinary
    word (Frustration, Hello, However), not a name."""
    mid = set()
    for m in _EN_TOKEN.finditer(text):
        tok = m.group(0)
        if _is_cap(tok) and not _CLAUSE_START.search(text[max(0, m.start() - 3):m.start()]):
            mid.add(tok)
    return mid


def name_spans(sentence: Sentence, mid_caps: set, chinese: bool, known=None) -> list[tuple[int, int, str]]:
    """The name-like spans of a sentence: ``(start, end, text)`` with offsets in the source.

    English: maximal runs of capitalised tokens, with the numbers and a few lower-case
    connectors between them ("Mi Pad 5 Pro 12.4", "Room 103 of the Wuhan Hotel"). A word
    that opens a sentence or clause counts only if it is also capitalised elsewhere in
    the text (``mid_caps``, from :func:`common_words`); month names (dates), "I" and
    numbers with units (48dB) are not names, unless a known name of several words starts
    there (``known``: first word -> such names, lower-case). Chinese: the words jieba
    tags as person, place, organisation, other proper noun or Latin script, two
    characters or more, with the known labels added to jieba's dictionary first
    (``known``: the Chinese labels).

    >>> s = Sentence(0, 61, "However, in 2007 Kingsoft went public with Mi Pad 5 Pro 12.4.")
    >>> [t for _a, _b, t in name_spans(s, {"Kingsoft", "Mi", "Pad", "Pro"}, False)]
    ['Kingsoft', 'Mi Pad 5 Pro 12.4']
    """
    if chinese:
        return _zh_spans(sentence, known)
    text = sentence.text
    tokens = list(_EN_TOKEN.finditer(text))
    runs, run = [], []
    for i, m in enumerate(tokens):
        tok = m.group(0)
        joined = bool(run) and text[tokens[i - 1].end():m.start()] == " "
        if tok in _PRONOUNS or tok in _MONTHS:
            cap = False
        elif not _is_cap(tok):
            cap = False
        elif tok in mid_caps or (m.start() > 0 and not _CLAUSE_START.search(text[max(0, m.start() - 3):m.start()])):
            cap = True
        else:  # opens a clause: a name only if a known name of several words starts here ("Westward Journey")
            rest = text[m.start():].lower()
            cap = any(rest.startswith(label) for label in (known or {}).get(tok.lower(), ()))
        connector = (tok in CONNECTORS and joined and i + 1 < len(tokens) and _is_cap(tokens[i + 1].group(0))
                     and tokens[i + 1].group(0) in mid_caps and text[m.end():tokens[i + 1].start()] == " ")
        digit = tok[0].isdigit() and joined
        if cap or (run and (digit or connector)):
            if run and not joined:
                runs.append(run)
                run = []
            run.append(m)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    out = []
    for run in runs:
        while run and (run[-1].group(0) in CONNECTORS):
            run = run[:-1]
        if not run:
            continue
        a, b = run[0].start(), run[-1].end()
        span = text[a:b]
        for suffix in ("'s", "’s", "’"):
            if span.endswith(suffix):
                span, b = span[: -len(suffix)], b - len(suffix)
        if span:
            out.append((sentence.start + a, sentence.start + b, span))
    return out


_JIEBA_READY: set = set()


def _zh_spans(sentence: Sentence, known) -> list[tuple[int, int, str]]:
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(60)
    for word in known or ():
        if word not in _JIEBA_READY and CJK.search(word):
            jieba.add_word(word, freq=2_000_000, tag="nz")
            _JIEBA_READY.add(word)
    out, pos = [], 0
    for w in pseg.cut(sentence.text):
        word, flag = w.word, w.flag
        start = pos
        pos += len(word)
        if flag in _ZH_NAME_FLAGS and len(word.strip()) >= 2:
            if flag == "eng" and word.lower() in ("ok", "ppt", "pk"):
                continue
            out.append((sentence.start + start, sentence.start + pos, word.strip()))
    return out


def _kept(cache_dir, kind: str, name: str, digest: str, make, dump, read):
    """``make()``, kept in ``cache_dir`` as ``KIND-NAME-DIGEST.json`` and read back while the
    digest (of everything the value depends on) is the same; a damaged file is made again,
    the source's older files are removed, and a folder that cannot be written keeps nothing."""
    import json

    stem = re.sub(r"[^\w-]+", "-", name)
    path = Path(cache_dir) / f"{kind}-{stem}-{digest}.json" if cache_dir is not None else None
    if path is not None and path.is_file():
        try:
            return read(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, OSError, TypeError):
            pass  # a damaged cache is computed again
    out = make()
    if path is not None:
        try:
            from .files import write_atomic

            path.parent.mkdir(parents=True, exist_ok=True)
            for old in path.parent.glob(f"{kind}-{stem}-*.json"):  # the source's stale answers
                old.unlink(missing_ok=True)
            write_atomic(path, json.dumps(dump(out), ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass  # a read-only triples folder: no cache
    return out


def cached_zh_spans(sents, text, known, cache_dir, name="source") -> dict:
    """jieba's name spans of every sentence of a Chinese text, ``{sentence start: spans}``.

    Segmenting takes about a second per transcript (jieba's HMM over unknown words), so
    the answer is kept in ``cache_dir`` (the triples folder's ``.kg/``, git-ignored) under
    a digest of the text, the known names and jieba's version, and reused while none of
    them changes."""
    import hashlib

    import jieba

    words = sorted(k for k in known if CJK.search(k))
    digest = hashlib.sha256("\x1f".join([jieba.__version__, text, *words]).encode()).hexdigest()[:32]
    return _kept(cache_dir, "jieba", name, digest, lambda: {s.start: name_spans(s, set(), True, words) for s in sents},
                 dump=lambda out: {str(k): v for k, v in out.items()},
                 read=lambda data: {int(k): [tuple(x) for x in v] for k, v in data.items()})


def cached_sentences(text, chinese, cache_dir, name="source") -> list:
    """:func:`graph.sentences.sentences` of a source text, kept like jieba's spans in
    ``cache_dir`` under a digest of the text, pysbd's version and the splitting code
    (pysbd takes about a quarter of a second per transcript, most of ``kg stats``)."""
    import hashlib

    import pysbd

    code = Path(__file__).read_bytes()
    digest = hashlib.sha256(b"\x1f".join([pysbd.__version__.encode(), str(chinese).encode(), code, text.encode()])).hexdigest()[:32]
    return _kept(cache_dir, "sentences", name, digest, lambda: sentences(text, chinese),
                 dump=lambda out: [[x.start, x.end] for x in out],
                 read=lambda data: [Sentence(a, b, text[a:b]) for a, b in data])
