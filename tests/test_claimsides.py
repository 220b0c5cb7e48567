"""Competency questions the claimsides lens made answerable (triples/audit3/claimsides.ttl
and the in-place fixes of its commits): what each source claims, kept apart.

The article's statements are secondary claims; a kg:Supported one carries the speech quote
that says the same beside the article's, but a node on side A of a conflict with the article
(the speech's reading) quotes no article, side B (the article's reading) no speech, and no
quote is on both sides. A claim's kg:checkedAgainst names every primary source it quotes.

Each question is a SPARQL query with its exact expected answer, in the shape of
READER_QUESTIONS in tests/test_competency.py.
"""

from __future__ import annotations

import pytest

from test_competency import assert_answer, rows

ARTICLE = "kgr:source-article-conflict-narrative"

QUESTIONS = [
    # --- the sides of every conflict ---------------------------------------------------------
    ("which-conflicts-have-a-quote-on-both-sides",  # was: the Joyo.com signing, the Great Wall halo
     """SELECT DISTINCT ?c WHERE { ?c kg:sideA/kg:evidence/kg:quote ?qa ; kg:sideB/kg:evidence/kg:quote ?qb
               FILTER(CONTAINS(?qa, ?qb) || CONTAINS(?qb, ?qa)) }""",
     set()),
    ("which-conflicts-quote-the-article-on-the-speech-side",  # only the article against itself
     f"SELECT DISTINCT ?c WHERE {{ ?c kg:sideA/kg:evidence/kg:source {ARTICLE} }}",
     {("kgr:conflict-article-store-self-contradiction",)}),
    ("which-conflicts-with-the-article-quote-a-speech-on-the-article-side",
     f"""SELECT DISTINCT ?c WHERE {{ ?c kg:sideB ?b . ?b kg:evidence/kg:source {ARTICLE} .
               ?b kg:evidence/kg:source/kg:sourceKind kg:PrimarySource }}""",
     set()),
    ("which-speech-side-claims-have-a-verdict",  # a verdict judges the article; side A is the speech's
     "SELECT DISTINCT ?x ?v WHERE { ?c kg:sideA ?x . ?x kg:verdict ?v }",
     {("kgr:claim-article-first-sale-seventh-day", "kg:Contradicted")}),
    # --- the Joyo.com sale: the speech's sale, the article's signing -------------------------
    ("who-tells-the-joyo-sale-event",
     "SELECT DISTINCT ?s WHERE { kgr:event-joyo-sale kg:evidence/kg:source ?s }",
     {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",)}),
    ("who-has-lei-jun-sign-the-joyo-sale-in-amazons-office-and-is-it-right",
     "SELECT ?x ?s ?v WHERE { kgr:conflict-joyo-sale-signing kg:sideB ?x . ?x kg:evidence/kg:source ?s ; kg:verdict ?v }",
     {("kgr:joyo-sale-signing", ARTICLE, "kg:Embellished")}),
    # --- the store week: the article's 'sold nothing' is the article's claim -----------------
    ("who-tells-the-seven-days-in-the-store",
     "SELECT DISTINCT ?s WHERE { kgr:event-store-week kg:evidence/kg:source ?s }",
     {("kgr:source-speech-2022",), ("kgr:source-speech-2022-zh",)}),
    ("which-claim-says-lei-jun-could-not-sell-a-set-in-seven-days",
     """SELECT ?c ?v WHERE { ?c kg:verdict ?v ; kg:evidence/kg:quote
               "his embarrassment of not being able to sell a set of software in seven days at the Zhongguancun station store" }""",
     {("kgr:claim-article-no-sale-in-seven-days", "kg:Contradicted")}),
    # --- the Great Wall exhibition: Xiaomi held it (speech); the halo is the article's -------
    ("who-tells-the-great-wall-exhibition-and-who-attended",
     "SELECT ?s ?who WHERE { kgr:great-wall-photo-exhibition kg:evidence/kg:source ?s OPTIONAL { kgr:great-wall-photo-exhibition kg:attendee ?who } }",
     {("kgr:source-speech-2023-zh", None)}),
    ("what-did-the-article-say-lei-jun-saw-on-the-great-wall",
     "SELECT ?c ?v WHERE { ?c kg:about kgr:great-wall-photo-exhibition ; kg:verdict ?v }",
     {("kgr:claim-article-great-wall-leica-halo", "kg:Embellished")}),
    # --- article claims and the speech quotes that support them ------------------------------
    ("which-article-claims-are-judged-against-a-speech-they-quote-but-do-not-name",
     """SELECT DISTINCT ?c ?s WHERE { ?c kg:verdict ?v ; kg:evidence/kg:source ?s . ?s kg:sourceKind kg:PrimarySource
               FILTER NOT EXISTS { ?c kg:checkedAgainst ?s } }""",
     set()),
    ("which-article-claims-a-speech-answers-otherwise-still-quote-that-speech",
     """SELECT DISTINCT ?c WHERE { ?c kg:verdict ?v ; kg:evidence/kg:source/kg:sourceKind kg:PrimarySource
               FILTER(?v != kg:Supported) }""",
     set()),
    ("which-sources-support-the-david-and-goliath-claim",  # not the English, which inverts the Chinese
     "SELECT DISTINCT ?s WHERE { kgr:claim-article-wps-david-and-goliath kg:evidence/kg:source ?s }",
     {(ARTICLE,), ("kgr:source-speech-2022-zh",)}),
    ("which-article-claims-cite-an-english-sentence-that-inverts-the-chinese",
     """SELECT DISTINCT ?c WHERE { kgr:conflict-translation-competing-difficulty kg:sideB/kg:evidence/kg:quote ?q .
               ?c kg:verdict ?v ; kg:evidence/kg:quote ?q }""",
     set()),
    ("whose-year-is-the-mi-12-launch",  # the article's '2022'; the 2023 speech gives no year
     """SELECT ?d WHERE { kgr:mi-12-press-conference kg:date ?d ; kg:dateInferred ?n FILTER(CONTAINS(?n, "article")) }""",
     {("2022",)}),
]


@pytest.mark.parametrize("qid,text,expected", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_claimsides_question(curated_graph, qid, text, expected):
    assert_answer(rows(curated_graph, text), expected)
