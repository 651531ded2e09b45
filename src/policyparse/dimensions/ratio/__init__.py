"""ratio: 1︰1, 1:1, 1∶1, 1比1, 1:2:3 → terms. Clock times (9:30, 19:53:00) are not ratios."""
from __future__ import annotations

import re
from typing import Optional

from ...model import Ratio
from ..number import NUM
from ..number import parse as parse_number

_SP = r"[ \t\u3000]*"
_COLON = "[:：︰∶]"
_PATTERN = re.compile(rf"(?P<a>{NUM}){_SP}(?P<op>{_COLON}|比){_SP}(?P<rest>{NUM}(?:{_SP}(?:{_COLON}|比){_SP}{NUM})*)")
_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[:：](?:[0-5]\d)(?:[:：][0-5]\d)?")
_SPACE = re.compile(r"\s")
_CLOCK_COLON = re.compile("[:：]")
_TERM_SEP = re.compile(rf"{_SP}(?:{_COLON}|比){_SP}")
# words that announce a ratio, so 按1:10配套 stays a ratio although 1:10 reads like a time
_RATIO_CUES = ("比例", "比", "配套", "配比", "按")


def _is_clock(text: str, m: re.Match) -> bool:
    if m.group("op") not in ":：":
        return False
    surface = _SPACE.sub("", m.group())
    if not _CLOCK.fullmatch(surface.translate(str.maketrans("０１２３４５６７８９", "0123456789"))):
        return False
    if surface.count(":") + surface.count("：") >= 2:
        return True
    hour, minute = _CLOCK_COLON.split(surface)[:2]
    if int(hour) < 6 and not minute.startswith("0"):
        return False  # 1:10, 3:20 read as ratios; clock times in documents are 8:30, 14:00, 9:05
    before = text[max(0, m.start() - 6):m.start()]
    return not any(c in before for c in _RATIO_CUES)


# 附件1：2025年…, 表2：… — a label and its colon, then a date or a title
_LABEL_BEFORE = re.compile(r"(?:附件|附表|表|图|条|款|项|第)\s*$")
_DATE_AFTER = re.compile(r"\s*[年月日号時时]")


def search(text: str) -> list[Ratio]:
    out: list[Ratio] = []
    for m in _PATTERN.finditer(text):
        if _is_clock(text, m):
            continue
        if m.group("op") != "比" and (_LABEL_BEFORE.search(text, 0, m.start()) or _DATE_AFTER.match(text, m.end())):
            continue
        parts = [m.group("a")] + _TERM_SEP.split(m.group("rest"))
        terms = [parse_number(p) for p in parts]
        if any(t is None for t in terms):
            continue
        out.append(Ratio(text=m.group(), start=m.start(), end=m.end(), terms=terms))
    return out


def parse(s: str) -> Optional[Ratio]:
    """The whole string as one ratio (``parse("1︰1").terms == [1, 1]``), else None."""
    s = s.strip()
    for r in search(s):
        if r.start == 0 and r.end == len(s):
            return r
    return None
