"""Every name in the curated graph finds its entity: `kg show` works on any label or alias."""

from __future__ import annotations

import pytest

import graph
from graph.lookup import find_entity, name_index


def test_every_label_and_alias_finds_its_own_entity(curated_graph):
    from rdflib import RDF, SKOS, URIRef

    index = name_index(curated_graph)
    typed = {s for s in curated_graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    pairs = [(s, str(o)) for p in (SKOS.prefLabel, SKOS.altLabel)
             for s, o in curated_graph.subject_objects(p) if s in typed]
    assert len(pairs) > 300
    wrong = [(name, s) for s, name in pairs if find_entity(curated_graph, name, index) != s]
    assert wrong == []


@pytest.mark.parametrize("name,slug", [
    ("Jinshan", "kingsoft"), ("Beijing Jinshan", "kingsoft"), ("金山", "kingsoft"),
    ("Zhuoyue", "joyo"), ("Zhuoyue.com", "joyo"), ("Excellence Network", "joyo"), ("Jooyo.com", "joyo"),
    ("雷军", "lei-jun"), ("LEI JUN", "lei-jun"), ("Leica Jun", "lei-jun"),
    ("Bojun", "qiu-bojun"), ("Kingsoft Drugbath", "kingsoft-antivirus"),
])
def test_the_surface_forms_of_the_translations_resolve(curated_graph, name, slug):
    assert find_entity(curated_graph, name) == graph.KGR[slug]
