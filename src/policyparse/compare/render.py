"""Views of a ComparisonTable and of a target follow-up: terminal (rich), CSV, HTML.

Every document string goes through rich's ``escape`` or ``html.escape``; HTML links point at
anchors the caller provides (the report links into its highlighted document texts).
"""
from __future__ import annotations

import csv
import html
import io
from typing import Callable, NamedTuple, Optional

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import CellValue, ComparisonTable, Row, SourceRef, Tier

Link = Callable[[SourceRef], Optional[str]]

CSV_COLUMNS = ("row", "category", "beneficiary", "city", "jurisdiction", "role", "display", "text", "kind", "value",
               "low", "high", "bound", "unit", "tier", "base", "per", "cycle_years", "per_year", "year", "doc", "path",
               "date", "clause_id", "section", "sentence")
COVERAGE = "coverage"  # the CSV's category of its coverage lines (one per column)


class Line(NamedTuple):
    """One line of every view: a value (or one tier of a schedule) of a row in a column, or an
    empty cell (value None). CSV, HTML and terminal all iterate ``lines``, so they carry the same rows."""

    row: Row
    city: str
    value: Optional[CellValue]
    tier: Optional[Tier]
    display: str


def lines(table: ComparisonTable) -> list[Line]:
    out = []
    for row in table.rows:
        for city in table.cities:
            cell = row.cell(city)
            if not cell.values:
                out.append(Line(row, city, None, None, cell.summary()))
            for v in cell.values:
                out += [Line(row, city, v, t, shown) for t, shown in v.lines()]
    return out


def coverage_text(table: ComparisonTable, city: Optional[str] = None) -> str:
    share = table.coverage_share(city)
    if share is None:
        return "no support amounts"
    pairs = [table.coverage[city]] if city else list(table.coverage.values())
    return f"{share:.0%} ({sum(p[0] for p in pairs)}/{sum(p[1] for p in pairs)})"


def doc_index(table: ComparisonTable) -> dict[str, int]:
    """path (or title) → 1-based number used in the legend."""
    return {(d.path or d.doc): i for i, d in enumerate(table.documents, 1)}


def _where(ref: SourceRef, idx: dict[str, int], clause: bool = False) -> str:
    n = idx.get(ref.path or ref.doc)
    sec = (f" §{ref.section}" if ref.section else "") + (f" {ref.clause_id}" if clause and ref.clause_id else "")
    return f"[{n}{sec}]" if n else f"[{ref.doc}{sec}]"


def wide_console() -> Console:
    console = Console()
    if not console.is_terminal:  # a log file or pipe: wide enough that no city column is cut
        console = Console(width=max(console.width, 150))
    return console


def print_terminal(table: ComparisonTable, console: Optional[Console] = None) -> None:
    console = console or wide_console()
    idx = doc_index(table)
    title = f"{' vs '.join(table.cities)}" + (f" — {table.topic}" if table.topic else "")
    t = Table(title=escape(title), show_lines=True, expand=False)
    t.add_column("instrument", overflow="fold", max_width=34)
    t.add_column("for", overflow="fold", min_width=14, max_width=18)
    for city in table.cities:
        t.add_column(escape(city), overflow="fold", min_width=28)
    by_cell: dict[tuple[int, str], list[Line]] = {}
    for ln in lines(table):
        by_cell.setdefault((id(ln.row), ln.city), []).append(ln)
    for row in table.rows:
        cells = []
        for city in table.cities:
            cell = row.cell(city)
            if cell.values:
                cells.append("\n".join(f"{escape(ln.display)} [dim]«{escape(ln.tier.text if ln.tier else ln.value.text)}» "
                                       f"{escape(_where(ln.value.source, idx, True))}[/]"
                                       for ln in by_cell[(id(row), city)]))
            elif cell.mentions:
                cells.append(f"[yellow]{cell.summary()}[/] [dim](named {escape(_where(cell.mentions[0], idx, True))})[/]")
            else:
                cells.append(f"[yellow]{cell.summary()}[/]")
        t.add_row(escape(row.label), escape(row.beneficiary or ""), *cells)
    console.print(t)
    if table.coverage:
        per = ", ".join(f"{escape(c)} {coverage_text(table, c)}" for c in table.cities if c in table.coverage)
        console.print(f"named-instrument coverage: {coverage_text(table)} — {per}")
    for d in table.documents:
        console.print(f"[dim][{idx[d.path or d.doc]}][/] {escape(d.doc)} ({escape(d.date or 'undated')}) "
                      f"[dim]{escape(d.path or '')}[/]")


def _csv_row(ln: Line, ref: Optional[SourceRef] = None) -> dict:
    row, v, t = ln.row, ln.value, ln.tier
    d = {"row": row.label, "category": row.category, "beneficiary": row.beneficiary or "", "city": ln.city,
         "display": ln.display}
    src = ref
    if v is not None:
        src = v.source
        d.update(text=v.text, kind=v.kind, value=v.value, low=v.low, high=v.high, bound=v.bound, unit=v.unit,
                 role=v.role, base=v.base, per=v.per, cycle_years=v.cycle_years, per_year=v.per_year, year=v.year)
        if t is not None:
            d.update(text=t.text, value=t.value, low=t.low, high=t.high, bound=t.bound, tier=t.condition)
    if src is not None:
        d.update(doc=src.doc, path=src.path, date=src.date, clause_id=src.clause_id, section=src.section,
                 sentence=src.sentence, jurisdiction=src.jurisdiction)
    return d


def to_csv(table: ComparisonTable) -> str:
    """One line per value (per tier of a schedule); an empty cell is one explicit line: "none
    stated" (or "mentioned, none stated" with the source of the sentence that names the
    instrument); then one coverage line per column (category ``coverage``)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for ln in lines(table):
        cell = ln.row.cell(ln.city)
        w.writerow(_csv_row(ln, None if ln.value else (cell.mentions[0] if cell.mentions else None)))
    for city in table.cities:
        if city in table.coverage:
            named, total = table.coverage[city]
            w.writerow({"row": "named-instrument coverage", "category": COVERAGE, "city": city,
                        "display": coverage_text(table, city), "value": named / total if total else None,
                        "low": named, "high": total})
    return buf.getvalue()


def e(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _value_html(ln: Line, link: Link, idx: dict[str, int], prev: Optional[CellValue] = None) -> str:
    v = ln.value
    href = link(v.source)
    where = e(_where(v.source, idx))
    title = e(f"{v.source.doc} §{v.source.section} ({v.source.clause_id}): {v.source.sentence}")
    src = f'<a href="{e(href)}" title="{title}">{where}</a>' if href else f'<span title="{title}">{where}</span>'
    same = prev is not None and (prev.source.path, prev.source.sentence) == (v.source.path, v.source.sentence)
    sentence = "" if same else f'<div class="sentence">{e(v.source.sentence)}</div>'
    text = ln.tier.text if ln.tier else v.text
    extra = "".join(f' data-{k}="{e(x)}"' for k, x in (("role", v.role), ("base", v.base)) if x)
    return (f'<li class="val k-{e(v.kind)}" data-display="{e(ln.display)}"{extra}>{sentence}<b>{e(ln.display)}</b> '
            f'<q>{e(text)}</q> {src}</li>')


def html_table(table: ComparisonTable, link: Link, idx: Optional[dict[str, int]] = None) -> str:
    """The comparison as an HTML <table> (a fragment); ``link(ref)`` gives each source's href and
    ``idx`` (path → number) the document numbers, when the page numbers its documents itself."""
    idx = idx or doc_index(table)
    by_cell: dict[tuple[int, str], list[Line]] = {}
    for ln in lines(table):
        by_cell.setdefault((id(ln.row), ln.city), []).append(ln)
    out = ['<table class="compare"><thead><tr><th>instrument</th><th class="for">for</th>']
    out += [f"<th>{e(c)}</th>" for c in table.cities]
    out.append("</tr></thead><tbody>")
    for row in table.rows:
        out.append(f'<tr class="cat-{e(row.category)}" data-category="{e(row.category)}"><th scope="row">{e(row.label)}</th>'
                   f"<td>{e(row.beneficiary or '')}</td>")
        for city in table.cities:
            cell = row.cell(city)
            if cell.values:
                lns = by_cell[(id(row), city)]
                prevs = [None] + [ln.value for ln in lns[:-1]]
                out.append(f'<td class="stated" data-city="{e(city)}"><ul>'
                           + "".join(_value_html(ln, link, idx, p) for p, ln in zip(prevs, lns)) + "</ul></td>")
            else:
                named = ""
                if cell.mentions:
                    m = cell.mentions[0]
                    href = link(m)
                    label = e(_where(m, idx))
                    named = (f' <span class="named">(named <a href="{e(href)}" title="{e(m.sentence)}">{label}</a>)</span>'
                             if href else f' <span class="named" title="{e(m.sentence)}">(named {label})</span>')
                out.append(f'<td class="none" data-city="{e(city)}"><em>{e(cell.summary())}</em>{named}</td>')
        out.append("</tr>")
    out.append("</tbody>")
    if table.coverage:
        cov = "".join(f'<td class="coverage" data-city="{e(c)}">{e(coverage_text(table, c))}</td>' for c in table.cities)
        out.append(f'<tfoot><tr><th scope="row">named-instrument coverage</th>'
                   f"<td>{e(coverage_text(table))}</td>{cov}</tr></tfoot>")
    out.append("</table>")
    legend = "".join(f"<li>[{idx.get(d.path or d.doc, '?')}] {e(d.doc)} ({e(d.date or 'undated')}) <code>{e(d.path)}</code></li>"
                     for d in table.documents)
    out.append(f'<ol class="legend">{legend}</ol>')
    return "\n".join(out)


def _sources(table: ComparisonTable) -> list[SourceRef]:
    seen, out = set(), []
    for row in table.rows:
        for cell in row.cells.values():
            for ref in [v.source for v in cell.values] + cell.mentions:
                key = (ref.path, ref.clause_id, ref.sentence)
                if key not in seen:
                    seen.add(key)
                    out.append(ref)
    return out


STANDALONE_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table.compare{border-collapse:collapse;width:100%}
table.compare th,table.compare td{border:1px solid #bbb;padding:.4em;vertical-align:top;text-align:left}
table.compare thead th{background:#eef}
td.none{color:#a60;background:#fffaf0} ul{margin:0;padding-left:1.1em} q{color:#555}
.sentence{font-size:.8em;color:#666} .legend{font-size:.85em} :target{background:#ffef9e}
"""


def html_page(table: ComparisonTable) -> str:
    """A self-contained page: the table and, below it, every source sentence with an anchor."""
    refs = _sources(table)
    anchors = {(r.path, r.clause_id, r.sentence): f"src-{i}" for i, r in enumerate(refs, 1)}

    def link(ref: SourceRef) -> str:
        return "#" + anchors[(ref.path, ref.clause_id, ref.sentence)]

    items = "".join(f'<li id="{anchors[(r.path, r.clause_id, r.sentence)]}"><b>{e(r.doc)}</b> §{e(r.section)} '
                    f"<code>{e(r.clause_id)}</code><br>{e(r.sentence)}</li>" for r in refs)
    title = " vs ".join(table.cities) + (f" — {table.topic}" if table.topic else "")
    return (f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{STANDALONE_CSS}</style></head><body><h1>{e(title)}</h1>{html_table(table, link)}"
            f"<h2>Source clauses</h2><ol>{items}</ol></body></html>")
