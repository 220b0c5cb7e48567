"""``kg check``: everything that must hold before a graph is exported.

Checks, in order: every file parses (``file:line:column``); every ``kg:`` term is
declared in the ontology (closed vocabulary); every typed literal is well-formed
(``"2004-13"^^xsd:gYearMonth`` and ``"1996-02-30"^^xsd:date`` are errors); every
``kgr:`` IRI that is used is defined; no alias or label names two entities; every
evidence quote is a verbatim substring of its source file; and the SHACL shapes in
``shapes.ttl`` (with pyshacl). Each problem names the file and line, the node, the
rule, what is wrong and how to fix it.

>>> report = check(TRIPLES, SOURCES)
>>> report.ok, report.problems
(True, [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .background import Background
from .checks import Problem
from .errors import KGError

__all__ = ["Problem", "Report", "check", "SHACL_AUTO_LIMIT"]

SHACL_AUTO_LIMIT = 50_000  # triples; above this `check` skips SHACL unless asked (and says so):
# pyshacl (rdflib's SPARQL engine) needs about a minute per 100k triples on this kind of graph

@dataclass
class Report:
    """The outcome of :func:`check`."""

    files: list = field(default_factory=list)
    triples: int = 0
    entities: int = 0
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    coverage: dict = field(default_factory=dict)  # per source file: graph.coverage.summary figures
    graph: object = None
    pending: object = None  # SHACL still running in the background (see ``check(wait=False)``)

    @property
    def ok(self) -> bool:
        if self.pending is not None:
            raise RuntimeError("the SHACL check is still running: call report.finish() first")
        return not self.problems

    def finish(self) -> "Report":
        """Wait for a background SHACL run and add its problems; returns the report."""
        if self.pending is not None:
            pending, self.pending = self.pending, None
            try:
                self.problems += pending.result()
            except RuntimeError as exc:
                raise KGError(f"SHACL validation could not run: {exc}") from None
        return self

    def summary(self) -> str:
        status = "OK" if self.ok else "FAILED"
        return (
            f"kg check: {status}: {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
            f" in {len(self.files)} files ({self.triples} triples, {self.entities} entities)"
            + ("; " + "; ".join(self.notes) if self.notes else "")
        )


# Turtle's strings (long ones first), IRIs and comments, for blanking the comments and the strings' text
_TURTLE_TOKENS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                            r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')


def _blank(m) -> str:
    token = m.group(0)
    if token.startswith("<"):
        return token
    return re.sub(r"[^\n]", " ", token)


class _Locator:
    """Find the file and line where a node is written (rdflib does not keep positions)."""

    def __init__(self, files, g):
        self.files, self.g = files, g

    @cached_property
    def untyped_iris(self):
        from .checks import untyped_iris_of

        return untyped_iris_of(self.g)

    @cached_property
    def texts(self):
        return {p: p.read_text(encoding="utf-8", errors="replace") for p in self.files}

    @cached_property
    def code(self):
        """The texts with comments and string literals blanked (offsets and lines kept):
        where a term is written, not where a comment or a quote names it."""
        return {p: _TURTLE_TOKENS.sub(_blank, text) for p, text in self.texts.items()}

    def find_text(self, needle: str):
        if not needle:
            return None, None
        for path, text in self.texts.items():
            i = text.find(needle)
            if i >= 0:
                return str(path), text.count("\n", 0, i) + 1
        return None, None

    def find_term(self, term):
        from rdflib import BNode, URIRef

        from .namespaces import KG, curie

        if isinstance(term, URIRef):
            short = curie(term)
            pattern = re.compile(r"(?<![\w:/-])" + re.escape(short) + r"(?![\w-])") if short != str(term) else None
            if pattern is not None:  # where the node is defined (typed as a subject) first, then any subject use
                for head in (re.compile(r"^" + re.escape(short) + r"\s+a\s", re.M),
                             re.compile(r"^" + re.escape(short) + r"(?![\w-])", re.M)):
                    for path, text in self.code.items():
                        m = head.search(text)
                        if m:
                            return str(path), text.count("\n", 0, m.start()) + 1
            for path, text in self.code.items():
                m = pattern.search(text) if pattern else None
                i = m.start() if m else text.find(f"<{term}>")
                if i >= 0:
                    return str(path), text.count("\n", 0, i) + 1
            return None, None
        if isinstance(term, BNode):
            quote = self.g.value(term, KG.quote)
            if quote is not None:
                return self.find_text(str(quote)[:60])
            for parent in self.g.subjects(None, term):
                return self.find_term(parent)
        return None, None


def _undefined(problems) -> list[str]:
    """The IRIs of the entities the Python rules found undefined (SHACL would name them again)."""
    from .namespaces import PREFIXES

    out = []
    for p in problems:
        if p.rule == "defined-entity" and ":" in p.node:
            prefix, _, rest = p.node.partition(":")
            out.append(PREFIXES.get(prefix, prefix + ":") + rest)
    return out


def check(triples=None, sources=None, *, shacl: bool | None = None, wait: bool = True) -> Report:
    """Run every check on a triples folder and return a :class:`Report` (``report.ok``, ``report.problems``).

    ``shacl=None`` runs the shapes unless the graph has more than ``SHACL_AUTO_LIMIT``
    triples (then the report notes that SHACL was skipped and why). With
    ``wait=False`` the shapes are validated in a background process and the caller
    must call ``report.finish()`` before reading ``report.ok``.
    """
    import logging

    from .files import resolve_sources, resolve_triples
    from .inputs import scan_triples
    from .load import apply_derivations
    from .progress import stage
    from .store import gc_paused

    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    root = resolve_triples(triples)
    files, unusable = scan_triples(root)
    report = Report(files=[str(f) for f in files])
    if unusable:  # nothing is skipped silently: each is a problem, and nothing is checked further
        report.problems = [Problem("readable-input", message, "make it a readable file inside the triples folder, or remove it",
                                   "", str(path)) for path, message in unusable]
        return report
    g, files, problems = _parse(root)
    if problems:
        report.problems = problems
        return report
    loc = _Locator(files, g)
    # the checks and the node kinds hold a few million small objects at 1M triples: no
    # full collections over them while they are made (0.6 s)
    with stage("check vocabulary, literals and references"), gc_paused():
        report.problems += _checks(("vocabulary", "literals", "references"), g, loc)
    apply_derivations(g, root)
    report.graph = g
    report.triples = len(g)
    _check_derived(report, g, loc, resolve_sources(sources, root), root)
    _check_shapes(report, g, files, root, shacl, wait)
    return report


def _parse(root):
    """Every file of the folder parsed into one graph: ``(graph, files, syntax problems)``."""
    from .errors import LoadError
    from .files import syntax_error, triple_files
    from .inputs import FORMATS
    from .namespaces import bind_prefixes
    from .progress import stage
    from .store import create_graph, parse_into

    files = triple_files(root)
    g, problems = bind_prefixes(create_graph()), []
    sizes = [p.stat().st_size for p in files]
    with stage("parse", total=sum(sizes), unit="B") as bar:  # each file straight into Oxigraph
        for path, size in zip(files, sizes):
            try:
                parse_into(g, path, FORMATS[path.suffix])
            except LoadError as err:
                problems.append(Problem("syntax", err.message, "correct the syntax at that line", "", err.file, err.line))
            except Exception as exc:
                err = syntax_error(path, exc)
                problems.append(Problem("syntax", err.message, "correct the syntax at that line", "", err.file, err.line))
            bar.advance(size)
    return g, files, problems


def _checks(names, g, loc) -> list:
    from . import checks

    return [p for name in names for p in getattr(checks, name)(g, loc)]


def _check_derived(report, g, loc, sources_dir, root) -> None:
    """The checks of the graph with its rules applied: aliases, quotes, translations,
    relations, verdicts, mentions, attested labels and coverage targets."""
    from . import checks, textchecks
    from .directions import relation_directions
    from .network import node_kinds
    from .progress import stage
    from .store import gc_paused

    with stage("check aliases and quotes"), gc_paused():
        report.entities = sum(1 for kind, _t in node_kinds(g).values() if kind != "Claim")
        report.problems += checks.aliases(g, loc)
        report.problems += textchecks.quotes(g, sources_dir, loc)
        report.problems += checks.translations(g, loc)
    with stage("check relations, verdicts and mentions"), gc_paused():
        report.problems += relation_directions(g, loc)
        report.problems += _checks(("verdicts", "mentioned"), g, loc)
        report.problems += textchecks.attested_labels(g, sources_dir, loc)
    with stage("check coverage"):
        report.problems += textchecks.coverage_targets(g, sources_dir, root, loc, report.coverage)
    for name, c in sorted(report.coverage.items()):  # not failures: what `kg coverage --uncovered` lists
        todo = [f"{n} {what}" for n, what in ((c["unreviewed"], "informative sentences uncited"),
                                              (c["names_unresolved"], "names unresolved")) if n]
        if todo:
            report.notes.append(f"{name}: {' and '.join(todo)} (kg coverage --source {name} --uncovered)")


def _check_shapes(report, g, files, root, shacl, wait) -> None:
    """The SHACL shapes (the package's, then the folder's own ``shapes.ttl``), here or in the background."""
    from . import checks
    from .progress import stage
    from .vocab import shapes_files

    shapes_path = shapes_files(root)
    run_shacl = shacl if shacl is not None else report.triples <= SHACL_AUTO_LIMIT
    if not run_shacl:
        report.notes.append(
            f"SHACL skipped: {report.triples} triples is over the automatic limit of {SHACL_AUTO_LIMIT} (use --shacl to force)")
        return
    from .store import snapshot

    data = snapshot(g)  # pyshacl walks the graph from Python: 7x faster on rdflib's own store
    data_loc = _Locator(files, data)  # what a forked child may read (Oxigraph's store is not fork-safe)
    if wait:
        with stage("SHACL shapes"):
            report.problems += checks.shacl(data, shapes_path, data_loc, _undefined(report.problems))
    else:
        report.pending = Background(checks.shacl, data, shapes_path, data_loc, _undefined(report.problems))
