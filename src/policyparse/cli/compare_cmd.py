"""policyparse compare [--db X] [--jurisdictions 天津,四川,柳河县] [--level province|city|district|county|zone|national]
[--topic 产业技术研究院] [--format table|csv|html] [--out FILE]   (--cities is --jurisdictions)"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from . import app, fail

FORMATS = ("table", "csv", "html")
LEVELS = ("national", "province", "city", "district", "county", "zone")


def check_level(level: Optional[str]) -> Optional[str]:
    if level is not None and level not in LEVELS:
        raise fail(f"unknown level {level!r} (one of: {', '.join(LEVELS)})")
    return level


def split_cities(cities: Optional[str]) -> Optional[list[str]]:
    if not cities:
        return None
    return [c.strip() for c in cities.replace("，", ",").split(",") if c.strip()] or None


@app.command("compare")
def compare_command(
    db: Path = typer.Option(Path("policies.sqlite"), "--db", help="SQLite store (see `policyparse ingest`)"),
    cities: Optional[str] = typer.Option(None, "--jurisdictions", "--cities",
                                         help="jurisdictions of any level, comma-separated, in column order (default: all)"),
    level: Optional[str] = typer.Option(None, "--level", help="only documents of this level: " + ", ".join(LEVELS)),
    topic: Optional[str] = typer.Option(None, "--topic", help="only documents about this (title or frequent in body)"),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or html"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="write here instead of stdout"),
    replies: bool = typer.Option(False, "--include-replies", help="also take instruments from 答复 replies"),
):
    """The same instrument side by side across jurisdictions, each value with its source clause."""
    from ..compare import compare
    from ..compare.render import coverage_text, html_page, print_terminal, to_csv

    if format not in FORMATS:
        raise fail(f"unknown format {format!r} (one of: {', '.join(FORMATS)})")
    try:
        table = compare(db, split_cities(cities), topic, include_replies=replies, level=check_level(level))
    except FileNotFoundError as e:
        raise fail(str(e))
    if not table.documents:
        raise fail(f"{db}: no policy documents match (jurisdictions={cities or 'any'}, level={level or 'any'}, "
                   f"topic={topic or 'any'})")
    if format == "table":
        if out:
            from rich.console import Console

            with out.open("w", encoding="utf-8") as f:
                print_terminal(table, Console(file=f, width=160))
        else:
            print_terminal(table)
        return
    text = to_csv(table) if format == "csv" else html_page(table)
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        typer.echo(f"{out}: {len(table.rows)} rows × {len(table.cities)} jurisdictions; "
                   f"named-instrument coverage {coverage_text(table)}")
    else:
        typer.echo(text, nl=False)
