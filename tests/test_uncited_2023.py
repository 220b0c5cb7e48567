"""Competency questions the uncited-2023 lens made answerable (triples/audit3/uncited-2023.ttl):
the reasons, methods, objections, decisions and feelings told by sentences of the Chinese 2023
transcript that no evidence quote cited before.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py.
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

Q23 = 'kg:source kgr:source-speech-2023-zh'

QUESTIONS = [
    # --- further quotes: the reason or the detail behind a fact the graph held ---------------
    ("why-did-the-freshman-go-to-the-seniors",  # '因为刚上大学，对学校里要读什么完全不了解。'
     f"""SELECT ?e WHERE {{ ?e kg:agent kgr:lei-jun ; kg:evidence [ {Q23} ; kg:quote ?q ]
               FILTER(STRSTARTS(?q, "因为刚上大学")) }}""",
     {("kgr:event-lei-jun-asks-senior-townsmen",)}),
    ("what-did-the-seniors-tell-him-about-the-courses",  # '什么哪个课容易哪个课难，哪个课要先上，哪个课后上。'
     """SELECT ?e WHERE { ?e kg:note ?n FILTER(CONTAINS(?n, "which to take first")) }""",
     {("kgr:event-lei-jun-asks-senior-townsmen",)}),
    # --- a new event and the idea it inspired -----------------------------------------------
    ("what-did-lei-jun-go-through-before-he-hit-on-skip-reading",  # '说实话曾经多次想，算了，放弃。' '读着读着呢突然开窍了。'
     "SELECT ?e ?d WHERE { ?e kg:inspired kgr:skip-reading ; a kg:Event ; kg:agent kgr:lei-jun ; kg:date ?d }",
     {("kgr:event-lei-jun-self-study-struggle", "1987")}),
    ("which-part-of-the-credit-push-was-the-self-study-struggle",  # '是如何搞定自学？'
     "SELECT ?whole WHERE { kgr:event-lei-jun-self-study-struggle kg:partOf ?whole }",
     {("kgr:event-lei-jun-credits-in-two-years",)}),
    ("what-is-the-skip-reading-method-in-one-line",  # '就是反正看不懂，跳过去直接看下一章。'
     f"""SELECT ?s WHERE {{ ?s a rdf:Statement ; rdf:subject kgr:lei-jun ; rdf:predicate kg:coined ; rdf:object kgr:skip-reading ;
               kg:evidence [ {Q23} ; kg:quote "就是反正看不懂，跳过去直接看下一章。" ] }}""",
     {("kgr:stmt-lei-jun-coined-skip-reading",)}),
    # --- a new claim: a reason --------------------------------------------------------------
    ("why-do-teachers-call-the-roll-according-to-lei-jun",  # '我觉得他们点名的目的主要是监督同学们好好学习。'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:whu-teachers-who-helped-lei-jun ; kg:claimText ?t
               FILTER(CONTAINS(?t, "make sure students study")) }""",
     {("kgr:claim-speech-why-teachers-call-the-roll",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_uncited_2023_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
