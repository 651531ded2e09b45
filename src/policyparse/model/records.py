"""Extracted records: one pydantic class per dimension.

JSON field names are part of the public interface. Offsets are into Document.text
(the normalised text), ``end`` exclusive, so ``doc.text[r.start:r.end] == r.text``.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

Bound = Literal["eq", "le", "lt", "ge", "gt", "approx", "range"]
Deontic = Literal["must", "shall", "should", "encourage", "support", "may", "prohibit"]
TimeType = Literal["date", "deadline", "start", "period", "duration", "range", "plan_period"]
Role = Literal["lead", "responsible", "co"]


class Record(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: str
    text: str
    start: int
    end: int
    clause_id: Optional[str] = None
    section: Optional[str] = None

    @property
    def id(self) -> str:
        """Deterministic id: the same span of the same kind has the same id."""
        return f"{self.kind}@{self.start}:{self.end}"

    def shifted(self, delta: int, **update) -> "Record":
        """A copy moved by ``delta`` characters (search works on clause text)."""
        return self.model_copy(update={"start": self.start + delta, "end": self.end + delta, **update})


class Quantity(Record):
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    bound: Bound = "eq"


class Money(Quantity):
    kind: Literal["money"] = "money"
    currency: str = "CNY"
    per: Optional[str] = None  # 每家每年, 每个项目 …


class Percent(Quantity):
    kind: Literal["percent"] = "percent"
    base: Optional[str] = None  # what it is a share of: 不超过其上年度净收入的80% → 净收入


class Area(Quantity):
    kind: Literal["area"] = "area"
    unit: Optional[str] = None  # as written: 亩 平方米 公顷 平方公里 …


class Ratio(Record):
    kind: Literal["ratio"] = "ratio"
    terms: list[float]


class Count(Quantity):
    kind: Literal["count"] = "count"
    unit: Optional[str] = None  # measure word: 家 项 名 次 场次 个 …


class Time(Record):
    kind: Literal["time"] = "time"
    type: TimeType
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    end_year: Optional[int] = None
    end_month: Optional[int] = None
    end_day: Optional[int] = None
    every: Optional[float] = None  # periods: 每3年 → every=3, unit=year
    value: Optional[float] = None  # durations: 有效期为3年 → value=3, unit=year
    low: Optional[float] = None  # ranged durations: 未来3—5年 → low=3, high=5
    high: Optional[float] = None
    unit: Optional[Literal["year", "month", "week", "day", "working_day", "hour", "minute", "second"]] = None  # 48小时内: hour; 5个工作日: working_day
    hour: Optional[int] = None  # a deadline's clock time: 5月20日17:30前 → 17, 30
    minute: Optional[int] = None
    year_inferred: bool = False  # the year was not written: taken from the clause or the document date


class Department(Record):
    kind: Literal["department"] = "department"
    name: str  # canonical
    role: Optional[Role] = None
    level: Optional[str] = None  # city / province / national / district
    resolved: bool = True  # False when the alias could not be made canonical
    type: Literal["organ", "class", "body"] = "organ"  # class: 县级以上人民政府…部门; body: 领导小组 …


class Target(Record):
    kind: Literal["target"] = "target"
    metric: str
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    unit: Optional[str] = None
    bound: Bound = "eq"
    year: Optional[int] = None
    cumulative: bool = False  # 累计
    quantity_id: Optional[str] = None
    time_id: Optional[str] = None


class Obligation(Record):
    kind: Literal["obligation"] = "obligation"
    actor: Optional[str] = None  # the leading party (IG Attribute)
    actors: list[str] = Field(default_factory=list)  # every stated party, `actor` first
    actor_inferred: bool = False
    deontic: Deontic
    cue: Optional[str] = None  # the word that carries the strength; None for bare imperatives
    aim: Optional[str] = None  # the action verb (IG "aIm")
    object: Optional[str] = None
    conditions: list[str] = Field(default_factory=list)
    links: list[str] = Field(default_factory=list)  # ids of quantity/time/department records


AnyRecord = Annotated[
    Union[Money, Percent, Ratio, Count, Area, Time, Department, Target, Obligation],
    Field(discriminator="kind"),
]

RECORD_TYPES: dict[str, type[Record]] = {
    cls.model_fields["kind"].default: cls
    for cls in (Money, Percent, Ratio, Count, Area, Time, Department, Target, Obligation)
}
KINDS = tuple(RECORD_TYPES)


def record_from_dict(data: dict) -> Record:
    return RECORD_TYPES[data["kind"]].model_validate(data)
