"""Competency questions the places audit made answerable: where the events happened and
when (triples/audit3/places.ttl) — the country 'across the ocean' of the first Internet
wave, Wuhan University's campus and the Wuhan of Lei Jun's student years, the venue of the
2022 speech's launch and clips, Joyo.com's office routines, the 2022 Spring Festival, and
the participants the quotes name.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- the first Internet wave, 'across the ocean' ---------------------------------------
    ("what-happened-across-the-ocean",  # 'Across the ocean, Netscape went public in 1995, Yahoo ... in 1996'
     "SELECT ?e WHERE { ?e kg:place kgr:united-states }",
     {("kgr:event-netscape-founding",), ("kgr:event-netscape-ipo",), ("kgr:event-yahoo-founding",), ("kgr:event-yahoo-ipo",)}),
    ("which-companies-were-founded-or-listed-in-the-united-states",
     "SELECT DISTINCT ?org WHERE { ?e kg:place kgr:united-states ; kg:organization ?org }",
     {("kgr:netscape",), ("kgr:yahoo",)}),
    ("where-and-when-was-netscape-founded-and-listed",
     "SELECT ?e ?d WHERE { ?e kg:organization kgr:netscape ; kg:place kgr:united-states ; kg:date ?d }",
     {("kgr:event-netscape-founding", "1994"), ("kgr:event-netscape-ipo", "1995")}),
    ("how-is-the-united-states-place-of-netscape-known",  # not stated: inferred, and says from what
     "SELECT ?e WHERE { ?e kg:place kgr:united-states ; kg:placeInferred ?how FILTER(CONTAINS(?how, '大洋彼岸')) }",
     {("kgr:event-netscape-founding",), ("kgr:event-netscape-ipo",), ("kgr:event-yahoo-founding",), ("kgr:event-yahoo-ipo",)}),
    # --- Wuhan University and Wuhan --------------------------------------------------------
    ("what-happened-on-the-wuhan-university-campus",
     "SELECT ?e WHERE { ?e kg:place kgr:wuhan-university-campus }",
     {("kgr:event-lei-jun-asks-senior-townsmen",), ("kgr:event-lei-jun-asks-zhang-dexiang",),
      ("kgr:event-lei-jun-brings-286-back",), ("kgr:event-lei-jun-credits-in-two-years",),
      ("kgr:event-lei-jun-pascal-course",), ("kgr:event-lei-jun-whu-graduation-speech-2023",),
      ("kgr:event-three-color-crisis",), ("kgr:event-three-color-mahjong",),
      ("kgr:event-whu-graduation-ceremony-2023",)}),
    ("where-is-the-wuhan-university-campus",
     "SELECT ?u ?c WHERE { kgr:wuhan-university-campus kg:partOf ?u ; kg:locatedIn ?c }",
     {("kgr:wuhan-university", "kgr:wuhan")}),
    ("what-happened-in-wuhan",  # multi-hop: the event's place, or a place inside it (campus, street, hotel room)
     "SELECT DISTINCT ?e WHERE { ?e kg:place ?p . ?p (kg:locatedIn|kg:partOf)* kgr:wuhan }",
     {("kgr:event-bitlok-development",), ("kgr:event-lei-jun-asks-senior-townsmen",), ("kgr:event-lei-jun-asks-zhang-dexiang",),
      ("kgr:event-lei-jun-brings-286-back",), ("kgr:event-lei-jun-credits-in-two-years",), ("kgr:event-lei-jun-meets-wang-quanguo",),
      ("kgr:event-lei-jun-on-electronics-street",), ("kgr:event-lei-jun-pascal-course",), ("kgr:event-lei-jun-reads-fire-in-the-valley",),
      ("kgr:event-lei-jun-studies-at-wuhan-university",), ("kgr:event-lei-jun-whu-graduation-speech-2023",),
      ("kgr:event-lei-jun-works-in-teachers-lab",), ("kgr:event-night-walk-on-whu-playground",),
      ("kgr:event-senior-proposes-three-color",), ("kgr:event-three-color-chairman-elections",), ("kgr:event-three-color-crisis",),
      ("kgr:event-three-color-mahjong",), ("kgr:event-whu-graduation-ceremony-2023",), ("kgr:lei-jun-enters-wuhan-university",),
      ("kgr:three-color-bankruptcy",), ("kgr:three-color-founding",)}),
    ("where-did-the-three-color-company-s-story-happen",
     "SELECT ?e ?p WHERE { ?e kg:organization kgr:three-color-company ; kg:place ?p }",
     {("kgr:three-color-founding", "kgr:wuhan-hotel-room-103"), ("kgr:event-three-color-chairman-elections", "kgr:wuhan"),
      ("kgr:event-three-color-crisis", "kgr:wuhan-university-campus"), ("kgr:three-color-bankruptcy", "kgr:wuhan"),
      ("kgr:event-lei-jun-brings-286-back", "kgr:wuhan-university-campus")}),
    ("where-did-lei-jun-speak-in-2023",  # the graduation ceremony, then the annual speech two months later
     "SELECT ?e ?p WHERE { ?e a kg:Speech ; kg:speaker kgr:lei-jun ; kg:place ?p ; kg:date ?d FILTER(STR(?d) = '2023') }",
     {("kgr:event-lei-jun-whu-graduation-speech-2023", "kgr:wuhan-university-campus"),
      ("kgr:speech-2023", "kgr:china-national-convention-center")}),
    ("which-university-did-lei-jun-pass-the-1987-exam-into",
     "SELECT ?o WHERE { kgr:event-lei-jun-college-entrance-exam-1987 kg:organization ?o . ?o a kg:University }",
     {("kgr:wuhan-university",)}),
    # --- Beijing: Kingsoft, Joyo.com, Xiaomi -----------------------------------------------
    ("where-was-lei-jun-general-manager-at-26",  # 'the general manager of Beijing Jinshan'
     "SELECT ?p WHERE { kgr:event-lei-jun-general-manager kg:place ?p }",
     {("kgr:beijing",)}),
    ("what-did-lei-jun-do-at-joyo-com-s-office-every-day",
     "SELECT ?e WHERE { ?e kg:place kgr:joyo-office ; kg:agent kgr:lei-jun }",
     {("kgr:event-joyo-daily-link-check",), ("kgr:event-joyo-daily-review",)}),
    ("what-happened-at-xiaomi-science-park-in-2022",  # the speech, the launch after it, the clips shown, Xiaomi 13's closed development
     "SELECT ?e WHERE { ?e kg:place kgr:xiaomi-science-park ; kg:date ?d FILTER(STR(?d) = '2022') }",
     {("kgr:speech-2022-event",), ("kgr:event-xiaomi-autumn-launch-2022",), ("kgr:event-mix-video-shown",),
      ("kgr:event-interview-clip-shown",), ("kgr:event-xiaomi-13-closed-development",),
      # the events lens dated the Leica classes (and Xiaomi's invitation) to 2022, right after the signing
      ("kgr:event-leica-photography-classes",), ("kgr:event-xiaomi-invites-leica-to-teach",),
      # added by the products audit (triples/audit3/products.ttl): each launch of the autumn launch, at its place
      ("kgr:event-mix-fold-2-launch",), ("kgr:event-miui-fold-13-launch",), ("kgr:event-buds-4-pro-launch",),
      ("kgr:event-watch-s1-pro-launch",), ("kgr:event-premium-gift-box-launch",), ("kgr:event-mi-pad-5-pro-12-4-launch",),
      ("kgr:event-miui-pad-13-launch",), ("kgr:event-k50-ultra-launch",), ("kgr:event-smoke-purifier-p1-launch",),
      ("kgr:event-washer-dryer-launch",), ("kgr:event-autonomous-driving-debut",), ("kgr:event-cyberone-debut",)}),
    # --- times -----------------------------------------------------------------------------
    ("when-was-the-2022-spring-festival-holiday",
     "SELECT ?d ?end WHERE { kgr:period-spring-festival-2022 kg:date ?d ; kg:endDate ?end }",
     {("2022-01-31", "2022-02-06")}),
    ("which-events-began-the-day-after-the-2022-spring-festival-holiday",  # it ended on 6 February; 'the first day after it'
     "SELECT ?e WHERE { kgr:period-spring-festival-2022 kg:endDate ?end . ?e a/rdfs:subClassOf* kg:Event ; kg:date ?d "
     "FILTER(datatype(?d) = xsd:date && ?d > ?end && ?d < '2022-02-08'^^xsd:date) }",
     {("kgr:event-21-day-meeting-2022",), ("kgr:event-high-end-strategy-meeting-2022",)}),
    # --- participants the quotes name ------------------------------------------------------
    ("which-phones-fell-short-before-the-xiaomi-13",  # 'First our Xiaomi 12S fell short of expectations'
     "SELECT ?p WHERE { kgr:event-mi-12-shortfall kg:product ?p }",
     {("kgr:xiaomi-mi-12",), ("kgr:xiaomi-12s",)}),
    ("who-took-joyo-com-over-when-it-became-amazon-china",
     "SELECT ?by ?new WHERE { ?e a kg:Rebranding ; kg:organization kgr:joyo ; kg:successor ?new ; kg:participant ?by . ?by a kg:Company "
     "FILTER(?by != kgr:joyo && ?by != ?new) }",
     {("kgr:amazon", "kgr:amazon-china")}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_places_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
