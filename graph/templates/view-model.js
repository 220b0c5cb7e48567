/* story-kg view: the model over the page's data (no drawing). The facts of a node grouped
   by the event (or claim) they come from, its conflicts, what only the article says, and the
   dossier as Markdown or HTML. graph/report.py writes the same Markdown from the same data
   (a test compares the two). Every curated string reaches the DOM through textContent. */
function kgModel(D) {
  "use strict";
  var CF = D.conflicts || [];
  if (!D._filled && D.lite_tables) {
    // a huge graph's undrawn nodes and the links between them come as compact rows
    var LT = D.lite_tables;
    D.info = D.info.map(function (x) {
      if (!Array.isArray(x)) return x;
      var kind = LT.kinds[x[4]], type = LT.types[x[5]];
      return { iri: x[0].indexOf(":") < 0 ? LT.iri_base + x[0] : x[0], label: x[1], label_zh: x[2], aliases: x[3],
               kind: kind, type: type, fam: kind === "Event" ? famOf(type) : "", date: x[6], year: x[7], talk: x[8],
               rank: x[9], secondary_only: !!x[10], cf: x[11], lite: true };
    });
    D.einfo = D.einfo.map(function (e) {
      if (!Array.isArray(e)) return e;
      var kk = LT.edge_keys[e[2]];
      return { from: e[0], to: e[1], key: kk[0], label: kk[1], role: !!kk[2], secondary_only: !!e[3] };
    });
  }
  function famOf(type) {
    for (var t = 0; t < D.legend.length; t++) if (D.legend[t].group === "Events" && D.legend[t].types.indexOf(type) >= 0) return D.legend[t].key;
    return "other";
  }
  var info = D.info, einfo = D.einfo, EV = D.evidence, N = info.length, M = einfo.length;
  if (!D._filled) {
    // the JSON leaves out empty values; put the defaults back
    info.forEach(function (x) {
      ["label_zh", "description", "date", "date_precision", "end_date", "date_inferred", "date_unknown", "outcome",
       "claim_text", "iri", "verdict", "fam"].forEach(function (k) { if (x[k] === undefined) x[k] = ""; });
      ["aliases", "amounts", "ev", "cf", "mentioned_in"].forEach(function (k) { if (x[k] === undefined) x[k] = []; });
      if (x.year === undefined) x.year = null;
      if (x.rank === undefined) x.rank = 0;
      if (x.talk === undefined) x.talk = 0;
      if (x.fold === undefined) x.fold = -1;
      x.secondary_only = !!x.secondary_only;
      x.drawn = !!x.drawn;
      x.lite = !!x.lite;
    });
    einfo.forEach(function (e) {
      if (e.ev === undefined) e.ev = [];
      if (e.dv === undefined) e.dv = [];
      if (e.derived_from === undefined) e.derived_from = -1;
      ["note", "outcome"].forEach(function (k) { if (e[k] === undefined) e[k] = ""; });
      e.secondary_only = !!e.secondary_only;
      e.role = !!e.role;
    });
    D._filled = true;
  }
  var adj = new Array(N);
  for (var i = 0; i < N; i++) adj[i] = [];
  for (var k = 0; k < M; k++) {
    adj[einfo[k].from].push(k);
    if (einfo[k].to !== einfo[k].from) adj[einfo[k].to].push(k);
  }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // ---- facts, grouped by the event or claim they come from ---------------------
  function factText(k) {
    var e = einfo[k];
    if (e.role) return e.label + ": " + info[e.to].label;
    return info[e.from].label + " " + e.label + " " + info[e.to].label;
  }
  function groupKey(g) {
    var x = info[g];
    return [x.date ? 0 : 1, x.date.replace(/^-/, ""), x.label, g];
  }
  function cmpKeys(a, b) {
    for (var t = 0; t < a.length; t++) { var c = cmp(a[t], b[t]); if (c) return c; }
    return 0;
  }
  /* {groups: [{node, facts: [[edge, extra evidence]]}], other: [[edge, evidence]]}: an
     event's participants and the edges derived from it under the event, a claim's
     "about" edges under the claim, stated facts apart. */
  function groupsOf(i) {
    var byNode = {}, order = [], other = [];
    function add(g, k, ev) {
      if (!byNode[g]) { byNode[g] = { node: g, facts: [] }; order.push(g); }
      var own = info[g].ev, extra = ev.filter(function (r) { return own.indexOf(r) < 0; });
      byNode[g].facts.push([k, extra]);
    }
    adj[i].forEach(function (k) {
      var e = einfo[k];
      if (e.key === "kg:conflictsWith") return;
      if (e.role) add(e.from, k, e.ev);
      else if (e.dv.length) e.dv.forEach(function (d) { add(d[0], k, d[1]); });
      else if (e.derived_from >= 0) add(e.derived_from, k, e.ev);
      else other.push([k, e.ev]);
    });
    order.sort(function (a, b) { return cmpKeys(groupKey(a), groupKey(b)); });
    var groups = order.map(function (g) {
      var grp = byNode[g];
      grp.facts.sort(function (a, b) {
        return (einfo[a[0]].role ? 0 : 1) - (einfo[b[0]].role ? 0 : 1) || cmp(factText(a[0]), factText(b[0])) || a[0] - b[0];
      });
      return grp;
    });
    other.sort(function (a, b) { return cmp(factText(a[0]), factText(b[0])) || a[0] - b[0]; });
    return { groups: groups, other: other };
  }
  /* the conflicts of a node and of the events and claims it takes part in */
  function conflictsOf(i, grouped) {
    var seen = {}, out = [];
    var nodes = [i].concat((grouped || groupsOf(i)).groups.map(function (g) { return g.node; }));
    nodes.forEach(function (n) {
      info[n].cf.forEach(function (c) { if (!seen[c[0]]) { seen[c[0]] = true; out.push(c[0]); } });
    });
    return out.sort(function (a, b) { return a - b; });
  }
  /* what only the article (a secondary source) says of a node: [{node} or {edge}] */
  function articleOnly(i, grouped) {
    grouped = grouped || groupsOf(i);
    var out = [], inGroup = {};
    if (info[i].secondary_only && (info[i].kind === "Event" || info[i].kind === "Claim")) { out.push({ node: i }); inGroup[i] = true; }
    grouped.groups.forEach(function (g) {
      if (g.node !== i && info[g.node].secondary_only) { out.push({ node: g.node }); inGroup[g.node] = true; }
    });
    grouped.groups.forEach(function (g) {
      g.facts.forEach(function (f) {
        var e = einfo[f[0]];
        if (e.secondary_only && !inGroup[g.node] && !e.role) out.push({ edge: f[0] });
      });
    });
    grouped.other.forEach(function (f) { if (einfo[f[0]].secondary_only) out.push({ edge: f[0] }); });
    return out;
  }
  function when(x) { return x.date ? x.date + (x.date_inferred ? "~" : "") : "Date unknown"; }

  // ---- the dossier ------------------------------------------------------------
  function md(s) { return String(s).replace(/[\r\n\u2028\u2029]+/g, " ").replace(/([\\`*_\[\]<>#&|])/g, "\\$1"); }
  function quoteLines(r, indent) {
    var ev = EV[r], out = [];
    out.push(indent + "> “" + md(ev[2]) + "” — " + md(ev[1] || ev[0]) + (ev[3] ? " (secondary source)" : " (primary source)"));
    if (ev[4]) { out.push(indent + ">"); out.push(indent + "> Curator's translation: " + md(ev[4])); }
    if (ev[5]) { out.push(indent + ">"); out.push(indent + "> Doubt: " + md(ev[5])); }
    out.push("");
    return out;
  }
  function quotesMd(refs, indent) {
    var out = [];
    refs.forEach(function (r) { out = out.concat(quoteLines(r, indent)); });
    return out;
  }
  function kindLine(x) { return x.kind === x.type ? x.kind : x.kind + " · " + x.type; }
  function facts(i) {
    var x = info[i], rows = [];
    if (x.aliases.length) rows.push(["Also called", x.aliases.join("; ")]);
    if (x.date) rows.push(["Date", x.date + (x.end_date ? " – " + x.end_date : "") + (x.date_precision ? " (" + x.date_precision + ")" : "") +
                           (x.date_inferred ? ", inferred: " + x.date_inferred : "")]);
    if (x.date_unknown) rows.push(["Date unknown", x.date_unknown]);
    if (x.outcome) rows.push(["Outcome", x.outcome]);
    if (x.amounts.length) rows.push(["Amounts", x.amounts.join("; ")]);
    if (x.claim_text) rows.push(["Claim", x.claim_text]);
    if (x.mentioned_in.length) rows.push(["Mentioned in", x.mentioned_in.join("; ")]);
    if (x.verdict) rows.push(["Verdict", x.verdict]);
    return rows;
  }
  function provenance(x) {
    if (!x.secondary_only) return "";
    return x.kind === "Event" || x.kind === "Claim" ? "Only the article states this." : "Only the article mentions this.";
  }
  function dossierMarkdown(i, title) {
    var x = info[i], L = [], grouped = groupsOf(i);
    L.push("# " + md(x.label) + (x.label_zh ? " (" + md(x.label_zh) + ")" : ""));
    L.push("");
    L.push(md(kindLine(x)) + ". IRI: " + md(x.iri));
    L.push("");
    if (x.description) { L.push(md(x.description)); L.push(""); }
    var rows = facts(i);
    rows.forEach(function (r) { L.push("- " + r[0] + ": " + md(r[1])); });
    if (provenance(x)) L.push("- " + provenance(x));
    if (rows.length || provenance(x)) L.push("");
    if (x.ev.length) { L.push("## Its own evidence"); L.push(""); L = L.concat(quotesMd(x.ev, "")); }
    if (grouped.groups.length || grouped.other.length) {
      L.push("## The story, in date order");
      L.push("");
      grouped.groups.forEach(function (g) {
        var y = info[g.node];
        L.push("### " + md(when(y)) + " — " + md(y.label) + " (" + md(y.type) + ")" + (y.secondary_only ? " · only the article" : ""));
        L.push("");
        if (g.node !== i) L = L.concat(quotesMd(y.ev, ""));
        g.facts.forEach(function (f) {
          L.push("- " + md(factText(f[0])) + (einfo[f[0]].secondary_only && !y.secondary_only ? " (only the article)" : ""));
          if (f[1].length) { L.push(""); L = L.concat(quotesMd(f[1], "  ")); }
        });
        L.push("");
      });
      if (grouped.other.length) {
        L.push("### Other facts");
        L.push("");
        grouped.other.forEach(function (f) {
          L.push("- " + md(factText(f[0])) + (einfo[f[0]].secondary_only ? " (only the article)" : ""));
          if (f[1].length) { L.push(""); L = L.concat(quotesMd(f[1], "  ")); }
        });
        L.push("");
      }
    }
    var cfs = conflictsOf(i, grouped);
    if (cfs.length) {
      L.push("## Conflicts");
      L.push("");
      cfs.forEach(function (c) {
        var C = CF[c];
        L.push("### " + md(C.label) + (C.kind ? " (" + md(C.kind) + ")" : ""));
        L.push("");
        if (C.note) { L.push(md(C.note)); L.push(""); }
        [["A", "Side A (the primary source, or the original):"], ["B", "Side B (the other reading):"]].forEach(function (s) {
          L.push(s[1]);
          L.push("");
          C[s[0]].forEach(function (n) {
            L.push("- " + md(info[n].label));
            L.push("");
            L = L.concat(quotesMd(info[n].ev, "  "));
          });
        });
      });
    }
    var only = articleOnly(i, grouped);
    if (only.length) {
      L.push("## What only the article says");
      L.push("");
      only.forEach(function (o) {
        if (o.node !== undefined) { L.push("- " + md(info[o.node].label)); L.push(""); L = L.concat(quotesMd(info[o.node].ev, "  ")); }
        else { L.push("- " + md(factText(o.edge))); L.push(""); L = L.concat(quotesMd(einfo[o.edge].ev, "  ")); }
      });
    }
    L.push("---");
    L.push("");
    L.push("From " + md(title || "the knowledge graph") + ". Every quote is verbatim from its source; a Chinese quote carries the curator's English translation.");
    return L.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
  }

  /* the dossier as a standalone HTML document, built with the DOM (text only) */
  function dossierHTML(i, title) {
    var doc = document.implementation.createHTMLDocument("");
    var x = info[i], grouped = groupsOf(i);
    doc.title = x.label + " — dossier";
    var meta = doc.createElement("meta"); meta.setAttribute("charset", "utf-8"); doc.head.insertBefore(meta, doc.head.firstChild);
    var style = doc.createElement("style");
    style.textContent = "body{font:15px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}" +
      "blockquote{margin:.4em 0;padding:.2em .8em;border-left:3px solid #8d99a6;background:#f7f8fa}" +
      "blockquote.secondary{border-left-style:dashed;border-left-color:#d08a00}.meta{color:#555}.tr{font-style:italic}";
    doc.head.appendChild(style);
    var b = doc.body;
    function add(parent, tag, text, cls) { var e = doc.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; parent.appendChild(e); return e; }
    function quotes(parent, refs) {
      refs.forEach(function (r) {
        var ev = EV[r], q = add(parent, "blockquote", undefined, ev[3] ? "secondary" : "");
        add(q, "p", "“" + ev[2] + "” — " + (ev[1] || ev[0]) + (ev[3] ? " (secondary source)" : " (primary source)"));
        if (ev[4]) add(q, "p", "Curator's translation: " + ev[4], "tr");
        if (ev[5]) add(q, "p", "Doubt: " + ev[5]);
      });
    }
    add(b, "h1", x.label + (x.label_zh ? " (" + x.label_zh + ")" : ""));
    add(b, "p", kindLine(x) + ". IRI: " + x.iri, "meta");
    if (x.description) add(b, "p", x.description);
    var rows = facts(i);
    if (rows.length || provenance(x)) {
      var ul = add(b, "ul");
      rows.forEach(function (r) { add(ul, "li", r[0] + ": " + r[1]); });
      if (provenance(x)) add(ul, "li", provenance(x));
    }
    if (x.ev.length) { add(b, "h2", "Its own evidence"); quotes(b, x.ev); }
    if (grouped.groups.length || grouped.other.length) {
      add(b, "h2", "The story, in date order");
      grouped.groups.forEach(function (g) {
        var y = info[g.node];
        add(b, "h3", when(y) + " — " + y.label + " (" + y.type + ")" + (y.secondary_only ? " · only the article" : ""));
        if (g.node !== i) quotes(b, y.ev);
        var l = add(b, "ul");
        g.facts.forEach(function (f) {
          var li = add(l, "li", factText(f[0]) + (einfo[f[0]].secondary_only && !y.secondary_only ? " (only the article)" : ""));
          quotes(li, f[1]);
        });
      });
      if (grouped.other.length) {
        add(b, "h3", "Other facts");
        var lo = add(b, "ul");
        grouped.other.forEach(function (f) {
          var li = add(lo, "li", factText(f[0]) + (einfo[f[0]].secondary_only ? " (only the article)" : ""));
          quotes(li, f[1]);
        });
      }
    }
    var cfs = conflictsOf(i, grouped);
    if (cfs.length) {
      add(b, "h2", "Conflicts");
      cfs.forEach(function (c) {
        var C = CF[c];
        add(b, "h3", C.label + (C.kind ? " (" + C.kind + ")" : ""));
        if (C.note) add(b, "p", C.note);
        [["A", "Side A (the primary source, or the original):"], ["B", "Side B (the other reading):"]].forEach(function (s) {
          add(b, "p", s[1], "meta");
          var l = add(b, "ul");
          C[s[0]].forEach(function (n) { var li = add(l, "li", info[n].label); quotes(li, info[n].ev); });
        });
      });
    }
    var only = articleOnly(i, grouped);
    if (only.length) {
      add(b, "h2", "What only the article says");
      var lu = add(b, "ul");
      only.forEach(function (o) {
        if (o.node !== undefined) { var li = add(lu, "li", info[o.node].label); quotes(li, info[o.node].ev); }
        else { var le = add(lu, "li", factText(o.edge)); quotes(le, einfo[o.edge].ev); }
      });
    }
    add(b, "hr");
    add(b, "p", "From " + (title || "the knowledge graph") + ". Every quote is verbatim from its source; a Chinese quote carries the curator's English translation.", "meta");
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n";
  }
  function slug(i) {
    var s = info[i].iri.replace(/^.*[\/#]/, "").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
    return s || "node-" + i;
  }
  return { info: info, einfo: einfo, EV: EV, CF: CF, adj: adj, N: N, M: M, factText: factText, groupsOf: groupsOf,
           conflictsOf: conflictsOf, articleOnly: articleOnly, when: when, dossierMarkdown: dossierMarkdown,
           dossierHTML: dossierHTML, slug: slug, facts: facts, provenance: provenance };
}
