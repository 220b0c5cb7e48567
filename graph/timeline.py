"""Events in date order, optionally around one entity.

Dates keep their precision (year, month or day); a year-only date sorts before
the months of that year. Events without a date (``kg:dateUnknown``) come last.

>>> g = load(TRIPLES)
>>> evs = events(g, around=KGR["joyo"])
>>> [e.date for e in evs] == sorted(e.date for e in evs if e.date) + [e.date for e in evs if not e.date]
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["TimelineEvent", "events", "format_timeline"]


@dataclass
class TimelineEvent:
    """One event with what a timeline needs to show it."""

    iri: str
    label: str
    type: str
    date: str
    precision: str
    year: int | None
    inferred: str = ""
    unknown: str = ""
    participants: list = field(default_factory=list)  # (role label, entity label, entity iri)
    secondary_only: bool = False
    description: str = ""

    @property
    def sort_key(self):
        # the IRI breaks ties (same date, same label), so the order does not follow the store's
        if not self.date:
            return (1, "", self.label, self.iri)
        return (0, self.date.lstrip("-"), self.label, self.iri)


def events(g, around=None, nxg=None) -> list[TimelineEvent]:
    """Every event in ``g`` in date order; with ``around`` (an IRI), only events it takes part in."""
    from .network import to_networkx

    nxg = nxg if nxg is not None else to_networkx(g)
    out = []
    for node, a in nxg.nodes(data=True):
        if a["kind"] != "Event":
            continue
        parts = []
        for _s, o, k, e in nxg.out_edges(node, keys=True, data=True):
            if e.get("role") and k != "kg:about":
                parts.append((e["label"], nxg.nodes[o]["label"], o))
        if around is not None and str(around) != node and str(around) not in {p[2] for p in parts}:
            continue
        out.append(
            TimelineEvent(
                iri=node, label=a["label"], type=a["type"], date=a["date"], precision=a["date_precision"],
                year=a["year"], inferred=a["date_inferred"], unknown=a["date_unknown"],
                participants=sorted(parts), secondary_only=a["secondary_only"], description=a["description"],
            )
        )
    return sorted(out, key=lambda e: e.sort_key)


def format_timeline(evs: list[TimelineEvent]) -> str:
    """Plain-text timeline: one line per event, marks for inferred dates and secondary-only claims."""
    lines = []
    for e in evs:
        date = e.date or "date unknown"
        mark = "~" if e.inferred else " "
        who = ", ".join(f"{name} ({role})" for role, name, _ in e.participants)
        flag = "  [article only]" if e.secondary_only else ""
        lines.append(f"{date:>10}{mark} {e.label} [{e.type}]{flag}")
        if who:
            lines.append(f"{'':12}{who}")
    if any(e.inferred for e in evs):
        lines.append("")
        lines.append("~ date inferred, not stated")
    return "\n".join(lines)
