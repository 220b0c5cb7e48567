"""Competency questions the events lens made answerable (triples/audit3/events.ttl):
when the undated events of the Leica story, the student years and the MIX project
happened (dates inferred from the neighbouring events the sources date), and what a
reader asks of an event: its type, who took part in which role, where, for how much,
and what came before and after it.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- (1) dates ------------------------------------------------------------------------
    ("when-did-the-leica-story-happen",  # 2023 speech: all between the signing (2022) and dual image quality (2022)
     """SELECT ?e ?d WHERE { VALUES ?e { kgr:xiaomi-leica-partnership kgr:event-xiaomi-invites-leica-to-teach
               kgr:event-leica-photography-classes kgr:event-xiaomi-photography-culture kgr:great-wall-photo-exhibition
               kgr:event-xiaomi-chooses-humanistic-photography kgr:event-xiaomi-double-tuning-offer
               kgr:event-leica-dual-image-quality-release } ?e kg:date ?d }""",
     {("kgr:xiaomi-leica-partnership", "2022"), ("kgr:event-xiaomi-invites-leica-to-teach", "2022"),
      ("kgr:event-leica-photography-classes", "2022"), ("kgr:event-xiaomi-photography-culture", "2022"),
      ("kgr:great-wall-photo-exhibition", "2022"), ("kgr:event-xiaomi-chooses-humanistic-photography", "2022"),
      ("kgr:event-xiaomi-double-tuning-offer", "2022"), ("kgr:event-leica-dual-image-quality-release", "2022")}),
    ("who-held-the-great-wall-photo-exhibition",  # '我们还在长城上办了一次规模极为盛大的摄影展'
     "SELECT ?who WHERE { kgr:great-wall-photo-exhibition kg:agent ?who }",
     {("kgr:xiaomi",)}),
    ("when-did-lei-jun-write-the-paper",  # 90年代初; published August 1992 after 'more than two years'
     """SELECT ?e ?d WHERE { VALUES ?e { kgr:event-student-antivirus-release kgr:event-lei-jun-asks-zhang-dexiang
               kgr:event-paper-manuscript-copied kgr:event-paper-submitted kgr:event-paper-published } ?e kg:date ?d }""",
     {("kgr:event-student-antivirus-release", "1990"), ("kgr:event-lei-jun-asks-zhang-dexiang", "1990"),
      ("kgr:event-paper-manuscript-copied", "1990"), ("kgr:event-paper-submitted", "1990"),
      ("kgr:event-paper-published", "1992-08")}),
    ("when-did-the-pandemic-begin-in-the-speeches",  # the first of 'the previous three' annual speeches (2020)
     "SELECT ?d WHERE { kgr:covid-19-pandemic kg:date ?d }",
     {("2020",)}),
    ("which-annual-speeches-were-held-during-the-pandemic",  # '前三次因为疫情的原因都在小米科技园内举办'
     "SELECT ?s ?p WHERE { ?s a kg:Speech ; kg:during kgr:covid-19-pandemic ; kg:place ?p }",
     {("kgr:speech-2021", "kgr:xiaomi-science-park"), ("kgr:speech-2022-event", "kgr:xiaomi-science-park")}),
    # --- (2) types, roles, sequences ------------------------------------------------------
    ("what-came-right-after-each-annual-speech",  # each speech ends with the night's new-product launch
     "SELECT ?s ?next WHERE { ?s a kg:Speech ; kg:followedBy ?next . ?next a kg:PressConference }",
     {("kgr:speech-2022-event", "kgr:event-xiaomi-autumn-launch-2022"), ("kgr:speech-2023", "kgr:event-xiaomi-2023-annual-launch"),
      ("kgr:speech-2024", "kgr:event-new-product-launch-after-2024-speech")}),
    ("who-sold-what",  # the sales the speeches tell: Joyo.com, BitLok, the store's first copy (not named), the SU7's orders
     "SELECT ?e ?seller ?asset WHERE { ?e a kg:Sale ; kg:seller ?seller OPTIONAL { ?e kg:asset ?asset } }",
     {("kgr:event-joyo-sale", "kgr:kingsoft", "kgr:joyo"), ("kgr:event-bitlok-sales", "kgr:lei-jun", "kgr:bitlok"),
      ("kgr:event-bitlok-sales", "kgr:wang-quanguo", "kgr:bitlok"), ("kgr:event-store-first-sale", "kgr:lei-jun", None),
      ("kgr:event-su7-first-orders", "kgr:xiaomi", "kgr:xiaomi-su7"),
      ("kgr:event-sun-lili-orders-su7", "kgr:xiaomi", "kgr:xiaomi-su7-founders-edition"),
      # timeline lens: Joyo.com selling the first generation of e-commerce hits is a kg:Sale
      ("kgr:event-joyo-first-generation-hits", "kgr:joyo", "kgr:westward-journey"),
      ("kgr:event-joyo-first-generation-hits", "kgr:joyo", "kgr:the-little-prince"),
      ("kgr:event-joyo-first-generation-hits", "kgr:joyo", "kgr:tokyo-love-story")}),
    ("when-did-xiaomi-set-its-dxo-goal",  # 'at that time', right after the camera department of 2017
     "SELECT ?d WHERE { kgr:event-xiaomi-sets-dxo-goal kg:date ?d }",
     {("2017",)}),
    ("what-happened-in-2024-before-the-su7-launch",  # the road test, the soundings, the doubts, capacity, CCTV, the tests, the price
     """SELECT ?e WHERE { ?e kg:partOf*/kg:during kgr:period-xiaomi-car-years ; kg:date ?d FILTER(STR(?d) >= "2024") }""",
     {("kgr:event-su7-road-test-2024",), ("kgr:event-lei-jun-beijing-shanghai-drive",), ("kgr:event-pre-launch-soundings",),
      ("kgr:event-media-friends-consultation",), ("kgr:event-lei-jun-low-point-march-2024",), ("kgr:event-su7-capacity-decision",),
      ("kgr:event-cctv-interview-2024",), ("kgr:event-netizen-dares-executives",), ("kgr:event-executives-test-su7",),
      ("kgr:event-su7-media-test-drive",), ("kgr:event-su7-pricing-meeting",),
      ("kgr:event-advisers-urge-30000-cars",)}),  # the voices lens: the advice, part of the capacity decision
    ("which-core-technology-story-does-the-speech-tell-in-detail",  # 'today let me tell you about battery packs'
     "SELECT ?e WHERE { ?e kg:partOf kgr:event-core-technology-development }",
     {("kgr:event-su7-battery-pack-development",)}),
    ("which-leica-events-fall-in-the-high-end-push",  # the imaging story, the 2023 speech's example of the high-end exploration
     """SELECT DISTINCT ?e WHERE { ?e kg:during kgr:period-xiaomi-high-end-push ; ?r kgr:leica . ?r rdfs:subPropertyOf* kg:participant }""",
     {("kgr:xiaomi-leica-partnership",), ("kgr:event-xiaomi-invites-leica-to-teach",), ("kgr:event-leica-photography-classes",),
      ("kgr:event-xiaomi-chooses-humanistic-photography",), ("kgr:event-xiaomi-double-tuning-offer",),
      ("kgr:event-leica-dual-image-quality-release",), ("kgr:event-lei-jun-proposes-leica",), ("kgr:event-xiaomi-12s-ultra-release",)}),
    ("who-asked-lei-jun-three-times-for-the-photography-kit",  # '感谢我们小米产品团队，然后连续坚持了三次'
     """SELECT ?who ?what ?n WHERE { kgr:event-pro-kit-vetoes a kg:Request ; kg:requester ?who ; kg:addressee kgr:lei-jun ;
               kg:requested ?what ; kg:quantity [ kg:value ?n ; kg:unit "times the product team proposed it" ] }""",
     {("kgr:xiaomi-product-team", "kgr:xiaomi-professional-photography-kit", "3")}),
    ("what-did-lei-jun-enter-in-1987",  # '1987年我考上了武汉大学的计算机系'
     "SELECT ?o WHERE { ?e a kg:Joining ; kg:person kgr:lei-jun ; kg:date \"1987\"^^xsd:gYear ; kg:organization ?o }",
     {("kgr:wuhan-university",), ("kgr:wuhan-university-computer-department",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_events_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
