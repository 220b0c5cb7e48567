"""``kg coverage``: what of each source text the graph holds, and what it still misses.

For every source with a ``kg:sourceFile`` it reads the text and reports:

* **sentences**: how many there are, how many *carry a name, a date, a number or an
  amount* ("informative"), how many of those are *cited* (some evidence quote from that
  source overlaps the sentence: a quote may span sentences or sit inside one), how many
  are *ignored* with a reason, and the rest (the likely missed facts);
* **names**: every name-like span (capitalised runs in English; in Chinese, the words
  the jieba segmenter tags as names, places, organisations, other proper nouns or
  Latin-script words) that matches no label or alias, with the closest labels (rapidfuzz)
  and, for a span that reads like a romanisation or a homophone, the entities whose
  Chinese label has the same pinyin (pypinyin);
* **ignores**: the reviewed entries of ``triples/coverage/*.ttl`` (``kg:CoverageIgnore``
  with ``kg:ignoredSentence`` or ``kg:ignoredName`` and a ``kg:reason``), and those
  that no longer match their source (``kg check`` fails on them).

Sentences, numbers and name-like spans are those of :mod:`graph.sentences`.

>>> g = load(TRIPLES)
>>> report = coverage(g, SOURCES, TRIPLES)
>>> speech = report["lei-jun-2022-annual-speech.txt"]
>>> speech["sentences"]["informative"] > 100, 0 < speech["sentences"]["cited_share"] <= 1
(True, True)
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .sentences import (CJK, CONNECTORS, cached_sentences, cached_zh_spans, common_words, is_chinese, is_informative,
                        name_spans)

__all__ = ["coverage", "read_ignores", "Ignore", "summary"]

@dataclass
class Ignore:
    """A reviewed entry of ``triples/coverage/*.ttl``."""

    source: str  # the source's IRI
    sentence: str = ""
    name: str = ""
    reason: str = ""
    file: str = ""
    line: int | None = None


def read_ignores(triples) -> list[Ignore]:
    """The reviewed ignores of a triples folder (``coverage/*.ttl``), each with its file and line."""
    from .backend import Backend
    from .store import parse_into

    root = Path(triples) / "coverage"
    out = []
    for path in sorted(root.glob("*.ttl")) if root.is_dir() else []:
        entries = Backend()
        parse_into(entries, path, "turtle")  # the bounds of every triples file; a syntax error says file:line:column
        text = path.read_text(encoding="utf-8")
        for src, sentence, name, reason in entries.select(
                "SELECT ?src ?sentence ?name ?reason WHERE { ?node a kg:CoverageIgnore "
                "OPTIONAL { ?node kg:source ?src } OPTIONAL { ?node kg:ignoredSentence ?sentence } "
                "OPTIONAL { ?node kg:ignoredName ?name } OPTIONAL { ?node kg:reason ?reason } }"):
            sentence, name = _plain(sentence), _plain(name)
            needle = sentence or name
            i = text.find(_turtle_escape(needle)) if needle else -1
            out.append(Ignore(_plain(src), sentence, name, _plain(reason), str(path),
                              text.count("\n", 0, i) + 1 if i >= 0 else None))
    out.sort(key=lambda x: (x.file, x.line or 0))
    return out


def _plain(value) -> str:
    """A plain value (:class:`~graph.backend.Backend` rows) as text: ``""`` for unbound."""
    return "" if value is None else getattr(value, "value", value)


def _turtle_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def _labels(g) -> dict:
    """normalised label or alias -> {entity IRI: (English label, Chinese label)}."""
    from .store import backend_of

    rows = backend_of(g).select(
        "SELECT ?s ?o ?alt WHERE { { ?s skos:prefLabel ?o BIND (false AS ?alt) } UNION { ?s skos:altLabel ?o BIND (true AS ?alt) } "
        "FILTER (isIRI(?s)) FILTER EXISTS { ?s a ?t } }")
    pref: dict = {}
    for s, o, alt in rows:
        if alt.value == "false":
            slot = pref.setdefault(s, ["", ""])
            i = 1 if (getattr(o, "lang", None) or "").lower().startswith("zh") else 0
            slot[i] = slot[i] or _plain(o)
    names: dict = {}
    for s, o, _alt in rows:
        names.setdefault(_norm(_plain(o)), {})[s] = tuple(pref.get(s, ["", ""]))
    return names


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


class _Resolver:
    """Does a span name a known entity, and if not, what is closest?"""

    def __init__(self, g):
        self.names = _labels(g)
        self.display = {}
        for key, owners in self.names.items():
            for iri, (en, zh) in owners.items():
                self.display.setdefault(key, en or zh or key)
        self.keys = list(self.names)
        self._pinyin = None
        self._cover_cache: dict = {}

    def resolved(self, span: str, sentence_text: str, ignored=(), at: int | None = None) -> bool:
        """Is ``span`` (at offset ``at`` of ``sentence_text``) a known name? In English, every
        capitalised word of it must lie inside an occurrence of a known name (or of an
        ignored name) in the sentence ("Fire" in "Fire in the Valley"); in Chinese, the
        span must be a known name or lie inside a longer one that occurs in the sentence."""
        key = _norm(span)
        if key in self.names:
            return True
        if CJK.search(span):
            low = _norm(sentence_text)
            for k in self.keys:
                if key in k and len(k) > len(key) and k in low:
                    return True
            return False
        text = sentence_text.casefold() if at is not None else span.casefold()
        start = at if at is not None else 0
        covered = self._covered(text, ignored)
        for m in re.finditer(r"\S+", span):
            word = m.group(0)
            if (word[:1].isupper() or any(c.isdigit() for c in word)) and word.lower() not in CONNECTORS:
                a, b = start + m.start(), start + m.end()
                while b > a and not text[b - 1].isalnum():
                    b -= 1  # trailing punctuation of the word
                if not all(covered[a:b]):
                    return False
        return True

    def _covered(self, text: str, ignored) -> list:
        cached = self._cover_cache.get(text)
        if cached is not None and not ignored:
            return cached
        covered = [False] * len(text)
        for k in [*self.keys, *(_norm(x) for x in ignored)]:
            if len(k) >= 2 and k in text:
                for m in re.finditer(re.escape(k), text):
                    before = text[m.start() - 1] if m.start() else " "
                    after = text[m.end()] if m.end() < len(text) else " "
                    if not before.isalnum() and not after.isalnum():
                        covered[m.start():m.end()] = [True] * (m.end() - m.start())
        if not ignored:
            self._cover_cache[text] = covered
        return covered

    def suggest(self, span: str, limit: int = 3) -> list[str]:
        from rapidfuzz import fuzz, process

        out = []
        for key, score, _i in process.extract(_norm(span), self.keys, scorer=fuzz.WRatio, limit=limit + 2):
            shown = self.display[key]
            if score >= 60 and shown not in out:
                out.append(shown)
        # a romanisation (English) or a homophone (Chinese) of a Chinese label
        target = re.sub(r"[^a-z0-9]", "", _pinyin(span) if CJK.search(span) else span.lower())
        if len(target) >= 3:
            for zh, shown in self._pinyin_index():
                if zh == target and f"{shown} (pinyin {zh})" not in out:
                    out.insert(0, f"{shown} (pinyin {zh})")
        return out[: limit + 1]

    def _pinyin_index(self):
        if self._pinyin is None:
            idx = []
            for key, owners in self.names.items():
                if CJK.search(key):
                    for _iri, (en, zh) in owners.items():
                        idx.append((re.sub(r"[^a-z0-9]", "", _pinyin(key)), en or zh))
            self._pinyin = idx
        return self._pinyin


def _quotes_by_source(g) -> dict:
    """source IRI -> every evidence quote from it."""
    from .store import backend_of

    out: dict = {}
    for src, quote in backend_of(g).select("SELECT ?src ?q WHERE { ?ev kg:quote ?q ; kg:source ?src FILTER (isLiteral(?q)) }"):
        if quote.value:
            out.setdefault(src, set()).add(quote.value)
    return out


def _intervals(text: str, quotes) -> list[tuple[int, int]]:
    spans = []
    for q in quotes:
        i = text.find(q)
        while i >= 0:
            spans.append((i, i + len(q)))
            i = text.find(q, i + 1)
    spans.sort()
    merged = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _overlaps(intervals, starts, a: int, b: int) -> bool:
    i = bisect.bisect_right(starts, b - 1) - 1
    return i >= 0 and intervals[i][1] > a


@dataclass
class _SourceInfo:
    iri: str
    label: str
    file: str
    target: float | None
    kind: str
    ignores: list = field(default_factory=list)


def _sources(g) -> list[_SourceInfo]:
    from .store import backend_of

    backend = backend_of(g)
    rows = backend.select(
        "SELECT ?src ?file ?target ?kind WHERE { ?src a kg:Source ; kg:sourceFile ?file "
        "OPTIONAL { ?src kg:coverageTarget ?target } OPTIONAL { ?src kg:sourceKind ?kind } } ORDER BY ?src")
    labels: dict = {}
    for src, label in backend.select("SELECT ?src ?l WHERE { ?src a kg:Source ; skos:prefLabel ?l FILTER (LANG(?l) IN ('', 'en')) }"):
        labels.setdefault(src, []).append(label.value)
    out, seen = [], set()
    for src, fname, target, kind in rows:
        if src in seen:  # one source, several values of an optional field: the first, as before
            continue
        seen.add(src)
        names = sorted(labels.get(src, ()))
        out.append(_SourceInfo(src, names[0] if names else src, _plain(fname),
                               float(target.value) if target is not None else None,
                               "secondary" if kind == "https://w3id.org/story-kg/ontology#SecondarySource" else "primary"))
    return out


def coverage(g, sources_dir, triples=None, *, source: str | None = None, names: bool = True,
             targeted: bool = False) -> dict:
    """Measure every source (or only ``source``: its file name or label; or, with
    ``targeted``, only the sources that declare a ``kg:coverageTarget``) against graph ``g``.

    Returns ``{file name: report}``; each report has ``source`` (IRI), ``label``,
    ``target``, ``sentences`` (``total``, ``informative``, ``cited``, ``ignored``,
    ``cited_share`` of the informative ones, ``overall_share`` of all sentences,
    ``uncited``: the informative sentences neither cited nor ignored, each a dict with
    ``line``, ``text`` and ``names``), ``names`` (``total`` distinct spans,
    ``resolved``, ``ignored``, ``unresolved``: each with ``name``, ``count``, ``line``,
    ``suggestions``), ``stale_ignores`` (entries that match nothing in the text) and
    ``cited_ignores`` (sentence entries whose sentence a quote now cites, everywhere it occurs).
    """
    from .errors import KGError

    sources_dir = Path(sources_dir) if sources_dir is not None else None
    if sources_dir is None or not sources_dir.is_dir():
        raise KGError(f"sources folder {sources_dir or '(none)'} not found (give --sources DIR or set KG_SOURCES)")
    infos = _sources(g)
    if targeted:
        infos = [s for s in infos if s.target is not None]
    if not infos:
        return {}
    if source is not None:
        chosen = [s for s in infos if source in (s.file, s.label, s.iri) or _norm(source) == _norm(s.label)]
        if not chosen:
            raise KGError(f"no source {source!r}; the sources are: " + ", ".join(s.file for s in infos))
        infos = chosen
    ignores = read_ignores(triples) if triples is not None else []
    quotes = _quotes_by_source(g)
    resolver = _Resolver(g) if names else None
    known_zh = [k for k in (resolver.keys if resolver else []) if CJK.search(k)]
    known_en: dict = {}
    for k in resolver.keys if resolver else []:
        if " " in k and not CJK.search(k):
            known_en.setdefault(k.split(" ", 1)[0], []).append(k)
    out = {}
    for info in infos:
        from .inputs import read_source

        text = read_source(sources_dir, info.file)  # inside the sources folder only
        if text is None:
            raise KGError(f"source file {sources_dir / info.file} not found (kg:sourceFile of {info.label})")
        out[info.file] = _measure(info, text, quotes.get(info.iri, ()), [i for i in ignores if i.source == info.iri],
                                  resolver, known_zh if is_chinese(text) else known_en,
                                  Path(triples) / ".kg" if triples is not None else None)
    return out


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _measure(info, text, quotes, ignores, resolver, known, cache_dir=None) -> dict:
    chinese = is_chinese(text)
    sents = cached_sentences(text, chinese, cache_dir, info.file)
    zh_spans = cached_zh_spans(sents, text, known, cache_dir, info.file) if chinese and resolver is not None else None
    intervals = _intervals(text, quotes)
    starts = [a for a, _b in intervals]
    words = common_words(text) if not chinese else set()  # capitalised mid-sentence
    ignored_names = {}
    stale, dead = [], []
    sentence_ignores = []
    for ig in ignores:
        if ig.name:
            if ig.name not in text:
                stale.append(ig)
            ignored_names[ig.name] = ig.reason
        if ig.sentence:
            hits = _intervals(text, [ig.sentence])
            if not hits:
                stale.append(ig)
            elif all(_overlaps(intervals, starts, a, b) for a, b in hits):
                dead.append(ig)  # every place it matches is cited: the review no longer holds
            sentence_ignores += [(a, b, ig.reason) for a, b in hits]
    sentence_ignores.sort()
    span_stats: dict = {}  # name -> [count, first line, resolved?, ignored?]
    for s in sents:
        if zh_spans is not None:
            spans = zh_spans.get(s.start, [])
        else:
            spans = name_spans(s, words, chinese, known) if resolver is not None else []
        unresolved_here = []
        for a, b, name in spans:
            st = span_stats.get(name)
            if st is None:
                ok = resolver.resolved(name, s.text, () if chinese else ignored_names, a - s.start)
                st = span_stats[name] = [0, _line_of(text, a), ok, name in ignored_names]
            st[0] += 1
            if not st[2] and not st[3]:
                unresolved_here.append(name)
        # a name the curators reviewed as no name (kg:ignoredName) does not make a sentence informative
        s.informative = is_informative(s.text, [n for _a, _b, n in spans if n not in ignored_names], chinese)
        s.cited = _overlaps(intervals, starts, s.start, s.end)
        for a, b, reason in sentence_ignores:
            if a < s.end and b > s.start:
                s.ignored = reason or "(no reason given)"
                break
        s.unresolved = unresolved_here
    informative = [s for s in sents if s.informative]
    cited = [s for s in informative if s.cited]
    ignored = [s for s in informative if not s.cited and s.ignored]
    uncited = [s for s in informative if not s.cited and not s.ignored]
    unresolved = []
    for name, (count, line, ok, ign) in sorted(span_stats.items(), key=lambda kv: (kv[1][1], kv[0])):
        if not ok and not ign:
            unresolved.append({"name": name, "count": count, "line": line, "suggestions": resolver.suggest(name)})
    return {
        "source": info.iri, "label": info.label, "kind": info.kind, "target": info.target,
        "sentences": {
            "total": len(sents), "informative": len(informative), "cited": len(cited), "ignored": len(ignored),
            "cited_share": round(len(cited) / len(informative), 4) if informative else 1.0,
            "overall_share": round(sum(1 for s in sents if s.cited) / len(sents), 4) if sents else 1.0,
            "uncited": [{"line": _line_of(text, s.start), "text": s.text, "names": s.unresolved} for s in uncited],
        },
        "names": {
            "total": len(span_stats),
            "resolved": sum(1 for st in span_stats.values() if st[2]),
            "ignored": sum(1 for st in span_stats.values() if not st[2] and st[3]),
            "unresolved": unresolved,
        },
        "stale_ignores": [{"file": ig.file, "line": ig.line, "sentence": ig.sentence, "name": ig.name}
                          for ig in stale],
        "cited_ignores": [{"file": ig.file, "line": ig.line, "sentence": ig.sentence} for ig in dead],
    }


def summary(report: dict) -> dict:
    """The figures of a :func:`coverage` report without the lists (for stats and the view)."""
    out = {}
    for name, r in report.items():
        s, n = r["sentences"], r["names"]
        out[name] = {"label": r["label"], "target": r["target"], "sentences": s["total"],
                     "informative": s["informative"], "cited": s["cited"], "ignored": s["ignored"],
                     "unreviewed": len(s["uncited"]), "cited_share": s["cited_share"],
                     "overall_share": s["overall_share"], "names": n["total"], "names_resolved": n["resolved"],
                     "names_ignored": n["ignored"], "names_unresolved": len(n["unresolved"])}
    return out
