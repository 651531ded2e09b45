"""Numerals as written in dates and spans of time: 3, ３, 十九, 二十三, 两千零四, 二〇二二, 一年半."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .lexicon import lexicon


@lru_cache(maxsize=None)
def _tables():
    lx = lexicon()
    return lx.digits, lx.multipliers


def cn_chars() -> str:
    """Every character that can make up a Chinese numeral (for regex classes)."""
    digits, mult = _tables()
    return "".join(digits) + "".join(mult)


def to_number(s: str) -> Optional[float]:
    """'3' → 3, '1.5' → 1.5, '十九' → 19, '两千零四' → 2004, '二〇二二' → 2022, '半' → 0.5."""
    s = s.strip().replace(" ", "")
    if not s:
        return None
    if s == "半":
        return 0.5
    try:
        return float(s)  # also handles full-width digits (float('３') == 3.0)
    except ValueError:
        pass
    digits, mult = _tables()
    if all(c in digits for c in s):  # digit by digit: 二〇二二
        if len(s) == 1:
            return float(digits[s])
        return float(int("".join(str(digits[c]) for c in s)))
    total, current = 0, None
    for c in s:
        if c in digits:
            current = digits[c]
        elif c in mult:
            total += (1 if current is None else current) * mult[c]
            current = None
        else:
            return None
    if current is not None:
        total += current
    return float(total)


def to_int(s: str) -> Optional[int]:
    n = to_number(s)
    return int(n) if n is not None and n == int(n) else None


def to_year(s: str) -> Optional[int]:
    """A written year: 2020, 二〇二〇, 两千零四; two digits (07, 零八, 18) → 2007, 2008, 2018."""
    s = s.strip()
    n = to_int(s)
    if n is None:
        return None
    if len(s) == 2 and n < 100:  # two-digit years: 00–49 → 20xx, 50–99 → 19xx
        n += 2000 if n < 50 else 1900
    lx = lexicon()
    return n if lx.year_min <= n <= lx.year_max else None
