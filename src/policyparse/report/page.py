"""The report page: one self-contained HTML file (inline CSS, JS and SVG; no external URL).

Sections: the comparison table, charts, target follow-up per city, then every document with its
outline and its text, records highlighted. Every document string is escaped with html.escape;
a Content-Security-Policy allows only this page's own script (by hash) and no network at all.
"""
from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter
from typing import Optional

from ..compare.followup import TargetFollowUp
from ..compare.model import ComparisonTable, SourceRef
from ..compare.render import html_table
from ..compare.sources import column, name
from ..extract import ALL_KINDS
from ..model import Document, Section
from . import charts, highlight

KIND_STYLE = {
    "money": "background:#ffe08a", "percent": "background:#bff0bf", "ratio": "background:#f5c6f0",
    "count": "background:#cfe3ff", "area": "background:#d8f0e8", "time": "background:#e3dcff",
    "department": "background:none;border-bottom:2px solid #2a9d8f",
    "target": "background:none;outline:1.5px dashed #d62728;outline-offset:1px",
    "obligation": "background:none;text-decoration:underline dotted #777;text-underline-offset:3px",
}

CSS = """
body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;
 margin:0;color:#222;line-height:1.5}
header{background:#24364b;color:#fff;padding:.8em 1.5em} header h1{margin:0;font-size:1.4em}
header p{margin:.2em 0 0;color:#cfd8e3;font-size:.9em}
nav{position:sticky;top:0;background:#f3f5f8;border-bottom:1px solid #ccd;padding:.4em 1.5em;z-index:2;font-size:.9em}
nav a{margin-right:1.2em} main{padding:0 1.5em 3em} h2{border-bottom:2px solid #24364b;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #c4c9d0;padding:.35em .5em;vertical-align:top;text-align:left}
thead th{background:#e8edf4} tbody th{background:#fafbfc;font-weight:600}
td.none{color:#9a5a00;background:#fff8ec} td.none em{font-style:normal}
ul{margin:0;padding-left:1.1em} q{color:#555} .sentence{font-size:.8em;color:#666}
.legend{font-size:.85em;color:#444} code{font-size:.85em;color:#555}
.charts{display:flex;flex-wrap:wrap;gap:12px} svg.chart{background:#fcfcfd;border:1px solid #dde;font-size:11px}
svg .axis{stroke:#888} svg .chart-title{font-weight:600}
.legend-line{margin:.3em 0;font-size:.9em} .swatch{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 .8em;vertical-align:-1px}
tr.reported td{background:#f1fbf1}
.doc{border:1px solid #ccd;border-radius:4px;margin:1em 0;padding:.5em 1em;background:#fff}
.doc h3{margin:.2em 0} .meta{font-size:.85em;color:#555} .outline{font-size:.88em;columns:2}
.outline ul{margin:0;padding-left:1.3em;list-style:none}
.doctext{white-space:pre-wrap;font-size:.95em;line-height:1.8;border-top:1px solid #eee;padding-top:.5em}
mark.rec,.kinds mark{color:inherit;border-radius:2px;padding:0 1px} th.for{min-width:7em}
.sentence{margin-top:.2em} .kinds label{margin-right:1em;white-space:nowrap}
:target{scroll-margin-top:3em} mark.rec:target,a.anchor:target+mark{box-shadow:0 0 0 3px #ff9800}
"""

JS = """
(function(){
  document.querySelectorAll('input.kind-toggle').forEach(function(cb){
    cb.addEventListener('change',function(){document.body.classList.toggle('hide-'+cb.value,!cb.checked);});
  });
  function reveal(){
    var id=decodeURIComponent(location.hash.slice(1)); if(!id) return;
    var el=document.getElementById(id); if(!el) return;
    for(var d=el.closest('details'); d; d=d.parentElement && d.parentElement.closest('details')) d.open=true;
    el.scrollIntoView({block:'center'});
  }
  window.addEventListener('hashchange',reveal); reveal();
})();
"""


def e(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _kind_css() -> str:
    rules = [f"mark.k-{k}{{{v}}}" for k, v in KIND_STYLE.items()]  # legend swatches share them
    rules += [f"body.hide-{k} mark.k-{k}{{background:none;outline:none;border:none;text-decoration:none}}"
              for k in KIND_STYLE]
    return "\n".join(rules)


def _outline(sections: list[Section]) -> str:
    if not sections:
        return ""
    items = "".join(f"<li><b>{e(s.number)}</b> {e(s.heading)}{_outline(s.children)}</li>" for s in sections)
    return f"<ul>{items}</ul>"


class Linker:
    """Hrefs into the report's document texts: a record's mark, else the clause anchor."""

    def __init__(self, docs: list[Document]):
        self.n = {d.path: i for i, d in enumerate(docs, 1)}
        self.records = {(d.path, r.start, r.end, r.kind): highlight.anchor_id(i, r)
                        for i, d in enumerate(docs, 1) for r in d.records}
        self.spans = {}
        for (path, a, b, _k), aid in self.records.items():
            self.spans.setdefault((path, a, b), aid)

    def __call__(self, ref: SourceRef, kind: Optional[str] = None) -> Optional[str]:
        n = self.n.get(ref.path)
        if n is None:
            return None
        aid = self.records.get((ref.path, ref.start, ref.end, kind)) or self.spans.get((ref.path, ref.start, ref.end))
        if aid:
            return "#" + aid
        return "#" + highlight.clause_anchor(n, ref.clause_id) if ref.clause_id else f"#doc-{n}"


def _followup_html(city: str, fus: list[TargetFollowUp], link: Linker) -> str:
    rows = []
    for f in sorted(fus, key=lambda f: (not f.reports,)):
        last = f.latest
        src = f'<a href="{e(link(f.source, "target"))}" title="{e(f.source.sentence)}">{e(f.source.doc)} §{e(f.source.section)}</a>'
        if last:
            rep = (f'{e(last.metric)}: <b>{e(last.display)}</b> <q>{e(last.text)}</q> <small>[{e(last.match)}]</small>')
            rsrc = (f'<a href="{e(link(last.source))}" title="{e(last.source.sentence)}">{e(last.source.doc)} '
                    f'§{e(last.source.section)}</a><div class="sentence">{e(last.source.sentence)}</div>')
        else:
            rep, rsrc = '<span class="legend">no later report</span>', ""
        rows.append(f'<tr class="{"reported" if last else "unreported"}"><td>{e(f.metric)}</td>'
                    f"<td><b>{e(f.display)}</b> <q>{e(f.text)}</q></td><td>{src}</td><td>{rep}</td><td>{rsrc}</td>"
                    f"<td>{e(f.status)}</td></tr>")
    return (f'<h3>{e(city)}</h3><table class="followup" data-city="{e(city)}"><thead><tr><th>metric</th><th>target</th>'
            f"<th>stated in</th><th>latest reported</th><th>reported in</th><th>status</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _document_html(doc: Document, n: int) -> str:
    kinds = Counter(r.kind for r in doc.records)
    counts = ", ".join(f"{k} {kinds[k]}" for k in ALL_KINDS if kinds[k])
    sidecar = doc.metadata.get("sidecar_fields")
    prov = f" · from {e(doc.metadata.get('sidecar'))}: {e(sidecar)}" if sidecar else ""
    facts = [column(doc) or "?", doc.date or doc.metadata.get("year") or "undated", doc.doc_type or "?", doc.doc_number]
    return (f'<section class="doc" id="doc-{n}"><h3>[{n}] {e(name(doc))}</h3>'
            f'<div class="meta">{" · ".join(e(f) for f in facts if f)} · <code>{e(doc.path)}</code>{prov}<br>'
            f"records: {e(counts)}</div>"
            f'<details class="structure"><summary>structure ({len(list(doc.walk()))} headings, '
            f"{len(doc.clauses)} clauses)</summary><div class=\"outline\">{_outline(doc.sections)}</div></details>"
            f'<details class="text"><summary>text with records highlighted</summary>'
            f'<div class="doctext" lang="zh">{highlight.render(doc, n)}</div></details></section>')


def render(docs: list[Document], table: ComparisonTable, followups: dict[str, list[TargetFollowUp]],
           *, source: str = "") -> str:
    link = Linker(docs)
    title = "policyparse report" + (f" — {table.topic}" if table.topic else "")
    doc_rows = "".join(
        f'<tr><td><a href="#doc-{i}">[{i}]</a></td><td>{e(name(d))}</td><td>{e(column(d))}</td>'
        f"<td>{e(d.date or d.metadata.get('year'))}</td><td>{e(d.doc_type)}</td><td>{len(list(d.walk()))}</td>"
        f"<td>{len(d.clauses)}</td><td>{len(d.records)}</td></tr>" for i, d in enumerate(docs, 1))
    toggles = "".join(f'<label><input type="checkbox" class="kind-toggle" value="{k}" checked> '
                      f'<mark class="k-{k}">{k}</mark></label>' for k in KIND_STYLE)
    body = (
        f"<header><h1>{e(title)}</h1><p>{len(docs)} documents · {e(source)} · cities compared: "
        f"{e(', '.join(table.cities))}</p></header>"
        '<nav><a href="#compare">comparison</a><a href="#charts">charts</a><a href="#targets">target follow-up</a>'
        '<a href="#documents">documents</a></nav><main>'
        f'<h2 id="compare">Comparison{": " + e(table.topic) if table.topic else ""}</h2>'
        f"{html_table(table, link, link.n)}"
        '<h2 id="charts">Charts</h2><h3>Money amounts by city (per year where a cycle is stated)</h3>'
        f"{charts.money_bars(table)}<h3>Targets over time</h3>{charts.target_charts(table, followups)}"
        '<h2 id="targets">Target follow-up</h2>'
        '<p class="legend">Each target with the latest value a later document of the same place reports.</p>'
        + "".join(_followup_html(c, fus, link) for c, fus in followups.items())
        + '<h2 id="documents">Documents</h2><table class="documents"><thead><tr><th>#</th><th>title</th><th>city</th>'
        "<th>date</th><th>type</th><th>headings</th><th>clauses</th><th>records</th></tr></thead>"
        f'<tbody>{doc_rows}</tbody></table><p class="kinds">highlight: {toggles}</p>'
        + "".join(_document_html(d, i) for i, d in enumerate(docs, 1)) + "</main>")
    digest = base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode()
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'; "
           "base-uri 'none'; form-action 'none'")
    return (f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
            f"<title>{e(title)}</title><style>{CSS}{_kind_css()}</style></head><body>{body}"
            f"<script>{JS}</script></body></html>")
