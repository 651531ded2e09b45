"""policyparse targets [--db X] --jurisdiction 天津 [--json]   (--city is --jurisdiction)"""
from __future__ import annotations

import json as jsonlib
from pathlib import Path

import typer

from . import app, fail


@app.command("targets")
def targets_command(
    city: str = typer.Option(..., "--jurisdiction", "--city", help="the jurisdiction whose targets to follow up (天津, 四川, 柳河县)"),
    db: Path = typer.Option(Path("policies.sqlite"), "--db", help="SQLite store (see `policyparse ingest`)"),
    json: bool = typer.Option(False, "--json", help="one JSON object per target"),
    reported_only: bool = typer.Option(False, "--reported", help="only targets some later document reports on"),
):
    """Targets (metric, value, deadline) with the latest value later documents report, and sources."""
    from ..compare.followup import follow_up

    try:
        fus = follow_up(db, city)
    except FileNotFoundError as e:
        raise fail(str(e))
    if reported_only:
        fus = [f for f in fus if f.reports]
    if not fus:
        raise fail(f"{db}: no targets stated for {city}")
    if json:
        for f in fus:
            typer.echo(jsonlib.dumps({**f.model_dump(mode="json"), "status": f.status}, ensure_ascii=False))
        return
    from rich.markup import escape

    from ..compare.render import wide_console
    from rich.table import Table

    t = Table(title=escape(f"targets of {city}"), show_lines=True)
    for col in ("metric", "target", "source", "latest reported", "reported in", "status"):
        t.add_column(col, overflow="fold")
    for f in fus:
        last = f.latest
        t.add_row(escape(f.metric), escape(f.display),
                  escape(f"{f.source.doc} §{f.source.section} ({f.source.clause_id})"),
                  escape(f"{last.metric}: {last.display} «{last.text}» [{last.match}]") if last else "[dim]—[/]",
                  escape(f"{last.source.doc} §{last.source.section} ({last.source.clause_id})") if last else "",
                  escape(f.status))
    wide_console().print(t)
