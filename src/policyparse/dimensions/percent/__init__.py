"""percent: 50%, 百分之五十, 3个百分点, 千分之五 (value in percent), with bounds and ranges.

The bound word may stand apart from the number: 不超过实际投资损失额50% → le 50, span from 不超过;
不高于项目总投资30% → le 30. Ranges: 10%—20%, 10—20%.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ...model import Percent
from ..number import NUM, parse_approx
from ..number.bounds import fields, sep, widen

_SP = r"[ \t\u3000]*"
_PCT = "[%％]"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    return re.compile(
        rf"(?:(?P<lo>{NUM}){_SP}{_PCT}?(?P<sep>{sep()}))?(?P<num>{NUM}){_SP}{_PCT}"
        rf"|(?:(?P<lo2>百{_SP}分{_SP}之{_SP}{NUM})(?:{sep()}))?百{_SP}分{_SP}之{_SP}(?P<num2>{NUM})"
        rf"|(?P<num3>{NUM}){_SP}个{_SP}百{_SP}分{_SP}点"
        rf"|(?P<per_mille>[千万]){_SP}分{_SP}之{_SP}(?P<num4>{NUM})"
    )


def _num(s: Optional[str]):
    if s is None:
        return None, None
    return parse_approx(re.sub(r"^百\s*分\s*之", "", s.strip()), bare_unit=True)


def search(text: str) -> list[Percent]:
    out: list[Percent] = []
    for m in _pattern().finditer(text):
        key = next(k for k in ("num", "num2", "num3", "num4") if m.group(k) is not None)
        value, approx = _num(m.group(key))
        if value is None:
            continue
        if key == "num4":
            value = value / (10 if m.group("per_mille") == "千" else 100)
        low = None
        start = m.start()
        lo = m.group("lo") if key == "num" else m.group("lo2") if key == "num2" else None
        if lo:
            low, _ = _num(lo)
            if low is None or low >= value:
                low, start = None, m.start(key)
        start, end, bound = widen(text, start, m.end(), approx, is_range=low is not None)
        out.append(Percent(text=text[start:end], start=start, end=end, **fields(bound, value, low)))
    return out


def parse(s: str) -> Optional[Percent]:
    """The whole string as one percentage (``parse("不低于60%").low == 60``), else None."""
    s = s.strip()
    for r in search(s):
        if r.start == 0 and r.end == len(s):
            return r
    return None
