"""Reported progress: values a document says were reached (截至目前已认定总量达到20家).

Progress is not a target and not a record kind of its own; ``progress(doc, records)`` lists
it so a later step can set a 2021 reply's values against a 2018 policy's targets:

    pairs = match(targets_2018, progress(reply_2021, reply_records))

A quantity counts as progress when its sentence reports a state (已 / 截至 / 截止 / 目前 /
共计 before it) — or, in a reply (答复) or report, when it is no target and no forecast
(预计 / 力争 / 将 …) sits before it in its sentence.
"""
from __future__ import annotations

from typing import Optional

import regex as re
from pydantic import BaseModel

from ...model import Document, Record
from ..sentences import FULL_STOPS, containing

_REPORT = re.compile(r"答复|报告|总结|情况通报")
_COMMA = re.compile(r"[，,；;]")
_COMMA_OR_STOP = re.compile(r"[，,；;。]")
_KEY_DROP = re.compile(r"经|已|的|累计|总量|总数|数量|市级|省级|力争|将|新")


class Progress(BaseModel):
    text: str  # the metric and the quantity, as in Document.text
    start: int
    end: int
    metric: str
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    unit: Optional[str] = None
    bound: str = "eq"
    as_of: Optional[int] = None  # year the value was reported for (a date in the sentence, else the document's)
    quantity_id: str
    clause_id: Optional[str] = None


def _is_report(doc: Document) -> bool:
    return (doc.doc_type or "") == "答复" or bool(_REPORT.search(doc.title or "")) or "建议的答复" in doc.text[:200]


def progress(doc: Document, records: list[Record]) -> list[Progress]:
    from . import QUANTITY_KINDS, Local, _unit, derive
    from . import metric as M

    lex = M.lexicon()
    report = _is_report(doc)
    doc_year = int(doc.date[:4]) if doc.date and doc.date[:4].isdigit() else None
    out: list[Progress] = []
    for clause in doc.clauses:
        inside = sorted((r for r in records if clause.start <= r.start and r.end <= clause.end),
                        key=lambda r: r.start)
        if not inside:
            continue
        targets = {t.quantity_id for t in derive(doc, clause, inside)}
        text, base = clause.text, clause.start
        locs = [Local(r, r.start - base, r.end - base) for r in inside]
        times = [x for x in locs if x.rec.kind == "time"]
        for q in (x for x in locs if x.rec.kind in QUANTITY_KINDS):
            if q.rec.id in targets:
                continue
            s_a, _ = containing(text, q.a, FULL_STOPS)
            cuts = [m.end() for m in _COMMA.finditer(text, pos=s_a, endpos=q.a)]
            seg_a = cuts[-1] if cuts else s_a
            before = text[seg_a:q.a]
            if any(w in before for w in lex.forecast):
                continue
            if any(t.a >= s_a and t.b <= q.a and getattr(t.rec, "type", None) == "deadline" for t in times):
                continue  # 到2025年 … : a plan, even in a reply
            if not (any(w in before for w in lex.progress) or report):
                continue
            if text.startswith("的", M._AFTER_SKIP.match(text, q.b).end()):
                continue
            left = max([seg_a] + [x.b for x in locs if x.b <= q.a])
            nxt = next((x.a for x in locs if x.a >= q.b), len(text))
            stop = _COMMA_OR_STOP.search(text[q.b:])
            limit = min(nxt, q.b + stop.start() if stop else len(text))
            m = M.after(text, q.b, limit) or M.before(text, left, q.a)
            metric = _raw_metric(text, left, q.a) if m is None or m.text in lex.suffixes else m.text
            if not metric:
                continue
            spanned = m is not None and m.text == metric
            a, b = (min(q.a, m.start), max(q.b, m.end)) if spanned else (q.a, q.b)
            year = next((t.rec.year for t in reversed(times) if seg_a <= t.a < q.a and t.rec.year), doc_year)
            r = q.rec
            out.append(Progress(text=text[a:b], start=base + a, end=base + b, metric=metric, value=r.value,
                                low=r.low, high=r.high, unit=_unit(r), bound=r.bound, as_of=year,
                                quantity_id=r.id, clause_id=clause.id))
    return out


def _raw_metric(text: str, a: int, b: int) -> str:
    """已认定总量 → 认定总量: when the cut metric is only 总量, keep the verb that says what."""
    from . import metric as M

    s = text[a:b]
    for w in sorted(M.lexicon().progress + M.lexicon().trailing, key=len, reverse=True):
        s = s.replace(w, "")
    return s.strip(" ，,、")


def metric_key(metric: str) -> str:
    """The words that say what is counted (经认定的产业技术研究院 → 认定产业技术研究院)."""
    return _KEY_DROP.sub("", metric)


def match(targets: list, reported: list[Progress]) -> list[tuple]:
    """(target, progress) pairs with the same unit whose metric keys contain one another."""
    pairs = []
    for t in targets:
        tk = metric_key(t.metric)
        for p in reported:
            pk = metric_key(p.metric)
            if t.unit == p.unit and len(min(tk, pk, key=len)) >= 2 and (tk in pk or pk in tk):
                pairs.append((t, p))
    return pairs
