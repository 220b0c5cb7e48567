"""Competency questions the products audit made answerable (triples/audit3/products.ttl):
for each product, who made it, what came before and after it, what it competed with,
what brand and line it belongs to, what kind of thing it is, and its release.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py (reified statements count as direct edges,
as the loader materializes them).
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # --- who made it? ---------------------------------------------------------------------
    ("who-made-the-products-of-the-2022-autumn-launch",  # every product of the evening is Xiaomi's
     "SELECT ?p ?maker WHERE { kgr:event-xiaomi-autumn-launch-2022 kg:product ?p . ?p kg:madeBy ?maker }",
     {("kgr:xiaomi-mix-fold-2", "kgr:xiaomi"), ("kgr:miui-fold-13", "kgr:xiaomi"), ("kgr:xiaomi-buds-4-pro", "kgr:xiaomi"),
      ("kgr:xiaomi-watch-s1-pro", "kgr:xiaomi"), ("kgr:premium-gift-box", "kgr:xiaomi"), ("kgr:mi-pad-5-pro-12-4", "kgr:xiaomi"),
      ("kgr:miui-pad-13", "kgr:xiaomi"), ("kgr:redmi-k50-ultra", "kgr:xiaomi"), ("kgr:mijia-smart-smoke-purifier-p1", "kgr:xiaomi"),
      ("kgr:mijia-washer-dryer-15kg", "kgr:xiaomi"), ("kgr:xiaomi-autonomous-driving-technology", "kgr:xiaomi"),
      ("kgr:cyberone", "kgr:xiaomi")}),
    ("who-made-cyberone-s-parts",  # brain's control algorithm, vision, joint drives: all Xiaomi's
     "SELECT ?part ?maker WHERE { ?part kg:partOf kgr:cyberone ; kg:madeBy ?maker }",
     {("kgr:xiaomi-whole-body-control-algorithm", "kgr:xiaomi"), ("kgr:mi-sense", "kgr:xiaomi"),
      ("kgr:cyberone-joint-drives", "kgr:xiaomi")}),
    ("which-products-did-kingsoft-make",  # WPS, Pangu, WPS97, Computer Introduction, the hit titles and the games
     "SELECT ?p WHERE { ?p kg:madeBy kgr:kingsoft }",
     {("kgr:wps",), ("kgr:pangu",), ("kgr:wps-97",), ("kgr:computer-introduction",), ("kgr:kingsoft-antivirus",),
      ("kgr:kingsoft-powerword",), ("kgr:kingsoft-yingba",), ("kgr:jianxia-qingyuan",)}),
    ("who-wrote-bitlok",  # 'the two of us agreed to write encryption software over the summer'
     "SELECT ?m WHERE { kgr:bitlok kg:madeBy ?m }",
     {("kgr:lei-jun",), ("kgr:wang-quanguo",)}),
    ("what-did-joyo-build-for-its-customers",  # warehousing in three cities, its own logistics, 4-hour delivery
     "SELECT ?p WHERE { ?p kg:madeBy kgr:joyo }",
     {("kgr:joyo-multi-site-warehousing",), ("kgr:joyo-self-built-logistics",), ("kgr:joyo-four-hour-delivery",)}),
    ("who-made-the-leica-looks",  # both halves of Leica dual image quality: 'the work of our two companies'
     "SELECT ?look ?maker WHERE { ?look kg:partOf kgr:leica-dual-image-quality ; kg:madeBy ?maker }",
     {("kgr:leica-authentic-look", "kgr:xiaomi"), ("kgr:leica-authentic-look", "kgr:leica"),
      ("kgr:leica-vibrant-look", "kgr:xiaomi"), ("kgr:leica-vibrant-look", "kgr:leica")}),
    # --- what came before it? -------------------------------------------------------------
    ("what-came-before-wps-97",  # Pangu (1995), meant to carry on the DOS-era WPS
     "SELECT ?p WHERE { kgr:wps-97 kg:successorOf+ ?p }",
     {("kgr:pangu",), ("kgr:wps",)}),
    ("which-camera-flagships-came-before-the-13-ultra",  # the 11 Ultra's failure, then Leica and the 12S Ultra
     "SELECT ?p WHERE { kgr:xiaomi-13-ultra kg:successorOf+ ?p }",
     {("kgr:xiaomi-12s-ultra",), ("kgr:xiaomi-mi-11-ultra",)}),
    ("which-network-generations-came-before-3g",  # '2G2.5G' when 3G was rumoured (2005)
     "SELECT ?n WHERE { kgr:3g-network kg:successorOf+ ?n }",
     {("kgr:2-5g-network",), ("kgr:2g-network",)}),
    ("what-came-before-the-mobile-internet",  # 'ten times that of PC Internet': the next decade after it
     "SELECT ?t WHERE { kgr:mobile-internet kg:successorOf ?t }",
     {("kgr:pc-internet",)}),
    # --- what did it compete with? --------------------------------------------------------
    ("what-did-wps-97-compete-with",  # it won Kingsoft 'the right to a duel with Microsoft'
     "SELECT ?r WHERE { kgr:wps-97 kg:competesWith ?r }",
     {("kgr:microsoft-office",)}),
    ("which-xiaomi-phones-do-the-speeches-set-against-rivals",  # the Mi 11 Ultra on DXO, the Xiaomi 13 against the iPhone and big screens
     """SELECT ?p ?r WHERE { ?p a kg:Phone ; kg:madeBy kgr:xiaomi ; kg:competesWith ?r .
          FILTER NOT EXISTS { ?st rdf:subject ?p ; rdf:predicate kg:competesWith ; rdf:object ?r ; kg:secondaryOnly true } }""",
     {("kgr:xiaomi-mi-11-ultra", "kgr:xiaomi-rival-phone-makers"), ("kgr:xiaomi-13", "kgr:iphone"),
      ("kgr:xiaomi-13", "kgr:xiaomi-rival-phone-makers")}),
    # --- what brand and line, what kind? --------------------------------------------------
    ("which-phones-were-sold-under-the-xiaomi-brand",  # the high-end push kept the Xiaomi brand
     "SELECT ?p WHERE { ?p kg:underBrand kgr:xiaomi-brand }",
     {("kgr:xiaomi-mi-10",), ("kgr:xiaomi-mi-11",), ("kgr:xiaomi-mi-12",), ("kgr:xiaomi-12s-ultra",),
      ("kgr:xiaomi-13",), ("kgr:xiaomi-13-ultra",)}),
    ("which-phones-belong-to-the-mix-line",
     "SELECT ?p WHERE { ?p kg:partOf kgr:xiaomi-mix }",
     {("kgr:xiaomi-mix-alpha",), ("kgr:xiaomi-mix-fold-2",)}),
    ("which-cars-are-pure-electric-sedans",  # the SU7 and the Model 3 (the only one selling 10,000 a month)
     "SELECT ?car WHERE { kgr:sedan kg:appliedTo ?car . kgr:battery-electric-vehicle kg:appliedTo ?car }",
     {("kgr:xiaomi-su7",), ("kgr:tesla-model-3",)}),
    # --- when did it come out, with what figures? -----------------------------------------
    ("when-could-the-su7-founders-edition-first-be-ordered",  # on the launch night, 28 March 2024
     "SELECT ?d ?launch WHERE { ?e a kg:Release ; kg:product kgr:xiaomi-su7-founders-edition ; kg:date ?d ; kg:partOf ?launch }",
     {("2024-03-28", "kgr:su7-press-conference")}),
    ("where-were-the-2022-products-launched",  # every launch of the evening, at the autumn launch's place
     "SELECT DISTINCT ?where WHERE { ?e kg:partOf kgr:event-xiaomi-autumn-launch-2022 ; kg:product ?p ; kg:place ?where }",
     {("kgr:xiaomi-science-park",)}),
    ("what-specifications-did-the-k50-ultra-launch-name",  # 1.5K screen, 120 W charging, 5000 mAh
     "SELECT ?v ?u WHERE { kgr:event-k50-ultra-launch kg:quantity [ kg:value ?v ; kg:unit ?u ] }",
     {("5000", "mAh battery"), ("120", "W fast charging"), ("1.5", "K screen resolution (1.5K straight screen)")}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_products_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
