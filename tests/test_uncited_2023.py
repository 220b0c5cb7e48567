"""Competency questions the uncited-2023 lens made answerable (triples/audit3/uncited-2023.ttl):
the reasons, methods, objections, decisions and feelings told by sentences of the Chinese 2023
transcript that no evidence quote cited before.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py.
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

Q23 = 'kg:source kgr:source-speech-2023-zh'

QUESTIONS = [
    # --- further quotes: the reason or the detail behind a fact the graph held ---------------
    ("why-did-the-freshman-go-to-the-seniors",  # '因为刚上大学，对学校里要读什么完全不了解。'
     f"""SELECT ?e WHERE {{ ?e kg:agent kgr:lei-jun ; kg:evidence [ {Q23} ; kg:quote ?q ]
               FILTER(STRSTARTS(?q, "因为刚上大学")) }}""",
     {("kgr:event-lei-jun-asks-senior-townsmen",)}),
    ("what-did-the-seniors-tell-him-about-the-courses",  # '什么哪个课容易哪个课难，哪个课要先上，哪个课后上。'
     """SELECT ?e WHERE { ?e kg:note ?n FILTER(CONTAINS(?n, "which to take first")) }""",
     {("kgr:event-lei-jun-asks-senior-townsmen",)}),
    # --- a new event and the idea it inspired -----------------------------------------------
    ("what-did-lei-jun-go-through-before-he-hit-on-skip-reading",  # '说实话曾经多次想，算了，放弃。' '读着读着呢突然开窍了。'
     # a kg:Study of Lei Jun's (the questions-2324 sweep made the same node, with the more specific class)
     "SELECT ?e ?d WHERE { ?e kg:inspired kgr:skip-reading ; a kg:Study ; kg:person kgr:lei-jun ; kg:date ?d }",
     {("kgr:event-lei-jun-self-study-struggle", "1987")}),
    ("which-part-of-the-credit-push-was-the-self-study-struggle",  # '是如何搞定自学？'
     "SELECT ?whole WHERE { kgr:event-lei-jun-self-study-struggle kg:partOf ?whole }",
     {("kgr:event-lei-jun-credits-in-two-years",)}),
    ("what-is-the-skip-reading-method-in-one-line",  # '就是反正看不懂，跳过去直接看下一章。'
     f"""SELECT ?s WHERE {{ ?s a rdf:Statement ; rdf:subject kgr:lei-jun ; rdf:predicate kg:coined ; rdf:object kgr:skip-reading ;
               kg:evidence [ {Q23} ; kg:quote "就是反正看不懂，跳过去直接看下一章。" ] }}""",
     {("kgr:stmt-lei-jun-coined-skip-reading",)}),
    # --- a new claim: a reason --------------------------------------------------------------
    ("why-do-teachers-call-the-roll-according-to-lei-jun",  # '我觉得他们点名的目的主要是监督同学们好好学习。'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:whu-teachers-who-helped-lei-jun ; kg:claimText ?t
               FILTER(CONTAINS(?t, "make sure students study")) }""",
     {("kgr:claim-speech-why-teachers-call-the-roll",)}),
    ("why-did-lei-jun-keep-going-to-the-network-company",  # '因为他们公司的电脑都是最新型号的。'
     f"""SELECT ?e WHERE {{ ?e kg:evidence [ {Q23} ; kg:quote "因为他们公司的电脑都是最新型号的。" ] }}""",
     {("kgr:event-lei-jun-meets-wang-quanguo",)}),
    ("why-was-an-excellent-programmer-his-second-goal",  # '假如是这样的话，找工作就会非常的容易。'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:note ?n FILTER(CONTAINS(?n, "find a job very easily")) }""",
     {("kgr:claim-speech-goal-excellent-programmer",)}),
    ("how-did-lei-jun-program-bitlok-on-two-computers",  # '一台写程序，一台做测试。'
     """SELECT ?e WHERE { ?e kg:product kgr:bitlok ; kg:note ?n FILTER(CONTAINS(?n, "one to test it")) }""",
     {("kgr:event-bitlok-development",)}),
    ("how-did-lei-jun-feel-before-writing-up-the-paper",  # '其实我心里一点底都没有。'
     f"""SELECT ?s ?o WHERE {{ ?s rdf:subject kgr:event-lei-jun-asks-zhang-dexiang ; rdf:object ?o ;
               kg:evidence [ {Q23} ; kg:quote "其实我心里一点底都没有。" ] }}""",
     {("kgr:stmt-asking-zhang-dexiang-led-to-paper-submission", "kgr:event-paper-submitted")}),
    ("what-did-the-desk-tapping-mean-to-the-teachers",  # '只要老师拖堂，就一定有人给你敲桌子。'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:classmates-who-practised-on-desks ; kg:claimText ?t
               FILTER(CONTAINS(?t, "ran over time")) }""",
     {("kgr:claim-speech-desk-tapping-signal",)}),
    ("how-did-lei-jun-feel-after-bitlok-s-first-success",  # '特别激动，都有点小飘了，有点飘飘然了。'
     """SELECT ?e WHERE { ?e a kg:Sale ; kg:evidence [ kg:quote ?q ] FILTER(CONTAINS(?q, "飘飘然")) }""",
     {("kgr:event-bitlok-sales",)}),
    ("how-did-lei-jun-feel-on-the-day-three-color-closed",  # '反正当天觉得特别累，睡了一觉。'
     """SELECT ?e WHERE { ?e kg:organization kgr:three-color-company ; kg:evidence [ kg:quote "反正当天觉得特别累，睡了一觉。" ] }""",
     {("kgr:event-lei-jun-brings-286-back",)}),
    # --- a new idea, who coined it, what it concerns, where it was applied, what it gave -----
    ("what-does-xiaomi-do-first-when-it-meets-difficulties",  # '当我们遇到困难的时候，我们总是首先先反思……'
     """SELECT ?who ?what ?where ?gave WHERE { ?who kg:coined kgr:idea-xiaomi-reflects-on-itself-first .
               kgr:idea-xiaomi-reflects-on-itself-first kg:concerns ?what ; kg:appliedTo ?where ; kg:enabled ?gave }""",
     {("kgr:lei-jun", "kgr:xiaomi", "kgr:event-mi-11-ultra-user-complaints", "kgr:lesson-parameters-not-good-photos")}),
    # --- a new request: the objection and the decision ------------------------------------
    ("who-urged-cutting-the-xiaomi-13-and-what-came-of-it",  # '大家信心不足。' '强烈建议砍掉。'
     """SELECT ?who ?whom ?what ?out ?meeting WHERE { ?r a kg:Request ; kg:requester ?who ; kg:addressee ?whom ; kg:product ?what ;
               kg:outcome ?o ; kg:partOf ?meeting BIND(STRBEFORE(?o, ":") AS ?out) FILTER(?what = kgr:xiaomi-13) }""",
     {("kgr:xiaomi-13-opponents", "kgr:lei-jun", "kgr:xiaomi-13", "rejected", "kgr:event-xiaomi-13-ordering-meeting")}),
    ("whom-did-the-xiaomi-13-opponents-ask",  # the derived edge of the request
     "SELECT ?x WHERE { kgr:xiaomi-13-opponents kg:asked ?x }",
     {("kgr:lei-jun",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_uncited_2023_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
