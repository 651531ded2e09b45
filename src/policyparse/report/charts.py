"""Inline SVG charts for the report, drawn by hand (no script, no external file):
money caps by city (horizontal bars, yearly amounts where a cycle is known) and targets over time
(one small chart per metric: a line per city through its targets, hollow dots for reported values)."""
from __future__ import annotations

import html
from typing import Optional

from ..compare.followup import TargetFollowUp, match_kind
from ..compare.model import ComparisonTable
from ..compare.values import yuan

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b")


def _e(s) -> str:
    return html.escape(str(s), quote=True)


def city_colors(cities: list[str]) -> dict[str, str]:
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(cities)}


def money_bars(table: ComparisonTable) -> str:
    """One bar per money value of an instrument row: the yearly amount when a cycle is known."""
    colors = city_colors(table.cities)
    bars = []  # (label, city, amount, note)
    for row in table.rows:
        if row.category == "target":
            continue
        for city in table.cities:
            for v in row.cell(city).values:
                if v.kind != "money" or v.role == "threshold":
                    continue  # a qualifying minimum is not an amount anyone gets
                amount = v.per_year if v.per_year is not None else (v.value if v.value is not None else v.high)
                if amount is None:
                    continue
                note = "/year" if v.per_year is not None else (f" {v.per}" if v.per else " one-off")
                bars.append((row.label.split(" · ")[0], city, amount, note))
    if not bars:
        return '<p class="empty">No money amounts to chart.</p>'
    top = max(b[2] for b in bars)
    label_w, bar_w, h, gap = 260, 420, 20, 6
    height = len(bars) * (h + gap) + 30
    out = [f'<svg class="chart money-chart" width="{label_w + bar_w + 170}" '
           f'height="{height}" role="img" aria-label="money caps by city">']
    for i, (label, city, amount, note) in enumerate(bars):
        y = 10 + i * (h + gap)
        w = max(2.0, bar_w * amount / top)
        out.append(f'<text x="{label_w - 6}" y="{y + h - 6}" text-anchor="end">{_e(label)} · {_e(city)}</text>')
        out.append(f'<rect class="bar" data-city="{_e(city)}" x="{label_w}" y="{y}" width="{w:.1f}" height="{h}" '
                   f'fill="{colors[city]}"><title>{_e(city)}: {_e(yuan(amount))}{_e(note)}</title></rect>')
        out.append(f'<text x="{label_w + w + 6:.1f}" y="{y + h - 6}">{_e(yuan(amount))}{_e(note)}</text>')
    out.append("</svg>")
    legend = " ".join(f'<span class="swatch" style="background:{colors[c]}"></span>{_e(c)}' for c in table.cities)
    return f'<div class="legend-line">{legend}</div>' + "".join(out)


def _series(table: ComparisonTable, followups: dict[str, list[TargetFollowUp]]):
    """Per target row with deadline years: {city: [(year, value)]} targets and reported points."""
    for row in table.rows:
        if row.category != "target":
            continue
        targets = {c: sorted((v.year, v.value if v.value is not None else (v.high or v.low)) for v in row.cell(c).values
                             if v.year and (v.value is not None or v.high or v.low)) for c in table.cities}
        if not any(targets.values()):
            continue
        reported: dict[str, list[tuple[int, float]]] = {}
        for c in table.cities:
            pts = set()
            for fu in followups.get(c, []):
                if match_kind(row.metric or "", row.unit, fu.metric, fu.unit) is None:
                    continue
                for r in fu.reports:
                    got = r.value if r.value is not None else r.low
                    if r.as_of and got is not None:
                        pts.add((r.as_of, got))
            reported[c] = sorted(pts)
        yield row, targets, reported


def target_charts(table: ComparisonTable, followups: dict[str, list[TargetFollowUp]], limit: int = 12) -> str:
    colors = city_colors(table.cities)
    charts = []
    for row, targets, reported in list(_series(table, followups))[:limit]:
        pts = [p for ps in list(targets.values()) + list(reported.values()) for p in ps]
        years = [p[0] for p in pts]
        y0, y1 = min(years) - 1, max(years) + 1
        top = max(p[1] for p in pts) * 1.15 or 1
        W, H, L, B = 300, 170, 46, 24

        def x(yr: float) -> float:
            return L + (W - L - 10) * (yr - y0) / (y1 - y0)

        def y(v: float) -> float:
            return H - B - (H - B - 26) * v / top

        out = [f'<svg class="chart target-chart" width="{W}" height="{H}" '
               f'role="img" aria-label="{_e(row.label)}">',
               f'<text x="4" y="11" class="chart-title">{_e(row.label)}</text>',
               f'<line x1="{L}" y1="{H - B}" x2="{W - 6}" y2="{H - B}" class="axis"/>',
               f'<line x1="{L}" y1="{H - B}" x2="{L}" y2="20" class="axis"/>',
               f'<text x="{L - 4}" y="{y(top / 1.15) + 4:.1f}" text-anchor="end">{_e(_short(top / 1.15, row.unit))}</text>',
               f'<text x="{L - 4}" y="{H - B}" text-anchor="end">0</text>']
        for yr in range(y0 + 1, y1):
            if (y1 - y0) <= 10 or yr % 2 == 0:
                out.append(f'<text x="{x(yr):.1f}" y="{H - 8}" text-anchor="middle">{yr}</text>')
        for c in table.cities:
            series = targets.get(c) or []
            if len(series) > 1:
                line = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in series)
                out.append(f'<polyline points="{line}" fill="none" stroke="{colors[c]}" stroke-width="2"/>')
            for a, b in series:
                out.append(f'<circle class="pt-target" data-city="{_e(c)}" cx="{x(a):.1f}" cy="{y(b):.1f}" r="4" '
                           f'fill="{colors[c]}"><title>{_e(c)} target {_e(_short(b, row.unit))} by {a}</title></circle>')
            for a, b in reported.get(c) or []:
                out.append(f'<circle class="pt-reported" data-city="{_e(c)}" cx="{x(a):.1f}" cy="{y(b):.1f}" r="5" '
                           f'fill="white" stroke="{colors[c]}" stroke-width="2"><title>{_e(c)} reported '
                           f'{_e(_short(b, row.unit))} in {a}</title></circle>')
        out.append("</svg>")
        charts.append("".join(out))
    if not charts:
        return '<p class="empty">No dated targets to chart.</p>'
    legend = " ".join(f'<span class="swatch" style="background:{colors[c]}"></span>{_e(c)}' for c in table.cities)
    return (f'<div class="legend-line">{legend} · filled dot: target by year · hollow dot: reported later</div>'
            f'<div class="charts">{"".join(charts)}</div>')


def _short(v: float, unit: Optional[str]) -> str:
    if unit == "元":
        return yuan(v)
    return f"{v:g}{unit or ''}"
