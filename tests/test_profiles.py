"""Competency questions the profiles audit made answerable: who a person is (role, employer,
relation to Lei Jun) and what an organisation is (where it is, who leads it, whom it competes
with), from the facts of triples/audit3/profiles.ttl.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    ("where-is-xiaomi",  # founded in an office in Zhongguancun, Beijing
     "SELECT ?p WHERE { kgr:xiaomi kg:locatedIn ?p }",
     {("kgr:beijing",)}),
    ("who-leads-tesla",  # 'Tesla's, Musk's die-hard fans'
     "SELECT ?p WHERE { ?p kg:leads kgr:tesla }",
     {("kgr:elon-musk",)}),
    ("whom-does-xiaomi-auto-compete-with",  # the new forces, the rivals who fanned the attacks, Tesla's Model 3
     "SELECT ?c WHERE { kgr:xiaomi-auto kg:competesWith ?c }",
     {("kgr:new-force-car-makers",), ("kgr:tesla",)}),
    ("where-did-hu-zhengnan-work",  # his former employer, then Shunwei ('后来他加入了宋炜')
     "SELECT ?o WHERE { kgr:hu-zhengnan kg:worksFor ?o }",
     {("kgr:hu-zhengnan-former-employer",), ("kgr:shunwei-capital",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_profile_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
