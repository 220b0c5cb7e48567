"""Works are labelled by the title a reader would look up, with the sources' renderings
kept as aliases: the English translation of the 2022 speech renders 大话西游 literally
('Westward Journey'), and the article calls it 'Journey to the West'; the film's English
title is 'A Chinese Odyssey'. Each question is a SPARQL query with its exact answer, in
the shape of READER_QUESTIONS in tests/test_competency.py.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph.cli import cli

from test_competency import assert_answer, rows

QUESTIONS = [
    ("what-is-the-english-title-of-da-hua-xi-you",  # 2022 zh: '像大话西游，像小王子，像东京爱情故事'
     """SELECT ?en WHERE { ?x skos:prefLabel "大话西游"@zh ; skos:prefLabel ?en FILTER(lang(?en) = "en") }""",
     {("A Chinese Odyssey",)}),
    ("which-work-do-the-sources-call-westward-journey-or-journey-to-the-west",
     # 2022 en: 'they bought "Westward Journey", "The Little Prince", "Tokyo Love Story", etc. on Zhuoyue.com'
     """SELECT DISTINCT ?x WHERE { VALUES ?name { "Westward Journey"@en "Journey to the West"@en } ?x skos:altLabel ?name }""",
     {("kgr:westward-journey",)}),
    ("which-films-and-dramas-did-joyo-com-sell",  # the same sentence: the first generation of e-commerce hits
     """SELECT ?l WHERE { ?e a kg:Sale ; kg:seller kgr:joyo ; kg:asset ?x . ?x a kg:Video ; skos:prefLabel ?l
               FILTER(lang(?l) = "en") }""",
     {("A Chinese Odyssey",), ("Tokyo Love Story",)}),
]


@pytest.mark.parametrize("name,query,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_titles_question(curated_graph, name, query, expected):
    assert_answer(rows(curated_graph, query), expected)


def test_kg_show_finds_the_film_by_the_speech_s_rendering():
    out = CliRunner().invoke(cli, ["show", "Westward Journey"])
    assert out.exit_code == 0 and out.output.startswith("A Chinese Odyssey  大话西游")
