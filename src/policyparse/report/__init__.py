"""The HTML report: ``build(db or docs, out)`` writes ONE self-contained file (out/index.html).

    from policyparse.report import build
    path = build("policies.sqlite", "report/", cities=["天津", "石家庄"], topic="产业技术研究院")
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..compare import compare
from ..compare.followup import follow_up
from ..compare.sources import Source, column, documents, year

__all__ = ["build", "render_report"]


def render_report(source: Source, cities: Optional[list[str]] = None, topic: Optional[str] = None) -> str:
    from .page import render

    docs = sorted(documents(source), key=lambda d: (column(d) or "", year(d) or 0, d.date or "", d.path or ""))
    table = compare(docs, cities, topic)
    followups = {c: follow_up(docs, c) for c in table.cities}
    label = str(source) if isinstance(source, (str, Path)) else f"{len(docs)} documents"
    return render(docs, table, followups, source=label)


def build(source: Source, out: str | Path, cities: Optional[list[str]] = None,
          topic: Optional[str] = None) -> Path:
    """Write the report; ``out`` is a directory (→ out/index.html) or a path ending in .html."""
    out = Path(out)
    path = out if out.suffix.lower() in (".html", ".htm") else out / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(source, cities, topic), encoding="utf-8")
    return path
