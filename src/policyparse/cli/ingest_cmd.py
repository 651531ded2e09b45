"""policyparse ingest PATH... [--db policies.sqlite] [--workers N] [--engine process|dask|ray]"""
from __future__ import annotations

import json as jsonlib
import os
import sqlite3
from pathlib import Path
from typing import List, Optional

import typer

from . import LIMIT_HELP, app, apply_limits, fail


@app.command("ingest")
def ingest_command(
    paths: List[Path] = typer.Argument(..., help="files or directories (searched recursively)"),
    db: Path = typer.Option(Path("policies.sqlite"), "--db", help="SQLite store (created if missing)"),
    workers: int = typer.Option(max(1, min(os.cpu_count() or 1, 8)), "--workers", "-j", min=1,
                                help="worker processes (1 = in this process)"),
    engine: str = typer.Option("process", "--engine", help="process, dask or ray"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", "--address", help="address of a running dask scheduler or ray cluster (ray: host:port or auto; default: start a local one)"),
    batch: int = typer.Option(64, "--batch", min=1, help="documents per transaction"),
    json: bool = typer.Option(False, "--json", help="print the summary as one JSON object on stdout"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar (there is none when stderr is not a terminal)"),
    limit: List[str] = typer.Option([], "--limit", metavar="NAME=VALUE", help=LIMIT_HELP),
):
    """Read and extract every supported file under PATHS into a SQLite store (idempotent)."""
    apply_limits(limit)
    from rich.console import Console
    from rich.markup import escape

    from ..store import ingest
    from ..store.engines import ENGINES
    from .progress import IngestBar, stderr_console

    if engine not in ENGINES:
        raise fail(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    with IngestBar(stderr_console(), quiet) as bar:
        try:
            summary = ingest(paths, db, workers=workers, engine=engine, batch_docs=batch,
                             scheduler=scheduler, on_progress=bar)
        except (RuntimeError, OSError, ValueError) as e:
            raise fail(str(e))
        except sqlite3.Error as e:  # full disk, read-only store: one line, not a traceback
            raise fail(f"{db}: {e} (documents committed before this are kept; fix the store and run "
                       f"ingest again to resume)")
    if json:
        typer.echo(jsonlib.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        out = Console(highlight=False)
        rate = summary.files / summary.seconds if summary.seconds else 0.0
        out.print(f"{escape(str(db))}: {summary.files} files in {summary.seconds:.1f}s ({rate:.1f} files/s) — "
                  f"ingested {summary.ingested}, new versions {summary.new_versions}, "
                  f"unchanged {summary.unchanged}, moved {summary.moved}, failed {len(summary.failed)}",
                  soft_wrap=True)
        for _path, error in summary.failed:
            out.print(f"  [red]failed[/]: {escape(error)}", soft_wrap=True)
    if summary.failed:
        raise typer.Exit(2)  # partial success: everything else was stored
