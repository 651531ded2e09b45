"""time: dates, deadlines, starts, periods, durations, year ranges and plan periods.

``search(text)`` finds every time expression in running text (offsets local to ``text``);
``parse(s)`` reads one whole string as one value (public as ``policyparse.parse_time``).
Conventions: gold/README.md (time). Words and numerals: lexicon/data/time.yaml.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ...model import Time
from .atoms import alt
from .lexicon import lexicon
from .rules import prefilter, rules

__all__ = ["search", "parse", "fill_years"]


@lru_cache(maxsize=1)
def _plan() -> tuple[tuple, tuple, tuple]:
    """The distinct first gates, the distinct further gates, and per rule (rule, index of its first
    gate, indexes of its further gates); rules share gates, so each is searched once per text."""
    firsts: dict[int, regex.Pattern] = {}
    further: dict[int, regex.Pattern] = {}
    for rule in rules():
        firsts.setdefault(id(rule.needs[0]), rule.needs[0])
        for g in rule.needs[1:]:
            further.setdefault(id(g), g)
    ifirst, ifurther = list(firsts), list(further)
    plan = tuple((rule, ifirst.index(id(rule.needs[0])), tuple(ifurther.index(id(g)) for g in rule.needs[1:]))
                 for rule in rules())
    return tuple(firsts.values()), tuple(further.values()), plan


def _candidates(text: str, first: int = 0):
    """Every rule's matches that build a record. No rule's first gate is found before ``first``."""
    firsts, further, plan = _plan()
    # the first gates are the prefilter's branches, none of which it found before ``first``
    on = [g.search(text, first) is not None for g in firsts]
    later: list = [None] * len(further)  # searched only for rules whose first gate is found
    for rule, i, more in plan:
        if not on[i]:
            continue  # the text lacks something every match of this rule holds
        for k in more:
            ok = later[k]
            if ok is None:
                ok = later[k] = further[k].search(text) is not None
            if not ok:
                break
        else:
            for m in rule.pattern.finditer(text, overlapped=True):
                if m.end() <= m.start():
                    continue
                fields = rule.build(m, text)
                if fields is not None:
                    yield m.start(), m.end(), rule.rank, fields


@lru_cache(maxsize=1)
def _relative_pattern() -> regex.Pattern:
    return regex.compile(alt(lexicon().relative_years))  # built once: escaping the words per call was a fifth of time's cost


def _relative_spans(text: str) -> list[tuple[int, int]]:
    """上一年度, 当年 …: a number inside them (一年) is no duration."""
    return [(m.start(), m.end()) for m in _relative_pattern().finditer(text, overlapped=True)]


def search(text: str) -> list[Time]:
    """Every time record in ``text``, in order; overlaps go to the longest span."""
    hit = prefilter().search(text)
    if hit is None:
        return []  # no rule's gate is found, so no rule can match
    found = list(_candidates(text, hit.start()))
    if found:  # the relative words only matter to candidates
        relative = _relative_spans(text)
        if relative:
            found = [c for c in found if not any(rs <= c[0] and c[1] <= re for rs, re in relative)]
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    kept: list[tuple] = []
    for c in found:
        if all(c[1] <= k[0] or c[0] >= k[1] for k in kept):
            kept.append(c)
    kept.sort(key=lambda c: c[0])
    out = [Time(text=text[s:e], start=s, end=e, **fields) for s, e, _, fields in kept]
    if out and _completion().search(text):
        for n, r in enumerate(out):
            if r.type == "date" and _completion().match(text, r.end):
                out[n] = r.model_copy(update={"type": "deadline"})  # 5月底完成: done by then
    return out


@lru_cache(maxsize=1)
def _completion() -> regex.Pattern:
    return regex.compile(r"\s*(?:前|以前)?\s*(?:全面|基本|全部|如期|按时)?" + alt(lexicon().deadline_verbs_after))


def parse(s: str) -> Optional[Time]:
    """The one time value that ``s`` spells from end to end (spaces around ignored), else None."""
    stripped = s.strip()
    lead = len(s) - len(s.lstrip())
    hits = search(stripped)
    if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(stripped):
        return hits[0].shifted(lead) if lead else hits[0]
    return None


_YEARLESS_TYPES = ("date", "deadline", "range")


def fill_years(records: list, doc_year: Optional[int]) -> list:
    """Month-day times written without a year (3月1日-3月31日, 5月20日17:30前) take the year of
    the last dated time earlier in their clause, else the document's date year; they are marked
    ``year_inferred``. A month after 每年/每月 (每年3月底前) recurs and keeps no year."""
    last: dict = {}  # clause id → the last written year
    prev = None
    out = []
    for r in records:
        if r.kind != "time":
            out.append(r)
            continue
        if r.year is not None and not r.year_inferred:
            last[r.clause_id] = r.end_year or r.year
        elif r.month is not None and r.type in _YEARLESS_TYPES and not _recurring(prev, r):
            year = last.get(r.clause_id, doc_year)
            if year is not None:
                end_year = None
                if r.type == "range":
                    end_year = year + 1 if (r.end_month or r.month) < r.month else year
                r = r.model_copy(update={"year": year, "end_year": end_year, "year_inferred": True})
        prev = r
        out.append(r)
    return out


def _recurring(prev, r) -> bool:
    return prev is not None and prev.type == "period" and prev.clause_id == r.clause_id and 0 <= r.start - prev.end <= 2
