"""The source texts as the view's reader shows them: each text, its sentences, and
which sentences each evidence quote cites.

The sentences are :func:`graph.sentences.sentences`' (pysbd within each line), so the
reader highlights the sentences that ``kg coverage`` counts as cited, and the view sizes
a node by how many distinct cited sentences its quotes (and its facts' quotes) touch.

>>> text = "Hello there. In 2007, Kingsoft went public.\\n\\nThanks!"
>>> src = SourceText("urn:s", "A speech", text)
>>> [text[a:b] for a, b in src.sentence_spans()]
['Hello there.', 'In 2007, Kingsoft went public.', 'Thanks!']
>>> src.locate("Kingsoft went public")
((22, 42), [1])
>>> src.locate("not in the text")
(None, [])
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SourceText", "source_texts", "READER_MAX_BYTES"]

#: Above this many bytes of source text in all, the page embeds no texts (a
#: generated graph's sources run to megabytes; splitting them into sentences takes minutes).
READER_MAX_BYTES = 2_000_000

_KG = "https://w3id.org/story-kg/ontology#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCTERMS = "http://purl.org/dc/terms/"

_SPANS: dict[str, list[tuple[int, int]]] = {}  # digest of a text -> its sentence spans


@dataclass
class SourceText:
    """One source: its IRI, label and text; ``kind`` is "primary" or "secondary"."""

    iri: str
    label: str
    text: str
    kind: str = "primary"
    language: str = ""
    file: str = ""
    _spans: list = field(default=None, repr=False, compare=False)

    def sentence_spans(self) -> list[tuple[int, int]]:
        """``[(start, end)]`` of every sentence, in text order (computed once per text)."""
        if self._spans is None:
            key = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
            spans = _SPANS.get(key)
            if spans is None:
                from .sentences import sentences

                spans = _SPANS[key] = [(s.start, s.end) for s in sentences(self.text)]
            self._spans = spans
        return self._spans

    def locate(self, quote: str) -> tuple[tuple[int, int] | None, list[int]]:
        """Where ``quote`` first occurs, and the indices of every sentence that any of its
        occurrences overlaps (a quote may span sentences or sit inside one)."""
        if not quote:
            return None, []
        spans = self.sentence_spans()
        starts = [a for a, _b in spans]
        first, hit = None, set()
        i = self.text.find(quote)
        while i >= 0:
            j = i + len(quote)
            if first is None:
                first = (i, j)
            k = max(bisect.bisect_right(starts, i) - 1, 0)
            while k < len(spans) and spans[k][0] < j:
                if spans[k][1] > i:
                    hit.add(k)
                k += 1
            i = self.text.find(quote, i + 1)
        return first, sorted(hit)


def source_texts(g, folder, *, max_bytes: int = READER_MAX_BYTES) -> tuple[list[SourceText], str]:
    """The sources of rdflib graph ``g`` whose ``kg:sourceFile`` is in ``folder``, and a note
    saying why any were left out (``""`` when none were)."""
    from rdflib import Literal, URIRef

    if folder is None or not Path(folder).is_dir():
        return [], ""
    folder = Path(folder)
    out, missing, total = [], [], 0
    for src, fname in sorted(g.subject_objects(URIRef(_KG + "sourceFile"))):
        path = folder / str(fname)
        if not path.is_file():
            missing.append(str(fname))
            continue
        labels = sorted(g.objects(src, URIRef(_SKOS + "prefLabel")),
                        key=lambda l: (getattr(l, "language", None) not in (None, "en"), str(l)))
        kind = g.value(src, URIRef(_KG + "sourceKind"))
        lang = g.value(src, URIRef(_DCTERMS + "language"))
        size = path.stat().st_size
        total += size
        if total > max_bytes:
            return [], (f"the source texts are not embedded: they run to more than {max_bytes:,} bytes")
        out.append(SourceText(str(src), str(labels[0]) if labels else str(src), path.read_text(encoding="utf-8"),
                              "secondary" if kind == URIRef(_KG + "SecondarySource") else "primary",
                              str(lang) if isinstance(lang, Literal) else "", str(fname)))
    note = f"source files not found in {folder}: {', '.join(missing)}" if missing else ""
    return out, note
