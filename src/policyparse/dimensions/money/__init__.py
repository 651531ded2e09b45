"""money: amounts of currency, value in yuan (or in the stated currency's unit).

``search("每家每年奖励额度最高不超过1000万元")`` → one Money: text 最高不超过1000万元, bound le,
value = high = 1e7, per 每家每年. An amount needs a currency word (元, 美元, 美金 …, from
lexicon/data/currencies.yaml) — except 万/亿 amounts followed by a money context (100万左右的财政
资金), where 元 is implied. Ranges: 10—20万元 (the first number borrows the magnitude).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ...lexicon import load
from ...lexicon.schemas.quantity import CurrenciesLexicon
from ...model import Money
from ..number import NUM, NUM_RE, is_code, parse_approx
from ..number.bounds import (INCLUSIVE_IN_RANGE, drop_nested, fields, join_ranges, per_before, sep,
                             spread_bounds, widen, with_list)

_SP = r"[ \t\u3000]*"
_MAG = "万亿|千亿|百亿|千万|百万|亿|万"
# 1000元/件, 20万元/家: a slash after the amount reads 每
_PER_AFTER = re.compile(r"[/／](平方米|平米|立方米|千瓦时|千瓦|公斤|千克|吨|小时|家|件|人|个|项|年|月|天|次|台|套|亩|户|张|份)")

_MAG_END = re.compile(rf"(?:{_MAG})$")


@lru_cache(maxsize=1)
def lexicon() -> CurrenciesLexicon:
    return load("currencies", CurrenciesLexicon)


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    return {w: c.code for c in lexicon().currencies for w in c.words}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(_codes(), key=len, reverse=True))
    ctx = "|".join(re.escape(w) for w in sorted(lexicon().implied_contexts, key=len, reverse=True))
    core = (
        rf"(?:(?P<lo>{NUM}){_SP}(?P<loc>{words})?{INCLUSIVE_IN_RANGE}(?P<sep>{sep()}))?"
        rf"(?P<num>{NUM})(?P<ap>[余多])?{_SP}"
        rf"(?:(?P<cur>{words})(?![化素旦宵])|(?<=[万亿])(?=(?P<tail>{_SP}(?:左右|以上|以下|以内)?{_SP}(?:{ctx}))))"
    )
    return re.compile(core)


def _magnitude(s: str) -> str:
    """The magnitude a number ends with (20万 → 万), for 10—20万元 where 10 borrows it."""
    m = _MAG_END.search(s.strip())
    return m.group() if m else ""


def _value(s: str) -> tuple[Optional[float], Optional[str]]:
    return parse_approx(s, bare_unit=True)


def _may_hold(text: str) -> bool:
    """Cheap prefilter: a match ends in a currency word or follows 万/亿 (20万的资金)."""
    return "万" in text or "亿" in text or any(w in text for w in _codes())


def search(text: str) -> list[Money]:
    out: list[Money] = []
    if not _may_hold(text):
        return out
    for m in _pattern().finditer(text):
        num, approx = _value(m.group("num"))
        approx = m.group("ap") or approx
        if num is None or is_code(m.group("num")):
            continue
        if m.group("num").strip() in ("万", "萬", "亿", "億"):
            continue  # 万元 alone (万元GDP能耗) is a unit of measure, not an amount
        cur = m.group("cur")
        code = _codes()[cur] if cur else "CNY"
        start, end = m.start(), m.end()
        low = None
        if m.group("lo"):
            lo_s = m.group("lo")
            if not _magnitude(lo_s):
                lo_s += _magnitude(m.group("num"))
            low, _ = _value(lo_s)
            if low is None or low >= num or is_code(lo_s):
                start = m.start("num")  # not a range after all (e.g. a phone number before it)
                low = None
        per = None
        slash = _PER_AFTER.match(text, end)
        if slash and m.group("cur"):
            per, end = "每" + slash.group(1), slash.end()
        start, end, bound = widen(text, start, end, approx, is_range=low is not None)
        rec = Money(text=text[start:end], start=start, end=end, currency=code,
                    per=per or per_before(text, start), **fields(bound, num, low))
        if low is None:
            mag = _magnitude(m.group("num"))  # 10、20、30万元: the items borrow 万
            out += with_list(text, rec, m.start("num"), NUM_RE,
                             lambda s: None if is_code(s) else _value(s if _magnitude(s) else s + mag)[0])
        else:
            out.append(rec)
    return spread_bounds(text, join_ranges(text, drop_nested(out)))


def parse(s: str) -> Optional[Money]:
    """The whole string as one amount (``parse("最高不超过1000万元").high == 1e7``), else None.

    A whole string in 万/亿 without 元 (``100万左右``) is taken as money: the caller says it is one.
    """
    s = s.strip()
    for probe in (s, s + "的资金"):
        for r in search(probe):
            if r.start == 0 and r.end == len(s):
                return r.model_copy(update={"text": s})
    return None

