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


@lru_cache(maxsize=1)
def _framed() -> tuple[re.Pattern, dict[str, str]]:
    words = {w: b for b, ws in lexicon().framed.items() for w in ws}
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"[ \t\u3000]*({alt})"), words


@lru_cache(maxsize=1)
def _note() -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(lexicon().notes, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"[ \t\u3000]*[（(](?:{alt})[）)]")


def framed_at(text: str, start: int, end: int) -> Optional[tuple[int, int, str]]:
    """以500万元为上限: (start of 以, end of 为上限, bound), else None."""
    a = start
    while a > 0 and text[a - 1] in " \t\u3000":
        a -= 1
    if a == 0 or text[a - 1] != "以":
        return None
    pattern, words = _framed()
    m = pattern.match(text, end)
    return (a - 1, m.end(), words[m.group(1)]) if m else None


def widen(text: str, start: int, end: int, approx: Optional[str] = None,
          is_range: bool = False) -> tuple[int, int, str]:
    """Extend a core span with its bound words; returns (start, end, bound).

    A （含） note makes a strict bound inclusive: 超过1000万元（含） → ge. A tax note before a
    suffix stays inside the span (1000万元（含税）以上 → ge); 以X为上限 frames the number (le).
    """
    inclusive = False
    m = INCLUSIVE.match(text, end)
    if m:
        end, inclusive = m.end(), True
    if is_range:
        return start, end, "range"
    framed = framed_at(text, start, end)
    if framed:
        return framed
    bound = "eq"
    pre = prefix_at(text, start)
    note = _note().match(text, end)
    suf = suffix_at(text, note.end()) if note else None
    suf = suf or suffix_at(text, end)
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


def _same_kind(a, b) -> bool:
    return a.kind == b.kind and getattr(a, "currency", None) == getattr(b, "currency", None) \
        and getattr(a, "unit", None) == getattr(b, "unit", None)


@lru_cache(maxsize=1)
def _joiner() -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(lexicon().range_joiners, key=len, reverse=True) if w)
    return re.compile(rf"[ \t\u3000]*(?:{alt})?[ \t\u3000]*" if alt else r"[ \t\u3000]*")


def join_ranges(text: str, records: list) -> list:
    """1000万元以上5000万元以下, 1000万元及以上至5000万元 → one range record (low, high).

    The first carries a ge/gt bound (以上, 不低于 …), the second eq or le/lt, nothing but a
    range joiner stands between them, both have one kind and unit, and low < high."""
    if len(records) < 2:
        return records
    records = sorted(records, key=lambda r: r.start)
    out = [records[0]]
    for r in records[1:]:
        p = out[-1]
        m = _joiner().match(text, p.end)
        if p.bound in ("ge", "gt") and r.bound in ("eq", "le", "lt") and m.end() == r.start \
                and _same_kind(p, r) and p.value is not None and r.value is not None and p.value < r.value:
            out[-1] = p.model_copy(update={"text": text[p.start:r.end], "end": r.end, **fields("range", r.value, p.value)})
            continue
        out.append(r)
    return out


_LIST_SEP = re.compile(r"[ \t\u3000]*[、][ \t\u3000]*")


def spread_bounds(text: str, records: list) -> list:
    """最高分别不超过50万元、100万元、200万元: 分别 + a bound word spreads the bound over the
    items of the list (same kind, joined by 、) that carry no bound of their own."""
    if len(records) < 2:
        return records
    each = lexicon().each
    out = list(records)
    for i, r in enumerate(out):
        if r.bound not in ("le", "lt", "ge", "gt") or not any(w in text[max(0, r.start - 6):r.end] for w in each):
            continue
        j = i
        while j + 1 < len(out):
            nxt = out[j + 1]
            m = _LIST_SEP.match(text, out[j].end)
            if not (m and m.end() == nxt.start and nxt.kind == r.kind and nxt.bound == "eq"):
                break
            out[j + 1] = nxt.model_copy(update=fields(r.bound, nxt.value))
            j += 1
    return out


def list_items(text: str, start: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    """Bare numerals listed right before ``start`` and sharing its unit: 10、20、30万元 gives the
    spans of 10 and 20 for the 30万元 found at ``start``. ``pattern`` matches one numeral."""
    items: list[tuple[int, int]] = []
    at = start
    while True:
        k = at
        while k > 0 and text[k - 1] in " \t\u3000":
            k -= 1
        if k == 0 or text[k - 1] != "、":
            break
        j = k - 1
        while j > 0 and text[j - 1] in " \t\u3000":
            j -= 1
        best = None
        for m in pattern.finditer(text, max(0, j - 12), j):
            if m.end() == j:
                best = m
                break
        if best is None or best.start() == best.end():
            break
        before = text[best.start() - 1] if best.start() > 0 else ""
        if before and (before.isdigit() or before in "第.．"):
            break
        items.append((best.start(), best.end()))
        at = best.start()
    return items[::-1]


def with_list(text: str, rec, num_start: int, pattern: re.Pattern, value_of) -> list:
    """``rec`` and the records of the bare numerals listed before it (10、20、30万元 → three).

    Each item is its own record (span: its numeral) with the unit, currency and per of ``rec``;
    ``value_of(numeral)`` reads an item in ``rec``'s magnitude. A bound word before the first
    item, or a suffix bound of ``rec`` (10、20、30家以上), holds for every item."""
    if num_start < 2 or "、" not in text[max(0, num_start - 3):num_start]:
        return [rec]
    items = list_items(text, num_start, pattern)
    if not items:
        return [rec]
    out = []
    head = prefix_at(text, items[0][0])
    bound = head[1] if head else rec.bound
    if bound == "range":
        return [rec]
    for k, (a, b) in enumerate(items):
        v = value_of(text[a:b])
        if v is None:
            return [rec]
        a = head[0] if head and k == 0 else a
        out.append(rec.model_copy(update={"text": text[a:b], "start": a, "end": b, **fields(bound, v)}))
    if head and rec.bound == "eq":
        rec = rec.model_copy(update=fields(bound, rec.value))
    return out + [rec]


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

