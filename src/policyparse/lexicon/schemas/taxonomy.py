"""Schema of data/taxonomy.yaml: the policy instruments `policyparse compare` puts side by side.

An instrument is a kind of support a policy grants (转让净收入奖励比例, 贷款贴息, 首台套奖励 …):
the cue regexes say a clause segment grants it, the roles say which quantities state it (a
reward share, a rate on a base, a cap, a fixed amount, a duration, a count, a threshold).
The list is in priority order: a quantity goes to the FIRST instrument of its segment that takes
its kind, so specific instruments come before general ones.
"""
from __future__ import annotations

from typing import Literal, Optional

import regex as re
from pydantic import BaseModel, Field, field_validator, model_validator

from . import Pattern

# gold/compare/README.md's roles, plus `cycle` (an evaluation period, 每3年为1个评估周期)
Role = Literal["share", "rate", "cap", "amount", "duration", "count", "threshold", "cycle"]
ROLE_KINDS: dict[str, tuple[str, ...]] = {
    "share": ("percent",), "rate": ("percent", "ratio"), "cap": ("money",), "amount": ("money",),
    "threshold": ("money",), "duration": ("time",), "cycle": ("time",), "count": ("count",),
}
ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Instrument(BaseModel):
    id: str  # lower_snake_case, stable (gold/compare/README.md fixes some of them)
    zh: str  # Chinese label
    en: str  # English label
    family: str  # tech_transfer, enterprise_support, talent, finance, institution …
    beneficiary: str  # class of who receives it: researchers, enterprise, institution, talent, investor …
    cues: list[Pattern] = Field(min_length=1)  # any match in the segment puts it there
    not_cues: list[Pattern] = Field(default_factory=list)  # any match vetoes it
    roles: list[Role] = Field(min_length=1)
    base: Optional[str] = None  # the usual base of its rate/share when the text names none
    beneficiaries: list[str] = Field(default_factory=list)  # named recipients that split its row
    requires_beneficiary: bool = False  # only in a sentence naming one of its beneficiaries
    counts_as: dict[str, str] = Field(default_factory=dict)  # beneficiary → instrument id it is scored as
    fixed: dict[str, float] = Field(default_factory=dict)  # cue phrase → cycle in years (年度考核 → 1)
    value_name: Optional[str] = None  # what a time value means (validity, cycle)

    @field_validator("id")
    @classmethod
    def _snake(cls, v: str) -> str:
        if not ID.match(v):
            raise ValueError(f"instrument id {v!r} is not lower_snake_case")
        return v

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(k for r in self.roles for k in ROLE_KINDS[r]))

    @property
    def time_types(self) -> tuple[str, ...]:
        return tuple(t for r, t in (("duration", "duration"), ("cycle", "period")) if r in self.roles)


class Base(BaseModel):
    name: str  # short name written in gold's `base` column: 净收入, 营业利润 …
    cues: list[Pattern] = Field(min_length=1)


class Taxonomy(BaseModel):
    instruments: list[Instrument] = Field(min_length=1)
    bases: list[Base] = Field(default_factory=list)  # what a percent is a share of, most specific first
    # money/percent/ratio count only in a segment that grants something (千亿元产业集群 does not)
    grant_cues: list[str] = Field(min_length=1)
    # an obligation is a support obligation when its deontic is one of these or its aim a grant cue
    support_deontics: list[str] = Field(default_factory=lambda: ["support"])

    @model_validator(mode="after")
    def _consistent(self):
        ids = [i.id for i in self.instruments]
        if len(ids) != len(set(ids)):
            dup = sorted({i for i in ids if ids.count(i) > 1})
            raise ValueError(f"duplicate instrument id(s): {', '.join(dup)}")
        bases = {b.name for b in self.bases}
        for i in self.instruments:
            bad = set(i.counts_as.values()) - set(ids)
            if bad:
                raise ValueError(f"{i.id}: counts_as names unknown instrument(s) {sorted(bad)}")
            if i.base and bases and i.base not in bases:  # one short name per base, as gold writes it
                raise ValueError(f"{i.id}: base {i.base!r} is not one of the bases")
        return self
