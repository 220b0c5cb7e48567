"""Competency questions the uncited-rest lens made answerable (triples/audit3/uncited-rest.ttl):
sentences of the 2022 speech (English and Chinese), the 2024 transcript and the analysis
article that no quote cited, and that carry a feeling, a method, a doubt or a part of the
article's framework a reader asks about.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py.
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- (1) further quotes of existing facts: a feeling, a method, a doubt ------------------
    ("was-the-store-week-tiring",  # 2022 zh: '就是因为我去了累不累的？' '非常累。'
     """SELECT ?e WHERE { ?e kg:evidence ?ev . ?ev kg:quote "非常累。" ; kg:source kgr:source-speech-2022-zh }""",
     {("kgr:event-store-week",)}),
    ("what-did-lei-jun-look-at-in-other-people-s-stores-chinese",  # 2022 zh: '动线怎么样？' '货架怎么样？'
     """SELECT ?q WHERE { kgr:event-lei-jun-studies-stores kg:evidence ?ev . ?ev kg:source kgr:source-speech-2022-zh ; kg:quote ?q
               FILTER(STRENDS(?q, "怎么样？")) }""",
     {("我就开始琢磨人家的这个店面装修怎么样？",), ("动线怎么样？",), ("货架怎么样？",), ("堆头怎么样，海报怎么样？",),
      ("他的销售员的培训话术怎么样？",)}),
    ("what-did-lei-jun-fear-in-the-week-of-deliberation",  # 2024 zh: '我这辈子就这么灰溜溜地收场吗？'
     """SELECT ?e WHERE { ?e kg:evidence/kg:quote "我这辈子就这么灰溜溜地收场吗？" ; kg:agent kgr:lei-jun }""",
     {("kgr:event-lei-jun-deliberation-2021",)}),
    ("which-car-moments-does-lei-jun-call-mixed-feelings",  # 2024 zh: '那一刻，百感交集。' '在那个时刻，真的百感交集啊。'
     """SELECT ?e WHERE { ?e kg:evidence/kg:quote ?q FILTER(CONTAINS(?q, "百感交集")) }""",
     {("kgr:event-xiaomi-car-launch-2021",), ("kgr:event-first-car-off-line-2023",)}),
    ("what-did-lei-jun-ask-himself-after-the-joyo-sale",  # 2022 zh: '互联网还有没有机会？' '下一步我们可以做什么？'
     """SELECT ?q WHERE { kgr:event-lei-jun-reflects-on-joyo kg:evidence/kg:quote ?q FILTER(STRENDS(?q, "？")) }""",
     {("所以在那段时间特别的痛苦，反复在问自己，我们输在什么地方？",), ("在这个过程中，我也在问自己，我说到底什么是互联网？",),
      ("互联网还有没有机会？",), ("下一步我们可以做什么？",)}),
    ("how-did-lei-jun-feel-about-moderating-in-english",  # 2022 en: 'However, it was very fulfilling.'
     """SELECT ?e WHERE { ?e kg:evidence ?ev . ?ev kg:quote "However, it was very fulfilling." ; kg:source kgr:source-speech-2022 }""",
     {("kgr:event-lei-jun-becomes-moderator",)}),
    ("what-does-the-english-speech-say-to-do-with-pain",  # 2022 en: 'let the pains shape us to be better'
     """SELECT ?idea WHERE { ?s a rdf:Statement ; rdf:subject kgr:lei-jun ; rdf:predicate kg:coined ; rdf:object ?idea ;
               kg:evidence ?ev . ?ev kg:source kgr:source-speech-2022 ; kg:quote ?q FILTER(CONTAINS(?q, "shape us")) }""",
     {("kgr:idea-gift-of-setbacks",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_uncited_rest_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
