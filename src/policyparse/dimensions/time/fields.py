"""Reading values back from a match of the atoms (prefix ``p`` = which date of the pattern)."""
from __future__ import annotations

from typing import Optional

from .lexicon import lexicon
from .numerals import to_int, to_number, to_year


# pattern id -> (pattern, its group numbers by name); the pattern is held so its id stays its own
_NUMBERS: dict[int, tuple] = {}


def group(m, name: str) -> Optional[str]:
    """Group ``name`` of ``m``, None when its pattern has no such group.

    Read by number: the regex module rebuilds its name table on every read by name (4× slower).
    """
    entry = _NUMBERS.get(id(m.re))
    if entry is None or entry[0] is not m.re:
        entry = _NUMBERS[id(m.re)] = (m.re, m.re.groupindex)
    number = entry[1].get(name)
    return None if number is None else m.group(number)


def date_fields(m, p: str) -> Optional[dict]:
    """{year, month, day} of date ``p`` (only what is written), plus ``part`` months for 上半年.

    None when something is written but impossible (1500年, 13月, 32日).
    """
    out: dict = {}
    y = group(m, p + "y")
    if y is not None:
        year = to_year(y)
        if year is None:
            return None
        out["year"] = year
    mo = group(m, p + "m")
    if mo is not None:
        month = lexicon().month_numerals.get(mo.strip()) or to_int(mo)
        if month is None or not 1 <= month <= 12:
            return None
        out["month"] = month
    d = group(m, p + "d")
    if d is not None:
        day = lexicon().day_numerals.get(d.strip()) or to_int(d)
        if day is None or not 1 <= day <= 31:
            return None
        out["day"] = day
    part = group(m, p + "part")
    if part:
        out["part"] = tuple(lexicon().year_parts[part])
    return out or None


def plan_years(m, p: str) -> Optional[tuple[int, int]]:
    """(first, last) year of a plan period 十四五 → (2021, 2025); None if context is missing."""
    name = group(m, p + "plan")
    if not name:
        return None
    lx = lexicon()
    quoted = bool(group(m, p + "q"))
    worded = any(group(m, p + k) for k in ("pend", "pstart", "psuf"))
    if name in lx.plan_periods_need_context and not (quoted or worded):
        return None  # 十五 alone is fifteen
    first = lx.plan_periods[name]
    return first, first + 4


def plan_point(m, p: str) -> Optional[int]:
    """The year a plan phrase points at: 十四五末 → 2025, 十四五初 → 2021, 十四五 → None."""
    years = plan_years(m, p)
    if years is None:
        return None
    if group(m, p + "pend"):
        return years[1]
    if group(m, p + "pstart"):
        return years[0]
    return None


def count(m, p: str) -> Optional[float]:
    """The number of units written with prefix ``p`` (3, 三, 半; 三年半 adds 0.5)."""
    n = group(m, p + "n")
    if n is None:
        return None
    value = to_number(n)
    if value is None or value <= 0:
        return None
    if group(m, p + "half"):
        value += 0.5
    return value
