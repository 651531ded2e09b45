"""The HTML report: ``build(db or docs, out)`` writes ONE self-contained file (out/index.html).

    from policyparse.report import build
    path = build("policies.sqlite", "report/", cities=["天津", "石家庄"], topic="产业技术研究院")

A store of more than PAGE_DOCS documents gets a summary instead: index.html lists the
jurisdictions with links to their own pages (paged.py), never one page of every document.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from ..compare import compare
from ..compare.followup import follow_up
from ..compare.sources import Source, column, documents, year

__all__ = ["build", "render_report"]

PAGE_DOCS = 200  # documents on one page; a larger store gets a summary page with links


def render_report(source: Source, cities: Optional[list[str]] = None, topic: Optional[str] = None) -> str:
    from .page import render

    docs = sorted(documents(source), key=lambda d: (column(d) or "", year(d) or 0, d.date or "", d.path or ""))
    table = compare(docs, cities, topic)
    followups = {c: follow_up(docs, c) for c in table.cities}
    label = str(source) if isinstance(source, (str, Path)) else f"{len(docs)} documents"
    return render(docs, table, followups, source=label)


def build(source: Source, out: str | Path, cities: Optional[list[str]] = None,
          topic: Optional[str] = None, *, page_docs: int = PAGE_DOCS,
          on_progress: Optional[Callable[[int, Optional[int]], None]] = None) -> Path:
    """Write the report; ``out`` is a directory (→ out/index.html) or a path ending in .html.

    From a store of more than ``page_docs`` documents: a summary index.html and pages/ beside it;
    ``on_progress(documents done, total)`` after each page."""
    out = Path(out)
    path = out if out.suffix.lower() in (".html", ".htm") else out / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, (str, Path)) and _stored(source) > page_docs:
        from .paged import build_paged

        return build_paged(source, path, cities, topic, page_docs, on_progress)
    path.write_text(render_report(source, cities, topic), encoding="utf-8")
    return path


def _stored(db: str | Path) -> int:
    from ..store import connect

    conn = connect(db, create=False)
    try:
        return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        conn.close()
