"""The timeline picture leaves out no event: the undated ones have a column of their own."""

from __future__ import annotations

from graph.timeline_plot import timeline_rows, write_timeline
from view_graphs import KGR, story_graph


def test_timeline_draws_the_undated_events_too_and_says_how_many(tmp_path):
    g = story_graph()
    g.add_node(KGR + "undated", **dict(g.nodes[KGR + "joining-kingsoft"], iri=KGR + "undated", label="A meeting, date unknown",
                                       type="Meeting", date="", year=None, date_unknown="the speech gives no date"))
    g.add_edge(KGR + "undated", KGR + "kingsoft", key="kg:attendee", label="attendee", role=True)
    rows = {r["label"]: r for r in timeline_rows(g)}
    assert rows["A meeting, date unknown"]["undated"] and rows["A meeting, date unknown"]["lane"] == "Kingsoft"
    assert len(rows) == 5  # every event of the story graph
    text = write_timeline(g, tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "A meeting, date unknown" in text and "date unknown (1)" in text
    assert "4 dated events; 1 with no date" in text


def test_timeline_of_the_curated_graph_leaves_out_no_event(curated_graph, tmp_path):
    from graph.network import to_networkx

    nxg = to_networkx(curated_graph)
    events = [a for _n, a in nxg.nodes(data=True) if a["kind"] == "Event"]
    undated = sum(1 for a in events if not a["date"])
    rows = timeline_rows(nxg)
    assert len(rows) == len(events) and sum(r["undated"] for r in rows) == undated > 0
    text = write_timeline(nxg, tmp_path / "t.svg").read_text(encoding="utf-8")
    assert f"date unknown ({undated})" in text and f"{undated} with no date" in text
