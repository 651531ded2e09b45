"""``follow_up(db or docs, city) -> list[TargetFollowUp]``: each target of a place with the progress
that LATER documents of the same place report for it (a 2021 reply against 2018 targets).

Targets and progress facts come from the target dimension (``derive`` / ``progress``); they are
paired by what is counted and its unit, compared character by character (metrics.py). A short
progress metric (已认定总量 → 认定) matches a target only when the rest of the target's metric
(产业技术研究院) is named in the progress sentence.
"""
from __future__ import annotations

from typing import Optional

import regex as re
from pydantic import BaseModel, Field

from ..dimensions.sentences import FULL_STOPS, spans
from ..dimensions.target import progress as find_progress
from ..model import Document
from .metrics import MIN_DICE, metric_key, similarity
from .model import SourceRef
from .sources import Source, documents, in_scope, year
from .table import source_ref
from .values import quantity_display


class _Quantity(BaseModel):
    """What targets and reports share: the metric and its quantity."""
    metric: str
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    bound: str = "eq"
    unit: Optional[str] = None


class Reported(_Quantity):
    as_of: Optional[int] = None  # the year the value was reported for
    text: str
    match: str  # exact | contains | similar
    display: str = ""
    source: SourceRef


class TargetFollowUp(_Quantity):
    year: Optional[int] = None  # deadline (None: a yearly rate)
    text: str
    display: str = ""
    source: SourceRef
    reports: list[Reported] = Field(default_factory=list)  # every later report, oldest first

    @property
    def latest(self) -> Optional[Reported]:
        return self.reports[-1] if self.reports else None

    @property
    def status(self) -> str:
        """reached / N% of target / no later report."""
        last = self.latest
        goal = self.value if self.value is not None else self.high or self.low
        if last is None:
            return "no later report"
        got = last.value if last.value is not None else last.low
        if goal is None or got is None:
            return "reported"
        if got >= goal:
            return "reached"
        return f"{100 * got / goal:.0f}% of target"


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def match_kind(target_metric: str, target_unit: Optional[str], metric: str, unit: Optional[str],
               sentence: str = "") -> Optional[str]:
    """How a reported metric matches a target's: exact, contains, similar — or None."""
    if target_unit != unit:
        return None
    kt, kp = metric_key(target_metric), metric_key(metric)
    if not kt or not kp:
        return None
    if kt == kp:
        return "exact"
    short, long = sorted((kt, kp), key=len)
    if short in long:
        rest = long.replace(short, "", 1)
        if len(short) >= 3 or (len(rest) >= 2 and rest in _squash(sentence)):
            return "contains"
        return None
    return "similar" if similarity(target_metric, metric) >= MIN_DICE else None


def _order(doc: Document) -> tuple:
    return (year(doc) or 0, doc.date or "")


def _later(a: Document, b: Document) -> bool:
    """b was issued after a (full dates when both have them, else years)."""
    ya, yb = year(a), year(b)
    if ya is None or yb is None:
        return False
    if a.date and b.date and len(a.date) >= 7 and len(b.date) >= 7:
        return b.date > a.date
    return yb > ya


def _clauses(doc: Document) -> dict:
    return {c.id: c for c in doc.clauses}


def _sentence(doc: Document, clause, start: int) -> str:
    if clause is None:
        return ""
    local = start - clause.start
    return next((clause.text[a:z] for a, z in spans(clause.text, FULL_STOPS) if a <= local < z), "")


def follow_up(source: Source, city: str) -> list[TargetFollowUp]:
    """Every target stated for ``city``, each with the progress later documents report for it."""
    docs = sorted((d for d in documents(source, cities=[city]) if in_scope(d, [city])), key=_order)
    facts = []  # (doc, Progress, sentence)
    for d in docs:
        by_id = _clauses(d)
        for p in find_progress(d, d.records):
            facts.append((d, p, _sentence(d, by_id.get(p.clause_id), p.start)))
    out: list[TargetFollowUp] = []
    for d in docs:
        by_id = _clauses(d)
        for t in (r for r in d.records if r.kind == "target"):
            clause = by_id.get(t.clause_id) or d.clause_at(t.start)
            shown = quantity_display("money" if t.unit == "元" else "count", t, t.unit)
            fu = TargetFollowUp(metric=t.metric, value=t.value, low=t.low, high=t.high, bound=t.bound,
                                unit=t.unit, year=t.year, text=t.text,
                                display=shown + (f" by {t.year}" if t.year else " per year"),
                                source=source_ref(d, clause, _sentence(d, clause, t.start), t))
            for e, p, sentence in facts:
                if not _later(d, e):
                    continue
                how = match_kind(t.metric, t.unit, p.metric, p.unit, sentence)
                if how is None:
                    continue
                pc = _clauses(e).get(p.clause_id)
                ref = source_ref(e, pc, sentence)
                ref.start, ref.end = p.start, p.end
                fu.reports.append(Reported(metric=p.metric, value=p.value, low=p.low, high=p.high, bound=p.bound,
                                           unit=p.unit, as_of=p.as_of, text=p.text, match=how,
                                           display=quantity_display("money" if p.unit == "元" else "count", p,
                                                                    p.unit) + (f" ({p.as_of})" if p.as_of else ""),
                                           source=ref))
            fu.reports.sort(key=lambda r: (r.as_of or 0, r.source.date or ""))
            out.append(fu)
    return out

