"""Deterministic RDF exports, one path for every size: Turtle, N-Triples and JSON-LD
written from the graph's sorted N-Triples lines.

The store dumps N-Triples (Oxigraph, natively), blank nodes get labels derived from their
content (:func:`content_labels`: outgoing triples, recursively, and incoming ones), the
lines are sorted, and

* ``graph.nt`` is the sorted lines;
* ``graph.ttl`` groups them by subject, with the project's prefixes, a blank node referenced
  once written inline (``kg:evidence [ kg:quote "…" ; kg:source kgr:… ]``);
* ``graph.jsonld`` is a flat ``@graph`` of node objects sorted by ``@id``, with the
  project's prefixes as ``@context``.

Each parses back to a graph isomorphic to the input. Same graph, same bytes, whatever its
size: above :data:`BIG_EXPORT_TRIPLES` ``kg build`` only moves the work to a child process
that streams the files (rdflib's serializers would build a Python object per triple and
take minutes on a million triples; pyoxigraph's RDFC-1.0 canonicalisation took 22 s and
3.3 GB there, ``bench/RESULTS.md``).

>>> from rdflib import Graph
>>> g = Graph().parse(data='@prefix kg: <https://w3id.org/story-kg/ontology#> . '
...     '<https://w3id.org/story-kg/id/x> kg:evidence [ kg:quote "q \\\\"1\\\\"" ] .', format="turtle")
>>> out = render(g)
>>> sorted(out)
['graph.jsonld', 'graph.nt', 'graph.ttl']
>>> print(out["graph.ttl"].decode().split("\\n\\n")[-1], end="")
kgr:x
    kg:evidence [
        kg:quote "q \\"1\\""
    ] .
>>> from rdflib.compare import isomorphic
>>> all(isomorphic(g, Graph().parse(data=out[n], format=f))
...     for n, f in [("graph.nt", "nt"), ("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")])
True
"""

from __future__ import annotations

import json

from .oxread import unescape
from .turtle import RDF_TYPE as _RDF_TYPE
from .turtle import write_turtle

__all__ = ["BIG_EXPORT_TRIPLES", "NAMES", "content_labels", "sorted_triples", "ntriples_lines", "ntriples_text",
           "dump_ntriples", "render", "write", "write_exports", "to_turtle", "to_ntriples", "to_jsonld"]

BIG_EXPORT_TRIPLES = 50_000
"""Above this many triples ``kg build`` streams the RDF exports to files from a child process
(the same bytes as :func:`render`, without holding them in the parent)."""



def ntriples_text(g) -> bytes:
    """The graph as N-Triples bytes, unsorted (written by the engine)."""
    from .store import backend_of

    return backend_of(g).dump()


def dump_ntriples(g, path) -> None:
    """Write the graph as unsorted N-Triples to the file ``path`` (by Oxigraph: no copy of
    the text in this process)."""
    from .store import backend_of

    backend_of(g).dump(path)


def write_exports(text, folder) -> dict:
    """Write ``graph.nt``, ``graph.ttl`` and ``graph.jsonld`` from N-Triples into new temp
    files in ``folder``; return ``{name: temp path}`` for the caller to move into place.

    ``text`` is the path of a :func:`dump_ntriples` file (``kg build`` runs this in a
    child process started afresh, so it holds none of the parent's memory), or
    :func:`ntriples_text`'s bytes, or a one-item list holding them (emptied, so they are
    freed once read). Plain Python, no store needed; streamed to disk, so no export is
    held whole."""
    import os
    import tempfile
    from pathlib import Path

    from .store import gc_paused

    with gc_paused():
        triples = _sorted_from_text(text)
        paths, files = {}, {}
        try:
            for name in NAMES:
                fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
                paths[name], files[name] = Path(tmp), os.fdopen(fd, "wb", buffering=1 << 20)
            write(triples, files)
            for f in files.values():
                f.flush()
                os.fsync(f.fileno())
        except BaseException:
            for name, path in paths.items():
                files[name].close()
                path.unlink(missing_ok=True)
            raise
        for f in files.values():
            f.close()
        return paths


def render_text(text) -> dict[str, bytes]:
    """:func:`render` from :func:`ntriples_text`'s bytes, or a one-item list holding them
    (emptied, as in :func:`write_exports`); no store needed."""
    from .store import gc_paused

    with gc_paused():
        return render(None, _sorted_from_text(text))


_BLOCK = 1 << 24  # N-Triples are read 16 MB at a time: the whole text is never decoded at once


def _sorted_from_text(text) -> list[tuple[str, str, str]]:
    """:func:`sorted_triples` of N-Triples: bytes, a one-item list holding them (emptied),
    or the path of a file."""
    import io

    if isinstance(text, (bytes, bytearray, list)):
        data = text.pop() if isinstance(text, list) else text
        triples = _triples(_line_blocks(io.BytesIO(data).read))
        del data
    else:
        with open(text, "rb") as f:
            triples = _triples(_line_blocks(f.read))
    return _sorted(triples)


def _line_blocks(read):
    """Blocks of whole lines, decoded, from ``read(n)`` (UTF-8: a newline byte is never
    inside a character, so a block may end at any newline)."""
    rest = b""
    while True:
        block = read(_BLOCK)
        if not block:
            if rest:
                yield rest.decode("utf-8")
            return
        block = rest + block if rest else block
        cut = block.rfind(b"\n") + 1
        rest = block[cut:]
        if cut:
            yield block[:cut].decode("utf-8")


def _split(line: str):
    s, rest = line.split(" ", 1)
    p, rest = rest.split(" ", 1)
    return s, p, rest.rstrip()[:-1].rstrip()


def _triples(blocks) -> list[tuple[str, str, str]]:
    """``(s, p, o)`` N-Triples terms of each non-blank line of the text ``blocks`` (one
    space between terms, as both Oxigraph and rdflib write them; anything else goes
    through :func:`_split`)."""
    out = []
    append = out.append
    # a subject or predicate repeated on many lines is kept once (at 1M triples: ~200 MB
    # less, and the sort compares identical strings by identity)
    same = {}
    one = same.setdefault
    for block in blocks:
        for line in block.split("\n"):
            parts = line.split(" ", 2)
            if len(parts) == 3 and parts[2].endswith(" .") and not parts[2].endswith("  ."):
                s, p, o = parts
                append((one(s, s), one(p, p), o[:-2]))
            elif line.strip():  # blank lines (the last one) are skipped
                append(_split(line))
    return out


def sorted_triples(g) -> list[tuple[str, str, str]]:
    """The graph as sorted ``(s, p, o)`` N-Triples terms, blank nodes with stable labels.
    Sorting the tuples gives the order of sorting the lines (no term holds a raw space
    or control character before its end)."""
    return _sorted_from_text(ntriples_text(g))


def content_labels(triples, is_blank, text) -> dict:
    """Deterministic labels for blank nodes, from their content.

    ``triples`` is any iterable of ``(s, p, o)``; ``is_blank(term)`` says which terms are
    blank nodes and ``text(term)`` writes the others. A blank node's label hashes its
    outgoing triples (recursively through nested blank nodes) and its incoming ones, so
    the same graph gets the same labels whatever the parse order. Linear in the size of
    the graph, unlike full canonicalisation (``rdflib.compare.to_canonical_graph``),
    which took tens of seconds here. Blank nodes with identical content and context are
    interchangeable; they get numbered suffixes. Returns ``{blank node: "b<hash>"}``.
    """
    import hashlib
    from collections import defaultdict

    out_edges, in_edges = defaultdict(list), defaultdict(list)
    for s, p, o in triples:
        if is_blank(s):
            out_edges[s].append((p, o))
        if is_blank(o):
            in_edges[o].append((s, p))
    memo: dict = {}

    def digest(value: str) -> str:
        return hashlib.sha1(value.encode("utf-8")).hexdigest()

    def content(b, stack=()):
        if b in memo:
            return memo[b]
        if b in stack:
            return "cycle"
        parts = sorted(
            f"{text(p)} {content(o, stack + (b,)) if is_blank(o) else text(o)}" for p, o in out_edges[b]
        )
        memo[b] = digest("\n".join(parts))
        return memo[b]

    keyed = []
    for b in set(out_edges) | set(in_edges):
        incoming = sorted(f"{content(s) if is_blank(s) else text(s)} {text(p)}" for s, p in in_edges[b])
        keyed.append((digest(content(b) + "|" + "\n".join(incoming))[:20], b))
    labels, seen = {}, defaultdict(int)
    for key, b in sorted(keyed, key=lambda kb: kb[0]):
        seen[key] += 1
        labels[b] = f"b{key}" if seen[key] == 1 else f"b{key}x{seen[key]}"
    return labels


def _sorted(triples: list) -> list:
    with_blanks = [t for t in triples if t[0][0] == "_" or t[2][0] == "_"]
    if with_blanks:  # labels from content; only the triples that touch a blank node matter
        blank = content_labels(with_blanks, lambda t: t[0] == "_", lambda t: t)
        labels = {b: f"_:{label}" for b, label in blank.items()}
        get = labels.get
        triples = [(get(t[0], t[0]), t[1], get(t[2], t[2])) if (t[0][0] == "_" or t[2][0] == "_") else t for t in triples]
    triples.sort()
    return triples


def ntriples_lines(g) -> list[str]:
    """The graph as sorted N-Triples lines (no newline), blank nodes with stable labels."""
    return [f"{s} {p} {o} ." for s, p, o in sorted_triples(g)]


def _json_value(term: str):
    if term.startswith("<"):
        return {"@id": term[1:-1]}
    if term.startswith("_:"):
        return {"@id": term}
    end = term.rindex('"')
    value = {"@value": unescape(term[1:end])}
    tail = term[end + 1:]
    if tail.startswith("@"):
        value["@language"] = tail[1:]
    elif tail.startswith("^^"):
        value["@type"] = tail[3:-1]
    return value


def render(g, triples: list | None = None) -> dict[str, bytes]:
    """``graph.nt``, ``graph.ttl`` and ``graph.jsonld`` of ``g`` as bytes (``triples``: what
    :func:`sorted_triples` gives, if already computed)."""
    import io

    files = {name: io.BytesIO() for name in NAMES}
    write(triples if triples is not None else sorted_triples(g), files)
    return {name: f.getvalue() for name, f in files.items()}


NAMES = ("graph.nt", "graph.ttl", "graph.jsonld")


def write(triples: list, files: dict, chunk: int = 20_000) -> None:
    """Write sorted ``triples`` as N-Triples, Turtle and JSON-LD to the binary files
    ``files["graph.nt"]``, ``files["graph.ttl"]``, ``files["graph.jsonld"]``, a chunk of
    subjects at a time. JSON-LD is written as text node by node: the same bytes as
    ``json.dumps`` of the whole document, without holding a million small dicts."""
    from .namespaces import PREFIXES

    nt, jsonld = files["graph.nt"], files["graph.jsonld"]
    for i in range(0, len(triples), 200_000):
        nt.write("".join([f"{s} {p} {o} .\n" for s, p, o in triples[i:i + 200_000]]).encode("utf-8"))
    write_turtle(triples, files["graph.ttl"], chunk)
    ids: dict = {}  # IRI or blank node term -> its JSON-LD {"@id": ...} text
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    context = {k: str(v) for k, v in PREFIXES.items() if k != "sh"}
    jsonld.write(('{"@context":' + dumps(context) + ',"@graph":[').encode("utf-8"))
    nodes: list[str] = []
    first_node = True
    current, keys, current_p, values = None, None, None, None

    def close():
        if keys:
            nodes.append("{" + ",".join(f"{k}:{v}" if k == '"@id"' else f"{k}:[{','.join(v)}]"
                                        for k, v in keys.items()) + "}")

    def flush():
        nonlocal first_node
        if nodes:
            jsonld.write((("" if first_node else ",") + ",".join(nodes)).encode("utf-8"))
            first_node = False
            nodes.clear()

    for s, p, o in triples:
        if s != current:
            close()
            if len(nodes) >= chunk:
                flush()
            current, current_p = s, None
            keys = {'"@id"': dumps(s[1:-1] if s[0] == "<" else s)}
        if o[0] != '"':
            if p == _RDF_TYPE:
                keys.setdefault('"@type"', []).append(dumps(o[1:-1] if o[0] == "<" else o))
                continue
            value = ids.get(o)
            if value is None:
                value = ids[o] = '{"@id":' + dumps(o[1:-1] if o[0] == "<" else o) + "}"
        else:
            value = dumps(_json_value(o))
        if p != current_p:  # sorted: a subject's values for one predicate are consecutive
            current_p, values = p, keys.setdefault(dumps(p[1:-1]), [])
        values.append(value)
    close()
    flush()
    jsonld.write(b"]}\n")


def to_turtle(g) -> bytes:
    """``graph.ttl`` of ``g`` (:func:`render`)."""
    return render(g)["graph.ttl"]


def to_ntriples(g) -> bytes:
    """``graph.nt`` of ``g``: sorted N-Triples lines (:func:`render`)."""
    return render(g)["graph.nt"]


def to_jsonld(g) -> bytes:
    """``graph.jsonld`` of ``g`` (:func:`render`)."""
    return render(g)["graph.jsonld"]
