"""Schema of the department gazetteers: data/departments/<place>.yaml.

One file per place (national, a province, a city) plus ``generic.yaml``: templates that make
any city's common aliases canonical (市科技局 in city X → X市科学技术局) when the city's own
file has no entry for them. Aliases are written forms exactly as they appear in documents.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field, model_validator

Level = Literal["national", "province", "city", "district"]


class Entry(BaseModel):
    name: str  # canonical; in generic.yaml a template with {city} / {province}
    aliases: list[str] = Field(default_factory=list)  # written forms; the name itself is implied
    level: Optional[Level] = None  # defaults to the file's level
    # regexes that, right after an alias, say it is no body here (市财政 + 资金 is money's source)
    not_followed_by: list[str] = Field(default_factory=list)


class Group(BaseModel):
    """A collective body kept in its written form (各区人民政府, 市级有关部门)."""

    pattern: str  # regex
    level: Level = "district"


class Gazetteer(BaseModel):
    place: str  # file key: national, tianjin, hebei, shijiazhuang, generic
    city: Optional[str] = None  # 天津 (no 市) — the city this file canonicalises for
    province: Optional[str] = None  # 河北 — the province the city belongs to / the file covers
    level: Level
    entries: list[Entry]
    groups: list[Group] = Field(default_factory=list)

    @model_validator(mode="after")
    def _aliases_unique(self):
        seen: dict[str, str] = {}
        for e in self.entries:
            for a in [e.name, *e.aliases]:
                if a in seen and seen[a] != e.name:
                    raise ValueError(f"alias {a!r} names both {seen[a]!r} and {e.name!r}")
                seen[a] = e.name
        return self


# ---- the department grammar's catalogue: data/departments/functions.yaml, overrides.yaml ----

GrammarLevel = Literal["province", "city", "district", "county"]


class Function(BaseModel):
    """One government function (科学技术, 财政 …) as it is written and as it is named."""

    id: str
    full: str  # the function in a full name: 科学技术 (…市科学技术局)
    prefix: str = ""  # written before ``full`` in a full name: 人民政府 (…市人民政府国有资产监督管理委员会)
    stems: list[str] = Field(default_factory=list)  # written before an organ: 科技, 科学技术
    fused: dict[str, str] = Field(default_factory=dict)  # stem and organ in one: 科委 → 委员会
    organs: dict[GrammarLevel, str]  # the organ a generic mention (科技主管部门) has at each level
    national: Optional[str] = None  # the central body (国务院科学技术行政部门 → 科学技术部)
    template: Optional[str] = None  # vertical bodies: 国家税务总局{place}税务局
    bare: bool = False  # the stem alone after a level word names the body (市财政)
    is_class: bool = False  # names a class of bodies at any level (本市行业主管部门: each sector's)
    needs_prefix: bool = False
    written: bool = False  # the name is the written form with its prefix (柳州高新区管委会)  # a fused form alone (人民政府, 法院, 大数据中心) names no body: whose?


class Organs(BaseModel):
    specific: dict[str, str]  # written → in the full name: 委 → 委员会
    generic: list[str]  # 主管部门, 行政部门 …: the level decides the organ


class Branches(BaseModel):
    """Branches of central bodies: head + place + branch (中国人民银行柳州市中心支行)."""

    heads: dict[str, str]  # written head → its full name
    suffixes: list[str]
    fused: dict[str, list[str]] = Field(default_factory=dict)  # 银保监局 → [full head, branch]


class Functions(BaseModel):
    organs: Organs
    branches: Optional[Branches] = None
    functions: list[Function]
    level_words: list[str]
    class_prefixes: list[str]
    government_prefixes: dict[str, str]  # 省人民政府 → 省; 国务院 → national

    @model_validator(mode="after")
    def _forms_unique(self):
        seen: dict[str, str] = {}
        for f in self.functions:
            for w in [*f.stems, *f.fused]:
                if w in seen and seen[w] != f.id:
                    raise ValueError(f"written form {w!r} belongs to both {seen[w]!r} and {f.id!r}")
                seen[w] = f.id
        return self


class Overrides(BaseModel):
    """Real names that differ from the grammar's: jurisdiction full name → function id → name."""

    overrides: dict[str, dict[str, str]]
