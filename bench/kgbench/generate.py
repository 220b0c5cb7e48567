"""Synthetic graphs in the project's own model, for benchmarks and scale tests.

``generate(n, DIR)`` writes a triples folder of about ``n`` triples (before the
loader's derivations) that passes ``kg check --triples DIR --sources DIR/sources``:
people, organizations, products and places with English and Chinese labels and
aliases; events with dates at year, month or day precision (some inferred, some
unknown), role participants, places, amounts with a currency and verbatim
evidence; reified statements; free claims, a few of them only from secondary
sources, and conflicts between them. Participants are drawn from a Zipf-like
distribution, so a few hubs have a large degree. The same seed gives the same
bytes. The folder holds data only: the ontology, the shapes and the generic saved
queries come with the package (:mod:`graph.vocab`); a few saved queries of the
generator's own are added.

Never mix a generated folder with the curated data.

>>> import tempfile
>>> out = generate(3000, tempfile.mkdtemp(), seed=1)
>>> 2500 < out["triples"] <= 3100, sorted(p.name for p in out["files"])[:3]
(True, ['claims.ttl', 'conflicts.ttl', 'events-000.ttl'])
"""

from __future__ import annotations

import bisect
import itertools
import random
import shutil
from pathlib import Path


__all__ = ["generate", "GENERIC_QUERIES"]

QUOTES_PER_SOURCE = 400
EVENTS_PER_FILE = 40_000

PREFIXES = """@prefix kg:      <https://w3id.org/story-kg/ontology#> .
@prefix kgr:     <https://w3id.org/story-kg/id/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix schema:  <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

FIRST = ["Wei", "Jun", "Lei", "Ming", "Hua", "Ying", "Tao", "Jing", "Bo", "Li", "Fang", "Hong", "Qiang", "Yan", "Xin", "Dan"]
LAST = ["Zhang", "Wang", "Li", "Zhao", "Chen", "Yang", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He"]
FIRST_ZH = ["伟", "军", "雷", "明", "华", "英", "涛", "静", "波", "丽", "芳", "红", "强", "燕", "欣", "丹"]
LAST_ZH = ["张", "王", "李", "赵", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何"]
ORG_WORDS = ["Star", "River", "Cloud", "Peak", "Golden", "Bright", "Red", "Blue", "Great", "New", "Silver", "Jade"]
ORG_ZH = ["星", "河", "云", "峰", "金", "明", "红", "蓝", "大", "新", "银", "玉"]
ORG_KIND = [("Software", "软件"), ("Networks", "网络"), ("Electronics", "电子"), ("Capital", "资本"), ("Labs", "实验室")]
PRODUCT_WORDS = ["Phone", "Office", "Reader", "Router", "Browser", "Antivirus", "Watch", "Tablet", "Game", "Player"]
PRODUCT_KINDS = ["Phone", "Software", "Software", "Hardware", "Software", "Software", "Hardware", "Hardware", "Software",
                 "Hardware"]  # the class of each product word
CITIES = ["Beijing", "Shanghai", "Shenzhen", "Wuhan", "Hangzhou", "Guangzhou", "Chengdu", "Nanjing", "Xi'an", "Tianjin"]
CITIES_ZH = ["北京", "上海", "深圳", "武汉", "杭州", "广州", "成都", "南京", "西安", "天津"]
CURRENCIES = ["CNY", "USD", "HKD", "EUR"]

# event class, subject role, subject kind, object role, object kind, verb for the source sentence
EVENT_TYPES = [
    ("Founding", "founder", "person", "organization", "org", "founded"),
    ("Sale", "seller", "org", "buyer", "org", "sold a business to"),
    ("Acquisition", "buyer", "org", "asset", "org", "acquired"),
    ("Funding", "investor", "org", "investee", "org", "invested in"),
    ("Release", "developer", "org", "product", "product", "released"),
    ("Joining", "person", "person", "organization", "org", "joined"),
    ("Leaving", "person", "person", "organization", "org", "left"),
    ("Partnership", "agent", "org", "partner", "org", "partnered with"),
    ("Offer", "offeror", "org", "asset", "org", "made an offer for"),
    ("Meeting", "attendee", "person", "attendee", "person", "met"),
    ("Speech", "speaker", "person", "organization", "org", "spoke at"),
]
EVENT_WEIGHTS = [14, 6, 6, 8, 14, 12, 8, 8, 4, 12, 8]
STATEMENT_PREDICATES = [("worksFor", "person", "org", "works for"), ("leads", "person", "org", "leads"),
                        ("knows", "person", "person", "knows"), ("competesWith", "org", "org", "competes with"),
                        ("locatedIn", "org", "place", "is located in"), ("partOf", "org", "org", "is part of")]

GENERIC_QUERIES = {
    "gen-founders": """# Who founded which organization, and when (generated graph)
SELECT ?founder ?org ?date WHERE {
  ?e a kg:Founding ; kg:founder ?founder ; kg:organization ?org .
  OPTIONAL { ?e kg:date ?date }
}
""",
    "gen-events-per-type": """# How many events of each type there are
SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?type . ?type rdfs:subClassOf kg:Event } GROUP BY ?type
""",
    "gen-hubs": """# The ten entities that take part in the most events
SELECT ?entity ?label (COUNT(DISTINCT ?e) AS ?events) WHERE {
  ?e ?role ?entity . ?role a kg:RoleProperty .
  ?entity skos:prefLabel ?label FILTER(lang(?label) = "en")
} GROUP BY ?entity ?label ORDER BY DESC(?events) ?entity LIMIT 10
""",
    "gen-colleagues-of-founders": """# Two hops: people who joined an organization that someone founded
SELECT DISTINCT ?person ?org ?founder WHERE {
  ?founder kg:founded ?org .
  ?person kg:joined ?org .
  FILTER(?person != ?founder)
}
""",
    "gen-deals-in-usd": """# Sales and acquisitions with an amount in US dollars
SELECT ?e ?value WHERE {
  ?e a ?type ; kg:amount ?a . VALUES ?type { kg:Sale kg:Acquisition }
  ?a kg:currency "USD" ; kg:value ?value .
}
""",
    "gen-secondary-only": """# Claims stated only by secondary sources
SELECT ?claim ?label WHERE { ?claim kg:secondaryOnly true ; skos:prefLabel ?label }
""",
    "gen-conflicts": """# Conflicts and the claims they link
SELECT ?conflict ?a ?b WHERE {
  ?conflict a kg:Conflict ; kg:conflictingClaim ?a , ?b . FILTER(STR(?a) < STR(?b))
}
""",
    "gen-chinese-names": """# Entities with a Chinese label, by kind
SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?c ; skos:prefLabel ?zh FILTER(lang(?zh) = "zh") ?c rdfs:subClassOf* ?kind
  VALUES ?kind { kg:Person kg:Organization kg:Product kg:Place }
} GROUP BY ?kind
""",
}


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Picker:
    """Zipf-like choice among ``n`` items: item ``i`` has weight ``1 / (i + 1) ** s``."""

    def __init__(self, rng: random.Random, n: int, s: float = 0.9):
        self.rng, self.n = rng, n
        self.cum = list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))

    def __call__(self) -> int:
        return min(bisect.bisect_left(self.cum, self.rng.random() * self.cum[-1]), self.n - 1)


class _Sources:
    """Source documents: the generated sentences, several per file, and which are secondary."""

    def __init__(self, rng):
        self.rng = rng
        self.texts: list[list[str]] = []
        self.secondary: list[bool] = []

    def _current(self, secondary: bool) -> int:
        for i in range(len(self.texts) - 1, -1, -1):
            if self.secondary[i] == secondary:
                if len(self.texts[i]) < QUOTES_PER_SOURCE:
                    return i
                break
        self.texts.append([])
        self.secondary.append(secondary)
        return len(self.texts) - 1

    def cite(self, sentence: str, secondary: bool = False) -> str:
        """Add ``sentence`` to a source and return the Turtle of an evidence node quoting it."""
        i = self._current(secondary)
        self.texts[i].append(sentence)
        return f"[ a kg:Evidence ; kg:source kgr:gen-source-{i:04d} ; kg:quote {_lit(sentence)} ]"

    def write(self, folder: Path) -> list[str]:
        src = folder / "sources"
        src.mkdir(parents=True, exist_ok=True)
        ttl = [PREFIXES]
        for i, sentences in enumerate(self.texts):
            kind = "SecondarySource" if self.secondary[i] else "PrimarySource"
            name = f"gen-source-{i:04d}.txt"
            (src / name).write_text("\n".join(sentences) + "\n", encoding="utf-8")
            ttl.append(
                f"kgr:gen-source-{i:04d} a kg:Source ;\n"
                f"    skos:prefLabel \"Generated source {i}\"@en ;\n"
                f"    dcterms:title \"Generated {'commentary' if self.secondary[i] else 'report'} number {i}\"@en ;\n"
                f"    kg:sourceFile \"{name}\" ;\n"
                f"    kg:sourceKind kg:{kind} ;\n"
                f"    schema:description \"A synthetic source text written by kg generate.\"@en .\n"
            )
        (folder / "sources.ttl").write_text("\n".join(ttl), encoding="utf-8")
        return ttl


def _date(rng, year: int) -> tuple[str, int]:
    """A date literal at a random precision, and its triple count contribution (always 1)."""
    r = rng.random()
    if r < 0.4:
        return f'"{year}"^^xsd:gYear', 1
    month = rng.randint(1, 12)
    if r < 0.7:
        return f'"{year}-{month:02d}"^^xsd:gYearMonth', 1
    return f'"{year}-{month:02d}-{rng.randint(1, 28):02d}"^^xsd:date', 1


def generate(n_triples: int, output_dir, seed: int = 0) -> dict:
    """Write a synthetic triples folder of about ``n_triples`` triples to ``output_dir``.

    Returns ``{"triples": count written, "files": [paths], "sources": folder}``.
    Deterministic: the same ``n_triples`` and ``seed`` give the same bytes.
    """
    from graph.progress import stage

    with stage(f"generate {n_triples:,} triples"):
        return _generate(n_triples, output_dir, seed)


def _generate(n_triples: int, output_dir, seed: int = 0) -> dict:
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.ttl"):
        old.unlink()
    story = _Story(random.Random(seed), out, max(int(n_triples), 1000))
    story.entities()
    story.statements_and_claims()
    story.events()
    story.sources.write(out)
    story.count += 6 * len(story.sources.texts)
    story.files.append(out / "sources.ttl")
    # the vocabulary (ontology, shapes, generic saved queries) ships with the package:
    # the folder holds data and the generator's own queries only
    target = out / "queries"
    if target.is_dir():
        shutil.rmtree(target)
    target.mkdir()
    for name, text in GENERIC_QUERIES.items():
        (out / "queries" / f"{name}.rq").write_text(text, encoding="utf-8")
    return {"triples": story.count, "files": sorted(story.files), "sources": out / "sources"}


_SLUGS = {"person": "gen-person-", "org": "gen-org-", "product": "gen-product-", "place": "gen-place-"}


class _Story:
    """The generated folder, written part by part (entities, statements and claims, events),
    counting its triples against the budget ``n_triples``."""

    def __init__(self, rng, out: Path, n_triples: int):
        self.rng, self.out, self.n_triples = rng, out, n_triples
        # about 11% of the triples describe entities, the rest events, statements and claims
        self.kinds = {"person": max(20, n_triples // 60), "org": max(15, n_triples // 90),
                      "product": max(10, n_triples // 200), "place": min(len(CITIES) * 20, max(10, n_triples // 2000))}
        self.pick = {k: _Picker(rng, n, 0.9 if k != "place" else 0.5) for k, n in self.kinds.items()}
        self.names: dict[str, list[str]] = {k: [] for k in self.kinds}
        self.unused = {k: list(range(n - 1, -1, -1)) for k, n in self.kinds.items()}  # every entity gets a part in the story
        self.count, self.files = 0, []
        self.sources = None

    def write(self, name: str, chunks: list[str]) -> None:
        path = self.out / name
        path.write_text(PREFIXES + "\n" + "\n".join(chunks), encoding="utf-8")
        self.files.append(path)

    def ref(self, kind: str, fresh: bool = False) -> tuple[str, str]:
        unused = self.unused[kind]
        i = unused.pop() if fresh and unused else self.pick[kind]()
        return f"kgr:{_SLUGS[kind]}{i}", self.names[kind][i]

    def entities(self) -> None:
        for kind, cls, fname in (("person", "Person", "people.ttl"), ("org", "Organization", "organizations.ttl"),
                                 ("product", "Product", "products.ttl"), ("place", "Place", "places.ttl")):
            chunks = []
            for i in range(self.kinds[kind]):
                en, zh, alias, desc = _entity_names(kind, i)
                self.names[kind].append(en)
                typed = PRODUCT_KINDS[i % 10] if kind == "product" else cls
                lines = [f"kgr:{_SLUGS[kind]}{i} a kg:{typed} ;",
                         f"    skos:prefLabel {_lit(en)}@en" + (f" , {_lit(zh)}@zh ;" if zh else " ;")]
                self.count += 2 + (1 if zh else 0)
                if alias:
                    lines.append(f"    skos:altLabel {_lit(alias)}@en ;")
                    self.count += 1
                lines.append(f"    schema:description {_lit(desc)}@en .")
                self.count += 1
                chunks.append("\n".join(lines) + "\n")
            self.write(fname, chunks)
        self.sources = _Sources(self.rng)

    def statements_and_claims(self) -> None:
        """Statements and claims first (small), then events fill the rest of the budget."""
        rng, sources, ref = self.rng, self.sources, self.ref
        budget = self.n_triples - self.count - 60  # leave room for sources.ttl
        n_claims, n_statements = max(4, budget // 120), max(4, budget // 40)
        st_chunks, cl_chunks, cf_chunks = [], [], []
        for i in range(n_statements):
            pred, sk, ok, verb = STATEMENT_PREDICATES[rng.randrange(len(STATEMENT_PREDICATES))]
            (s, sn), (o, on) = ref(sk), ref(ok)
            if s == o:
                continue
            ev = sources.cite(f"Statement {i}: {sn} {verb} {on}.")
            st_chunks.append(f"kgr:gen-stmt-{i} a rdf:Statement ;\n    rdf:subject {s} ; rdf:predicate kg:{pred} ; rdf:object {o} ;\n"
                             f"    kg:evidence {ev} .\n")
            self.count += 8
        n_conflicts = max(1, n_claims // 10)
        for i in range(n_claims):
            (p, pn), (o, on) = ref("person"), ref("org")
            secondary = i % 3 == 0 or i < 2 * n_conflicts
            text = f"Claim {i}: {pn} {'once said' if secondary else 'said'} that {on} would double its size."
            ev = sources.cite(text, secondary=secondary)
            cl_chunks.append(f"kgr:gen-claim-{i} a kg:Claim ;\n    skos:prefLabel {_lit(f'Claim {i} about {pn}')}@en ;\n"
                             f"    kg:claimText {_lit(text)}@en ;\n    kg:about {p} , {o} ;\n    kg:evidence {ev} .\n")
            self.count += 9
        for i in range(n_conflicts):
            a, b = 2 * i, 2 * i + 1
            kind = "Contradiction" if i % 2 == 0 else "Embellishment"
            cf_chunks.append(f"kgr:gen-conflict-{i} a kg:Conflict ;\n    skos:prefLabel \"Conflict {i}\"@en ;\n"
                             f"    kg:conflictKind kg:{kind} ;\n    kg:sideA kgr:gen-claim-{a} ;\n    kg:sideB kgr:gen-claim-{b} ;\n"
                             f"    kg:note \"The two generated claims disagree.\"@en .\n")
            self.count += 7
        self.write("statements.ttl", st_chunks)
        self.write("claims.ttl", cl_chunks)
        self.write("conflicts.ttl", cf_chunks)

    def events(self) -> None:
        cum_events = list(itertools.accumulate(EVENT_WEIGHTS))
        ev_chunks, i, part = [], 0, 0
        while self.count < self.n_triples - 60:
            kind = EVENT_TYPES[bisect.bisect_left(cum_events, self.rng.random() * cum_events[-1])]
            chunk = self._event(i, *kind)
            if chunk is None:
                continue
            ev_chunks.append(chunk)
            i += 1
            if len(ev_chunks) >= EVENTS_PER_FILE:
                self.write(f"events-{part:03d}.ttl", ev_chunks)
                ev_chunks, part = [], part + 1
        if ev_chunks or part == 0:
            self.write(f"events-{part:03d}.ttl", ev_chunks)

    def _event(self, i, cls, srole, skind, orole, okind, verb) -> str | None:
        """Event ``i`` in Turtle (counted), or None when its two ends drew the same entity."""
        rng, ref = self.rng, self.ref
        (s, sn), (o, on) = ref(skind, fresh=True), ref(okind, fresh=True)
        if s == o:
            return None
        year = rng.randint(1985, 2024)
        lines = [f"kgr:gen-event-{i} a kg:{cls} ;", f"    skos:prefLabel {_lit(f'{cls} {i}: {sn} and {on}')}@en ;",
                 f"    schema:description {_lit(f'{sn} {verb} {on}.')}@en ;"]
        n = 5
        if srole == orole:
            lines.append(f"    kg:{srole} {s} , {o} ;")
        else:
            lines.append(f"    kg:{srole} {s} ;\n    kg:{orole} {o} ;")
        r = rng.random()
        when = ""
        if r < 0.03:
            lines.append("    kg:dateUnknown \"The generated source gives no date.\"@en ;")
            n += 1
        else:
            lit, _ = _date(rng, year)
            lines.append(f"    kg:date {lit} ;")
            when = f"In {year}, "
            n += 1
            if r < 0.1:
                lines.append(f"    kg:dateInferred \"Worked out from event {max(0, i - 1)}.\"@en ;")
                n += 1
        if rng.random() < 0.4 or self.unused["place"]:
            place, _pname = ref("place", fresh=True)
            lines.append(f"    kg:place {place} ;")
            n += 1
        if cls in ("Sale", "Acquisition", "Funding", "Offer") and rng.random() < 0.7:
            value = rng.randint(1, 5000) * 10 ** rng.randint(3, 7)
            if rng.random() < 0.1:
                lines.append(f"    kg:amount [ a kg:MonetaryAmount ; kg:value {value} ; "
                             f"kg:currencyUnknown \"The source says only '{value}'.\"@en ] ;")
            else:
                lines.append(f"    kg:amount [ a kg:MonetaryAmount ; kg:value {value} ; kg:currency \"{CURRENCIES[rng.randrange(4)]}\" ] ;")
            n += 4
        if cls == "Offer" and rng.random() < 0.5:
            lines.append("    kg:outcome \"rejected\"@en ;")
            n += 1
        secondary = rng.random() < 0.02
        evs = [self.sources.cite(f"{when}{sn} {verb} {on} (event {i}).", secondary=secondary)]
        if rng.random() < 0.15:
            evs.append(self.sources.cite(f"Event {i} again: {sn} {verb} {on}.", secondary=secondary))
        lines.append("    kg:evidence " + " ,\n        ".join(evs) + " .")
        n += 4 * len(evs)
        self.count += n
        return "\n".join(lines) + "\n"


def _entity_names(kind: str, i: int) -> tuple[str, str, str, str]:
    """``(English label, Chinese label, alias, description)`` of generated entity ``i``."""
    a, b = i % 16, (i // 16) % 16
    if kind == "person":
        return (f"{FIRST[a]} {LAST[b]} {i}", f"{LAST_ZH[b]}{FIRST_ZH[a]}{i}", f"{LAST[b]} {FIRST[a]} {i}",
                f"Synthetic person number {i}.")
    if kind == "org":
        w, k = ORG_WORDS[i % 12], ORG_KIND[(i // 12) % 5]
        return f"{w} {k[0]} {i}", f"{ORG_ZH[i % 12]}{k[1]}{i}", f"{w}{k[0][:3]} {i}", f"Synthetic {k[0].lower()} company number {i}."
    if kind == "product":
        return f"{PRODUCT_WORDS[i % 10]} {i}", "", f"{PRODUCT_WORDS[i % 10]} model {i}", f"Synthetic product number {i}."
    en = CITIES[i % 10] + (f" district {i // 10}" if i >= 10 else "")
    zh = CITIES_ZH[i % 10] + (f"{i // 10}区" if i >= 10 else "")
    return en, zh, "", f"Synthetic place number {i}."
