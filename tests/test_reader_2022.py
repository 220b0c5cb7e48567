"""Competency questions of a second reader of the 2022 speech (triples/audit3/reader-2022.ttl).

A journalist reading the Chinese transcript paragraph by paragraph asks what each event led
to and which experience taught which lesson; before this audit the events and ideas were
curated one by one but many of the links the speech states between them were missing.
Each question has its exact expected answer (CURIEs for IRIs).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

ZH = "kgr:source-speech-2022-zh"

QUESTIONS = [
    # the store week, day by day: three empty days, a day of watching, the first sale, the title
    ("what-came-of-the-third-empty-day-in-the-store",
     "SELECT ?e WHERE { kgr:event-store-third-day kg:ledTo+ ?e }",
     {("kgr:event-store-learning-day",), ("kgr:event-store-first-sale",), ("kgr:event-store-sales-champion",)}),
    ("what-did-the-first-sale-lead-to",
     "SELECT ?e WHERE { kgr:event-store-first-sale kg:ledTo ?e }",
     {("kgr:event-store-sales-champion",)}),
    # the BBS: writing fast and long -> the letter ranking -> moderator
    ("what-made-lei-jun-a-bbs-moderator",
     "SELECT ?e WHERE { ?e kg:ledTo+ kgr:event-lei-jun-becomes-moderator }",
     {("kgr:event-lei-jun-on-top-letter-ranking",), ("kgr:event-lei-jun-writes-longest-post",)}),
    # back at Kingsoft in November 1996: the head-on fight and the games 'guerrilla war'
    ("what-followed-his-return-to-kingsoft",
     "SELECT ?e WHERE { kgr:event-lei-jun-returns-to-kingsoft kg:ledTo ?e }",
     {("kgr:event-kingsoft-reemerges",), ("kgr:event-jianxia-qingyuan-release",)}),
    # Pangu's flop, in the speech (the article's Computer World piece is secondary only)
    ("what-did-pangus-flop-lead-to-in-the-speech",
     "SELECT ?e WHERE { kgr:event-pangu-release kg:ledTo ?e . FILTER NOT EXISTS { ?e kg:secondaryOnly true } }",
     {("kgr:event-kingsoft-morale-boost",), ("kgr:event-kingsoft-crisis-1995",),
      ("kgr:event-lei-jun-resignation-1996",), ("kgr:event-store-week",)}),
    ("what-did-pangus-failure-inspire",  # the resolve to go down to the store, and the lesson drawn later
     "SELECT ?i WHERE { kgr:event-pangu-release kg:inspired ?i }",
     {("kgr:idea-stab-to-the-end",), ("kgr:idea-closing-the-door",)}),
    ("what-did-computer-introduction-teach",
     "SELECT ?i WHERE { kgr:event-computer-introduction-release kg:inspired ?i }",
     {("kgr:idea-user-needs-first",), ("kgr:idea-good-products-grow-legs",)}),
    ("what-did-the-bbs-months-teach",
     "SELECT ?i WHERE { kgr:event-bbs-half-year kg:inspired ?i }",
     {("kgr:idea-no-strong-purpose",), ("kgr:idea-entertainment-as-learning",), ("kgr:idea-play-seriously",)}),
    ("which-source-states-the-bbs-lessons",
     "SELECT DISTINCT ?s WHERE { ?st rdf:subject kgr:event-bbs-half-year ; rdf:predicate kg:inspired ; kg:evidence/kg:source ?s }",
     {(ZH,), ("kgr:source-speech-2022",)}),  # the English translation states them too (audit3/parallel-zh.ttl)
    ("what-did-the-joyo-sale-teach",
     "SELECT ?i WHERE { kgr:event-joyo-sale kg:inspired ?i }",
     {("kgr:idea-tuyere",), ("kgr:idea-timing-is-everything",)}),
    ("where-does-the-internet-is-a-tool-come-from",
     "SELECT ?e WHERE { ?e kg:inspired kgr:idea-internet-is-a-tool }",
     {("kgr:event-lei-jun-tries-internet-business",)}),
    ("where-does-the-conceptual-revolution-come-from",
     "SELECT ?e WHERE { ?e kg:inspired kgr:idea-internet-conceptual-revolution }",
     {("kgr:event-lei-jun-reflects-on-joyo",)}),
    ("what-made-him-bet-on-a-mobile-decade",
     "SELECT ?e WHERE { ?e kg:inspired kgr:idea-mobile-internet-decade }",
     {("kgr:event-3g-rumours-2005",), ("kgr:event-lei-jun-angel-investing",)}),  # the 2005 glimpse, then the years of investing
    ("when-was-the-mix-team-told-to-ignore-mass-production",
     "SELECT ?e WHERE { kgr:event-mix-no-mass-production-request kg:partOf ?e }",
     {("kgr:event-mix-project-start",)}),
    # the speech's moral, and the three troughs it is drawn from
    ("which-troughs-does-the-gift-of-setbacks-draw-on",
     "SELECT ?x WHERE { kgr:idea-gift-of-setbacks kg:concerns ?x }",
     {("kgr:event-kingsoft-crisis-1995",), ("kgr:period-lei-jun-darkest-time",), ("kgr:event-joyo-sale",)}),
    ("what-was-part-of-the-2022-speech",
     "SELECT ?e WHERE { ?e kg:partOf kgr:speech-2022-event }",
     {("kgr:event-book-publication",), ("kgr:event-interview-clip-shown",), ("kgr:event-mix-video-shown",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_reader_2022_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
