"""Competency questions through the works-and-ideas lens: which books, films, lists and
sayings the story turns on, who formed or said them, where they came from, when, and what
they led to (triples/audit3/ideas.ttl and the files it links to).

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in test_competency.py.
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- works -----------------------------------------------------------------
    ("where-and-when-did-lei-jun-read-fire-in-the-valley",  # 2023: the WHU library, as a freshman of 1987
     "SELECT ?p ?d WHERE { ?e kg:participant kgr:fire-in-the-valley ; kg:agent kgr:lei-jun ; kg:place ?p ; kg:date ?d }",
     {("kgr:wuhan-university-library", "1987")}),
    ("which-chart-did-computer-introduction-climb",  # 2022: 立刻上了畅销软件排行榜
     "SELECT ?w WHERE { ?w a kg:Article ; kg:concerns kgr:computer-introduction }",
     {("kgr:software-bestseller-list",)}),
    ("what-is-in-the-clip-lei-jun-showed-in-2022",  # the 2003 and 2004 interviews, opened by 梦想有多大舞台就有多大
     "SELECT ?x WHERE { ?x kg:partOf kgr:interview-clip-2022 }",
     {("kgr:interview-video-2003",), ("kgr:interview-video-2004",), ("kgr:slogan-stage-as-big-as-dream",)}),
    # --- who formed the sayings ------------------------------------------------------
    ("who-came-up-with-skip-reading",
     "SELECT ?who WHERE { ?who kg:coined kgr:skip-reading }",
     {("kgr:lei-jun",)}),
    ("which-sayings-come-from-kingsoft",  # 以战养战; 一个人可能走得更快，但一群人走才能走得更远
     "SELECT ?i WHERE { kgr:kingsoft kg:coined ?i }",
     {("kgr:idea-war-supports-war",), ("kgr:slogan-go-further-together",)}),
    ("who-was-determined-to-stab-to-the-end",  # 一竿子通到底: go to the front line, the store
     "SELECT ?who ?where WHERE { ?who kg:coined kgr:idea-stab-to-the-end . kgr:idea-stab-to-the-end kg:appliedTo ?where }",
     {("kgr:lei-jun", "kgr:event-store-week")}),
    # --- where the ideas came from ------------------------------------------------------
    ("what-gave-lei-jun-the-tuyere-idea",  # the Joyo.com sale and his summing-up of it
     "SELECT ?x WHERE { ?x kg:inspired kgr:idea-tuyere }",
     {("kgr:event-joyo-sale",), ("kgr:slogan-joyo-after-bubble-before-boom",)}),
    ("what-did-the-21-day-car-meeting-conclude",  # 上牌桌; 守正出奇
     "SELECT ?i WHERE { kgr:event-21-day-meeting-2022 kg:inspired ?i }",
     {("kgr:theory-seat-at-the-table",), ("kgr:slogan-shou-zheng-chu-qi",)}),
    ("what-did-the-week-in-the-store-teach",
     "SELECT ?i WHERE { kgr:event-store-week kg:inspired ?i }",
     {("kgr:idea-user-needs-first",), ("kgr:idea-good-products-grow-legs",)}),
    ("what-did-the-bbs-months-teach",  # entertainment as learning, with the rider 'don't play blindly'
     "SELECT ?i ?rider WHERE { kgr:event-bbs-half-year kg:inspired ?i . ?rider kg:partOf ?i }",
     {("kgr:idea-entertainment-as-learning", "kgr:idea-play-seriously")}),
    # --- what they led to -------------------------------------------------------------
    ("what-did-skip-reading-lead-to",  # the two-year credits, and the lesson that learning ability matters most
     "SELECT ?x WHERE { kgr:skip-reading (kg:inspired|kg:enabled) ?x }",
     {("kgr:event-lei-jun-credits-in-two-years",), ("kgr:lesson-learning-ability",)}),
    ("how-did-lei-jun-put-use-it-yourself-into-practice",  # going online only by phone, from 2005
     "SELECT ?e ?d WHERE { kgr:theory-use-it-yourself kg:appliedTo ?e . ?decision kg:participant kgr:theory-use-it-yourself ; kg:date ?d }",
     {("kgr:event-lei-jun-phone-only", "2005")}),
    ("which-maxim-made-lei-jun-aim-to-be-an-excellent-programmer",  # 把程序写好才是硬道理
     "SELECT ?i WHERE { ?i a/rdfs:subClassOf* kg:Idea ; kg:concerns kgr:event-lei-jun-studies-at-wuhan-university }",
     {("kgr:slogan-writing-good-programs-is-what-counts",)}),
    # --- when they were said ------------------------------------------------------------
    ("which-motto-closed-the-2022-speech",
     "SELECT ?i WHERE { kgr:speech-2022-event kg:concerns ?i . ?i a kg:Slogan }",
     {("kgr:slogan-always-believe",)}),
    ("what-did-critics-say-about-apple-and-the-car",  # 苹果十年都干不成，凭啥你们三年能干成
     "SELECT ?j WHERE { ?j a kg:Slogan ; kg:concerns kgr:event-apple-car-project , kgr:xiaomi-auto }",
     {("kgr:jibe-apple-ten-years",)}),
    # --- 2023 lessons: where from, where used ----------------------------------------------
    ("where-did-ask-someone-who-knows-come-from-and-where-was-it-used",  # the senior townsmen; then Leica
     "SELECT ?from ?use WHERE { ?from kg:inspired kgr:lesson-ask-someone-who-knows . kgr:lesson-ask-someone-who-knows kg:appliedTo ?use }",
     {("kgr:event-lei-jun-asks-senior-townsmen", "kgr:event-lei-jun-proposes-leica")}),
    ("which-principle-carried-which-xiaomi-13-meeting",  # keep the small screen; don't cancel it
     "SELECT ?i ?m WHERE { ?i kg:appliedTo ?m . VALUES ?m { kgr:event-xiaomi-13-approval-meeting kgr:event-xiaomi-13-ordering-meeting } }",
     {("kgr:theory-feel-in-the-hand", "kgr:event-xiaomi-13-approval-meeting"),
      ("kgr:theory-high-end-needs-patience", "kgr:event-xiaomi-13-ordering-meeting")}),
    ("what-made-lei-jun-say-dare-to-think-dare-to-do",  # 这就是我发完论文以后最大的感受
     "SELECT ?x WHERE { ?x kg:inspired kgr:slogan-dare-to-think-dare-to-do }",
     {("kgr:event-paper-published",)}),
    ("why-did-xiaomi-invite-leica-to-teach-photography",  # 只有懂摄影、爱摄影才能做好摄影
     "SELECT ?x WHERE { ?x kg:inspired kgr:event-xiaomi-invites-leica-to-teach }",
     {("kgr:idea-know-and-love-a-trade",)}),
    # --- 2024 --------------------------------------------------------------------------
    ("what-led-to-the-engineer-interviews",
     "SELECT ?x WHERE { ?x kg:inspired kgr:event-engineer-interviews-2021 }",
     {("kgr:theory-car-engineers-want-to-buy",)}),
    # --- the article's own terms ----------------------------------------------------------
    ("which-terms-did-the-article-coin",
     "SELECT ?i WHERE { kgr:source-article-conflict-narrative kg:coined ?i }",
     {("kgr:idea-conflict-narrative",), ("kgr:idea-conflict-mining",), ("kgr:idea-controversy-is-traffic",),
      ("kgr:idea-corporate-crisis-narrative",), ("kgr:idea-imperfect-narrative",), ("kgr:idea-industry-challenge-narrative",),
      ("kgr:idea-personal-failure-narrative",), ("kgr:idea-setback-action-sublimation",), ("kgr:idea-social-currency",),
      ("kgr:idea-three-step-rule",), ("kgr:idea-trauma-transformation",), ("kgr:idea-vulnerability-communication",),
      ("kgr:idea-conflict-as-narrative-interface",), ("kgr:idea-question-evidence-story-upgrade",)}),
    # --- the 2005 note on the Internet -----------------------------------------------------
    ("what-does-lei-jun-say-his-2005-note-became",  # 其实这两句话就是后来大家讲的互联网思维和互联网+
     "SELECT ?later WHERE { kgr:lei-jun-2005-internet-note kg:concerns ?i . ?i kg:became ?later }",
     {("kgr:idea-internet-thinking",), ("kgr:idea-internet-plus",)}),
    ("what-did-the-2005-understanding-enable",  # rescanning the industry: the mobile Internet
     "SELECT ?e ?d WHERE { kgr:idea-internet-conceptual-revolution kg:enabled ?e . ?e kg:date ?d }",
     {("kgr:event-lei-jun-goes-mobile", "2005")}),
    # --- the car years -----------------------------------------------------------------
    ("why-aim-for-the-global-top-five",  # 赢家通吃 ... 所以一定要奔着全球前五去
     "SELECT ?x WHERE { ?x kg:inspired kgr:idea-global-top-five }",
     {("kgr:theory-car-winner-takes-all",)}),
    ("what-was-lei-jun-s-first-step-in-building-cars-and-why",  # 懂一行爱一行 -> 自己开车
     "SELECT ?i ?e WHERE { ?i kg:inspired ?e . VALUES ?e { kgr:event-lei-jun-drives-again } }",
     {("kgr:idea-know-and-love-a-trade", "kgr:event-lei-jun-drives-again")}),
    ("what-did-breaking-the-dream-into-goals-achieve",  # 学会了去拆解成一个又一个的目标
     "SELECT ?e WHERE { kgr:lesson-break-dream-into-goals kg:enabled ?e }",
     {("kgr:event-lei-jun-credits-in-two-years",), ("kgr:event-paper-published",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_ideas_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
