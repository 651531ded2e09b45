"""department: government and party bodies named in a text, made canonical for the document's place.

``search(text, city=None, province=None) -> list[Department]`` (offsets local to ``text``).
Names come from the gazetteers in lexicon/data/departments/ (see gazetteer.py); collective
bodies (各区人民政府, 市级有关部门) keep their written form. Roles follow gold/README.md:
牵头 → lead, X负责 / a list ending 按职责分工负责 → responsible, joined by 会同/配合/参与 → co.
"""
from __future__ import annotations

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
    cands: list[tuple[int, int, Optional[str]]] = []  # (start, end, alias or None for a group)
    for m in t.find(text):
        cands.append((m.start(), m.end(), m.group()))
    group_level: dict[tuple[int, int], str] = {}
    groups = t.groups if t.any_group is None or t.any_group.search(text) else ()
    for rx, level in groups:  # most clauses name no collective body: one scan says so
        for m in rx.finditer(text):
            cands.append((m.start(), m.end(), None))
            group_level.setdefault((m.start(), m.end()), level)
    chosen: list[tuple[int, int, Optional[str]]] = []
    for c in sorted(cands, key=lambda c: (c[0], -(c[1] - c[0]))):
        if chosen and c[0] < chosen[-1][1]:
            continue  # leftmost-longest: the earlier, longer mention owns these characters
        chosen.append(c)
    out = []
    for start, end, alias in chosen:
        if alias is None:
            out.append(Department(text=text[start:end], start=start, end=end, name=text[start:end],
                                  level=group_level[(start, end)]))
            continue
        canon = t.aliases[alias]
        start, name, level = _place_prefix(text, start, alias, canon, t)
        out.append(Department(text=text[start:end], start=start, end=end, name=name or text[start:end],
                              level=level, resolved=name is not None))
    _assign_roles(text, out)
    return out


def _place_prefix(text: str, start: int, alias: str, canon, t):
    """石家庄市科技局: a place written before a 市…/省… alias decides whose body it is."""
    if alias[0] not in "市省":
        return start, canon.name, canon.level
    cities, provinces = places()
    names = cities if alias[0] == "市" else provinces
    head = text[max(0, start - 4):start]
    for p in names:
        if head.endswith(p):
            if p in (t.city, t.province):
                return start - len(p), canon.name, canon.level
            other = table(p) if alias[0] == "市" else table(None, p)
            c = other.aliases.get(alias)
            if c is not None:
                return start - len(p), c.name, c.level
    return start, canon.name, canon.level


def _lists(text: str, deps: list[Department]) -> list[list[Department]]:
    """Mentions joined only by 、/和/及 form one list (a role word after it covers every member)."""
    runs: list[list[Department]] = []
    for d in deps:
        if runs and _JOINER.fullmatch(text[runs[-1][-1].end:d.start]):
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def _assign_roles(text: str, deps: list[Department]) -> None:
    for run in _lists(text, deps):
        after = text[run[-1].end:run[-1].end + 40]
        before = text[max(0, run[0].start - 6):run[0].start]
        role = None
        if _LEAD_AFTER.match(after):
            role = "lead"
        elif _RESP_AFTER.match(after):
            role = "responsible"
        elif _CO_BEFORE.search(before) or _CO_AFTER.match(after):
            role = "co"
        for d in run:
            d.role = role
