"""Competency questions: what a reader of the two sources asks, answered by SPARQL over the curated graph.

Each question is a SPARQL query with its exact expected answer (a set of rows;
IRIs shortened to CURIEs such as ``kgr:lei-jun``, literals as strings). The
graph is ``graph.load("triples")``: derived edges (kg:founded, kg:acquired, …),
``kg:secondaryOnly`` and ``kg:conflictsWith`` come from the loader. The saved
queries in ``triples/queries/`` are run too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import graph
from graph.namespaces import curie

QUERIES = Path(__file__).resolve().parent.parent / "triples" / "queries"

SPEECH = "kgr:source-speech-2022"
ARTICLE = "kgr:source-article-conflict-narrative"


def _cell(value):
    if value is None:
        return None
    text = str(value)
    return curie(text) if text.startswith(("http://", "https://")) else text


def rows(g, text):
    """The result of a SELECT as a set of tuples (CURIEs for IRIs, strings for literals)."""
    return {tuple(_cell(v) for v in row) for row in graph.query(g, text)}


def ask(g, text) -> bool:
    return bool(graph.query(g, text).askAnswer)


def saved(g, name):
    return graph.query(g, (QUERIES / f"{name}.rq").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# (question id, SPARQL, expected set of rows)
# ---------------------------------------------------------------------------

SELECT_QUESTIONS = [
    # --- who / what / when -------------------------------------------------
    (
        "who-founded-xiaomi",
        "SELECT ?who WHERE { ?who kg:founded kgr:xiaomi }",
        {("kgr:lei-jun",)},
    ),
    (
        "when-was-xiaomi-founded",
        "SELECT ?d WHERE { ?e a kg:Founding ; kg:organization kgr:xiaomi ; kg:date ?d }",
        {("2010-04-06",)},
    ),
    (
        "who-founded-three-color-and-when",
        "SELECT ?who ?d WHERE { ?e a kg:Founding ; kg:organization kgr:three-color-company ; kg:founder ?who ; kg:date ?d }",
        {("kgr:lei-jun", "1990")},
    ),
    (
        "who-bought-joyo",
        "SELECT ?buyer WHERE { ?buyer kg:acquired kgr:joyo }",
        {("kgr:amazon",)},
    ),
    (
        "when-was-joyo-sold",
        "SELECT ?d WHERE { ?e a kg:Sale ; kg:asset kgr:joyo ; kg:date ?d }",
        {("2004-09",)},
    ),
    (
        "what-did-joyo-become",
        "SELECT ?x WHERE { kgr:joyo kg:became ?x }",
        {("kgr:amazon-china",)},
    ),
    (
        "where-did-lei-jun-study",
        "SELECT ?u WHERE { kgr:lei-jun kg:studiedAt ?u }",
        {("kgr:wuhan-university",)},
    ),
    (
        "when-did-lei-jun-enter-university",
        "SELECT ?org ?d WHERE { ?e a kg:Joining ; kg:person kgr:lei-jun ; kg:organization ?org ; kg:date ?d . kgr:lei-jun kg:studiedAt ?org }",
        {("kgr:wuhan-university", "1987")},
    ),
    (
        "who-did-xiaomi-partner-with",
        "SELECT ?p WHERE { kgr:xiaomi kg:partnerOf ?p }",
        {("kgr:leica",)},
    ),
    (
        "which-product-ranked-first-on-dxo-and-when",
        "SELECT ?prod ?d WHERE { ?e kg:agent kgr:dxomark ; kg:product ?prod ; kg:date ?d }",
        {("kgr:xiaomi-mi-11", "2021")},
    ),
    (
        "where-was-the-su7-tested-and-how-far",
        """SELECT ?place ?km WHERE { ?e kg:product kgr:xiaomi-su7 ; kg:place ?place ;
               kg:quantity [ kg:value ?km ; kg:unit ?u ] FILTER(CONTAINS(?u, "kilometres")) }""",
        {("kgr:turpan", "5400000")},
    ),
    (
        "who-questioned-pangu-in-1995",
        "SELECT ?who ?d WHERE { ?e kg:product kgr:pangu ; kg:agent ?who ; kg:date ?d . ?who a kg:Periodical }",
        {("kgr:computer-world", "1995")},
    ),
    (
        "where-did-the-article-say-the-joyo-sale-was-signed",
        "SELECT ?place WHERE { ?e a kg:Meeting ; kg:asset kgr:joyo ; kg:place ?place }",
        {("kgr:amazon-china-office",)},
    ),
    (
        "what-was-lei-jun-at-the-three-color-company",
        "SELECT ?org WHERE { kgr:lei-jun kg:worksFor ?org FILTER(?org = kgr:three-color-company) }",
        {("kgr:three-color-company",)},
    ),
    (
        "what-book-told-lei-jun-about-jobs",
        "SELECT ?book WHERE { ?c a kg:Claim ; kg:about kgr:steve-jobs , ?book . ?book a kg:Book }",
        {("kgr:fire-in-the-valley",)},
    ),
    # --- multi-hop ------------------------------------------------------
    (
        "who-bought-the-company-kingsoft-shareholders-funded",
        "SELECT DISTINCT ?buyer WHERE { kgr:kingsoft-shareholders kg:investedIn ?co . ?buyer kg:acquired ?co }",
        {("kgr:amazon",)},
    ),
    (
        "in-which-city-was-three-color-founded",
        """SELECT ?city WHERE { ?e a kg:Founding ; kg:organization kgr:three-color-company ; kg:place ?room .
               ?room kg:partOf*/kg:locatedIn ?city }""",
        {("kgr:wuhan",)},
    ),
    (
        "who-refused-the-offer-for-the-company-netease",
        "SELECT ?who WHERE { ?who kg:decidedOfferFrom kgr:lei-jun . ?o a kg:Offer ; kg:asset kgr:netease ; kg:decidedBy ?who ; kg:outcome ?out FILTER(STR(?out) = 'rejected') }",
        {("kgr:ding-lei",)},
    ),
    (
        "who-tried-to-buy-netease-for-how-much",
        "SELECT ?who ?v WHERE { ?who kg:offeredToBuy kgr:netease . ?o a kg:Offer ; kg:offeror ?who ; kg:asset kgr:netease ; kg:amount/kg:value ?v }",
        {("kgr:lei-jun", "10000000"), ("kgr:kingsoft", "10000000")},
    ),
    # --- amounts --------------------------------------------------------
    (
        "how-much-did-netease-raise-two-months-later",
        "SELECT ?v ?cur WHERE { ?e a kg:Funding ; kg:investee kgr:netease ; kg:amount [ kg:value ?v ; kg:currency ?cur ] }",
        {("10000000", "USD")},
    ),
    (
        "article-joyo-bet-amount",
        "SELECT ?v ?cur WHERE { kgr:claim-article-joyo-1-million-bet kg:amount [ kg:value ?v ; kg:currency ?cur ] }",
        {("1000000", "USD")},
    ),
    (
        "speech-joyo-money-in-usd",
        "SELECT ?e ?v WHERE { ?e a kg:Funding ; kg:investee kgr:joyo ; kg:amount [ kg:value ?v ; kg:currency 'USD' ] }",
        {("kgr:event-joyo-funding-friends", "1000000"), ("kgr:event-joyo-funding-kingsoft-shareholders", "1000000")},
    ),
    (
        "kingsoft-account-currency-by-source",
        """SELECT ?c ?standing WHERE { VALUES ?c { kgr:event-kingsoft-crisis-1995 kgr:claim-article-kingsoft-few-hundred-thousand-yuan }
               ?c kg:amount ?a . OPTIONAL { ?a kg:currency ?cur }
               BIND(IF(BOUND(?cur), ?cur, "unknown") AS ?standing) }""",
        {("kgr:event-kingsoft-crisis-1995", "unknown"), ("kgr:claim-article-kingsoft-few-hundred-thousand-yuan", "CNY")},
    ),
    (
        "wps-500-million-what",
        """SELECT ?c ?u WHERE { ?conf kg:conflictingClaim ?c FILTER(?conf = kgr:conflict-wps-500-million)
               ?c kg:quantity [ kg:value 500000000 ; kg:unit ?u ] }""",
        {("kgr:event-wps-500-million-devices", "monthly active devices"),
         ("kgr:claim-article-wps-500m-mau-2020", "monthly active users")},
    ),
    # --- time order -----------------------------------------------------
    (
        "what-happened-first-university-or-three-color",
        """SELECT ?e WHERE { VALUES ?e { kgr:lei-jun-enters-wuhan-university kgr:three-color-founding kgr:event-pangu-release }
               ?e kg:date ?d } ORDER BY STR(?d) LIMIT 1""",
        {("kgr:lei-jun-enters-wuhan-university",)},
    ),
    (
        "netease-or-tencent-founded-first",
        """SELECT ?org WHERE { ?e a kg:Founding ; kg:organization ?org ; kg:date ?d
               VALUES ?org { kgr:netease kgr:tencent } } ORDER BY STR(?d) LIMIT 1""",
        {("kgr:netease",)},
    ),
    (
        "events-before-kingsoft",
        """SELECT ?e WHERE { kgr:event-lei-jun-joins-kingsoft kg:date ?k . ?e a/rdfs:subClassOf* kg:Event ; kg:date ?d
               FILTER(STR(?d) < STR(?k)) }""",
        {("kgr:lei-jun-enters-wuhan-university",), ("kgr:three-color-founding",)},
    ),
    (
        "what-came-half-a-year-after-the-joyo-sale",
        """SELECT ?e WHERE { ?e kg:dateInferred ?how ; kg:date ?d FILTER(CONTAINS(?how, "half a year after")) FILTER(STR(?d) = "2005") }""",
        {("kgr:taobao-boom",), ("kgr:lei-jun-blog-tuyere-theory",)},
    ),
    (
        "speeches-in-order",
        "SELECT ?s ?d WHERE { ?s a kg:Speech ; kg:speaker kgr:lei-jun ; kg:date ?d }",
        {("kgr:speech-2020-xiaomi-10th-anniversary", "2020"), ("kgr:speech-2022-event", "2022"),
         ("kgr:speech-2023", "2023"), ("kgr:speech-2024", "2024")},
    ),
    # --- counting -------------------------------------------------------
    (
        "how-many-conflicts",
        "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Conflict }",
        {("21",)},
    ),
    (
        "conflicts-by-kind",
        "SELECT ?k (COUNT(?c) AS ?n) WHERE { ?c a kg:Conflict ; kg:conflictKind ?k } GROUP BY ?k",
        {("kg:Contradiction", "9"), ("kg:Embellishment", "12")},
    ),
    (
        "how-many-founders-did-three-color-have",
        """SELECT ?n WHERE { ?e a kg:Founding ; kg:organization kgr:three-color-company ;
               kg:quantity [ kg:value ?n ; kg:unit "founding shareholders" ] }""",
        {("4",)},
    ),
    (
        "how-many-claims-in-the-joyo-financing-conflict",
        "SELECT (COUNT(?c) AS ?n) WHERE { kgr:conflict-joyo-financing kg:conflictingClaim ?c }",
        {("4",)},
    ),
    # --- alias look-ups -------------------------------------------------
    *[
        (
            f"alias-{slug}",
            f"""SELECT DISTINCT ?e WHERE {{ ?e skos:prefLabel|skos:altLabel ?l FILTER(LCASE(STR(?l)) = LCASE("{name}")) }}""",
            {(expected,)},
        )
        for slug, name, expected in [
            ("jinshan", "Jinshan", "kgr:kingsoft"),
            ("zhuoyue", "Zhuoyue", "kgr:joyo"),
            ("excellence-network", "Excellence Network", "kgr:joyo"),
            ("lei-jun-zh", "雷军", "kgr:lei-jun"),
            ("leica-jun", "Leica Jun", "kgr:lei-jun"),
            ("dxo", "DXO", "kgr:dxomark"),
            ("sanse", "Sanse", "kgr:three-color-company"),
            ("fire-of-silicon-valley", "Fire of Silicon Valley", "kgr:fire-in-the-valley"),
            ("mi-12sultra", "Xiaomi Mi 12SUltra", "kgr:xiaomi-12s-ultra"),
            ("mi-15-ultra", "Xiaomi Mi 15 Ultra", "kgr:xiaomi-15-ultra"),
            ("wuhan-university-zh", "武汉大学", "kgr:wuhan-university"),
        ]
    ],
    (
        "who-bought-zhuoyue-asked-by-alias",
        """SELECT ?buyer WHERE { ?co skos:altLabel "Zhuoyue"@en . ?buyer kg:acquired ?co }""",
        {("kgr:amazon",)},
    ),
    # --- provenance -----------------------------------------------------
    (
        "which-speeches-come-only-from-the-article",
        "SELECT ?s WHERE { ?s a kg:Speech ; kg:secondaryOnly true }",
        {("kgr:speech-2020-xiaomi-10th-anniversary",), ("kgr:speech-2023",), ("kgr:speech-2024",)},
    ),
    (
        "which-events-before-1992-come-only-from-the-article",
        """SELECT ?e WHERE { ?e a/rdfs:subClassOf* kg:Event ; kg:date ?d ; kg:secondaryOnly true FILTER(STR(?d) < "1992") }""",
        {("kgr:lei-jun-enters-wuhan-university",), ("kgr:three-color-founding",)},
    ),
    (
        "people-only-the-article-mentions",
        """SELECT DISTINCT ?p WHERE { ?p a kg:Person .
               ?c kg:about|kg:participant|kg:person|kg:attendee|kg:founder|kg:agent ?p .
               FILTER NOT EXISTS { ?c2 kg:about|kg:participant|kg:person|kg:attendee|kg:founder|kg:agent|kg:speaker|kg:offeror|kg:decidedBy ?p .
                                   ?c2 kg:evidence/kg:source kgr:source-speech-2022 } }""",
        {("kgr:steve-jobs",), ("kgr:li-bin",), ("kgr:he-xiaopeng",)},
    ),
    (
        "article-claims-the-speech-corroborates",
        """SELECT ?c WHERE { ?c a kg:Claim ; kg:claimText ?t .
               ?c kg:evidence/kg:source kgr:source-speech-2022 . ?c kg:evidence/kg:source kgr:source-article-conflict-narrative
               FILTER NOT EXISTS { ?c a/rdfs:subClassOf* kg:Event } }""",
        {("kgr:claim-lights-opposite-building",), ("kgr:claim-pangu-sales-one-tenth",),
         ("kgr:claim-ten-thousand-word-post",), ("kgr:claim-foreign-vcs-refused",), ("kgr:claim-avoided-joyo-office",),
         ("kgr:claim-joyo-30-investors-refused",)},
    ),
    (
        "sources-and-kinds",
        "SELECT ?s ?k WHERE { ?s a kg:Source ; kg:sourceKind ?k }",
        {(SPEECH, "kg:PrimarySource"), (ARTICLE, "kg:SecondarySource"), ("kgr:source-speech-2022-zh", "kg:PrimarySource"),
         ("kgr:source-speech-2023-zh", "kg:PrimarySource"), ("kgr:source-speech-2024-zh", "kg:PrimarySource")},
    ),
    # --- conflicts (both quotes) ----------------------------------------
    (
        "who-was-two-fingers-zen-both-quotes",
        """SELECT ?src ?q WHERE { kgr:conflict-two-fingers-zen kg:conflictingClaim ?c .
               ?c kg:evidence [ kg:source ?src ; kg:quote ?q ] }""",
        {
            (SPEECH, "At that time, I knew a friend in the forum who posted hundreds of posts every day."),
            (SPEECH, 'known as "Two Fingers Zen", it is said to have broken several keyboards.'),
            (SPEECH, "typing is super fast, and I can write a hundred posts a day in many cases"),
            (ARTICLE, "he used two fingers to type out the legend of “two-finger Zen” on the keyboard"),
            (ARTICLE, "his clumsiness in his 2022 speech of “knocking on the publisher with two fingers on BBS”"),
        },
    ),
    (
        "first-sale-day-both-quotes",
        """SELECT ?src ?q WHERE { kgr:conflict-first-sale-day kg:conflictingClaim ?c .
               ?c kg:evidence [ kg:source ?src ; kg:quote ?q ] }""",
        {
            (SPEECH, "On the fifth day, I practiced while pondering, and at noon, it finally opened!"),
            (ARTICLE, "The most dramatic turning point occurred on the seventh day of the station store – when he finally sold a set of software"),
        },
    ),
    (
        "bookstore-both-quotes",
        """SELECT ?src ?q WHERE { kgr:conflict-bookstore-remark kg:conflictingClaim ?c .
               ?c kg:evidence [ kg:source ?src ; kg:quote ?q ] }""",
        {
            (SPEECH, '"There is really no such software. If you go out and turn left, there is a bookstore. Just buy a book and follow it."'),
            (ARTICLE, "the customer’s sentence “This software is not as easy to understand as the textbook in the bookstore next door” became his enlightenment lesson"),
        },
    ),
    (
        "what-conflicts-with-the-only-son-metaphor",
        "SELECT ?other WHERE { kgr:claim-article-losing-only-son kg:conflictsWith ?other }",
        {("kgr:claim-speech-losing-own-child",)},
    ),
    (
        "conflicts-touching-the-joyo-sale",
        "SELECT ?c WHERE { ?c kg:conflictingClaim kgr:event-joyo-sale }",
        {("kgr:conflict-joyo-sale-signing",)},
    ),
]


@pytest.mark.parametrize("qid,text,expected", SELECT_QUESTIONS, ids=[q[0] for q in SELECT_QUESTIONS])
def test_competency_question(curated_graph, qid, text, expected):
    assert rows(curated_graph, text) == expected


ASK_QUESTIONS = [
    ("lei-jun-founded-xiaomi", "ASK { kgr:lei-jun kg:founded kgr:xiaomi }", True),
    ("kingsoft-sold-joyo", "ASK { kgr:kingsoft kg:sold kgr:joyo }", True),
    ("netease-offer-currency-is-unknown",
     "ASK { ?o a kg:Offer ; kg:asset kgr:netease ; kg:amount ?a . ?a kg:currencyUnknown ?why FILTER NOT EXISTS { ?a kg:currency ?c } }", True),
    ("joyo-sale-is-not-secondary-only", "ASK { kgr:event-joyo-sale kg:secondaryOnly true }", False),
    ("three-color-founding-is-secondary-only", "ASK { kgr:three-color-founding kg:secondaryOnly true }", True),
    ("first-sale-conflicts-with-seventh-day",
     "ASK { kgr:event-store-first-sale kg:conflictsWith kgr:claim-article-first-sale-seventh-day }", True),
    ("lei-jun-went-bankrupt-with-three-color", "ASK { kgr:lei-jun kg:wentBankrupt kgr:three-color-company }", True),
]


@pytest.mark.parametrize("qid,text,expected", ASK_QUESTIONS, ids=[q[0] for q in ASK_QUESTIONS])
def test_competency_ask(curated_graph, qid, text, expected):
    assert ask(curated_graph, text) is expected


# ---------------------------------------------------------------------------
# Saved queries (triples/queries/*.rq)
# ---------------------------------------------------------------------------

ALL_CONFLICTS = {
    "kgr:conflict-first-sale-day", "kgr:conflict-seven-days-without-selling",
    "kgr:conflict-article-store-self-contradiction", "kgr:conflict-bookstore-remark",
    "kgr:conflict-pangu-or-wps-in-store", "kgr:conflict-store-outcome",
    "kgr:conflict-store-date-and-manuscripts", "kgr:conflict-store-epiphany",
    "kgr:conflict-colleagues-left-with-286", "kgr:conflict-account-currency",
    "kgr:conflict-pangu-counterattack", "kgr:conflict-wps-500-million",
    "kgr:conflict-two-fingers-zen", "kgr:conflict-sanlitun-bar", "kgr:conflict-bbs-friends",
    "kgr:conflict-bbs-lesson", "kgr:conflict-joyo-financing", "kgr:conflict-joyo-sale-signing",
    "kgr:conflict-only-son", "kgr:conflict-taobao-boom", "kgr:conflict-tuyere-vs-windows",
}


def test_saved_queries_have_descriptions():
    names = {p.stem for p in QUERIES.glob("*.rq")}
    assert {"conflicts", "secondary-only", "timeline", "joyo-story", "netease-offer", "founders",
            "entity-by-alias", "amounts", "people", "products-2022", "evidence-for", "sources"} <= names
    for p in QUERIES.glob("*.rq"):
        first = p.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and len(first) > 10, p.name


def test_saved_conflicts_lists_every_conflict_once_with_both_sides(curated_graph):
    res = list(saved(curated_graph, "conflicts"))
    from rdflib import RDF

    conflicts = {_cell(c) for c in curated_graph.subjects(RDF.type, graph.KG.Conflict)}
    assert ALL_CONFLICTS <= conflicts
    assert sorted(_cell(r.conflict) for r in res) == sorted(conflicts)  # one row per conflict, not per pair
    for r in res:  # quotes on both sides
        assert str(r.quotesA) and str(r.quotesB)
    row = next(r for r in res if _cell(r.conflict) == "kgr:conflict-first-sale-day")
    assert "On the fifth day" in str(row.quotesA) and "seventh day" in str(row.quotesB)
    # a conflict with two speech claims on one side: both on side A, the article's on side B
    row = next(r for r in res if _cell(r.conflict) == "kgr:conflict-two-fingers-zen")
    assert str(row.claimsA).count(" | ") == 1 and " | " not in str(row.claimsB)


def test_saved_secondary_only(curated_graph):
    claims = {_cell(r.claim) for r in saved(curated_graph, "secondary-only")}
    assert {"kgr:three-color-founding", "kgr:claim-article-two-finger-zen-is-lei-jun",
            "kgr:taobao-boom", "kgr:speech-2023"} <= claims
    assert not {"kgr:event-joyo-sale", "kgr:claim-pangu-sales-one-tenth", "kgr:xiaomi-leica-partnership"} & claims


def test_saved_timeline_is_in_date_order(curated_graph):
    res = list(saved(curated_graph, "timeline"))
    dates = [str(r.date) for r in res]
    assert dates == sorted(dates)
    assert _cell(res[0].event) == "kgr:lei-jun-enters-wuhan-university"
    order = [_cell(r.event) for r in res]
    assert order.index("kgr:event-pangu-release") < order.index("kgr:event-joyo-sale") < order.index("kgr:event-xiaomi-founding")


def test_saved_joyo_story(curated_graph):
    res = [(_cell(r.event), None if r.date is None else str(r.date)) for r in saved(curated_graph, "joyo-story")]
    events = [e for e, _ in res]
    assert {"kgr:event-joyo-founding", "kgr:event-joyo-sale", "kgr:event-joyo-becomes-amazon-china",
            "kgr:joyo-sale-signing"} <= set(events)
    assert events.index("kgr:event-joyo-founding") < events.index("kgr:event-joyo-sale")
    dated = [d for _, d in res if d is not None]
    assert dated == sorted(dated)


def test_saved_netease_offer(curated_graph):
    (row,) = list(saved(curated_graph, "netease-offer"))
    assert set(str(row.offerors).split(", ")) == {"Lei Jun", "Kingsoft"}
    assert int(row.value) == 10_000_000 and row.currency is None and row.currencyNote is not None
    assert str(row.decidedByLabel) == "Ding Lei" and str(row.outcome) == "rejected"


def test_saved_founders(curated_graph):
    got = {(_cell(r.founder), _cell(r.org), None if r.date is None else str(r.date)) for r in saved(curated_graph, "founders")}
    assert {("kgr:lei-jun", "kgr:xiaomi", "2010-04-06"), ("kgr:lei-jun", "kgr:three-color-company", "1990"),
            ("kgr:lei-jun", "kgr:joyo", "2000-05")} <= got


def test_saved_entity_by_alias(curated_graph):
    assert {_cell(r.entity) for r in saved(curated_graph, "entity-by-alias")} == {"kgr:kingsoft"}


def test_saved_amounts_all_have_a_currency_or_a_reason(curated_graph):
    res = list(saved(curated_graph, "amounts"))
    assert res
    for r in res:
        assert (r.currency is None) != (r.currencyUnknown is None), r.claim
    got = {(_cell(r.claim), int(r.value), None if r.currency is None else str(r.currency)) for r in res}
    assert ("kgr:claim-article-joyo-1-million-bet", 1_000_000, "USD") in got
    assert ("kgr:event-joyo-first-investment", 20_000_000, None) in got


def test_saved_people(curated_graph):
    people = {_cell(r.person): r for r in saved(curated_graph, "people")}
    assert {"kgr:lei-jun", "kgr:ding-lei", "kgr:ma-huateng", "kgr:steve-jobs", "kgr:li-bin", "kgr:he-xiaopeng"} <= set(people)
    assert str(people["kgr:lei-jun"].zh) == "雷军"


def test_saved_products_2022(curated_graph):
    products = {_cell(r.product) for r in saved(curated_graph, "products-2022")}
    assert {"kgr:xiaomi-mix-fold-2", "kgr:xiaomi-mi-12"} <= products
    assert "kgr:xiaomi-su7" not in products


def test_saved_evidence_for(curated_graph):
    got = {(_cell(r.source), str(r.quote)) for r in saved(curated_graph, "evidence-for")}
    assert (SPEECH, "By September 2004, we couldn't stand it any longer, and we had to reluctantly sell Joyo.com to Amazon and became Amazon China.") in got


def test_saved_sources(curated_graph):
    got = {(_cell(r.source), str(r.kind)) for r in saved(curated_graph, "sources")}
    assert got == {(SPEECH, "PrimarySource"), (ARTICLE, "SecondarySource"), ("kgr:source-speech-2022-zh", "PrimarySource"),
                   ("kgr:source-speech-2023-zh", "PrimarySource"), ("kgr:source-speech-2024-zh", "PrimarySource")}


def test_saved_speeches_in_order(curated_graph):
    assert [_cell(r.speech) for r in saved(curated_graph, "speeches")] == [
        "kgr:speech-2020-xiaomi-10th-anniversary", "kgr:speech-2022-event", "kgr:speech-2023", "kgr:speech-2024"]


def test_saved_claims_about(curated_graph):
    got = {_cell(r.claim): str(r.secondaryOnly) for r in saved(curated_graph, "claims-about")}
    assert {"kgr:three-color-founding", "kgr:three-color-bankruptcy", "kgr:claim-article-mahjong-meal-tickets"} <= set(got)
    assert all(v == "true" for v in got.values())
