"""Schema of lexicon/data/places.yaml: provinces, prefecture-level cities, districts, national marks."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator


class Province(BaseModel):
    name: str  # full: 河北省, 天津市, 广西壮族自治区
    short: str  # 河北, 天津, 广西
    abbr: list[str] = Field(default_factory=list)  # 冀, 津 (the first char of doc numbers)
    kind: Literal["province", "municipality", "autonomous_region", "sar"]
    cities: list[str] = Field(default_factory=list)  # prefecture-level cities, short (石家庄)
    prefectures: list[str] = Field(default_factory=list)  # 自治州 / 地区 / 盟, full names


class National(BaseModel):
    issuers: list[str]
    doc_number_prefixes: list[str]


class Places(BaseModel):
    provinces: list[Province]
    districts: dict[str, list[str]] = Field(default_factory=dict)  # city short → full names
    national: National

    @model_validator(mode="after")
    def _consistent(self):
        if len(self.provinces) != 34:
            raise ValueError(f"expected 34 provincial-level units, got {len(self.provinces)}")
        cities = [c for p in self.provinces for c in p.cities]
        dupes = sorted({c for c in cities if cities.count(c) > 1})
        if dupes:
            raise ValueError(f"city listed under two provinces: {dupes}")
        known = set(cities) | {p.short for p in self.provinces if p.kind == "municipality"}
        unknown = sorted(set(self.districts) - known)
        if unknown:
            raise ValueError(f"districts given for unknown cities: {unknown}")
        return self
