"""``kg coverage``'s table: each source's figures from :func:`graph.coverage.coverage`,
aligned for Chinese as well as Latin text, then (on request) what is left to review.

>>> report = {"zh": {"sentences": {"total": 3, "informative": 2, "cited": 1, "ignored": 0, "cited_share": 0.5,
...                                 "overall_share": 0.5, "uncited": [{"line": 4, "text": "雷军说。"}]},
...                   "names": {"total": 0, "unresolved": []}, "target": 0.9, "stale_ignores": []}}
>>> print(format_coverage(report, uncovered=True))
source  sentences  informative  cited  ignored  unreviewed  cited %  target  overall %  names  unresolved
zh              3            2      1        0           1     50.0      90       50.0      0           0
<BLANKLINE>
zh: 1 informative sentences neither cited nor ignored:
  zh:4: 雷军说。
"""

from __future__ import annotations

import unicodedata

__all__ = ["format_coverage"]


def format_coverage(report: dict, uncovered: bool = False) -> str:
    """A readable table of :func:`coverage`'s figures, then (``uncovered``) the uncited
    informative sentences and the unresolved names of each source."""
    rows = [("source", "sentences", "informative", "cited", "ignored", "unreviewed", "cited %", "target", "overall %",
             "names", "unresolved")]
    for name, r in report.items():
        s, n = r["sentences"], r["names"]
        rows.append((name, str(s["total"]), str(s["informative"]), str(s["cited"]), str(s["ignored"]),
                     str(len(s["uncited"])), f"{100 * s['cited_share']:.1f}",
                     f"{100 * r['target']:.0f}" if r["target"] is not None else "-",
                     f"{100 * s['overall_share']:.1f}", str(n["total"]), str(len(n["unresolved"]))))
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(_pad(cell, w, i > 0) for i, (cell, w) in enumerate(zip(row, widths))).rstrip() for row in rows]
    if uncovered:
        for name, r in report.items():
            s, n = r["sentences"], r["names"]
            if s["uncited"]:
                lines += ["", f"{name}: {len(s['uncited'])} informative sentences neither cited nor ignored:"]
                for u in s["uncited"]:
                    lines.append(f"  {name}:{u['line']}: {u['text']}")
            if n["unresolved"]:
                lines += ["", f"{name}: {len(n['unresolved'])} names that match no label or alias:"]
                for u in n["unresolved"]:
                    hint = f"  (closest: {', '.join(u['suggestions'])})" if u["suggestions"] else ""
                    lines.append(f"  {name}:{u['line']}: {u['name']} ×{u['count']}{hint}")
            for st in r["stale_ignores"]:
                lines.append(f"  {st['file']}:{st['line']}: stale ignore (not in {name}): {st['sentence'] or st['name']}")
    return "\n".join(lines)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int, right: bool) -> str:
    fill = " " * (w - _width(s))
    return fill + s if right else s + fill
