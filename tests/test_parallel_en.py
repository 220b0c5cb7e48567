"""Competency questions for the parallel-en sweep (triples/audit3/parallel-en.ttl).

The English 2022 speech (lei-jun-2022-annual-speech.txt) is a machine translation of the
Chinese 2022 transcript (lei-jun-2022-annual-speech-zh.txt). The sweep gave the facts that
cited only the English their Chinese sentence: a reader asks for the original words behind
an answer, and where the two tellings part.
"""

import pytest

from test_competency import assert_answer, rows

# the evidence of one statement from the Chinese 2022 transcript
ZH = "kg:evidence [ kg:source kgr:source-speech-2022-zh ; kg:quote ?q ]"

QUESTIONS = [
    # the BBS half year ends, the return to Kingsoft
    ("what-chinese-sentence-says-when-lei-jun-returned-to-kingsoft",
     "SELECT ?q WHERE { ?st rdf:subject kgr:event-half-year-rest ; rdf:predicate kg:followedBy ; rdf:object kgr:event-lei-jun-returns-to-kingsoft ; " + ZH + " }",
     {("就是在那半年无忧无虑的日子里面，我一步一步恢复了状态。",), ("1996年11月，我就正式回归了金山。",)}),
    ("how-long-was-lei-jun-at-kingsoft-in-the-chinese-original",
     "SELECT ?q WHERE { kgr:event-lei-jun-joins-kingsoft " + ZH + " }",
     {("我也离开了奋斗了16年的金山软件",)}),
    ("which-misrecognised-chinese-name-denotes-the-bbs-half-year",
     "SELECT ?e WHERE { ?e skos:altLabel \"跑论坛\"@zh }",
     {("kgr:event-bbs-half-year",)}),
    # the first Internet wave, in the Chinese
    ("what-chinese-sentence-puts-tencents-founding-in-chinas-first-internet-wave",
     "SELECT ?q WHERE { ?st rdf:subject kgr:event-tencent-founding ; rdf:predicate kg:during ; " + ZH + " }",
     {("中国的话跟进的也非常的快，97年网易创办，98年年底腾讯创办。",), ("所以在中国的第一波互联网浪潮也开始了。",)}),
    ("what-chinese-sentence-dates-yahoos-ipo",
     "SELECT ?q WHERE { ?st rdf:subject kgr:event-yahoo-ipo ; rdf:predicate kg:during ; " + ZH + " FILTER(CONTAINS(?q, \"雅虎\")) }",
     {("雅虎1995年创办，1996年上市。",)}),
    ("what-did-the-failed-netease-offer-lead-to-in-the-chinese-original",
     "SELECT ?q WHERE { ?st rdf:subject kgr:event-netease-offer ; rdf:predicate kg:ledTo ; rdf:object kgr:event-lei-jun-tries-internet-business ; " + ZH + " }",
     {("所以收购不成以后，我决定自己干。",),
      ("但是当时说实话我们的精力都在软件上，对互联网的理解还仅仅在使用的阶段上水试了一年多。",)}),
    # ideas: what the Chinese transcript backs, and where it differs
    ("which-ideas-about-the-internet-does-the-chinese-transcript-state",
     "SELECT ?i WHERE { ?st rdf:subject ?i ; rdf:predicate kg:concerns ; rdf:object kgr:internet ; kg:evidence/kg:source kgr:source-speech-2022-zh }",
     {("kgr:idea-internet-conceptual-revolution",), ("kgr:idea-internet-thinking",), ("kgr:idea-internet-plus",),
      ("kgr:idea-internet-is-a-tool",)}),
    ("which-ideas-about-e-commerce-does-the-chinese-transcript-state",
     "SELECT ?i WHERE { ?st rdf:subject ?i ; rdf:predicate kg:concerns ; rdf:object kgr:e-commerce ; kg:evidence/kg:source kgr:source-speech-2022-zh }",
     {("kgr:idea-ecommerce-is-retail",), ("kgr:idea-ecommerce-is-operation",), ("kgr:idea-internet-is-a-tool",)}),
    ("where-does-the-chinese-transcript-lose-the-plus-of-internet-plus",
     "SELECT ?st WHERE { ?st kg:note ?n FILTER(CONTAINS(?n, \"互联网思维和互联网\")) }",
     {("kgr:stmt-internet-plus-concerns-internet",)}),
    ("what-did-lei-jun-say-in-chinese-about-the-tuyere-after-joyo",  # the 'windows' of the English
     "SELECT ?q WHERE { kgr:claim-speech-windows-lesson " + ZH + " FILTER(CONTAINS(?q, \"风口\")) }",
     {("还有不管你有多么聪明，多么勤奋，我觉得永远不要低估风口的重要性。",), ("所以为什么我后来讲风口讲的比较多",)}),
    ("what-lessons-of-the-store-week-does-the-chinese-transcript-state",
     "SELECT DISTINCT ?i WHERE { ?st rdf:subject kgr:event-store-week ; rdf:predicate kg:inspired ; rdf:object ?i ; kg:evidence/kg:source kgr:source-speech-2022-zh }",
     {("kgr:idea-user-needs-first",), ("kgr:idea-good-products-grow-legs",)}),
    # Joyo.com
    ("which-joyo-fundings-fell-in-the-capital-winter-by-the-chinese-original",
     "SELECT DISTINCT ?e WHERE { ?st rdf:subject ?e ; rdf:predicate kg:during ; rdf:object kgr:period-internet-cold-winter ; kg:evidence/kg:source kgr:source-speech-2022-zh . ?e a kg:Funding }",
     {("kgr:event-joyo-first-investment",), ("kgr:event-joyo-funding-friends",), ("kgr:event-joyo-funding-kingsoft-shareholders",)}),
    ("what-delivery-promise-did-joyo-make-in-the-chinese-original",
     "SELECT ?q WHERE { kgr:event-joyo-four-hour-delivery " + ZH + " FILTER(CONTAINS(?q, \"4小时\")) }",
     {("因为为了确保服务品质，甚至我们还很夸张的提出了北上广深4小时抵达，就是4小时所有的东西一定要送到。",)}),
    # Xiaomi: the forum and the 2022 launch
    ("which-tellings-tell-of-the-start-of-the-xiaomi-forum",
     "SELECT ?src WHERE { kgr:event-xiaomi-forum-founding kg:evidence/kg:source ?src }",
     {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",)}),
    ("which-launches-follow-the-speech-in-the-chinese-original",  # 结束之后就是我们今年的小米秋季新品发布会
     "SELECT ?e WHERE { ?st rdf:subject ?e ; rdf:predicate kg:partOf ; rdf:object kgr:event-xiaomi-autumn-launch-2022 ; kg:evidence [ kg:source kgr:source-speech-2022-zh ; kg:quote \"结束之后就是我们今年的小米秋季新品发布会。\" ] }",
     {("kgr:event-mix-fold-2-launch",), ("kgr:event-miui-fold-13-launch",), ("kgr:event-buds-4-pro-launch",),
      ("kgr:event-watch-s1-pro-launch",), ("kgr:event-premium-gift-box-launch",), ("kgr:event-mi-pad-5-pro-12-4-launch",),
      ("kgr:event-miui-pad-13-launch",), ("kgr:event-k50-ultra-launch",), ("kgr:event-smoke-purifier-p1-launch",),
      ("kgr:event-washer-dryer-launch",), ("kgr:event-autonomous-driving-debut",), ("kgr:event-cyberone-debut",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_parallel_en_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
