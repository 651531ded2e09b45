"""target: goal quantities (gold/README.md, "target").

``derive(doc, clause, records) -> list[Target]``: ``records`` are the clause's quantity records
in document offsets; a count/money/percent becomes a Target when a goal verb sets it under a
deadline (到2027年 in the same sentence, or in an earlier sentence of the clause when a goal verb
governs the number: 力争…达到600家) or under a yearly rate (每年…, year None).
``progress(doc, records)`` finds reported values (截至目前已认定总量达到20家) — never targets —
and ``match(targets, progress)`` pairs them by metric and unit (see progress.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex as re

from ...model import Clause, Document, Record, Target
from ..sentences import FULL_STOPS, containing
from . import metric as M
from .progress import Progress, match, progress

__all__ = ["derive", "progress", "match", "Progress", "goal_of", "QUANTITY_KINDS"]

QUANTITY_KINDS = ("count", "money", "percent")
_SEG_STOP = re.compile(r"[，,：:；;]")
_DISTRIBUTIVE = re.compile(r"每\p{Han}{1,3}$")  # 每家每年: 每年 is part of a per-phrase

_TO_BEFORE = re.compile(r"[到至]\W?$")
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|以及|与)\s*")


@dataclass
class Local:
    rec: Record
    a: int  # clause-local offsets
    b: int


@dataclass
class Goal:
    time: Optional[Record]
    year: Optional[int]


def _segment(text: str, a: int, b: int, s_a: int, s_b: int) -> tuple[int, int]:
    left = s_a
    for m in _SEG_STOP.finditer(text, s_a, a):
        left = m.end()
    stop = _SEG_STOP.search(text, b, s_b)
    return left, (stop.start() if stop else s_b)


def _has(words, s: str) -> bool:
    return any(w in s for w in words)


def _year(t: Record) -> Optional[int]:
    if getattr(t, "type", None) == "plan_period":  # 到“十四五”末: the period's last year
        return t.end_year or t.year
    return t.year


_LEAD_END = re.compile(r"\s*[，,：:]")


def _is_yearly(r: Record) -> bool:
    return getattr(r, "type", None) == "period" and getattr(r, "unit", None) == "year" \
        and getattr(r, "every", None) in (None, 1, 1.0)


def _is_deadline(text: str, t: Local) -> bool:
    kind = getattr(t.rec, "type", None)
    if kind == "deadline":
        return True
    # a plan period written as 到“十四五”末 is a deadline whatever the time grammar called it
    return kind == "plan_period" and bool(_TO_BEFORE.search(text[max(0, t.a - 2):t.a]))


def goal_of(text: str, q: Local, times: list[Local]) -> Optional[Goal]:
    """Why ``q`` is a goal (its deadline or yearly rate), or None when it is not one."""
    lex = M.lexicon()
    s_a, s_b = containing(text, q.a, FULL_STOPS)
    seg_a, seg_b = _segment(text, q.a, q.b, s_a, s_b)
    head = text[seg_a:q.a]
    tail = M._AFTER_SKIP.match(text, q.b).end()
    if text.startswith("的", tail):
        return None  # 总收入过百亿元的产业技术研究院: the number describes, it is no goal
    if text[s_a:q.a].count("（") + text[s_a:q.a].count("(") > text[s_a:q.a].count("）") + text[s_a:q.a].count(")"):
        return None  # inside brackets
    if _has(lex.support, head) or _has(lex.progress, head) or _has(("截至", "截止"), text[s_a:q.a]):
        return None
    verb_here = _has(lex.goal_verbs, head + q.rec.text)
    earlier = [t for t in times if t.b <= q.a]
    # yearly rate in this segment (每年新认定10—20家), not a per-phrase (每家每年)
    for t in reversed(earlier):
        if t.a >= seg_a and getattr(t.rec, "type", None) == "period" and getattr(t.rec, "unit", None) == "year" \
                and (getattr(t.rec, "every", None) in (None, 1, 1.0)) and not _DISTRIBUTIVE.search(text[seg_a:t.a]):
            if q.rec.kind == "money" and not _has(lex.yearly_money_verbs, head + q.rec.text):
                return None  # 每年不超过500万元 is a funding cap
            return Goal(t.rec, None)
    # 每年，新增…、突破…: a sentence-opening 每年 set off by a comma governs every goal of the list
    for t in earlier:
        if t.a >= s_a and _is_yearly(t.rec) and not text[s_a:t.a].strip() and _LEAD_END.match(text, t.b) \
                and verb_here and (q.rec.kind != "money" or _has(lex.yearly_money_verbs, head + q.rec.text)):
            return Goal(t.rec, None)
    deadlines = [t for t in earlier if _is_deadline(text, t)]
    same = [t for t in deadlines if t.a >= s_a]
    if same:
        return Goal(same[-1].rec, _year(same[-1].rec))
    # 2018年启动建设1—2家: a start/date year right before a goal verb in this segment
    for t in reversed(earlier):
        if t.a >= seg_a and getattr(t.rec, "type", None) in ("start", "date") and t.rec.year:
            between = text[t.b:q.a]
            if _has(lex.goal_verbs, between) or _has(lex.goal_verbs, text[max(seg_a, t.b - 4):t.b]):
                return Goal(t.rec, t.rec.year)
    if deadlines and verb_here:
        return Goal(deadlines[-1].rec, _year(deadlines[-1].rec))
    return None


def _unit(r: Record) -> Optional[str]:
    if r.kind == "count":
        return getattr(r, "unit", None)
    if r.kind == "percent":
        return "%"
    if r.kind == "money":
        cur = getattr(r, "currency", "CNY")
        return "元" if cur == "CNY" else cur
    return None


def derive(doc: Document, clause: Clause, records: list[Record]) -> list[Target]:
    text = clause.text
    base = clause.start
    inside = [Local(r, r.start - base, r.end - base) for r in records
              if base <= r.start and r.end <= clause.end]
    inside.sort(key=lambda x: x.a)
    times = [x for x in inside if x.rec.kind == "time"]
    quantities = [x for x in inside if x.rec.kind in QUANTITY_KINDS]
    lex = M.lexicon()
    out: list[Target] = []
    consumed = 0
    for q in quantities:
        goal = goal_of(text, q, times)
        if goal is None:
            continue
        s_a, s_b = containing(text, q.a, FULL_STOPS)
        seg_a, seg_b = _segment(text, q.a, q.b, s_a, s_b)
        nxt = next((x.a for x in inside if x.a >= q.b), seg_b)
        left = max([seg_a, consumed] + [x.b for x in inside if x.b <= q.a])
        m = M.after(text, q.b, min(seg_b, nxt)) or M.before(text, left, q.a)
        if out and _LIST_JOIN.fullmatch(text[out[-1].end - base:q.a]) and (m is None or len(m.text) <= 1):
            m = M.Metric(out[-1].metric, q.a, q.a)  # 分别占比达30%、20%和15%: the list's metric, its own number
        if m is None:
            continue
        a, b = min(m.start, q.a), max(m.end, q.b)
        consumed = max(consumed, b)
        r = q.rec
        out.append(Target(
            text=text[a:b], start=base + a, end=base + b, clause_id=clause.id, section=clause.section,
            metric=m.text, value=r.value, low=r.low, high=r.high, unit=_unit(r), bound=r.bound,
            year=goal.year, cumulative=_has(lex.cumulative, text[seg_a:q.a]),
            quantity_id=r.id, time_id=goal.time.id if goal.time is not None else None,
        ))
    return out
