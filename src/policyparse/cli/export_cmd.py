"""policyparse export --db X --format csv|jsonl|parquet [--kind money] --out PATH"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import app, fail


@app.command("export")
def export_command(
    out: Path = typer.Option(..., "--out", "-o", help="file to write"),
    db: Path = typer.Option(Path("policies.sqlite"), "--db", help="SQLite store"),
    format: str = typer.Option("csv", "--format", "-f", help="csv, jsonl or parquet"),
    kind: Optional[str] = typer.Option(None, "--kind", help="only records of this kind (money, time, …)"),
    all_versions: bool = typer.Option(False, "--all-versions", help="every stored version, not only the latest"),
    jurisdiction: Optional[str] = typer.Option(None, "--jurisdiction",
                                               help="only documents of this jurisdiction or inside it (四川, 柳河县)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar (shown on a terminal after 1 s)"),
):
    """Write the stored records (latest version of each document) as csv, jsonl or parquet."""
    from ..store import export
    from .progress import slow_bar, stderr_console

    try:
        with slow_bar(stderr_console(), "export", quiet) as update:
            n = export(db, format, out, kind=kind, all_versions=all_versions, jurisdiction=jurisdiction,
                       on_progress=update)
    except (ValueError, FileNotFoundError) as e:
        raise fail(str(e))
    typer.echo(f"{out}: {n} records")
