"""``kg report``: one entity's dossier, to cite.

The dossier tells a node's story from the graph: its facts in date order, grouped by
the event (or claim) they come from, each with its quotes and sources (a Chinese quote
with the curator's translation), its conflicts with both sides, and what only the
article says. It is written from the view's own data (:func:`graph.viewdata.page_data`)
by the same rules as the page's "Dossier" buttons (``templates/view-model.js``), so the
Markdown saved from the page and the one ``kg report`` writes are the same text.

>>> import networkx as nx
>>> from graph.viewdata import page_data
>>> ev = [{"source": "x:s", "source_label": "The speech", "quote": "we sold Joyo to Amazon", "secondary": False}]
>>> g = nx.MultiDiGraph()
>>> g.add_node("x:ks", label="Kingsoft", label_zh="金山", kind="Organization", type="Company")
>>> g.add_node("x:sale", label="Joyo.com sold to Amazon", kind="Event", type="Sale", date="2004-09", evidence=ev)
>>> g.add_edge("x:sale", "x:ks", key="kg:seller", label="seller", role=True, evidence=ev)
'kg:seller'
>>> text = dossier_markdown(page_data(g, layout=False), 0)
>>> print(text[:text.index("---")])
# Kingsoft (金山)
<BLANKLINE>
Organization · Company. IRI: x:ks
<BLANKLINE>
## The story, in date order
<BLANKLINE>
### 2004-09 — Joyo.com sold to Amazon (Sale)
<BLANKLINE>
> “we sold Joyo to Amazon” — The speech (primary source)
<BLANKLINE>
- seller: Kingsoft
<BLANKLINE>
<BLANKLINE>
"""

from __future__ import annotations

import html
import re

__all__ = ["dossier_markdown", "dossier_html", "groups_of"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#&|])")
_BREAKS = re.compile("[\r\n\u2028\u2029]+")
_FOOTER = ". Every quote is verbatim from its source; a Chinese quote carries the curator's English translation."


def _md(s) -> str:
    """Text for Markdown: line breaks become spaces and the characters Markdown reads
    (and the ``<`` of raw HTML) are backslash-escaped, so a label shows as written."""
    return _MD_SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", str(s)))


class _Model:
    """The page data with the defaults the page puts back (see ``view-model.js``)."""

    def __init__(self, data: dict):
        self.info = [self._node(x) for x in data["info"]]
        self.einfo = [self._edge(e) for e in data["einfo"]]
        self.ev = data["evidence"]
        self.cf = data.get("conflicts") or []
        self.adj: list[list[int]] = [[] for _ in self.info]
        for k, e in enumerate(self.einfo):
            self.adj[e["from"]].append(k)
            if e["to"] != e["from"]:
                self.adj[e["to"]].append(k)

    @staticmethod
    def _node(x: dict) -> dict:
        out = dict(x)
        for k in ("label_zh", "description", "date", "date_precision", "end_date", "date_inferred", "date_unknown",
                  "outcome", "claim_text", "iri", "verdict", "fam"):
            out.setdefault(k, "")
        for k in ("aliases", "amounts", "ev", "cf", "mentioned_in"):
            out.setdefault(k, [])
        out["secondary_only"] = bool(out.get("secondary_only"))
        return out

    @staticmethod
    def _edge(e: dict) -> dict:
        out = dict(e)
        out.setdefault("ev", [])
        out.setdefault("dv", [])
        out.setdefault("derived_from", -1)
        out.setdefault("note", "")
        out["secondary_only"] = bool(out.get("secondary_only"))
        out["role"] = bool(out.get("role"))
        return out

    def fact_text(self, k: int) -> str:
        e = self.einfo[k]
        if e["role"]:
            return f"{e['label']}: {self.info[e['to']]['label']}"
        return f"{self.info[e['from']]['label']} {e['label']} {self.info[e['to']]['label']}"

    def groups(self, i: int) -> tuple[list[dict], list[list]]:
        by_node: dict[int, dict] = {}
        order: list[int] = []
        other: list[list] = []

        def add(g, k, ev):
            if g not in by_node:
                by_node[g] = {"node": g, "facts": []}
                order.append(g)
            own = self.info[g]["ev"]
            by_node[g]["facts"].append([k, [r for r in ev if r not in own]])

        for k in self.adj[i]:
            e = self.einfo[k]
            if e["key"] == "kg:conflictsWith":
                continue
            if e["role"]:
                add(e["from"], k, e["ev"])
            elif e["dv"]:
                for event, ev in e["dv"]:
                    add(event, k, ev)
            elif e["derived_from"] >= 0:
                add(e["derived_from"], k, e["ev"])
            else:
                other.append([k, e["ev"]])

        def group_key(g):
            x = self.info[g]
            return (0 if x["date"] else 1, x["date"][1:] if x["date"].startswith("-") else x["date"], x["label"], g)

        order.sort(key=group_key)
        groups = []
        for g in order:
            grp = by_node[g]
            grp["facts"].sort(key=lambda f: (0 if self.einfo[f[0]]["role"] else 1, self.fact_text(f[0]), f[0]))
            groups.append(grp)
        other.sort(key=lambda f: (self.fact_text(f[0]), f[0]))
        return groups, other

    def conflicts(self, i: int, groups) -> list[int]:
        seen: list[int] = []
        for n in [i] + [g["node"] for g in groups]:
            for c in self.info[n]["cf"]:
                if c[0] not in seen:
                    seen.append(c[0])
        return sorted(seen)

    def article_only(self, i: int, groups, other) -> list[tuple[str, int]]:
        out, in_group = [], set()
        x = self.info[i]
        if x["secondary_only"] and x["kind"] in ("Event", "Claim"):
            out.append(("node", i))
            in_group.add(i)
        for g in groups:
            if g["node"] != i and self.info[g["node"]]["secondary_only"]:
                out.append(("node", g["node"]))
                in_group.add(g["node"])
        for g in groups:
            for k, _ev in g["facts"]:
                e = self.einfo[k]
                if e["secondary_only"] and g["node"] not in in_group and not e["role"]:
                    out.append(("edge", k))
        for k, _ev in other:
            if self.einfo[k]["secondary_only"]:
                out.append(("edge", k))
        return out

    @staticmethod
    def when(x) -> str:
        return x["date"] + ("~" if x["date_inferred"] else "") if x["date"] else "Date unknown"

    @staticmethod
    def kind_line(x) -> str:
        return x["kind"] if x["kind"] == x["type"] else f"{x['kind']} · {x['type']}"

    @staticmethod
    def facts(x) -> list[tuple[str, str]]:
        rows = []
        if x["aliases"]:
            rows.append(("Also called", "; ".join(x["aliases"])))
        if x["date"]:
            rows.append(("Date", x["date"] + (f" – {x['end_date']}" if x["end_date"] else "")
                         + (f" ({x['date_precision']})" if x["date_precision"] else "")
                         + (f", inferred: {x['date_inferred']}" if x["date_inferred"] else "")))
        for key, label in (("date_unknown", "Date unknown"), ("outcome", "Outcome")):
            if x[key]:
                rows.append((label, x[key]))
        if x["amounts"]:
            rows.append(("Amounts", "; ".join(x["amounts"])))
        if x["claim_text"]:
            rows.append(("Claim", x["claim_text"]))
        if x["mentioned_in"]:
            rows.append(("Mentioned in", "; ".join(x["mentioned_in"])))
        if x["verdict"]:
            rows.append(("Verdict", x["verdict"]))
        return rows

    @staticmethod
    def provenance(x) -> str:
        if not x["secondary_only"]:
            return ""
        return "Only the article states this." if x["kind"] in ("Event", "Claim") else "Only the article mentions this."


def groups_of(data: dict, i: int) -> tuple[list[dict], list[list]]:
    """The facts of node ``i``: ``([{"node": event or claim, "facts": [[edge, extra quotes]]}]
    in date order, [[edge, quotes]] of the facts stated on their own])``."""
    return _Model(data).groups(i)


def dossier_markdown(data: dict, i: int, title: str | None = None) -> str:
    """The dossier of node ``i`` of ``data`` (:func:`graph.viewdata.page_data`) as Markdown."""
    m = _Model(data)
    x = m.info[i]
    groups, other = m.groups(i)
    L: list[str] = []

    def quotes(refs, indent=""):
        for r in refs:
            ev = m.ev[r]
            L.append(f"{indent}> “{_md(ev[2])}” — {_md(ev[1] or ev[0])}" + (" (secondary source)" if ev[3] else " (primary source)"))
            if ev[4]:
                L.extend([f"{indent}>", f"{indent}> Curator's translation: {_md(ev[4])}"])
            if ev[5]:
                L.extend([f"{indent}>", f"{indent}> Doubt: {_md(ev[5])}"])
            L.append("")

    L += ["# " + _md(x["label"]) + (f" ({_md(x['label_zh'])})" if x["label_zh"] else ""), ""]
    L += [_md(m.kind_line(x)) + ". IRI: " + _md(x["iri"]), ""]
    if x["description"]:
        L += [_md(x["description"]), ""]
    rows = m.facts(x)
    L += [f"- {k}: {_md(v)}" for k, v in rows]
    if m.provenance(x):
        L.append("- " + m.provenance(x))
    if rows or m.provenance(x):
        L.append("")
    if x["ev"]:
        L += ["## Its own evidence", ""]
        quotes(x["ev"])
    if groups or other:
        L += ["## The story, in date order", ""]
        for g in groups:
            y = m.info[g["node"]]
            L += [f"### {_md(m.when(y))} — {_md(y['label'])} ({_md(y['type'])})" + (" · only the article" if y["secondary_only"] else ""), ""]
            if g["node"] != i:
                quotes(y["ev"])
            for k, extra in g["facts"]:
                L.append("- " + _md(m.fact_text(k)) + (" (only the article)" if m.einfo[k]["secondary_only"] and not y["secondary_only"] else ""))
                if extra:
                    L.append("")
                    quotes(extra, "  ")
            L.append("")
        if other:
            L += ["### Other facts", ""]
            for k, ev in other:
                L.append("- " + _md(m.fact_text(k)) + (" (only the article)" if m.einfo[k]["secondary_only"] else ""))
                if ev:
                    L.append("")
                    quotes(ev, "  ")
            L.append("")
    cfs = m.conflicts(i, groups)
    if cfs:
        L += ["## Conflicts", ""]
        for c in cfs:
            C = m.cf[c]
            L += [f"### {_md(C['label'])}" + (f" ({_md(C['kind'])})" if C["kind"] else ""), ""]
            if C["note"]:
                L += [_md(C["note"]), ""]
            for side, head in (("A", "Side A (the primary source, or the original):"), ("B", "Side B (the other reading):")):
                L += [head, ""]
                for n in C[side]:
                    L += ["- " + _md(m.info[n]["label"]), ""]
                    quotes(m.info[n]["ev"], "  ")
    only = m.article_only(i, groups, other)
    if only:
        L += ["## What only the article says", ""]
        for what, j in only:
            if what == "node":
                L += ["- " + _md(m.info[j]["label"]), ""]
                quotes(m.info[j]["ev"], "  ")
            else:
                L += ["- " + _md(m.fact_text(j)), ""]
                quotes(m.einfo[j]["ev"], "  ")
    L += ["---", "", "From " + _md(title or "the knowledge graph") + _FOOTER]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(L)) + "\n"


_STYLE = ("body{font:15px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}"
          "blockquote{margin:.4em 0;padding:.2em .8em;border-left:3px solid #8d99a6;background:#f7f8fa}"
          "blockquote.secondary{border-left-style:dashed;border-left-color:#d08a00}.meta{color:#555}.tr{font-style:italic}")


def _html_conflicts(m, cfs, out: list, quotes) -> None:
    """The dossier page's conflicts section: each conflict with both sides and their quotes."""
    e = html.escape
    if not cfs:
        return
    out.append("<h2>Conflicts</h2>")
    for c in cfs:
        C = m.cf[c]
        out.append(f"<h3>{e(C['label'])}" + (f" ({e(C['kind'])})" if C["kind"] else "") + "</h3>")
        if C["note"]:
            out.append(f"<p>{e(C['note'])}</p>")
        for side, head in (("A", "Side A (the primary source, or the original):"), ("B", "Side B (the other reading):")):
            out.append(f"<p class=\"meta\">{head}</p><ul>")
            for n in C[side]:
                out.append("<li>" + e(m.info[n]["label"]))
                quotes(m.info[n]["ev"])
                out.append("</li>")
            out.append("</ul>")


def dossier_html(data: dict, i: int, title: str | None = None) -> str:
    """The dossier of node ``i`` as a standalone HTML page (every string escaped)."""
    m = _Model(data)
    x = m.info[i]
    groups, other = m.groups(i)
    e = html.escape
    out: list[str] = []

    def quotes(refs):
        for r in refs:
            ev = m.ev[r]
            src = e(ev[1] or ev[0]) + (" (secondary source)" if ev[3] else " (primary source)")
            cls = ' class="secondary"' if ev[3] else ""
            out.append(f"<blockquote{cls}><p>“{e(ev[2])}” — {src}</p>")
            if ev[4]:
                out.append(f"<p class=\"tr\">Curator's translation: {e(ev[4])}</p>")
            if ev[5]:
                out.append(f"<p>Doubt: {e(ev[5])}</p>")
            out.append("</blockquote>")

    out.append("<h1>" + e(x["label"]) + (f" ({e(x['label_zh'])})" if x["label_zh"] else "") + "</h1>")
    out.append(f"<p class=\"meta\">{e(m.kind_line(x))}. IRI: {e(x['iri'])}</p>")
    if x["description"]:
        out.append(f"<p>{e(x['description'])}</p>")
    rows = m.facts(x)
    if rows or m.provenance(x):
        out.append("<ul>" + "".join(f"<li>{e(k)}: {e(v)}</li>" for k, v in rows)
                   + (f"<li>{m.provenance(x)}</li>" if m.provenance(x) else "") + "</ul>")
    if x["ev"]:
        out.append("<h2>Its own evidence</h2>")
        quotes(x["ev"])
    if groups or other:
        out.append("<h2>The story, in date order</h2>")
        for g in groups:
            y = m.info[g["node"]]
            out.append(f"<h3>{e(m.when(y))} — {e(y['label'])} ({e(y['type'])})" + (" · only the article" if y["secondary_only"] else "") + "</h3>")
            if g["node"] != i:
                quotes(y["ev"])
            out.append("<ul>")
            for k, extra in g["facts"]:
                out.append("<li>" + e(m.fact_text(k)) + (" (only the article)" if m.einfo[k]["secondary_only"] and not y["secondary_only"] else ""))
                quotes(extra)
                out.append("</li>")
            out.append("</ul>")
        if other:
            out.append("<h3>Other facts</h3><ul>")
            for k, ev in other:
                out.append("<li>" + e(m.fact_text(k)) + (" (only the article)" if m.einfo[k]["secondary_only"] else ""))
                quotes(ev)
                out.append("</li>")
            out.append("</ul>")
    _html_conflicts(m, m.conflicts(i, groups), out, quotes)
    only = m.article_only(i, groups, other)
    if only:
        out.append("<h2>What only the article says</h2><ul>")
        for what, j in only:
            out.append("<li>" + e(m.info[j]["label"] if what == "node" else m.fact_text(j)))
            quotes(m.info[j]["ev"] if what == "node" else m.einfo[j]["ev"])
            out.append("</li>")
        out.append("</ul>")
    out.append("<hr><p class=\"meta\">From " + e(title or "the knowledge graph") + e(_FOOTER) + "</p>")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<title>{e(x['label'])} — dossier</title><style>{_STYLE}</style></head><body>\n"
            + "\n".join(out) + "\n</body></html>\n")
