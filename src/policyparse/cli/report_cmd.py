"""policyparse report [--db X] --out report/ [--cities 天津,石家庄] [--topic 产业技术研究院]"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import app, fail


@app.command("report")
def report_command(
    out: Path = typer.Option(Path("report"), "--out", "-o", help="directory (writes index.html) or a .html file"),
    db: Path = typer.Option(Path("policies.sqlite"), "--db", help="SQLite store (see `policyparse ingest`)"),
    cities: Optional[str] = typer.Option(None, "--jurisdictions", "--cities",
                                         help="jurisdictions to compare, comma-separated (default: all)"),
    topic: Optional[str] = typer.Option(None, "--topic", help="compare only documents about this"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar (shown on a terminal after 1 s)"),
):
    """One self-contained HTML page: documents with highlighted records, comparison, follow-up, charts."""
    from ..report import build
    from .compare_cmd import split_cities
    from .progress import slow_bar, stderr_console

    try:
        with slow_bar(stderr_console(), "report", quiet) as update:
            path = build(db, out, split_cities(cities), topic, on_progress=update)
    except FileNotFoundError as e:
        raise fail(str(e))
    typer.echo(f"report: {path}")
