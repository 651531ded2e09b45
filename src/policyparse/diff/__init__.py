"""``diff(old, new) -> DiffResult``: what changed between two versions of a policy.

Clauses are aligned globally (see align.py); each pair gets a status, a character-level inline
diff, and the value-level changes read off the extracted records (see values.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import Union

from diff_match_patch import diff_match_patch

from ..extract import extract
from ..model import Clause, Document
from ..readers import read
from .align import align, moved
from .model import SILENT, Change, ClauseRef, DiffResult, DocRef, Pair
from .text import fold, key, label
from .values import _local, standalone, value_changes

__all__ = ["diff", "DiffResult", "Pair", "Change", "SILENT"]


def _doc(x: Union[str, Path, Document]) -> Document:
    doc = x if isinstance(x, Document) else read(x)
    if not doc.records:
        extract(doc)
    return doc


def _ref(c: Clause) -> ClauseRef:
    return ClauseRef(clause_id=c.id, section=c.section, start=c.start, end=c.end, text=c.text)


def _concat(clauses: list[Clause]) -> tuple[str, list[tuple[int, int, int]]]:
    text, spans = "", []
    for c in clauses:
        spans.append((c.start, c.end, len(text)))
        text += c.text
    return text, spans


def diff(old: Union[str, Path, Document], new: Union[str, Path, Document]) -> DiffResult:
    a, b = _doc(old), _doc(new)
    oc = [c for c in a.clauses if key(c.text)]
    nc = [c for c in b.clauses if key(c.text)]
    matches = align(oc, nc)
    out_of_order = moved(matches)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.5
    pairs: list[Pair] = []
    for k, m in enumerate(matches):
        olds, news = [oc[i] for i in m.old], [nc[j] for j in m.new]
        ot, ospans = _concat(olds)
        nt, nspans = _concat(news)
        orecs, nrecs = _local(a.records, ospans), _local(b.records, nspans)
        if not news:
            pairs.append(Pair(status="deleted", old=[_ref(c) for c in olds],
                              changes=standalone(orecs, "removed")))
            continue
        if not olds:
            pairs.append(Pair(status="inserted", new=[_ref(c) for c in news],
                              changes=standalone(nrecs, "added")))
            continue
        # compare the words without labels and with widths folded: 一、 vs 二、 is no edit
        diffs = dmp.diff_main(fold(ot), fold(nt))
        dmp.diff_cleanupSemantic(diffs)
        changes = value_changes(ot, nt, diffs, orecs, nrecs)
        if len(olds) > 1:
            status = "merged"
        elif len(news) > 1:
            status = "split"
        elif key(ot) != key(nt):
            status = "modified"
        elif k in out_of_order:
            status = "moved"
        elif label(ot) != label(nt) or olds[0].section != news[0].section:
            status = "renumbered"
        else:
            status = "unchanged"
        inline = [] if status in SILENT else [(op, t) for op, t in diffs]
        pairs.append(Pair(status=status, old=[_ref(c) for c in olds], new=[_ref(c) for c in news],
                          similarity=round(m.similarity, 4), inline=inline, changes=changes))
    pairs.sort(key=lambda p: (p.new[0].start if p.new else _anchor(p, pairs), 0 if p.old else 1))
    return DiffResult(old=DocRef(path=a.path, title=a.title, sha256=a.sha256),
                      new=DocRef(path=b.path, title=b.title, sha256=b.sha256), pairs=pairs)


def _anchor(p: Pair, pairs: list[Pair]) -> int:
    """Where a deleted clause sits in new-document order: just after its old predecessor's partner."""
    start = p.old[0].start
    best = -1
    for q in pairs:
        if q.old and q.new and q.old[-1].start < start:
            best = max(best, q.new[-1].start)
    return best
