"""Competency questions the voices lens made answerable (triples/audit3/voices.ttl and the
fixes made in place): who said what to whom in the speeches, what was said (a request, an
answer, a claim) and what came of it.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py; the comment gives the quote it rests on.
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- 2024: advice, objections, verdicts ------------------------------------------------
    ("who-advised-ordering-30000-cars-and-was-it-followed",  # 2024: '很多人建议订3万辆，稳点好。'
     """SELECT ?who ?to ?outcome WHERE { ?e a kg:Request ; kg:requester ?who ; kg:addressee ?to ; kg:outcome ?outcome ;
               kg:partOf kgr:event-su7-capacity-decision }""",
     {("kgr:advisers-of-30000", "kgr:lei-jun", "rejected: 76,000 cars were ordered for 2024")}),
    ("who-tried-to-stop-the-solo-beijing-shanghai-drive",  # 2024: '刚开始我们的公关同学是不让我这么做的'
     """SELECT ?who WHERE { ?e a kg:Request ; kg:requester ?who ; kg:addressee kgr:lei-jun ;
               kg:followedBy kgr:event-lei-jun-beijing-shanghai-drive }""",
     {("kgr:xiaomi-pr-team",)}),
    ("who-phoned-lei-jun-to-check-he-was-borrowing-their-car",  # 2024: '有很多同事很惊讶说，真的是雷老板要借吗？'
     """SELECT ?who ?where WHERE { ?e a kg:Request ; kg:requester ?who ; kg:addressee kgr:lei-jun ; kg:place ?where ;
               kg:partOf kgr:event-lei-jun-test-drives-170-cars }""",
     {("kgr:car-lenders", "kgr:xiaomi-underground-car-park")}),
    ("what-did-the-winter-test-chief-tell-lei-jun",  # 2024: '他说他干了二十多年，第一次看到董事长来东侧的第一次。'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:winter-test-chief , kgr:lei-jun , kgr:event-su7-winter-test-heihe ;
               kg:claimText ?t FILTER(CONTAINS(?t, "first time he had seen a chairman")) }""",
     {("kgr:claim-speech-winter-test-chief-first-chairman",)}),
    ("what-did-the-journalists-say-after-the-media-test-drive",  # 2024: '他们说小米确实有高人。'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:media-test-drivers , kgr:event-su7-media-test-drive }""",
     {("kgr:claim-speech-journalists-xiaomi-has-masters",)}),
    ("what-did-zeng-yuqun-answer-lei-jun-s-apology",  # 2024: '他说他理解只有这样干才能真正把产品做好。'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:zeng-yuqun , kgr:event-lei-jun-calls-zeng-yuqun }""",
     {("kgr:claim-speech-zeng-yuqun-understood-battery-packs",)}),
    ("who-settled-the-su7-price-and-with-what-words",  # 2024: '直到现场的一位高管说，就定这个价，无论卖多少辆，我们小米都认了。'
     """SELECT ?who WHERE { ?c a kg:Claim ; kg:about ?who , kgr:event-su7-pricing-meeting ; kg:claimText ?t .
               ?who a kg:Person FILTER(CONTAINS(?t, "set this price")) }""",
     {("kgr:executive-who-settled-the-price",)}),
    ("how-does-lei-jun-answer-those-who-ask-how-xiaomi-built-a-car",  # 2024: '小米造车要尊重行业规律，守正出奇'
     """SELECT ?who ?idea WHERE { ?e a kg:Request ; kg:requester ?who ; kg:addressee kgr:lei-jun ; kg:concerns ?idea .
               ?idea a kg:Slogan }""",
     {("kgr:people-who-ask-how-xiaomi-built-a-car", "kgr:slogan-shou-zheng-chu-qi")}),
    # --- 2023 ------------------------------------------------------------------------------
    ("who-advised-lei-jun-about-his-handwriting-and-what-followed",  # 2023: '他就告诉我说如果把字写的好看，你的这个论文的录用概率就会大很多。'
     """SELECT ?who ?next WHERE { ?e a kg:Request ; kg:requester ?who ; kg:addressee kgr:lei-jun ;
               kg:product kgr:computer-research-and-development-paper ; kg:followedBy ?next }""",
     {("kgr:classmate-who-copied-the-paper", "kgr:event-paper-manuscript-copied")}),
    ("what-was-lei-jun-told-of-the-two-year-wait-for-his-paper",  # 2023: '后来大家告诉我这是正常流程。'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:event-paper-published , kgr:lei-jun }""",
     {("kgr:claim-speech-two-year-wait-normal",)}),
    ("whom-did-lei-jun-ask-who-was-in-charge",  # 2023: '我说你们谁负责？'
     """SELECT ?to ?m WHERE { ?e a kg:Request ; kg:requester kgr:lei-jun ; kg:addressee ?to ; kg:partOf ?m ;
               kg:outcome ?o FILTER(CONTAINS(?o, "good friends")) }""",
     {("kgr:student-startup-team-all-chairmen", "kgr:event-meets-student-startup-team")}),
    ("who-urged-killing-the-xiaomi-13",  # 2023: '强烈建议砍掉。' (cited by no fact before)
     """SELECT ?who ?outcome WHERE { ?e a kg:Request ; kg:requester ?who ; kg:product kgr:xiaomi-13 ; kg:outcome ?outcome ;
               kg:partOf kgr:event-xiaomi-13-ordering-meeting }""",
     {("kgr:xiaomi-13-opponents", "rejected: after several meetings the colleagues agreed to launch")}),
    ("what-did-lei-jun-ask-of-whom-derived",  # the derived kg:asked edges of the new requests
     """SELECT ?x WHERE { ?x kg:asked kgr:lei-jun . VALUES ?x { kgr:advisers-of-30000 kgr:xiaomi-pr-team kgr:car-lenders
               kgr:people-who-ask-how-xiaomi-built-a-car kgr:classmate-who-copied-the-paper kgr:xiaomi-13-opponents } }""",
     {("kgr:advisers-of-30000",), ("kgr:xiaomi-pr-team",), ("kgr:car-lenders",),
      ("kgr:people-who-ask-how-xiaomi-built-a-car",), ("kgr:classmate-who-copied-the-paper",), ("kgr:xiaomi-13-opponents",)}),
    ("who-told-lei-jun-of-his-pascal-homework-in-the-textbook",  # 2023: '上大二的时候，有同学来告诉我说我的pascal作业被老师编入了新版的教材。'
     """SELECT ?who ?school WHERE { ?c a kg:Claim ; kg:about ?who , kgr:event-pascal-homework-in-textbook .
               ?who a kg:Person ; kg:studiedAt ?school FILTER(?who != kgr:lei-jun) }""",
     {("kgr:classmate-who-told-of-pascal-textbook", "kgr:wuhan-university")}),
    ("what-did-the-colleague-with-the-mustang-say",  # 2024: '那个同事跟我说，那辆车就是他的dream卡'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:mustang-owning-colleague , kgr:ford-mustang , kgr:lei-jun ;
               kg:claimText ?t FILTER(CONTAINS(?t, "dream car") && CONTAINS(?t, "strivers")) }""",
     {("kgr:claim-speech-mustang-colleague-dream-car",)}),
    ("what-did-the-media-friends-predict-for-the-su7",  # 2024: '能卖3000辆就要烧高香了，这就是当时大家的结论。'
     """SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:media-friends-consulted , kgr:event-media-friends-consultation }""",
     {("kgr:claim-speech-media-friends-3000-cars",)}),
    ("to-whom-did-wang-chuanfu-and-the-turpan-colleagues-speak",  # '王传福跟我说', '兄弟告诉我说': the addressee added
     """SELECT ?c WHERE { VALUES ?c { kgr:claim-speech-wang-chuanfu-admired-courage kgr:claim-speech-turpan-watermelon-prices }
               ?c kg:about kgr:lei-jun }""",
     {("kgr:claim-speech-wang-chuanfu-admired-courage",), ("kgr:claim-speech-turpan-watermelon-prices",)}),
    ("who-thought-car-making-too-risky-at-first",  # 2024: '几乎所有的高管都支持我，觉得造车风险太大' (with its doubt)
     """SELECT ?who WHERE { ?c a kg:Claim ; kg:about ?who , kgr:event-first-car-discussion-2021 ; kg:evidence ?ev .
               ?ev kg:doubt ?d . ?who a kg:Group }""",
     {("kgr:xiaomi-executives",)}),
    # --- loose ends --------------------------------------------------------------------------
    ("are-the-two-directors-kept-apart-and-why",  # '有一个董事问' / '有一个董事就建议我说': two indefinite mentions
     """SELECT ?d WHERE { ?d a kg:Person ; kg:note ?n FILTER(CONTAINS(?n, "有一个董事")) }""",
     {("kgr:director-who-asked-about-staff",), ("kgr:director-who-suggested-cars",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_voices_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
