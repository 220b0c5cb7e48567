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
    ("where-are-xiaomi-kingsoft-and-bmw",  # Zhongguancun, Beijing; Beijing Jinshan; BMW's German headquarters
     "SELECT ?o ?p WHERE { VALUES ?o { kgr:xiaomi kgr:kingsoft kgr:bmw } ?o kg:locatedIn ?p }",
     {("kgr:xiaomi", "kgr:beijing"), ("kgr:kingsoft", "kgr:beijing"), ("kgr:bmw", "kgr:germany")}),
    ("who-leads-tesla",  # 'Tesla's, Musk's die-hard fans'
     "SELECT ?p WHERE { ?p kg:leads kgr:tesla }",
     {("kgr:elon-musk",)}),
    ("whom-does-xiaomi-auto-compete-with",  # the new forces, Tesla (the Model 3), BBA (the 34C)
     "SELECT ?c WHERE { kgr:xiaomi-auto kg:competesWith ?c }",
     {("kgr:new-force-car-makers",), ("kgr:tesla",), ("kgr:bba",)}),
    ("where-did-hu-zhengnan-work",  # his former employer, then Shunwei ('后来他加入了宋炜')
     "SELECT ?o WHERE { kgr:hu-zhengnan kg:worksFor ?o }",
     {("kgr:hu-zhengnan-former-employer",), ("kgr:shunwei-capital",)}),
    ("who-led-the-three-color-company",  # everyone but Lei Jun had a turn as chairman
     "SELECT ?p WHERE { ?p kg:leads kgr:three-color-company }",
     {("kgr:three-color-senior-founder",)}),
    ("who-were-the-three-color-founders",  # Lei Jun, the senior student, and the mahjong-playing director
     "SELECT ?p WHERE { ?p kg:partOf kgr:three-color-founders }",
     {("kgr:lei-jun",), ("kgr:three-color-senior-founder",), ("kgr:three-color-mahjong-director",)}),
    ("who-stopped-playing-mahjong-with-the-director",
     "SELECT ?p WHERE { ?p kg:partOf kgr:whu-canteen-masters }",
     {("kgr:canteen-master-who-stopped-playing",)}),
    ("which-kingsoft-staff-left-after-pangu",  # '他们也陆续的离开了金山'
     "SELECT ?g WHERE { ?g kg:memberOf kgr:kingsoft . ?e a kg:Leaving ; kg:agent ?g }",
     {("kgr:kingsoft-colleagues-who-left",)}),
    ("which-car-people-urged-lei-jun-to-build-cars",  # Li Bin and He Xiaopeng, themselves in the car trade
     "SELECT ?p WHERE { ?p kg:partOf kgr:car-industry ; kg:asked kgr:lei-jun }",
     {("kgr:li-bin",), ("kgr:he-xiaopeng",)}),
    ("whose-customers-did-the-su7-target",  # Tesla's Model 3 buyers and BBA's 34C owners
     "SELECT ?c WHERE { kgr:xiaomi-auto kg:competesWith ?c . ?buyers kg:servedBy ?c }",
     {("kgr:tesla",), ("kgr:bba",)}),
    ("who-are-the-mi-fans",  # Xiaomi's fans and users; the first SU7 owners among them
     "SELECT ?x WHERE { { kgr:mi-fans kg:servedBy ?x } UNION { ?x kg:memberOf kgr:mi-fans } }",
     {("kgr:xiaomi",), ("kgr:sun-lili",), ("kgr:first-su7-owners",)}),
    ("what-did-hu-zhengnan-found",  # '自己也创过业': his own start-up, unnamed
     "SELECT ?o WHERE { kgr:hu-zhengnan kg:founded ?o }",
     {("kgr:hu-zhengnan-startup",)}),
    ("who-did-the-mix-video-leader-and-the-best-salesman-belong-to",
     """SELECT ?p ?o WHERE { VALUES ?p { kgr:mix-video-project-leader kgr:store-best-salesman }
        { ?p kg:worksFor ?o } UNION { ?p kg:partOf ?o } }""",
     {("kgr:mix-video-project-leader", "kgr:xiaomi"), ("kgr:store-best-salesman", "kgr:store-shop-assistants")}),
    ("who-learned-from-lei-jun",  # Shou Zi Chew, the young executive Xiaomi trained for years
     "SELECT ?p WHERE { ?p a kg:Person ; kg:learnedFrom kgr:lei-jun }",
     {("kgr:shou-zi-chew",)}),
    ("who-founded-alibaba",  # Ma Yun 'when he started his business' = '阿里巴巴创业的时候'
     "SELECT ?p WHERE { ?p kg:founded kgr:alibaba }",
     {("kgr:ma-yun",)}),
    ("what-did-kingsoft-s-shareholders-invest-in",  # Kingsoft itself, and Joyo.com's first two rounds
     "SELECT ?o WHERE { kgr:kingsoft-shareholders kg:investedIn ?o }",
     {("kgr:kingsoft",), ("kgr:joyo",)}),
    ("who-are-xiaomi-auto-s-suppliers",  # '我们把供应商也折腾的够呛' -> the call to CATL's Zeng Yuqun
     "SELECT ?o ?head WHERE { ?o kg:partOf kgr:xiaomi-auto-suppliers . ?head kg:leads ?o }",
     {("kgr:catl", "kgr:zeng-yuqun")}),
    ("who-are-xiaomi-auto-s-customers-in-the-story",  # the first owners, the buyers who ordered unseen
     "SELECT ?g WHERE { ?g kg:servedBy kgr:xiaomi-auto }",
     {("kgr:first-su7-owners",), ("kgr:buyers-without-test-drive",)}),
    ("which-netizens-does-the-2024-speech-quote",  # '有网友就评价说', '网友在过去的几个月不停的催我'
     "SELECT ?x WHERE { ?x kg:partOf kgr:netizens }",
     {("kgr:netizen-executive-challenge",), ("kgr:netizens-urging-drift",)}),
    ("which-wuhan-university-groups-did-lei-jun-learn-from",  # teachers, senior townsmen, the classmates' advice on his paper
     "SELECT ?x WHERE { kgr:lei-jun kg:learnedFrom ?x . ?x kg:memberOf kgr:wuhan-university }",
     {("kgr:whu-teachers-who-helped-lei-jun",), ("kgr:whu-senior-townsmen",), ("kgr:classmates-who-reviewed-the-paper",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_profile_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
