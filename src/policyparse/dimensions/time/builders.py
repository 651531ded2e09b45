"""Builders of the time grammar: a regex match → record fields, or None to reject it.

Each builder reads the groups named in atoms.py (prefix ``a`` = first date, ``b`` = second)
and applies the conventions of gold/README.md (time).
"""
from __future__ import annotations

from typing import Optional

import regex

from .atoms import HAN, S
from .fields import count, date_fields, group, plan_point, plan_years
from .lexicon import lexicon
from .numerals import to_year


def point(m, p: str, *, last: bool = False) -> Optional[dict]:
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


_DOC_NUMBER = regex.compile(rf"{S}第{S}\d+{S}号")  # compiled once, not per candidate
_OUTLINE_NUMBER = regex.compile(r"\d+\.\d")
_HAN_RE = regex.compile(HAN)


def doc_number_after(text: str, end: int) -> bool:
    """2017年第5号 is a document number, not a date."""
    return bool(_DOC_NUMBER.match(text[end:end + 12]))


def digit_by_digit(n: str) -> bool:
    digits = lexicon().digits
    return len(n) > 1 and all(c in digits for c in n)


# ---- builders --------------------------------------------------------------------------
def date(m, text):
    f = date_fields(m, "a")
    if f is None or (set(f) == {"year"} and doc_number_after(text, m.end())):
        return None
    part = f.pop("part", None)
    if part:  # 2017年上半年 → months 1..6 of 2017
        return {"type": "range", "year": f["year"], "month": part[0], "end_year": f["year"], "end_month": part[1]}
    return {"type": "date", **f}


def plan(m, text):
    years = plan_years(m, "a")
    if years is None:
        return None
    named = plan_point(m, "a")
    if named is not None:  # “十四五”末 without 到: the year it names
        return {"type": "date", "year": named}
    return {"type": "plan_period", "year": years[0], "end_year": years[1]}


def plan_spelled(m, text):
    """第十四个五年规划 → the 十四五 plan period."""
    first = lexicon().plan_periods.get(group(m, "ord") + "五")
    if first is None:
        return None
    return {"type": "plan_period", "year": first, "end_year": first + 4}


def period_once(m, text):
    """三年一评估 → every 3 years, 一年一评估 → every year (一年一度 is not matched: 度 is no word here)."""
    n = count(m, "a")
    if n is None:
        return None
    u = lexicon().units[group(m, "au")]
    return {"type": "period", "every": n * u.size, "unit": u.unit}


def deadline(m, text):
    f = point(m, "a", last=True)
    if f is None:
        return None
    if group(m, "aplan") and not (group(m, "apend") or group(m, "apstart")):
        f = {"year": plan_years(m, "a")[1]}  # 到“十四五” = by the end of the plan
    if group(m, "hh"):  # 17:30前
        f["hour"], f["minute"] = int(group(m, "hh")), int(group(m, "mm"))
    return {"type": "deadline", **f}


def start(m, text):
    f = point(m, "a")
    if f is None:
        return None
    return {"type": "start", **f}


def range_of(m, text):
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


def bare_years(m, text):
    a, b = to_year(group(m, "ay")), to_year(group(m, "by"))
    if a is None or b is None or b <= a:
        return None
    return {"type": "range", "year": a, "end_year": b}


def period(m, text):
    lx = lexicon()
    bare = group(m, "bu")
    unit_word = bare or group(m, "au")
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
    u = lx.units[group(m, "au")]
    return {"type": "period", "every": n * u.size, "unit": u.unit}


def cycle(m, text):
    """以三年为一个周期 → period every 3; 以三年为建设周期 → duration 3."""
    n = count(m, "a")
    if n is None:
        return None
    u = lexicon().units[group(m, "au")]
    word = group(m, "w") or ""
    if group(m, "cnt") and word not in lexicon().cycle_duration_words:
        return {"type": "period", "every": n * u.size, "unit": u.unit}
    return {"type": "duration", "value": n * u.size, "unit": u.unit}


def duration(m, text):
    lx = lexicon()
    unit_word = group(m, "au")
    after = text[m.end():m.end() + 4]
    if any(after.startswith(w) for w in lx.unit_blockers_after.get(unit_word, ())):
        return None  # 十周年 is an anniversary, 1.2天津 a heading and a city
    if (_OUTLINE_NUMBER.match(m.group(0)) and (m.start() == 0 or text[m.start() - 1] == "\n")
            and _HAN_RE.match(after)):
        return None  # 1.2 at the start of a line, text running on, numbers an outline item
    if any(after.startswith(w) for w in lx.duration_blockers_after):
        return None  # 三年行动计划, 一年一度
    u = lx.units[unit_word]
    n = count(m, "a")
    if n is None or digit_by_digit(group(m, "an")) or (u.unit == "year" and n > 100):
        return None  # 三六七年 and 789年 are years (outside the window), not durations
    hi = count(m, "ahi")
    if group(m, "ahin") is not None:
        if hi is None or hi <= n:
            return None
        # 未来3—5年: no single value; the bounds ride along as extra fields
        return {"type": "duration", "value": None, "unit": u.unit, "low": n * u.size, "high": hi * u.size}
    return {"type": "duration", "value": n * u.size, "unit": u.unit}
