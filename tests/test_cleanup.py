"""Competency questions of the cleanup lens: the items earlier sweeps noticed and left alone.

Each question is answered by what ``triples/audit3/cleanup.ttl`` added or by a fix made in
place (the ranges with both ends, 几万 as two or more ten-thousands, BitLok's money as
kg:amount, the lower-case 'windows' of the English translation as the tuyere, the
article's statements about itself, the Bilibili topic).
The expected rows are what the sources say.
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # 2024 speech
    ("how-many-minutes-did-the-first-su7-orders-take",  # '四分钟破1万，27分钟破5万。' (line 921)
     """SELECT ?v WHERE { kgr:event-su7-first-orders kg:quantity [ kg:value ?v ; kg:unit ?u ]
               FILTER(STRSTARTS(?u, "minutes")) }""",
     {("4",), ("27",)}),
    ("how-long-did-the-talks-with-xiaomis-engineers-take",  # '其实两三个星期我们就聊了三百多人。'
     """SELECT ?v WHERE { kgr:event-engineer-interviews-2021 kg:quantity [ kg:value ?v ; kg:approximate true ; kg:unit ?u ]
               FILTER(CONTAINS(?u, "weeks")) }""",
     {("2",), ("3",)}),
    ("how-long-does-the-transcript-say-lei-jun-considered-his-reply",  # '七十多年来深思熟虑' (line 101), as transcribed
     """SELECT ?v WHERE { kgr:event-lei-jun-replies-to-board kg:quantity [ kg:value ?v ; kg:approximate true ; kg:unit ?u ]
               FILTER(CONTAINS(?u, "as transcribed")) }""",
     {("70",)}),
    ("which-spans-does-the-reply-note-set-the-seventy-odd-against",  # the research (line 31), the week (line 95)
     """SELECT ?e WHERE { kgr:event-lei-jun-replies-to-board kg:note ?n .
               VALUES ?e { kgr:event-car-research-2021 kgr:event-lei-jun-deliberation-2021 }
               FILTER(CONTAINS(?n, STRAFTER(STR(?e), "https://w3id.org/story-kg/id/"))) }""",
     {("kgr:event-car-research-2021",), ("kgr:event-lei-jun-deliberation-2021",)}),
    ("how-many-watermelons-did-lei-jun-carry-home",  # '便宜到我忍不住背了四五个回北京' (line 623)
     "SELECT ?v WHERE { kgr:event-lei-jun-carries-watermelons kg:quantity [ kg:value ?v ; kg:approximate true ] }",
     {("4",), ("5",)}),
    ("how-long-did-lei-jun-argue-with-the-media-friends",  # '我说了两三个小时，说到口干舌燥完全没用'
     """SELECT ?v WHERE { kgr:event-media-friends-consultation kg:quantity [ kg:value ?v ; kg:unit ?u ]
               FILTER(STRSTARTS(?u, "hours")) }""",
     {("2",), ("3",)}),
    ("how-long-did-borrowing-friends-cars-last",  # '结果一两个月的时间就全部借完了' (line 435)
     """SELECT ?v WHERE { kgr:event-lei-jun-test-drives-170-cars kg:quantity [ kg:value ?v ; kg:unit ?u ]
               FILTER(STRSTARTS(?u, "months")) }""",
     {("1",), ("2",)}),
    # 2023 speech
    ("how-many-years-did-bitlok-sell",  # '卖了个六七年，一直卖到1995年、96年'
     "SELECT ?v WHERE { kgr:event-bitlok-sales kg:quantity [ kg:value ?v ; kg:approximate true ] }",
     {("6",), ("7",)}),
    ("what-did-bitlok-cost-against-a-salary",  # '这款软件定价两千多，当时大家的工资可能不到100块'
     "SELECT ?v WHERE { kgr:event-bitlok-release kg:amount [ a kg:MonetaryAmount ; kg:value ?v ; kg:approximate true ] }",
     {("2000",), ("100",)}),
    ("is-any-money-of-the-bitlok-release-left-as-a-quantity",
     "SELECT (COUNT(?q) AS ?n) WHERE { kgr:event-bitlok-release kg:quantity ?q }",
     {("0",)}),
    ("how-many-people-did-the-high-end-push-take",  # '几万人的努力' (line 965): 几 = two or more
     """SELECT ?v WHERE { kgr:period-xiaomi-high-end-push kg:quantity [ kg:value ?v ; kg:approximate true ; kg:unit ?u ]
               FILTER(CONTAINS(?u, "people")) }""",
     {("20000",)}),
    # 2022 speech: 'windows' and Windows
    ("which-entity-answers-for-windows-and-for-Windows",  # English line 144 vs lines 13, 15
     """SELECT ?x ?l WHERE { { ?x skos:prefLabel ?l } UNION { ?x skos:altLabel ?l }
               FILTER(STR(?l) IN ("windows", "Windows")) }""",
     {("kgr:idea-tuyere", "windows"), ("kgr:windows", "Windows")}),
    ("what-is-the-windows-lesson-about",  # 'This is also the reason why I put special emphasis on "windows" later.'
     "SELECT ?x WHERE { kgr:claim-speech-windows-lesson kg:about ?x }",
     {("kgr:lei-jun",), ("kgr:joyo",), ("kgr:idea-tuyere",)}),
    ("which-names-does-microsoft-windows-answer-for",  # the bare lower-case 'windows' is the tuyere's
     "SELECT ?l WHERE { { kgr:windows skos:prefLabel ?l } UNION { kgr:windows skos:altLabel ?l } }",
     {("Windows",), ("Windows platform",), ("windows平台",), ("windows系统",)}),
    # The article
    ("what-is-the-bilibili-topic-about-and-do-the-speeches-say-so",
     """SELECT ?x ?v WHERE { ?c rdf:subject kgr:bilibili-topic-essential-software ; rdf:predicate kg:concerns ;
               rdf:object ?x ; kg:verdict ?v }""",
     {("kgr:event-article-cloud-templates-release", "kg:NotFound")}),
    ("what-are-the-social-media-topics-about",  # Zhihu, Weibo and now Bilibili
     """SELECT ?topic ?x WHERE { VALUES ?platform { kgr:zhihu kgr:weibo kgr:bilibili }
               ?topic kg:partOf ?platform ; kg:concerns ?x }""",
     {("kgr:zhihu-topic-entrepreneurial-pitfalls", "kgr:three-color-company"),
      ("kgr:zhihu-topic-entrepreneurial-pitfalls", "kgr:pangu"),
      ("kgr:zhihu-question-can-you-buy-xiaomi-cars", "kgr:xiaomi-su7"),
      ("kgr:weibo-topic-xiaomi-worthy-of-leica", "kgr:xiaomi-leica-partnership"),
      ("kgr:weibo-topic-dick-brand-counterattack", "kgr:xiaomi-high-end-strategy"),
      ("kgr:bilibili-topic-essential-software", "kgr:event-article-cloud-templates-release")}),
    ("which-statements-about-the-article-itself-are-explained",  # NotFound, casting no doubt
     """SELECT ?s WHERE { ?s rdf:subject kgr:source-article-conflict-narrative ; kg:verdict kg:NotFound ;
               rdfs:comment ?c FILTER(CONTAINS(?c, "casts no doubt")) }""",
     {("kgr:stmt-article-concerns-speech-2022",), ("kgr:stmt-article-concerns-speech-2023",),
      ("kgr:stmt-article-concerns-speech-2024",), ("kgr:stmt-article-concerns-conflict-narrative",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_cleanup_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
