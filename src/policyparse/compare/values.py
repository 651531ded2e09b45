"""Cell values: a record → normalised value, bound, per-phrase, yearly amount and its display.

Reward caps are compared per year: 每家每年…1000万元 is 1000万/year; 50万元 under
每3年为1个评估周期 is 50万 per 3-year cycle, shown with its yearly equivalent (16.7万/year).
"""
from __future__ import annotations

from typing import Optional

import regex as re

from ..model import Record
from .model import CellValue, SourceRef, Tier

BOUND_SIGN = {"eq": "", "le": "≤", "lt": "<", "ge": "≥", "gt": ">", "approx": "≈"}
PER_SPLIT = re.compile(r"每|单个")
DISTRIBUTIVE = re.compile(r"每\p{Han}{1,3}$")  # 每家|每年: 每年 belongs to the per-phrase


def _num(x: float) -> str:
    s = f"{x:.1f}" if abs(x - round(x)) > 1e-9 else f"{int(round(x))}"
    return s[:-2] if s.endswith(".0") else s


def yuan(x: Optional[float]) -> str:
    """1e7 → 1000万元, 1.6667e5 → 16.7万元, 1e11 → 1000亿元."""
    if x is None:
        return "?"
    if abs(x) >= 1e8:
        return f"{_num(x / 1e8)}亿元"
    if abs(x) >= 1e4:
        return f"{_num(x / 1e4)}万元"
    return f"{_num(x)}元"


def _amount(kind: str, x: Optional[float], unit: Optional[str]) -> str:
    if kind == "money" or unit == "元":
        return yuan(x)
    if x is None:
        return "?"
    if kind == "percent" or unit == "%":
        return f"{_num(x)}%"
    return f"{_num(x)}{unit or ''}"


def quantity_display(kind: str, rec, unit: Optional[str]) -> str:
    bound = getattr(rec, "bound", "eq")
    if bound == "range":
        low = _num(rec.low) if kind != "money" and rec.low is not None else _amount(kind, rec.low, unit)
        return f"{low}–{_amount(kind, rec.high, unit)}"
    v = rec.value if rec.value is not None else (rec.high if bound in ("le", "lt") else rec.low)
    return BOUND_SIGN.get(bound, "") + _amount(kind, v, unit)


def per_suffix(per: Optional[str]) -> str:
    """每家每年 → /家/年; 单个企业项目 → /企业项目; 每个项目 → /项目."""
    if not per:
        return ""
    parts = [p for p in PER_SPLIT.split(per) if p]
    return "".join("/" + p.removeprefix("个") for p in parts)


def sentence_cycle(sentence: str, sent_start: int, times: list[Record]) -> Optional[float]:
    """The period (in years) a sentence states for its amounts (每3年为1个评估周期 → 3), not 每家每年."""
    for t in times:
        if getattr(t, "type", None) != "period" or getattr(t, "unit", None) != "year":
            continue
        local = t.start - sent_start
        if 0 <= local <= len(sentence) and not DISTRIBUTIVE.search(sentence[:local]):
            return float(getattr(t, "every", None) or 1)
    return None


def money_value(rec, source: SourceRef, cycle: Optional[float]) -> CellValue:
    per = getattr(rec, "per", None)
    if per and "年" in per:
        cycle = 1.0
    elif per:
        cycle = None  # per project / per enterprise: not a yearly amount
    amount = rec.value if rec.value is not None else rec.high
    per_year = amount / cycle if (amount is not None and cycle) else None
    shown = quantity_display("money", rec, "元") + per_suffix(per)
    per_text = per
    if cycle and cycle != 1 and not (per and "年" in per):
        per_text = f"{_num(cycle)}-year cycle"
        shown += f" per {_num(cycle)}-year cycle (≈{yuan(per_year)}/year)"
    return CellValue(kind="money", text=rec.text, value=rec.value, low=rec.low, high=rec.high, bound=rec.bound,
                     unit="元", per=per_text, cycle_years=cycle, per_year=per_year, display=shown, source=source)


def time_value(rec, source: SourceRef, value_name: Optional[str]) -> CellValue:
    t = getattr(rec, "type", None)
    unit = getattr(rec, "unit", None) or "year"
    n = getattr(rec, "every", None) if t == "period" else getattr(rec, "value", None)
    low, high = getattr(rec, "low", None), getattr(rec, "high", None)
    if t != "period" and n is None and low is not None and high is not None:  # 连续三至五年
        shown = f"{_num(low)}–{_num(high)} {unit}s"
        return CellValue(kind="time", text=rec.text, value=low, low=low, high=high, bound="range", unit=unit,
                         display=f"{value_name} {shown}" if value_name else shown, source=source)
    n = float(n or 1)
    if t == "period":
        shown = "annual" if n == 1 and unit == "year" else f"every {_num(n)} {unit}s"
    else:
        shown = f"{_num(n)} {unit}{'s' if n != 1 else ''}"
    if value_name:
        shown = f"{value_name} {shown}"
    return CellValue(kind="time", text=rec.text, value=n, unit=unit, cycle_years=n if t == "period" else None,
                     display=shown, source=source)


def fixed_period(phrase: str, years: float, source: SourceRef, value_name: Optional[str]) -> CellValue:
    shown = "annual" if years == 1 else f"every {_num(years)} years"
    return CellValue(kind="time", text=phrase, value=years, unit="year", cycle_years=years,
                     display=f"{value_name} {shown}" if value_name else shown, source=source)


def plain_value(rec, source: SourceRef) -> CellValue:
    kind = rec.kind
    if kind == "ratio":
        terms = list(getattr(rec, "terms", []) or [])
        return CellValue(kind=kind, text=rec.text, terms=terms,
                         display=":".join(_num(x) for x in terms) if terms else rec.text, source=source)
    unit = "%" if kind == "percent" else getattr(rec, "unit", None)
    return CellValue(kind=kind, text=rec.text, value=rec.value, low=rec.low, high=rec.high, bound=rec.bound,
                     unit=unit, display=quantity_display(kind, rec, unit), source=source)


def target_value(rec, source: SourceRef) -> CellValue:
    unit = rec.unit
    shown = quantity_display("money" if unit == "元" else "count", rec, unit)
    shown += f" by {rec.year}" if rec.year else " per year"
    return CellValue(kind="target", text=rec.text, value=rec.value, low=rec.low, high=rec.high, bound=rec.bound,
                     unit=unit, year=rec.year, display=shown, source=source)


def tier_value(rec, condition: str, kind: str) -> Tier:
    """One step of a schedule: 70% for 1000万元及以上至5000万元."""
    unit = "元" if kind == "money" else "%"
    v = rec.value if rec.value is not None else (rec.high if rec.bound in ("le", "lt") else rec.low)
    return Tier(condition=condition, text=rec.text, value=v, low=rec.low, high=rec.high, bound=rec.bound,
                display=quantity_display(kind, rec, unit), start=rec.start, end=rec.end)
