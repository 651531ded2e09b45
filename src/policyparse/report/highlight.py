"""A document's text as HTML with every record highlighted: ``<mark class="rec k-<kind>">``.

All document text is escaped (html.escape). Records nest (a target holds its count, an obligation
holds its quantities); where two spans cross, the inner one is closed and reopened around the
boundary, and every fragment of one record shares its ``data-rid`` so a record is counted once.
Each clause start carries an empty anchor so other parts of the report can link to it.
"""
from __future__ import annotations

import html
from typing import Iterable

from ..compare.values import per_suffix, quantity_display
from ..model import Document, Record

_SKIP_FIELDS = {"kind", "text", "start", "end", "clause_id", "section", "quantity_id", "time_id", "links"}


def describe(r: Record) -> str:
    """The title attribute of a record: its kind, normalised value and the fields that say what."""
    d = r.model_dump(mode="json")
    head = r.kind
    if r.kind in ("money", "percent", "count"):
        unit = "元" if r.kind == "money" else ("%" if r.kind == "percent" else d.get("unit"))
        head += " " + quantity_display(r.kind, r, unit) + per_suffix(d.get("per"))
    elif r.kind == "ratio":
        head += " " + ":".join(f"{t:g}" for t in d.get("terms") or [])
    elif r.kind == "target":
        unit = d.get("unit")
        head += f" {d.get('metric')}: " + quantity_display("money" if unit == "元" else "count", r, unit)
        head += f" by {d['year']}" if d.get("year") else " per year"
    fields = "; ".join(f"{k}={v}" for k, v in d.items()
                       if k not in _SKIP_FIELDS and v not in (None, [], "", False))
    return f"{head} — {fields}" if fields else head


def anchor_id(n: int, r: Record) -> str:
    return f"d{n}-{r.kind}-{r.start}-{r.end}"


def clause_anchor(n: int, clause_id: str) -> str:
    return f"d{n}-c-{clause_id}"


def _open_tag(n: int, r: Record, rid: int, first: bool, ids: set[str]) -> str:
    aid = anchor_id(n, r)
    id_attr = ""
    if first and aid not in ids:
        ids.add(aid)
        id_attr = f' id="{html.escape(aid, quote=True)}"'
    cont = "" if first else " cont"
    return (f'<mark class="rec k-{r.kind}{cont}" data-kind="{r.kind}" data-rid="{n}-{rid}"{id_attr} '
            f'title="{html.escape(describe(r), quote=True)}">')


def render(doc: Document, n: int, records: Iterable[Record] | None = None) -> str:
    """``doc.text`` as escaped HTML with nested <mark> elements for its records."""
    text = doc.text
    recs = sorted((r for r in (records if records is not None else doc.records)
                   if 0 <= r.start < r.end <= len(text)), key=lambda r: (r.start, -r.end))
    rid = {id(r): i for i, r in enumerate(recs)}
    starts: dict[int, list[Record]] = {}
    ends: dict[int, list[Record]] = {}
    for r in recs:
        starts.setdefault(r.start, []).append(r)
        ends.setdefault(r.end, []).append(r)
    anchors: dict[int, list[str]] = {}
    for c in doc.clauses:
        anchors.setdefault(c.start, []).append(clause_anchor(n, c.id))
    cuts = sorted({0, len(text), *starts, *ends, *anchors})
    out: list[str] = []
    stack: list[Record] = []
    ids: set[str] = set()
    for i, pos in enumerate(cuts):
        for r in sorted(ends.get(pos, []), key=lambda r: -r.start):  # innermost first
            if r not in stack:
                continue
            above = []
            while stack and stack[-1] is not r:
                above.append(stack.pop())
                out.append("</mark>")
            stack.pop()
            out.append("</mark>")
            for a in reversed(above):  # crossing spans: reopen what was inside
                stack.append(a)
                out.append(_open_tag(n, a, rid[id(a)], False, ids))
        for aid in anchors.get(pos, []):
            out.append(f'<a class="anchor" id="{html.escape(aid, quote=True)}"></a>')
        for r in starts.get(pos, []):
            stack.append(r)
            out.append(_open_tag(n, r, rid[id(r)], True, ids))
        if i + 1 < len(cuts):
            out.append(html.escape(text[pos:cuts[i + 1]]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)
