/* story-kg view: the reader. Each source text with the sentences the graph cites highlighted
   (click one: the facts that cite it), the curator's translations under the paragraphs of a
   Chinese source, and a quote's place in its text. Every string goes in as text. */
function kgReader(D, K, ui) {
  "use strict";
  var info = K.info, einfo = K.einfo, EV = K.EV;
  var el = ui.el, fmt = ui.fmt, showTab = ui.showTab, linkTo = ui.linkTo, reveal = ui.reveal, showEdge = ui.showEdge;
  var readerSource = ui.$("reader-source"), readerText = ui.$("reader-text"), currentSource = -1, built = {}, evFactsIndex = null;
  function buildReaderChoices() {
    readerSource.textContent = "";
    D.sources.forEach(function (s, si) { readerSource.appendChild(el("option", "", s.label + (s.kind === "secondary" ? " (secondary)" : ""))).value = String(si); });
    if (!D.sources.length) readerText.appendChild(el("p", "note", D.source_note || "This page embeds no source texts."));
  }
  readerSource.addEventListener("change", function () { showSource(parseInt(readerSource.value, 10)); });
  function evFacts(r) {
    if (!evFactsIndex) {
      evFactsIndex = {};
      info.forEach(function (x, i) { x.ev.forEach(function (q) { (evFactsIndex[q] = evFactsIndex[q] || []).push({ node: i }); }); });
      einfo.forEach(function (e, k) {
        if (e.role) return;
        var own = e.derived_from >= 0 ? info[e.derived_from].ev : [];
        e.ev.forEach(function (q) { if (own.indexOf(q) < 0) (evFactsIndex[q] = evFactsIndex[q] || []).push({ edge: k }); });
      });
    }
    return evFactsIndex[r] || [];
  }
  function buildSource(si) {
    var src = D.sources[si], text = src.text, root = el("div", "source"), marks = {}, c = 0, cited = src.cited;
    var lines = text.split("\n"), pos = 0;
    lines.forEach(function (line, li) {
      var end = pos + line.length;
      if (line.trim()) {
        var p = el("p", "para"), at = pos, trans = [];
        p.setAttribute("data-line", String(li + 1));
        while (c < cited.length && cited[c][0] < end) {
          var s = cited[c];
          if (s[0] > at) p.appendChild(document.createTextNode(text.slice(at, s[0])));
          var m = el("mark", "cited", text.slice(Math.max(s[0], at), s[1]));
          m.setAttribute("data-j", String(s[3]));
          m.title = "Cited by " + s[2].length + (s[2].length === 1 ? " quote" : " quotes") + ": click for the facts";
          (function (sent, para) { m.addEventListener("click", function () { showCiting(si, sent, para); }); })(s, p);
          marks[s[3]] = m;
          p.appendChild(m);
          s[2].forEach(function (r) {
            if (EV[r][4] && !trans.some(function (t) { return EV[t][2] === EV[r][2] && EV[t][4] === EV[r][4]; })) trans.push(r);
          });
          at = Math.max(at, s[1]);
          c++;
        }
        if (at < end) p.appendChild(document.createTextNode(text.slice(at, end)));
        root.appendChild(p);
        if (trans.length) {
          var tr = el("div", "translations");
          trans.forEach(function (r) {
            var q = EV[r][2], t = el("p", "");
            t.appendChild(el("span", "tq", "“" + (q.length > 14 ? q.slice(0, 13) + "…" : q) + "”"));
            t.appendChild(document.createTextNode(" Curator's translation: " + EV[r][4]));
            tr.appendChild(t);
          });
          root.appendChild(tr);
        }
      }
      pos = end + 1;
    });
    return { root: root, marks: marks };
  }
  function showSource(si) {
    if (si < 0 || si >= D.sources.length) return;
    if (!readerSource.options.length) buildReaderChoices();
    readerSource.value = String(si);
    if (!built[si]) built[si] = buildSource(si);
    if (currentSource !== si) {
      readerText.textContent = "";
      readerText.appendChild(built[si].root);
      currentSource = si;
      var s = D.sources[si];
      ui.$("reader-count").textContent = fmt(s.cited.length) + " of " + fmt(s.sentences) + " sentences cited";
    }
  }
  function clearCurrent() {
    Array.prototype.forEach.call(readerText.querySelectorAll(".current, .current-para"), function (e) { e.classList.remove("current"); e.classList.remove("current-para"); });
  }
  function openInReader(r) {
    var ev = EV[r];
    if (ev[6] < 0) return;
    showTab("reader");
    showSource(ev[6]);
    clearCurrent();
    var first = null;
    (ev[8] || []).forEach(function (j) {
      var m = built[ev[6]].marks[j];
      if (m) { m.classList.add("current"); m.parentNode.classList.add("current-para"); if (!first) first = m; }
    });
    if (first) first.scrollIntoView({ block: "center" });
  }
  function showCiting(si, s, para) {
    var old = readerText.querySelector(".citing");
    if (old) old.remove();
    clearCurrent();
    var m = built[si].marks[s[3]];
    if (m) { m.classList.add("current"); para.classList.add("current-para"); }
    var box = el("div", "citing");
    var close = el("button", "link", "close");
    close.type = "button";
    close.addEventListener("click", function () { box.remove(); });
    var count = 0;
    s[2].forEach(function (r) { count += evFacts(r).length; });
    var head = el("div", "citing-head", "Facts citing this sentence (" + count + ") ");
    head.appendChild(close);
    box.appendChild(head);
    s[2].forEach(function (r) {
      box.appendChild(el("blockquote", EV[r][3] ? "secondary" : "", EV[r][2]));
      if (EV[r][4]) box.appendChild(el("p", "translation", "Curator's translation: " + EV[r][4]));
      var ul = el("ul", "facts");
      evFacts(r).forEach(function (f) {
        var li = el("li");
        if (f.node !== undefined) {
          li.appendChild(linkTo(f.node));
          li.appendChild(el("span", "type", info[f.node].type));
        } else {
          var b = el("button", "link", K.factText(f.edge));
          b.type = "button";
          b.addEventListener("click", function () { reveal(einfo[f.edge].from); showEdge(f.edge); });
          li.appendChild(b);
        }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    });
    para.parentNode.insertBefore(box, para.nextSibling);
  }
  function showCitingAt(si, j) {
    showTab("reader");
    showSource(si);
    var s = D.sources[si].cited.filter(function (x) { return x[3] === j; })[0], m = built[si].marks[j];
    if (s && m) showCiting(si, s, m.parentNode);
  }

  function choices() { if (!readerSource.options.length) buildReaderChoices(); }
  function showFirst() { if (currentSource < 0 && D.sources.length) showSource(0); }
  return { choices: choices, showFirst: showFirst, showSource: showSource, openInReader: openInReader, showCitingAt: showCitingAt };
}
