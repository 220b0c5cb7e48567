"""Competency questions the parallel-zh audit made answerable: facts the graph cited only from
the Chinese 2022 transcript now carry the English translation's sentence too
(triples/audit3/parallel-zh.ttl), so a reader can ask which telling states a fact, and
get the English sentence behind an answer.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

BOTH = {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",)}


def sources_of(subject: str, predicate: str, obj: str) -> str:
    """The sources whose evidence states the reified statement subject-predicate-object."""
    return ("SELECT DISTINCT ?src WHERE { ?st rdf:subject %s ; rdf:predicate %s ; rdf:object %s ;"
            " kg:evidence/kg:source ?src }" % (subject, predicate, obj))


QUESTIONS = [
    # --- story one: Pangu, the store week ------------------------------------------------------
    ("which-tellings-say-pangu-s-failure-sent-lei-jun-to-the-front-line",  # 'stab to the end' / 一竿子通到底
     sources_of("kgr:event-pangu-release", "kg:inspired", "kgr:idea-stab-to-the-end"),
     BOTH),
    ("which-tellings-say-the-store-week-taught-that-wanted-products-sell",  # 'sales are not a problem'
     sources_of("kgr:event-store-week", "kg:inspired", "kgr:idea-good-products-grow-legs"),
     BOTH),
    ("which-idea-does-the-english-call-make-products-that-users-need",  # the translation's wording, an alias
     """SELECT ?i WHERE { ?i skos:altLabel "make products that users need"@en }""",
     {("kgr:idea-user-needs-first",)}),
    # --- story two: the BBS half year ----------------------------------------------------------
    ("which-tellings-say-the-posting-ranking-led-to-moderatorship",
     sources_of("kgr:event-lei-jun-on-top-letter-ranking", "kg:ledTo", "kgr:event-lei-jun-becomes-moderator"),
     BOTH),
    ("what-does-the-english-translation-say-the-bbs-months-taught",
     """SELECT DISTINCT ?i WHERE { ?st rdf:subject kgr:event-bbs-half-year ; rdf:predicate kg:inspired ;
        rdf:object ?i ; kg:evidence/kg:source kgr:source-speech-2022 }""",
     {("kgr:idea-no-strong-purpose",), ("kgr:idea-entertainment-as-learning",), ("kgr:idea-play-seriously",)}),
    ("which-idea-is-don-t-play-blindly",
     """SELECT ?i WHERE { ?i skos:altLabel "Don't play blindly"@en }""",
     {("kgr:idea-play-seriously",)}),
    # --- the return to Kingsoft ----------------------------------------------------------------
    ("what-did-lei-jun-s-return-to-kingsoft-lead-to-in-the-english-translation",  # not the game: the English names none
     """SELECT DISTINCT ?x WHERE { ?st rdf:subject kgr:event-lei-jun-returns-to-kingsoft ; rdf:predicate kg:ledTo ;
        rdf:object ?x ; kg:evidence/kg:source kgr:source-speech-2022 }""",
     {("kgr:event-kingsoft-reemerges",)}),
    # --- Joyo.com ------------------------------------------------------------------------------
    ("what-does-the-english-translation-say-made-joyo-the-largest-b2c",
     """SELECT DISTINCT ?x WHERE { ?st rdf:subject ?x ; rdf:predicate kg:enabled ; rdf:object kgr:event-joyo-largest-b2c ;
        kg:evidence/kg:source kgr:source-speech-2022 }""",
     {("kgr:event-joyo-multi-site-warehousing",), ("kgr:event-joyo-self-built-logistics",), ("kgr:event-joyo-four-hour-delivery",)}),
    ("which-tellings-name-the-cities-of-joyo-s-warehouses",  # the translation drops 北京、上海、深圳
     """SELECT DISTINCT ?src WHERE { ?st rdf:subject kgr:joyo-warehouses ; rdf:predicate kg:locatedIn ;
        kg:evidence/kg:source ?src }""",
     {("kgr:source-speech-2022-zh",)}),
    ("which-tellings-say-kingsoft-shareholders-funded-joyo-after-the-vcs-refused",
     sources_of("kgr:event-joyo-vc-rejections", "kg:ledTo", "kgr:event-joyo-funding-kingsoft-shareholders"),
     BOTH),
    ("what-english-sentence-gives-lei-jun-s-summary-of-joyo",  # the English sentence behind the answer
     """SELECT ?q WHERE { ?st rdf:subject kgr:lei-jun ; rdf:predicate kg:coined ; rdf:object kgr:slogan-joyo-after-bubble-before-boom ;
        kg:evidence [ kg:source kgr:source-speech-2022 ; kg:quote ?q ] }""",
     {("Joyo.com was founded after the burst of the Internet bubble and before the full rise of e-commerce.",)}),
    ("which-tellings-say-the-joyo-sale-led-to-the-regret-question",
     sources_of("kgr:event-joyo-sale", "kg:ledTo", "kgr:event-regret-question"),
     BOTH),
    # --- the Internet, the mobile Internet -----------------------------------------------------
    ("what-did-trying-the-internet-teach-lei-jun-in-both-tellings",
     """SELECT DISTINCT ?i WHERE { ?st rdf:subject kgr:event-lei-jun-tries-internet-business ; rdf:predicate kg:inspired ;
        rdf:object ?i ; kg:evidence/kg:source kgr:source-speech-2022 , kgr:source-speech-2022-zh }""",
     {("kgr:idea-internet-is-a-tool",)}),
    ("which-tellings-say-the-3g-rumours-inspired-the-mobile-internet-decade",
     sources_of("kgr:event-3g-rumours-2005", "kg:inspired", "kgr:idea-mobile-internet-decade"),
     BOTH),
    # --- what the translation drops ------------------------------------------------------------
    ("which-tellings-say-the-mix-video-led-to-the-autumn-launch",  # the English has no MIX video
     sources_of("kgr:event-mix-video-shown", "kg:followedBy", "kgr:event-xiaomi-autumn-launch-2022"),
     {("kgr:source-speech-2022-zh",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_parallel_zh_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
