"""percent: 50%, 百分之五十, 3个百分点, 千分之五, 七成 (value in percent), with bounds and ranges.

The bound word may stand apart from the number: 不超过实际投资损失额50% → le 50, span from 不超过;
不高于项目总投资30% → le 30. Ranges: 10%—20%, 10—20%.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ...model import Percent
from ..number import NUM, NUM_RE, is_code, parse_approx
from ..number.bounds import drop_nested, fields, join_ranges, lexicon, sep, spread_bounds, widen, with_list

_SP = r"[ \t\u3000]*"
_PCT = "[%％]"
# 七成, 三成半, 9.5成: tenths; 成 followed by these is a word (成果, 成为, 一成不变 …)
_TENTHS = "二两兩三四五六七八九十"
_CHENG_WORDS = "果为立本效员熟功长交型绩就套都品像全年人分规片批绩败"
# 五百分之2.2 is a fraction (2.2/500), not 百分之2.2
_NOT_AFTER_NUMERAL = "(?<![0-9０-９零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟])"


# Every alternative of _pattern() holds %/％, 分 then 之/点 (百分之, 千分之, 个百分点) or a digit
# (or 一…九十) then 成: a text without any of these holds no percentage.
_MAY_HOLD = re.compile(rf"[%％]|分{_SP}[之点點]|[0-9０-９{_TENTHS}一]{_SP}成")

_PCT_WORD = re.compile(r"^[百佰]\s*分\s*之")
_URL_ESCAPE = re.compile(r"[%％][0-9A-Fa-f]{2}")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    return re.compile(
        rf"(?:(?P<lo>{NUM}){_SP}{_PCT}?(?P<sep>{sep()}))?(?P<neg>(?<![0-9０-９])[-－]|[负負])?(?P<num>{NUM}){_SP}{_PCT}"
        rf"|{_NOT_AFTER_NUMERAL}(?:(?P<lo2>百{_SP}分{_SP}之{_SP}{NUM})(?:{sep()}))?[百佰]{_SP}分{_SP}之{_SP}(?P<num2>{NUM})"
        rf"|(?P<num3>{NUM}){_SP}[个個]{_SP}百{_SP}分{_SP}[点點]"
        rf"|{_NOT_AFTER_NUMERAL}(?P<per_mille>[千仟万萬]){_SP}分{_SP}之{_SP}(?P<num4>{NUM})"
        rf"|(?P<num5>[0-9０-９]+(?:[.．][0-9０-９])?|[{_TENTHS}](?:{_SP}[点點]{_SP}[{_TENTHS}一])?)"
        rf"{_SP}成(?P<half>半)?(?![{_CHENG_WORDS}])"
    )


def _num(s: Optional[str]):
    if s is None:
        return None, None
    return parse_approx(_PCT_WORD.sub("", s.strip()), bare_unit=True)


def _in_url(text: str, start: int, end: int) -> bool:
    """30%25 inside a web address is URL escaping, not a percentage."""
    lo = max((text.rfind(c, 0, start) for c in " \t\n，。；"), default=-1) + 1
    token = text[lo:end + 3]
    return "://" in token or "www." in token or _URL_ESCAPE.match(text[end - 1:end + 2]) is not None


# What a percentage is a share of (its base): the noun phrase between a bound word and the number
# (不超过其上年度净收入的80%), or after 按/占 (按项目总投资的30%). Possessive and time words in
# front are not part of the base: 其上年度净收入 → 净收入.
_BASE_LEAD = re.compile(r"^(?:其|该|本)?(?:上一?年度|上年|当年|年度|近[一二三两]年)?(?:的)?")
_BASE_AFTER_VERB = re.compile(r"(?:按照|按|占)([\u4e00-\u9fff]{2,12}?)的?[ \t\u3000]*$")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_RATIO_WORD = re.compile(r"(?:的)?(?:比重|比例|占比|之比|比)?(?:应|须|需|要)?$")
# a verb or a bound word inside the phrase: it is a clause, not a base (按实际发生费用给予最高70%)
_NOT_IN_BASE = re.compile(r"给予|补助|补贴|奖励|支持|资助|不超过|不低于|不高于|不少于|最高|最低|超过|低于")


@lru_cache(maxsize=1)
def _bound_words() -> list[str]:
    return sorted((w for ws in lexicon().prefix.values() for w in ws), key=len, reverse=True)


def _base(text: str, start: int, num_start: int) -> Optional[str]:
    """``start``: where the record's span opens (its bound word, if any); ``num_start``: the number."""
    seg = text[start:num_start].strip(" \t\u3000")
    if seg:  # 不超过其上年度净收入的80%: the phrase between the bound word and the number
        word = next((w for w in _bound_words() if seg.startswith(w)), None)
        seg = seg[len(word):] if word else ""
    if not seg:  # 按项目总投资的30%, 占营业收入比重不低于30%: after 按/占, before the span
        m = _BASE_AFTER_VERB.search(text, max(0, start - 16), start)
        seg = _RATIO_WORD.sub("", m.group(1)) if m else ""
    seg = _BASE_LEAD.sub("", seg.rstrip("的 \t\u3000"))
    seg = seg.rstrip("的")
    if len(seg) < 2 or not _HAN_ONLY.fullmatch(seg) or _NOT_IN_BASE.search(seg):
        return None
    return seg


def search(text: str) -> list[Percent]:
    out: list[Percent] = []
    if not _MAY_HOLD.search(text):
        return out  # cheap prefilter, see _MAY_HOLD
    for m in _pattern().finditer(text):
        if _in_url(text, m.start(), m.end()):
            continue
        key = next(k for k in ("num", "num2", "num3", "num4", "num5") if m.group(k) is not None)
        value, approx = _num(m.group(key))
        end = m.end()
        if value is None and key == "num2" and m.group(key)[-1] in "百千" and text.startswith("分", end):
            # 百分之七十百分位: the numeral ran into the next word (百分位); drop that 百
            value, approx = _num(m.group(key)[:-1])
            end -= 1
        if value is None:
            continue
        if key == "num" and m.group("neg"):
            value = -value
        if key == "num5":
            if value > 10:
                continue
            value = value * 10 + (5 if m.group("half") else 0)
        if key == "num4":
            value = value / (10 if m.group("per_mille") in "千仟" else 100)
        low = None
        start = m.start("neg") if key == "num" and m.group("neg") and not m.group("lo") else m.start()
        lo = m.group("lo") if key == "num" else m.group("lo2") if key == "num2" else None
        if lo:
            low, _ = _num(lo)
            if low is None or low >= value or is_code(lo):
                low, start = None, m.start(key)
        start, end, bound = widen(text, start, end, approx, is_range=low is not None)
        rec = Percent(text=text[start:end], start=start, end=end, base=_base(text, start, m.start(key)),
                      **fields(bound, value, low))
        if key == "num" and low is None:  # 10、20、30%: the items share the sign
            out += with_list(text, rec, m.start("num"), NUM_RE, lambda s: None if is_code(s) else _num(s)[0])
        else:
            out.append(rec)
    return spread_bounds(text, join_ranges(text, drop_nested(out)))


def parse(s: str) -> Optional[Percent]:
    """The whole string as one percentage (``parse("不低于60%").low == 60``), else None."""
    s = s.strip()
    for r in search(s):
        if r.start == 0 and r.end == len(s):
            return r
    return None
