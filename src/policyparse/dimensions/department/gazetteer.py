"""Alias tables per place, built from lexicon/data/departments/*.yaml.

For a document of city C in province P the table is, later layers overriding earlier ones:
generic templates filled with C/P → P's file → C's file → national. An alias whose template
needs a place the document does not have stays in the table unresolved (name = written form),
so 市科技局 is still found, and still not half-matched by a shorter national alias.
"""
from __future__ import annotations

import re as stdlib_re  # for the two patterns whose scans it runs faster (starts, matcher)
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

import regex as re

from ...lexicon import DATA, load
from ...lexicon.schemas.department import Gazetteer
from ..union import union

FOLDER = "departments"


@dataclass(frozen=True)
class Canon:
    name: Optional[str]  # None: could not be made canonical (no city known)
    level: str
    not_followed_by: tuple[str, ...] = ()
    central: bool = False  # a national body's short form: no local prefix (区卫生健康委) before it


@dataclass
class Table:
    aliases: dict[str, Canon]
    regex: "re.Pattern"
    groups: list[tuple["re.Pattern", str]] = field(default_factory=list)
    city: Optional[str] = None
    province: Optional[str] = None
    starts: Optional["stdlib_re.Pattern"] = None  # one character where an alias starts (see find)
    any_group: tuple = ()  # one of them matches wherever one of ``groups`` does (see union)
    # ``regex`` compiled by stdlib re, to match at a start ``starts`` found, when the pattern is only
    # literals, one character class and lookarounds (no guard uses regex syntax), which both
    # engines read alike; re matches it ~2.5× faster
    matcher: Optional["stdlib_re.Pattern"] = None

    def find(self, text: str) -> Iterator["re.Match"]:
        """Every match of ``regex`` at every position (overlapped), as ``regex.finditer(text,
        overlapped=True)`` gives them. Every match opens with an alias, so ``starts`` (the aliases
        as a prefix tree, no guards) finds the positions and the guarded pattern is tried only there.
        ``starts`` matches one character only, so finditer resumes at the next one: every start."""
        if self.starts is None:
            yield from self.regex.finditer(text, overlapped=True)
            return
        match = (self.matcher or self.regex).match
        for s in self.starts.finditer(text):
            m = match(text, s.start())  # lookbehind guards still see the text before
            if m:
                yield m


@lru_cache(maxsize=None)
def gazetteers() -> dict[str, Gazetteer]:
    out = {}
    for f in sorted((DATA / FOLDER).iterdir(), key=lambda p: p.name):
        if f.name.endswith(".yaml"):
            g = load(f"{FOLDER}/{f.name}", Gazetteer)
            out[g.place] = g
    return out


def place_name(s: Optional[str], suffix: str) -> Optional[str]:
    """天津市 → 天津, 河北省 → 河北 (the gazetteers key places without the suffix)."""
    if not s:
        return None
    s = s.strip()
    return s[: -len(suffix)] if s.endswith(suffix) and len(s) > len(suffix) + 1 else s


def _file_for(city: Optional[str] = None, province: Optional[str] = None) -> Optional[Gazetteer]:
    for g in gazetteers().values():
        if city and g.city == city:
            return g
        if province and not city and g.province == province and g.city is None:
            return g
    return None


def _fill(template: str, city: Optional[str], province: Optional[str]) -> Optional[str]:
    if "{city}" in template and not city:
        return None
    if "{province}" in template and not province:
        return None
    return template.format(city=city or "", province=province or "")


def _layer(table: dict[str, Canon], g: Gazetteer, city=None, province=None) -> None:
    for e in g.entries:
        name = _fill(e.name, city, province)
        level = e.level or g.level
        for alias in [e.name, *e.aliases]:
            if "{" in alias:
                if name is None:
                    continue
                alias = name
            table[alias] = Canon(name, level, tuple(e.not_followed_by), central=level == "national")


def _alias_pattern(alias: str, canon: Canon) -> str:
    guard = list(canon.not_followed_by)
    if alias.endswith("部"):
        guard.append("门")  # 科技部门 is "the science departments", not 科技部
    p = re.escape(alias)
    if canon.central and not _NATIONAL_HEAD.match(alias):
        p = "(?<![市省区县州旗])" + p  # 区卫生健康委 is a district body, not the national commission
    return p + (f"(?!{'|'.join(guard)})" if guard else "")


def _trie_pattern(words) -> str:
    """A stdlib-re pattern matching the first character of any of ``words`` where the whole word
    follows: ``中(?=共中央(?:办公厅)?|…)|国(?=…)|…``, the rest of each word as a prefix tree (a flat
    alternation of 300 aliases tried each alias at each position; the tree shares their prefixes).
    Each branch opens with a literal, so re scans for those first characters in C and tries the
    tree only there (~3× faster than the same tree in ``regex`` tried at every character).
    Which word matches is not kept, only that one does: Table.find re-matches the real pattern."""
    esc = stdlib_re.escape
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [esc(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    heads = []
    for ch, sub in sorted(tree.items()):
        rest = emit(sub)
        heads.append(esc(ch) + (f"(?={rest})" if rest else ""))
    return "|".join(heads)


_NATIONAL_HEAD = re.compile(r"中华人民共和国|国家|国务院|中国|中共|中央|全国|党中央|共青团")


@lru_cache(maxsize=64)
def table(city: Optional[str] = None, province: Optional[str] = None) -> Table:
    city = place_name(city, "市")
    province = place_name(province, "省")
    gz = gazetteers()
    generic = gz["generic"]
    city_file = _file_for(city=city) if city else None
    if city_file and not province:
        province = city_file.province
    municipality = city is not None and province == city
    aliases: dict[str, Canon] = {}
    _layer(aliases, generic, city, None if municipality else province)
    prov_file = _file_for(province=province) if province and not municipality else None
    if prov_file:
        _layer(aliases, prov_file)
    if city_file:
        _layer(aliases, city_file)
    _layer(aliases, gz["national"])
    # unresolved generic aliases (no place known): keep them findable
    for e in generic.entries:
        for alias in e.aliases:
            aliases.setdefault(alias, Canon(None, e.level or generic.level, tuple(e.not_followed_by)))
    ordered = sorted(aliases, key=len, reverse=True)
    pattern = "|".join(_alias_pattern(a, aliases[a]) for a in ordered)
    rx = re.compile(pattern)
    groups = [(re.compile(g.pattern), g.level) for g in generic.groups]
    for f in (prov_file, city_file, gz["national"]):
        if f:
            groups += [(re.compile(g.pattern), g.level) for g in f.groups]
    starts = stdlib_re.compile(_trie_pattern(ordered))
    any_group = tuple(union([g.pattern for g, _ in groups]))
    plain = all(stdlib_re.escape(g) == g for c in aliases.values() for g in c.not_followed_by)
    matcher = stdlib_re.compile(pattern) if plain else None
    return Table(aliases, rx, groups, city, province, starts, any_group, matcher)


@lru_cache(maxsize=1)
def places() -> tuple[list[str], list[str]]:
    """City and province short names that may be written right before a 市… / 省… alias (from the
    administrative-division data: every prefecture-level city and provincial-level unit)."""
    from ...jurisdiction.divisions import tree

    t = tree()
    cities = {d.short for d in t.by_code.values() if d.level == "city" and d.name.endswith("市")}
    cities |= {d.short for d in t.by_code.values() if d.level == "province" and d.code[:2] in ("11", "12", "31", "50")}
    provinces = {d.short for d in t.by_code.values() if d.level == "province"}
    return sorted(cities, key=len, reverse=True), sorted(provinces, key=len, reverse=True)
