"""policyparse read FILE [--json]"""
from __future__ import annotations

from pathlib import Path

import typer

from . import app, fail


@app.command("read")
def read_command(file: Path, json: bool = typer.Option(False, "--json", help="print the Document as JSON")):
    """Read FILE and print its structure (an outline, or JSON)."""
    from ..errors import PolicyParseError
    from ..readers import read

    try:
        doc = read(file)
    except PolicyParseError as e:  # always "<path>: <reason>", one line
        raise fail(str(e))
    if json:
        typer.echo(doc.model_dump_json(indent=2, exclude={"records"}))
        return
    from .render import print_outline
    print_outline(doc)
