"""Competency questions the links-zh audit made answerable: the relations the three Chinese
transcripts state between things already in the graph (triples/audit3/links-zh.ttl) — which
events are parts of which, what led to what, who was whose customer, what made what.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- 2024: the car -------------------------------------------------------------------
    ("what-happened-in-the-course-of-the-car-research",  # 'in the midst of it', 'in the course of the research'
     "SELECT ?e WHERE { ?e kg:partOf kgr:event-car-research-2021 }",
     {("kgr:event-car-research-executive-meetings",), ("kgr:event-li-bin-he-xiaopeng-urge-lei-jun",)}),
    ("who-urged-lei-jun-to-build-cars-during-the-research",  # multi-hop: part of the research, then the requesters
     "SELECT ?who WHERE { ?e kg:partOf kgr:event-car-research-2021 ; kg:requester ?who }",
     {("kgr:li-bin",), ("kgr:he-xiaopeng",)}),
    ("what-did-the-entrepreneurs-ask-on-their-5-april-visit",  # 'two questions above all'
     "SELECT ?e WHERE { ?e kg:partOf kgr:event-entrepreneurs-visit-xiaomi-2021 }",
     {("kgr:event-entrepreneurs-ask-too-late",), ("kgr:event-entrepreneurs-ask-separate-financing",)}),
    ("how-much-did-xiaomi-pledge-when-it-announced-car-making",  # the pledge is part of the 30 March announcement
     "SELECT ?v ?c WHERE { ?e kg:partOf kgr:xiaomi-car-announcement ; kg:amount [ kg:value ?v ; kg:currency ?c ] }",
     {("10000000000", "USD")}),
    ("which-of-lei-jun-s-own-su7-tests-was-the-beijing-shanghai-drive-part-of",
     "SELECT ?t ?by WHERE { kgr:event-lei-jun-beijing-shanghai-drive kg:partOf ?t . ?t kg:agent ?by }",
     {("kgr:event-executives-test-su7", "kgr:lei-jun"), ("kgr:event-executives-test-su7", "kgr:xiaomi-executives")}),
    ("what-did-the-sanctions-lead-to-on-15-january-2021",  # the call that brought the news, the board meeting
     "SELECT ?e ?d WHERE { kgr:event-us-sanctions-2021 kg:ledTo ?e . ?e a kg:Meeting ; kg:date ?d }",
     {("kgr:event-sanctions-phone-call", "2021-01-15"), ("kgr:event-emergency-board-meeting-2021", "2021-01-15")}),
    ("what-led-to-the-su7-s-first-winter-test",
     "SELECT ?e WHERE { ?e (kg:ledTo|kg:followedBy) kgr:event-su7-winter-test-heihe }",
     {("kgr:event-su7-engineering-cars-start",)}),
    ("why-did-xiaomi-consult-the-23-media-friends",  # everyone thought the SU7 would not sell: 'so what to do?'
     "SELECT ?e WHERE { ?e kg:ledTo kgr:event-media-friends-consultation }",
     {("kgr:event-pre-launch-soundings",)}),
    ("which-brands-make-the-34c-cars",  # 34C are the BBA's entry models; the BBA are three carmakers
     "SELECT ?brand WHERE { kgr:34c kg:madeBy ?g . ?brand kg:partOf ?g }",
     {("kgr:bmw",), ("kgr:audi",), ("kgr:mercedes-benz",)}),
    ("whose-customers-did-the-su7-hope-to-win",  # Model 3 buyers (Tesla's fans) and 34C owners (the BBA's)
     "SELECT ?who ?of WHERE { ?who kg:servedBy ?of . FILTER(?of IN (kgr:tesla, kgr:bba)) }",
     {("kgr:tesla-and-musk-fans", "kgr:tesla"), ("kgr:34c-owners", "kgr:bba")}),
    ("what-made-the-su7-s-winter-range-on-the-beijing-shanghai-drive-possible",
     "SELECT ?e WHERE { ?e kg:enabled kgr:event-lei-jun-beijing-shanghai-drive }",
     {("kgr:event-su7-battery-pack-development",)}),
    ("whom-did-the-door-opening-meme-inspire",
     "SELECT ?x WHERE { kgr:meme-ceo-opens-car-door kg:inspired ?x }",
     {("kgr:car-bosses-opening-doors",)}),
    # --- 2023: university, Leica, the high-end push --------------------------------------
    ("what-did-lei-jun-s-studies-at-wuhan-university-include",
     "SELECT ?e WHERE { ?e kg:partOf kgr:event-lei-jun-studies-at-wuhan-university }",
     {("kgr:event-lei-jun-credits-in-two-years",), ("kgr:event-lei-jun-pascal-course",),
      ("kgr:lei-jun-enters-wuhan-university",)}),  # dedup lens: his entering is the start of the study
    ("what-led-from-reading-fire-in-the-valley-to-the-electronics-street",  # a chain of causes over three hops
     """SELECT ?x WHERE { kgr:event-lei-jun-reads-fire-in-the-valley (kg:ledTo|kg:enabled)+ ?x .
               ?x (kg:ledTo|kg:enabled)* kgr:event-lei-jun-on-electronics-street }""",
     {("kgr:event-night-walk-on-whu-playground",), ("kgr:event-lei-jun-credits-in-two-years",), ("kgr:event-lei-jun-on-electronics-street",)}),
    ("why-had-xiaomi-turned-leica-down-twice",  # worried it could not surpass Leica's five years with a rival
     "SELECT ?e ?rival WHERE { ?e kg:ledTo kgr:event-leica-approaches-rejected ; kg:agent ?rival }",
     {("kgr:event-rival-leica-partnership", "kgr:rival-leica-partner")}),
    ("what-followed-from-lei-jun-s-student-software",  # RI open-sourced for its popularity; BitLok sold for years
     "SELECT ?a ?b WHERE { VALUES ?a { kgr:event-ri-release kgr:event-bitlok-release } ?a kg:ledTo ?b }",
     {("kgr:event-ri-release", "kgr:event-ri-open-sourced"), ("kgr:event-bitlok-release", "kgr:event-bitlok-sales"),
      ("kgr:event-bitlok-release", "kgr:event-kappa-photo-2019")}),  # events lens: the 2019 photo 'commemorates our first success'

    ("what-made-lei-jun-s-journal-paper-possible",  # his teacher's advice and his own antivirus work
     "SELECT ?x WHERE { ?x kg:enabled kgr:event-paper-submitted }",
     {("kgr:zhang-dexiang",), ("kgr:event-student-antivirus-release",)}),
    ("what-spurred-the-mi-12",
     "SELECT ?e WHERE { ?e (kg:ledTo|kg:followedBy) kgr:event-mi-12-shortfall }",
     {("kgr:event-mi-11-setback",)}),
    ("which-meetings-and-setbacks-of-the-high-end-push-does-the-2023-speech-tell",  # the imaging story and the Xiaomi 13
     """SELECT ?e WHERE { ?e kg:during kgr:period-xiaomi-high-end-push .
               VALUES ?e { kgr:event-mi-11-ultra-user-complaints kgr:event-lei-jun-proposes-leica kgr:event-leica-dual-image-quality-release
                           kgr:event-xiaomi-13-approval-meeting kgr:event-xiaomi-13-ordering-meeting kgr:event-high-end-strategy-meeting-2022 } }""",
     {("kgr:event-mi-11-ultra-user-complaints",), ("kgr:event-lei-jun-proposes-leica",), ("kgr:event-leica-dual-image-quality-release",),
      ("kgr:event-xiaomi-13-approval-meeting",), ("kgr:event-xiaomi-13-ordering-meeting",), ("kgr:event-high-end-strategy-meeting-2022",)}),
    ("what-r-and-d-did-xiaomi-auto-do-in-its-quiet-years",
     """SELECT ?e WHERE { ?e kg:during kgr:period-xiaomi-auto-quiet-development .
               VALUES ?e { kgr:event-core-technology-development kgr:event-su7-battery-pack-development kgr:event-rd-from-home-2022
                           kgr:event-super-motor-software-first-run } }""",
     {("kgr:event-core-technology-development",), ("kgr:event-su7-battery-pack-development",), ("kgr:event-rd-from-home-2022",),
      ("kgr:event-super-motor-software-first-run",)}),
    # --- 2022: Kingsoft, the store, the BBS, Joyo.com -----------------------------------
    ("what-happened-in-the-store-week",  # the seven days, and the beginners' requests 'every day'
     "SELECT ?e WHERE { ?e kg:partOf kgr:event-store-week }",
     {("kgr:event-store-first-day",), ("kgr:event-store-second-day",), ("kgr:event-store-third-day",),
      ("kgr:event-store-learning-day",), ("kgr:event-store-first-sale",), ("kgr:event-store-sales-champion",),
      ("kgr:event-beginner-software-requests",)}),
    ("which-products-carried-kingsoft-through",  # Computer Introduction, then PowerWord and Antivirus
     "SELECT ?e WHERE { ?e kg:ledTo kgr:event-kingsoft-finds-way-to-live }",
     {("kgr:event-computer-introduction-release",), ("kgr:event-powerword-release",), ("kgr:event-kingsoft-antivirus-release",),
      ("kgr:event-kingsoft-yingba-release",)}),  # Yingba, one of the video's series (thin-nodes lens)
    ("whom-did-lei-jun-meet-or-compete-with-on-cfido",  # multi-hop: the BBS half year's parts, then their attendees
     "SELECT ?p WHERE { ?e kg:partOf kgr:event-bbs-half-year ; kg:attendee ?p . FILTER(?p != kgr:lei-jun) }",
     {("kgr:ma-huateng",), ("kgr:ding-lei",), ("kgr:two-fingers-zen",), ("kgr:cfido-bbs-friends",)}),
    ("who-put-money-into-joyo-once-the-vcs-had-refused",
     """SELECT ?who ?v ?c WHERE { kgr:event-joyo-vc-rejections kg:ledTo ?e .
               ?e kg:investor ?who ; kg:amount [ kg:value ?v ; kg:currency ?c ] }""",
     {("kgr:joyo-friend-investors", "1000000", "USD"), ("kgr:joyo-friends-company", "1000000", "USD"),
      ("kgr:kingsoft-shareholders", "1000000", "USD")}),
    ("what-made-joyo-china-s-largest-b2c-retailer",  # the innovations 'to do e-commerce well'
     "SELECT ?e WHERE { ?e kg:enabled kgr:event-joyo-largest-b2c }",
     {("kgr:event-joyo-multi-site-warehousing",), ("kgr:event-joyo-self-built-logistics",), ("kgr:event-joyo-four-hour-delivery",)}),
    ("where-did-joyo-s-first-money-come-from-and-why",  # outside investors refused: 20 million yuan from Kingsoft's shareholders
     """SELECT ?who ?v ?c WHERE { kgr:event-joyo-investors-turned-away kg:ledTo ?e .
               ?e kg:investor ?who ; kg:amount [ kg:value ?v ; kg:currency ?c ] }""",
     {("kgr:kingsoft-shareholders", "20000000", "CNY")}),
    ("what-happened-in-the-half-year-on-cfido",
     "SELECT ?e WHERE { ?e kg:partOf kgr:event-bbs-half-year }",
     {("kgr:event-lei-jun-writes-longest-post",), ("kgr:event-lei-jun-on-top-letter-ranking",), ("kgr:event-posting-contest-two-fingers-zen",),
      ("kgr:event-lei-jun-becomes-moderator",), ("kgr:event-bbs-meets-ma-huateng-ding-lei",)}),
    ("what-was-presented-at-the-2022-speech",
     "SELECT ?e WHERE { ?e kg:partOf kgr:speech-2022-event }",
     {("kgr:event-book-publication",), ("kgr:event-mix-video-shown",),
      ("kgr:event-interview-clip-shown",)}),  # the 2003/2004 interview clip (reader-2022)
    ("which-startup-was-lei-jun-s-best-known-angel-investment",
     "SELECT ?x WHERE { ?e kg:partOf kgr:event-lei-jun-angel-investing ; kg:investee ?x }",
     {("kgr:ucweb",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_links_zh_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
