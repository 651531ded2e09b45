"""policyparse read FILE [--json]"""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from . import LIMIT_HELP, app, apply_limits, fail


@app.command("read")
def read_command(file: Path, json: bool = typer.Option(False, "--json", help="print the Document as JSON"),
                 limit: List[str] = typer.Option([], "--limit", metavar="NAME=VALUE", help=LIMIT_HELP)):
    """Read FILE and print its structure (an outline, or JSON)."""
    apply_limits(limit)
    from ..errors import PolicyParseError
    from ..readers import read

    try:
        doc = read(file)
    except PolicyParseError as e:  # always "<path>: <reason>", one line
        raise fail(str(e))
    from ..readers.pdf import NO_CJK

    if NO_CJK in doc.warnings:  # on stderr too: with --json or a pipe the outline's warning is easy to miss
        typer.echo(f"policyparse: warning: {file}: {NO_CJK}", err=True)
    if json:
        typer.echo(doc.model_dump_json(indent=2, exclude={"records"}))
        return
    from .render import print_outline
    print_outline(doc)
