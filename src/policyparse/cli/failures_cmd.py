"""policyparse failures [--db X] [--json]"""
from __future__ import annotations

import json as jsonlib
from pathlib import Path

import typer

from . import app, fail


@app.command("failures")
def failures_command(
    db: Path = typer.Option(Path("policies.sqlite"), "--db", help="SQLite store"),
    json: bool = typer.Option(False, "--json", help="one JSON object per line"),
):
    """List the files that could not be ingested (a later successful ingest removes them)."""
    from ..store import connect
    from ..store.db import failures

    try:
        conn = connect(db, create=False)
    except FileNotFoundError as e:
        raise fail(str(e))
    try:
        rows = failures(conn)
    finally:
        conn.close()
    for r in rows:
        if json:
            typer.echo(jsonlib.dumps(dict(r), ensure_ascii=False))
        else:
            typer.echo(f"{r['failed_at']}  {r['error']}  (attempts {r['attempts']})")
    if not json:
        typer.echo(f"{len(rows)} failure(s)", err=True)
