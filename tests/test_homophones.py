"""Competency questions the homophones lens made answerable (triples/audit3/homophones.ttl).

The Chinese transcripts are speech-to-text, so names come out as homophones; the lens
swept every span whose pinyin matches a label's and recorded the forms and citations
the earlier sweeps still lacked.
"""
import pytest

from test_competency import rows, assert_answer

QUESTIONS = [
    # the 2024 transcript's '创始版的初期' (line 937) is the SU7 Founders Edition
    ("what-is-chuangshiban-de-chuqi",
     'SELECT ?e WHERE { ?e skos:altLabel "创始版的初期"@zh }',
     {("kgr:xiaomi-su7-founders-edition",)}),
    ("what-is-chuangshiban-de-chuqi-in-english",
     'SELECT ?l WHERE { ?e skos:altLabel "创始版的初期"@zh ; skos:prefLabel ?l FILTER(LANG(?l) = "en") }',
     {("Xiaomi SU7 Founders Edition",)}),
    ("which-chinese-forms-name-the-su7-founders-edition",
     'SELECT ?l WHERE { kgr:xiaomi-su7-founders-edition skos:prefLabel|skos:altLabel ?l FILTER(LANG(?l) = "zh") }',
     {("小米SU7创始版",), ("创始版",), ("创始版的初期",)}),
    ("which-forms-misrecognise-su7-as-chuqi",  # 初期 'early period' for SU7 (su qi)
     'SELECT ?e ?l WHERE { ?e skos:prefLabel|skos:altLabel ?l FILTER(LANG(?l) = "zh" && CONTAINS(?l, "初期")) }',
     {("kgr:xiaomi-su7", "小米初期"), ("kgr:xiaomi-su7-founders-edition", "创始版的初期")}),
    ("what-is-the-founders-edition-with-the-chuqi-form-a-version-of",
     'SELECT ?x WHERE { ?e skos:altLabel "创始版的初期"@zh . ?st rdf:subject ?e ; rdf:predicate kg:partOf ; rdf:object ?x }',
     {("kgr:xiaomi-su7",)}),
    # 2024 line 225: without the US sanctions there would be no SU7 today
    ("what-does-the-speech-say-the-sanctions-made-possible",
     "SELECT ?c WHERE { ?c a kg:Claim ; kg:about kgr:xiaomi-su7 , kgr:event-us-sanctions-2021 }",
     {("kgr:claim-speech-no-sanctions-no-su7",)}),
    ("what-is-the-no-sanctions-no-su7-claim-about",
     "SELECT ?x WHERE { kgr:claim-speech-no-sanctions-no-su7 kg:about ?x }",
     {("kgr:xiaomi-su7",), ("kgr:event-us-sanctions-2021",), ("kgr:car-industry",), ("kgr:xiaomi",)}),
    ("which-source-says-no-sanctions-no-su7",
     "SELECT DISTINCT ?s WHERE { ?c a kg:Claim ; kg:about kgr:xiaomi-su7 , kgr:event-us-sanctions-2021 ; kg:evidence/kg:source ?s }",
     {("kgr:source-speech-2024-zh",)}),
    ("which-sentence-says-no-sanctions-no-su7",
     "SELECT ?q WHERE { kgr:claim-speech-no-sanctions-no-su7 kg:evidence/kg:quote ?q }",
     {("如果不是遭遇美国制裁这样意外事件的巨大的冲击，我们不会贸然进入汽车这么复杂的行业，也不会有今天的小米初期。",)}),
    ("which-nodes-cite-the-no-sanctions-no-su7-sentence",  # the car-announcement link and the SU7 claim
     'SELECT ?s WHERE { ?s kg:evidence/kg:quote "如果不是遭遇美国制裁这样意外事件的巨大的冲击，我们不会贸然进入汽车这么复杂的行业，也不会有今天的小米初期。" }',
     {("kgr:stmt-sanctions-led-to-xiaomi-auto",), ("kgr:claim-speech-no-sanctions-no-su7",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_homophone_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
