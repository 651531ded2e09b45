"""area: land and floor areas (占地50亩, 建筑面积2000平方米以上, 10—20公顷), value in the unit written.

An area is not a count (gold/README.md, "Messy real text"): a researcher asks how much land, not how
many things. The unit stays as written (亩, 平方米, 公顷, 平方公里 — no conversion: 1 亩 is a
customary 666.7 m², and documents compare mu with mu). The units are in
lexicon/data/measure_words.yaml (``area_units``); bounds and ranges are the shared ones.
Money per area (100元/亩, 亩均税收10万元) is money with ``per``, not an area.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ...model import Area
from ..count import lexicon
from ..number import NUM, NUM_RE, is_code, parse_approx
from ..number.bounds import INCLUSIVE_IN_RANGE, drop_nested, fields, join_ranges, sep, spread_bounds, widen, with_list

_SP = r"[ \t\u3000]*"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    units = "|".join(re.escape(u) for u in sorted(lexicon().area_units, key=len, reverse=True))
    return re.compile(rf"(?:(?P<lo>{NUM}){_SP}(?:{units})?{INCLUSIVE_IN_RANGE}(?P<sep>{sep()}))?"
                      rf"(?P<num>{NUM})(?P<ap>[余多])?{_SP}(?P<unit>{units})(?!均)")


def _value(s: str) -> Optional[float]:
    v, _ = parse_approx(s, bare_unit=False)
    return None if v is None or v < 0 or is_code(s) else v


def search(text: str) -> list[Area]:
    out: list[Area] = []
    if not any(u[-1] in text for u in lexicon().area_units):
        return out  # cheap prefilter: every match ends in a unit's last character
    for m in _pattern().finditer(text):
        num_s = m.group("num")
        value, approx = parse_approx(num_s, bare_unit=False)
        approx = m.group("ap") or approx
        if value is None or value < 0 or is_code(num_s):
            continue
        if text[m.start() - 1:m.start()] == "第":
            continue
        unit = m.group("unit")
        if unit == "万亩":  # 10万亩 read as 10 万 亩
            value, unit = value * 1e4, "亩"
        start, low = m.start(), None
        if m.group("lo"):
            low = _value(m.group("lo"))
            if low is None or low >= value:
                low, start = None, m.start("num")
        start, end, bound = widen(text, start, m.end(), approx, is_range=low is not None)
        rec = Area(text=text[start:end], start=start, end=end, unit=unit, **fields(bound, value, low))
        out += with_list(text, rec, m.start("num"), NUM_RE, _value) if low is None else [rec]
    return spread_bounds(text, join_ranges(text, drop_nested(out)))


def parse(s: str) -> Optional[Area]:
    """The whole string as one area (``parse("50亩").value == 50``), else None."""
    s = s.strip()
    for r in search(s):
        if r.start == 0 and r.end == len(s):
            return r
    return None
