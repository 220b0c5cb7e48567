"""The HTML graph view: one self-contained, offline, safe page.

``render_html`` turns an entity-level networkx ``MultiDiGraph`` (the
``graph.network.to_networkx`` contract) into a single HTML page that works from
``file://`` with no network request: vis-network's JavaScript and CSS (bundled
in the pyvis package, licence notice kept) are inlined, and so is the graph
data, as JSON escaped for a ``<script>`` element.  Every label, alias,
description and quote reaches the page through ``textContent`` (or the canvas),
never as HTML.

Positions are computed here (seeded, so the same graph gives the same bytes);
physics is off until the user switches it on.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("x:a", label="</script><b>", kind="Person", type="Person")
>>> g.add_node("x:b", label="B", kind="Organization", type="Organization")
>>> g.add_edge("x:a", "x:b", key="kg:worksFor", label="works for")
'kg:worksFor'
>>> page = render_html(g, title="Demo")
>>> "</script><b>" in page
False
>>> page == render_html(g, title="Demo")
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


from graph.layout import layout_positions
from graph.viewdata import DEFAULT_MAX_NODES

__all__ = ["DEFAULT_MAX_NODES", "render_html", "write_html", "layout_positions"]

#: The page's own scripts, in the order they run (inlined as one script).
APP_SCRIPTS = ("view-model.js", "view-labels.js", "view-reader.js", "view.js")

_TEMPLATE_DIR = Path(__file__).with_name("templates")


def _json_for_script(obj: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&``, U+2028 or U+2029 survive.

    >>> _json_for_script({"a": "</script>&\\u2028"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _vis_bundle() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside pyvis (licence header kept in the JS)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    # a source-map comment would make developer tools look for a file next to the page
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL="))
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    for name, text, closing in (("js", js, "</script"), ("css", css, "</style")):
        if closing in text.lower():  # pragma: no cover - the bundled file does not
            raise RuntimeError(f"vis-network {name} contains {closing!r}; cannot inline it safely")
    return js, css


def render_html(nxg, *, title: str | None = None, max_nodes: int | None = None, coverage: dict | None = None,
                sources=(), source_note: str = "") -> str:
    """Return the self-contained HTML page for an entity-level networkx graph.

    ``max_nodes``: draw at most this many nodes first, those the sources say most about,
    and say so on the page; the page still holds every node, and its search finds them
    (``None``: ``DEFAULT_MAX_NODES``; ``0``: no limit). ``coverage``: the figures of
    :func:`graph.coverage.summary`, shown in the footer. ``sources``: the
    :class:`graph.reader.SourceText` of each source, for the reader pane and the sizes
    (``graph.reader.source_texts(g, folder)`` reads them).
    """
    from .progress import stage

    with stage("HTML view"):
        return _render_html(nxg, title, max_nodes, coverage, sources, source_note)


def _coverage_lines(coverage: dict | None) -> list[str]:
    return [f"{c['label']}: {c['cited']} of {c['informative']} informative sentences cited "
            f"({100 * c['cited_share']:.0f}%)" for _name, c in sorted((coverage or {}).items())]


def _render_html(nxg, title, max_nodes, coverage=None, sources=(), source_note="") -> str:
    import jinja2

    from .viewdata import page_data

    data = page_data(nxg, max_nodes=max_nodes, sources=sources, source_note=source_note)
    vis_js, vis_css = _vis_bundle()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATE_DIR)),
        autoescape=True,
        keep_trailing_newline=True,
    )
    template = env.get_template("view.html")
    app_js = "\n".join((_TEMPLATE_DIR / name).read_text(encoding="utf-8") for name in APP_SCRIPTS)
    for name in APP_SCRIPTS:  # the page's own scripts are inlined too
        if "</script" in (_TEMPLATE_DIR / name).read_text(encoding="utf-8").lower():  # pragma: no cover
            raise RuntimeError(f"{name} contains '</script'; cannot inline it safely")
    app_css = (_TEMPLATE_DIR / "view.css").read_text(encoding="utf-8")
    page_title = title or nxg.graph.get("title") or "Knowledge graph"
    return template.render(
        title=page_title,
        heading=page_title,
        data_json=_markup(_json_for_script(data)),
        vis_js=_markup(vis_js),
        vis_css=_markup(vis_css),
        app_js=_markup(app_js),
        app_css=_markup(app_css),
        truncated=data["truncated"],
        lite=data["lite"],
        total_nodes=data["total_nodes"],
        total_edges=data["total_edges"],
        drawn_nodes=data["drawn_nodes"],
        coverage=_coverage_lines(coverage),
    )


def _markup(text: str):
    from markupsafe import Markup

    return Markup(text)


def write_html(g_or_nxg, path, *, title: str | None = None, max_nodes: int | None = None, sources=None) -> Path:
    """Write the page for an rdflib ``Graph`` or a networkx graph to ``path`` atomically; return the path.

    ``sources``: a folder of source texts (read against the rdflib graph's ``kg:sourceFile``s)
    or a list of :class:`graph.reader.SourceText`."""
    from graph.reader import source_texts

    nxg, texts, note = g_or_nxg, [], ""
    if not hasattr(nxg, "nodes"):  # an rdflib Graph
        from graph.network import to_networkx

        if sources is not None and not isinstance(sources, (list, tuple)):
            texts, note = source_texts(g_or_nxg, sources)
        nxg = to_networkx(g_or_nxg)
    if isinstance(sources, (list, tuple)):
        texts = list(sources)
    page = render_html(nxg, title=title, max_nodes=max_nodes, sources=texts, source_note=note)
    from graph.files import write_atomic

    return write_atomic(Path(path), page.encode("utf-8"))
