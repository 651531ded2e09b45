"""Clauses: exactly one per non-chrome paragraph, in text order, never overlapping.

A heading paragraph is one clause (heading=True) even when a body follows the heading phrase
inline ("（一）功能定位。本意见所称…"): the phrase is Section.heading, the clause keeps the whole
paragraph so revisions align paragraph to paragraph and the heading number stays in context.
Ids are stable: "<section id>.p0" (the heading paragraph), "<section id>.p<n>" (the body
paragraphs after it), "front.p<n>", "back.p<n>", "att<k>.p<n>".
"""
from __future__ import annotations

from ..model import Clause
from .outline import Outline
from .paragraphs import Para


def _clause(text: str, cid: str, sid: str, path: str, start: int, end: int, heading: bool = False) -> Clause:
    seg = text[start:end]
    stripped = seg.rstrip()
    return Clause(id=cid, section_id=sid, section=path, start=start, end=start + len(stripped),
                  text=stripped, heading=heading)


def build_clauses(text: str, paras: list[Para], first: int, outline: Outline, back: int) -> list[Clause]:
    """Paragraphs [first, outline.end) minus the back run [back, outline.end), then attachments."""
    out: list[Clause] = []
    counters: dict[str, int] = {}

    def add(p_start: int, p_end: int, sid: str, path: str, heading: bool = False, n: int | None = None) -> None:
        k = counters.get(sid, 0) + 1 if n is None else n
        counters[sid] = k
        out.append(_clause(text, f"{sid}.p{k}", sid, path, p_start, p_end, heading))

    current = None  # (section id, path string)
    for i in range(first, outline.end):
        p = paras[i]
        if i >= back:
            add(p.start, p.end, "back", "back")
        elif i in outline.headings:
            sec, h = outline.headings[i]
            current = (sec.id, sec.path_str)
            add(p.start, p.end, sec.id, sec.path_str, heading=True, n=0)
        elif current is None:
            add(p.start, p.end, "front", "front")
        else:
            add(p.start, p.end, *current)
    for k, (a, b, _title) in enumerate(outline.attachments, 1):
        for i in range(a, b + 1):
            add(paras[i].start, paras[i].end, f"att{k}", f"附件{k}")
    return out
