"""The rules of ``kg check`` that read the source texts: every quote is verbatim in its
source, every named entity whose Chinese label a Chinese source prints is cited from it,
and every source meets its coverage target. Same shape as :mod:`graph.checks`:
``(graph, sources folder, ..., locator) -> [Problem]``.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .checks import Problem
from .errors import KGError
from .inputs import read_source

__all__ = ["quotes", "attested_labels", "coverage_targets", "HINT_PROBE", "HINT_SHOWN"]


def _unverified_evidence(g, sources_dir) -> list[tuple]:
    """``(evidence, quote, claim, source, file name)`` as rdflib terms for every evidence
    whose quote is not found in its source's file (or whose source has none). The common
    case, every quote found, is one cheap scan over plain strings; only the evidence
    behind a failing quote is read in full."""
    from .backend import sparql_of, term_of
    from .oxread import Lit
    from .store import backend_of

    backend = backend_of(g)
    raw_texts = {}

    def verbatim(quote, fname) -> bool:
        if not isinstance(fname, Lit) or not isinstance(quote, Lit) or not quote.value or sources_dir is None:
            return False
        if fname.value not in raw_texts:
            try:
                raw_texts[fname.value] = read_source(sources_dir, fname.value)
            except KGError:  # outside the folder or unreadable: reported in full by the caller
                raw_texts[fname.value] = None
        text = raw_texts[fname.value]
        return text is not None and quote.value in text

    pairs = backend.select("SELECT DISTINCT ?quote ?f WHERE { ?ev kg:quote ?quote ; kg:source ?s . "
                           "OPTIONAL { ?s kg:sourceFile ?f } }")
    failing = {q for q, f in pairs if not verbatim(q, f)}
    rows = []
    if failing:
        values = " ".join(sparql_of(q) for q in failing if isinstance(q, Lit) or not q.startswith("_:"))
        for row in backend.select("SELECT ?ev ?quote (SAMPLE(?c) AS ?claim) (SAMPLE(?s) AS ?src) (SAMPLE(?f) AS ?fname) "
                                  f"WHERE {{ VALUES ?quote {{ {values} }} ?ev kg:quote ?quote OPTIONAL {{ ?c kg:evidence ?ev }} "
                                  "OPTIONAL { ?ev kg:source ?s OPTIONAL { ?s kg:sourceFile ?f } } } GROUP BY ?ev ?quote"):
            if not verbatim(row[1], row[4]):
                rows.append(tuple(term_of(t) for t in row))
    return rows


def quotes(g, sources_dir, loc) -> list:
    """Every evidence quote must be found verbatim in its source's file."""
    from rdflib import Literal

    from .namespaces import curie

    problems, texts, missing = [], {}, set()
    rows = _unverified_evidence(g, sources_dir)
    for ev, quote, claim, src, fname in rows:
        claim = claim if claim is not None else ev
        if src is None:
            continue  # reported by the shapes (evidence needs a source)
        if fname is None:
            file, line = loc.find_term(src)
            problems.append(Problem("evidence-quote", f"source {curie(src)} has no kg:sourceFile",
                                    "add kg:sourceFile \"name.txt\" to the source", curie(src), file, line))
            continue
        if sources_dir is None or not Path(sources_dir).is_dir():
            return [Problem("evidence-quote", f"sources folder {sources_dir or '(none)'} not found; quotes cannot be checked",
                            "give --sources DIR or set KG_SOURCES to the folder with the source texts")]
        path = Path(sources_dir) / str(fname)
        if path not in texts:
            try:
                texts[path] = read_source(sources_dir, str(fname))
            except KGError as exc:  # never read: a file outside the sources folder, a FIFO, ...
                texts[path] = None
                missing.add(path)
                file, line = loc.find_term(src)
                problems.append(Problem("evidence-quote", str(exc), "name a file of the sources folder in kg:sourceFile",
                                        curie(src), file, line))
        text = texts[path]
        if text is None:
            if path in missing:
                continue  # one problem per missing file, not one per quote from it
            missing.add(path)
            file, line = loc.find_term(src)
            problems.append(Problem("evidence-quote", f"source file {path} not found",
                                    f"put {fname} in the sources folder or correct kg:sourceFile", curie(src), file, line))
            continue
        q = str(quote)
        if not isinstance(quote, Literal) or not q or q in text:
            continue
        hint = _closest_passage(text, q)
        if hint:
            hint = f"; the source has: “{_clip(hint)}”"
        file, line = loc.find_text(q[:60])
        problems.append(Problem(
            "evidence-quote", f"quote not found verbatim in {fname}: “{_clip(q)}”",
            "copy the quote from the source file exactly (curly quotes, spacing and typos included)" + hint,
            curie(claim) if not hasattr(claim, "n3") or curie(claim) != str(claim) else claim.n3(), file, line))
    return problems


HINT_PROBE = 200  # characters of a wrong quote matched against its source for the hint
HINT_SHOWN = 300  # characters of a quote or of the source shown in a problem


def _clip(text: str) -> str:
    return text if len(text) <= HINT_SHOWN else text[:HINT_SHOWN] + f"… ({len(text):,} characters)"


def _closest_passage(text: str, quote: str) -> str:
    """The passage of ``text`` that best lines up with ``quote`` ("" if none shares 8
    characters). The longest common block is sought between the text and the quote's
    first :data:`HINT_PROBE` characters only: over a whole 150 kB quote ``difflib`` took
    26 s, and the start of the quote is what places it."""
    probe = quote[:HINT_PROBE]
    matcher = difflib.SequenceMatcher(None, text, probe, autojunk=False)
    block = matcher.find_longest_match(0, len(text), 0, len(probe))
    if block.size < 8:
        return ""
    start = max(0, block.a - block.b)
    return text[start:start + len(quote)]


def attested_labels(g, sources_dir, loc) -> list:
    """A named entity (person, organization, product, place, work) whose Chinese preferred
    label appears in a Chinese source is mentioned by that source: some fact cites the
    sentence (``kg:mentionedIn``). Ideas and groups are left out: their Chinese labels are
    often common words (勇气, courage). Labels, kinds and mentions are read as plain values
    from the engine, so a large graph is not walked term by term through rdflib."""
    from rdflib import URIRef

    from .network import kinds_and_classes
    from .namespaces import KG_IRI, curie
    from .store import backend_of

    if sources_dir is None or not Path(sources_dir).is_dir():
        return []
    backend = backend_of(g)
    texts = {}
    for src, fname, lang in backend.select(
            "SELECT ?src (SAMPLE(?f) AS ?file) (SAMPLE(?l) AS ?lang) WHERE { ?src a kg:Source ; kg:sourceFile ?f ; "
            "dcterms:language ?l } GROUP BY ?src"):
        if not str(lang.value).lower().startswith("zh"):
            continue
        try:
            text = read_source(sources_dir, str(fname.value))
        except KGError:  # outside the folder or unreadable: the quote check names it
            continue
        if text is not None:
            texts[src] = (str(fname.value), text)
    if not texts:
        return []
    kinds = kinds_and_classes(backend)[0]  # ideas and groups may carry common words
    named = {"Person", "Organization", "Product", "Place", "CreativeWork"}
    mentioned = set(backend.pairs(KG_IRI + "mentionedIn"))
    labels = backend.select(
        'SELECT ?s ?l WHERE { ?s skos:prefLabel ?l FILTER (isIRI(?s) && lang(?l) = "zh" && STRLEN(?l) >= 2) '
        "FILTER NOT EXISTS { ?s a kg:Source } }")
    problems = []
    for s, label in sorted((s, label.value) for s, label in labels if kinds.get(s, ("",))[0] in named):
        for src, (fname, text) in sorted(texts.items()):
            if label in text and (s, src) not in mentioned:
                i = text.find(label)
                file, line = loc.find_term(URIRef(s))
                name = curie(s)
                problems.append(Problem(
                    "attested-label",
                    f"{name} {label!r} appears in {fname} (line {text.count(chr(10), 0, i) + 1}) but no fact cites it from that source",
                    f"cite a sentence of {fname} that names it (an event, statement or claim it takes part in)",
                    name, file, line))
    return problems


def coverage_targets(g, sources_dir, triples, loc, figures: dict | None = None) -> list:
    """Reviewed coverage ignores still match their source and are of sentences no fact
    cites, and every source with a ``kg:coverageTarget`` has at least that share of its
    informative sentences cited.
    ``figures``, if given, receives each source's figures (:func:`graph.coverage.summary`)."""
    from .coverage import coverage, summary

    if sources_dir is None or not Path(sources_dir).is_dir():
        return []
    try:
        report = coverage(g, sources_dir, triples, targeted=True)  # a curated source declares its target
    except KGError as exc:  # a source file outside the folder, unreadable or missing: named by the quote check too
        return [Problem("coverage", f"coverage not measured: {exc}", "correct kg:sourceFile or the sources folder")]
    if figures is not None:
        figures.update(summary(report))
    problems = []
    for fname, r in report.items():
        for st in r["stale_ignores"]:
            what = st["sentence"] or st["name"]
            problems.append(Problem(
                "coverage-ignore", f"the ignore “{what[:80]}” matches nothing in {fname}",
                "copy the sentence (or name) from the source again, or delete the entry if the text no longer has it",
                "", st["file"], st["line"]))
        for st in r["cited_ignores"]:
            problems.append(Problem(
                "coverage-ignore", f"the ignore “{st['sentence'][:80]}” is of a sentence a fact now cites in {fname}",
                "delete the entry: its reason (why the sentence deserves no fact) no longer holds", "", st["file"], st["line"]))
        s, target = r["sentences"], r["target"]
        if target is not None and s["cited_share"] < target:
            file, line = loc.find_term(_uri(r["source"]))
            problems.append(Problem(
                "coverage",
                f"{fname}: {s['cited']} of {s['informative']} sentences that carry a name, a date, a number or an amount "
                f"are cited ({100 * s['cited_share']:.1f}%), below the target of {100 * target:.0f}%",
                f"run `kg coverage --source {fname} --uncovered` and add the facts it lists (or ignore a sentence with a reason)",
                r["source"].rsplit("/", 1)[-1], file, line))
    return problems


def _uri(s):
    from rdflib import URIRef

    return URIRef(s)
