"""The time grammar: one rule per record type, each a regex over the atoms and a builder.

A builder turns a match into record fields (or None to reject it). ``search`` collects every
candidate of every rule and keeps the longest non-overlapping ones, so 到2027年 (deadline)
beats 2027年 (date) and 每3年为1个评估周期 (period) beats 3年 (duration).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

import regex

from .atoms import (
    DAY_AR, DAY_CN, HAN, MONTH_AR, MONTH_CN, S, alt, any_date, cn_numeral_class, no_month_after, date_src, day_src, duration_unit_src, iso_src, md_src, month_src,
    num_range_src, num_src, plan_src, year_core, year_src,
)
from .fields import count, date_fields, group, plan_point, plan_years
from .lexicon import lexicon
from .numerals import to_year


@dataclass
class Rule:
    name: str
    rank: int  # ties between equally long spans: lower wins
    pattern: regex.Pattern
    build: Callable  # (match, text) -> Optional[dict]


# Characters that end a suffix cue's word when they follow it: 2020年后续 is no start,
# 2021年起草 no start, 2020年前三季度 no deadline.
_AFTER_HOU = "续期半台备者面勤补"
_AFTER_QI = "草步诉点源因码飞来见身"
_AFTER_QIAN = "一二三四五六七八九十两几期列沿景提身夕后"


def _suffix_alt(words, guards: dict[str, str]) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        g = guards.get(w)
        parts.append(regex.escape(w) + (f"(?![{g}\\d])" if g else ""))
    return "(?:" + "|".join(parts) + ")"


def _point(m, p: str, *, last: bool = False) -> Optional[dict]:
    """Year/month/day of a date or plan point; a year part (上半年) gives its first or last month."""
    if group(m, p + "plan"):
        years = plan_years(m, p)
        if years is None:
            return None
        if group(m, p + "pstart"):
            return {"year": years[0]}
        return {"year": years[1] if (last or group(m, p + "pend")) else years[0]}
    f = date_fields(m, p)
    if f is None:
        return None
    part = f.pop("part", None)
    if part:
        f["month"] = part[1] if last else part[0]
    return f


def _doc_number_after(text: str, end: int) -> bool:
    """2017年第5号 is a document number, not a date."""
    return bool(regex.match(rf"{S}第{S}\d+{S}号", text[end:end + 12]))


def _digit_by_digit(n: str) -> bool:
    digits = lexicon().digits
    return len(n) > 1 and all(c in digits for c in n)


# ---- builders --------------------------------------------------------------------------
def _date(m, text):
    f = date_fields(m, "a")
    if f is None or (set(f) == {"year"} and _doc_number_after(text, m.end())):
        return None
    part = f.pop("part", None)
    if part:  # 2017年上半年 → months 1..6 of 2017
        return {"type": "range", "year": f["year"], "month": part[0], "end_year": f["year"], "end_month": part[1]}
    return {"type": "date", **f}


def _plan(m, text):
    years = plan_years(m, "a")
    if years is None:
        return None
    point = plan_point(m, "a")
    if point is not None:  # “十四五”末 without 到: the year it names
        return {"type": "date", "year": point}
    return {"type": "plan_period", "year": years[0], "end_year": years[1]}


def _plan_spelled(m, text):
    """第十四个五年规划 → the 十四五 plan period."""
    first = lexicon().plan_periods.get(m.group("ord") + "五")
    if first is None:
        return None
    return {"type": "plan_period", "year": first, "end_year": first + 4}


def _period_once(m, text):
    """三年一评估 → every 3 years, 一年一评估 → every year (一年一度 is not matched: 度 is no word here)."""
    n = count(m, "a")
    if n is None:
        return None
    u = lexicon().units[m.group("au")]
    return {"type": "period", "every": n * u.size, "unit": u.unit}


def _deadline(m, text):
    f = _point(m, "a", last=True)
    if f is None:
        return None
    if group(m, "aplan") and not (group(m, "apend") or group(m, "apstart")):
        f = {"year": plan_years(m, "a")[1]}  # 到“十四五” = by the end of the plan
    return {"type": "deadline", **f}


def _start(m, text):
    f = _point(m, "a")
    if f is None:
        return None
    return {"type": "start", **f}


def _range(m, text):
    a, b = date_fields(m, "a"), date_fields(m, "b")
    if not a or not b or "part" in a or "part" in b:
        return None
    if "day" in a:
        if "day" not in b:
            return None
        b.setdefault("month", a.get("month"))
        if "year" in a:
            b.setdefault("year", a["year"])
    elif "month" in a:
        if "month" not in b or "day" in b:
            return None
        if "year" in a:
            b.setdefault("year", a["year"])
    else:  # years only: 2025—2027年
        if set(b) != {"year"}:
            return None
    if "year" in a and "year" in b:
        ka = (a["year"], a.get("month") or 0, a.get("day") or 0)
        kb = (b["year"], b.get("month") or 0, b.get("day") or 0)
        if kb <= ka:
            return None
    out = {"type": "range", **a}
    out.update({f"end_{k}": v for k, v in b.items() if v is not None})
    return out


def _bare_years(m, text):
    a, b = to_year(m.group("ay")), to_year(m.group("by"))
    if a is None or b is None or b <= a:
        return None
    return {"type": "range", "year": a, "end_year": b}


def _period(m, text):
    lx = lexicon()
    bare = group(m, "bu")
    unit_word = bare or m.group("au")
    if any(text[m.end():].startswith(w) for w in lx.unit_blockers_after.get(unit_word, ())):
        return None  # 每周期 is "each cycle"
    if bare:
        if bare == "半年":
            return {"type": "period", "every": 6.0, "unit": "month"}
        if bare == "半月":
            return {"type": "period", "every": 0.5, "unit": "month"}
        u = lx.units[bare]
        return {"type": "period", "every": u.size, "unit": u.unit}
    n = count(m, "a")
    if n is None:
        return None
    u = lx.units[m.group("au")]
    return {"type": "period", "every": n * u.size, "unit": u.unit}


def _cycle(m, text):
    """以三年为一个周期 → period every 3; 以三年为建设周期 → duration 3."""
    n = count(m, "a")
    if n is None:
        return None
    u = lexicon().units[m.group("au")]
    word = m.group("w") or ""
    if group(m, "cnt") and word not in lexicon().cycle_duration_words:
        return {"type": "period", "every": n * u.size, "unit": u.unit}
    return {"type": "duration", "value": n * u.size, "unit": u.unit}


def _duration(m, text):
    lx = lexicon()
    unit_word = m.group("au")
    after = text[m.end():m.end() + 4]
    if any(after.startswith(w) for w in lx.unit_blockers_after.get(unit_word, ())):
        return None  # 十周年 is an anniversary, 1.2天津 a heading and a city
    if (regex.match(r"\d+\.\d", m.group(0)) and (m.start() == 0 or text[m.start() - 1] == "\n")
            and regex.match(HAN, after)):
        return None  # 1.2 at the start of a line, text running on, numbers an outline item
    if any(after.startswith(w) for w in lx.duration_blockers_after):
        return None  # 三年行动计划, 一年一度
    u = lx.units[unit_word]
    n = count(m, "a")
    if n is None or _digit_by_digit(m.group("an")) or (u.unit == "year" and n > 100):
        return None  # 三六七年 and 789年 are years (outside the window), not durations
    hi = count(m, "ahi")
    if group(m, "ahin") is not None:
        if hi is None or hi <= n:
            return None
        # 未来3—5年: no single value; the bounds ride along as extra fields
        return {"type": "duration", "value": None, "unit": u.unit, "low": n * u.size, "high": hi * u.size}
    return {"type": "duration", "value": n * u.size, "unit": u.unit}


# ---- patterns --------------------------------------------------------------------------
@lru_cache(maxsize=None)
def rules() -> tuple[Rule, ...]:
    lx = lexicon()
    sep = alt(lx.range_separators)
    point_a = rf"(?:{any_date('a')}|{plan_src('a')})"
    dl_suffix = _suffix_alt(lx.deadline_suffixes, {"前": _AFTER_QIAN})
    st_suffix = _suffix_alt(lx.start_suffixes, {"后": _AFTER_HOU, "起": _AFTER_QI})
    blockers = "".join(lx.deadline_cue_blockers)
    units = alt(lx.units)
    range_first = rf"(?:{date_src('a')}|(?P<ay>{year_core()})(?!{S}年)|{month_src('a')}(?:{S}{day_src('a')})?)"
    range_second = rf"(?:{date_src('b')}|{month_src('b')}(?:{S}{day_src('b')})?|{day_src('b')})"
    gap = rf"(?:{S}{alt(lx.duration_gap_words)}){{0,2}}"
    dur_core = rf"{num_range_src('a')}{S}{duration_unit_src('a')}(?P<ahalf>半)?{no_month_after()}"

    def c(src: str) -> regex.Pattern:
        return regex.compile(src)

    return (
        Rule("range", 0, c(rf"(?:(?:从|自){S})?{range_first}{S}{sep}{S}{range_second}"), _range),
        Rule("range_months", 0, c(rf"(?:{year_src('a')}{S})?(?<![\d.])(?P<am>{MONTH_AR}|{MONTH_CN}){S}{sep}{S}"
                                 rf"(?P<bm>{MONTH_AR}|{MONTH_CN}){S}月"), _range),
        Rule("range_days", 0, c(rf"(?:{year_src('a')}{S})?{month_src('a')}{S}(?P<ad>{DAY_AR}|{DAY_CN}){S}{sep}{S}"
                               rf"(?P<bd>{DAY_AR}|{DAY_CN}){S}[日号]"), _range),
        Rule("range_iso", 0, c(rf"{iso_src('a')}{S}{sep}{S}{iso_src('b')}"), _range),
        Rule("range_between", 0, c(rf"{date_src('a')}{S}[与和]{S}{date_src('b')}{S}之?间"), _range),
        Rule("range_bare_years", 0, c(rf"(?:(?:从|自){S}|(?<=[（(]{S}))(?P<ay>{year_core()}){S}{sep}{S}(?P<by>{year_core()})"
                                     rf"(?=(?!{S}年)(?!\d))"), _bare_years),
        Rule("whole_bare_years", 0, c(rf"^{S}(?P<ay>{year_core()}){S}{sep}{S}(?P<by>{year_core()}){S}$"), _bare_years),
        Rule("deadline", 0, c(rf"(?<![{blockers}]){alt(lx.deadline_cues)}{S}{point_a}"
                              rf"(?:{S}(?:或|及|或者)?{S}{dl_suffix})?"), _deadline),
        Rule("deadline_suffix", 0, c(rf"{point_a}{S}(?:或|及|或者)?{S}{dl_suffix}"), _deadline),
        Rule("start", 0, c(rf"{alt(lx.start_prefixes)}{S}{point_a}(?:{S}{st_suffix})?"), _start),
        Rule("start_suffix", 0, c(rf"{point_a}{S}(?:或|及|或者)?{S}{st_suffix}"), _start),
        Rule("period", 0, c(rf"{alt(lx.period_cues)}{S}(?:(?P<bu>{alt(lx.period_bare_units)})|{num_src('a')}{S}(?P<au>{units}))"
                            rf"(?:{S}为{S}(?:一|1){S}个?{S}{HAN}{{0,4}}?周期)?"), _period),
        Rule("period_by", 0, c(rf"{alt(lx.period_bare_cues)}(?P<bu>{alt(lx.period_bare_cue_units)})(?![份人均薪度底末初中\d])"),
             _period),
        Rule("duration_days", 3, c(rf"(?<![\d.．第每月])(?<!月{S}){num_src('a')}{S}(?P<au>日){alt(lx.day_duration_after)}"),
             _duration),
        Rule("cycle", 0, c(rf"(?:以{S})?{num_src('a')}{S}(?P<au>{units}){S}为{S}(?P<cnt>一个|1{S}个|一)?{S}"
                           rf"(?P<w>{HAN}{{0,4}}?)周期"), _cycle),
        Rule("plan", 1, c(plan_src("a")), _plan),
        Rule("plan_spelled", 1, c(rf"第(?P<ord>十[一二三四五六七八九]?|[一二三四五六七八九]){alt(lx.plan_spelled_suffixes)}"),
             _plan_spelled),
        Rule("period_once", 0, c(rf"(?<![{cn_numeral_class()}\d.第每]){num_src('a')}{S}(?P<au>年|个月|个季度|周){S}一{S}"
                                 rf"{alt(lx.period_once_words)}"), _period_once),
        Rule("duration_cue", 2, c(rf"{alt(lx.duration_cues)}{gap}{S}{dur_core}"), _duration),
        # 第二至三年 / 第一、二年 are ordinals, not durations
        Rule("duration", 3, c(rf"(?<![\d.．第每])(?<!第[{cn_numeral_class()}\d]{{1,3}}{S}[至、到—\-和及与]{{1,2}}{S}){dur_core}"),
             _duration),
        Rule("date", 4, c(rf"(?:{date_src('a')}|{iso_src('a')}|{md_src('a')})"), _date),
    )
