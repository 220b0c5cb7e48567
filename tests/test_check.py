"""`kg check` finds each kind of bad input and says where, what and how to fix it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, make_triples

from graph.cli import cli
from graph.vocab import SHAPES

BAD = FIXTURES / "bad"

# fixture file, rule shown, words the message must contain, line the problem is on
CASES = [
    ("malformed.ttl", "syntax", "malformed.ttl:12", None),
    ("undefined-prefix.ttl", "syntax", "The prefix foo: has not been declared (declare it with @prefix", 10),
    ("ill-typed-month.ttl", "well-typed-literal", "month 13 is not 01-12", 10),
    ("impossible-date.ttl", "well-typed-literal", "February 1996 has no day 30", 10),
    ("undefined-entity.ttl", "defined-entity", "kgr:kingsfot is used but never defined", 11),
    ("quote-not-in-source.ttl", "evidence-quote", "quote not found verbatim", 12),
    ("alias-two-entities.ttl", "unique-alias", "'Jinshan' is a label or alias of 2 entities", None),
    ("misspelled-term.ttl", "closed-vocabulary", "kg:organisation is not declared", 11),
]


def run_check(folder, sources):
    return CliRunner().invoke(cli, ["check", "--triples", str(folder), "--sources", str(sources)])


def test_the_fixture_graph_is_clean(mini_triples, sources_dir):
    result = run_check(mini_triples, sources_dir)
    assert result.exit_code == 0, result.output
    assert "kg check: OK: 0 problems" in result.output


@pytest.mark.parametrize("name,rule,words,line", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_with_file_line_rule_and_fix(tmp_path, sources_dir, name, rule, words, line):
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", BAD / name)
    result = run_check(folder, sources_dir)
    assert result.exit_code == 1, result.output
    assert f"[{rule}]" in result.output
    assert words in result.output
    assert "fix:" in result.output
    assert "kg check: FAILED" in result.output
    if line is not None:
        assert f"{name}:{line}" in result.output


def test_typo_in_an_entity_reference_suggests_the_real_one(tmp_path, sources_dir):
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", BAD / "undefined-entity.ttl")
    result = run_check(folder, sources_dir)
    assert "did you mean kgr:kingsoft?" in result.output


def test_misspelled_vocabulary_term_suggests_the_declared_one(tmp_path, sources_dir):
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", BAD / "misspelled-term.ttl")
    assert "use kg:organization" in run_check(folder, sources_dir).output


def test_quote_error_shows_what_the_source_really_says(tmp_path, sources_dir):
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", BAD / "quote-not-in-source.ttl")
    out = run_check(folder, sources_dir).output
    assert "kgr:kingsoft-ipo" in out
    assert "the source has: “In 2007, Kingsoft finally went public." in out


def test_event_without_evidence_fails_the_shapes(tmp_path, sources_dir):
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", BAD / "event-without-evidence.ttl")
    result = run_check(folder, sources_dir)
    assert result.exit_code == 1
    assert "kgr:kingsoft-ipo" in result.output
    assert "evidence" in result.output.lower()


def test_missing_sources_folder_is_an_error(mini_triples, tmp_path):
    result = run_check(mini_triples, tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "quotes cannot be checked" in result.output


def test_missing_triples_folder_is_an_error(tmp_path, sources_dir):
    result = run_check(tmp_path / "nothing-here", sources_dir)
    assert result.exit_code == 1
    assert "triples folder not found" in result.output


def test_the_curated_graph_passes_every_check(triples_dir, sources_dir):
    result = run_check(triples_dir, sources_dir)
    assert result.exit_code == 0, result.output[-3000:]


def test_shapes_checked_in_python_still_work_in_any_shacl_validator(tmp_path, triples_dir):
    """kg check deactivates shapes marked kg:checkedBy (a faster Python rule runs instead);
    run as plain SHACL, the shape must catch the same bad input."""
    import pyshacl
    from rdflib import Graph

    import graph

    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", BAD / "undefined-entity.ttl")
    conforms, results, text = pyshacl.validate(
        graph.load(folder), shacl_graph=Graph().parse(SHAPES), inference="none", advanced=True)
    assert not conforms
    assert "kingsfot" in text and "never defined" in text


def test_background_shacl_finds_the_same_problems(tmp_path, sources_dir):
    """kg build validates the shapes in a forked process while it renders; same answer."""
    import graph
    from graph.check import check

    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", BAD / "event-without-evidence.ttl")
    inline = check(folder, sources_dir)
    background = check(folder, sources_dir, wait=False)
    with pytest.raises(RuntimeError):
        background.ok  # noqa: B018 - reading ok before finish() is an error
    assert [str(p) for p in background.finish().problems] == [str(p) for p in inline.problems]
    assert not inline.ok and graph.check(folder, sources_dir).problems




def test_a_problem_is_located_where_the_term_is_used_not_where_a_comment_or_quote_names_it(tmp_path, sources_dir):
    prefixes = "@prefix kg: <https://w3id.org/story-kg/ontology#> .\n@prefix kgr: <https://w3id.org/story-kg/id/> .\n"
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", extra={
        "a-notes.ttl": prefixes + "# the ontology has no kg:inferred, so notes say so\n"
                       'kgr:kingsoft kg:note """a note naming\nkg:inferred in a string""" .\n',
        "b-use.ttl": prefixes + "\nkgr:kingsoft kg:inferred true .\n"})
    out = run_check(folder, sources_dir).output
    assert "[closed-vocabulary] kg:inferred is not declared" in out
    assert "b-use.ttl:4: kg:inferred" in out, out


ZH_SOURCE = """@prefix kg:      <https://w3id.org/story-kg/ontology#> .
@prefix kgr:     <https://w3id.org/story-kg/id/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix schema:  <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .

kgr:source-speech-2022-zh a kg:Source ;
    skos:prefLabel "Lei Jun's 2022 annual speech (Chinese transcript)"@en ;
    dcterms:title "2022年雷军年度演讲"@zh ;
    schema:description "The 2022 speech as spoken."@en ;
    kg:sourceFile "lei-jun-2022-annual-speech-zh.txt" ;
    kg:sourceKind kg:PrimarySource ;
    dcterms:language "zh" ;
    kg:translationNote "Speech-to-text transcript."@en .
"""

CITED = """@prefix kg:      <https://w3id.org/story-kg/ontology#> .
@prefix kgr:     <https://w3id.org/story-kg/id/> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .

[] a rdf:Statement ; rdf:subject kgr:lei-jun ; rdf:predicate kg:worksFor ; rdf:object kgr:kingsoft ;
   kg:evidence [ a kg:Evidence ; kg:source kgr:source-speech-2022-zh ; kg:quote "那一年的我26岁，我是北京金山的总经理" ;
                 kg:quoteTranslation "That year I was 26, general manager of Beijing Kingsoft"@en ] .
"""


def test_a_chinese_label_the_transcript_prints_must_be_cited_from_it(tmp_path, sources_dir):
    """attested-label: a named entity whose Chinese label a Chinese source prints is
    cited from that source; one cited from it is not reported, nor an idea or group."""
    folder = make_triples(tmp_path, FIXTURES / "mini" / "data.ttl", extra={"zh-source.ttl": ZH_SOURCE})
    result = run_check(folder, sources_dir)
    assert result.exit_code == 1, result.output
    reported = sorted(line.split("] ", 1)[1].split(" ", 1)[0] for line in result.output.splitlines()
                      if "[attested-label]" in line)
    assert reported == ["kgr:joyo", "kgr:kingsoft", "kgr:lei-jun", "kgr:xiaomi", "kgr:zhongguancun"], result.output
    assert "kgr:kingsoft '金山' appears in lei-jun-2022-annual-speech-zh.txt (line" in result.output
    folder = make_triples(tmp_path / "cited", FIXTURES / "mini" / "data.ttl", extra={"zh-source.ttl": ZH_SOURCE, "cited.ttl": CITED})
    result = run_check(folder, sources_dir)
    reported = sorted(line.split("] ", 1)[1].split(" ", 1)[0] for line in result.output.splitlines()
                      if "[attested-label]" in line)
    assert reported == ["kgr:joyo", "kgr:xiaomi", "kgr:zhongguancun"], result.output
    assert "[evidence-quote]" not in result.output
