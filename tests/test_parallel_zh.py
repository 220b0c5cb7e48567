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
    # --- story two: the BBS half year ----------------------------------------------------------
    ("which-tellings-say-the-posting-ranking-led-to-moderatorship",
     sources_of("kgr:event-lei-jun-on-top-letter-ranking", "kg:ledTo", "kgr:event-lei-jun-becomes-moderator"),
     BOTH),
    ("what-did-lei-jun-s-return-to-kingsoft-lead-to-in-the-english-translation",
     """SELECT ?x WHERE { ?st rdf:subject kgr:event-lei-jun-returns-to-kingsoft ; rdf:predicate kg:ledTo ;
        rdf:object ?x ; kg:evidence/kg:source kgr:source-speech-2022 }""",
     {("kgr:event-kingsoft-reemerges",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_parallel_zh_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
