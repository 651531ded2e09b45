"""The comparison table: rows are instruments (category + beneficiary), columns are cities,
every value keeps a link to the clause it came from."""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, Field


class SourceRef(BaseModel):
    """Where a value was stated: document, clause, section path, and the sentence itself."""

    doc: str  # document title (or file name)
    path: Optional[str] = None
    doc_type: Optional[str] = None
    date: Optional[str] = None
    jurisdiction: Optional[str] = None  # full official name: 上海市, 广州市南沙区, 全国
    clause_id: Optional[str] = None
    section: str = ""
    sentence: str = ""
    start: int = 0  # span of the value in Document.text (end exclusive)
    end: int = 0

    def label(self) -> str:
        where = f"§{self.section}" if self.section else (self.clause_id or "")
        return f"{self.doc} {where}".strip()


class Tier(BaseModel):
    """One step of a tiered schedule: its condition (1000万元及以上至5000万元, 前三年) and value."""

    condition: str
    text: str
    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    bound: str = "eq"
    display: str = ""
    start: int = 0
    end: int = 0


class CellValue(BaseModel):
    kind: str  # money percent ratio count time target
    text: str  # surface, as in the document
    value: Optional[float] = None  # normalised: yuan, percent, count, years
    low: Optional[float] = None
    high: Optional[float] = None
    bound: str = "eq"
    unit: Optional[str] = None  # 元 % 家 项 year …
    per: Optional[str] = None  # as written (每家每年) or derived ("3-year cycle")
    cycle_years: Optional[float] = None  # the period one amount covers (1 = yearly)
    per_year: Optional[float] = None  # value normalised per year (amounts over a cycle)
    year: Optional[int] = None  # targets: the deadline year
    terms: list[float] = Field(default_factory=list)  # ratios
    display: str = ""  # the normalised value as shown (≤1000万元/家/年)
    role: Optional[str] = None  # share rate cap amount duration count threshold cycle (taxonomy roles)
    base: Optional[str] = None  # percent: what it is a share of (净收入, 地方财政贡献 …)
    tiers: list[Tier] = Field(default_factory=list)  # a tiered schedule: one value, several steps
    source: SourceRef

    def lines(self) -> list[tuple[Optional[Tier], str]]:
        """(tier, display) per line this value takes in every view: one per tier, else one."""
        if self.tiers:
            return [(t, f"{t.display} ({t.condition})") for t in self.tiers]
        return [(None, self.display)]


class Cell(BaseModel):
    values: list[CellValue] = Field(default_factory=list)
    # the instrument is mentioned without a number (认定 without a validity): where
    mentions: list[SourceRef] = Field(default_factory=list)

    @property
    def stated(self) -> bool:
        return bool(self.values)

    def summary(self) -> str:
        if self.values:
            return "; ".join(v.display for v in self.values)
        return "mentioned, none stated" if self.mentions else "none stated"


class Row(BaseModel):
    category: str  # instrument id, "other" (support no instrument names) or "target"
    label: str
    beneficiary: Optional[str] = None
    metric: Optional[str] = None  # target rows: what is counted
    unit: Optional[str] = None
    cells: dict[str, Cell] = Field(default_factory=dict)  # city → cell

    def cell(self, city: str) -> Cell:
        return self.cells.get(city) or Cell()


class ComparisonTable(BaseModel):
    cities: list[str]
    topic: Optional[str] = None
    documents: list[SourceRef] = Field(default_factory=list)  # the documents compared (sentence empty)
    rows: list[Row] = Field(default_factory=list)
    # named-instrument coverage per column: [in a named instrument, all] money/percent records of
    # support obligations (the rest are "other" rows)
    coverage: dict[str, list[int]] = Field(default_factory=dict)

    def coverage_share(self, column: Optional[str] = None) -> Optional[float]:
        """Share of support money/percent records that land in a named instrument (None: none seen)."""
        pairs = [self.coverage[column]] if column else list(self.coverage.values())
        named, total = sum(p[0] for p in pairs if p), sum(p[1] for p in pairs if p)
        return named / total if total else None

    def row(self, category: str, beneficiary: Optional[str] = None, metric: Optional[str] = None) -> Optional[Row]:
        """The first row of ``category`` (and beneficiary / a metric containing ``metric``)."""
        for r in self.rows:
            if r.category != category:
                continue
            if beneficiary is not None and r.beneficiary != beneficiary:
                continue
            if metric is not None and (r.metric is None or metric not in r.metric):
                continue
            return r
        return None
