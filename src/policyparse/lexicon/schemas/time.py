"""Schema of lexicon/data/time.yaml (the `time` dimension's words and numerals)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Unit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    size: float = Field(gt=0)
    unit: Literal["year", "month", "week", "day", "hour"]


class TimeLexicon(BaseModel):
    model_config = ConfigDict(extra="forbid")

    year_min: int
    year_max: int
    plan_periods: dict[str, int]
    plan_periods_need_context: list[str] = []
    plan_period_suffixes: list[str]
    plan_spelled_suffixes: list[str] = []
    period_once_words: list[str] = []
    plan_end_words: list[str]
    plan_start_words: list[str]
    deadline_cues: list[str]
    deadline_cue_blockers: list[str]
    deadline_suffixes: list[str]
    # verbs of completion right after a date make it a deadline (6月底完成); not in the span
    deadline_verbs_after: list[str] = []
    start_prefixes: list[str]
    start_suffixes: list[str]
    range_separators: list[str]
    period_cues: list[str]
    units: dict[str, Unit]
    period_bare_units: list[str]
    period_bare_cues: list[str] = []
    period_bare_cue_units: list[str] = []
    day_duration_after: list[str] = []
    duration_cues: list[str]
    duration_gap_words: list[str]
    cycle_duration_words: list[str]
    duration_blockers_after: list[str]
    unit_blockers_after: dict[str, list[str]] = {}
    relative_years: list[str]
    year_parts: dict[str, tuple[int, int]]
    year_end_words: list[str]
    month_end_words: list[str]
    digits: dict[str, int]
    multipliers: dict[str, int]
    month_numerals: dict[str, int]
    day_numerals: dict[str, int]

    @model_validator(mode="after")
    def _consistent(self):
        if not self.year_min < self.year_max:
            raise ValueError("year_min must be below year_max")
        for name, first in self.plan_periods.items():
            if not self.year_min <= first <= self.year_max - 4:
                raise ValueError(f"plan period {name}: first year {first} outside the year window")
        for name in self.plan_periods_need_context:
            if name not in self.plan_periods:
                raise ValueError(f"plan_periods_need_context names an unknown plan: {name}")
        for lo, hi in self.year_parts.values():
            if not 1 <= lo <= hi <= 12:
                raise ValueError(f"year part months must lie in 1..12: {lo}..{hi}")
        if sorted(self.month_numerals.values()) != list(range(1, 13)):
            raise ValueError("month_numerals must name the months 1..12 once each")
        if sorted(self.day_numerals.values()) != list(range(1, 32)):
            raise ValueError("day_numerals must name the days 1..31 once each")
        if any(len(c) != 1 for c in list(self.digits) + list(self.multipliers)):
            raise ValueError("numerals must be single characters")
        return self
