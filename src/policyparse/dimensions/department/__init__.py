"""department: government and party bodies named in a text, made canonical for the document's place.

``search(text, city=None, province=None) -> list[Department]`` (offsets local to ``text``).
Names come from the gazetteers in lexicon/data/departments/ (see gazetteer.py); collective
bodies (各区人民政府, 市级有关部门) keep their written form. Roles follow gold/README.md:
牵头 → lead, X负责 / a list ending 按职责分工负责 → responsible, joined by 会同/配合/参与 → co.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex as re

from ...model import Department
from .gazetteer import places, table

# Between two members of one list of bodies.
_JOINER = re.compile(r"\s*(?:、|和|及|以及|与|，(?=[^，。；]{0,12}按职责分工负责))\s*")
_LEAD_AFTER = re.compile(r"^\s*(?:作为[^，。；,;]{0,30}?)?牵头")
_RESP_AFTER = re.compile(r"^\s*等?\s*(?:按职责分工|按照职责分工|分工|共同|主要|具体|分别)?负责")
_CO_BEFORE = re.compile(r"(?:会同|配合|参与|协同)\s*$")
_CO_AFTER = re.compile(r"^\s*(?:积极|主动|共同)?(?:配合|参与|协助)")  # 市教委配合…: the helper


def search(text: str, city: Optional[str] = None, province: Optional[str] = None) -> list[Department]:
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
    if not chosen:
        return []  # most clauses name no body
    # (start, end, name, level, resolved or None for a group, which keeps the default)
    found = []
    for start, end, alias, level in chosen:
        if alias is None:
            found.append((start, end, text[start:end], level, None))
            continue
        start, name, level = _place_prefix(text, start, alias, t.aliases[alias], t)
        found.append((start, end, name or text[start:end], level, name is not None))
    roles = _roles(text, found)
    out = []
    for (start, end, name, level, resolved), role in zip(found, roles):
        if resolved is None:
            d = Department(text=text[start:end], start=start, end=end, name=name, level=level, role=role)
        else:
            d = Department(text=text[start:end], start=start, end=end, name=name, level=level,
                           resolved=resolved, role=role)
        out.append(d)
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


def _roles(text: str, found: list) -> list[Optional[str]]:
    roles: list[Optional[str]] = [None] * len(found)
    for run in _lists(text, found):
        last_end, first_start = found[run[-1]][1], found[run[0]][0]
        after = text[last_end:last_end + 40]
        before = text[max(0, first_start - 6):first_start]
        role = None
        if _LEAD_AFTER.match(after):
            role = "lead"
        elif _RESP_AFTER.match(after):
            role = "responsible"
        elif _CO_BEFORE.search(before) or _CO_AFTER.match(after):
            role = "co"
        for i in run:
            roles[i] = role
    return roles
