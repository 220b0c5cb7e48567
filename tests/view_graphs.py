"""Small graphs in the ``to_networkx`` attribute contract, for the view and timeline tests.

Until the curated data and loader land these stand in for ``graph.to_networkx(g)``;
``hostile_graph`` carries labels that would run script if inserted as HTML.
"""

from __future__ import annotations

import networkx as nx

KGR = "https://w3id.org/story-kg/id/"
KG = "https://w3id.org/story-kg/ontology#"
SPEECH = KGR + "speech-2022"
ARTICLE = KGR + "article-conflict-narrative"


def ev(quote, secondary=False):
    if secondary:
        return {"source": ARTICLE, "source_label": "Conflict narrative analysis (article)", "quote": quote, "secondary": True}
    return {"source": SPEECH, "source_label": "Lei Jun's 2022 annual speech", "quote": quote, "secondary": False}


def _node(g, slug, label, kind, type_=None, **attrs):
    base = {
        "iri": KGR + slug,
        "label": label,
        "label_zh": "",
        "kind": kind,
        "type": type_ or kind,
        "description": "",
        "aliases": [],
        "date": "",
        "date_precision": "",
        "end_date": "",
        "date_inferred": "",
        "date_unknown": "",
        "year": None,
        "outcome": "",
        "amounts": [],
        "evidence": [],
        "secondary_only": False,
        "claim_text": "",
        "conflicts": [],
    }
    base.update(attrs)
    g.add_node(KGR + slug, **base)


def _edge(g, s, key, o, label, evidence=(), derived_from="", secondary_only=False, role=False, **extra):
    g.add_edge(
        KGR + s,
        KGR + o,
        key=key,
        predicate=KG + key.split(":", 1)[1],
        label=label,
        derived_from=KGR + derived_from if derived_from else "",
        evidence=list(evidence),
        secondary_only=secondary_only,
        role=role,
        **extra,
    )


def story_graph() -> nx.MultiDiGraph:
    """A dozen nodes of the Lei Jun story: people, companies, events, a secondary-only claim, a conflict."""
    g = nx.MultiDiGraph()
    _node(g, "lei-jun", "Lei Jun", "Person", label_zh="雷军", aliases=["Lei Jun", "Leijun"],
          description="Founder of Xiaomi; worked at Kingsoft 1992-2007.")
    _node(g, "kingsoft", "Kingsoft", "Organization", label_zh="金山",
          aliases=["Jinshan", "Beijing Jinshan", "Kingsoft Corporation"],
          description="Chinese software company, maker of WPS.")
    _node(g, "joyo", "Joyo.com", "Organization", label_zh="卓越网", aliases=["Zhuoyue", "Joyo"],
          description="Online bookshop started inside Kingsoft, sold to Amazon in 2004.")
    _node(g, "xiaomi", "Xiaomi", "Organization", label_zh="小米", aliases=["Mi"], description="Phone maker founded in 2010.")
    _node(g, "amazon", "Amazon", "Organization", aliases=["Amazon.com"], description="American online retailer.")
    _node(g, "wps", "WPS", "Product", aliases=["WPS Office"], description="Office software by Kingsoft.")
    _node(g, "beijing", "Beijing", "Place", label_zh="北京", description="Capital of China.")
    q_found = "In 2010, I founded Xiaomi"
    _node(g, "founding-xiaomi", "Founding of Xiaomi", "Event", "Founding", date="2010-04-06", date_precision="day", year=2010,
          evidence=[ev(q_found)], description="Lei Jun and partners start Xiaomi.")
    q_sale = "we sold Joyo to Amazon for 75 million US dollars"
    _node(g, "sale-joyo", "Sale of Joyo.com to Amazon", "Event", "Sale", date="2004-08", date_precision="month", year=2004,
          amounts=["75000000 USD"], evidence=[ev(q_sale)])
    q_join = "In 1992, I joined Kingsoft"
    _node(g, "joining-kingsoft", "Lei Jun joins Kingsoft", "Event", "Joining", date="1992", date_precision="year", year=1992,
          evidence=[ev(q_join)])
    q_joyo = "Joyo.com was started in 2000 as a Kingsoft project"
    _node(g, "founding-joyo", "Founding of Joyo.com", "Event", "Founding", date="2000", date_precision="year", year=2000,
          evidence=[ev(q_joyo, secondary=True)], secondary_only=True, date_inferred="from the article's 'that year'")
    q_a = "a friend on the forum, nicknamed 'Two Fingers Zen'"
    q_b = "he used two fingers to type out the legend of “two-finger Zen” on the keyboard"
    conflict = {"conflict": KGR + "conflict-two-finger-zen", "label": "Who was 'Two Fingers Zen'?",
                "note": "The speech gives the nickname to a forum friend; the article gives it to Lei Jun.",
                "kind": "Contradiction"}
    _node(g, "claim-zen-friend", "Claim: 'Two Fingers Zen' was a forum friend", "Claim", "Claim",
          claim_text="The nickname belonged to a friend.", evidence=[ev(q_a)],
          conflicts=[dict(conflict, side="A", other=KGR + "claim-zen-lei-jun")])
    _node(g, "claim-zen-lei-jun", "Claim: Lei Jun himself was 'Two Fingers Zen'", "Claim", "Claim",
          claim_text="Lei Jun typed with two fingers.", evidence=[ev(q_b, secondary=True)], secondary_only=True,
          conflicts=[dict(conflict, side="B", other=KGR + "claim-zen-friend")])

    _edge(g, "founding-xiaomi", "kg:founder", "lei-jun", "founder", [ev(q_found)], role=True)
    _edge(g, "founding-xiaomi", "kg:organization", "xiaomi", "organization", [ev(q_found)], role=True)
    _edge(g, "founding-xiaomi", "kg:place", "beijing", "place", [ev(q_found)], role=True)
    _edge(g, "lei-jun", "kg:founded", "xiaomi", "founded", [ev(q_found)], derived_from="founding-xiaomi")
    _edge(g, "sale-joyo", "kg:seller", "kingsoft", "seller", [ev(q_sale)], role=True)
    _edge(g, "sale-joyo", "kg:asset", "joyo", "asset", [ev(q_sale)], role=True)
    _edge(g, "sale-joyo", "kg:buyer", "amazon", "buyer", [ev(q_sale)], role=True)
    _edge(g, "kingsoft", "kg:sold", "joyo", "sold", [ev(q_sale)], derived_from="sale-joyo")
    _edge(g, "kingsoft", "kg:soldTo", "amazon", "sold to", [ev(q_sale)], derived_from="sale-joyo")
    _edge(g, "amazon", "kg:acquired", "joyo", "acquired", [ev(q_sale)], derived_from="sale-joyo")
    _edge(g, "joining-kingsoft", "kg:person", "lei-jun", "person", [ev(q_join)], role=True)
    _edge(g, "joining-kingsoft", "kg:organization", "kingsoft", "organization", [ev(q_join)], role=True)
    _edge(g, "lei-jun", "kg:worksFor", "kingsoft", "works for", [ev(q_join)], derived_from="joining-kingsoft")
    _edge(g, "founding-joyo", "kg:founder", "kingsoft", "founder", [ev(q_joyo, True)], secondary_only=True, role=True)
    _edge(g, "founding-joyo", "kg:organization", "joyo", "organization", [ev(q_joyo, True)], secondary_only=True, role=True)
    _edge(g, "kingsoft", "kg:founded", "joyo", "founded", [ev(q_joyo, True)], derived_from="founding-joyo", secondary_only=True)
    q_wps = "Kingsoft's WPS was the best-known software in China"
    _edge(g, "kingsoft", "kg:developed", "wps", "developed", [ev(q_wps)])
    _edge(g, "claim-zen-friend", "kg:about", "lei-jun", "about", [ev(q_a)], role=True)
    _edge(g, "claim-zen-lei-jun", "kg:about", "lei-jun", "about", [ev(q_b, True)], secondary_only=True, role=True)
    _edge(g, "claim-zen-friend", "kg:conflictsWith", "claim-zen-lei-jun", "conflicts with",
          note=conflict["note"])
    return g


HOSTILE_LABELS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "\u2028\u2029 & <b>bold</b> \"quoted\" 'single'",
]


def hostile_graph() -> nx.MultiDiGraph:
    """Labels, aliases, descriptions and quotes that would run script if inserted as HTML."""
    g = nx.MultiDiGraph()
    bad_quote = "<script>alert('quote')</script><img src=x onerror=alert(2)>"
    _node(g, "img", HOSTILE_LABELS[0], "Person", aliases=["<svg onload=alert(3)>"],
          description="<iframe src=javascript:alert(4)></iframe>", evidence=[ev(bad_quote)])
    _node(g, "script", HOSTILE_LABELS[1], "Organization", label_zh="<b onmouseover=alert(5)>中</b>",
          description="</script><!--", evidence=[dict(ev("</script><script>alert(6)</script>"),
                                                      translation="<img src=x onerror=alert('translation')>",
                                                      doubt="<b onclick=alert('doubt')>doubt</b>")])
    conflict = {"conflict": KGR + "conflict-hostile", "label": "<img src=x onerror=alert('conflict')>",
                "note": "</script><script>alert('note')</script>", "kind": "Contradiction"}
    _node(g, "claim-a", "<i>claim A</i><img src=x onerror=alert(10)>", "Claim", "Claim",
          evidence=[ev("<a href=x>link</a>")], conflicts=[dict(conflict, side="A", other=KGR + "claim-b")])
    _node(g, "claim-b", "<u>claim B</u>", "Claim", "Claim", secondary_only=True,
          evidence=[ev("href=javascript:alert(8)", secondary=True)], conflicts=[dict(conflict, side="B", other=KGR + "claim-a")])
    _edge(g, "claim-a", "kg:about", "img", "about", [ev("<a href=x>link</a>")], role=True)
    _edge(g, "claim-b", "kg:about", "img", "about", [ev("href=javascript:alert(8)", secondary=True)], role=True,
          secondary_only=True)
    _edge(g, "claim-a", "kg:conflictsWith", "claim-b", "conflicts with", note=conflict["note"])
    _node(g, "misc", HOSTILE_LABELS[2], "Event", "Sale", year=2001, date="2001", date_precision="year",
          description='"><img src=x onerror=alert(7)>', evidence=[ev("href=javascript:alert(8)")])
    _edge(g, "img", "kg:worksFor", "script", "<img src=x onerror=alert(9)>", [ev("<a href=x>link</a>")])
    _edge(g, "misc", "kg:seller", "script", "seller", [ev(bad_quote)], role=True)
    return g


def story_sources():
    """The texts of the story graph's two sources (every quote is in them), as the reader embeds them."""
    from graph.reader import SourceText

    speech = (
        "Tonight I will tell three stories.\n\n"
        "In 1992, I joined Kingsoft. Kingsoft's WPS was the best-known software in China.\n\n"
        "We worked hard. By 2004, we sold Joyo to Amazon for 75 million US dollars. It was a hard decision.\n\n"
        "In 2010, I founded Xiaomi, with a few partners.\n\n"
        "On the forum I met a friend on the forum, nicknamed 'Two Fingers Zen', who typed with two fingers.\n"
    )
    article = (
        "The article retells the story.\n\n"
        "Joyo.com was started in 2000 as a Kingsoft project, it says.\n\n"
        "And he used two fingers to type out the legend of “two-finger Zen” on the keyboard.\n"
    )
    return [SourceText(SPEECH, "Lei Jun's 2022 annual speech", speech, "primary", "en", "speech.txt"),
            SourceText(ARTICLE, "Conflict narrative analysis (article)", article, "secondary", "en", "article.txt")]


def hostile_sources():
    """A source text whose words and quotes would run script if inserted as HTML."""
    from graph.reader import SourceText

    text = (
        "<img src=x onerror=alert('text')> opens the text.\n\n"
        "It says <script>alert('quote')</script><img src=x onerror=alert(2)> and more.\n\n"
        "Then </script><script>alert(6)</script> and href=javascript:alert(8) too.\n\n"
        "Last, <a href=x>link</a>.\n"
    )
    return [SourceText(SPEECH, "<b onmouseover=alert('source')>The speech</b>", text, "primary", "en", "hostile.txt")]
