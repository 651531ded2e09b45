"""policyparse diff OLD NEW [--summary] [--json] [--html FILE]"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import app, fail


@app.command("diff")
def diff_command(
    old: Path, new: Path,
    summary: bool = typer.Option(False, "--summary", help="only the value-level changes, one line each"),
    json: bool = typer.Option(False, "--json", help="the diff as JSON (stable schema)"),
    html: Optional[Path] = typer.Option(None, "--html", help="write a side-by-side 新旧对照表 page"),
    all_: bool = typer.Option(False, "--all", help="also show unchanged clauses in the terminal view"),
):
    """What changed between two versions of a policy."""
    from ..diff import diff
    from ..diff.render import print_terminal, summary_lines, to_html
    from ..errors import ReadError

    try:
        result = diff(old, new)
    except ReadError as e:
        raise fail(str(e))
    if html:
        html.write_text(to_html(result), encoding="utf-8")
    if json:
        typer.echo(result.to_json())
    elif summary:
        for line in summary_lines(result):
            typer.echo(line)
    elif not html:
        print_terminal(result, show_unchanged=all_)
