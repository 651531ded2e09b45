"""number: Chinese and Arabic numerals → float, plus the numeral pattern the quantity grammars share.

``parse("1.5万") == 15000.0``, ``parse("一千二百") == 1200.0``, ``parse("两百") == 200.0``,
``parse("１，２００") == 1200.0``. ``parse`` is strict: the whole string must be a numeral, so
``parse("一切")`` and ``parse("万")`` are None. A bare magnitude is a number where it is marked as
one — by an approximator (近百 → 100, 万余 → 10000, 千余 → 1000) or by a grammar that knows
(过百亿元: ``parse(s, bare_unit=True)``). The approximation itself is the caller's to read
(``parse_approx``); ``parse`` returns the number the words name.

Other grammars match ``NUM`` inside running text and hand the matched string to ``parse_approx``,
which also reports an embedded approximator (600余 → ('余'), 十几万 → ('几')).
"""
from __future__ import annotations

import re
from typing import Optional

# -- character classes -------------------------------------------------------------------------
DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "俩": 2,
    "倆": 2, "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
APPROX = "余多几幾来"  # 600余家, 五百多个, 十几万, 二十来个: the digit before them is a floor
LEAD_APPROX = "近约逾超过上"  # 近百, 约千, 上万: before a bare magnitude
POINT = "点點"
NEG = "负負-－"
SUFFIX_K = {"k": 1e3, "K": 1e3, "Ｋ": 1e3, "m": 1e6, "M": 1e6}

_CN_DIGITS = "".join(DIGITS)
_CN_UNITS = "".join(SMALL_UNITS) + "万萬亿億"  # 兆 left out of running text: 兆 is also a word
# thousands separators: ASCII comma, or a full-width one between full-width digits (４，５６５);
# "20，300" is two numbers in a Chinese sentence
_AR = r"[0-9０-９]+(?:(?:,|(?<=[０-９])，(?=[０-９]))[0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
_CN = f"[{_CN_DIGITS}{_CN_UNITS}]"
_HSPACE = r"[ \t\u3000\u00a0]"

# A numeral inside running text: Arabic or Chinese pieces, Arabic-with-magnitude (1.5万, 3万4000),
# spaces tolerated between pieces (7 万5 千4 百, 20 万), one embedded approximator (500余万,
# 十几万) and a Chinese decimal part (十五点七). Two Arabic numbers never merge across a space.
NUM = (
    rf"(?:{_AR}|{_CN}+)"
    rf"(?:{_HSPACE}*(?:[{APPROX}](?=[{_CN_UNITS}]))?{_HSPACE}*{_CN}+(?:{_AR})?)*"
    rf"(?:{_HSPACE}*[{POINT}](?:{_HSPACE}*[{_CN_DIGITS}])+)?"
)
# The same with an optional trailing approximator kept apart (600余 → number 600, approx 余).
NUM_RE = re.compile(NUM)
# Bodies of regex character classes, for exact prefilters (see count._candidates): every match
# of NUM opens with a NUM_FIRST character and consists of NUM_CHARS characters only.
NUM_FIRST = f"0-9０-９{_CN_DIGITS}{_CN_UNITS}"
NUM_CHARS = f"{NUM_FIRST},，.．{APPROX}{POINT} \t\u3000\u00a0"

# compiled once: module-level re.* calls cost a pattern-cache lookup each (a few % of extract)
_AR_RE = re.compile(_AR)
_MIXED_FRACTION = re.compile(rf"([0-9０-９]+){_HSPACE}+([0-9０-９]+)[/／]([0-9０-９]+)")
_SPACES = re.compile(rf"{_HSPACE}+")
_BARE_DECIMAL = re.compile(r"[-－]?[.．][0-9０-９]+")
_INNER_APPROX = re.compile(f"(?<=.)[{APPROX}]")
_SUFFIXED = re.compile(r"[0-9０-９.,．，]+[kKＫmM]")
_SCIENTIFIC = re.compile(r"[0-9]*\.?[0-9]+[eE][-+]?[0-9]+")
_SLASH_FRACTION = re.compile(r"([0-9０-９]+)[/／]([0-9０-９]+)")
_LEADING_ZERO = re.compile(r"[0０][0-9０-９]")

_FW = str.maketrans("０１２３４５６７８９．，－％：", "0123456789.,-%:")


def halfwidth(s: str) -> str:
    """Full-width digits and signs → ASCII (the length of the string is unchanged)."""
    return s.translate(_FW)


def _arabic(s: str) -> Optional[float]:
    s = halfwidth(s).replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def _tokens(s: str):
    """Split a numeral into ('num', value, is_chinese_digit) and ('unit', multiplier, big) tokens."""
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        m = _AR_RE.match(s[i:])
        if m:
            v = _arabic(m.group())
            if v is None:
                return None
            out.append(("num", v, False))
            i += m.end()
            continue
        if ch in DIGITS:
            out.append(("num", float(DIGITS[ch]), True))
        elif ch in SMALL_UNITS:
            out.append(("unit", SMALL_UNITS[ch], False))
        elif ch in BIG_UNITS:
            out.append(("unit", BIG_UNITS[ch], True))
        else:
            return None
        i += 1
    return out


def _integer(s: str, bare_unit: bool) -> Optional[float]:
    toks = _tokens(s)
    if not toks:
        return None
    if toks[0][0] == "unit":
        # 十, 十五, 百三 read with an implied 一; a bare 万 / 万万 is no number by itself
        # (近万家, 过百亿元: only where a grammar allows it, bare_unit=True)
        if toks[0][2] and not bare_unit:
            return None
        toks = [("num", 1.0, True)] + toks
    if all(t[0] == "num" for t in toks):
        # digit-by-digit: 二〇二五 → 2025 (three digits or more); one Arabic token is itself
        if len(toks) == 1:
            return toks[0][1]
        if not all(t[2] for t in toks) or "两" in s or "兩" in s or len(toks) < 3:
            return None  # 两两, 一一, 七八 (seven or eight) are no numerals; 二〇二五 is
        return float("".join(str(int(t[1])) for t in toks))
    parts: list[tuple[float, float]] = []  # (value, big unit) for finished 万 / 亿 groups
    section = 0.0  # below the current big unit
    num: Optional[float] = None
    prev = None  # previous token
    zero = False  # a 零 since the last unit (一千零五: 5 is units, not hundreds)
    last_unit = None
    small_seen = 0  # the last 十/百/千 in the current group
    for t in toks:
        kind, v, flag = t
        if kind == "num":
            if num is not None and prev and prev[0] == "num":
                return None  # 二三十 (twenty or thirty) is a vague span, not a numeral
            num = v
            if flag and v == 0:
                zero = True
                num = None
        elif not flag:  # 十 百 千
            if small_seen and v >= small_seen:
                return None  # 七十百: units must fall within a group (十 then 百 is no numeral)
            small_seen = v
            section += (1.0 if num is None else num) * v
            num = None
            zero = False
            last_unit = v
        else:  # 万 亿
            below = section + (num or 0.0)
            # 一万五千亿: 亿 scales every smaller group; 四万万: a unit repeated scales itself
            joined = prev is not None and prev[0] == "unit" and prev[2]
            inner = [(val, u) for val, u in parts if u < v or (joined and u <= v)]
            carried = sum(val for val, _ in inner)
            parts = [p for p in parts if p not in inner]
            total = below + carried
            if total == 0:
                total = 1.0
            parts.append((total * v, v))
            section, num, zero = 0.0, None, False
            last_unit = v
            small_seen = 0
        prev = t
    if num is not None:
        # 一千三 → 1300, 九万四 → 94000, 百三 → 130: a last lone digit right after a unit
        if prev and prev[0] == "num" and prev[2] and not zero and last_unit and len(toks) >= 2 \
                and toks[-2][0] == "unit" and int(num) == num and num < 10:
            num *= last_unit / 10
        section += num
    return sum(val for val, _ in parts) + section


def parse(s: str, bare_unit: bool = False) -> Optional[float]:
    """One numeral string → float, or None when the whole string is not a numeral."""
    if s is None:
        return None
    if s.isascii() and s.isdigit():
        return float(s)  # 600: what the steps below make of plain ASCII digits, without ten regexes
    m = _MIXED_FRACTION.fullmatch(s.strip())
    if m:  # 1 3/5: a whole number and a fraction
        w, n, d = (float(halfwidth(g)) for g in m.groups())
        return None if d == 0 else w + n / d
    t = _SPACES.sub("", s.strip())
    if not t:
        return None
    if _BARE_DECIMAL.fullmatch(t):
        return float(halfwidth(t))
    sign = 1.0
    if t[0] in NEG:
        sign, t = -1.0, t[1:]
    if len(t) > 1 and t[0] in LEAD_APPROX and (t[1] in SMALL_UNITS or t[1] in BIG_UNITS):
        t, bare_unit = t[1:], True  # 近百, 上万
    if _INNER_APPROX.search(t):
        bare_unit = True  # 万余: the approximator marks the magnitude as a number
    if t and t[-1] in SUFFIX_K and _SUFFIXED.fullmatch(t):
        v = _arabic(t[:-1])
        return None if v is None else sign * v * SUFFIX_K[t[-1]]
    if _SCIENTIFIC.fullmatch(halfwidth(t)):
        return sign * float(halfwidth(t))
    if "分之" in t:  # 三分之一, 一百分之二, 3又一千分之23
        whole, _, frac = t.rpartition("又") if "又" in t else ("", "", t)
        den, _, nom = frac.partition("分之")
        d, n = parse(den), parse(nom)
        w = parse(whole) if whole else 0.0
        if d in (None, 0) or n is None or w is None:
            return None
        return sign * (w + n / d)
    m = _SLASH_FRACTION.fullmatch(t)
    if m:
        d = float(halfwidth(m.group(2)))
        return None if d == 0 else sign * float(halfwidth(m.group(1))) / d
    t = _INNER_APPROX.sub("", t)  # 五百余万 → 五百万 (the approximation is the caller's)
    intpart, point, frac = t, "", ""
    for p in POINT:
        if p in t:
            intpart, point, frac = t.partition(p)
            break
    v = _integer(intpart, bare_unit)
    if v is None:
        return None
    if point:
        if not frac or not all(c in DIGITS for c in frac):
            return None
        v += float("0." + "".join(str(DIGITS[c]) for c in frac))
    return sign * v


def parse_approx(s: str, bare_unit: bool = True) -> tuple[Optional[float], Optional[str]]:
    """Like ``parse`` but also returns an embedded approximator (余/多/几/来) if there is one."""
    if s.isascii() and s.isdigit():
        return float(s), None  # as below: no approximator among ASCII digits
    m = _INNER_APPROX.search(s)
    return parse(s, bare_unit=bare_unit), (m.group() if m else None)


def is_code(s: str) -> bool:
    """True for digits with a leading zero (022, 0700): a code or phone number, not a quantity."""
    return _LEADING_ZERO.match(s.strip()) is not None


def is_plain_one(s: str) -> bool:
    """True for the Chinese numeral 一 on its own (一项 / 一批 / 一次: an article, not a count)."""
    return _SPACES.sub("", s) in ("一", "壹")


def search(text: str) -> list[tuple[int, int, float]]:
    """Every numeral in ``text`` as (start, end, value); a helper, not a record kind."""
    out = []
    for m in NUM_RE.finditer(text):
        v = parse(m.group())
        if v is not None:
            out.append((m.start(), m.end(), v))
    return out
