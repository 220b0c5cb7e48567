"""Competency questions the cross-speech lens made answerable (triples/audit3/crossspeech.ttl):
what the speeches say of one story in two or more tellings, where they agree (one node cites
both) and where they disagree (a kg:Conflict between the tellings' claims, both primary).

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- conflicts between two primary tellings -------------------------------------------
    ("how-long-was-lei-jun-at-kingsoft",  # 2022: '16 years'; 2023: 'almost 30 years' with Wang Quanguo
     """SELECT ?a ?b ?k WHERE { kgr:conflict-speeches-years-at-kingsoft kg:sideA ?a ; kg:sideB ?b ; kg:conflictKind ?k }""",
     {("kgr:claim-speech-2022-sixteen-years-at-kingsoft", "kgr:claim-speech-2023-thirty-years-at-kingsoft-with-wang",
       "kg:Contradiction")}),
    ("which-speeches-tell-lei-jun-s-years-at-kingsoft",  # the two sides, cited from three sources
     """SELECT DISTINCT ?src WHERE { kgr:conflict-speeches-years-at-kingsoft kg:conflictingClaim/kg:evidence/kg:source ?src }""",
     {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",), ("kgr:source-speech-2023-zh",)}),
    # --- agreements: one node, two tellings -----------------------------------------------
    ("which-speeches-tell-lei-jun-s-change-into-a-manager",  # 2023 sums it up; 2022: programmer, general manager at 26
     """SELECT DISTINCT ?src WHERE { kgr:event-lei-jun-programmer-to-manager kg:evidence/kg:source ?src }""",
     {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",), ("kgr:source-speech-2023-zh",)}),
    ("what-was-lei-jun-s-general-managership-part-of",
     "SELECT ?w WHERE { kgr:event-lei-jun-general-manager kg:partOf ?w }",
     {("kgr:event-lei-jun-programmer-to-manager",)}),
    ("which-2022-announcement-falls-in-xiaomi-s-car-years",  # 'After 500 days' = 30 March 2021 + 500 days
     """SELECT ?e WHERE { ?e a kg:Release ; kg:during kgr:period-xiaomi-car-years ; kg:date ?d FILTER(STR(?d) < "2023") }""",
     {("kgr:event-autonomous-driving-debut",)}),
    ("which-speeches-contradict-the-article-s-two-finger-typist",  # 2022: touch-typed super fast; 2023: learned on a paper keyboard
     """SELECT DISTINCT ?src WHERE { kgr:conflict-two-fingers-zen kg:sideA/kg:evidence/kg:source ?src }""",
     {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",), ("kgr:source-speech-2023-zh",)}),
    ("which-speeches-say-lei-jun-founded-xiaomi-with-partners",  # 2022 zh 我们就创办了小米; 2023 和一群伙伴; 2024 我们小米创业
     """SELECT DISTINCT ?src WHERE { kgr:conflict-translation-who-founded-xiaomi kg:sideA/kg:evidence/kg:source ?src }""",
     {("kgr:source-speech-2022-zh",), ("kgr:source-speech-2023-zh",), ("kgr:source-speech-2024-zh",)}),
    ("which-sources-date-xiaomi-s-founding",  # 2010: stated (2022, 2023), '12 years old' (2022), '14 years ago' (2024)
     """SELECT DISTINCT ?src WHERE { kgr:event-xiaomi-founding kg:evidence/kg:source ?src }""",
     {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",), ("kgr:source-speech-2023-zh",),
      ("kgr:source-speech-2024-zh",)}),
    ("which-speeches-say-lei-jun-makes-cars",  # 2023: 我今天干的是手机和汽车; 2024: 雷军带队
     """SELECT DISTINCT ?src WHERE { ?s rdf:subject kgr:lei-jun ; rdf:predicate kg:leads ; rdf:object kgr:xiaomi-auto ;
               kg:evidence/kg:source ?src }""",
     {("kgr:source-speech-2023-zh",), ("kgr:source-speech-2024-zh",)}),
    ("what-else-happened-on-the-day-of-the-high-end-strategy-meeting",  # 2024: the car meeting begins on the same day
     """SELECT ?other WHERE { ?c kg:sideA ?a ; kg:sideB ?b . ?a kg:about kgr:event-high-end-strategy-meeting-2022 .
               ?b kg:about ?other . ?other a kg:Meeting . kgr:event-high-end-strategy-meeting-2022 kg:date ?d . ?other kg:date ?d }""",
     {("kgr:event-21-day-meeting-2022",)}),
    ("which-conflicts-set-one-speech-against-another",  # both sides primary, from different speeches
     """SELECT DISTINCT ?c WHERE { ?c kg:sideA/kg:evidence/kg:source ?sa ; kg:sideB/kg:evidence/kg:source ?sb .
               ?sa kg:sourceKind kg:PrimarySource . ?sb kg:sourceKind kg:PrimarySource .
               FILTER NOT EXISTS { ?c kg:conflictKind kg:Translation }
               FILTER NOT EXISTS { ?c kg:sideB/kg:evidence/kg:source/kg:sourceKind kg:SecondarySource }
               FILTER(?sa != ?sb && !(?sa IN (kgr:source-speech-2022, kgr:source-speech-2022-zh) && ?sb IN (kgr:source-speech-2022, kgr:source-speech-2022-zh))) }""",
     {("kgr:conflict-speeches-years-at-kingsoft",), ("kgr:conflict-speeches-first-working-day-2022",),
      ("kgr:conflict-speeches-first-unpaid-wages",), ("kgr:conflict-speeches-first-computers",),
      ("kgr:conflict-speeches-car-publicity",)}),
    ("which-crises-does-the-first-unpaid-wages-conflict-set-against-each-other",  # 2022: Kingsoft 1996 the 'first time'; 2023: Three-color
     """SELECT ?ea ?eb WHERE { kgr:conflict-speeches-first-unpaid-wages kg:sideA/kg:about ?ea ; kg:sideB/kg:about ?eb .
               ?ea a kg:Crisis . ?eb a kg:Crisis }""",
     {("kgr:event-kingsoft-crisis-1995", "kgr:event-three-color-crisis")}),
    ("which-speeches-place-xiaomi-events-in-the-2022-pandemic",  # 2023: the Xiaomi 13's closed development; 2024: the Shanghai outbreak
     """SELECT DISTINCT ?e ?src WHERE { ?s rdf:subject ?e ; rdf:predicate kg:during ; rdf:object kgr:covid-19-pandemic ;
               kg:evidence/kg:source ?src . ?e kg:date ?d FILTER(STR(?d) = "2022") FILTER(?e != kgr:speech-2022-event) }""",
     {("kgr:event-xiaomi-13-closed-development", "kgr:source-speech-2023-zh"),
      ("kgr:event-shanghai-covid-outbreak-2022", "kgr:source-speech-2024-zh")}),
    ("what-is-xiaomi-s-autonomous-driving-team-part-of",  # Xiaomi (2022); Xiaomi Auto (inferred across 2022 and 2024)
     "SELECT ?o WHERE { kgr:xiaomi-autonomous-driving-team kg:partOf ?o }",
     {("kgr:xiaomi",), ("kgr:xiaomi-auto",)}),
    ("which-speeches-say-lei-jun-finds-strangers-hard",  # 2022: the store (跟一个陌生人打交道...很难); 2023: the freshman (社恐)
     """SELECT DISTINCT ?src WHERE { kgr:claim-lei-jun-is-a-programmer kg:evidence/kg:source ?src }""",
     {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",), ("kgr:source-speech-2023-zh",)}),
    ("what-was-know-and-love-a-trade-applied-to",  # 2024 (the car) and 2023 (the photography classes)
     """SELECT ?o WHERE { kgr:idea-know-and-love-a-trade kg:appliedTo ?o }""",
     {("kgr:event-leica-photography-classes",), ("kgr:xiaomi-auto",)}),
    ("when-did-lei-jun-first-program-by-each-speech",  # 2023: first programming course in 1987; 2022 zh: 20-odd years of computers by 2005
     """SELECT ?d ?n WHERE { kgr:conflict-speeches-first-computers kg:sideA ?a ; kg:sideB ?b .
               ?a kg:date ?d . ?b kg:quantity/kg:value ?n }""",
     {("1987", "20")}),
    ("which-speeches-put-lei-jun-at-the-head-of-kingsoft-and-xiaomi",  # Kingsoft: 2022, 2023; Xiaomi: 2022, 2023, 2024
     """SELECT DISTINCT ?org ?src WHERE { VALUES ?org { kgr:kingsoft kgr:xiaomi }
               ?s rdf:subject kgr:lei-jun ; rdf:predicate kg:leads ; rdf:object ?org ; kg:evidence/kg:source ?src }""",
     {("kgr:kingsoft", "kgr:source-speech-2022"), ("kgr:kingsoft", "kgr:source-speech-2022-zh"),
      ("kgr:kingsoft", "kgr:source-speech-2023-zh"), ("kgr:xiaomi", "kgr:source-speech-2022"),
      ("kgr:xiaomi", "kgr:source-speech-2023-zh"), ("kgr:xiaomi", "kgr:source-speech-2024-zh")}),
    ("what-did-xiaomi-show-of-its-car-project-before-december-2023",  # 2022: the autonomous-driving debut, against 2024's 'no publicity at all'
     """SELECT ?e ?d WHERE { kgr:conflict-speeches-car-publicity kg:sideB/kg:about ?e . ?e a kg:Release ; kg:date ?d }""",
     {("kgr:event-autonomous-driving-debut", "2022")}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_crossspeech_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
