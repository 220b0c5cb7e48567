"""Competency questions the timeline lens made answerable (triples/audit3/timeline.ttl and
the fixes made in place): what a reader of `kg timeline` asks of each line: what kind of
event it is, who did it in which role, when it began and ended, and how an inferred
date was obtained.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py.
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- (1) types and roles ----------------------------------------------------------------
    ("what-did-the-seniors-from-lei-jun-s-home-region-give-him",  # 2023: '把他们用过的教材教辅……打包送给我了'
     """SELECT ?donor ?recipient ?l WHERE { ?e a kg:Donation , kg:Meeting ; kg:donor ?donor ; kg:recipient ?recipient ;
               skos:prefLabel ?l FILTER(lang(?l) = "en") }""",
     {("kgr:whu-senior-townsmen", "kgr:lei-jun",
       "Seniors from Lei Jun's home region explain the courses and give him their textbooks")}),
    ("who-proposed-talking-to-leica-and-to-whom",  # 2023: '我就提了个大胆的建议，我们能不能找徕卡聊一聊？'
     """SELECT ?role ?x WHERE { kgr:event-lei-jun-proposes-leica ?role ?x . ?role rdfs:subPropertyOf* kg:participant }""",
     {("kg:requester", "kgr:lei-jun"), ("kg:addressee", "kgr:xiaomi"), ("kg:participant", "kgr:leica")}),
    ("who-took-part-in-the-car-announcement-and-how",  # 2024: '当天我们就正式公告了小米下场造车雷军带队'
     """SELECT ?role ?x WHERE { kgr:xiaomi-car-announcement ?role ?x . ?role rdfs:subPropertyOf* kg:participant }""",
     {("kg:founder", "kgr:xiaomi"), ("kg:agent", "kgr:lei-jun"), ("kg:organization", "kgr:xiaomi-auto")}),
    ("which-events-name-a-participant-twice-under-a-role-and-its-super-role",  # none: one role per participant
     """SELECT ?e ?x WHERE { ?e ?r1 ?x ; ?r2 ?x . ?r1 rdfs:subPropertyOf+ ?r2 . ?r2 rdfs:subPropertyOf* kg:participant .
               ?r1 a kg:RoleProperty }""",
     set()),
    ("what-did-joyo-com-sell",  # 2022: 'bought "Westward Journey", "The Little Prince", "Tokyo Love Story", etc. on Zhuoyue.com'
     "SELECT ?what WHERE { ?e a kg:Sale ; kg:seller kgr:joyo ; kg:asset ?what }",
     {("kgr:westward-journey",), ("kgr:the-little-prince",), ("kgr:tokyo-love-story",)}),
    ("did-joyo-com-sell-the-little-prince",  # the derived edge of the sale
     "SELECT ?x WHERE { kgr:joyo kg:sold ?x }",
     {("kgr:westward-journey",), ("kgr:the-little-prince",), ("kgr:tokyo-love-story",)}),
    ("which-review-meetings-ran-until-dawn",  # 2022: 'Those meetings often went on until four or five in the morning'
     "SELECT ?e ?d WHERE { ?e a kg:Meeting ; kg:organization kgr:xiaomi ; kg:agent kgr:lei-jun ; kg:date ?d FILTER(STR(?d) = \"2020\") }",
     {("kgr:event-xiaomi-10th-anniversary-review", "2020")}),
    ("which-car-research-meetings-did-xiaomi-hold-in-early-2021",  # the 70-day research (85 sessions) and its four executives' meetings
     """SELECT ?e WHERE { ?e a kg:Meeting ; kg:date ?d FILTER(STR(?d) = "2021-01") }""",
     {("kgr:event-car-research-2021",), ("kgr:event-car-research-executive-meetings",)}),
    ("who-glimpsed-the-mobile-internet-amid-the-3g-rumours",  # 2022: '我隐约看到了一个巨大的机会'
     """SELECT ?e ?who WHERE { ?e skos:altLabel "Rumours of 3G networks, 2005"@en ; kg:agent ?who ;
               skos:prefLabel ?l FILTER(lang(?l) = "en" && CONTAINS(?l, "Lei Jun glimpses")) }""",
     {("kgr:event-3g-rumours-2005", "kgr:lei-jun")}),
    ("which-works-did-lei-jun-write-or-film-and-put-out",  # a made work is a kg:Release with its maker as developer
     """SELECT ?w WHERE { ?e a kg:Release ; kg:developer kgr:lei-jun ; kg:product ?w . ?w a/rdfs:subClassOf* kg:CreativeWork }""",
     {("kgr:lei-jun-longest-bbs-post",), ("kgr:lei-jun-drift-video",), ("kgr:xiaomi-entrepreneurship-thinking",),
      ("kgr:lei-jun-2005-internet-note",), ("kgr:lei-jun-tuyere-blog-post",), ("kgr:computer-research-and-development-paper",)}),
    ("what-does-the-article-say-lei-jun-signed-in-amazon-s-china-office",  # the article's signing scene
     """SELECT ?e ?l WHERE { ?e kg:agent kgr:lei-jun ; kg:place kgr:amazon-china-office ; skos:prefLabel ?l FILTER(lang(?l) = "en") }""",
     {("kgr:joyo-sale-signing", "Lei Jun signs the Joyo.com sale in Amazon's China office")}),
    ("are-the-old-event-labels-still-found",  # relabelled events keep their old labels as aliases
     """SELECT ?e WHERE { VALUES (?e ?old) {
               (kgr:event-lei-jun-asks-senior-townsmen "Lei Jun asks senior students from his home region how to choose courses"@en)
               (kgr:event-3g-rumours-2005 "Rumours of 3G networks, 2005"@en)
               (kgr:event-first-car-definition-2021 "Defining Xiaomi's first car"@en)
               (kgr:event-mi-11-ultra-development "Two years of preparing the Mi 11 Ultra"@en)
               (kgr:event-lei-jun-pascal-course "Lei Jun's first-year course 'Pascal language programming'"@en)
               (kgr:event-xiaomi-rd-five-year-plan "Xiaomi's five-year R&D plan"@en)
               (kgr:xiaomi-15-ultra-pricing "Pricing of the Xiaomi 15 Ultra"@en)
               (kgr:joyo-sale-signing "Signing of the Joyo.com sale in Amazon's China office"@en)
               (kgr:three-color-founding "Founding of the Three-color company"@en) }
               ?e skos:altLabel ?old }""",
     {("kgr:event-lei-jun-asks-senior-townsmen",), ("kgr:event-3g-rumours-2005",), ("kgr:event-first-car-definition-2021",),
      ("kgr:event-mi-11-ultra-development",), ("kgr:event-lei-jun-pascal-course",), ("kgr:event-xiaomi-rd-five-year-plan",),
      ("kgr:xiaomi-15-ultra-pricing",), ("kgr:joyo-sale-signing",), ("kgr:three-color-founding",)}),
    # --- (2) dates: starts, ends, precision, how inferred -----------------------------------
    ("when-was-lei-jun-s-half-year-on-the-bbs",  # the rest from the end of April to November 1996
     "SELECT ?d ?end WHERE { kgr:event-bbs-half-year kg:date ?d ; kg:endDate ?end }",
     {("1996-04", "1996-11")}),
    ("when-did-the-darkest-period-of-lei-jun-s-life-end",  # recovered on the BBS, back at Kingsoft in November 1996
     "SELECT ?d ?end WHERE { kgr:period-lei-jun-darkest-time kg:date ?d ; kg:endDate ?end }",
     {("1996", "1996-11")}),
    ("which-periods-are-not-dated",  # eras a year falls in, whose bounds no source gives
     "SELECT ?p WHERE { ?p a kg:Period ; kg:dateUnknown ?why }",
     {("kgr:period-dos-era",), ("kgr:period-feature-phone-era",), ("kgr:period-new-media-era",)}),
    ("when-did-lei-jun-s-year-on-the-electronics-street-begin",  # 在我大学二年级五一的假期, May 1989
     "SELECT ?d ?end WHERE { kgr:event-lei-jun-on-electronics-street kg:date ?d ; kg:endDate ?end }",
     {("1989-05", "1990")}),
    ("how-is-the-board-proposal-of-1998-dated",  # the month is that of the realisation; the proposal is 'at that time'
     """SELECT ?d WHERE { kgr:event-board-persuaded-1998 kg:date ?d ; kg:dateInferred ?how FILTER(CONTAINS(?how, "我当时建议董事会")) }""",
     {("1998-10",)}),
    ("what-do-the-speeches-say-of-the-three-color-founding-year",  # 'more than a year' on the street from May 1989
     """SELECT ?d WHERE { kgr:three-color-founding kg:date ?d ; kg:dateInferred ?how FILTER(CONTAINS(?how, "一年多")) }""",
     {("1990",)}),
    ("which-leica-launches-do-the-speeches-place-before-the-2022-speech",  # 'inherits the original Leica imaging experience'
     """SELECT ?e ?d WHERE { ?e kg:date ?d ; kg:dateInferred ?how FILTER(CONTAINS(?how, "original Leica imaging experience")) }""",
     {("kgr:event-xiaomi-12s-ultra-release", "2022"), ("kgr:event-leica-dual-image-quality-release", "2022"),
      ("kgr:xiaomi-leica-partnership", "2022")}),  # the partnership's own note uses the same bound
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_timeline_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
