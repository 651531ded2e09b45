"""Schema of data/instrument_values.yaml: how each instrument category states its values (compare).

The categories themselves (cues, beneficiaries) are data/instruments.yaml, owned by the
obligation dimension; this file only says which quantities fill a category's cells.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field, model_validator

QuantityKind = Literal["money", "percent", "ratio", "count", "time"]


class ValueSpec(BaseModel):
    name: str  # an instrument name from data/instruments.yaml
    label: str  # English row label
    kinds: list[QuantityKind]  # the quantities this instrument is stated in
    time_types: list[str] = Field(default_factory=list)  # for time values: duration, period …
    fixed: dict[str, float] = Field(default_factory=dict)  # cue phrase → period in years (年度考核 → 1)
    value_name: Optional[str] = None  # what the number means (validity, cycle …)


class InstrumentValues(BaseModel):
    # a quantity goes to the FIRST spec (this order) whose category the sentence is in: specific first
    specs: list[ValueSpec] = Field(min_length=1)
    default_kinds: list[QuantityKind]  # categories without a spec
    skip: list[str] = Field(default_factory=list)  # categories compare fills otherwise (target)
    # money/percent/ratio count only in a sentence that grants something (千亿元产业集群 does not)
    grant_cues: list[str]

    @model_validator(mode="after")
    def _unique(self):
        names = [s.name for s in self.specs]
        if len(names) != len(set(names)):
            raise ValueError("duplicate instrument name in specs")
        return self
