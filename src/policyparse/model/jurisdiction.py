"""Where a document belongs: one administrative division or zone, with its chain of parents."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field

Level = Literal["national", "province", "city", "district", "county", "zone"]


class Jurisdiction(BaseModel):
    level: Level
    name: str  # full official name: 中华人民共和国, 四川省, 成都市, 广州市南沙区 → 南沙区, 柳河县
    code: Optional[str] = None  # GB/T 2260 division code (zones: None)
    province: Optional[str] = None  # full name of the provincial-level unit (None: national)
    city: Optional[str] = None  # full name of the prefecture-level unit above or equal (a municipality is its own)
    parent: Optional[str] = None  # full name of the unit directly above
    seat: Optional[str] = None  # zones: the division whose bodies serve it (广州南沙新区 → 南沙区)
    evidence: list[str] = Field(default_factory=list)

