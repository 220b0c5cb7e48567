"""Competency questions of the zh-labels-3 audit (triples/audit3/zh-labels-3.ttl): the
Chinese preferred labels of the entities the Chinese transcripts mention.

Each question is one a reader of the transcripts asks in Chinese, answerable since this
audit: what a thing is called in the speech (the transcript's own noun phrase, or the
established name behind a recognition error), and what the one new statement says.
"""

import pytest

from test_competency import assert_answer, rows


def zh_name(iri: str) -> str:
    """The Chinese preferred label of ``iri``."""
    return f'SELECT ?zh WHERE {{ {iri} skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }}'


QUESTIONS = [
    # recognition errors: the established name is the prefLabel, the transcript's form an alias
    ("which-carmakers-are-蔚小理-and-how-does-the-transcript-write-them",
     """SELECT ?maker ?form WHERE { ?g skos:prefLabel "蔚小理"@zh ; skos:altLabel ?form . ?maker kg:partOf ?g
               FILTER(lang(?form) = "zh") }""",
     {("kgr:nio", "魏小李"), ("kgr:xpeng", "魏小李"), ("kgr:li-auto", "魏小李")}),
    ("what-is-大压住-and-who-made-it",  # 2024, line 297: two sets of large die-casting from the start
     """SELECT ?zh ?maker WHERE { ?t skos:altLabel "大压住"@zh ; skos:prefLabel ?zh ; kg:madeBy ?maker
               FILTER(lang(?zh) = "zh") }""",
     {("大压铸", "kgr:xiaomi-auto")}),
    ("who-is-李田园-and-where-did-he-go-from-bmw",
     """SELECT ?zh ?org WHERE { ?p skos:altLabel "李田园"@zh ; skos:prefLabel ?zh ; kg:joined ?org
               FILTER(lang(?zh) = "zh") }""",
     {("李田原", "kgr:xiaomi-auto")}),
    # cleanup2: the English words Lei Jun says (dream卡 = dream car) are no Chinese form: no Chinese label
    ("what-is-the-dream卡-of-the-2024-speech", zh_name("kgr:dream-car"), set()),
    # the Internet: its Chinese name, and the 2024 transcript's one sentence on it (line 155)
    ("which-sources-mention-互联网",
     'SELECT ?s WHERE { ?e skos:prefLabel "互联网"@zh ; kg:mentionedIn ?s }',
     {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",), ("kgr:source-speech-2024-zh",)}),
    ("what-does-the-2024-speech-say-the-internet-was-applied-to",
     """SELECT ?x WHERE { ?st rdf:subject kgr:internet ; rdf:predicate kg:appliedTo ; rdf:object ?x ;
               kg:evidence/kg:source kgr:source-speech-2024-zh }""",
     {("kgr:car-industry",)}),
    # Xiaomi's departments by the names the speeches give them
    ("what-are-xiaomi's-departments-called-in-chinese",
     """SELECT ?zh WHERE { ?d a kg:Department ; kg:partOf kgr:xiaomi ; skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }""",
     {("相机部",), ("HR部门",), ("市场部",), ("小米汽车",), ("小米董事会",),
      # zh-labels-4: 研发团队, 小米产品团队 (2023 transcript), 公关同学 (2024 transcript)
      ("研发团队",), ("小米产品团队",), ("公关同学",)}),
    ("what-is-xiaomi's-high-end-strategy-called-and-who-coined-it",
     """SELECT ?zh ?who WHERE { ?who kg:coined ?s . ?s skos:prefLabel ?zh ; skos:altLabel "高端化"@zh
               FILTER(lang(?zh) = "zh") }""",
     {("高端化战略", "kgr:lei-jun")}),
    # places, by the transcripts' own noun phrases
    ("where-did-lei-jun-stand-in-the-store-for-seven-days",
     'SELECT ?zh WHERE { kgr:event-store-week kg:place ?p . ?p skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }',
     {("最大的软件店",)}),
    ("in-which-room-was-the-three-color-company",
     'SELECT ?zh WHERE { kgr:three-color-company kg:locatedIn ?r . ?r skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }',
     {("房号103",)}),
    ("where-did-lei-jun-look-for-cars-to-borrow",
     """SELECT ?zh WHERE { kgr:event-lei-jun-test-drives-170-cars kg:place ?p . ?p skos:prefLabel ?zh
               FILTER(lang(?zh) = "zh") }""",
     {("小米的地下车库",), ("4S店",)}),  # and the dealerships of every brand (line 439)
    ("which-cities-held-joyo's-three-city-warehousing",
     """SELECT ?city WHERE { ?st rdf:subject ?w ; rdf:predicate kg:locatedIn ; rdf:object ?city .
               ?w skos:prefLabel "北京、上海、深圳三地仓储"@zh }""",
     {("kgr:beijing",), ("kgr:shanghai",), ("kgr:shenzhen",)}),
    # people and groups
    ("from-whom-did-the-student-lei-jun-learn",  # the 2023 and 2024 speeches' teachers, in Chinese
     """SELECT ?zh WHERE { kgr:lei-jun kg:learnedFrom ?x . ?x skos:prefLabel ?zh FILTER(lang(?zh) = "zh")
               VALUES ?x { kgr:whu-senior-townsmen kgr:racing-instructor } }""",
     {("几个学长",), ("教练",)}),
    ("who-at-the-pricing-meeting-settled-the-su7's-price",
     """SELECT ?zh WHERE { kgr:event-su7-pricing-meeting kg:attendee ?p . ?p a kg:Person ; kg:partOf kgr:xiaomi-executives ;
               skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }""",
     {("现场的一位高管",)}),
    ("what-does-the-2022-transcript-call-the-startups-lei-jun-backed",  # UCWeb, the best known, keeps its Latin name
     """SELECT ?zh WHERE { kgr:lei-jun kg:investedIn ?x . ?x a kg:Group ; skos:prefLabel ?zh FILTER(lang(?zh) = "zh") }""",
     {("一大批的初创公司",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_zh_labels_3_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
