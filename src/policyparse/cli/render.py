"""Readable terminal output (rich). All document text is escaped: a title may contain "[b]"."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from ..model import Document, Section


def _head(doc: Document) -> list[tuple[str, str | None]]:
    fmt = f"{doc.format} ({doc.reader}{', ' + doc.encoding if doc.encoding else ''})" if doc.reader else doc.format
    return [
        ("title", doc.title),
        ("wraps", doc.wrapped_title if doc.is_transmittal else None),
        ("type", doc.doc_type),
        ("doc_number", doc.doc_number),
        ("issuers", "、".join(doc.issuers) or None),
        ("recipients", "；".join(doc.recipients) or None),
        ("date", doc.date),
        ("published", doc.published),
        ("jurisdiction", _jurisdiction(doc)),
        ("format", fmt),
    ]


def _jurisdiction(doc: Document) -> str | None:
    """柳河县 (county; 通化市 < 吉林省) — the level, then the chain of parents."""
    j = doc.jurisdiction
    if j is None:
        return None
    chain = [x for x in dict.fromkeys((j.parent, j.city, j.province)) if x and x != j.name]
    return f"{j.name} ({j.level}{'; ' + ' < '.join(chain) if chain else ''})"


def _label(s: Section) -> str:
    return f"[dim]{escape(s.id)}[/] {escape(s.number)}{escape(s.heading)}"


def print_outline(doc: Document, console: Console | None = None) -> None:
    console = console or Console()
    for k, v in _head(doc):
        if v:
            console.print(f"[bold]{k}[/]: {escape(str(v))}", soft_wrap=True)
    for k, v in doc.metadata.items():
        console.print(f"[dim]metadata {escape(k)}: {escape(str(v))}[/]", soft_wrap=True)
    tree = Tree(f"[bold]outline[/] ({len(doc.clauses)} clauses)")

    def add(node: Tree, sec: Section) -> None:
        child = node.add(_label(sec))
        for c in sec.children:
            add(child, c)

    for s in doc.sections:
        add(tree, s)
    console.print(tree)
    for a in doc.attachments:
        console.print(f"[bold]attachment[/]: {escape(a.title)}")
    for w in doc.warnings:
        console.print(f"[yellow]warning[/]: {escape(w)}")
