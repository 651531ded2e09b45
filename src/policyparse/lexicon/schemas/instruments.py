"""Schema of data/instruments.yaml: policy-instrument categories and beneficiaries, by cue words."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field, model_validator

QuantityKind = Literal["money", "percent", "ratio", "count", "time"]


class Category(BaseModel):
    id: str
    label: str  # shown as the row name
    # every group must match the sentence (any one word of a group): [[进口], [税]] = 进口 … 税
    cues: list[list[str]] = Field(min_length=1)
    kinds: list[QuantityKind]  # the quantities this instrument is stated in
    time_types: list[str] = Field(default_factory=list)  # for time values: duration, period …
    fixed: dict[str, float] = Field(default_factory=dict)  # cue phrase → period in years (年度考核 → 1)
    value_name: Optional[str] = None  # what the number means (validity, cycle …)

    @model_validator(mode="after")
    def _groups_not_empty(self):
        if any(not g for g in self.cues):
            raise ValueError(f"category {self.id}: empty cue group")
        return self


class InstrumentLexicon(BaseModel):
    # cue → canonical beneficiary; the recipient after a grant verb wins, else the first cue
    beneficiaries: dict[str, str]
    grant_verbs: list[str]  # 给予 向 对: the beneficiary follows them
    grant_cues: list[str]  # money/percent/ratio count only in a sentence holding one of these
    # first matching category (in this order) takes a quantity: specific before general
    categories: list[Category] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self):
        ids = [c.id for c in self.categories]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate category id")
        return self
