"""SPARQL over the graph: safe by default, with saved queries and several output formats.

Queries get the project's prefixes (``kg:``, ``kgr:``, ``skos:``, ``schema:`` …)
pre-bound. Anything that would reach the network or change data is refused
before evaluation: ``SERVICE``, ``FROM``/``FROM NAMED`` (rdflib would fetch the
IRI), and every SPARQL Update (``LOAD``, ``INSERT`` …).

>>> g = load(TRIPLES)
>>> rows = run_query(g, 'SELECT ?l WHERE { kgr:lei-jun skos:prefLabel ?l FILTER(lang(?l) = "en") }')
>>> [str(r.l) for r in rows]
['Lei Jun']
>>> run_query(g, 'SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
Traceback (most recent call last):
...
graph.errors.UnsafeQueryError: SERVICE <http://example.org/sparql> is refused: queries may not reach the network
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import QuerySyntaxError, UnknownQuery, UnsafeQueryError

__all__ = [
    "SavedQuery",
    "prepare",
    "check",
    "run_query",
    "run_plain",
    "Rows",
    "saved_queries",
    "saved_query",
    "MAX_NESTING",
    "nesting",
]



@dataclass(frozen=True)
class SavedQuery:
    """A ``.rq`` file in the triples folder's ``queries/``; its first comment line describes it."""

    name: str
    description: str
    text: str
    path: Path


def _walk(node):
    """Yield every CompValue in a pyparsing parse tree."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            yield n
            stack.extend(n.values())
        elif isinstance(n, (list, tuple)) or type(n).__name__ == "ParseResults":
            stack.extend(list(n))


MAX_NESTING = 100
"""Deepest nesting of ``{ }``, ``( )`` and ``[ ]`` a query may have: rdflib's parser and
evaluator recurse once per level (Python's default recursion limit stops them near 40
levels; they run here with a higher one, which 100 levels stay well inside)."""

_RECURSION = 20_000


@contextmanager
def deep_recursion():
    """Let rdflib's recursive parser and evaluator go :data:`MAX_NESTING` levels deep."""
    import sys

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, _RECURSION))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


# what may hide a bracket: a comment, a string (long or short), an IRI; else one bracket
_TOKENS = re.compile(r'#[^\n]*|\'\'\'.*?\'\'\'|""".*?"""|\'(?:[^\'\\\n]|\\.)*\'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>|[{}()\[\]]', re.S)


def nesting(text: str) -> int:
    """How deep ``{ }``, ``( )`` and ``[ ]`` nest in a query, outside strings, IRIs and comments.

    >>> nesting('SELECT * { ?s ?p "{{{" FILTER((?o > 1)) } # {{{{')
    3
    """
    depth = deepest = 0
    for m in _TOKENS.finditer(text):
        tok = m.group()
        if tok in ("{", "(", "["):
            depth += 1
            deepest = max(deepest, depth)
        elif tok in ("}", ")", "]"):
            depth -= 1
    return deepest


@lru_cache(maxsize=64)
def prepare(text: str):
    """Parse ``text`` with the project's prefixes and refuse unsafe queries.

    Returns an rdflib prepared query. Raises :class:`QuerySyntaxError` (with 1-based
    ``line`` and ``column``) or :class:`UnsafeQueryError`. The answer for a text is kept
    (``kg query`` checks a query before loading the graph, and :func:`run_query` checks it
    again: rdflib's parser takes 0.02-0.1 s per query).
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql import algebra
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    from .namespaces import PREFIXES

    depth = nesting(text)
    if depth > MAX_NESTING:
        raise QuerySyntaxError(f"the query nests groups or expressions {depth} levels deep; the limit is {MAX_NESTING}")
    try:
        with deep_recursion():
            tree = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except ParseException:
            raise QuerySyntaxError(exc.msg, exc.lineno, exc.col, text) from None
        raise UnsafeQueryError(
            "SPARQL Update (INSERT, DELETE, LOAD, CLEAR …) is refused: the graph is read-only"
        ) from None
    for comp in _walk(tree):
        if comp.name == "ServiceGraphPattern":
            raise UnsafeQueryError(
                f"SERVICE <{comp.get('term')}> is refused: queries may not reach the network"
            )
        if comp.name == "DatasetClause":
            iri = comp.get("default") or comp.get("named")
            raise UnsafeQueryError(
                f"FROM <{iri}> is refused: the query runs on the loaded graph only and may not fetch remote graphs"
            )
    try:
        with deep_recursion():
            return algebra.translateQuery(tree, initNs=PREFIXES)
    except RecursionError:
        raise QuerySyntaxError(f"the query nests too deeply to be read (the limit is {MAX_NESTING} levels)") from None
    except Exception as exc:  # e.g. an undeclared prefix
        raise QuerySyntaxError(str(exc), None, None, text) from None


_CHECKED: set[str] = set()  # texts found safe in this process


def _verdict_key(text: str) -> str:
    """A digest of ``text`` and of the code that judges it (this module's source)."""
    import hashlib

    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def check(text: str, verdicts: Path | None = None) -> None:
    """Refuse a malformed or unsafe query (:func:`prepare`) unless ``text`` was already
    found safe: in this process, or by an earlier one that left its verdict in the folder
    ``verdicts`` (``kg query`` keeps them beside the index, ``.kg/checked/``, one empty
    file per text, named by a digest of the text and of this module's code). A saved
    query then runs without loading rdflib's SPARQL parser (0.1-0.4 s a process).

    >>> check("SELECT * WHERE { ?s ?p ?o }")
    >>> check("DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    graph.errors.UnsafeQueryError: SPARQL Update (INSERT, DELETE, LOAD, CLEAR …) is refused: the graph is read-only
    """
    if text in _CHECKED:
        return
    key = _verdict_key(text) if verdicts is not None else None
    if key is not None and (Path(verdicts) / key).is_file():
        _CHECKED.add(text)
        return
    prepare(text)
    _CHECKED.add(text)
    if key is not None:
        try:
            Path(verdicts).mkdir(parents=True, exist_ok=True)
            (Path(verdicts) / key).touch()  # an empty file: created whole or not at all
        except OSError:  # a read-only folder: checked again next time
            pass


def run_query(g, text: str, init_bindings: dict | None = None):
    """Run a read-only SPARQL query on ``g`` in Oxigraph (:func:`graph.store.native_query`);
    returns an rdflib ``Result``. The text is checked first (:func:`check`)."""
    check(text)  # syntax and safety checks run first
    from .store import native_query

    with _evaluation():
        return native_query(g, text, init_bindings)


@contextmanager
def _evaluation():
    """The query stage: an error of the engine on a checked query becomes a :class:`KGError`."""
    from .progress import stage

    with stage("query"):
        try:
            yield
        except (SyntaxError, ValueError, OSError, RuntimeError) as exc:  # a valid query the engine cannot evaluate
            from .errors import KGError

            raise KGError(f"the query could not be evaluated: {engine_message(exc)}") from None


class Rows:
    """A SELECT or ASK answer as plain values: ``type`` (``"SELECT"`` or ``"ASK"``),
    ``vars`` (names), the rows (iterate: tuples of IRI strings, ``"_:id"`` blank nodes,
    :class:`~graph.oxread.Lit` literals, ``None`` for unbound) and ``askAnswer``.
    :func:`format_result` renders it as it renders an rdflib ``Result``."""

    def __init__(self, form: str, names: list, rows: list, boolean=None):
        self.type, self.vars, self.rows, self.askAnswer = form, names, rows, boolean

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


_PREFIX_USE = re.compile(r"(?<![\w<\"'#/.:-])([A-Za-z][\w.-]*)?:(?=[\w(<\"']|$)", re.M)
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.I)


def _other_prefixes(text: str) -> bool:
    """Whether ``text`` may use a prefix that is neither the project's nor declared in it
    (rdflib binds a few more by default: ``foaf:``, ``dcat:`` …)."""
    from .namespaces import PREFIXES

    known = set(PREFIXES) | {m.group(1) or "" for m in _PREFIX_DECL.finditer(text)}
    return any((m.group(1) or "") not in known for m in _PREFIX_USE.finditer(text))


def run_plain(backend, text: str):
    """Run a read-only query on a :class:`~graph.backend.Backend` with no rdflib: a SELECT
    or ASK answer comes back as :class:`Rows` of plain values. A CONSTRUCT or DESCRIBE
    answer, or a query using a prefix only rdflib binds, goes through rdflib and comes back
    as its ``Result`` (as from :func:`run_query`).

    >>> from graph.backend import Backend
    >>> b = Backend()
    >>> b.update('INSERT DATA { kgr:x skos:prefLabel "X"@en }')
    >>> r = run_plain(b, "SELECT ?s ?l WHERE { ?s skos:prefLabel ?l }")
    >>> r.vars, list(r)
    (['s', 'l'], [('https://w3id.org/story-kg/id/x', ('X', 'en', None))])
    """
    check(text)
    from .store import create_graph, native_query, rdflib_result

    with _evaluation():
        if _other_prefixes(text):
            return native_query(create_graph(backend), text)
        answer = backend.answer(text)
        if answer.form == "ASK":
            return Rows("ASK", [], [], answer.boolean)
        if answer.form == "SELECT":
            return Rows("SELECT", list(answer.vars), list(answer.values()))
        return rdflib_result(answer)


def engine_message(exc) -> str:
    """Oxigraph's reason for refusing a query, without its grammar listing: a refusal of
    a query rdflib's parser accepted reads "expected one of <tokens>, <reason>, …".

    >>> engine_message(SyntaxError('error at 1:40: expected one of "$", "(", SELECT * is not authorized with GROUP BY, TZ, [_]'))
    'SELECT * is not authorized with GROUP BY (at 1:40)'
    """
    import re

    text = str(exc)
    m = re.match(r"error at (\d+:\d+): expected (?:one of )?(.*)", text, re.S)
    if not m:
        return text.splitlines()[0][:300] if text else type(exc).__name__
    reasons = [part.strip() for part in m.group(2).split(", ")
               if len(part.split()) >= 3 and not part.lstrip().startswith(("[", "'", '"'))]
    return ("; ".join(reasons) if reasons else "Oxigraph cannot read it") + f" (at {m.group(1)})"


def saved_queries(triples=None) -> dict[str, SavedQuery]:
    """The saved queries, by name (file stem): the package's generic ones
    (:data:`graph.vocab.QUERIES`), then the triples folder's ``queries/``, which add to
    them and override one of the same name."""
    from .inputs import read_text_file
    from .files import resolve_triples
    from .vocab import QUERIES

    folder = resolve_triples(triples) / "queries"
    out = {}
    paths = sorted(QUERIES.glob("*.rq")) + (sorted(folder.glob("*.rq")) if folder.is_dir() else [])
    for path in paths:
        text = read_text_file(path)
        description = ""
        for line in text.splitlines():
            if line.strip().startswith("#"):
                description = line.strip().lstrip("#").strip()
                break
        out[path.stem] = SavedQuery(path.stem, description, text, path)
    return dict(sorted(out.items()))


def saved_query(name: str, triples=None) -> SavedQuery:
    """One saved query by name; raises :class:`UnknownQuery` listing the ones there are."""
    queries = saved_queries(triples)
    if name not in queries:
        raise UnknownQuery(name, sorted(queries))
    return queries[name]
