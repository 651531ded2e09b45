"""What the quantity grammars share: bound words around a number, ranges, 每… phrases, quotes.

The words live in lexicon/data/bounds.yaml; this module only applies them. A grammar finds its
core (number + unit) and asks ``widen`` for the bound: a prefix word (不超过, 近, 突破 — possibly
separated from the number by a short noun phrase: 不超过实际投资损失额50%), an inner approximator
(600余家) or a suffix (以上, 左右). ``fields`` turns (bound, number, range low) into the
value/low/high convention of gold/README.md.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ...lexicon import load
from ...lexicon.schemas.quantity import BoundsLexicon

_HAN = re.compile(r"[\u4e00-\u9fff]")
CLAUSE_STOP = "，,。；;：:！？!?\n"


@lru_cache(maxsize=1)
def lexicon() -> BoundsLexicon:
    return load("bounds", BoundsLexicon)


@lru_cache(maxsize=1)
def _prefix_words() -> list[tuple[str, str]]:
    words = [(w, b) for b, ws in lexicon().prefix.items() for w in ws]
    return sorted(words, key=lambda wb: -len(wb[0]))


@lru_cache(maxsize=1)
def _prefix_words_by_last() -> dict[str, list[tuple[str, str]]]:
    """_prefix_words() bucketed by last character (order kept): a word ending at ``end`` must end
    with text[end - 1], so prefix_at need not try the others."""
    out: dict[str, list[tuple[str, str]]] = {}
    for word, bound in _prefix_words():
        out.setdefault(word[-1], []).append((word, bound))
    return out


@lru_cache(maxsize=1)
def _suffixes() -> tuple[re.Pattern, dict[str, str]]:
    bounds = {w: b for b, ws in lexicon().suffix.items() for w in ws}
    alt = "|".join(re.escape(w) for w in sorted(bounds, key=len, reverse=True))
    return re.compile(rf"[ \t\u3000]*({alt})"), bounds


@lru_cache(maxsize=1)
def sep() -> str:
    """Regex of a range separator (—, -, ～, 至, 到), spaces allowed around it."""
    alt = "|".join(re.escape(s) for s in sorted(lexicon().range_separators, key=len, reverse=True))
    return rf"[ \t\u3000]*(?:{alt})[ \t\u3000]*"


def inner_bound(approx: Optional[str]) -> Optional[str]:
    if not approx:
        return None
    for b, ws in lexicon().inner.items():
        if approx in ws:
            return b
    return None


@lru_cache(maxsize=1)
def _gap_words() -> frozenset[str]:
    return frozenset(lexicon().gap_words)


def prefix_at(text: str, start: int) -> Optional[tuple[int, str]]:
    """A bound word ending at ``start`` (or a few noun characters before it): (word start, bound)."""
    lex = lexicon()
    gap_words = _gap_words()
    while start > 0 and text[start - 1] in " \t\u3000":  # 不超过 80 万元
        start -= 1
    for gap in range(0, lex.max_gap + 1):
        end = start - gap
        if end <= 0:
            break
        if gap and not _HAN.match(text[end]):
            break  # the noun phrase between the bound word and the number is Chinese text only
        if gap > 1 and text[end] == "的":
            break  # 的 ends the noun phrase (项目总投资的30%); 最高的企业给予100万元 has no bound
        for word, bound in _prefix_words_by_last().get(text[end - 1], ()):
            if gap and word not in gap_words:
                continue
            if len(word) > end or not text.startswith(word, end - len(word)):
                continue
            ws = end - len(word)
            before = text[ws - 1] if ws > 0 else ""
            if before and before in lex.not_after.get(word, ()):
                continue
            if gap and any(text.startswith(w, end + k) for k in range(gap) for w, _ in _prefix_words()
                           if len(w) > 1):
                continue  # another bound word inside the gap: that one is nearer
            for neg in sorted(lex.negators, key=len, reverse=True):
                if bound in ("gt", "lt") and text.startswith(neg, ws - len(neg)):
                    # 不能超过 50名 is an upper bound, 不得少于5场 a lower one
                    return ws - len(neg), {"gt": "le", "lt": "ge"}[bound]
            return ws, bound
    return None


def suffix_at(text: str, end: int) -> Optional[tuple[int, str]]:
    pattern, bounds = _suffixes()
    m = pattern.match(text, end)
    return (m.end(), bounds[m.group(1)]) if m else None


INCLUSIVE = re.compile(r"[ \t\u3000]*[（(]含[）)]")  # 500万元（含）: the end point is included
INCLUSIVE_NOTE = re.compile(r"[ \t\u3000]*[（(]含[^（）()，。；]{0,12}[）)]")  # 30万元以上（含30万元）
INCLUSIVE_OPEN = "（("  # the first character of a （含） note, after spaces
INCLUSIVE_IN_RANGE = rf"(?:[ \t\u3000]*[{INCLUSIVE_OPEN}]含[）)])?"  # 500万元（含）至5000万元


def widen(text: str, start: int, end: int, approx: Optional[str] = None,
          is_range: bool = False) -> tuple[int, int, str]:
    """Extend a core span with its bound words; returns (start, end, bound).

    A （含） note makes a strict bound inclusive: 超过1000万元（含） → ge.
    """
    inclusive = False
    m = INCLUSIVE.match(text, end)
    if m:
        end, inclusive = m.end(), True
    if is_range:
        return start, end, "range"
    bound = "eq"
    pre = prefix_at(text, start)
    suf = suffix_at(text, end)
    inner = inner_bound(approx)
    if suf:
        end, bound = suf
        m = INCLUSIVE_NOTE.match(text, end)
        if m:
            end, inclusive = m.end(), True
    if inner:
        bound = inner
    if pre:
        start, bound = pre
    if inclusive:
        bound = {"gt": "ge", "lt": "le"}.get(bound, bound)
    return start, end, bound


def drop_nested(records: list) -> list:
    """Records inside another record's span are part of it (the 30万元 in 30万元以上（含30万元）)."""
    if len(records) < 2:
        return list(records)  # nothing to be inside of (most clauses: no record at all)
    return [r for r in records
            if not any(o is not r and o.start <= r.start and r.end <= o.end and (o.end - o.start) > (r.end - r.start)
                       for o in records)]


def fields(bound: str, value: float, low: Optional[float] = None) -> dict:
    """value/low/high per bound (gold/README.md): le/lt → high, ge/gt → low, range → low+high."""
    if bound == "range":
        return {"bound": bound, "value": None, "low": low, "high": value}
    if bound in ("le", "lt"):
        return {"bound": bound, "value": value, "high": value}
    if bound in ("ge", "gt"):
        return {"bound": bound, "value": value, "low": value}
    return {"bound": bound, "value": value}


@lru_cache(maxsize=1)
def _per_re() -> re.Pattern:
    d = lexicon().distributive
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))  # noqa: E731
    # after 每个 / 单个 a short noun phrase may stand before the head noun (每个新型研发机构);
    # it may not run through a verb of the clause (每个项目给予 …)
    verbs = "|".join(re.escape(v) for v in d.not_in_phrase)
    filler = rf"(?:(?!{verbs})[\u4e00-\u9fff]){{0,6}}?" if verbs else ""
    nouns = alt(d.nouns)
    tail = rf"(?:个{filler}(?:{nouns}){{1,2}}|(?:{alt(d.classifiers)})(?:{nouns}){{0,2}}|(?:{nouns}){{1,2}})"
    one = rf"(?:(?:{alt(d.heads)}){tail}|(?:{alt(d.standalone)})(?:{filler}(?:{nouns}){{1,2}})?)"
    return re.compile(rf"(?:{one})+")


def per_before(text: str, start: int) -> Optional[str]:
    """The nearest distributive phrase (每家每年, 每个项目, 单个企业项目) before ``start`` in its clause part."""
    lo = max(0, start - lexicon().distributive.window)
    region = text[lo:start]
    cut = max(region.rfind(c) for c in CLAUSE_STOP)
    region = region[cut + 1:]
    amount = max(region.rfind(c) for c in "0123456789０１２３４５６７８９元%％")
    region = region[amount + 1:]  # a 每… before an earlier amount belongs to that amount
    found = list(_per_re().finditer(region))
    return found[-1].group() if found else None


def in_quotes(text: str, start: int, end: int, longest: int = 16) -> bool:
    """True inside a short quoted slogan or name (“三个着力”, "全球最大五百家公司") or a title 《…》."""
    for left, right, most in (("“", "”", longest), ("「", "」", longest), ("《", "》", 60)):
        opening = text.rfind(left, 0, start)
        if opening < 0 or text.rfind(right, opening, start) >= 0:
            continue
        closing = text.find(right, end)
        if closing >= 0 and closing - opening <= most and left not in text[end:closing]:
            return True
    if text.count('"', 0, start) % 2 == 1:  # straight quotes: inside when an odd number precede
        closing = text.find('"', end)
        return 0 <= closing - start <= longest
    return False

