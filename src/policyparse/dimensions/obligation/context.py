"""Where a clause stands: a task section (obligations), background (none), or outside the body.

The deepest heading that says something decides: 建设原则 under 建设目标和原则 is a task
section, 集聚资源 under 功能定位 is background. In a reply (答复) only the 下一步 section
directs action; the rest reports.
"""
from __future__ import annotations

import threading
from functools import lru_cache

import regex as re

from ...lexicon import load
from ...lexicon.schemas.obligation import ObligationLexicon
from ...model import Clause, Document

TASK, BACKGROUND, OUTSIDE = "task", "background", "outside"
_REPLY = re.compile(r"答复$")


def lexicon() -> ObligationLexicon:
    return load("obligation", ObligationLexicon)


@lru_cache(maxsize=1)
def _patterns():
    lex = lexicon()
    c = lambda ps: [re.compile(p) for p in ps]  # noqa: E731
    return c(lex.background_headings), c(lex.task_headings), c(lex.report_task_headings)


def is_reply(doc: Document) -> bool:
    return doc.doc_type == "答复" or bool(_REPLY.search(doc.title or ""))


# per thread: (doc, its sections list, {id: Section}, {(section_id, doc_type, title): classify
# result}) of the last document seen
_LOCAL = threading.local()


def _memo(doc: Document) -> tuple:
    last = getattr(_LOCAL, "last", None)
    if last is None or last[0] is not doc or last[1] is not doc.sections:
        last = _LOCAL.last = (doc, doc.sections, {s.id: s for s in doc.walk()}, {})
    return last


def _sections_by_id(doc: Document) -> dict:
    """{id: Section} of ``doc``, built once per document, not once per clause (that was quadratic)."""
    return _memo(doc)[2]


def headings(doc: Document, clause: Clause) -> list[str]:
    """Headings from the clause's own section up to the top (deepest first)."""
    sid = clause.section_id
    if not sid or not sid.startswith("s"):
        return []
    by_id = _sections_by_id(doc)
    out = []
    parts = sid.split(".")
    for i in range(len(parts), 0, -1):
        s = by_id.get(".".join(parts[:i]))
        if s is not None:
            out.append(s.heading.rstrip("。.；; "))
    return out


def classify(doc: Document, clause: Clause) -> str:
    """TASK, BACKGROUND or OUTSIDE; the same for every clause of one section (computed once)."""
    key = (clause.section_id, doc.doc_type, doc.title)
    known = _memo(doc)[3]
    if key not in known:
        known[key] = _classify(doc, clause)
    return known[key]


def _classify(doc: Document, clause: Clause) -> str:
    sid = clause.section_id or ""
    if not sid.startswith("s"):
        return OUTSIDE  # front matter, signature, attachments, closing lines
    background, task, report_task = _patterns()
    hs = headings(doc, clause)
    if is_reply(doc):
        return TASK if any(p.search(h) for h in hs for p in report_task) else BACKGROUND
    for h in hs:
        if any(p.search(h) for p in background):
            return BACKGROUND
        if any(p.search(h) for p in task):
            return TASK
    return TASK
