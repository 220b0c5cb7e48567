"""Competency questions of the dedup lens (one node per real-world entity): the merges and
the part-of links it made (triples/audit3/dedup.ttl)."""
import pytest

from test_competency import rows, assert_answer

QUESTIONS = [
    # --- merged: 'know and love photography' (2023) is 'know and love a trade' (2024) ---------
    ("why-did-xiaomi-invite-leica-to-teach",  # 因为我深知只有懂摄影、爱摄影才能做好摄影
     "SELECT ?x WHERE { ?x kg:inspired kgr:event-xiaomi-invites-leica-to-teach }",
     {("kgr:idea-know-and-love-a-trade",)}),
    ("what-did-the-know-and-love-maxim-inspire",  # the car (drive again) and the photography classes
     "SELECT ?e WHERE { kgr:idea-know-and-love-a-trade kg:inspired ?e }",
     {("kgr:event-lei-jun-drives-again",), ("kgr:event-xiaomi-invites-leica-to-teach",)}),
    ("which-node-is-know-and-love-photography",  # the 2023 wording is an alias of the one node
     "SELECT ?x WHERE { ?x skos:prefLabel|skos:altLabel ?l . FILTER(STR(?l) IN ('只有懂摄影、爱摄影才能做好摄影', 'Only those who know and love photography do it well')) }",
     {("kgr:idea-know-and-love-a-trade",)}),
    ("in-which-speeches-is-the-know-and-love-maxim",
     "SELECT ?s WHERE { kgr:idea-know-and-love-a-trade kg:mentionedIn ?s }",
     {("kgr:source-speech-2023-zh",), ("kgr:source-speech-2024-zh",)}),
    # --- part of ---------------------------------------------------------------------------
    ("who-among-kingsoft-staff-left-in-the-pangu-crisis",  # 他们也陆续的离开了金山
     "SELECT ?g WHERE { ?g kg:partOf kgr:kingsoft-staff }",
     {("kgr:kingsoft-colleagues-who-left",)}),
    ("which-study-did-lei-jun-s-entering-wuhan-university-begin",  # the article's event, and the speech's study
     "SELECT ?s WHERE { kgr:lei-jun-enters-wuhan-university kg:partOf ?s . ?s a kg:Study }",
     {("kgr:event-lei-jun-studies-at-wuhan-university",)}),
    ("how-did-lei-jun-s-year-on-electronics-street-begin",  # 在我大学二年级五一的假期 ... 认识了一个朋友
     "SELECT ?e WHERE { ?e kg:partOf kgr:event-lei-jun-on-electronics-street }",
     {("kgr:event-lei-jun-meets-wang-quanguo",)}),
    ("which-carmakers-are-new-forces",  # 新势力; 魏小李 = 蔚小理
     "SELECT ?c WHERE { ?c kg:partOf/kg:partOf kgr:new-force-car-makers }",
     {("kgr:nio",), ("kgr:xpeng",), ("kgr:li-auto",)}),
    ("which-wuhan-university-teachers-helped-lei-jun",  # 系里的每个老师对我都挺好的
     "SELECT ?p WHERE { ?p kg:partOf kgr:whu-teachers-who-helped-lei-jun }",
     {("kgr:zhang-dexiang",), ("kgr:cao-jiaheng",), ("kgr:machine-room-teacher",),
      ("kgr:teacher-who-put-pascal-homework-in-textbook",)}),
    ("which-of-lei-jun-s-classmates-does-the-2023-speech-tell-of",  # at any depth
     "SELECT ?x WHERE { ?x kg:partOf+ kgr:lei-jun-wuhan-classmates }",
     {("kgr:classmate-who-kept-business-card",), ("kgr:classmates-who-reviewed-the-paper",),
      ("kgr:classmate-who-copied-the-paper",), ("kgr:classmates-who-practised-on-desks",)}),
    ("which-store-customers-asked-for-beginners-software",  # 每天都有几个用户来问我: 有没有电脑入门的软件？
     "SELECT ?g WHERE { ?g kg:partOf kgr:store-customers . ?e kg:requester ?g }",
     {("kgr:beginner-customers",)}),
    ("which-sayings-of-the-2023-speech-are-about-growth",  # 今天的主题是成长
     "SELECT ?i WHERE { ?i kg:concerns kgr:theory-growth }",
     {("kgr:slogan-life-is-a-marathon",), ("kgr:slogan-great-through-dreams",), ("kgr:lesson-startup-fastest-growth",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_dedup_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
