"""Competency questions the article-rel audit made answerable: the relations the analysis
article states between things already in the graph (triples/audit3/article-rel.ttl) — which
speech tells which story, what led to and what enabled the BBS half year, what the BBS
friendships enabled, what the 2024 speech was made of, what the Weibo and Zhihu topics are
about — each with its verdict against the speeches; and the small fixes made beside them
(the year precision of 年底, the Turpan watermelons' trip).

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them; an article claim is a reified statement that is also a
kg:Claim with a kg:verdict).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- which speech tells which story -----------------------------------------------------
    ("which-stories-does-the-2022-speech-tell",  # 站店、泡论坛和卓越网; the sale to Amazon
     "SELECT ?x WHERE { kgr:speech-2022-event kg:concerns ?x . ?x a/rdfs:subClassOf* kg:Event }",
     {("kgr:event-store-week",), ("kgr:event-bbs-half-year",), ("kgr:event-joyo-sale",)}),
    ("which-stories-does-the-article-give-the-2022-speech-and-is-it-right",
     """SELECT ?x ?v WHERE { ?c a kg:Claim ; rdf:subject kgr:speech-2022-event ; rdf:predicate kg:concerns ;
                              rdf:object ?x ; kg:verdict ?v }""",
     {("kgr:event-store-week", "kg:Supported"),
      ("kgr:event-bbs-half-year", "kg:Supported"),
      ("kgr:event-joyo-sale", "kg:Supported")}),
    ("which-stories-does-the-article-give-the-2023-speech-and-is-it-right",
     """SELECT ?x ?v WHERE { ?c a kg:Claim ; rdf:subject kgr:speech-2023 ; rdf:predicate kg:concerns ;
                              rdf:object ?x ; kg:verdict ?v }""",
     {("kgr:three-color-company", "kg:Supported"),
      ("kgr:event-lei-jun-credits-in-two-years", "kg:Supported"),
      ("kgr:event-mi-11-ultra-user-complaints", "kg:Supported"),
      ("kgr:xiaomi-leica-partnership", "kg:Supported"),
      ("kgr:dream-of-a-great-company", "kg:Supported"),
      ("kgr:event-high-end-strategy-meeting-2022", "kg:Supported"),
      ("kgr:event-leica-photography-classes", "kg:Supported")}),
    ("which-stories-does-the-article-give-the-2024-speech-and-is-it-right",
     """SELECT ?x ?v WHERE { ?c a kg:Claim ; rdf:subject kgr:speech-2024 ; rdf:predicate kg:concerns ;
                              rdf:object ?x ; kg:verdict ?v }""",
     {("kgr:event-car-research-2021", "kg:Supported"), ("kgr:xiaomi-large-die-casting", "kg:Supported"),
      ("kgr:event-su7-summer-test-turpan", "kg:Supported"), ("kgr:event-su7-road-test-2024", "kg:Supported")}),
    ("which-tests-of-the-su7-does-the-2024-speech-tell",  # the speech's own statements
     "SELECT ?t WHERE { kgr:speech-2024 kg:concerns ?t . ?t a kg:Test }",
     {("kgr:event-su7-summer-test-turpan",), ("kgr:event-su7-road-test-2024",)}),
    ("which-speech-tells-the-three-color-story-and-which-transcript-records-it",  # multi-hop
     "SELECT ?speech ?src WHERE { ?speech a kg:Speech ; kg:concerns kgr:three-color-company . ?src kg:records ?speech }",
     {("kgr:speech-2023", "kgr:source-speech-2023-zh")}),
    ("which-speech-tells-of-the-leica-partnership-by-the-speech-itself",  # the primary statement, not the claim
     """SELECT ?speech WHERE { ?st rdf:subject ?speech ; rdf:predicate kg:concerns ; rdf:object kgr:xiaomi-leica-partnership .
                               ?speech a kg:Speech .
                               FILTER NOT EXISTS { ?st kg:evidence/kg:source/kg:sourceKind kg:SecondarySource } }""",
     {("kgr:speech-2023",)}),
    # --- the BBS half year: what led to it, what made it possible, what it is said to have led to
    ("what-led-to-the-bbs-half-year",  # the article's link, Supported through the speech's chain
     "SELECT ?e ?v WHERE { ?c rdf:subject ?e ; rdf:predicate kg:ledTo ; rdf:object kgr:event-bbs-half-year ; kg:verdict ?v }",
     {("kgr:event-lei-jun-resignation-1996", "kg:Supported")}),
    ("what-gave-lei-jun-the-time-for-the-bbs",  # 'I have enough time to soak in CFIDO BBS all day'
     "SELECT ?e WHERE { ?e kg:enabled kgr:event-bbs-half-year }",
     {("kgr:event-half-year-rest",)}),
    ("who-gave-lei-jun-the-half-year-that-made-the-bbs-possible",  # multi-hop over enabled and the request
     "SELECT ?who WHERE { ?rest kg:enabled kgr:event-bbs-half-year . ?r kg:requested ?rest ; kg:requester ?who }",
     {("kgr:qiu-bojun",)}),
    ("what-did-meeting-ma-huateng-on-the-bbs-enable-by-the-article",
     "SELECT ?o ?v WHERE { ?c rdf:subject kgr:event-bbs-meets-ma-huateng-ding-lei ; rdf:predicate kg:enabled ; rdf:object ?o ; kg:verdict ?v }",
     {("kgr:xiaomi-ecological-chain", "kg:Embellished")}),
    ("which-article-claims-does-the-speech-s-account-of-the-bbs-friendships-answer",  # the conflict's side B
     "SELECT ?b WHERE { kgr:conflict-bbs-ecological-chain kg:sideB ?b }",
     {("kgr:claim-article-ecological-chain-solder-points",), ("kgr:stmt-article-bbs-meeting-enabled-ecological-chain",)}),
    # --- the 2024 speech and the article's video ----------------------------------------------
    ("what-does-the-article-say-was-part-of-the-2024-speech",
     "SELECT ?x ?v WHERE { ?c rdf:subject ?x ; rdf:predicate kg:partOf ; rdf:object kgr:speech-2024 ; kg:verdict ?v }",
     {("kgr:su7-acceleration-video", "kg:NotFound")}),
    # --- the Weibo and Zhihu topics ----------------------------------------------------------
    ("what-are-the-weibo-and-zhihu-topics-about",
     """SELECT ?topic ?x WHERE { VALUES ?platform { kgr:zhihu kgr:weibo } ?topic kg:partOf ?platform ; kg:concerns ?x }""",
     {("kgr:zhihu-topic-entrepreneurial-pitfalls", "kgr:three-color-company"),
      ("kgr:zhihu-topic-entrepreneurial-pitfalls", "kgr:pangu"),
      ("kgr:zhihu-question-can-you-buy-xiaomi-cars", "kgr:xiaomi-su7"),
      ("kgr:weibo-topic-xiaomi-worthy-of-leica", "kgr:xiaomi-leica-partnership"),
      ("kgr:weibo-topic-dick-brand-counterattack", "kgr:xiaomi-high-end-strategy")}),
    ("which-weibo-topics-about-xiaomi-does-no-speech-mention",
     """SELECT ?topic WHERE { ?c rdf:subject ?topic ; rdf:predicate kg:concerns ; kg:verdict kg:NotFound .
                              ?topic kg:partOf kgr:weibo }""",
     {("kgr:weibo-topic-xiaomi-worthy-of-leica",), ("kgr:weibo-topic-dick-brand-counterattack",)}),
    # --- the small fixes ------------------------------------------------------------------------
    ("when-were-the-end-of-year-events",  # 98年年底, 2021年年底, 2022年年底: the year the text gives
     """SELECT ?e ?d WHERE { VALUES ?e { kgr:event-tencent-founding kgr:event-first-project-review-2021
                                         kgr:event-su7-engineering-cars-start }
                             ?e kg:date ?d FILTER(datatype(?d) = xsd:gYear) }""",
     {("kgr:event-tencent-founding", "1998"), ("kgr:event-first-project-review-2021", "2021"),
      ("kgr:event-su7-engineering-cars-start", "2022")}),
    ("on-which-trip-did-lei-jun-carry-the-watermelons-home",  # multi-hop: the test, its year and place
     "SELECT ?t ?d ?place WHERE { kgr:event-lei-jun-carries-watermelons kg:partOf ?t . ?t kg:date ?d ; kg:place ?place }",
     {("kgr:event-su7-summer-test-turpan", "2023", "kgr:turpan")}),
    ("which-speech-tells-the-watermelons",
     "SELECT DISTINCT ?src WHERE { kgr:event-lei-jun-carries-watermelons kg:evidence/kg:source ?src }",
     {("kgr:source-speech-2024-zh",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_article_rel_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
