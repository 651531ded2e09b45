"""Schemas of lexicon/data/places.yaml (marks no division dataset has) and zones.yaml."""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, Field, model_validator


class National(BaseModel):
    issuers: list[str]
    doc_number_prefixes: list[str]
    body_marks: list[str] = []


class Places(BaseModel):
    abbreviations: dict[str, list[str]]  # 四川省 → [川, 蜀]
    national: National

    @model_validator(mode="after")
    def _consistent(self):
        if len(self.abbreviations) != 34:
            raise ValueError(f"expected 34 provincial-level units, got {len(self.abbreviations)}")
        return self


class Zone(BaseModel):
    name: str
    aliases: list[str] = Field(default_factory=list)
    parent: str  # full name of a division
    seat: Optional[str] = None  # full name of the division whose bodies serve the zone


class Zones(BaseModel):
    zones: list[Zone]
    suffixes: list[str]
