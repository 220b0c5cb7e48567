"""GraphML of the networkx projection, written directly.

``networkx.write_graphml`` builds an ElementTree element per node, edge and attribute
value before it writes anything: 33 s and more than a gigabyte for the projection of a
1M-triple graph. :func:`graphml_bytes` streams the same document from the projection
instead, byte for byte what ``networkx.write_graphml(graphml_ready(nxg),
prettyprint=True, named_key_ids=True)`` writes (``tests/test_build.py`` compares the
two), in a few seconds.

Every attribute becomes a GraphML-legal value as :func:`graphml_ready`
makes it: lists and dicts are JSON strings, ``None`` is left out, nodes and edges are
sorted so the bytes are deterministic.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="A & B", aliases=["x"], year=2010)
>>> g.add_edge("a", "b", key="kg:partOf", note=None)
'kg:partOf'
>>> print(graphml_bytes(g).decode())  # doctest: +ELLIPSIS
<?xml version='1.0' encoding='utf-8'?>
<graphml ...>
  <key id="year" for="node" attr.name="year" attr.type="long" />
  <key id="label" for="node" attr.name="label" attr.type="string" />
  <key id="aliases" for="node" attr.name="aliases" attr.type="string" />
  <graph edgedefault="directed">
    <node id="a">
      <data key="aliases">["x"]</data>
      <data key="label">A &amp; B</data>
      <data key="year">2010</data>
    </node>
    <node id="b" />
    <edge source="a" target="b" id="kg:partOf" />
  </graph>
</graphml>
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape as _escape_cdata  # & < >, as ElementTree escapes text

from .store import gc_paused

__all__ = ["graphml_bytes", "graphml_ready", "clean_attributes", "to_graphml"]

# what ElementTree escapes in an attribute value (CR, LF and tab as character references,
# so a reader keeps them)
_ATTRIBUTE = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def _escape_attrib(text: str) -> str:
    r"""``text`` as an XML attribute value (between double quotes).

    >>> _escape_attrib('a "b" & <c>\tline\n')
    'a &quot;b&quot; &amp; &lt;c&gt;&#09;line&#10;'
    """
    return _escape_cdata(text, _ATTRIBUTE)


_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_LEGAL = (str, int, float, bool)


def _xml_type(t) -> str:
    """GraphML attr.type of Python type ``t``, from networkx's own table."""
    global _XML_TYPES
    if _XML_TYPES is None:
        from networkx.readwrite.graphml import GraphMLWriter

        _XML_TYPES = GraphMLWriter().xml_type
    return _XML_TYPES[t]


_XML_TYPES = None


def clean_attributes(attrs: dict) -> dict:
    """``attrs`` with GraphML-legal values, keys sorted: lists, tuples and dicts as JSON
    text, ``None`` left out (a GraphML key has one type), anything else as ``str``."""
    out = {}
    for k, v in sorted(attrs.items()):
        if v is None:
            continue
        if isinstance(v, (list, dict, tuple)):
            v = json.dumps(v, ensure_ascii=False, sort_keys=True)
        elif not isinstance(v, _LEGAL):
            v = str(v)
        out[k] = v
    return out


def _sorted_edges(nxg):
    return sorted(nxg.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))


@gc_paused()  # millions of short-lived strings and lists (1M triples: 0.5 s of collections)
def graphml_bytes(nxg, chunk: int = 1 << 20) -> bytes:
    """The GraphML document of projection ``nxg`` (a networkx graph) as UTF-8 bytes."""
    nodes = sorted(nxg.nodes)
    edges = _sorted_edges(nxg) if nxg.is_multigraph() else sorted(
        ((u, v, None, d) for u, v, d in nxg.edges(data=True)), key=lambda e: (e[0], e[1]))
    # keys: one per (name, type, scope) in the order networkx meets them; it inserts each
    # at the front of the document, so they are written newest first
    keys: dict = {}
    for scope, items in (("node", (nxg.nodes[n] for n in nodes)), ("edge", (e[3] for e in edges))):
        for attrs in items:
            for k, v in sorted(attrs.items()):
                if v is None:
                    continue
                t = type(v) if isinstance(v, _LEGAL) else str  # the type clean_attributes gives
                keys.setdefault((str(k), _xml_type(t), scope), None)
    out = bytearray(_HEADER.encode("utf-8"))
    parts = [f'  <key id="{_escape_attrib(n)}" for="{s}" attr.name="{_escape_attrib(n)}" attr.type="{t}" />\n'
             for n, t, s in reversed(list(keys))]
    directed = "directed" if nxg.is_directed() else "undirected"
    if not nodes:
        parts.append(f'  <graph edgedefault="{directed}" />\n</graphml>\n')
        out.extend("".join(parts).encode("utf-8"))
        return bytes(out)
    parts.append(f'  <graph edgedefault="{directed}">\n')
    size = 0

    def flush():
        nonlocal size
        out.extend("".join(parts).encode("utf-8"))
        parts.clear()
        size = 0

    def data_lines(attrs):
        lines = []
        for k, v in clean_attributes(attrs).items():
            text = str(v)
            key = _escape_attrib(str(k))
            lines.append(f'      <data key="{key}">{_escape_cdata(text)}</data>\n' if text
                         else f'      <data key="{key}" />\n')
        return lines

    def element(tag: str, head: str, attrs: dict):
        nonlocal size
        lines = data_lines(attrs)
        if lines:
            parts.append(f"    <{tag} {head}>\n")
            parts.extend(lines)
            parts.append(f"    </{tag}>\n")
        else:
            parts.append(f"    <{tag} {head} />\n")
        size += len(lines) + 2
        if size > chunk:
            flush()

    for n in nodes:
        element("node", f'id="{_escape_attrib(str(n))}"', nxg.nodes[n])
    for u, v, key, attrs in edges:
        head = f'source="{_escape_attrib(str(u))}" target="{_escape_attrib(str(v))}"'
        element("edge", head if key is None else f'{head} id="{_escape_attrib(str(key))}"', attrs)
    parts.append("  </graph>\n</graphml>\n")
    flush()
    return bytes(out)


def graphml_ready(nxg):
    """A copy of the projection whose every attribute is a GraphML-legal value.

    Lists and dicts become JSON strings, ``None`` values are left out; nodes and edges are
    sorted so the GraphML bytes are deterministic.
    """
    import networkx as nx

    h = nx.MultiDiGraph()
    for node in sorted(nxg.nodes):
        h.add_node(node, **clean_attributes(nxg.nodes[node]))
    for s, o, k, d in sorted(nxg.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        h.add_edge(s, o, key=k, **clean_attributes(d))
    return h


def to_graphml(nxg) -> bytes:
    """GraphML bytes of the projection: what ``networkx.write_graphml(graphml_ready(nxg),
    prettyprint=True, named_key_ids=True)`` writes, streamed by :mod:`graph.graphml`."""
    return graphml_bytes(nxg)
