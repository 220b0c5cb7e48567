"""Competency questions the questions-a-reader-asks audit made answerable
(triples/audit3/questions.ttl): each source was read for the questions its text answers
(who, what, when, where, how much, why, what came of it), each question was put to the
graph, and where the answer was missing or only partial the fact was added with the
sentence that says it.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- 2023 speech: the Three-color company ------------------------------------------------
    ("what-business-did-the-three-color-company-do-by-the-speech",  # line 489: computers, software, typing and copying
     "SELECT ?e WHERE { ?e kg:organization kgr:three-color-company ; kg:evidence [ kg:source kgr:source-speech-2023-zh ;"
     " kg:quote '于是从我们先卖电脑，接着写软件，甚至我们还做打字复印这样的业务。' ] FILTER NOT EXISTS { ?e a kg:Claim } }",
     {("kgr:event-three-color-crisis",)}),
    # --- the annual speeches ----------------------------------------------------------------
    ("which-annual-speech-is-each",  # 2022: 'today is my third annual speech'; 2023: 第四次; 2024: 第五次
     "SELECT ?s ?n WHERE { ?s a kg:Speech ; kg:speaker kgr:lei-jun ; kg:quantity [ kg:value ?n ; kg:unit ?u ]"
     " FILTER(STRSTARTS(?u, 'annual speech (ordinal')) }",
     {("kgr:speech-2022-event", "3"), ("kgr:speech-2023", "4"), ("kgr:speech-2024", "5")}),
    ("when-was-lei-jun-s-fifth-annual-speech",  # 2024 transcript line 5, dated July 2024
     "SELECT ?d WHERE { ?s a kg:Speech ; kg:date ?d ; kg:quantity [ kg:value 5 ; kg:unit ?u ] FILTER(STRSTARTS(?u, 'annual speech (ordinal')) }",
     {("2024-07",)}),
    ("which-sources-say-the-2022-speech-was-the-third",  # both versions of the 2022 speech
     "SELECT DISTINCT ?src WHERE { kgr:speech-2022-event kg:quantity [ kg:value 3 ; kg:unit ?u ] ; kg:evidence [ kg:source ?src ; kg:quote ?q ]"
     " FILTER(STRSTARTS(?u, 'annual speech (ordinal') && (CONTAINS(?q, 'third annual speech') || CONTAINS(?q, '第三次'))) }",
     {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",)}),
    # --- 2022 speech: WPS and Joyo.com -------------------------------------------------------
    ("where-does-wps-rank-in-the-world",  # Chinese line 425: '做到全球第二'
     "SELECT ?v WHERE { ?e kg:product kgr:wps ; kg:quantity [ kg:value ?v ; kg:unit ?u ] FILTER(STRSTARTS(?u, 'world rank')) }",
     {("2",)}),
    ("how-did-lei-jun-apply-what-can-go-wrong-at-joyo",  # English line 121, Chinese lines 557-563
     "SELECT ?e WHERE { kgr:idea-what-can-go-wrong kg:appliedTo ?e . ?e kg:agent|kg:person|kg:organization ?x FILTER(?x IN (kgr:lei-jun, kgr:joyo)) }",
     {("kgr:event-joyo-daily-link-check",)}),
    # --- 2023 speech: BitLok --------------------------------------------------------------------
    ("what-did-bitlok-s-success-teach-lei-jun",  # lines 435-443: find complementary friends
     "SELECT ?l WHERE { ?e kg:product kgr:bitlok ; a kg:Release ; kg:inspired ?l }",
     {("kgr:lesson-complementary-partners",)}),
    ("who-made-the-success-behind-the-complementary-partners-lesson",  # line 435: 'had I not done it with Wang Quanguo'
     "SELECT ?who WHERE { ?e kg:inspired kgr:lesson-complementary-partners ; kg:developer ?who }",
     {("kgr:lei-jun",), ("kgr:wang-quanguo",)}),
    # --- 2024 speech: the summer test -------------------------------------------------------
    ("what-came-of-the-turpan-summer-test",  # line 609: ten-odd degrees cooler than the benchmark cars
     "SELECT ?o WHERE { ?e a kg:Test ; kg:place kgr:turpan ; kg:product kgr:xiaomi-su7 ; kg:outcome ?o ; kg:evidence/kg:source kgr:source-speech-2024-zh }",
     {("the SU7's interior stayed ten-odd degrees cooler than the benchmark cars' (some reached 90 degrees)",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
