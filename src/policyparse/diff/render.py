"""Terminal (rich) and HTML (新旧对照表) views of a DiffResult. All document text is escaped."""
from __future__ import annotations

import html

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import SILENT, DiffResult, Pair

_STATUS_STYLE = {"modified": "yellow", "inserted": "green", "deleted": "red", "moved": "cyan",
                 "renumbered": "blue", "split": "magenta", "merged": "magenta", "unchanged": "dim"}


def summary_lines(result: DiffResult) -> list[str]:
    """One line per value-level change: where (old → new section) and what."""
    lines = []
    for p in result.pairs:
        where = (p.old[0].section if p.old else "") + " → " + (p.new[0].section if p.new else "")
        for c in p.changes:
            lines.append(f"[{where.strip()}] {c.summary}")
    return lines


def print_terminal(result: DiffResult, console: Console | None = None, show_unchanged: bool = False) -> None:
    console = console or Console()
    counts = result.counts()
    console.print("[bold]clauses:[/] " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    console.print(f"[bold]value changes:[/] {len(result.changes)}")
    for line in summary_lines(result):
        console.print("  • " + escape(line))
    table = Table(show_lines=True, expand=True)
    table.add_column("status", no_wrap=True)
    table.add_column("old", overflow="fold")
    table.add_column("new", overflow="fold")
    for p in result.pairs:
        if p.status in SILENT and not p.changes and not show_unchanged:
            continue
        old, new = _inline_markup(p)
        table.add_row(f"[{_STATUS_STYLE[p.status]}]{p.status}[/]", old, new)
    console.print(table)


def _inline_markup(p: Pair) -> tuple[str, str]:
    if not p.inline:
        return (escape("\n".join(c.text for c in p.old)), escape("\n".join(c.text for c in p.new)))
    old, new = [], []
    for op, t in p.inline:
        t = escape(t)
        if op == 0:
            old.append(t)
            new.append(t)
        elif op < 0:
            old.append(f"[red strike]{t}[/]")
        else:
            new.append(f"[green underline]{t}[/]")
    return "".join(old), "".join(new)


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.4em .6em;vertical-align:top}
th{background:#f0f0f0}td.status{white-space:nowrap;font-size:.85em}del{background:#fdd;color:#900}
ins{background:#dfd;color:#060;text-decoration:none}tr.unchanged td{color:#888}
.summary li{margin:.2em 0}.sec{color:#666;font-size:.8em;display:block}
"""


def _cell(p: Pair, side: str) -> str:
    refs = p.old if side == "old" else p.new
    sec = "".join(f'<span class="sec">{html.escape(r.section or "—")}</span>' for r in refs[:1])
    if not p.inline:
        return sec + "<br>".join(html.escape(r.text) for r in refs)
    parts = []
    for op, t in p.inline:
        t = html.escape(t)
        if op == 0:
            parts.append(t)
        elif op < 0 and side == "old":
            parts.append(f"<del>{t}</del>")
        elif op > 0 and side == "new":
            parts.append(f"<ins>{t}</ins>")
    return sec + "".join(parts)


def to_html(result: DiffResult, show_unchanged: bool = True) -> str:
    e = html.escape
    title = f"新旧对照表：{result.old.title or result.old.path or ''} → {result.new.title or result.new.path or ''}"
    counts = "，".join(f"{k} {v}" for k, v in sorted(result.counts().items()))
    items = "".join(f"<li>{e(line)}</li>" for line in summary_lines(result)) or "<li>（无数值变化）</li>"
    rows = []
    for p in result.pairs:
        if p.status == "unchanged" and not show_unchanged:
            continue
        rows.append(f'<tr class="{p.status}"><td class="status">{e(p.status)}</td>'
                    f"<td>{_cell(p, 'old')}</td><td>{_cell(p, 'new')}</td></tr>")
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f"<style>{_CSS}</style></head><body><h1>{e(title)}</h1>"
            f"<p>条款：{e(counts)}</p><h2>数值变化</h2><ul class=\"summary\">{items}</ul>"
            f"<table><thead><tr><th>状态</th><th>原条款</th><th>新条款</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></body></html>")
