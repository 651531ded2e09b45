"""policyparse extract FILE [--format jsonl|table] [--kinds money,time]"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from . import LIMIT_HELP, app, apply_limits, fail

FORMATS = ("jsonl", "table")


def parse_kinds(kinds: Optional[str]) -> Optional[list[str]]:
    """``"money, time"`` → ["money", "time"]; unknown kinds are a one-line error."""
    if not kinds:
        return None
    from ..extract import ALL_KINDS
    out = [k.strip() for k in kinds.split(",") if k.strip()]
    unknown = [k for k in out if k not in ALL_KINDS]
    if unknown:
        raise fail(f"unknown kind(s): {', '.join(unknown)} (known: {', '.join(ALL_KINDS)})")
    return out


@app.command("extract")
def extract_command(
    file: Path,
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl (one record per line) or table"),
    kinds: Optional[str] = typer.Option(None, "--kinds", "-k", help="comma-separated kinds, e.g. money,time"),
    limit: List[str] = typer.Option([], "--limit", metavar="NAME=VALUE", help=LIMIT_HELP),
):
    """Read FILE and print the records found in it."""
    apply_limits(limit)
    from ..errors import PolicyParseError
    from ..extract import extract
    from ..readers import read

    if format not in FORMATS:
        raise fail(f"unknown format {format!r} (use {' or '.join(FORMATS)})")
    wanted = parse_kinds(kinds)
    try:
        doc = read(file)
        records = extract(doc, wanted)
    except PolicyParseError as e:
        raise fail(str(e))
    except ValueError as e:
        raise fail(f"{file}: {e}")
    if format == "jsonl":
        for r in records:
            typer.echo(r.model_dump_json())
        return
    print_records(records)


def print_records(records, console=None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from ..eval.metrics import describe

    table = Table("kind", "start", "end", "text", "value", "section", title=f"{len(records)} records")
    for r in records:
        table.add_row(r.kind, str(r.start), str(r.end), escape(r.text), escape(describe(r)), escape(r.section or ""))
    (console or Console()).print(table)
