"""Competency questions the evidence lens made answerable (triples/audit3/evidence.ttl and
the in-place fixes of its audit): does each quote say what its fact says?

Where a source states only a sequence, the graph now says kg:followedBy, not kg:ledTo (a
reader asking 'what caused X' must not get a mere 'what came next'); where the cause is
in the neighbouring sentence, that sentence is evidence too; translations that silently
corrected the transcript now say what it says.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- sequences, not causes ------------------------------------------------------------
    ("what-came-after-the-kingsoft-ipo",  # 'In 2007, Kingsoft finally went public. Then, I left'
     "SELECT ?rel ?e WHERE { kgr:event-kingsoft-ipo ?rel ?e . FILTER(?rel IN (kg:ledTo, kg:followedBy)) }",
     {("kg:followedBy", "kgr:event-lei-jun-leaves-kingsoft")}),
    ("did-ding-lei-s-refusal-cause-netease-s-funding",  # 'Just 2 months later, NetEase raised US$10 million'
     "SELECT ?rel WHERE { kgr:event-netease-offer ?rel kgr:event-netease-funding }",
     {("kg:followedBy",)}),
    ("what-did-the-su7-pricing-meeting-cause",  # '在发布会的前一天': held the day before, it causes nothing stated
     "SELECT ?e WHERE { kgr:event-su7-pricing-meeting kg:ledTo ?e }",
     set()),
    ("what-came-after-the-first-su7-winter-test",  # '寒来暑往的话，第二年我又参加了下测'
     "SELECT ?e WHERE { kgr:event-su7-winter-test-heihe kg:followedBy ?e }",
     {("kgr:event-su7-summer-test-turpan",)}),
    ("what-came-after-lei-jun-graduated",  # '我觉得毕业以后认识了求伯君，求伯君就拉我干金山'
     "SELECT ?rel ?e WHERE { kgr:event-lei-jun-graduates-from-wuhan-university ?rel ?e . FILTER(?rel IN (kg:ledTo, kg:followedBy)) }",
     {("kg:followedBy", "kgr:event-qiu-bojun-recruits-lei-jun")}),
    # --- the neighbouring sentence that gives the cause -----------------------------------
    ("why-did-lei-jun-phone-zeng-yuqun",  # the battery packs wore out the suppliers too
     """SELECT ?q WHERE { ?st rdf:subject kgr:event-su7-battery-pack-development ; rdf:predicate kg:ledTo ;
               rdf:object kgr:event-lei-jun-calls-zeng-yuqun ; kg:evidence/kg:quote ?q }""",
     {("我都有点不好意思了，专门打电话给宁德时代的曾总解释。",),
      ("不仅把我们自己的团队折腾的够呛，我们把供应商也折腾的够呛。",)}),
    ("why-did-the-three-color-founders-elect-a-chairman",  # quarrels among four equal founders
     """SELECT ?q WHERE { ?st rdf:subject kgr:three-color-founding ; rdf:predicate kg:ledTo ;
               rdf:object kgr:event-three-color-chairman-elections ; kg:evidence/kg:quote ?q }""",
     {("当时我们有四个创始人，大家都是朋友啊，每个人分了25%。",), ("接着的话，我们的公司十多个人，问题就来了。",),
      ("万一两个人意见不一致，一吵吵半天，当时我们经常吵，后来觉得这样不行，我们得选个董事长，而且我们还得民主选举这一选。",)}),
    # --- translations that say what the transcript says -----------------------------------
    ("which-phone-does-the-transcript-name-first-with-leica-dual-image-quality",  # 小米10s ultra, for the 12S Ultra
     """SELECT ?t WHERE { ?st rdf:subject kgr:event-leica-dual-image-quality-release ;
               rdf:object kgr:event-xiaomi-12s-ultra-release ; kg:evidence/kg:quoteTranslation ?t }""",
     {("The first product with Leica dual image quality was the Xiaomi '10S Ultra' [sic: the 12S Ultra].",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_evidence_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
