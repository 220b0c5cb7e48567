"""Read whole SPARQL result sets from the backend as plain Python values, on two cores.

Iterating pyoxigraph's results costs about 1 µs per term, spent holding the GIL: each
row makes a Python object per term. For the million-triple reads of the networkx
projection and ``kg stats``, Oxigraph instead serialises each result as TSV (SPARQL 1.1
Query Results TSV) in a worker thread, which releases the GIL, so the query runs on
the second core while this thread splits the previous answer with C-level ``str``
methods and parses only the literal cells.

Values follow the projection tables' convention: an IRI is its string, a blank node is
``"_:id"``, a literal is a :class:`graph.tables.Lit` ``(value, lang, datatype)`` with
``datatype`` ``None`` for plain strings.

>>> from graph.backend import Backend
>>> store = Backend()
>>> store.add_ntriples(b'<http://x/a> <http://x/p> "tab\\\\there"@en .\\n<http://x/a> <http://x/p> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n'
...                    b'<http://x/a> <http://x/p> <http://x/b> .\\n<http://x/a> <http://x/p> _:n .')
>>> with Reader(store) as read:
...     subjects, objects = read.columns(read.submit("SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o"))
>>> subjects
['http://x/a', 'http://x/a', 'http://x/a', 'http://x/a']
>>> [o if isinstance(o, str) else tuple(o) for o in objects]  # doctest: +ELLIPSIS
['_:...', 'http://x/b', ('5', None, 'http://www.w3.org/2001/XMLSchema#integer'), ('tab\\there', 'en', None)]
"""

from __future__ import annotations

import re


__all__ = ["Lit", "Reader", "parse_cell", "unescape"]

_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))')
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


class Lit(tuple):
    """A literal as plain values: ``(value, lang, datatype)``; ``datatype`` is ``None`` for plain strings."""

    __slots__ = ()

    value = property(lambda self: self[0])
    lang = property(lambda self: self[1])
    datatype = property(lambda self: self[2])


def unescape(text: str) -> str:
    def repl(m):
        if m.group(1) or m.group(2):
            return chr(int(m.group(1) or m.group(2), 16))
        return _SIMPLE.get(m.group(3), m.group(3))

    return _ESCAPE.sub(repl, text) if "\\" in text else text


_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+\Z")
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+\Z")
# Answers whose cells are all IRIs and blank nodes (edges, types) are split by one
# C-level regex pass, which also strips the IRIs' brackets (checked by counting matches).
_IRIS = re.compile(r"<([^>]*)>")
_RESOURCES = re.compile(r"(?<=<)[^>]*(?=>)|_:[^\t\n]+")


def parse_cell(cell: str):
    """One TSV cell as a table value (``None`` for an unbound cell).

    >>> parse_cell('<http://x/a>'), parse_cell('_:b0'), parse_cell('')
    ('http://x/a', '_:b0', None)
    >>> tuple(parse_cell('"say \\\\"hi\\\\""@en')), tuple(parse_cell('"x"^^<http://t/d>')), tuple(parse_cell('true'))
    (('say "hi"', 'en', None), ('x', None, 'http://t/d'), ('true', None, 'http://www.w3.org/2001/XMLSchema#boolean'))
    """
    if not cell:
        return None
    first = cell[0]
    if first == "<":
        return cell[1:-1]
    if first == '"':  # a quoted literal: parsed where whole columns of them are
        return _cells((cell,))[0]
    if first == "_":
        return cell
    # Turtle's short forms, which the TSV format uses for these four datatypes
    if cell in ("true", "false"):
        return Lit((cell, None, _XSD + "boolean"))
    if _INTEGER.match(cell):
        return Lit((cell, None, _XSD + "integer"))
    if _DECIMAL.match(cell):
        return Lit((cell, None, _XSD + "decimal"))
    if _DOUBLE.match(cell):
        return Lit((cell, None, _XSD + "double"))
    raise ValueError(f"unexpected cell in Oxigraph's TSV answer: {cell[:80]!r}")


def _resources(cells) -> list:
    """Cells that hold IRIs or blank nodes (a subject column): strip the IRIs' ``<>``."""
    return [c[1:-1] if c[0] == "<" else c for c in cells]


class _Job:
    __slots__ = ("sparql", "future")

    def __init__(self, sparql):
        self.sparql, self.future = sparql, None


class Reader:
    """``with Reader(backend) as read:`` — ``read.submit(sparql)`` queues a SELECT for the
    worker threads; ``read.columns(job)`` waits for its answer and returns its columns
    (lists of table values). At most ``window`` answers are computed ahead of the ones
    being read (each is megabytes of text at 1M triples), in the order they were asked."""

    def __init__(self, backend, workers: int = 1, window: int | None = None):
        from collections import deque
        from concurrent.futures import ThreadPoolExecutor

        self._backend = backend
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="kg-read")
        self._window, self._started, self._queued = window or 2 * workers, 0, deque()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._queued.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
        return False

    def _start(self, job) -> None:
        job.future = self._pool.submit(self._backend.tsv, job.sparql)
        self._started += 1

    def submit(self, sparql: str) -> _Job:
        """Queue ``sparql`` (a SELECT); it starts in a worker thread when the window allows."""
        job = _Job(sparql)
        if self._started < self._window:
            self._start(job)
        else:
            self._queued.append(job)
        return job

    def ready(self, job) -> bool:
        """Whether ``job``'s answer is computed (reading it will not wait)."""
        return job.future is not None and job.future.done()

    def _answer(self, job) -> bytes:
        if job.future is None:  # read before its turn: start it now
            self._queued.remove(job)
            self._start(job)
        try:
            return job.future.result()
        finally:
            job.future = None
            self._started -= 1
            while self._queued and self._started < self._window:
                self._start(self._queued.popleft())

    def columns(self, job, resources: tuple = (0,)) -> list[list]:
        """The answer's columns as lists of table values. Columns whose index is in
        ``resources`` hold only IRIs and blank nodes (unbracketed without a parse); the
        others may hold literals. Unbound cells are ``None``. (In TSV a tab or a newline
        inside a literal is escaped, so splitting the text on them is safe.)"""
        text = self._answer(job).decode("utf-8")
        fast = _fast_columns(text)
        return fast if fast is not None else _columns(text, resources)


def _columns(text: str, resources: tuple) -> list[list]:
    """The columns of a TSV answer, cell by cell (see :meth:`Reader.columns`)."""
    head, _, body = text.partition("\n")
    width = head.count("\t") + 1
    if body and not body.endswith("\n"):
        body += "\n"
    cells = body.replace("\n", "\t").split("\t")
    cells.pop()  # after the last row's newline (or the whole of an empty body)
    out = []
    for i in range(width):
        column = cells[i::width]
        if i in resources and "" not in column:
            out.append(_resources(column))
        else:
            out.append(_cells(column))
    return out


def _cells(column) -> list:
    """Table values of TSV cells. Quoted literals (a million cells at 1M triples) are
    parsed here, inline; the other forms by :func:`parse_cell`."""
    out = []
    append = out.append
    for c in column:
        if c[:1] != '"':
            append(c[1:-1] if c[:1] == "<" else parse_cell(c))
            continue
        end = c.rindex('"')
        value = c[1:end]
        if "\\" in value:
            value = unescape(value)  # N-Triples escapes, as in the streaming exports
        if end + 1 == len(c):
            append(Lit((value, None, None)))
        elif c[end + 1] == "@":
            append(Lit((value, c[end + 2:], None)))
        else:  # ^^<datatype>
            datatype = c[end + 4:-1]
            append(Lit((value, None, None if datatype == _XSD_STRING else datatype)))
    return out


def _fast_columns(text: str):
    """The columns of a TSV answer whose cells are all IRIs or blank nodes, parsed by one
    regex pass; ``None`` for any other answer (:func:`_columns` reads those)."""
    head, _, body = text.partition("\n")
    rows = body.count("\n")
    if not rows or '"' in body or not body.endswith("\n"):  # empty, or a quoted literal
        return None
    width = head.count("\t") + 1
    cells = (_RESOURCES if "_:" in body else _IRIS).findall(body)
    if len(cells) != rows * width:  # a bare literal (5, true) or an unbound cell has no match
        return None
    return [cells[i::width] for i in range(width)] if width > 1 else [cells]
