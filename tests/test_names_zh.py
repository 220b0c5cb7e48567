"""Competency questions of the names-zh audit (triples/audit3/names-zh.ttl): every named
thing of the three Chinese transcripts, under every surface form they use.

Each question is a lookup a reader of the transcripts makes, answerable since this audit:
which node a transcript's form (often a recognition error) names, and what the sentence
states of the named things that had no node.
"""

import pytest

from test_competency import assert_answer, rows


def alias_lookup(form: str) -> str:
    """The entities one of whose labels is exactly ``form`` (any language tag)."""
    return f'SELECT ?e WHERE {{ ?e skos:prefLabel|skos:altLabel ?l . FILTER(STR(?l) = "{form}") }}'


QUESTIONS = [
    # 2023 transcript
    ("which-game-did-the-three-color-director-play-for-meal-tickets",
     "SELECT ?g WHERE { kgr:event-three-color-mahjong (kg:product|kg:participant) ?g . ?g a kg:Game }",
     {("kgr:mahjong",)}),
    ("which-entity-is-麻将", alias_lookup("麻将"), {("kgr:mahjong",)}),
    ("which-phone-is-小米12S-and-who-made-it",  # the small-screen flagship between the Mi 12 and the 13
     "SELECT ?p ?maker WHERE { ?p skos:prefLabel \"小米12S\"@zh ; a kg:Phone ; kg:madeBy ?maker }",
     {("kgr:xiaomi-12s", "kgr:xiaomi")}),
    ("what-was-lei-jun's-student-paper-about",
     "SELECT ?t WHERE { kgr:computer-research-and-development-paper kg:concerns ?t . ?t a kg:Technology }",
     {("kgr:computer-virus",)}),
    ("which-of-lei-jun's-student-works-concern-computer-viruses",
     "SELECT ?w WHERE { ?w kg:concerns kgr:computer-virus }",
     {("kgr:computer-research-and-development-paper",), ("kgr:lei-jun-student-antivirus",)}),
    ("in-which-holiday-did-lei-jun-meet-wang-quanguo",
     "SELECT ?p ?d WHERE { kgr:event-lei-jun-meets-wang-quanguo kg:during ?p . ?p kg:date ?d }",
     {("kgr:period-may-day-holiday-1989", "1989-05")}),
    ("which-course-led-to-lei-jun's-homework-in-the-textbook",
     "SELECT ?c WHERE { ?e kg:person kgr:lei-jun ; kg:product ?c ; kg:ledTo kgr:event-pascal-homework-in-textbook }",
     {("kgr:pascal",)}),
    ("which-node-is-the-course-pascal语言程序设计", alias_lookup("pascal语言程序设计"),
     {("kgr:event-lei-jun-pascal-course",)}),
    ("what-does-三岁的4班-name", alias_lookup("三岁的4班"), {("kgr:three-color-bankruptcy",)}),
    # 2023 and 2024: the one holiday both speeches tell of
    ("which-speeches-tell-of-the-2022-spring-festival",
     "SELECT ?s WHERE { ?p skos:altLabel \"春节\"@zh ; kg:mentionedIn ?s }",
     {("kgr:source-speech-2023-zh",), ("kgr:source-speech-2024-zh",)}),
    # 2024 transcript
    ("which-body-types-did-xiaomi-weigh-for-its-first-car",
     "SELECT ?t WHERE { kgr:event-decision-pure-electric-sedan kg:participant ?t . ?t a kg:Technology }",
     {("kgr:sedan",), ("kgr:suv",)}),
    ("what-does-叫车-name", alias_lookup("叫车"), {("kgr:sedan",)}),
    # 2022 transcript
    ("who-was-kingsoft's-software-hero", alias_lookup("软件英雄"), {("kgr:qiu-bojun",)}),
    ("which-pager-company-did-ma-huateng-work-for",
     'SELECT ?c WHERE { kgr:ma-huateng kg:worksFor ?c . ?c skos:altLabel "寻呼机公司"@zh }',
     {("kgr:runxun",)}),
    ("which-music-did-lei-jun-take-to-in-1996",
     "SELECT ?m WHERE { kgr:event-lei-jun-takes-to-heavy-metal kg:participant ?m . ?m a kg:CreativeWork }",
     {("kgr:heavy-metal-rock",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_names_zh_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
