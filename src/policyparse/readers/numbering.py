"""Word automatic numbering: turn w:numPr (direct or via the paragraph style) into label text.

Follows ECMA-376 §17.9: counters live per abstract numbering definition and are shared by every
w:num that points at it; a w:num's startOverride restarts its level the first time that num is
used; a deeper level restarts when a shallower one is used unless w:lvlRestart says otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from docx.oxml.ns import qn

_CN_DIGITS = "〇一二三四五六七八九"
_CN_TRAD = "甲乙丙丁戊己庚辛壬癸"
_CN_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_count(n: int) -> str:
    """1→一, 10→十, 11→十一, 20→二十, 105→一百零五, 1000→一千."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    units = [(1000, "千"), (100, "百"), (10, "十")]
    out, zero = "", False
    for value, name in units:
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
            out += ("" if (value == 10 and d == 1 and not out) else _CN_DIGITS[d]) + name
            zero = False
        elif out:
            zero = True
    if n:
        if zero:
            out += "零"
        out += _CN_DIGITS[n]
    return out


def _roman(n: int) -> str:
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
            (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def _letter(n: int) -> str:
    # Word repeats the letter: 27 → aa
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalZero") or not fmt:
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand",
               "ideographDigital", "koreanCounting"):
        s = chinese_count(n)
        if fmt == "chineseLegalSimplified":
            s = s.translate(str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟"))
        return s
    if fmt == "ideographTraditional":
        return _CN_TRAD[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _CN_ZODIAC[(n - 1) % 12]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: Optional[int] = None  # w:lvlRestart (1-based level; 0 = never)
    suffix: str = "tab"
    legal: bool = False  # w:isLgl: all inherited numbers shown as decimal


@dataclass
class _Num:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    level_defs: dict[int, Level] = field(default_factory=dict)  # w:lvlOverride/w:lvl


def _val(el, tag: str) -> Optional[str]:
    if el is None:
        return None
    child = el.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _parse_level(lvl) -> Level:
    L = Level()
    L.fmt = _val(lvl, "w:numFmt") or "decimal"
    t = lvl.find(qn("w:lvlText"))
    L.text = "" if t is None else (t.get(qn("w:val")) or "")
    L.start = int(_val(lvl, "w:start") or 1)
    r = _val(lvl, "w:lvlRestart")
    L.restart = int(r) if r is not None else None
    L.suffix = _val(lvl, "w:suff") or "tab"
    L.legal = lvl.find(qn("w:isLgl")) is not None and (lvl.find(qn("w:isLgl")).get(qn("w:val")) not in ("0", "false"))
    return L


class Numbering:
    """Resolves paragraphs to generated labels, in document order (it keeps the counters)."""

    def __init__(self, document):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, _Num] = {}
        self.style_numpr: dict[str, tuple[Optional[str], Optional[int]]] = {}
        self.style_parent: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used_nums: set[str] = set()
        self._load(document)

    def _load(self, document) -> None:
        part = document.part
        try:
            root = part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        if root is not None:
            for an in root.findall(qn("w:abstractNum")):
                aid = an.get(qn("w:abstractNumId"))
                self.abstract[aid] = {int(l.get(qn("w:ilvl"))): _parse_level(l) for l in an.findall(qn("w:lvl"))}
            for num in root.findall(qn("w:num")):
                nid = num.get(qn("w:numId"))
                n = _Num(abstract=_val(num, "w:abstractNumId") or "")
                for ov in num.findall(qn("w:lvlOverride")):
                    il = int(ov.get(qn("w:ilvl")))
                    so = _val(ov, "w:startOverride")
                    if so is not None:
                        n.overrides[il] = int(so)
                    lv = ov.find(qn("w:lvl"))
                    if lv is not None:
                        n.level_defs[il] = _parse_level(lv)
                self.nums[nid] = n
        styles = document.styles.element
        for st in styles.findall(qn("w:style")):
            sid = st.get(qn("w:styleId"))
            based = _val(st, "w:basedOn")
            if based:
                self.style_parent[sid] = based
            ppr = st.find(qn("w:pPr"))
            numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if numpr is not None:
                il = _val(numpr, "w:ilvl")
                self.style_numpr[sid] = (_val(numpr, "w:numId"), int(il) if il is not None else None)

    def _numpr(self, p) -> tuple[Optional[str], int]:
        ppr = p.find(qn("w:pPr"))
        num_id = ilvl = None
        style = None
        if ppr is not None:
            numpr = ppr.find(qn("w:numPr"))
            if numpr is not None:
                num_id = _val(numpr, "w:numId")
                il = _val(numpr, "w:ilvl")
                ilvl = int(il) if il is not None else None
            style = _val(ppr, "w:pStyle")
        seen = set()
        while style and style not in seen and (num_id is None or ilvl is None):
            seen.add(style)
            s_num, s_il = self.style_numpr.get(style, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_il
            style = self.style_parent.get(style)
        return num_id, ilvl or 0

    def _level(self, num: _Num, ilvl: int) -> Optional[Level]:
        if ilvl in num.level_defs:
            return num.level_defs[ilvl]
        return self.abstract.get(num.abstract, {}).get(ilvl)

    def label(self, p) -> tuple[str, str]:
        """(label text, suffix kind) for a w:p element; ("", "") when it is not numbered."""
        num_id, ilvl = self._numpr(p)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return "", ""
        num = self.nums[num_id]
        lvl = self._level(num, ilvl)
        if lvl is None:
            return "", ""
        counters = self.counters.setdefault(num.abstract, {})
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for il, start in num.overrides.items():
                counters[il] = start - 1
        counters[ilvl] = counters.get(ilvl, lvl.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            dl = self._level(num, deeper)
            restart = dl.restart if dl is not None else None
            if restart is None or (restart != 0 and ilvl <= restart - 1):
                del counters[deeper]
        text = lvl.text
        for k in range(8, -1, -1):
            token = f"%{k + 1}"
            if token not in text:
                continue
            kl = self._level(num, k) or Level()
            value = counters.get(k, kl.start)
            fmt = "decimal" if (lvl.legal and k != ilvl) else kl.fmt
            text = text.replace(token, format_number(value, fmt))
        return text, lvl.suffix
