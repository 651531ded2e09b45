"""The report of a large store: a summary page (index.html: documents per jurisdiction, with links)
and one page per jurisdiction, split into parts of at most ``page_docs`` documents each.

The summary is read from the store's columns (no Document is built for it); each page loads only
its own documents, so memory stays that of one page however large the store.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Callable, Optional

from ..compare import compare
from ..compare.followup import follow_up
from ..compare.sources import candidates_sql, column, column_of, from_store, in_scope, year
from ..store import connect
from . import page

ProgressFn = Callable[[int, Optional[int]], None]


def groups(db: str | Path, cities: Optional[list[str]], topic: Optional[str]) -> dict[str, list[tuple]]:
    """Column label → [(doc_key, level, date)] of the documents that may be in the report."""
    conn = connect(db, create=False)
    try:
        sql, args = candidates_sql(cities, topic, columns="doc_key, jurisdiction, jurisdiction_level, city, date")
        out: dict[str, list[tuple]] = {}
        for key, j, level, city, date in conn.execute(sql, args):
            out.setdefault(column_of(j, level, city) or "?", []).append((key, level, date))
        return out
    finally:
        conn.close()


def build_paged(db: str | Path, index: Path, cities: Optional[list[str]], topic: Optional[str],
                page_docs: int, on_progress: Optional[ProgressFn] = None) -> Path:
    by_label = groups(db, cities, topic)
    total = sum(map(len, by_label.values()))
    pages_dir = index.parent / "pages"
    pages_dir.mkdir(parents=True, exist_ok=True)
    rows, done = [], 0
    if on_progress:
        on_progress(0, total)
    for n, label in enumerate(sorted(by_label, key=lambda lb: (-len(by_label[lb]), lb)), 1):
        members = sorted(by_label[label], key=lambda m: (m[2] or "", m[0]))
        links = []
        for part, start in enumerate(range(0, len(members), page_docs), 1):
            chunk = members[start:start + page_docs]
            name = f"{n}-{part}.html"
            docs = [d for d in from_store(db, keys=[m[0] for m in chunk]) if not cities or in_scope(d, cities)]
            docs.sort(key=lambda d: (column(d) or "", year(d) or 0, d.date or "", d.path or ""))
            table = compare(docs, None, topic)
            followups = {c: follow_up(docs, c) for c in table.cities}
            what = f"{db} — {label}: documents {start + 1}–{start + len(chunk)} of {len(members)}"
            (pages_dir / name).write_text(page.render(docs, table, followups, source=what), encoding="utf-8")
            links.append(f'<a href="pages/{name}">{start + 1}–{start + len(chunk)}</a>')
            done += len(chunk)
            if on_progress:
                on_progress(done, total)
        years = sorted(d[:4] for _k, _l, d in members if d)
        levels = sorted({lv for _k, lv, _d in members if lv})
        rows.append(f"<tr><th>{_e(label)}</th><td>{_e(', '.join(levels))}</td><td>{len(members)}</td>"
                    f"<td>{_e(years[0] + '–' + years[-1] if years else '')}</td><td>{' '.join(links)}</td></tr>")
    index.write_text(_summary(db, topic, total, rows), encoding="utf-8")
    return index


def _e(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _summary(db, topic: Optional[str], total: int, rows: list[str]) -> str:
    title = "policyparse report" + (f" — {topic}" if topic else "")
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    return (f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
            f"<title>{_e(title)}</title><style>{page.CSS}</style></head><body>"
            f"<header><h1>{_e(title)}</h1><p>{total} documents in {len(rows)} jurisdictions · {_e(db)}</p></header>"
            '<main><h2 id="jurisdictions">Jurisdictions</h2>'
            '<p class="legend">Each jurisdiction has its own pages (comparison, target follow-up and documents '
            "with their records highlighted), in parts of at most a few hundred documents.</p>"
            '<table class="summary"><thead><tr><th>jurisdiction</th><th>level</th><th>documents</th>'
            f"<th>years</th><th>pages</th></tr></thead><tbody>{''.join(rows)}</tbody></table></main></body></html>")
