"""Competency questions for the links-en curation sweep (triples/audit3/links-en.ttl).

Every link a sentence of the English speech (lei-jun-2022-annual-speech.txt) or the analysis
article (conflict-narrative-analysis.txt) states between two things of the graph: a reader
asks what happened within a story, what is part of what, what came from what.
"""

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # the store week, day by day, and the request the customers made during it
    ("what-happened-during-the-store-week",
     "SELECT ?e WHERE { ?e kg:partOf kgr:event-store-week }",
     {("kgr:event-store-first-day",), ("kgr:event-store-second-day",), ("kgr:event-store-third-day",),
      ("kgr:event-store-learning-day",), ("kgr:event-store-first-sale",), ("kgr:event-store-sales-champion",),
      ("kgr:event-beginner-software-requests",)}),
    ("which-day-of-the-store-week-made-lei-jun-sales-champion",  # part-of, then the story's place
     "SELECT ?e ?place WHERE { ?e kg:partOf kgr:event-store-week ; kg:place ?place ; skos:prefLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), \"champion\")) }",
     {("kgr:event-store-sales-champion", "kgr:zhongguancun-software-store")}),
    ("what-lesson-did-the-store-week-teach",
     "SELECT ?i WHERE { kgr:event-store-week kg:inspired ?i }",
     {("kgr:idea-user-needs-first",), ("kgr:idea-good-products-grow-legs",)}),  # 它会自己长脚的 (ideas lens)
    # the half year on CFIDO BBS
    ("what-did-lei-jun-do-in-his-half-year-on-the-bbs",
     "SELECT ?e WHERE { ?e kg:partOf kgr:event-bbs-half-year }",
     {("kgr:event-lei-jun-becomes-moderator",), ("kgr:event-bbs-meets-ma-huateng-ding-lei",),
      ("kgr:event-lei-jun-writes-longest-post",), ("kgr:event-posting-contest-two-fingers-zen",),
      ("kgr:event-lei-jun-on-top-letter-ranking",)}),
    ("whom-did-lei-jun-meet-during-his-bbs-half-year",  # part-of, then the meeting's attendees
     "SELECT ?p WHERE { ?e kg:partOf kgr:event-bbs-half-year ; kg:attendee ?p . ?p a kg:Person FILTER(?p != kgr:lei-jun) }",
     {("kgr:ma-huateng",), ("kgr:ding-lei",), ("kgr:two-fingers-zen",)}),
    # angel investing: UC is one of the investments
    ("which-startup-is-lei-juns-best-known-angel-investment",  # part-of, then the investee
     "SELECT ?who WHERE { ?i kg:partOf kgr:event-lei-jun-angel-investing ; kg:investee ?who }",
     {("kgr:ucweb",)}),
    # the 2022 launch: MIUI Fold 13 inherits Leica imaging
    ("what-does-leica-bring-to-the-2022-launch-software",
     "SELECT ?x WHERE { kgr:leica kg:appliedTo ?x }",
     {("kgr:miui-fold-13",)}),
    # the 2022 launch event and the launches of the evening
    ("which-launches-made-up-the-2022-launch-event",
     "SELECT ?e WHERE { ?e kg:partOf kgr:event-xiaomi-autumn-launch-2022 }",
     {("kgr:event-mix-fold-2-launch",), ("kgr:event-miui-fold-13-launch",), ("kgr:event-buds-4-pro-launch",),
      ("kgr:event-watch-s1-pro-launch",), ("kgr:event-premium-gift-box-launch",), ("kgr:event-mi-pad-5-pro-12-4-launch",),
      ("kgr:event-miui-pad-13-launch",), ("kgr:event-k50-ultra-launch",), ("kgr:event-smoke-purifier-p1-launch",),
      ("kgr:event-washer-dryer-launch",), ("kgr:event-autonomous-driving-debut",), ("kgr:event-cyberone-debut",)}),
    ("which-robot-debuted-at-the-2022-launch-event",  # part-of, then the product, typed robot
     "SELECT ?r WHERE { ?e kg:partOf kgr:event-xiaomi-autumn-launch-2022 ; kg:product ?r . ?r a kg:Robot }",
     {("kgr:cyberone",)}),
    # founding Xiaomi: the forum came first
    ("what-did-founding-xiaomi-lead-to",
     "SELECT ?e WHERE { kgr:event-xiaomi-founding (kg:ledTo|kg:followedBy) ?e }",
     {("kgr:event-xiaomi-forum-founding",)}),
    # the article (secondary): claims that tie things together, with their verdicts
    ("which-article-claim-ties-ma-huateng-to-the-xiaomi-ecological-chain",
     "SELECT ?c ?v WHERE { ?c kg:about kgr:ma-huateng , kgr:ding-lei , kgr:xiaomi-ecological-chain ; kg:verdict ?v }",
     {("kgr:claim-article-ecological-chain-solder-points", "kg:Embellished")}),
    ("which-article-claim-says-the-templates-request-led-to-the-cloud-templates",
     "SELECT ?c ?v WHERE { ?c kg:about kgr:event-article-office-templates-request , kgr:event-article-cloud-templates-release ; kg:verdict ?v }",
     {("kgr:claim-article-1000-cloud-templates", "kg:Contradicted")}),
    ("which-article-claims-concern-the-xiaomi-15-ultra-pricing",
     "SELECT ?c ?v WHERE { ?c kg:about kgr:xiaomi-15-ultra-pricing ; kg:verdict ?v }",
     {("kgr:claim-article-parameters-to-experience", "kg:Embellished")}),
    # causes and sequences
    ("what-kept-kingsoft-alive-after-pangu",
     "SELECT ?e WHERE { ?e kg:ledTo kgr:event-kingsoft-finds-way-to-live }",
     {("kgr:event-computer-introduction-release",), ("kgr:event-powerword-release",), ("kgr:event-kingsoft-antivirus-release",),
      ("kgr:event-kingsoft-yingba-release",)}),  # Yingba, one of the video's series (thin-nodes lens)
    ("which-products-kept-kingsoft-alive",  # two hops: the releases that led to survival, and what they released
     "SELECT ?p WHERE { ?e kg:ledTo kgr:event-kingsoft-finds-way-to-live ; kg:product ?p }",
     {("kgr:computer-introduction",), ("kgr:kingsoft-powerword",), ("kgr:kingsoft-antivirus",),
      ("kgr:kingsoft-yingba",)}),  # thin-nodes lens
    ("what-led-to-the-joyo-sale",
     "SELECT ?e WHERE { ?e kg:ledTo kgr:event-joyo-sale }",
     {("kgr:event-joyo-vc-rejections",)}),
    ("how-did-lei-juns-half-year-rest-end",
     "SELECT ?e ?d WHERE { kgr:event-half-year-rest (kg:ledTo|kg:followedBy) ?e . ?e kg:date ?d }",
     {("kgr:event-lei-jun-returns-to-kingsoft", "1996-11")}),
    ("what-did-joyo-com-become-within-two-or-three-years",
     "SELECT ?e ?d WHERE { kgr:event-joyo-founding (kg:ledTo|kg:followedBy) ?e . ?e kg:date ?d }",
     {("kgr:event-joyo-largest-b2c", "2003")}),
    ("which-article-claim-puts-heavy-metal-in-the-sanlitun-bar",
     "SELECT ?c ?v WHERE { ?c kg:about kgr:heavy-metal-rock , kgr:sanlitun-bars ; kg:verdict ?v }",
     {("kgr:claim-article-sanlitun-bar-1996", "kg:Supported")}),
    # the 2022 speech itself: what was published at it
    ("what-was-published-at-the-2022-speech",  # part-of, then the product released
     "SELECT ?p WHERE { ?e kg:partOf kgr:speech-2022-event ; kg:product ?p }",
     {("kgr:xiaomi-entrepreneurship-thinking",), ("kgr:mix-video",),  # the book, and the MIX film shown (links-zh)
      ("kgr:interview-clip-2022",)}),  # and the clip of the 2003/2004 interviews Lei Jun cut and showed (reader-2022)
    ("which-article-claims-mention-the-bookstore-next-to-the-software-store",
     "SELECT ?c ?v WHERE { ?c kg:about kgr:bookstore-near-software-store ; kg:verdict ?v }",
     {("kgr:claim-article-bookstore-remark", "kg:Contradicted")}),
    # claims tied to what their sentence relates
    ("what-is-the-first-of-the-three-stories-of-the-2022-speech",  # the speech's claim, then the crisis it names, with its years
     "SELECT ?e ?d ?end WHERE { kgr:claim-speech-2022-three-stories kg:about ?e . ?e a kg:Crisis ; kg:date ?d ; kg:endDate ?end }",
     {("kgr:event-kingsoft-crisis-1995", "1995", "1996")}),
    ("what-do-the-speech-and-the-article-say-came-after-the-joyo-sale",  # both sides of the Taobao-boom conflict, via the boom
     "SELECT ?c WHERE { { ?c kg:about kgr:period-ecommerce-boom } UNION { ?c ?role kgr:period-ecommerce-boom . ?role rdfs:subPropertyOf* kg:participant } ?x kg:sideA|kg:sideB ?c ; kg:conflictKind ?k }",
     {("kgr:claim-speech-boom-half-year-later",), ("kgr:taobao-boom",)}),
    ("which-article-claims-tie-the-mi-11-celebration-to-the-high-end-push",
     "SELECT ?c ?v WHERE { ?c kg:about kgr:period-xiaomi-high-end-push , kgr:mi-11-dxo-number-one ; kg:verdict ?v }",
     {("kgr:claim-article-mi-11-celebration", "kg:Embellished")}),
    ("which-article-claims-concern-the-customers-requests-in-the-store",
     "SELECT ?c ?v WHERE { ?c kg:about kgr:event-beginner-software-requests ; kg:verdict ?v }",
     {("kgr:claim-article-puzzled-by-beginners-requests", "kg:Supported")}),
    # the protracted war with Microsoft and its fronts (multi-hop over part-of)
    ("what-made-up-kingsofts-protracted-war-with-microsoft",
     "SELECT ?x WHERE { ?x kg:partOf+ kgr:idea-protracted-war }",
     {("kgr:idea-guerrilla-war",), ("kgr:idea-war-supports-war",)}),
    ("where-did-the-tricks-that-built-the-xiaomi-forum-come-from",  # two hops: the tricks that enabled the forum, and what inspired them
     "SELECT ?e WHERE { ?e kg:inspired ?t . ?t kg:enabled|kg:appliedTo kgr:xiaomi-forum }",
     {("kgr:event-lei-jun-becomes-moderator",)}),
    ("which-article-claims-tie-the-mi-11-complaints-to-the-leica-partnership",
     "SELECT ?c ?v WHERE { ?c kg:about kgr:xiaomi-mi-11 , kgr:xiaomi-leica-partnership ; kg:verdict ?v }",
     {("kgr:claim-article-mi-11-graying-complaints", "kg:Embellished")}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_links_en_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
