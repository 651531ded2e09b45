"""Tiered schedules: several values of one instrument, each for its own condition, as ONE value.

Three shapes are read from a clause's segments and their records (the dimensions see the
numbers, not the schedule):

- 分别 lists: 1000万元及以上至5000万元、5000万元以上至1亿元、1亿元以上的，分别给予70%、80%和90%
  → three tiers, each condition the matching item of the list before 分别;
- period prefixes: 前三年80%、后两年50% → two tiers, 前三年 and 后两年;
- ladders of conditional segments: 实缴注册资本5亿元以上的，奖励1000万元；2亿元以上不足5亿元的，
  奖励500万元 → two tiers, one per segment, each condition the segment's 的-clause.

The amounts inside a tier condition (1000万元 …) and the periods (三年) are part of the schedule:
they are consumed so they never show up as caps, thresholds or durations of their own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex as re

NUM = r"[\d一二三四五六七八九十两百]+"
PERIOD = re.compile(rf"(?:(?:前|后|第|首|次|最后){NUM}(?:[至到\-—~]{NUM})?个?(?:年度?|月)|首年|次年|当年)(?:内|起|里|期间)?")
PERIOD_GAP = re.compile(r"^[\s，,：:]*(?:按照?|给予|为|的|分别|减按|按其)?(?:补贴|补助|奖励|减免|返还|资助)?"
                        r"[\s，,：:]*(?:不低于|不超过|最高|的)?$")
LIST_GAP = re.compile(r"^[\s、，,和及与或]*$")
ITEM_SPLIT = re.compile(r"、|，|,|和|与|或|及(?!以上)")
FIRST_NUMBER = re.compile(r"[\d一二三四五六七八九十两百千万亿]")
DIGIT = re.compile(r"\d")
LEAD = re.compile(r"^.*?(?:对于?|按照?|凡)")
RESPECTIVELY = re.compile("分别")
VALUE_KINDS = ("percent", "money")


@dataclass
class Schedule:
    values: list  # the value records, in text order
    conditions: list[str]  # one per value
    consumed: set[str] = field(default_factory=set)  # record ids that belong to the schedule


def _run(recs: list, seg: str, g0: int, start: int) -> list:
    """The records of one kind listed right after ``start`` (70%、80%和90%)."""
    after = [r for r in recs if r.start - g0 >= start and r.kind in VALUE_KINDS]
    if not after:
        return []
    run = [after[0]]
    for r in after[1:]:
        gap = seg[run[-1].end - g0:r.start - g0]
        if r.kind != run[0].kind or len(gap) > 3 or not LIST_GAP.match(gap):
            break
        run.append(r)
    return run


def _condition_items(head: str, n: int) -> list[str] | None:
    """The last ``n`` items of the list before 分别 (cut at its conditional 的)."""
    cut = head.rfind("的")
    if cut > 0:
        head = head[:cut]
    items = [x for x in ITEM_SPLIT.split(head) if x.strip()]
    if len(items) < n:
        return None
    items = items[-n:]
    first = items[0]
    if FIRST_NUMBER.search(first) and any(FIRST_NUMBER.search(x) for x in items[1:]):
        m = DIGIT.search(first) or FIRST_NUMBER.search(first)
        first = first[m.start():]
    else:
        first = LEAD.sub("", first)
    items[0] = first
    return [x.strip() for x in items]


def _respectively(seg: str, g0: int, recs: list) -> list[Schedule]:
    out = []
    if "分别" not in seg:
        return []
    for m in RESPECTIVELY.finditer(seg):
        run = _run(recs, seg, g0, m.end())
        if len(run) < 2 or seg[m.end():run[0].start - g0].count("，") > 0:
            continue
        items = _condition_items(seg[:m.start()], len(run))
        conditions = items or [f"tier {k}" for k in range(1, len(run) + 1)]
        lo = (seg.find(items[0]) if items else m.start())
        consumed = {r.id for r in recs if lo <= r.start - g0 < m.start()} | {r.id for r in run}
        out.append(Schedule(values=run, conditions=conditions, consumed=consumed))
    return out


def _periods(seg: str, g0: int, recs: list) -> list[Schedule]:
    values, conditions, consumed = [], [], set()
    for r in recs:
        if r.kind not in VALUE_KINDS:
            continue
        before = seg[max(0, r.start - g0 - 16):r.start - g0]
        hit = None
        for m in PERIOD.finditer(before):
            if PERIOD_GAP.match(before[m.end():]):
                hit = m
        if hit is None:
            continue
        a = r.start - g0 - len(before) + hit.start()
        values.append(r)
        conditions.append(hit.group(0))
        consumed |= {t.id for t in recs if t.kind == "time" and a <= t.start - g0 < r.start - g0}
    if len(values) < 2 or len({v.kind for v in values}) != 1:
        return []
    return [Schedule(values=values, conditions=conditions, consumed=consumed | {v.id for v in values})]


def find(seg: str, g0: int, recs: list) -> list[Schedule]:
    """Tiered schedules in the segment ``seg`` (starting at ``g0`` in Document.text)."""
    out = _respectively(seg, g0, recs)
    taken = set().union(*(s.consumed for s in out)) if out else set()
    for s in _periods(seg, g0, [r for r in recs if r.id not in taken]):
        out.append(s)
    return out


COND_END = re.compile(r"的[，,]")
COND_START = re.compile(r"[：:，,]")


def _step(seg: str, g0: int, recs: list):
    """(condition, value record, condition records) of a segment 'condition的，grant value', else None."""
    values = [r for r in recs if r.kind in VALUE_KINDS]
    for m in reversed(list(COND_END.finditer(seg))):
        after = [r for r in values if r.start - g0 >= m.end()]
        inside = [r for r in recs if r.kind in VALUE_KINDS + ("count",) and r.end - g0 <= m.start()]
        if not after or not inside:
            continue
        starts = [x.end() for x in COND_START.finditer(seg, 0, inside[-1].start - g0)]
        a = starts[-1] if starts else 0
        cond = [r for r in inside if r.start - g0 >= a]
        if not cond:
            continue
        return seg[a:m.start()].strip(), after[0], cond
    return None


def ladders(segments: list[tuple[str, int, list]]) -> list[Schedule]:
    """Runs of ≥2 consecutive conditional segments of one sentence whose values are of one kind."""
    if sum(1 for seg, _, _ in segments if "的，" in seg or "的," in seg) < 2:
        return []  # a ladder needs two conditional segments
    out, run = [], []

    def close():
        if len(run) >= 2:
            out.append(Schedule(values=[v for _, v, _ in run], conditions=[c for c, _, _ in run],
                                consumed={r.id for _, v, cond in run for r in [v, *cond]}))

    for seg, g0, recs in segments:
        step = _step(seg, g0, recs)
        if step is not None and (not run or run[0][1].kind == step[1].kind):
            run.append(step)
            continue
        close()
        run = [step] if step is not None else []
    close()
    return out
