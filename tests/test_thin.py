"""Competency questions the thin-nodes audit made answerable: the links the sources state for
entities and events the graph barely connected (triples/audit3/thin.ttl) — what an event led
to or enabled, what inspired what, who made a product, what a work or a meeting concerns.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- 2022: Kingsoft, NetEase, the AI laboratory ----------------------------------------
    ("how-did-kingsoft-rise-again",  # 'in this way': the protracted war and the guerrilla war, after his return
     """SELECT ?x WHERE { { ?x kg:enabled kgr:event-kingsoft-reemerges } UNION { ?x kg:ledTo kgr:event-kingsoft-reemerges } }""",
     {("kgr:idea-protracted-war",), ("kgr:idea-guerrilla-war",), ("kgr:event-lei-jun-returns-to-kingsoft",)}),
    ("which-product-measures-kingsoft-s-re-emergence",  # 'today WPS has more than 500 million monthly active devices'
     "SELECT ?p WHERE { kgr:event-kingsoft-reemerges kg:product ?p }",
     {("kgr:wps",)}),
    ("which-releases-got-kingsoft-through-its-crisis",  # the hits after the store lesson, and the video's series
     "SELECT ?p WHERE { ?e kg:ledTo kgr:event-kingsoft-finds-way-to-live ; kg:product ?p }",
     {("kgr:kingsoft-yingba",), ("kgr:kingsoft-antivirus",), ("kgr:kingsoft-powerword",), ("kgr:computer-introduction",)}),
    ("what-kept-lei-jun-from-conceding-after-pangu",  # the slogan on the wall, then 'first, a protracted war'
     "SELECT ?x WHERE { ?x kg:inspired kgr:idea-protracted-war }",
     {("kgr:idea-software-on-every-computer",)}),
    ("what-about-netease-made-lei-jun-offer-to-buy-it",  # 'it did a very good job ... I liked NetEase very much'
     "SELECT ?x ?maker WHERE { ?x kg:inspired kgr:event-netease-offer ; kg:madeBy ?maker }",
     {("kgr:netease-homepage-hosting", "kgr:netease"), ("kgr:guangzhou-telecom-email-system", "kgr:netease")}),
    ("what-did-the-2017-ai-laboratory-make-possible",
     "SELECT ?e WHERE { kgr:event-xiaomi-ai-lab-founding kg:enabled ?e }",
     {("kgr:event-autonomous-driving-debut",)}),
    # --- 2023: the Three-color company, Leica, the high-end meeting --------------------------
    ("what-does-lei-jun-s-three-color-business-card-show",  # 'technical supervisor': never chairman
     "SELECT ?x WHERE { kgr:lei-jun-three-color-business-card kg:concerns ?x }",
     {("kgr:three-color-company",), ("kgr:event-three-color-chairman-elections",)}),
    ("in-what-did-lei-jun-see-the-three-color-company-again",
     "SELECT ?e WHERE { ?e a kg:Meeting ; kg:concerns kgr:three-color-company }",
     {("kgr:event-meets-student-startup-team",)}),
    ("who-made-the-two-halves-of-leica-dual-image-quality",  # 'we two companies' designed the Vibrant look
     "SELECT ?part ?maker WHERE { ?part kg:partOf kgr:leica-dual-image-quality ; kg:madeBy ?maker }",
     {("kgr:leica-vibrant-look", "kgr:xiaomi"), ("kgr:leica-vibrant-look", "kgr:leica"),
      # added by the products audit (triples/audit3/products.ttl): the classic (Authentic) half's makers
      ("kgr:leica-authentic-look", "kgr:xiaomi"), ("kgr:leica-authentic-look", "kgr:leica")}),
    ("which-works-concern-the-leica-photography-classes",
     "SELECT ?w WHERE { ?w a kg:CreativeWork ; kg:concerns kgr:event-leica-photography-classes }",
     {("kgr:photo-photography-class-souvenir",), ("kgr:photography-homework-albums",)}),
    ("which-giants-did-lei-jun-name-at-the-high-end-meeting",
     "SELECT ?o WHERE { kgr:event-high-end-strategy-meeting-2022 kg:concerns ?o . ?o a kg:Company }",
     {("kgr:apple",), ("kgr:samsung",), ("kgr:huawei",)}),
    # --- 2024: the car ----------------------------------------------------------------------
    ("what-did-lei-jun-tell-the-board-on-24-march-2021",
     "SELECT ?x WHERE { kgr:event-board-report-2021-03-24 kg:concerns ?x }",
     {("kgr:period-smart-ev-trend",), ("kgr:consumer-electronics-industry",)}),
    ("what-did-the-2021-car-launch-bring-xiaomi-auto-s-team",  # 1,000 people in half a year, 380,000 résumés
     "SELECT ?e ?v WHERE { kgr:event-xiaomi-car-launch-2021 kg:ledTo ?e . ?e kg:organization kgr:xiaomi-auto ; kg:quantity/kg:value ?v }",
     {("kgr:event-xiaomi-auto-team-1000", "1000"), ("kgr:event-xiaomi-auto-team-1000", "6"),
      ("kgr:event-xiaomi-auto-recruitment", "380000")}),
    ("which-su7-feature-was-designed-for-women-drivers",
     "SELECT ?f WHERE { ?f kg:partOf kgr:xiaomi-su7 ; kg:concerns kgr:women-car-owners }",
     {("kgr:su7-sun-protection-storage",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_thin_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
