"""count: a number with a measure word counting things (600余家, 近百项, 10—20 家, 3000次以上).

Measure words, idioms and ordinal markers live in lexicon/data/measure_words.yaml. Decisions
(gold/README.md "count"): the Chinese numeral 一 on its own before a measure word is an article
(一项重要举措, 一批, 一套机制), not a count — Arabic 1家 is a count; a bare magnitude (千家, 百人)
is a count only with a bound (千余家, 近百项, 上千家 is not handled); numbers after 第 are ordinals;
numbers inside a short quoted slogan (“三个着力”, "全球最大五百家公司") or a title 《…》 are names;
leading-zero digits (0700) are codes; 零 + measure word (零部件) is a word. Amounts and percentages
are not counts: 2000万元 yields nothing here.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ...lexicon import load
from ...lexicon.schemas.quantity import MeasureWordsLexicon
from ...model import Count
from ..number import NUM, NUM_CHARS, NUM_FIRST, NUM_RE, is_code, is_plain_one, parse_approx
from ..number.bounds import (INCLUSIVE_IN_RANGE, INCLUSIVE_OPEN, drop_nested, fields, in_quotes, join_ranges, sep,
                             spread_bounds, widen, with_list)
from ..number.bounds import lexicon as bounds_lexicon

_SP = r"[ \t\u3000]*"
_BARE_MAGNITUDE = re.compile(r"[百千万亿佰仟萬億]+")
# 第 1 0 条 copied from a PDF: 第, spaces and digits before the number make it an article number
_ARTICLE_BEFORE = re.compile(r"第[ \t\u3000\u00a00-9０-９一二三四五六七八九十百零〇两]*$")


@lru_cache(maxsize=1)
def lexicon() -> MeasureWordsLexicon:
    return load("measure_words", MeasureWordsLexicon)


_ARABIC = re.compile(r"[0-9０-９]")


@lru_cache(maxsize=1)
def _chinese_only() -> frozenset[str]:
    return frozenset(w.word for w in lexicon().measure_words if w.chinese_only)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    words = sorted(lexicon().measure_words, key=lambda w: -len(w.word))
    alts = []
    for w in words:
        neg = "|".join(w.not_followed_by)
        alts.append(re.escape(w.word) + (f"(?!{neg})" if neg else ""))
    mw = "|".join(alts)
    return re.compile(rf"(?:(?P<lo>{NUM})(?:{_SP}(?:{mw}))?{INCLUSIVE_IN_RANGE}(?P<sep>{sep()}))?(?P<num>{NUM})(?P<ap>[余多来])?{_SP}(?P<mw>{mw})")


@lru_cache(maxsize=1)
def _starts() -> re.Pattern:
    """Where a match of ``_pattern()`` may start: a numeral character, then numeral characters
    only (digits, units, separators, spaces, approximators) up to a measure word, a range
    separator or a （含） note. Every match has that shape (lo, sep and num are NUMs; a
    measure word, （含） or a separator follows the first of them), so this is necessary.
    The pattern opens with a character class, which re scans for in C; the grammar itself opens
    with an optional group and is tried at every character (~6× slower on policy text)."""
    follow = {w.word[0] for w in lexicon().measure_words}
    follow |= {s[0] for s in bounds_lexicon().range_separators} | set(INCLUSIVE_OPEN)
    return re.compile(f"[{NUM_FIRST}](?=[{NUM_CHARS}]*[{re.escape(''.join(sorted(follow)))}])")


def _matches(text: str):
    """``_pattern().finditer(text)``, trying the grammar only where ``_starts()`` allows a match."""
    match = _pattern().match
    pos = 0
    for s in _starts().finditer(text):
        at = s.start()
        if at < pos:
            continue  # inside the previous match: finditer resumes at its end
        m = match(text, at)  # lookbehinds still see the text before ``at``
        if m:
            yield m
            pos = m.end()


@lru_cache(maxsize=1)
def _idiom_re() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(lexicon().idioms, key=len, reverse=True)))


def _blocked(text: str, start: int, end: int) -> bool:
    for m in _idiom_re().finditer(text, max(0, start - 6), min(len(text), end + 6)):
        if m.start() < end and m.end() > start:
            return True
    if any(text.startswith(w, start - len(w)) for w in lexicon().not_preceded_by):
        return True
    if _ARTICLE_BEFORE.search(text, max(0, start - 8), start):
        return True
    return in_quotes(text, start, end)


def _before_is_number(text: str, start: int) -> bool:
    """A digit or decimal point right before the match: we are inside a longer number (2025 年)."""
    return start > 0 and (text[start - 1].isdigit() or text[start - 1] in ".．")


def search(text: str) -> list[Count]:
    out: list[Count] = []
    for m in _matches(text):
        num_s = m.group("num")
        lo_s = m.group("lo")
        if num_s.strip() in ("零", "〇"):
            continue  # 零部件, 零门槛: 零 before a measure word is part of a word
        if lo_s is None and is_plain_one(num_s):
            continue  # 一项 / 一批 / 一次: an article (~40% of matches; checked before any parsing)
        if m.group("mw") in _chinese_only() and _ARABIC.search(num_s):
            continue  # 1类/2类药品: a class name, not a number of kinds
        value, approx = parse_approx(num_s, bare_unit=True)
        approx = m.group("ap") or approx
        if value is None or value < 0 or value != int(value) or is_code(num_s):
            continue  # things are counted in whole numbers: 9.2支持 is a heading number
        start = m.start()
        low = None
        if lo_s:
            low, _ = parse_approx(lo_s, bare_unit=True)
            if low is None or low >= value or is_code(lo_s):
                low, start = None, m.start("num")
        core = text[start:m.start("mw")]
        if _blocked(text, start, m.end()) or _before_is_number(text, start):
            continue
        if low is None and is_plain_one(num_s):
            continue  # 一 after a range low that was dropped (一至一项): an article again
        start, end, bound = widen(text, start, m.end(), approx, is_range=low is not None)
        if bound == "eq" and _BARE_MAGNITUDE.fullmatch(core.strip()):
            continue  # 千家万户, 百人: a bare magnitude counts only with a bound (近百项, 千余家)
        rec = Count(text=text[start:end], start=start, end=end, unit=m.group("mw"), **fields(bound, value, low))
        if low is None:  # 10、20、30家: the items share the measure word
            out += with_list(text, rec, m.start("num"), NUM_RE, _item_value)
        else:
            out.append(rec)
    return spread_bounds(text, join_ranges(text, drop_nested(out)))


def _item_value(s: str) -> Optional[float]:
    if is_code(s) or is_plain_one(s):
        return None
    v, _ = parse_approx(s, bare_unit=False)
    return v if v is not None and v == int(v) and v > 0 else None


def parse(s: str) -> Optional[Count]:
    """The whole string as one count (``parse("600余家").low == 600``), else None."""
    s = s.strip()
    for r in search(s):
        if r.start == 0 and r.end == len(s):
            return r
    return None
