"""Competency questions of the zh-labels-4 sweep (triples/audit3/zh-labels-4.ttl): the
Chinese labels and Chinese surface forms of the entities the Chinese transcripts mention.

A reader of the transcripts asks in Chinese: what a slogan or idea is called (the speaker's
exact words), what a product, place or work is called (the transcript's name, or the
established one behind a recognition error), and, the other way round, which entity a
form the transcript uses (a short form, a full form, a homophone) names.
"""

import pytest

from test_competency import assert_answer, rows


def zh_name(iri: str) -> str:
    """The Chinese preferred label of ``iri``."""
    return f'SELECT ?zh WHERE {{ {iri} skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }}'


def named(form: str) -> str:
    """The entity a Chinese form names (as preferred label or alias)."""
    return f'SELECT ?x WHERE {{ ?x skos:prefLabel|skos:altLabel "{form}"@zh }}'


QUESTIONS = [
    # slogans, by the speaker's exact words
    # 2023, line 991: '人生是一场马拉松，一时的成败得失都不那么重要'
    ("what-does-lei-jun-call-life-in-2023", zh_name("kgr:slogan-life-is-a-marathon"), {("人生是一场马拉松",)}),
    # 2022, line 633: '我是这么总结我们卓越网的，就是创办于互联网泡沫破灭之后，倒下于电商全面崛起之前。'
    ("how-does-lei-jun-sum-up-joyo.com",
     """SELECT ?zh WHERE { ?s a kg:Slogan ; kg:concerns kgr:joyo ; skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }""",
     {("创办于互联网泡沫破灭之后，倒下于电商全面崛起之前",)}),
    # 2024, line 945: '到了北京车展，我就成了别人眼里的营销之神，行走的流量。'
    ("what-did-lei-jun-become-at-the-beijing-auto-show", zh_name("kgr:slogan-god-of-marketing"),
     {("营销之神，行走的流量",)}),
    # ideas: the speeches' own formulations; 2024, line 293: '我们决定不走捷径，不收购、不代工，从核心技术做起，十倍投入'
    ("what-did-xiaomi-decide-when-it-started-again", zh_name("kgr:theory-no-shortcuts"),
     {("不走捷径，不收购、不代工，从核心技术做起，十倍投入",)}),
    # the themes of the 2023 and 2024 speeches: '今天的主题是成长' (2023, line 573); 勇气 (2024)
    ("what-are-the-themes-of-the-2023-and-2024-speeches",
     """SELECT ?zh WHERE { VALUES ?t { kgr:theory-growth kgr:theory-courage } ?t skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }""",
     {("成长",), ("勇气",)}),
    # 美国 names the country (2024, line 17: '他说雷总你们被美国制裁了。'); its government keeps 美国政府
    ("which-entity-is-美国", named("美国"), {("kgr:united-states",)}),
    ("where-is-the-government-that-sanctioned-xiaomi",
     """SELECT ?zh WHERE { ?e kg:agent ?g . ?g kg:locatedIn ?c . ?c skos:prefLabel ?zh FILTER(lang(?zh) = "zh")
               ?g skos:prefLabel "美国政府"@zh }""",
     {("美国",)}),
    # a rendering of a Latin name: 'Mix阿尔法它不是折叠屏手机' (2022, line 861)
    ("what-is-mix阿尔法",
     """SELECT ?zh WHERE { ?p skos:altLabel "Mix阿尔法"@zh ; skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }""",
     {("小米MIX Alpha",)}),
    # a homophone in a noun phrase: '我们负责东侧的负责人见到我以后非常惊讶' (2024, line 593), 东侧 for 冬测
    ("who-is-负责东侧的负责人",
     """SELECT ?zh WHERE { ?p skos:altLabel "负责东侧的负责人"@zh ; skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }""",
     {("负责冬测的负责人",)}),
    # Xiaomi's teams by the transcripts' names: '我们整个研发团队群情激昂' (2023), '我们小米产品团队' (2023),
    # '我们的公关同学' (2024), '销售的同学们' (2024)
    ("what-do-the-transcripts-call-xiaomi's-teams",
     """SELECT ?zh WHERE { VALUES ?t { kgr:xiaomi-rd-team kgr:xiaomi-product-team kgr:xiaomi-pr-team kgr:xiaomi-auto-sales-team }
               ?t skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }""",
     {("研发团队",), ("小米产品团队",), ("公关同学",), ("销售的同学们",)}),
    # products and things by the transcript's names: '我还买了一个很高级的七轴模拟器' (2024, line 529),
    # '我分了一台286电脑' (2023, line 487), '比如说轿车和SUV各占一半' (2024, line 265)
    ("what-are-the-simulator-the-286-and-the-suv-called",
     """SELECT ?zh WHERE { VALUES ?t { kgr:seven-axis-simulator kgr:pc-286 kgr:suv } ?t skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }""",
     {("七轴模拟器",), ("286电脑",), ("SUV",)}),
    # '纯电轿车月销1万的只有一辆车，就是特斯拉的model 3' (2024, line 391)
    ("what-is-the-only-electric-sedan-selling-10000-a-month", zh_name("kgr:tesla-model-3"), {("特斯拉Model 3",)}),
    # the other way round: the full and kind forms the cited quotes use
    # '其中张德祥教授是对我帮助最大的' (2023, line 293); '当年教我汇编的曹家恒老师、曹教授' (2023, line 297);
    # '我们就变成了当时中国最大的B2C电商' (2022, line 595)
    ("which-entities-do-张德祥教授-曹家恒老师-and-B2C电商-name",
     """SELECT ?form ?x WHERE { VALUES ?form { "张德祥教授"@zh "曹家恒老师"@zh "B2C电商"@zh } ?x skos:altLabel ?form }""",
     {("张德祥教授", "kgr:zhang-dexiang"), ("曹家恒老师", "kgr:cao-jiaheng"), ("B2C电商", "kgr:e-commerce")}),
    # a count that would have failed before: the entities the Chinese transcripts mention that
    # have no Chinese preferred label (165 before this sweep; 105 after it, groups and
    # role-labelled people above all, each left for a reason given in the sweep's report)
    ("how-many-transcript-mentioned-entities-lack-a-chinese-label",
     """SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
          ?x a ?c . ?c rdfs:subClassOf* kg:Entity . FILTER NOT EXISTS { ?x a/rdfs:subClassOf* kg:Event }
          FILTER NOT EXISTS { ?x a kg:Source }
          FILTER NOT EXISTS { ?x skos:prefLabel ?z FILTER(lang(?z) = "zh") }
          ?x kg:mentionedIn ?s . VALUES ?s { kgr:source-speech-2022-zh kgr:source-speech-2023-zh kgr:source-speech-2024-zh } }""",
     # 165 before this sweep, 105 after; the voices sweep then added two role-labelled
     # people the transcripts name by no noun phrase (the Pascal-textbook classmate, the
     # people who ask how Xiaomi could build a car), and the questions sweep two ideas the
     # speaker states in no set words (let the teacher see you work; the SU7 will sell)
     {("109",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_zh_labels_4_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
