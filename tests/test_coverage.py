"""`kg coverage`: what of each source the graph holds, the reviewed ignores, and the check
that holds a source to its target."""

from __future__ import annotations

import json

from click.testing import CliRunner

from graph.cli import cli

PREFIXES = """@prefix kg: <https://w3id.org/story-kg/ontology#> .
@prefix kgr: <https://w3id.org/story-kg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

ENGLISH = """Hello everyone.

In 2007, Kingsoft finally went public. Then I left Jinshan after 16 years.
Life is long, and good things are about to happen.
Later I met Zhang Wei in Hangzhou.
"""

CHINESE = "# 演讲\n\n1992年我加入了金山。\n\n我们的莱卡合作做了两年！\n\n谢谢大家。\n"


def folder(tmp_path, data: str, ignores: str = "", target: str = "0.5"):
    from conftest import make_triples

    src = tmp_path / "sources"
    src.mkdir(parents=True)
    (src / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (src / "zh.txt").write_text(CHINESE, encoding="utf-8")
    sources = f"""
kgr:source-en a kg:Source ; skos:prefLabel "English text"@en ; dcterms:title "English text" ;
    schema:description "A test text."@en ; kg:sourceFile "en.txt" ; kg:sourceKind kg:PrimarySource ;
    kg:coverageTarget {target} .
kgr:source-zh a kg:Source ; skos:prefLabel "Chinese text"@en ; dcterms:title "Chinese text" ; dcterms:language "zh" ;
    schema:description "A test text."@en ; kg:sourceFile "zh.txt" ; kg:sourceKind kg:PrimarySource .
kgr:kingsoft a kg:Company ; skos:prefLabel "Kingsoft"@en , "金山"@zh ; skos:altLabel "Jinshan"@en ;
    schema:description "A software company."@en .
kgr:leica a kg:Company ; skos:prefLabel "Leica"@en , "徕卡"@zh ; schema:description "A camera maker."@en .
"""
    extra = {"sources.ttl": PREFIXES + sources, "data.ttl": PREFIXES + data}
    if ignores:
        extra["coverage/test.ttl"] = PREFIXES + ignores
    return make_triples(tmp_path, extra=extra), src


IPO = """
kgr:kingsoft-ipo a kg:IPO ; skos:prefLabel "Kingsoft goes public"@en ; schema:description "IPO."@en ;
    kg:organization kgr:kingsoft ; kg:date "2007"^^xsd:gYear ;
    kg:evidence [ a kg:Evidence ; kg:source kgr:source-en ; kg:quote "Kingsoft finally went public" ] ,
                [ a kg:Evidence ; kg:source kgr:source-zh ; kg:quote "1992年我加入了金山。" ;
                  kg:quoteTranslation "In 1992 I joined Kingsoft."@en ] .
kgr:claim-leica-years a kg:Claim ; skos:prefLabel "Two years with Leica"@en ; kg:claimText "Two years with Leica."@en ;
    kg:about kgr:leica ;
    kg:evidence [ a kg:Evidence ; kg:source kgr:source-zh ; kg:quote "我们的莱卡合作做了两年！" ;
                  kg:quoteTranslation "Our Leica cooperation went on for two years!"@en ] .
"""


def coverage_of(triples, sources):
    import graph
    from graph.coverage import coverage

    return coverage(graph.load(triples), sources, triples)


def test_sentences_that_carry_a_name_date_or_number_are_counted_and_cited_by_overlapping_quotes(tmp_path):
    triples, sources = folder(tmp_path, IPO)
    en = coverage_of(triples, sources)["en.txt"]["sentences"]
    # "Hello everyone." and "Life is long..." carry no name, date or number
    assert (en["total"], en["informative"], en["cited"]) == (5, 3, 1)
    assert [u["text"] for u in en["uncited"]] == ["Then I left Jinshan after 16 years.", "Later I met Zhang Wei in Hangzhou."]
    zh = coverage_of(triples, sources)["zh.txt"]["sentences"]
    assert (zh["total"], zh["informative"], zh["cited"]) == (4, 3, 2)  # jieba takes 谢谢 for a name: not yet reviewed
    ignored = folder(tmp_path / "again", IPO, """
[] a kg:CoverageIgnore ; kg:source kgr:source-zh ; kg:ignoredName "谢谢" ; kg:reason "thanks, not a name"@en .
""")
    zh = coverage_of(*ignored)["zh.txt"]["sentences"]
    assert (zh["total"], zh["informative"], zh["cited"]) == (4, 2, 2)  # a reviewed non-name makes nothing informative


def test_a_quote_spanning_two_sentences_cites_both(tmp_path):
    data = IPO.replace('kg:quote "Kingsoft finally went public"', 'kg:quote "went public. Then I left Jinshan"')
    triples, sources = folder(tmp_path, data)
    assert coverage_of(triples, sources)["en.txt"]["sentences"]["cited"] == 2


def test_names_that_match_no_label_are_listed_with_suggestions_and_pinyin(tmp_path):
    triples, sources = folder(tmp_path, IPO)
    report = coverage_of(triples, sources)
    en = {u["name"] for u in report["en.txt"]["names"]["unresolved"]}
    assert en == {"Zhang Wei", "Hangzhou"}  # Kingsoft and Jinshan are known; Hello, Then, Life, Later open sentences
    zh = {u["name"]: u["suggestions"] for u in report["zh.txt"]["names"]["unresolved"]}
    assert "莱卡" in zh and zh["莱卡"][0] == "Leica (pinyin laika)"  # a homophone of 徕卡


def test_reviewed_ignores_count_as_reviewed_and_stale_ones_fail_the_check(tmp_path):
    ignores = """
[] a kg:CoverageIgnore ; kg:source kgr:source-en ; kg:ignoredSentence "Later I met Zhang Wei" ; kg:reason "a test"@en .
[] a kg:CoverageIgnore ; kg:source kgr:source-en ; kg:ignoredName "Hangzhou" ; kg:reason "a test"@en .
[] a kg:CoverageIgnore ; kg:source kgr:source-en ; kg:ignoredSentence "This sentence is not in the text" ; kg:reason "stale"@en .
"""
    triples, sources = folder(tmp_path, IPO, ignores)
    en = coverage_of(triples, sources)["en.txt"]
    assert en["sentences"]["ignored"] == 1 and len(en["sentences"]["uncited"]) == 1
    # names are reviewed on their own: Hangzhou is ignored; Zhang Wei, in the ignored sentence, still is a name
    assert {u["name"] for u in en["names"]["unresolved"]} == {"Zhang Wei"}
    assert len(en["stale_ignores"]) == 1
    out = CliRunner().invoke(cli, ["check", "--triples", str(triples), "--sources", str(sources)])
    assert out.exit_code == 1
    assert "test.ttl:11: [coverage-ignore] the ignore “This sentence is not in the text” matches nothing in en.txt" in out.output


def test_an_ignore_of_a_sentence_a_fact_now_cites_fails_the_check(tmp_path):
    """A curator cites a sentence that an earlier review set aside as carrying no fact:
    the review's reason no longer holds, and the check asks for the entry to go."""
    ignores = """
[] a kg:CoverageIgnore ; kg:source kgr:source-en ; kg:ignoredSentence "In 2007, Kingsoft finally went public." ; kg:reason "no fact"@en .
[] a kg:CoverageIgnore ; kg:source kgr:source-en ; kg:ignoredSentence "Later I met Zhang Wei" ; kg:reason "a test"@en .
"""
    triples, sources = folder(tmp_path, IPO, ignores)
    en = coverage_of(triples, sources)["en.txt"]
    assert [i["sentence"] for i in en["cited_ignores"]] == ["In 2007, Kingsoft finally went public."]
    out = CliRunner().invoke(cli, ["check", "--triples", str(triples), "--sources", str(sources)])
    assert out.exit_code == 1
    assert ("test.ttl:9: [coverage-ignore] the ignore “In 2007, Kingsoft finally went public.” is of a sentence "
            "a fact now cites in en.txt") in out.output
    assert "Later I met Zhang Wei" not in out.output  # uncited: its review still holds


def test_a_source_below_its_target_fails_the_check(tmp_path):
    triples, sources = folder(tmp_path, IPO, target="0.9")
    out = CliRunner().invoke(cli, ["check", "--triples", str(triples), "--sources", str(sources)])
    assert out.exit_code == 1
    assert "[coverage] en.txt: 1 of 3 sentences that carry a name, a date, a number or an amount are cited (33.3%), below the target of 90%" in out.output
    assert "kg coverage --source en.txt --uncovered" in out.output


def test_kg_coverage_prints_a_table_the_uncovered_sentences_and_json(tmp_path):
    triples, sources = folder(tmp_path, IPO)
    runner = CliRunner()
    table = runner.invoke(cli, ["coverage", "--triples", str(triples), "--sources", str(sources)])
    assert table.exit_code == 0, table.output
    head, en = table.output.splitlines()[0].split(), next(l for l in table.output.splitlines() if l.startswith("en.txt"))
    assert head[:4] == ["source", "sentences", "informative", "cited"] and en.split()[1:4] == ["5", "3", "1"]
    listing = runner.invoke(cli, ["coverage", "--source", "en.txt", "--uncovered", "--triples", str(triples),
                                  "--sources", str(sources)]).output
    assert "en.txt:3: Then I left Jinshan after 16 years." in listing
    assert "en.txt:5: Hangzhou ×1" in listing
    data = json.loads(runner.invoke(cli, ["coverage", "--format", "json", "--triples", str(triples),
                                          "--sources", str(sources)]).output)
    assert data["en.txt"]["sentences"]["cited_share"] == round(1 / 3, 4) and data["en.txt"]["target"] == 0.5


def test_the_figures_reach_stats_and_the_view(tmp_path):
    triples, sources = folder(tmp_path, IPO, target="0.3")
    out = tmp_path / "exports"
    result = CliRunner().invoke(cli, ["build", "--triples", str(triples), "--sources", str(sources), "--exports", str(out),
                                      "--no-html"])
    assert result.exit_code == 0, result.output
    stats = json.loads((out / "stats.json").read_text())
    assert stats["coverage"]["en.txt"]["cited"] == 1 and stats["coverage"]["en.txt"]["informative"] == 3
    import graph
    from graph.coverage import coverage, summary
    from graph.view import render_html

    g = graph.load(triples)
    page = render_html(graph.to_networkx(g), coverage=summary(coverage(g, sources, triples, targeted=True)))
    assert "English text: 1 of 3 informative sentences cited (33%)" in page


def test_the_curated_sources_meet_their_targets_with_every_sentence_and_name_reviewed(curated_graph, sources_dir, triples_dir):
    from graph.coverage import coverage

    report = coverage(curated_graph, sources_dir, triples_dir, targeted=True)
    assert len(report) == 5
    for name, r in report.items():
        s = r["sentences"]
        assert s["cited_share"] >= r["target"], (name, s["cited_share"])
        assert s["uncited"] == [], (name, s["uncited"][:3])
        assert r["names"]["unresolved"] == [], (name, r["names"]["unresolved"][:3])
        assert r["stale_ignores"] == []


def test_sentence_splits_are_kept_and_read_back_the_same(tmp_path, sources_dir):
    """pysbd's splits are cached in the folder's .kg/ (most of `kg stats`): read back, they
    are the same sentences; a damaged cache file is split again."""
    from pathlib import Path

    from graph.sentences import cached_sentences as _cached_sentences
    from graph.sentences import is_chinese, sentences

    for path in sorted(Path(sources_dir).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        fresh = sentences(text, is_chinese(text))
        first = _cached_sentences(text, is_chinese(text), tmp_path, path.name)
        again = _cached_sentences(text, is_chinese(text), tmp_path, path.name)
        assert first == fresh and again == fresh
    kept = sorted(tmp_path.glob("sentences-*.json"))
    assert len(kept) == len(list(Path(sources_dir).glob("*.txt")))
    source = sorted(Path(sources_dir).glob("*.txt"))[0]
    (damaged,) = tmp_path.glob("sentences-" + source.name.replace(".", "-") + "-*.json")
    damaged.write_text("[[0, ", encoding="utf-8")
    text = source.read_text(encoding="utf-8")
    assert _cached_sentences(text, is_chinese(text), tmp_path, source.name) == sentences(text, is_chinese(text))
    assert json.loads(damaged.read_text(encoding="utf-8"))  # written again whole
