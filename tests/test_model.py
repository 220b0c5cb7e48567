"""The knowledge-base model: sides of a conflict, one derivation per event, which sources
mention a node, exact-form aliases, relation directions, and the defects readers hit."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, make_triples

import graph
from graph.cli import cli
from graph.errors import KGError

KGR = "https://w3id.org/story-kg/id/"

PREFIXES = """@prefix kg: <https://w3id.org/story-kg/ontology#> .
@prefix kgr: <https://w3id.org/story-kg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def kg(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def mini_with(tmp_path, text: str):
    return make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", extra={"extra.ttl": PREFIXES + text})


# --- relation properties are used in their declared direction ------------------------------

def test_every_use_of_a_relation_property_follows_its_domain_and_range(curated_graph):
    rows = list(curated_graph.query("""
        SELECT ?s ?p ?o ?which WHERE {
          ?p a kg:RelationProperty .
          { ?p rdfs:domain ?c . ?s ?p ?o . FILTER NOT EXISTS { ?s a/rdfs:subClassOf* ?c } BIND ("domain" AS ?which) }
          UNION { ?p rdfs:range ?c . ?s ?p ?o . FILTER NOT EXISTS { ?o a/rdfs:subClassOf* ?c } BIND ("range" AS ?which) }
        }""", initNs=graph.namespaces.PREFIXES))
    assert rows == []
    used = {str(p) for (p,) in curated_graph.query(
        "SELECT DISTINCT ?p WHERE { ?p a kg:RelationProperty . ?s ?p ?o }", initNs=graph.namespaces.PREFIXES)}
    assert len(used) >= 20  # the rule was tried on most of the vocabulary


def test_a_relation_written_backwards_is_reported_where_it_is_written(tmp_path, sources_dir):
    folder = mini_with(tmp_path, """
kgr:stmt-backwards a rdf:Statement ;
    rdf:subject kgr:kingsoft ; rdf:predicate kg:leads ; rdf:object kgr:lei-jun ;
    kg:evidence [ a kg:Evidence ; kg:source kgr:source-speech-2022 ;
                  kg:quote "At the age of 26, I was the general manager of Beijing Jinshan." ] .
""")
    out = kg("check", "--triples", folder, "--sources", sources_dir).output
    assert "extra.ttl:8: kgr:stmt-backwards [relation-direction]" in out
    assert "the subject kgr:kingsoft is not a kg:Person" in out and "swap rdf:subject and rdf:object" in out



def test_a_backwards_relation_derived_from_an_event_is_reported_at_the_event(tmp_path, sources_dir):
    folder = mini_with(tmp_path, """
kgr:event-backwards a kg:Founding ;
    skos:prefLabel "Kingsoft founds Lei Jun"@en ;
    kg:founder kgr:kingsoft ; kg:organization kgr:lei-jun ;
    kg:dateUnknown "a test of the direction check"@en ;
    kg:evidence [ a kg:Evidence ; kg:source kgr:source-speech-2022 ;
                  kg:quote "At the age of 26, I was the general manager of Beijing Jinshan." ] .
""")
    out = kg("check", "--triples", folder, "--sources", sources_dir).output
    assert "extra.ttl:8: kgr:event-backwards [relation-direction]" in out, out
    assert "kgr:kingsoft kg:founded kgr:lei-jun" in out

# --- a conflict has two sides ----------------------------------------------------------------

def test_claims_conflict_only_across_the_sides_of_a_conflict(curated_graph):
    from rdflib import URIRef

    from graph.namespaces import KG

    # two speech claims on side A of "Who was 'Two Fingers Zen'?" do not conflict with each other
    friend, fast = URIRef(KGR + "claim-speech-two-fingers-zen-is-a-friend"), URIRef(KGR + "claim-speech-typing-super-fast")
    article = URIRef(KGR + "claim-article-two-finger-zen-is-lei-jun")
    assert (friend, KG.conflictsWith, article) in curated_graph
    assert (fast, KG.conflictsWith, article) in curated_graph
    assert (friend, KG.conflictsWith, fast) not in curated_graph
    assert (friend, KG.conflictingClaim, None) not in curated_graph  # conflictingClaim is the conflict's
    assert (URIRef(KGR + "conflict-two-fingers-zen"), KG.conflictingClaim, fast) in curated_graph


def test_kg_show_of_a_conflict_prints_its_two_sides(curated_graph):
    out = kg("show", "Who was 'Two Fingers Zen'?")
    assert out.exit_code == 0, out.output
    a, b = out.output.index("side A"), out.output.index("side B")
    assert a < out.output.index("Speech: 'Two Fingers Zen' was a friend on the forum") < b
    assert b < out.output.index("Article: Lei Jun himself was 'two-finger Zen'")


def test_a_conflict_without_a_side_b_is_a_problem(tmp_path, sources_dir):
    folder = mini_with(tmp_path, """
kgr:conflict-one-sided a kg:Conflict ;
    skos:prefLabel "One-sided"@en ; kg:conflictKind kg:Contradiction ;
    kg:sideA kgr:joyo-sale ; kg:note "Only one side."@en .
""")
    out = kg("check", "--triples", folder, "--sources", sources_dir).output
    assert "kgr:conflict-one-sided [kgsh:conflict/kg:sideB]" in out


# --- a derived edge keeps its own event --------------------------------------------------------

TWO_FUNDINGS = """
kgr:joyo-funding-2 a kg:Funding ;
    skos:prefLabel "Second investment in Joyo.com"@en ;
    schema:description "Kingsoft adds money."@en ;
    kg:date "2002"^^xsd:gYear ; kg:outcome "the money burned out in a year"@en ;
    kg:investor kgr:kingsoft ; kg:investee kgr:joyo ;
    kg:evidence [ a kg:Evidence ; kg:source kgr:source-speech-2022 ;
                  kg:quote "Kingsoft shareholders had to add another 1 million US dollars" ] .
"""


def test_two_events_deriving_one_edge_each_keep_their_event_date_and_quotes(tmp_path, sources_dir):
    folder = mini_with(tmp_path, TWO_FUNDINGS)
    nxg = graph.to_networkx(graph.load(folder))
    edge = nxg.edges[KGR + "kingsoft", KGR + "joyo", "kg:investedIn"]
    assert [(d["event"].rsplit("/", 1)[-1], d["date"]) for d in edge["derivations"]] == [
        ("joyo-funding", "2000"), ("joyo-funding-2", "2002")]
    assert "first investment" in edge["derivations"][0]["evidence"][0]["quote"]
    assert "another 1 million" in edge["derivations"][1]["evidence"][0]["quote"]
    out = kg("show", "Kingsoft", "--triples", folder).output
    assert "Kingsoft invested in Joyo.com (First investment in Joyo.com, 2000~)" in out
    assert "Kingsoft invested in Joyo.com (Second investment in Joyo.com, 2002, the money burned out in a year)" in out


def test_the_1996_resignation_is_not_a_leaving(curated_graph):
    from rdflib import URIRef

    from graph.namespaces import KG_IRI

    lei, kingsoft = URIRef(KGR + "lei-jun"), URIRef(KGR + "kingsoft")
    resigned, returned = URIRef(KG_IRI + "resignedFrom"), URIRef(KG_IRI + "returnedTo")
    assert (lei, resigned, kingsoft) in curated_graph and (lei, returned, kingsoft) in curated_graph
    nxg = graph.to_networkx(curated_graph)
    left = nxg.edges[str(lei), str(kingsoft), "kg:left"]
    assert [d["date"] for d in left["derivations"]] == ["2007"]
    assert all("resignation" not in ev["quote"] for ev in left["evidence"])
    show = kg("show", "Lei Jun").output
    line = next(line for line in show.splitlines() if line.startswith("  - Lei Jun left Kingsoft"))
    assert "2007" in line


def test_the_shortcut_edge_of_an_offer_carries_its_outcome(curated_graph):
    nxg = graph.to_networkx(curated_graph)
    edge = nxg.edges[KGR + "lei-jun", KGR + "netease", "kg:offeredToBuy"]
    assert edge["outcome"] == "rejected"
    assert "rejected" in kg("path", "Lei Jun", "NetEase").output


# --- which sources mention a node ----------------------------------------------------------------

def test_each_node_knows_which_sources_mention_it(curated_graph):
    nxg = graph.to_networkx(curated_graph)
    jobs = nxg.nodes[KGR + "steve-jobs"]
    assert jobs["mentioned_in"] == [KGR + "source-article-conflict-narrative"] and jobs["secondary_only"]
    lei = nxg.nodes[KGR + "lei-jun"]
    assert {KGR + "source-speech-2022", KGR + "source-article-conflict-narrative"} <= set(lei["mentioned_in"])
    assert not lei["secondary_only"]
    # "only in the article" is one triple pattern
    only = {str(x) for x in curated_graph.subjects(graph.KG.secondaryOnly, None)}
    assert KGR + "steve-jobs" in only and KGR + "lei-jun" not in only


def test_an_entity_no_source_mentions_is_a_problem(tmp_path, sources_dir):
    folder = mini_with(tmp_path, """
kgr:nobody-cites-me a kg:Person ; skos:prefLabel "Nobody Cites Me"@en ; schema:description "An orphan."@en .
""")
    out = kg("check", "--triples", folder, "--sources", sources_dir).output
    assert "extra.ttl:8: kgr:nobody-cites-me [mentioned]" in out


# --- aliases compare exact forms ------------------------------------------------------------------

OFFICE = """
kgr:microsoft-office a kg:Software ; skos:prefLabel "Microsoft Office"@en ; skos:altLabel "Office"@en ;
    schema:description "An office suite."@en .
kgr:founding-office a kg:Place ; skos:prefLabel "Xiaomi's first office"@en ; skos:altLabel "office"@en ;
    schema:description "A room in Zhongguancun."@en .
kgr:stmt-office-in-zgc a rdf:Statement ; rdf:subject kgr:founding-office ; rdf:predicate kg:locatedIn ;
    rdf:object kgr:zhongguancun ;
    kg:evidence [ a kg:Evidence ; kg:source kgr:source-speech-2022 ; kg:quote "in an unremarkable office in Zhongguancun" ] .
kgr:stmt-office-by-microsoft a rdf:Statement ; rdf:subject kgr:microsoft-office ; rdf:predicate kg:competesWith ;
    rdf:object kgr:kingsoft ;
    kg:evidence [ a kg:Evidence ; kg:source kgr:source-speech-2022 ; kg:quote "Microsoft has entered the Chinese market with Windows and Office." ] .
"""


def test_a_proper_name_and_a_common_word_may_name_two_entities(tmp_path, sources_dir):
    folder = mini_with(tmp_path, OFFICE)
    out = kg("check", "--triples", folder, "--sources", sources_dir)
    assert out.exit_code == 0, out.output
    g = graph.load(folder)
    assert graph.find_entity(g, "Office") == graph.KGR["microsoft-office"]
    assert graph.find_entity(g, "office") == graph.KGR["founding-office"]
    with pytest.raises(KGError) as err:
        graph.find_entity(g, "OFFICE")
    assert "names 2 entities" in str(err.value)
    assert "Microsoft Office (kgr:microsoft-office, as 'Office')" in str(err.value)
    assert "Xiaomi's first office (kgr:founding-office, as 'office')" in str(err.value)
    show = kg("show", "OFFICE", "--triples", folder)
    assert show.exit_code == 1 and "write the name exactly as one of them" in show.output


def test_the_same_exact_alias_on_two_entities_is_still_a_problem(tmp_path, sources_dir):
    folder = mini_with(tmp_path, OFFICE.replace('skos:altLabel "office"@en', 'skos:altLabel "Office"@en'))
    out = kg("check", "--triples", folder, "--sources", sources_dir).output
    assert "[unique-alias] the name 'Office' is a label or alias of 2 entities" in out


# --- defects a reader hit --------------------------------------------------------------------------

def test_every_node_find_entity_returns_can_be_shown(curated_graph):
    from rdflib import RDF, SKOS, URIRef

    from graph.analysis import describe
    from graph.lookup import find_entity, name_index

    nxg = graph.to_networkx(curated_graph)
    index = name_index(curated_graph)
    typed = {s for s in curated_graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    names = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for s, o in curated_graph.subject_objects(p) if s in typed}
    failed = []
    for name in sorted(names):
        try:
            iri = find_entity(curated_graph, name, index)
        except KGError:
            continue  # an ambiguous case-folded form lists its candidates: tested above
        try:
            describe(nxg, str(iri))
        except Exception as exc:  # noqa: BLE001 - any crash is the defect
            failed.append((name, repr(exc)))
    assert failed == []
    for name in ("Lei Jun's 2022 annual speech (English translation)", "Who was 'Two Fingers Zen'?",
                 "Lei Jun's 2023 annual speech (Chinese transcript)"):
        out = kg("show", name)
        assert out.exit_code == 0 and "Traceback" not in out.output, out.output


def test_kg_show_describes_every_node_as_the_whole_projection_does(curated_graph):
    """`kg show` projects only the node's neighbourhood (graph.focus): for every entity,
    event, claim and conflict its text is the one the whole projection gives."""
    from graph.analysis import describe
    from graph.focus import focus
    from graph.store import backend_of

    nxg = graph.to_networkx(curated_graph)
    backend = backend_of(curated_graph)
    conflicts = sorted({c["conflict"] for n in nxg for c in nxg.nodes[n]["conflicts"]})
    assert len(nxg) > 1000 and len(conflicts) > 50
    differ = [node for node in sorted(nxg) + conflicts if describe(focus(backend, node), node) != describe(nxg, node)]
    assert differ == []


def test_saved_queries_keep_the_article_only_flag(curated_graph):
    from graph.query import run_query, saved_query

    def rows(name):
        return list(run_query(curated_graph, saved_query(name, "triples").text))

    founders = {(str(r.org).rsplit("/", 1)[-1], str(r.articleOnly)) for r in rows("founders")}
    assert ("xiaomi", "false") in founders
    # the article told the Three-color founding first; the 2023 speech confirms it: no longer article-only
    assert ("three-color-company", "false") in founders
    from rdflib import Literal

    articles = {str(r.event).rsplit("/", 1)[-1]: str(r.articleOnly) for r in rows("products-2022")}
    assert articles["event-mix-fold-2-launch"] == "false"
    # every row's flag is the event's own kg:secondaryOnly
    for r in rows("products-2022"):
        assert str(r.articleOnly) == str((r.event, graph.KG.secondaryOnly, Literal(True)) in curated_graph).lower()
    kinds = {str(r.product).rsplit("/", 1)[-1]: str(r.kind) for r in rows("products-2022")}
    assert kinds["xiaomi-mix-fold-2"] == "Phone" and kinds["cyberone"] == "Robot"


def test_secondary_only_rows_all_have_a_type_and_a_label(curated_graph):
    from graph.query import run_query, saved_query

    rows = list(run_query(curated_graph, saved_query("secondary-only", "triples").text))
    assert rows and all(str(r.type) and str(r.label) for r in rows)
    statement = next(r for r in rows if str(r.claim).endswith("stmt-15-ultra-made-by-xiaomi"))
    assert (str(statement.type), str(statement.label)) == ("Statement", "Xiaomi 15 Ultra made by Xiaomi")


def test_a_missing_english_label_is_reported_where_the_entity_is_defined(tmp_path, sources_dir):
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", extra={
        "aa-claims.ttl": PREFIXES + """
kgr:claim-about-nobody a kg:Claim ; skos:prefLabel "About nobody"@en ; kg:claimText "x"@en ; kg:about kgr:nobody ;
  kg:evidence [ a kg:Evidence ; kg:source kgr:source-speech-2022 ; kg:quote "In 2007, Kingsoft finally went public." ] .
""", "zz-people.ttl": PREFIXES + """
kgr:nobody a kg:Person ; schema:description "a person without a label"@en .
"""})
    out = kg("check", "--triples", folder, "--sources", sources_dir).output
    assert "zz-people.ttl:8: kgr:nobody [kgsh:entity-en-label]" in out
    assert "aa-claims.ttl" not in out


def test_one_mistake_is_one_problem(tmp_path, sources_dir):
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", FIXTURES / "bad" / "undefined-entity.ttl")
    out = kg("check", "--triples", folder, "--sources", sources_dir).output
    assert "kg check: FAILED: 1 problem " in out, out
    assert "[defined-entity]" in out and "participant-is-entity" not in out


def test_a_statement_shows_by_its_iri_with_its_evidence_and_verdict():
    out = kg("show", "kgr:stmt-fire-in-the-valley-concerns-jobs")
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == "Fire in the Valley concerns Steve Jobs"
    assert "verdict:     not found" in out.output and "[secondary]" in out.output


def test_no_node_is_typed_with_a_class_and_its_superclass(curated_graph):
    """Each node carries the most specific class that fits (data-model.md): a sweep that
    types an event kg:Sale where it was a plain kg:Event replaces that type where the
    event is defined, rather than adding the subclass beside it."""
    rows = list(curated_graph.query("""
        SELECT ?x ?general ?specific WHERE {
          ?x a ?general , ?specific . ?specific rdfs:subClassOf+ ?general FILTER (?specific != ?general)
          FILTER (STRSTARTS(STR(?general), STR(kg:))) }""", initNs=graph.namespaces.PREFIXES))
    assert rows == []
