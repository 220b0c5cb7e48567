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
    ("was-writing-the-book-harder-than-expected-in-english",  # 2022 en: 'But this matter is more complicated than I imagined.'
     """SELECT ?e ?book WHERE { ?e kg:product ?book ; kg:evidence ?ev . ?ev kg:source kgr:source-speech-2022 ;
               kg:quote "But this matter is more complicated than I imagined." }""",
     {("kgr:event-book-publication", "kgr:xiaomi-entrepreneurship-thinking")}),
    # --- (2) a reason: why the 2022 speech is about low points ---------------------------------
    ("why-does-the-2022-speech-tell-of-low-points",  # 2022 zh: '不少人觉得不适应，甚至有点迷茫，还有人特别的焦虑。'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:speech-2022-event ; kg:evidence/kg:quote ?q
               FILTER(CONTAINS(?q, "焦虑")) }""",
     {("kgr:claim-speech-2022-three-stories",)}),
    ("which-three-stories-does-the-2022-speech-description-name",  # fixed in place: '今天提到了三个故事，站店、泡论坛和卓越网'
     """SELECT ?e WHERE { ?e a kg:Speech ; schema:description ?d
               FILTER(CONTAINS(?d, "three stories (standing in the store after Pangu's failure, the months on the BBS, Joyo.com")) }""",
     {("kgr:speech-2022-event",)}),
    # --- (3) the article's framework: new ideas, their links, their verdicts -------------------
    ("what-does-the-article-call-conflict-in-its-essence-of-the-law",  # article: 'the “narrative interface” that opens the user’s mind'
     """SELECT ?idea ?l WHERE { ?s a rdf:Statement ; rdf:subject kgr:source-article-conflict-narrative ; rdf:predicate kg:coined ;
               rdf:object ?idea . ?idea skos:altLabel "narrative interface"@en ; skos:prefLabel ?l }""",
     {("kgr:idea-conflict-as-narrative-interface", "Conflict as a narrative interface")}),
    ("what-does-the-narrative-interface-idea-concern",  # article: 'a good conflict narrative needs to meet two conditions:'
     "SELECT ?x WHERE { kgr:idea-conflict-as-narrative-interface kg:concerns ?x }",
     {("kgr:idea-conflict-narrative",), ("kgr:lei-jun-station-store-meme",)}),
    ("what-moves-does-the-article-see-in-the-industry-challenge-narrative",  # article: '- Question anchoring: ...' '- Story upgrade: ...'
     """SELECT ?idea WHERE { ?idea kg:partOf kgr:idea-industry-challenge-narrative ; skos:altLabel "story upgrade"@en }""",
     {("kgr:idea-question-evidence-story-upgrade",)}),
    ("what-code-does-the-article-liken-the-narrative-structure-to",  # article: 'if (conflict)→then (action) → return (value)'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:idea-setback-action-sublimation , kgr:idea-programming-tropes ;
               kg:evidence/kg:quote ?q FILTER(CONTAINS(?q, "if (conflict)")) }""",
     {("kgr:claim-article-narrative-structure-like-code",)}),
    ("what-are-the-verdicts-on-the-new-article-claims",  # none of them is in a speech (叙事, 接口 grepped)
     """SELECT ?c ?v ?sec WHERE { VALUES ?c { kgr:stmt-article-coined-conflict-as-narrative-interface
               kgr:stmt-conflict-as-narrative-interface-concerns-conflict-narrative
               kgr:stmt-conflict-as-narrative-interface-concerns-station-store-meme
               kgr:stmt-article-coined-question-evidence-story-upgrade
               kgr:stmt-question-evidence-story-upgrade-part-of-industry-challenge-narrative
               kgr:claim-article-narrative-structure-like-code }
               ?c kg:verdict ?v ; kg:secondaryOnly ?sec }""",
     {("kgr:stmt-article-coined-conflict-as-narrative-interface", "kg:NotFound", "true"),
      ("kgr:stmt-conflict-as-narrative-interface-concerns-conflict-narrative", "kg:NotFound", "true"),
      ("kgr:stmt-conflict-as-narrative-interface-concerns-station-store-meme", "kg:NotFound", "true"),
      ("kgr:stmt-article-coined-question-evidence-story-upgrade", "kg:NotFound", "true"),
      ("kgr:stmt-question-evidence-story-upgrade-part-of-industry-challenge-narrative", "kg:NotFound", "true"),
      ("kgr:claim-article-narrative-structure-like-code", "kg:NotFound", "true")}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_uncited_rest_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
