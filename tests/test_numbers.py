"""Competency questions of the numbers lens: how much, how many, how long, at what price.

Each question is answered by a quantity or amount that the numbers audit
(``triples/audit3/numbers.ttl``) put on the node it is about; the expected rows are
what the speeches say (values as the speaker gives them: a range keeps both ends,
'more than'/'almost' is kg:approximate).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # 2024 speech
    ("what-employee-number-was-liu-anyu",  # '37号员工'
     "SELECT ?n WHERE { ?st rdf:subject kgr:liu-anyu ; rdf:predicate kg:worksFor ; rdf:object kgr:xiaomi ; kg:quantity [ kg:value ?n ] }",
     {("37",)}),
    ("how-long-had-xiaomi-been-listed-when-the-sanctions-hit",  # '当时我们上市两年半'
     """SELECT ?y WHERE { kgr:period-xiaomi-troubled-spring-2021 kg:quantity [ kg:value ?y ; kg:unit ?u ]
               FILTER(CONTAINS(?u, "listed")) }""",
     {("2.5",)}),
    ("how-many-carmakers-will-survive-by-lei-juns-reckoning",  # '最后全球可能只能活下去5到8家'
     "SELECT ?v WHERE { ?st rdf:predicate kg:coined ; rdf:object kgr:theory-car-winner-takes-all ; kg:quantity [ kg:value ?v ] }",
     {("5",), ("8",)}),
    ("what-sums-does-the-2024-speech-put-on-the-su7",  # spent, at stake in the price, the rumoured prices
     "SELECT ?c ?v WHERE { ?c a kg:Claim ; kg:about kgr:xiaomi-su7 ; kg:amount [ kg:value ?v ] }",
     {("kgr:claim-speech-su7-cost-10-20-billion", "10000000000"), ("kgr:claim-speech-wrong-price-loss", "10000000000"),
      ("kgr:claim-speech-rumoured-su7-prices", "149000"), ("kgr:claim-speech-rumoured-su7-prices", "99000")}),
    ("how-much-more-than-usual-did-xiaomi-invest-in-the-car",  # '十倍投入'
     """SELECT ?v WHERE { ?e kg:agent kgr:xiaomi-auto ; kg:quantity [ kg:value ?v ; kg:unit ?u ]
               FILTER(CONTAINS(?u, "times the usual investment")) }""",
     {("10",)}),
    ("how-cold-was-the-su7-winter-test",  # '零下三四十度': both ends of the range, not a midpoint
     """SELECT ?v WHERE { kgr:event-su7-winter-test-heihe kg:quantity [ kg:value ?v ; kg:unit ?u ]
               FILTER(CONTAINS(?u, "degrees Celsius")) }""",
     {("-30",), ("-40",)}),
    ("how-old-were-the-buyers-the-car-reports-spoke-of",  # '说人家30岁的用户买的全是品牌'
     """SELECT ?v WHERE { kgr:claim-speech-reports-buyers-buy-brands kg:quantity [ kg:value ?v ; kg:unit ?u ]
               FILTER(CONTAINS(?u, "years of age")) }""",
     {("30",)}),
    # 2023 speech
    ("how-much-older-than-lei-jun-was-wang-quanguo",  # '他比我们大四岁'
     "SELECT ?v WHERE { ?c a kg:Claim ; kg:about kgr:wang-quanguo , kgr:lei-jun ; kg:quantity [ kg:value ?v ] }",
     {("4",)}),
    ("how-long-did-lei-jun-and-wang-quanguo-work-together-at-kingsoft",  # '差不多也是30年'
     """SELECT ?v WHERE { ?st rdf:subject kgr:wang-quanguo ; rdf:predicate kg:worksFor ; rdf:object kgr:kingsoft ;
               kg:quantity [ kg:value ?v ; kg:approximate true ] }""",
     {("30",)}),
    ("how-long-did-each-step-of-lei-juns-first-paper-take",  # three days to copy, half a year to acceptance, two-odd years to print
     "SELECT ?e ?v WHERE { ?e kg:product kgr:computer-research-and-development-paper ; kg:quantity [ kg:value ?v ] }",
     {("kgr:event-paper-manuscript-copied", "3"), ("kgr:event-paper-submitted", "6"), ("kgr:event-paper-published", "2")}),
    ("how-far-up-dxo-did-xiaomi-climb",  # top three, second, joint first
     "SELECT ?v WHERE { ?c a kg:Claim ; kg:about kgr:dxomark ; kg:quantity [ kg:value ?v ] }",
     {("3",), ("2",), ("1",)}),
    ("what-would-a-failed-xiaomi-13-have-lost",  # 几个亿, 十几个亿, 几十个亿 (floors: 几 two or more, 十几 ten-odd)
     "SELECT ?v WHERE { ?c a kg:Claim ; kg:about kgr:xiaomi-13 ; kg:amount [ kg:value ?v ; kg:approximate true ] }",
     {("200000000",), ("1000000000",), ("2000000000",)}),
    ("how-many-generations-does-a-high-end-phone-need",  # '至少要干三代'
     "SELECT ?v WHERE { ?st rdf:object kgr:theory-high-end-needs-patience ; kg:quantity [ kg:value ?v ] }",
     {("3",)}),
    ("which-anniversary-did-wuhan-university-mark-in-2023",  # '建校130周年'
     """SELECT ?e ?v WHERE { ?e kg:organization kgr:wuhan-university ; kg:date ?d ; kg:quantity [ kg:value ?v ]
               FILTER(STR(?d) = "2023") }""",
     {("kgr:event-whu-graduation-ceremony-2023", "130")}),
    # 2022 speech
    ("what-share-of-its-expected-sales-did-pangu-reach",  # '连预期的10分之1都不到'
     "SELECT ?v WHERE { ?c kg:about kgr:pangu ; kg:quantity [ kg:value ?v ] }",
     {("0.1",)}),
    ("how-long-did-joyo-take-to-become-chinas-largest-b2c",  # '两三年时间从零起步'
     "SELECT ?v WHERE { kgr:event-joyo-largest-b2c kg:quantity [ kg:value ?v ] }",
     {("2",), ("3",)}),
    ("how-many-cities-held-joyos-warehouses",  # '北京、上海、深圳三地仓储'
     "SELECT ?v WHERE { kgr:event-joyo-multi-site-warehousing kg:quantity [ kg:value ?v ] }",
     {("3",)}),
    ("how-old-was-xiaomi-at-the-2022-speech",  # '一转眼小米已经12年了'
     """SELECT ?v WHERE { ?c a kg:Claim ; kg:about kgr:xiaomi ; kg:evidence/kg:source kgr:source-speech-2022-zh ;
               kg:quantity [ kg:value ?v ; kg:unit ?u ] FILTER(CONTAINS(?u, "since Xiaomi's founding")) }""",
     {("12",)}),
    ("how-far-round-did-the-mix-alpha-screen-wrap",  # '接近360度的内容显示'
     """SELECT ?v WHERE { kgr:event-mix-alpha-production kg:quantity [ kg:value ?v ; kg:approximate true ; kg:unit ?u ]
               FILTER(CONTAINS(?u, "degrees")) }""",
     {("360",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_numbers_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
