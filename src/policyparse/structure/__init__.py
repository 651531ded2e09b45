"""GB/T 9704 structure: header elements, body outline, clauses, place (placeholder)."""
from __future__ import annotations

from ..model import Clause, Document


def build(doc: Document) -> Document:
    pos = 0
    n = 0
    for para in doc.text.split("\n"):
        s = para.strip()
        if s:
            start = pos + para.index(s)
            n += 1
            doc.clauses.append(Clause(id=f"p{n}", start=start, end=start + len(s), text=s))
        pos += len(para) + 1
    return doc
