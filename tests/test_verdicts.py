"""Competency questions of the verdicts lens (triples/audit3/verdicts.ttl): are the article's
verdicts right? Each question is one a journalist relying on the verdicts would ask."""
import pytest

from test_competency import rows, assert_answer

QUESTIONS = [
    # the article sets the 'leading parameters -> experience first' leap at the 15 Ultra's pricing
    ("what-is-the-verdict-on-the-parameters-to-experience-claim",
     "SELECT ?v WHERE { kgr:claim-article-parameters-to-experience kg:verdict ?v }",
     {("kg:Embellished",)}),
    ("which-conflict-sets-the-15-ultra-leap-against-a-speech",
     """SELECT ?x ?k WHERE { ?x kg:sideB kgr:claim-article-parameters-to-experience ; kg:conflictKind ?k }""",
     {("kgr:conflict-parameters-to-experience", "kg:Embellishment")}),
    ("which-phone-does-the-speech-say-first-went-from-parameters-to-experience",
     """SELECT ?p WHERE { kgr:conflict-parameters-to-experience kg:sideA ?a . ?a kg:about ?p .
               ?p a/rdfs:subClassOf* kg:Product }""",
     {("kgr:xiaomi-13",)}),
    ("which-source-tells-the-xiaomi-13-experience-first",
     """SELECT DISTINCT ?s WHERE { kgr:conflict-parameters-to-experience kg:sideA/kg:evidence/kg:source ?s }""",
     {("kgr:source-speech-2023-zh",)}),
    ("which-article-claims-about-the-15-ultra-pricing-are-embellished",
     """SELECT ?c WHERE { ?c kg:about kgr:xiaomi-15-ultra-pricing ; kg:verdict kg:Embellished }""",
     {("kgr:claim-article-parameters-to-experience",)}),
    ("which-conflicts-turn-on-experience-first",
     """SELECT ?x ?b WHERE { ?x a kg:Conflict ; kg:sideA ?a ; kg:sideB ?b . ?a kg:about kgr:experience-first }""",
     {("kgr:conflict-parameters-to-experience", "kgr:claim-article-parameters-to-experience")}),
    # the half year on the BBS: now quoted from both 2022 sources
    ("which-sources-give-the-half-year-on-the-bbs",
     """SELECT DISTINCT ?s WHERE { kgr:claim-article-bbs-spiritual-refuge kg:evidence ?e . ?e kg:source ?s ; kg:quote ?q .
               FILTER(?s != kgr:source-article-conflict-narrative)
               FILTER(CONTAINS(?q, "半年") || CONTAINS(?q, "half a year")) }""",
     {("kgr:source-speech-2022-zh",), ("kgr:source-speech-2022",)}),
    ("is-the-half-year-on-the-bbs-supported",
     "SELECT ?v WHERE { kgr:claim-article-bbs-spiritual-refuge kg:verdict ?v }",
     {("kg:Supported",)}),
    # the moderator's quarrels 'took longer than writing code'
    ("where-does-the-speech-compare-moderating-with-his-job",
     """SELECT DISTINCT ?s WHERE { kgr:claim-article-moderator-mediated-quarrels kg:evidence ?e . ?e kg:source ?s ; kg:quote ?q .
               FILTER(CONTAINS(?q, "比上班还忙")) }""",
     {("kgr:source-speech-2022-zh",)}),
    # consistency a journalist relies on
    ("contradicted-claims-without-a-contradiction-conflict",
     """SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c kg:verdict kg:Contradicted .
               FILTER NOT EXISTS { ?x kg:sideB ?c ; kg:conflictKind kg:Contradiction } }""",
     {("0",)}),
    ("embellished-claims-without-an-embellishment-conflict",
     """SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c kg:verdict kg:Embellished .
               FILTER NOT EXISTS { ?x kg:sideB ?c ; kg:conflictKind kg:Embellishment } }""",
     {("0",)}),
    ("conflicts-whose-side-b-was-found-supported",
     """SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?x a kg:Conflict ; kg:sideB ?c ; kg:conflictKind ?k .
               FILTER(?k != kg:Translation) ?c kg:verdict kg:Supported }""",
     {("0",)}),
    ("how-many-article-claims-are-embellished",
     "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c kg:verdict kg:Embellished }",
     {("30",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_verdicts_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
