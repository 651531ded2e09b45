"""Readable terminal output (rich)."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from ..model import Document


def print_outline(doc: Document, console: Console | None = None) -> None:
    console = console or Console()
    head = [("title", doc.title), ("doc_number", doc.doc_number), ("issuers", "、".join(doc.issuers) or None),
            ("recipients", "、".join(doc.recipients) or None), ("date", doc.date),
            ("place", "/".join(x for x in (doc.province, doc.city) if x) or None),
            ("format", f"{doc.format} ({doc.reader}{', ' + doc.encoding if doc.encoding else ''})")]
    for k, v in head:
        if v:
            console.print(f"[bold]{k}[/]: {escape(str(v))}")
    for s in doc.walk():
        console.print("  " * (s.level - 1) + escape(f"{s.number}{s.heading}"))
    for a in doc.attachments:
        console.print(f"[bold]attachment[/]: {escape(a.title)}")
    for w in doc.warnings:
        console.print(f"[yellow]warning[/]: {escape(w)}")
