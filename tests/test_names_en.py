"""Competency questions for the names-en curation sweep (triples/audit3/names-en.ttl).

Every named thing and surface form of the English speech (lei-jun-2022-annual-speech.txt)
and the analysis article (conflict-narrative-analysis.txt): a reader looks a name up by the
form the text uses and finds the one node for it, with the links the sentence states.
"""

import pytest

from test_competency import assert_answer, rows

QUESTIONS = [
    # surface forms of existing entities: the English translation's and the article's own words
    ("which-entity-is-the-mobile-phone-enthusiast-forum",
     'SELECT ?e WHERE { ?e skos:altLabel "mobile phone enthusiast forum"@en }',
     {("kgr:xiaomi-forum",)}),
    ("which-entity-is-the-whole-body-control-algorithm",
     'SELECT ?e WHERE { ?e skos:prefLabel|skos:altLabel "whole-body control algorithm"@en }',
     {("kgr:xiaomi-whole-body-control-algorithm",)}),
    ("what-robot-runs-the-whole-body-control-algorithm",  # alias look-up, then the part-of link
     'SELECT ?r WHERE { ?a skos:altLabel "whole-body control algorithm"@en ; kg:partOf ?r . ?r a kg:Robot }',
     {("kgr:cyberone",)}),
    ("which-entity-is-the-articles-dual-image-quality",
     'SELECT ?e WHERE { ?e skos:altLabel "dual image quality"@en }',
     {("kgr:leica-dual-image-quality",)}),
    ("which-crisis-is-product-failure-business-collapse",  # the speech's quoted name for the 1995-96 crisis, and its years
     'SELECT ?e ?d ?end WHERE { ?e skos:altLabel "product failure, business collapse, and the company almost closed"@en ; kg:date ?d ; kg:endDate ?end }',
     {("kgr:event-kingsoft-crisis-1995", "1995", "1996")}),
    # the 2022 launch: the Buds 4 Pro's named feature and tagline
    ("which-entity-is-the-48db-noise-reduction",
     'SELECT ?e WHERE { ?e skos:altLabel "48dB intelligent dynamic noise reduction"@en }',
     {("kgr:buds-4-pro-noise-reduction",)}),
    ("what-is-part-of-the-buds-4-pro",
     "SELECT ?x WHERE { ?x kg:partOf kgr:xiaomi-buds-4-pro }",
     {("kgr:buds-4-pro-noise-reduction",)}),
    ("what-did-the-china-metrology-institute-measure",  # the test's product and the feature it measured
     "SELECT ?p ?f WHERE { ?t a kg:Test ; kg:agent kgr:china-metrology-institute ; kg:product ?p ; kg:concerns ?f }",
     {("kgr:xiaomi-buds-4-pro", "kgr:buds-4-pro-noise-reduction")}),
    ("which-tagline-presented-the-buds-4-pro",
     "SELECT ?s WHERE { ?s a kg:Slogan ; kg:concerns kgr:xiaomi-buds-4-pro }",
     {("kgr:slogan-immersive-music-live-space",)}),
    ("which-entity-is-immersive-music-live-space",
     'SELECT ?e WHERE { ?e skos:altLabel "Immersive Music Live Space"@en }',
     {("kgr:slogan-immersive-music-live-space",)}),
    # the article's 'WeChat public account': a name only the article uses
    ("which-entity-is-the-wechat-public-account",
     'SELECT ?e WHERE { ?e skos:altLabel "WeChat public account"@en }',
     {("kgr:wechat-official-accounts",)}),
    ("which-claims-are-about-the-wechat-public-account",  # alias look-up, then the claims about it, with verdicts
     'SELECT ?c ?v WHERE { ?e skos:altLabel "WeChat public account"@en . ?c kg:about ?e ; kg:verdict ?v }',
     {("kgr:claim-article-wechat-article-300-percent", "kg:NotFound")}),
    ("which-new-names-only-the-article-mentions",  # provenance: the loader flags secondary-only nodes
     "SELECT ?e WHERE { VALUES ?e { kgr:wechat-official-accounts kgr:mahjong kgr:buds-4-pro-noise-reduction } ?e kg:secondaryOnly true }",
     {("kgr:wechat-official-accounts",)}),
    # mahjong: named in the 2023 speech (打麻将) and the article
    ("which-game-did-the-three-color-director-play",
     "SELECT ?g WHERE { ?e kg:agent kgr:three-color-mahjong-director ; kg:product ?g . ?g a kg:Game }",
     {("kgr:mahjong",)}),
    ("which-entity-is-ma-jiang",
     'SELECT ?e WHERE { ?e skos:prefLabel "麻将"@zh }',
     {("kgr:mahjong",)}),
    ("which-sources-mention-mahjong",
     "SELECT ?s WHERE { kgr:mahjong kg:mentionedIn ?s }",
     {("kgr:source-speech-2023-zh",), ("kgr:source-article-conflict-narrative",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_names_en_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
