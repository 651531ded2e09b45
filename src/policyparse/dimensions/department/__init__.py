"""department: government, party, judicial and ad-hoc bodies named in a text, made canonical
for the document's jurisdiction.

``search(text, city=None, province=None, jurisdiction=None) -> list[Department]`` (offsets local
to ``text``). Two layers: the grammar (grammar.py: [jurisdiction prefix] function stem organ, for
any place in China) and the gazetteers (gazetteer.py: central bodies by name, and places whose
real names the grammar cannot build); where both find the same span the gazetteer's name wins.
Collective bodies (各区人民政府, 县级以上人民政府科学技术行政部门) keep their written form with
type ``class``; ad-hoc bodies (领导小组, 联席会议) type ``body``. Roles follow gold/README.md:
牵头 / 牵头单位 → lead, X负责 / 责任单位 / a list ending 按职责分工负责 → responsible, X会同Y → X lead
and Y co, 配合/参与/协助/配合单位 → co.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from ...jurisdiction import Jurisdiction, from_places, of
from ...structure.place import short_places
from ...model import Department
from . import grammar, tables  # tables.apply is called by extract; tables.ROLE names the labels
from .gazetteer import places, table

# Between two members of one list of bodies.
_JOINER = re.compile(r"\s*(?:、|和|及|以及|与|，(?=[^，。；]{0,12}按职责分工负责))\s*")
# modal verbs and adverbs may stand between a body and its role verb: 县级以上人民政府科学技术行政部门应当会同…
_MODAL = r"(?:要|应当|应|须|必须|将|可以|可|负责|共同|统筹|主动|积极|具体|分别|另行)*"
# …、城管执法等部门积极配合: a shared-head list's 等部门 stands between its last member and the verb
_ETC = r"(?:等(?:有关|相关)?(?:部门|单位))?"
_LEAD_AFTER = re.compile(r"^\s*" + _ETC + r"(?:(?:作为|为)[^，。；,;]{0,30}?|" + _MODAL + r")(?:牵头|会同)")
_RESP_AFTER = re.compile(r"^\s*" + _ETC + r"等?\s*(?:要|应当|应|须)?(?:按职责分工|按照职责分工|分工|共同|主要|具体|分别)?负责(?!人)")  # 负责人: a person
# members of a list the grammar does not know, up to the list's role verb
_UNKNOWN_TAIL = re.compile(r"^(?:\s*[、和及与]\s*[^，。；：、（）()\s]{2,14}?)+(?=等|要|应|须|将|可|负责|共同|统筹|主动|积极|具体|"
                           r"分别|按职责|按照职责|牵头|会同|配合|参与|协助)")
_CO_BEFORE = re.compile(r"(?:会同|配合|参与|协同|协助)\s*$")
_CO_AFTER = re.compile(r"^\s*" + _ETC + _MODAL + r"(?:按职责分工|按照职责分工|按职责)?(?:配合|参与|协助)")  # 市教委配合…: the helper
# a responsibility label before a list: （责任单位：市科委、市财政局） / 牵头单位：… / 配合单位：…
# a label's scope runs to the end of its note or item: every body inside has its role, also
# when an unrecognised member (张江管委会) breaks the list; the next label ends it
# (牵头考核单位： — a word may stand between the role and 单位/部门)
_LABEL = re.compile(r"(?P<label>牵头|主责|责任|实施|配合|参与|协办|协同)[\u4e00-\u9fff]{0,3}?(?:单位|部门)\s*[:：]"
                    r"|(?P<short>牵头|配合)\s*[:：]")
_LABEL_END = re.compile(r"[；;。）)\n]")


@lru_cache(maxsize=256)
def _place(name: str) -> Optional[Jurisdiction]:
    return of(name)


@lru_cache(maxsize=256)
def _jurisdiction_of(city: Optional[str], province: Optional[str]) -> Optional[Jurisdiction]:
    return from_places(city, province, "document") if (city or province) else None


def search(text: str, city: Optional[str] = None, province: Optional[str] = None,
           jurisdiction: Optional[Jurisdiction] = None, place: Optional[str] = None,
           aliases: Optional[dict] = None) -> list[Department]:
    """``jurisdiction`` (the document's), or ``place`` (any jurisdiction by name: 柳河县, 上海), or
    ``city`` / ``province`` short names say whose bodies 市… / 县… / 省… are. ``aliases``: short
    names the document itself defined (…（以下简称区更新办）), see ``defined_aliases``."""
    if jurisdiction is None and place is not None:
        jurisdiction = _place(place)
        city, province = short_places(jurisdiction)
    j = jurisdiction if jurisdiction is not None else _jurisdiction_of(city, province)
    t = table(city, province)
    groups = t.groups if any(p.search(text) for p in t.any_group) else ()
    if groups:
        chosen = _choose(text, t, groups)
    else:  # most clauses name no collective body: one scan says so, and the aliases alone decide
        chosen = []
        match = (t.matcher or t.regex).match
        taken = 0  # end of the last chosen mention
        for s in t.starts.finditer(text):  # every alias start, in order (see Table.find)
            at = s.start()
            if at < taken:
                continue  # leftmost-longest would drop any mention starting here: skip the match
            m = match(text, at)
            if m:
                taken = m.end()
                chosen.append((at, taken, m.group(), None))
    # (start, end, name, level, resolved or None for a group, type)
    found = []
    for start, end, alias, level in chosen:
        if alias is None:
            found.append((start, end, text[start:end], level, None, "class"))
            continue
        start, name, level = _place_prefix(text, start, alias, t.aliases[alias], t)
        found.append((start, end, name or text[start:end], level, name is not None, "organ"))
    found = _merge(found, grammar.mentions(text, j))
    if aliases:  # the text's own definition wins over what the grammar makes of the same words
        defined = [(m.start(), m.end(), *aliases[m.group()]) for m in _alias_pattern(tuple(aliases)).finditer(text)
                   if not any(f[0] <= m.start() and m.end() <= f[1] and f[1] - f[0] > m.end() - m.start()
                              for f in found)]  # 领导小组 inside 市推进…领导小组: the full name names it
        if defined:
            found = sorted([f for f in found if not any(a < f[1] and f[0] < b for a, b, *_ in defined)] + defined,
                           key=lambda f: f[0])
    if "以下简称" in text:  # the short name inside its own definition is no mention of its own
        spans = [m.span("alias") for m in _DEFINED.finditer(text)]
        found = [f for f in found if not any(a <= f[0] and f[1] <= b for a, b in spans)]
    if not found:
        return []  # most clauses name no body
    roles = _roles(text, found)
    out = []
    for (start, end, name, level, resolved, kind), role in zip(found, roles):
        if resolved is None:
            d = Department(text=text[start:end], start=start, end=end, name=name, level=level, role=role,
                           type=kind)
        else:
            d = Department(text=text[start:end], start=start, end=end, name=name, level=level,
                           resolved=resolved, role=role, type=kind)
        out.append(d)
    return out


_DEFINED = re.compile(r"(?P<office>下设办公室|办公室)?[（(]以下简称[“\"]?(?P<alias>[^”\"）)，,]{2,12})[”\"]?[）)]")


def defined_aliases(text: str, found: list[Department]) -> dict:
    """Short names the text defines for a body it has just named: 市推进…领导小组（以下简称领导小组）,
    …领导小组下设办公室（以下简称区更新办） → {alias: (name, level, resolved, type)}."""
    out = {}
    if "以下简称" not in text:
        return out
    for m in _DEFINED.finditer(text):
        before = [d for d in found if d.end == m.start()]
        if not before:
            continue
        d = before[-1]
        if m.group("office"):  # the body's office, not the body
            out[m.group("alias")] = (d.name + "办公室", d.level, True, "body")
        else:
            out[m.group("alias")] = (d.name, d.level, d.resolved if d.resolved is not None else True, d.type)
    return out


@lru_cache(maxsize=64)
def _alias_pattern(words: tuple) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def _merge(found: list, extra: list) -> list:
    """Gazetteer mentions and grammar mentions, leftmost-longest; on the same span the gazetteer's."""
    if not extra:
        return found
    cands = [(f, 0) for f in found] + [((m.start, m.end, m.name, m.level, m.resolved, m.type), 1) for m in extra]
    cands.sort(key=lambda c: (c[0][0], -(c[0][1] - c[0][0]), c[1]))
    out: list = []
    for c, _ in cands:
        if out and c[0] < out[-1][1]:
            continue
        out.append(c)
    return out


def _choose(text: str, t, groups) -> list[tuple[int, int, Optional[str], Optional[str]]]:
    """Alias and collective-body mentions, leftmost-longest: (start, end, alias or None, group level)."""
    cands: list[tuple[int, int, Optional[str]]] = []  # (start, end, alias or None for a group)
    for m in t.find(text):
        cands.append((m.start(), m.end(), m.group()))
    group_level: dict[tuple[int, int], str] = {}
    for rx, level in groups:
        for m in rx.finditer(text):
            cands.append((m.start(), m.end(), None))
            group_level.setdefault((m.start(), m.end()), level)
    chosen: list[tuple[int, int, Optional[str], Optional[str]]] = []
    for c in sorted(cands, key=lambda c: (c[0], -(c[1] - c[0]))):
        if chosen and c[0] < chosen[-1][1]:
            continue  # leftmost-longest: the earlier, longer mention owns these characters
        chosen.append((*c, group_level[c[:2]] if c[2] is None else None))
    return chosen


@lru_cache(maxsize=1)
def _prefix_places() -> tuple[frozenset, frozenset, tuple[int, ...]]:
    """places() as sets, with the name lengths that fit the 4 characters _place_prefix looks at."""
    cities, provinces = places()
    return frozenset(cities), frozenset(provinces), tuple(sorted({len(p) for p in cities + provinces
                                                                  if len(p) <= 4}, reverse=True))


def _place_prefix(text: str, start: int, alias: str, canon, t):
    """石家庄市科技局: a place written before a 市…/省… alias decides whose body it is."""
    first = alias[0]
    if first != "市" and first != "省":
        return start, canon.name, canon.level
    cities, provinces, lengths = _prefix_places()
    names = cities if first == "市" else provinces
    for n in lengths:  # longest first; of one length at most one name is written there
        if n > start:
            continue
        p = text[start - n:start]
        if p not in names:
            continue
        if p in (t.city, t.province):
            return start - n, canon.name, canon.level
        other = table(p) if first == "市" else table(None, p)
        c = other.aliases.get(alias)
        if c is not None:
            return start - n, c.name, c.level
    return start, canon.name, canon.level


def _lists(text: str, found: list) -> list[list[int]]:
    """Mentions joined only by 、/和/及 form one list (a role word after it covers every member).
    ``found`` holds (start, end, …) per mention; the lists hold their indices."""
    runs: list[list[int]] = []
    for i, d in enumerate(found):
        if runs and _JOINER.fullmatch(text[found[runs[-1][-1]][1]:d[0]]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _labelled(text: str, found: list) -> dict[int, str]:
    """Roles given by responsibility labels: index of a mention → role."""
    out: dict[int, str] = {}
    labels = list(_LABEL.finditer(text))
    for n, m in enumerate(labels):
        end = _LABEL_END.search(text, m.end())
        stop = end.start() if end else len(text)
        if n + 1 < len(labels):
            stop = min(stop, labels[n + 1].start())
        role = tables.ROLE[m.group("label") or m.group("short")]
        for i, d in enumerate(found):
            if m.end() <= d[0] and d[1] <= stop:
                out[i] = role
    return out


_JOINED_BY = re.compile(r"会同|配合|协同")
_JOINED_END = re.compile(r"[，,。；;：:]|等(?:部门|单位|有关|相关)|共同|(?:研究)?(?:制定|开展|推进|做好|负责)")


def _joined(text: str, found: list) -> dict[int, str]:
    """X会同Y、Z、W等部门…: everyone after 会同/配合/协同 up to the list's end joins (co), also
    past a member the grammar does not know (区公安分局)."""
    out: dict[int, str] = {}
    for m in _JOINED_BY.finditer(text):
        end = _JOINED_END.search(text, m.end())
        stop = end.start() if end else len(text)
        for i, d in enumerate(found):
            if m.end() <= d[0] and d[1] <= stop:
                out[i] = "co"
    return out


def _roles(text: str, found: list) -> list[Optional[str]]:
    roles: list[Optional[str]] = [None] * len(found)
    labelled = _labelled(text, found) if ("单位" in text or "部门" in text or "牵头" in text or "配合" in text) else {}
    if "会同" in text or "配合" in text or "协同" in text:
        labelled = {**_joined(text, found), **labelled}
    for run in _lists(text, found):
        last_end, first_start = found[run[-1]][1], found[run[0]][0]
        after = text[last_end:last_end + 40]
        before = text[max(0, first_start - 8):first_start]
        role = None
        if run[0] in labelled:
            for i in run:
                roles[i] = labelled.get(i, labelled[run[0]])
            continue
        if not (_LEAD_AFTER.match(after) or _RESP_AFTER.match(after) or _CO_AFTER.match(after)):
            after = _UNKNOWN_TAIL.sub("", after, count=1)  # 市科技局、张江集团牵头: the list goes on past a name we do not know
        if _LEAD_AFTER.match(after):
            role = "lead"
        elif _RESP_AFTER.match(after):
            role = "responsible"
        elif _CO_BEFORE.search(before) or _CO_AFTER.match(after):
            role = "co"
        for i in run:
            roles[i] = role
    return roles
