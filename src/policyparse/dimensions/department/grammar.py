"""The department grammar: [jurisdiction prefix] function stem organ, valid at every level.

市科技局, 县工信局, 成都市科学技术局, 省人民政府科学技术行政部门, 市科委, 发改委, 区科技行政主管部门,
and shared-head lists (市科技、教育、财政等部门 → one mention per body). The catalogue is data
(lexicon/data/departments/grammar/); the canonical name is built for the
jurisdiction the prefix names, or the document's (jurisdiction.seat_name). A class prefix
(县级以上人民政府, 同级, 各级 …) or a function with a generic organ and no prefix (科技部门) is a
class of bodies and keeps its written form. Ad-hoc bodies (领导小组, 联席会议, 评审委员会 …) keep
theirs too.

``mentions(text, j) -> list[Mention]``, offsets local to ``text``.
"""
from __future__ import annotations

import re  # stdlib: every pattern here is literals and classes, which re scans faster
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ...jurisdiction import Jurisdiction, full_name, seat_name
from ...jurisdiction import _names as place_names  # surface → divisions / zones
from ...jurisdiction.divisions import Division, tree
from ...lexicon import load
from ...lexicon.schemas.department import Function, Functions, Overrides
from ..union import trie

FOLDER = "departments/grammar"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    level: Optional[str]
    resolved: bool
    type: str  # organ / class / body


@dataclass(frozen=True)
class _Form:
    function: Function
    organ: Optional[str]  # a fused form's organ (full); None: a stem, an organ must follow


@dataclass(frozen=True)
class Grammar:
    forms: dict[str, _Form]
    starts: re.Pattern  # the longest written form at a position
    organ: re.Pattern  # an organ right after a stem (longest first)
    specific: dict[str, str]
    generic: frozenset
    list_next: re.Pattern  # 、教育 / 和财政 …: the next member of a shared-head list
    class_by_length: tuple  # ((length, {class prefix}), …) longest first
    government_by_length: tuple  # ((length, {government prefix: level word}), …) longest first
    overrides: dict[str, dict[str, str]]
    adhoc: re.Pattern
    prefix_ends: frozenset  # the last characters of every prefix _prefix can find
    ends: re.Pattern  # a character that ends some organ, fused form, bare stem or ad-hoc body
    branch: Optional[re.Pattern]  # head + place + branch of a central body (中国人民银行柳州市中心支行)
    branch_heads: dict[str, str]
    branch_fused: dict[str, list[str]]


_SEP = "、|和|及|与"
# ad-hoc bodies: the head nouns that end their names
_ADHOC = ("小组办公室", "小组", "工作组", "联席会议办公室", "联席会议", "专家咨询委员会", "专家委员会", "咨询委员会",
          "评审委员会", "遴选委员会", "评估委员会", "评审专家组", "专班", "指挥部")
# where an ad-hoc body's name starts at the latest (looking back from its head noun)
_ADHOC_BOUNDARY = re.compile(r"[，。；：、（）()《》“”\s]|由|经|报|向|会同|通过|成立|设立|组建|建立|组织|提请|报请|牵头|负责|的|召开|承办|制定|参加|出席|提交|保障|根据|按照|依据|简称")
_QUOTED = re.compile(r"[“\"][^“”\"，。；：\s]{1,10}[”\"]")
_LEVEL_BLOCK = set("全本城都该我各")  # 全市 / 城市 …: the character before a level word that voids it


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    cat = load(f"{FOLDER}/functions", Functions)
    ov = load(f"{FOLDER}/overrides", Overrides)
    forms: dict[str, _Form] = {}
    for f in cat.functions:
        for s in f.stems:
            forms[s] = _Form(f, None)
        for w, organ in f.fused.items():
            forms[w] = _Form(f, organ)
    organs = sorted([*cat.organs.specific, *cat.organs.generic], key=len, reverse=True)
    stems = sorted({s for f in cat.functions for s in f.stems}, key=len, reverse=True)
    return Grammar(
        forms=forms,
        starts=re.compile(trie(forms)),
        organ=re.compile("|".join(map(re.escape, organs))),
        specific=dict(cat.organs.specific),
        generic=frozenset(cat.organs.generic),
        list_next=re.compile(rf"(?:{_SEP})({'|'.join(map(re.escape, stems))})"),
        class_by_length=_by_length({p: True for p in cat.class_prefixes}),
        government_by_length=_by_length(cat.government_prefixes),
        overrides=ov.overrides,
        adhoc=re.compile("|".join(map(re.escape, _ADHOC))),
        prefix_ends=frozenset([p[-1] for p in (*cat.class_prefixes, *cat.government_prefixes)]
                              + list("自治区省市区县州盟旗级") + [k[-1] for k in place_names().units if len(k) >= 3]),
        ends=re.compile("[" + "".join(sorted({re.escape(w[-1]) for w in (
            *organs, *(w for f in cat.functions for w in f.fused), *_ADHOC,
            *(s for f in cat.functions if f.bare for s in f.stems),
            *(cat.branches.suffixes if cat.branches else ()), *(cat.branches.fused if cat.branches else ()))})) + "]"),
        branch=_branch_pattern(cat),
        branch_heads=dict(cat.branches.heads) if cat.branches else {},
        branch_fused=dict(cat.branches.fused) if cat.branches else {},
    )


def _branch_pattern(cat: Functions) -> Optional[re.Pattern]:
    """head + place + branch, or a short branch name (its place is looked up backwards): both
    start at a literal, so a scan costs one alternation."""
    b = cat.branches
    if b is None:
        return None
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    return re.compile(rf"(?P<head>{alt(b.heads)})(?P<place>[\u4e00-\u9fff]{{2,10}}?)(?P<suffix>{alt(b.suffixes)})"
                      rf"|(?P<short>{alt(b.fused)})")


def _by_length(prefixes: dict) -> tuple:
    """{prefix: value} grouped by length, longest first: a look-up per length instead of an
    endswith per prefix (the hot path of every stem found)."""
    out: dict[int, dict] = {}
    for p, v in prefixes.items():
        out.setdefault(len(p), {})[p] = v
    return tuple(sorted(out.items(), reverse=True))


# ---- prefixes ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Prefix:
    start: int
    kind: str  # class / seat / national / none
    seat: Optional[tuple[str, str]] = None  # (full place name, level) for kind seat


def _place_before(text: str, at: int, j: Optional[Jurisdiction]) -> Optional[tuple[int, str, str]]:
    """A place name ending right at ``at`` (成都市, 四川省, 广州市南沙区): (start, full name, level)."""
    names = place_names().units
    for n in range(min(at, 10), 2, -1):  # longest first; two-character names (和县) are words too
        s = text[at - n:at]
        units = names.get(s)
        if not units:
            continue
        unit = units[0]
        if not isinstance(unit, Division):
            zone = unit  # a zone's bodies: its seat's, else the zone's own name
            return at - n, zone.name, "district"
        if j is not None and j.province:  # 朝阳区: the one in the document's province first
            inside = [u for u in units if isinstance(u, Division) and tree().province_of(u).name == j.province]
            unit = inside[0] if inside else unit
        start = at - n
        if unit.level == "district":  # 南沙区 → 广州市南沙区 (a district's bodies carry the city)
            city = tree().city_of(unit)
            written = text[max(0, start - len(city.name)):start] if city else ""
            if city is not None and written == city.name:
                start -= len(city.name)
            return start, full_name(unit), "district"
        return start, unit.name, unit.level
    return None


def _prefix(text: str, at: int, j: Optional[Jurisdiction], g: Grammar) -> _Prefix:
    if at == 0 or text[at - 1] not in g.prefix_ends:
        return _Prefix(at, "none")  # most stems follow no prefix: one set look-up says so
    for k, names in g.class_by_length:  # longest first: 县级以上人民政府 before 各级
        if k <= at and text[at - k:at] in names:
            return _Prefix(at - k, "class")
    if text[at - 1] == "府":  # 市、县、自治县人民政府发展改革…部门: several levels' bodies, a class
        run = _LEVEL_RUN_END.search(text, max(0, at - 30), at)
        if run:
            return _Prefix(run.start(), "class")
    for k, names in g.government_by_length:
        p = text[at - k:at] if k <= at else ""
        word = names.get(p)
        if word is not None:
            if word == "national":
                return _Prefix(at - len(p), "national")
            k = at - len(p)
            place = _place_before(text, k, j)
            if place:
                return _Prefix(place[0], "seat", place[1:])
            return _Prefix(k, "seat", seat_name(j, word))
    place = _place_before(text, at, j)
    if place:
        return _Prefix(place[0], "seat", place[1:])
    for word in ("自治区", "省", "市", "区", "县", "州", "盟", "旗"):
        k = at - len(word)
        if k >= 0 and text.startswith(word, k):
            if word != "自治区" and k > 0 and text[k - 1] in _LEVEL_BLOCK:
                if text[k - 1] in "本我":  # 本市 / 我市: the document's own
                    return _Prefix(k - 1, "seat", seat_name(j, word))
                return _Prefix(at, "none")
            if word == "市" and k > 0 and text[k - 1] == "级":  # 县级市: not a prefix
                return _Prefix(at, "none")
            return _Prefix(k, "seat", seat_name(j, word))
        kk = k - 1  # 市级科技部门
        if kk >= 0 and text.startswith(word + "级", kk) and (kk == 0 or text[kk - 1] not in _LEVEL_BLOCK):
            return _Prefix(kk, "seat", seat_name(j, word))
    return _Prefix(at, "none")


def _own_seat(j: Optional[Jurisdiction], organ: str) -> Optional[tuple[str, str]]:
    """Whose is a body written without prefix (科技局, 科协)? 厅 → the province's; any other organ
    → the document's own level."""
    if j is None:
        return None
    if organ == "厅":
        return seat_name(j, "省")
    word = {"county": "县", "district": "区", "zone": "区", "city": "市", "province": "省"}.get(j.level)
    if word == "县" and j.name.endswith(("市", "旗")):
        word = "市" if j.name.endswith("市") else "旗"
    seat = seat_name(j, word) if word else None
    if seat is None and j.level == "province":  # a municipality: 市
        seat = seat_name(j, "市")
    return seat


def _name(f: Function, organ_full: str, seat: tuple[str, str], g: Grammar) -> str:
    place, level = seat
    named = g.overrides.get(place, {}).get(f.id)
    if named:
        return named
    if f.template:
        return f.template.format(place=place, organ=organ_full)
    return place + f.prefix + f.full + organ_full


# ---- mentions ---------------------------------------------------------------------------------

def mentions(text: str, j: Optional[Jurisdiction]) -> list[Mention]:
    g = grammar()
    if not g.ends.search(text):
        return []  # no character that can end a body (局 委 厅 府 门 组 …): no mention
    out: list[Mention] = []
    taken = 0
    for m in g.starts.finditer(text):
        a, b = m.span()
        if a < taken:
            continue
        form = g.forms[m.group()]
        got = _one(text, a, b, form, j, g)
        if got:
            out += got
            taken = got[-1].end
    if g.branch is not None and ("行" in text or "局" in text or "队" in text or "部" in text):
        got = _branches(text, g)
        if got:
            out = _longest(out + got)
    if "届" in text:
        got = _congress_sessions(text, j)
        if got:
            out = _longest(got + out)
    if "政府" in text and ("、" in text or "和" in text):
        got = _level_runs(text, j)
        if got:  # they replace what the class prefixes made of the same words (市、区 + 人民政府)
            lo, hi = min(m.start for m in got), max(m.end for m in got)
            out = sorted(got + [m for m in out if m.end <= lo or m.start >= hi or
                                not any(g.start < m.end and m.start < g.end for g in got)], key=lambda m: m.start)
    if "小组" in text or "工作组" in text or "会议" in text or "委员会" in text or "专班" in text or "指挥部" in text:
        out += _adhoc(text, j, g, out)
        out.sort(key=lambda x: x.start)
    return out


# a regulation's 题注: 江西省第九届人民代表大会常务委员会 — the body, without the session
_SESSION = re.compile(r"第[一二三四五六七八九十]{1,4}届(?P<organ>人民代表大会常务委员会|人民代表大会)")


def _congress_sessions(text: str, j) -> list[Mention]:
    out = []
    for m in _SESSION.finditer(text):
        place = _place_before(text, m.start(), j)
        if place is not None:
            out.append(Mention(place[0], m.end(), place[1] + m.group("organ"), place[2], True, "organ"))
    return out


# the governments of several levels named together: 市、县、自治县人民政府, 省和市、县人民政府,
# 市、县（市、区）人民政府
_LEVEL = r"(?:自治区|自治州|自治县|设区的市|省|市|州|县|区|旗|乡|镇)(?:[（(][^（）()]{1,8}[）)])?"
_LEVEL_RUN = re.compile(rf"(?P<lead>各|相关|有关)?(?P<first>{_LEVEL})(?P<rest>(?:[、和及]|或者|或)(?:{_LEVEL}))+(?:人民政府|政府)")
_LEVEL_RUN_END = re.compile(_LEVEL_RUN.pattern + "$")
_OWN_WORD = {"province": ("省", "自治区"), "city": ("市", "州"), "county": ("县", "旗", "自治县"), "district": ("区",)}


def _level_runs(text: str, j) -> list[Mention]:
    """Several levels' governments as one class, as written — but a first level that is the
    document's own (省 in a province's text, 市 in a city's) names that one body (gold/README.md)."""
    out = []
    g = grammar()
    for m in _LEVEL_RUN.finditer(text):
        if g.starts.match(text, m.end()):
            continue  # 市、县人民政府科技…部门: the run is a prefix of the bodies after it (_prefix)
        first = m.group("first")
        own = j is not None and not m.group("lead") and first in _OWN_WORD.get(j.level, ())
        seat = seat_name(j, first) if own else None
        if seat is not None:
            out.append(Mention(m.start("first"), m.end("first"), seat[0] + "人民政府", seat[1], True, "organ"))
            rest = m.end("first") + (1 if text[m.end("first")] in "、和及" else 2)
            out.append(Mention(rest, m.end(), text[rest:m.end()], None, True, "class"))
        else:
            out.append(Mention(m.start(), m.end(), m.group(), None, True, "class"))
    return out


def _one(text: str, a: int, b: int, form: _Form, j, g: Grammar) -> list[Mention]:
    f = form.function
    members = [(a, b, form)]
    if form.organ is None:  # a stem: an organ follows, or a shared-head list leads to one
        end = b
        while True:
            o = g.organ.match(text, end)
            if o:
                break
            nxt = g.list_next.match(text, end)
            if not nxt:
                o = None
                break
            members.append((nxt.start(1), nxt.end(1), g.forms[nxt.group(1)]))
            end = nxt.end()
            if text.startswith("等", end):  # …、国资等部门 / 等有关部门 / 等相关部门
                o = g.organ.match(text, end + 1) or (g.organ.match(text, end + 3)
                                                     if text.startswith(("有关", "相关"), end + 1) else None)
                break
        if o is None:
            if len(members) == 1 and f.bare:
                return _bare(text, a, b, f, j, g)
            return []
        organ_written, organ_end = o.group(), o.end()
    else:
        organ_written, organ_end = None, b
        if f.id == "government":  # 省人民政府科学技术行政部门: the government is the body's prefix
            nxt = g.starts.match(text, b)
            if nxt and g.forms[nxt.group()].organ is None:
                return []
    if f.written:  # 柳州高新区管委会: the zone's own body, named as written from its place on
        k = next((k for k in range(min(a, 10), 1, -1) if text[a - k:a] in place_names().units), 0)
        return [Mention(a - k, organ_end, text[a - k:organ_end], None, True, "organ")]
    p = _prefix(text, a, j, g)
    if form.organ is not None and p.kind == "none" and f.needs_prefix:
        return []  # 人民政府, 法院 … alone: whose? (a class written that way stays unannotated)
    generic = organ_written in g.generic
    if len(members) == 1:
        return [_resolve(text, p.start, organ_end, form, organ_written, generic, p, j, g)]
    out = []  # a shared-head list: one mention per member, each spanning the member as written
    head = text[p.start:a]  # 市 / 同级: what every member shares
    for i, (ma, mb, mform) in enumerate(members):
        start = p.start if i == 0 else ma
        end = mb if i < len(members) - 1 or text.startswith("等", mb) else organ_end
        m = _resolve(text, start, end, mform, organ_written, generic, p, j, g)
        if m.type == "class":  # 同级科学技术、财政…部门 → 同级财政部门
            m = Mention(m.start, m.end, head + text[ma:mb] + organ_written, None, True, "class")
        out.append(m)
    return out


_BARE_GUARD = re.compile(r"资金|预算|专项|性|收入|支出|补助|投入|贴息|拨款|资助|扶持|奖励")


def _bare(text: str, a: int, b: int, f: Function, j, g: Grammar) -> list[Mention]:
    """市财政 (the stem alone after a level word) names the body; 市财政资金 does not."""
    p = _prefix(text, a, j, g)
    if p.kind != "seat" or _BARE_GUARD.match(text, b):
        return []
    return [_resolve(text, p.start, b, _Form(f, None), None, True, p, j, g)]


def _resolve(text, start, end, form: _Form, organ_written, generic, p: _Prefix, j, g: Grammar) -> Mention:
    f = form.function
    written = text[start:end]
    if p.kind == "class" or f.is_class:
        return Mention(start, end, written, None, True, "class")
    if p.kind == "national":
        return Mention(start, end, f.national or written, "national", f.national is not None, "organ")
    seat = p.seat
    if p.kind == "none":
        if generic:  # 科技部门, 财政部门 (also 城管执法、市场监管等部门): every such body, a class
            return Mention(start, end, written, None, True, "class")
        organ = form.organ if form.organ is not None else g.specific.get(organ_written, "")
        seat = _own_seat(j, organ_written or organ)
    if seat is None:
        if p.kind == "seat" and "级" in text[p.start:p.start + 3]:  # 区级财政部门 in a city's document: each district's
            return Mention(start, end, written, None, True, "class")
        return Mention(start, end, written, None, False, "organ")
    level = seat[1]
    if form.organ is not None:
        organ = form.organ
    elif generic:
        organ = f.organs.get(level if level in f.organs else "county", "")
    else:
        organ = g.specific[organ_written]
    return Mention(start, end, _name(f, organ, seat, g), level, True, "organ")


def _branches(text: str, g: Grammar) -> list[Mention]:
    """中国人民银行柳州市中心支行 / 人民银行南宁中心支行 / 广西银保监局: a central body's branch, named
    by its full head, the place as written and the branch; the place must be a known one."""
    units = place_names().units
    out = []
    for m in g.branch.finditer(text):
        if m.group("head"):
            if not _known(m.group("place"), units):
                continue
            head, place, branch, start = g.branch_heads[m.group("head")], m.group("place"), m.group("suffix"), m.start()
        else:  # 广西银保监局: the longest known place right before the short name
            at = m.start()
            k = next((k for k in range(min(at, 8), 1, -1) if _known(text[at - k:at], units)), 0)
            if not k:
                continue
            (head, branch), place, start = g.branch_fused[m.group("short")], text[at - k:at], at - k
        out.append(Mention(start, m.end(), head + place + branch, None, True, "organ"))
    return out


def _known(place: str, units) -> bool:
    return place in units or (place[-1] in "省市区县州" and place[:-1] in units)


def _longest(ms: list[Mention]) -> list[Mention]:
    """Leftmost-longest among overlapping mentions, in text order."""
    ms = sorted(ms, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _adhoc(text: str, j, g: Grammar, found: list[Mention]) -> list[Mention]:
    """市推进…领导小组, 联席会议, 评审委员会: the name back to where it cannot go on."""
    out = []
    spans = [(m.start, m.end) for m in found]
    for m in g.adhoc.finditer(text):
        a, b = m.span()
        if any(s < b and a < e for s, e in spans):
            continue
        lo = max(0, a - 30)
        start = lo if lo == 0 else a  # no boundary within reach: from the clause's start, if that is near
        # a short quoted slogan inside the name (推进“三地一区”建设领导小组) is part of it
        quoted = {q for qm in _QUOTED.finditer(text, lo, a) for q in (qm.start(), qm.end() - 1)}
        for bm in _ADHOC_BOUNDARY.finditer(text, lo, a):
            if bm.start() not in quoted:
                start = bm.end()
        # an organ found just before (市科技局专家委员会) owns its characters
        for s, e in spans:
            if s < a and e > start and e <= a:
                start = e
        if text.startswith(("成员单位", "牵头单位"), b) and not text.startswith(("：", ":"), b + 4):
            b += 4  # 领导小组成员单位: the bodies on it, as one mention (not the label 牵头单位：)
        if out and out[-1].end == start and start < b:  # 领导小组改革开放新高地执行小组办公室: a unit of the body before
            start = out.pop().start
            spans.pop()
        name = text[start:b]
        if not name:
            continue
        out.append(Mention(start, b, name, None, True, "body"))
        spans.append((start, b))
    return out
