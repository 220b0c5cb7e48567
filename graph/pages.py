"""The HTML pages of ``kg serve``: the frame every page shares, and the query page (a
form, the answer as a table, the saved queries as examples). Every value is escaped.

>>> html = query_html("SELECT * WHERE { ?s ?p ?o } LIMIT 1", {}, {"status": 400, "error": "<bad>"}, 100)
>>> "&lt;bad&gt;" in html and "<bad>" not in html and html.startswith("<!doctype html>")
True
"""

from __future__ import annotations

import html
from urllib.parse import quote

from graph.sparql_answer import truncation_note

__all__ = ["page", "query_html", "HTML_HEADERS"]

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;color:#222}
textarea{width:100%;font:13px/1.4 ui-monospace,monospace;box-sizing:border-box}
table{border-collapse:collapse;margin-top:1em;font-size:13px}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3} .note{background:#fff4d6;padding:.4em .6em}
.error{background:#fde2e1;padding:.4em .6em;white-space:pre-wrap;font-family:ui-monospace,monospace}
nav a{margin-right:1em} .examples li{margin:.15em 0} small{color:#666}
"""
HTML_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; img-src 'self'",
    "X-Content-Type-Options": "nosniff",
}


def page(title: str, body: str) -> str:
    """A page of the server: ``body`` under the navigation bar (``title`` escaped here,
    ``body`` by its maker)."""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{html.escape(title)}</title>"
        f"<style>{_CSS}</style></head><body><nav><a href='/'>Graph</a><a href='/query'>Query</a>"
        f"<a href='/exports/'>Exports</a><a href='/health'>Health</a></nav>{body}</body></html>"
    )


def query_html(q: str, saved: dict, reply: dict | None, cap: int) -> str:
    """The query page: the form holding ``q``, the worker's ``reply`` as a table (or its
    error), the download links, and the ``saved`` queries as examples."""
    esc = html.escape
    examples = "".join(
        f"<li><a href='/query?name={quote(s.name)}'>{esc(s.name)}</a> <small>{esc(s.description)}</small></li>"
        for s in saved.values()
    )
    out = [
        "<h1>Query the graph</h1>",
        "<form method='post' action='/query'>",
        f"<textarea name='query' rows='12' spellcheck='false'>{esc(q)}</textarea>",
        "<p><button type='submit'>Run</button> <small>Prefixes kg:, kgr:, skos:, schema:, rdfs:, xsd:, "
        "prov:, dcterms: are pre-bound.</small></p></form>",
    ]
    if reply is not None:
        if reply["status"] != 200:
            out.append(f"<p class='error'>{esc(reply['error'])}</p>")
        elif "boolean" in reply:
            out.append(f"<p>Answer: <strong>{'true' if reply['boolean'] else 'false'}</strong></p>")
        else:
            if reply.get("truncated"):
                out.append(f"<p class='note'>{esc(truncation_note(cap))}</p>")
            out.append(f"<p>{len(reply['rows'])} result(s). Download: ")
            fmts = ["csv", "tsv", "json"] if reply["form"] == "SELECT" else ["turtle", "nt", "json-ld"]
            out.append(
                " ".join(f"<a href='/sparql?format={f}&amp;query={quote(q)}'>{f}</a>" for f in fmts) + "</p>"
            )
            head = "".join(f"<th>{esc(v)}</th>" for v in reply["vars"])
            body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in reply["rows"])
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    out.append(f"<h2>Examples</h2><ul class='examples'>{examples or '<li>no saved queries</li>'}</ul>")
    return page("Query the graph", "".join(out))
