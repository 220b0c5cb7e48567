"""Competency questions the evidence lens made answerable (triples/audit3/evidence.ttl and
the in-place fixes of its audit): does each quote say what its fact says?

Where a source states only a sequence, the graph now says kg:followedBy, not kg:ledTo (a
reader asking 'what caused X' must not get a mere 'what came next'); where the cause is
in the neighbouring sentence, that sentence is evidence too; translations that silently
corrected the transcript now say what it says.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- sequences, not causes ------------------------------------------------------------
    ("what-came-after-the-kingsoft-ipo",  # 'In 2007, Kingsoft finally went public. Then, I left'
     "SELECT ?rel ?e WHERE { kgr:event-kingsoft-ipo ?rel ?e . FILTER(?rel IN (kg:ledTo, kg:followedBy)) }",
     {("kg:followedBy", "kgr:event-lei-jun-leaves-kingsoft")}),
    ("did-ding-lei-s-refusal-cause-netease-s-funding",  # 'Just 2 months later, NetEase raised US$10 million'
     "SELECT ?rel WHERE { kgr:event-netease-offer ?rel kgr:event-netease-funding }",
     {("kg:followedBy",)}),
    ("what-did-the-su7-pricing-meeting-cause",  # '在发布会的前一天': held the day before, it causes nothing stated
     "SELECT ?e WHERE { kgr:event-su7-pricing-meeting kg:ledTo ?e }",
     set()),
    ("what-came-after-the-first-su7-winter-test",  # '寒来暑往的话，第二年我又参加了下测'
     "SELECT ?e WHERE { kgr:event-su7-winter-test-heihe kg:followedBy ?e }",
     {("kgr:event-su7-summer-test-turpan",)}),
    ("what-came-after-lei-jun-graduated",  # '我觉得毕业以后认识了求伯君，求伯君就拉我干金山'
     "SELECT ?rel ?e WHERE { kgr:event-lei-jun-graduates-from-wuhan-university ?rel ?e . FILTER(?rel IN (kg:ledTo, kg:followedBy)) }",
     {("kg:followedBy", "kgr:event-qiu-bojun-recruits-lei-jun")}),
    ("did-hu-zhengnan-s-visits-lead-to-his-call",  # '他之前两次拜访过小米，发布后的一个晚上，他给我打电话说'
     "SELECT ?rel WHERE { kgr:event-hu-zhengnan-visits-xiaomi ?rel kgr:event-hu-zhengnan-calls-lei-jun }",
     {("kg:followedBy",)}),
    ("what-came-after-the-mix-video",  # '结束之后就是我们今年的小米秋季新品发布会': the video leads into the launch
     "SELECT ?rel ?e WHERE { kgr:event-mix-video-shown ?rel ?e . FILTER(?rel IN (kg:ledTo, kg:followedBy)) }",
     {("kg:followedBy", "kgr:event-xiaomi-autumn-launch-2022")}),
    # --- the neighbouring sentence that gives the cause -----------------------------------
    ("why-did-lei-jun-phone-zeng-yuqun",  # the battery packs wore out the suppliers too
     """SELECT ?q WHERE { ?st rdf:subject kgr:event-su7-battery-pack-development ; rdf:predicate kg:ledTo ;
               rdf:object kgr:event-lei-jun-calls-zeng-yuqun ; kg:evidence/kg:quote ?q }""",
     {("我都有点不好意思了，专门打电话给宁德时代的曾总解释。",),
      ("不仅把我们自己的团队折腾的够呛，我们把供应商也折腾的够呛。",)}),
    ("why-did-the-three-color-founders-elect-a-chairman",  # quarrels among four equal founders
     """SELECT ?q WHERE { ?st rdf:subject kgr:three-color-founding ; rdf:predicate kg:ledTo ;
               rdf:object kgr:event-three-color-chairman-elections ; kg:evidence/kg:quote ?q }""",
     {("当时我们有四个创始人，大家都是朋友啊，每个人分了25%。",), ("接着的话，我们的公司十多个人，问题就来了。",),
      ("万一两个人意见不一致，一吵吵半天，当时我们经常吵，后来觉得这样不行，我们得选个董事长，而且我们还得民主选举这一选。",)}),
    ("why-did-lei-jun-film-the-drift",  # the netizens' urging is the passage's first sentence
     """SELECT ?q WHERE { ?st rdf:subject kgr:event-netizens-urge-drift ; rdf:predicate kg:ledTo ;
               rdf:object kgr:event-lei-jun-films-drift ; kg:evidence/kg:quote ?q }""",
     {("以后前一段时间鼓起勇气拍了一段，拍的不好，大家凑合看看行吗？",),
      ("说到这里的话，网友在过去的几个月不停的催我说啥事你表演一下漂移。",)}),
    ("which-phone-was-only-one-in-a-hundred-usable",  # '我们生产100台，可能只有一台是可以使用的' + 'Mix阿尔法...'
     """SELECT ?p ?q WHERE { ?st rdf:subject ?p ; rdf:predicate kg:madeBy ; rdf:object kgr:xiaomi ;
               kg:evidence/kg:quote "我们生产100台，可能只有一台是可以使用的。" ; kg:evidence/kg:quote ?q . FILTER(CONTAINS(?q, "阿尔法")) }""",
     {("kgr:xiaomi-mix-alpha", "Mix阿尔法它不是折叠屏手机，不是双面屏手机，不是瀑布屏手机，而是代表未来形态的概念型手机。")}),
    # --- the sentence that names the 'he' or 'she' of an event's quotes ---------------------
    ("which-sentence-names-the-mi-fan-who-kept-a-parking-space",  # '这位米粉叫孙丽丽'
     """SELECT ?e ?q WHERE { VALUES ?e { kgr:event-sun-lili-buys-parking-space kgr:event-sun-lili-orders-su7 }
               ?e kg:buyer kgr:sun-lili ; kg:evidence/kg:quote ?q . FILTER(CONTAINS(?q, "孙丽丽")) }""",
     {("kgr:event-sun-lili-buys-parking-space", "这位米粉叫孙丽丽，39岁，是川大数学学院的一位教授。"),
      ("kgr:event-sun-lili-orders-su7", "这位米粉叫孙丽丽，39岁，是川大数学学院的一位教授。")}),
    ("which-sentences-name-who-left-bmw-and-who-sent-the-5-am-message",  # '比如李田园' / '他叫刘安玉'
     """SELECT ?e ?q WHERE { VALUES ?e { kgr:event-li-tianyuan-leaves-bmw kgr:event-liu-anyu-asks-to-join }
               ?e kg:evidence/kg:quote ?q . FILTER(CONTAINS(?q, "李田园") || CONTAINS(?q, "刘安玉")) }""",
     {("kgr:event-li-tianyuan-leaves-bmw", "比如李田园，他当时在宝马德国总部负责IX这辆车的设计，他算是在欧洲混的很不错的中国设计师。"),
      ("kgr:event-liu-anyu-asks-to-join", "他叫刘安玉，是小米早期的创业者，37号员工。")}),
    ("who-runs-the-leica-photography-classes",  # '所以我们正式邀请徕卡来小米科技园办摄影培训班'
     """SELECT ?who ?q WHERE { kgr:event-leica-photography-classes kg:agent ?who ; kg:evidence/kg:quote ?q . FILTER(CONTAINS(?q, "徕卡")) }""",
     {("kgr:leica", "所以我们正式邀请徕卡来小米科技园办摄影培训班。")}),
    # --- facts the quotes do not state, marked as inferred --------------------------------
    ("what-role-did-li-bin-and-he-xiaopeng-have-in-the-car-research",  # they urged him 'in the course of the research'
     """SELECT ?p ?who WHERE { VALUES ?who { kgr:li-bin kgr:he-xiaopeng } kgr:event-car-research-2021 ?p ?who .
               FILTER(?p IN (kg:attendee, kg:participant)) }""",
     {("kg:participant", "kgr:li-bin"), ("kg:participant", "kgr:he-xiaopeng")}),
    ("which-sentence-names-catl-in-the-battery-pack-story",  # '专门打电话给宁德时代的曾总解释'
     """SELECT ?q WHERE { kgr:event-su7-battery-pack-development kg:participant kgr:catl ; kg:evidence/kg:quote ?q .
               FILTER(CONTAINS(?q, "宁德时代")) }""",
     {("我都有点不好意思了，专门打电话给宁德时代的曾总解释。",)}),
    ("which-sentence-ties-hard-and-right-to-xiaomi-auto",  # '只有坚持做难而正确的事情……小米汽车才能真正成功'
     """SELECT ?q WHERE { ?st rdf:subject kgr:slogan-hard-and-right ; rdf:predicate kg:concerns ; rdf:object kgr:xiaomi-auto ;
               kg:evidence/kg:quote ?q . FILTER(CONTAINS(?q, "小米汽车")) }""",
     {("只有坚持做难而正确的事情，我们才能走得更远，小米汽车才能真正成功。",)}),
    ("is-the-shanghai-outbreak-in-the-quiet-years-stated",  # worked out from the dates: a note says so
     """SELECT ?inferred WHERE { ?st rdf:subject kgr:event-shanghai-covid-outbreak-2022 ; rdf:predicate kg:during ;
               rdf:object kgr:period-xiaomi-auto-quiet-development .
               BIND(EXISTS { ?st kg:note ?n FILTER(STRSTARTS(STR(?n), "Inferred")) } AS ?inferred) }""",
     {("true",)}),
    ("which-renderings-translate-only-the-start-of-their-sentence",  # e.g. 'We set its launch offer price at 799 yuan' for the scalpers' sentence
     """SELECT ?q WHERE { ?e kg:quote ?q ; kg:quoteTranslation ?t .
               FILTER(STRLEN(?q) >= 20 && STRLEN(?t) < 1.3 * STRLEN(?q)) }""",
     set()),
    ("what-did-scalpers-do-to-the-photography-kit",  # the whole sentence rendered: '被网上的黄牛炒到了1400多'
     """SELECT ?t WHERE { ?e kg:quote "这个我们在首发优惠价定在799元，在有一段时间被网上的黄牛炒到了1400多，就是这么火的一个产品，你们知道吗？" ;
               kg:quoteTranslation ?t . FILTER(!CONTAINS(STR(?t), "1,400")) }""",
     set()),
    # --- dates the quotes do not give -------------------------------------------------------
    ("when-did-joyo-com-become-amazon-china",  # 'the later Amazon China' (后来的): after the sale, no date
     """SELECT ?d ?unknown WHERE { OPTIONAL { kgr:event-joyo-becomes-amazon-china kg:date ?d }
               BIND(EXISTS { kgr:event-joyo-becomes-amazon-china kg:dateUnknown ?u } AS ?unknown) }""",
     {(None, "true")}),
    ("is-the-year-lei-jun-left-kingsoft-stated-or-worked-out",  # from the IPO sentence before it
     """SELECT ?d ?inferred WHERE { kgr:event-lei-jun-leaves-kingsoft kg:date ?d .
               BIND(EXISTS { kgr:event-lei-jun-leaves-kingsoft kg:dateInferred ?i } AS ?inferred) }""",
     {("2007", "true")}),
    ("what-did-the-high-end-push-cost-and-in-what-currency",  # '将近100个亿' / '上百亿的投入': no unit is spoken
     """SELECT ?v ?currency ?unknown WHERE { kgr:period-xiaomi-high-end-push kg:amount ?a . ?a kg:value ?v ; kg:approximate true .
               OPTIONAL { ?a kg:currency ?currency } BIND(EXISTS { ?a kg:currencyUnknown ?u } AS ?unknown) }""",
     {("10000000000", None, "true")}),
    # --- places the quotes do not name -------------------------------------------------------
    ("where-did-lei-jun-make-his-first-sale",  # the store named once, at the start of the week
     """SELECT ?p ?q WHERE { kgr:event-store-first-sale kg:place ?p ; kg:evidence/kg:quote ?q . FILTER(CONTAINS(?q, "最大的软件店")) }""",
     {("kgr:zhongguancun-software-store", "我找了一个最大的软件店去站店。")}),
    ("where-was-the-2023-annual-launch-and-is-it-stated",  # the speech's opening names the venue of 'this event'
     """SELECT ?p ?inferred WHERE { kgr:event-xiaomi-2023-annual-launch kg:place ?p .
               BIND(EXISTS { kgr:event-xiaomi-2023-annual-launch kg:placeInferred ?i } AS ?inferred) }""",
     {("kgr:china-national-convention-center", "true")}),
    # --- translations that say what the transcript says -----------------------------------
    ("which-rendering-of-the-30-march-announcement-drops-its-end",  # every rendering now has 'shook the whole industry'
     """SELECT ?t WHERE { kgr:xiaomi-car-announcement kg:evidence [ kg:quote "当天我们就正式公告了小米下场造车雷军带队十年内全资投入100亿美金，小米造车100亿美元，这几个消息震撼了全行业。" ; kg:quoteTranslation ?t ]
               FILTER(!CONTAINS(STR(?t), "shook the whole industry")) }""",
     set()),
    ("which-phone-does-the-transcript-name-first-with-leica-dual-image-quality",  # 小米10s ultra, for the 12S Ultra
     """SELECT ?t WHERE { ?st rdf:subject kgr:event-leica-dual-image-quality-release ;
               rdf:object kgr:event-xiaomi-12s-ultra-release ; kg:evidence/kg:quoteTranslation ?t }""",
     {("The first product with Leica dual image quality was the Xiaomi '10S Ultra' [sic: the 12S Ultra].",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_evidence_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
