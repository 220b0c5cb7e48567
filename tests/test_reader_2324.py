"""Competency questions a second reader's pass over the 2023 and 2024 Chinese transcripts
made answerable (triples/audit3/reader-2324.ttl): Lei Jun's growth at Kingsoft and who
helped it, the Three-color company's lessons and the student team he saw them in again,
the goals he broke his dream into at Wuhan University, Li Tianyuan's work on the BMW iX,
Hu Zhengnan's becoming Lei Jun's adviser, why Xiaomi took no shortcuts with the car, what
the 21-day meeting produced, whom the SU7 was designed for, why Xiaomi races internally.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- 2023 speech: Kingsoft ------------------------------------------------------------
    ("who-helped-lei-jun-grow-from-programmer-to-manager",  # '两位大哥求伯君、张旋龙给了我很多的帮助' (line 561)
     "SELECT ?x WHERE { ?x kg:enabled ?e . ?e kg:person kgr:lei-jun ; kg:organization kgr:kingsoft ; skos:altLabel '从程序员到管理者的蜕变'@zh }",
     {("kgr:qiu-bojun",), ("kgr:zhang-xuanlong",), ("kgr:kingsoft-brothers",)}),
    ("what-did-joining-kingsoft-lead-to",  # line 975: from programmer to manager
     "SELECT ?e WHERE { kgr:event-lei-jun-joins-kingsoft kg:ledTo ?e }",
     {("kgr:event-lei-jun-programmer-to-manager",)}),
    # --- 2023 speech: Wuhan University and the Three-color company ---------------------------
    ("which-goals-did-lei-jun-break-his-dream-into",  # lines 37, 195, 283, 361
     "SELECT ?e WHERE { kgr:lesson-break-dream-into-goals kg:appliedTo ?e }",
     {("kgr:event-lei-jun-credits-in-two-years",), ("kgr:event-lei-jun-works-in-teachers-lab",), ("kgr:event-paper-submitted",)}),
    ("what-lessons-did-the-three-color-bankruptcy-teach",  # lines 527-539
     "SELECT ?l WHERE { kgr:three-color-bankruptcy kg:inspired ?l }",
     {("kgr:idea-equity-allocation-lesson",), ("kgr:lesson-technology-not-enough",), ("kgr:idea-no-leader-lesson",)}),
    ("does-a-speech-state-the-no-leader-lesson",  # the article's wording, the 2023 speech's own lesson
     "SELECT DISTINCT ?who ?src WHERE { ?st rdf:subject ?who ; rdf:predicate kg:coined ; rdf:object kgr:idea-no-leader-lesson ; kg:evidence/kg:source ?src }",
     {("kgr:lei-jun", "kgr:source-speech-2023-zh")}),
    ("which-lessons-did-lei-jun-see-again-in-the-student-team",  # lines 541-551: 'the Three-color of those days'
     "SELECT ?l WHERE { ?l kg:concerns kgr:student-startup-team-all-chairmen }",
     {("kgr:idea-no-leader-lesson",), ("kgr:idea-equity-allocation-lesson",)}),
    # --- 2024 speech: people ----------------------------------------------------------------
    ("which-car-did-li-tianyuan-design-and-where",  # line 141: '在宝马德国总部负责IX这辆车的设计'
     "SELECT ?car ?org ?place WHERE { ?e kg:developer kgr:li-tianyuan ; kg:product ?car ; kg:organization ?org ; kg:place ?place }",
     {("kgr:bmw-ix", "kgr:bmw", "kgr:bmw-headquarters")}),
    ("what-did-li-tianyuan-give-up-for-xiaomi",  # the iX work led to his resignation from BMW
     "SELECT ?next WHERE { ?e kg:developer kgr:li-tianyuan ; (kg:ledTo|kg:followedBy) ?next }",
     {("kgr:event-li-tianyuan-leaves-bmw",)}),
    ("what-roles-did-hu-zhengnan-take-after-his-call",  # line 157: Shunwei, then Lei Jun's adviser
     "SELECT ?e WHERE { kgr:event-hu-zhengnan-leaves-former-employer (kg:ledTo|kg:followedBy)+ ?e }",
     {("kgr:event-hu-zhengnan-joins-shunwei",), ("kgr:event-hu-zhengnan-becomes-adviser",)}),
    # --- 2024 speech: the car ---------------------------------------------------------------
    ("why-did-xiaomi-take-no-shortcuts-with-the-car",  # lines 279-293: friends' advice and the founding's lesson
     "SELECT ?x WHERE { ?x kg:ledTo|kg:inspired kgr:event-decision-no-shortcuts }",
     {("kgr:event-friends-advise-contract-manufacturing",), ("kgr:event-xiaomi-founding",)}),
    ("what-ideas-came-out-of-the-21-day-meeting",  # lines 351-359
     "SELECT ?i WHERE { kgr:event-21-day-meeting-2022 kg:inspired ?i }",
     {("kgr:theory-seat-at-the-table",), ("kgr:slogan-shou-zheng-chu-qi",)}),
    ("whom-was-the-su7-designed-for",  # lines 815, 911
     "SELECT ?g ?member WHERE { ?g kg:inspired kgr:xiaomi-su7 . ?member kg:partOf ?g }",
     {("kgr:strivers", "kgr:mustang-owning-colleague")}),
    ("why-does-xiaomi-hold-internal-races",  # lines 553-559: 'to raise the level'
     "SELECT ?x WHERE { ?x kg:ledTo kgr:event-xiaomi-internal-races }",
     {("kgr:event-xiaomi-team-racing-licences",)}),
    ("from-lei-jun-s-racing-licence-to-the-internal-races",  # multi-hop: his licence, the team's, the races
     "SELECT ?e WHERE { kgr:event-lei-jun-racing-licence kg:ledTo+ ?e }",
     {("kgr:event-xiaomi-team-racing-licences",), ("kgr:event-xiaomi-internal-races",)}),
    ("what-did-xiaomi-auto-s-quiet-years-lead-to",  # lines 713-719, 747: a sudden debut, and pessimism 'because of the secrecy'
     "SELECT ?e WHERE { kgr:period-xiaomi-auto-quiet-development (kg:ledTo|kg:followedBy) ?e }",
     {("kgr:event-xiaomi-auto-debut-2023",), ("kgr:event-pre-launch-soundings",)}),
    ("why-did-lei-jun-start-driving-himself-again",  # lines 411-421: know and love the trade; the decision to build cars
     "SELECT ?x WHERE { ?x kg:inspired|kg:ledTo kgr:event-lei-jun-drives-again }",
     {("kgr:idea-know-and-love-a-trade",), ("kgr:event-lei-jun-replies-to-board",)}),
    # --- 2023 speech: the Xiaomi 13 ---------------------------------------------------------
    ("which-arguments-saved-the-xiaomi-13",  # lines 879-883, 923-933: at the approval and at the ordering meeting
     "SELECT ?idea ?meeting WHERE { ?idea kg:appliedTo ?meeting . ?meeting kg:product kgr:xiaomi-13 ; a kg:Meeting }",
     {("kgr:theory-feel-in-the-hand", "kgr:event-xiaomi-13-approval-meeting"),
      ("kgr:theory-high-end-needs-patience", "kgr:event-xiaomi-13-ordering-meeting")}),
    ("where-do-the-three-principles-of-high-end-design-come-from",  # line 957: summed up over three years
     "SELECT ?x WHERE { ?x kg:inspired kgr:high-end-design-principles }",
     {("kgr:period-xiaomi-high-end-push",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_reader_2324_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
