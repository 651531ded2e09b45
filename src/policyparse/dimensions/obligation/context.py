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
from ..union import union

TASK, BACKGROUND, OUTSIDE = "task", "background", "outside"
_REPLY = re.compile(r"答复$")


def lexicon() -> ObligationLexicon:
    return load("obligation", ObligationLexicon)


@lru_cache(maxsize=1)
def _patterns():
    lex = lexicon()
    return (union(lex.background_headings), union(lex.task_headings), union(lex.report_task_headings),
            union(lex.form_annexes))


def is_reply(doc: Document) -> bool:
    return doc.doc_type == "答复" or bool(_REPLY.search(doc.title or ""))


# per thread: (doc, its sections list, {id: Section}, {(section_id, doc_type, title): classify
# result}, {id: first Section of that id}, {id: what that section's heading alone says},
# {section id: carried lead-in actor}) of the last document seen
_LOCAL = threading.local()


def _memo(doc: Document) -> tuple:
    last = getattr(_LOCAL, "last", None)
    if last is None or last[0] is not doc or last[1] is not doc.sections:
        walk = list(doc.walk())
        first: dict = {}
        for s in walk:
            first.setdefault(s.id, s)
        last = _LOCAL.last = (doc, doc.sections, {s.id: s for s in walk}, {}, first, {}, {})
    return last


def carried(doc: Document) -> dict:
    """{section id: actor} of the lead-ins seen so far in ``doc`` (各地区要：… / X应当履行下列职责：),
    filled and read by derive clause by clause, in document order."""
    return _memo(doc)[6]


def section(doc: Document, sid: str):
    """``doc.section_by_id(sid)`` (the first in outline order) without walking the outline per clause."""
    return _memo(doc)[4].get(sid)


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
    said = known.get(key)
    if said is None:
        said = known[key] = _classify(doc, clause)
    return said


def _classify(doc: Document, clause: Clause) -> str:
    sid = clause.section_id or ""
    if sid.startswith("att"):  # an annex (任务清单, 考评指标, 实施细则): where many texts list their tasks;
        # a form or an outline to fill in (申报表, 编写提纲) directs nothing
        k = int(sid[3:]) if sid[3:].isdigit() else 0
        title = doc.attachments[k - 1].title if 0 < k <= len(doc.attachments) else ""
        return OUTSIDE if is_reply(doc) or _found(_patterns()[3], title or "") else TASK
    if not sid.startswith("s"):
        return OUTSIDE  # front matter, signature, closing lines
    if is_reply(doc):
        report_task = _patterns()[2]
        hs = headings(doc, clause)
        return TASK if any(p.search(h) for h in hs for p in report_task) else BACKGROUND
    # the deepest heading that says something decides (what headings() lists, deepest first)
    parts = sid.split(".")
    memo = _memo(doc)
    for i in range(len(parts), 0, -1):
        said = _heading_says(memo, ".".join(parts[:i]))
        if said is not None:
            return said
    return TASK


def _heading_says(memo: tuple, sid: str):
    """BACKGROUND or TASK when the heading of section ``sid`` says so, else None; once per section
    of a document (a parent's heading was tested again for each of its subsections). ``memo`` is
    the document's _memo()."""
    s = memo[2].get(sid)
    if s is None:
        return None
    known = memo[5]
    seen = known.get(sid)
    if seen is not None and seen[0] is s.heading:  # the same heading string as last time
        return seen[1]
    background, task = _patterns()[:2]
    h = s.heading.rstrip("。.；; ")
    said = BACKGROUND if _found(background, h) else TASK if _found(task, h) else None
    known[sid] = (s.heading, said)
    return said


def _found(patterns: list, text: str) -> bool:
    for p in patterns:
        if p.search(text):
            return True
    return False
