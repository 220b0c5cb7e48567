"""Competency questions a journalist or a student of entrepreneurship asks of the 2023 and
2024 Chinese transcripts (lens "questions-2324"; additions in
triples/audit3/questions-2324.ttl): who taught and helped Lei Jun at Wuhan University, what
his paper keyboard, his self-study and the RI tool came to, why he sat in the front row, how Xiaomi answered the Mi 11 Ultra's panning,
why it turned Leica down and then paid twice for the tuning, why Lei Jun finally backed the
Photography Kit, who the Kingsoft brothers were, whom the phone industry's giants were,
who offered to fund Xiaomi Auto and why Xiaomi refused, who visited on 5 April 2021, when the
first car rolled off the line, what the 21-day meeting made possible, why Lei Jun ordered 76,000 cars, what came of his chauffeur,
what the racing crashes cost.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges, as
the loader materializes them); the comment gives the quote it rests on. The questions marked
NEW failed before this sweep.
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- 2023 speech: Wuhan University ---------------------------------------------------
    ("which-teachers-who-taught-lei-jun-came-to-the-2023-speech",  # '我还特别邀请了当年教我汇编的曹家恒老师、曹教授。'
     "SELECT ?t WHERE { kgr:lei-jun kg:learnedFrom ?t . kgr:speech-2023 kg:attendee ?t . ?t a kg:Person }",
     {("kgr:cao-jiaheng",), ("kgr:zhang-dexiang",)}),
    ("who-paid-for-lei-jun-s-only-academic-conference",  # '也是张老师鼓励我用他的经费资助我去参加了那次学术会议'
     "SELECT ?donor ?next WHERE { ?e a kg:Donation ; kg:donor ?donor ; kg:recipient kgr:lei-jun ; kg:ledTo ?next }",
     {("kgr:zhang-dexiang", "kgr:event-third-national-youth-computer-conference")}),
    ("what-came-of-lei-jun-s-paper-keyboard",  # NEW: '好，练着练着呢，周围的同学都开始学习了。' / '于是…经常有人敲桌子，把所有代课老师都给敲蒙了'
     "SELECT ?who ?outcome WHERE { ?k kg:agent kgr:lei-jun ; skos:altLabel '敲桌子练键盘'@zh ; kg:ledTo ?e . ?e kg:agent ?who ; kg:outcome ?outcome }",
     {("kgr:classmates-who-practised-on-desks", "the teachers were baffled (把所有代课老师都给敲蒙了)")}),
    ("why-did-desk-tapping-baffle-the-teachers",  # NEW: '只要老师拖堂，就一定有人给你敲桌子。' '敲着敲着老师就知道该下课了。'
     "SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:event-classmates-take-up-desk-tapping ; kg:evidence/kg:quote ?q . FILTER(CONTAINS(?q, '拖堂')) }",
     {("kgr:claim-speech-desk-tapping-meant-class-over",)}),
    ("what-came-of-the-ri-tool",  # '后来我就索性就全部开源了' … '今天还有人在网上讨论'
     "SELECT ?e WHERE { kgr:event-ri-release kg:ledTo+ ?e }",
     {("kgr:event-ri-open-sourced",), ("kgr:event-ri-code-seen-online",)}),
    ("what-did-bitlok-s-release-lead-to",  # '卖了个六七年' … '30年后2019年5月…拍了一个背靠背的卡帕照，来纪念我们的第一次成功'
     "SELECT ?x WHERE { kgr:event-bitlok-release kg:ledTo|kg:inspired ?x }",
     {("kgr:event-bitlok-sales",), ("kgr:event-kappa-photo-2019",), ("kgr:lesson-complementary-partners",)}),
    ("how-did-lei-jun-come-to-skip-reading",  # NEW: '但是我当时硬着头皮咬着牙往下读，读着读着呢突然开窍了。' '就是反正看不懂，跳过去直接看下一章。'
     "SELECT ?e ?plan WHERE { ?e a kg:Study ; kg:person kgr:lei-jun ; kg:inspired kgr:skip-reading ; kg:partOf ?plan }",
     {("kgr:event-lei-jun-self-study-struggle", "kgr:event-lei-jun-credits-in-two-years")}),
    ("why-did-lei-jun-sit-in-the-front-row",  # NEW: '我觉得他们点名的目的主要是监督同学们好好学习。' '于是…我总是坐第一排'
     "SELECT ?idea ?who ?outcome WHERE { ?who kg:coined ?idea . ?idea kg:appliedTo ?e . ?e kg:partOf kgr:event-lei-jun-credits-in-two-years ; kg:outcome ?outcome ; kg:participant kgr:whu-teachers-who-helped-lei-jun }",
     {("kgr:idea-let-the-teacher-see-you-work", "kgr:lei-jun", "most teachers thought well of him; missing classes at roll call was no longer a problem")}),
    # --- 2023 speech: Kingsoft and the high-end push ------------------------------------------
    ("who-were-lei-jun-s-brothers-at-kingsoft",  # '还有一大帮兄弟们，像周涛、张庆元、郭伟伟等'
     "SELECT ?m WHERE { ?m kg:partOf kgr:kingsoft-brothers }",
     {("kgr:zhou-tao",), ("kgr:zhang-qingyuan",), ("kgr:guo-weiwei",)}),
    ("which-giants-did-lei-jun-name-at-the-strategy-meeting",  # '有苹果，有三星，有华为这样的科技巨头，竞争极其激烈。'
     "SELECT ?g WHERE { kgr:event-high-end-strategy-meeting-2022 kg:concerns ?g }",
     {("kgr:apple",), ("kgr:samsung",), ("kgr:huawei",)}),
    ("what-led-to-the-strategy-meeting-and-what-did-it-decide",  # '聊完以后我心情非常的沉重…我就召开了一个紧急的战略讨论会' / '所以我们就把高端化定为了集团战略'
     "SELECT ?before ?outcome WHERE { ?before kg:ledTo kgr:event-high-end-strategy-meeting-2022 . kgr:event-high-end-strategy-meeting-2022 kg:outcome ?outcome }",
     {("kgr:event-pre-spring-festival-talks-2022", "high-end set as the group strategy, with a high degree of consensus")}),
    ("how-did-xiaomi-answer-the-mi-11-ultra-s-panning",  # NEW: '当我们遇到困难的时候，我们总是首先先反思，我们有什么问题，我们到底哪里错了。'
     "SELECT ?idea ?lesson WHERE { ?idea kg:appliedTo kgr:event-mi-11-ultra-user-complaints ; kg:enabled ?lesson }",
     {("kgr:idea-xiaomi-reflects-on-itself-first", "kgr:lesson-parameters-not-good-photos")}),
    ("whose-habit-is-reflecting-first-and-who-said-so",  # NEW: '我们经过了非常深刻的反思，我觉得我们小米有个优点。'
     "SELECT ?who ?about WHERE { ?who kg:coined kgr:idea-xiaomi-reflects-on-itself-first . kgr:idea-xiaomi-reflects-on-itself-first kg:concerns ?about }",
     {("kgr:lei-jun", "kgr:xiaomi")}),
    ("why-had-xiaomi-turned-leica-down-twice",  # '因为莱卡跟友商合作了五年，做的也挺好的。我们跟莱卡合作能不能超越？'
     "SELECT ?cause ?who ?outcome WHERE { ?cause kg:ledTo kgr:event-leica-approaches-rejected . kgr:event-leica-approaches-rejected kg:decidedBy ?who ; kg:outcome ?outcome }",
     {("kgr:event-rival-leica-partnership", "kgr:xiaomi-engineers-doubting-leica", "rejected, twice, by different teams")}),
    ("whom-did-lei-jun-ask-about-leica-and-what-came-of-it",  # '所以我亲自打电话问了几个摄影师的朋友' … '这样我们就下定决心跟徕卡签约了。'
     "SELECT ?who ?next WHERE { kgr:event-lei-jun-phones-photographers kg:addressee ?who ; kg:ledTo ?next }",
     {("kgr:photographer-friends", "kgr:xiaomi-leica-partnership")}),
    ("who-accepted-xiaomi-s-offer-to-pay-twice-for-the-tuning-and-what-came-of-it",  # '他们完全没想到小米愿意花两倍的钱来做好一部手机的调教，他们欣然的接受了。就这样莱卡双画质就诞生了。'
     "SELECT ?who ?outcome ?next WHERE { kgr:event-xiaomi-double-tuning-offer kg:decidedBy ?who ; kg:outcome ?outcome ; kg:ledTo ?next }",
     {("kgr:leica", "accepted gladly", "kgr:event-leica-dual-image-quality-release")}),
    ("why-did-lei-jun-finally-back-the-photography-kit",  # '我也是学了摄影之后…我终于懂了为什么。所以当第三次立项的时候，我毫不犹豫支持了。'
     "SELECT ?x ?outcome WHERE { ?x kg:enabled kgr:event-pro-kit-vetoes . kgr:event-pro-kit-vetoes kg:outcome ?outcome }",
     {("kgr:event-leica-photography-classes", "approved at the third proposal")}),
    # --- 2024 speech: the car ---------------------------------------------------------------
    ("who-phoned-lei-jun-about-the-sanctions-and-what-followed",  # '那是在2021年的1月15号早上七点多钟，我在上班的路上接到了一个朋友的电话'
     "SELECT ?who ?d ?next WHERE { kgr:event-sanctions-phone-call kg:agent ?who ; kg:date ?d ; kg:ledTo ?next }",
     {("kgr:friend-who-phoned-about-sanctions", "2021-01-15", "kgr:event-emergency-board-meeting-2021")}),
    ("who-offered-to-fund-xiaomi-auto-at-what-valuation-and-why-was-it-refused",  # '估值100亿美金' / '因为造车的周期很长，如果我们拿了别人的钱…'
     """SELECT ?who ?v ?c ?outcome ?why WHERE { kgr:event-vc-offer-xiaomi-auto kg:offeror ?who ; kg:outcome ?outcome ;
               kg:valuation [ kg:value ?v ; kg:currency ?c ] . ?why a kg:Claim ; kg:about kgr:event-vc-offer-xiaomi-auto ;
               kg:evidence/kg:quote ?q . FILTER(CONTAINS(?q, '造车的周期很长')) }""",
     {("kgr:vcs-offering-xiaomi-auto", "10000000000", "USD", "rejected", "kgr:claim-speech-why-self-funded")}),
    ("who-visited-xiaomi-on-5-april-2021",  # '4月5号组团到访了小米，他们带着很多很多的问题'
     "SELECT ?p WHERE { kgr:event-entrepreneurs-visit-xiaomi-2021 kg:attendee ?p . ?p a kg:Person . FILTER(?p != kgr:lei-jun) }",
     {("kgr:he-xiaopeng",), ("kgr:li-bin",), ("kgr:li-xiang",), ("kgr:wang-chuanfu",)}),
    ("why-did-lei-jun-order-76000-cars-when-many-advised-30000",  # NEW: '所以无论多少人不看好，但我始终坚信舒淇一定会大卖。' '在这个时候我的这份自信让我下了决心。'
     "SELECT ?idea ?ground ?outcome WHERE { kgr:lei-jun kg:coined ?idea . ?idea kg:inspired kgr:event-su7-capacity-decision . ?ground kg:inspired ?idea . kgr:event-su7-capacity-decision kg:outcome ?outcome }",
     {("kgr:idea-su7-will-sell-well", "kgr:dream-car", "76,000 cars ordered for 2024 instead of the 30,000 advised")}),
    ("what-came-of-lei-jun-s-chauffeur",  # NEW: '从那以后，其实我很少开车。' '当我决定造车的那一天起，我就下决心自己开车。'
     "SELECT ?next ?why WHERE { kgr:event-lei-jun-assigned-chauffeur kg:followedBy ?next . ?why kg:inspired|kg:ledTo ?next }",
     {("kgr:event-lei-jun-drives-again", "kgr:idea-know-and-love-a-trade"), ("kgr:event-lei-jun-drives-again", "kgr:event-lei-jun-replies-to-board")}),
    ("what-followed-the-21-day-meeting-and-what-did-it-make-possible",  # NEW: '会议结束，考验来得这么之快。上海疫情爆发了' / '才能应对之后的无数的考验' / '我们的项目居然没耽误…到了2023年8月16号，第一辆市场车…'
     "SELECT ?next ?enabled ?then WHERE { kgr:event-21-day-meeting-2022 kg:followedBy ?next ; kg:enabled ?enabled . ?enabled kg:followedBy ?then }",
     {("kgr:event-shanghai-covid-outbreak-2022", "kgr:event-rd-from-home-2022", "kgr:event-first-car-off-line-2023")}),
    ("when-and-where-did-the-first-xiaomi-car-roll-off-the-line",  # '到了2023年8月16号，第一辆市场车缓缓的从产线上驶出来。'
     "SELECT ?d ?place ?car WHERE { kgr:event-first-car-off-line-2023 kg:date ?d ; kg:place ?place ; kg:product ?car }",
     {("2023-08-16", "kgr:xiaomi-auto-factory", "kgr:xiaomi-su7")}),
    ("what-did-lei-jun-s-racing-crashes-cost",  # '反正我就这么被撞了两次修车就修了25000。'
     "SELECT ?v ?c WHERE { kgr:event-lei-jun-knocked-off-twice kg:amount [ kg:value ?v ; kg:currency ?c ] }",
     {("25000", "CNY")}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_questions_2324_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
