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
    # generic.yaml only: city / province names that may stand before a 市… / 省… alias
    # (石家庄市科技局 in any document is 石家庄's bureau, not the document city's)
    cities: list[str] = Field(default_factory=list)
    provinces: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _aliases_unique(self):
        seen: dict[str, str] = {}
        for e in self.entries:
            for a in [e.name, *e.aliases]:
                if a in seen and seen[a] != e.name:
                    raise ValueError(f"alias {a!r} names both {seen[a]!r} and {e.name!r}")
                seen[a] = e.name
        return self
