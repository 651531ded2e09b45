"""policyparse eval GOLD_DIR [--corpus DIR] [--json] [--details] [--kinds …]

A directory of comparison tables (*.csv, gold/compare/README.md) is scored cell by cell instead."""
from __future__ import annotations

import json as _json
from pathlib import Path
from typing import Optional

import typer

from . import app, fail


@app.command("eval")
def eval_command(
    gold_dir: Path,
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="directory holding the gold files' documents"),
    json: bool = typer.Option(False, "--json", help="print the scores as JSON"),
    details: bool = typer.Option(False, "--details", help="list misses, false positives and wrong values per file"),
    kinds: Optional[str] = typer.Option(None, "--kinds", "-k", help="comma-separated kinds to score"),
):
    """Extract every gold file's document and score the records against the gold (or, for a
    directory of comparison tables, gold/compare/*.csv, score the compare cells)."""
    from ..eval import evaluate, load_gold_dir
    from .extract_cmd import parse_kinds

    if not gold_dir.is_dir():
        raise fail(f"{gold_dir}: not a directory")
    if any(gold_dir.glob("*.csv")) and not any(gold_dir.glob("*.json")):
        return eval_compare(gold_dir, corpus, json, details)
    wanted = parse_kinds(kinds)
    files, errors = load_gold_dir(gold_dir, corpus)
    for e in errors:
        typer.echo(f"policyparse: error: {e}", err=True)
    if not files:
        raise fail(f"{gold_dir}: no usable gold files")
    ev = evaluate(files, kinds=wanted)
    for line in ev.errors:
        typer.echo(f"policyparse: error: {line}", err=True)
    if json:
        data = ev.as_dict()
        if not details:
            data.pop("files")
        data["gold_files"] = [str(f.path) for f in files]
        data["errors"] = [str(e) for e in errors] + ev.errors
        typer.echo(_json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print_evaluation(ev, details=details, n_files=len(files))
    if errors or ev.errors:
        raise typer.Exit(1)


def print_evaluation(ev, details: bool = False, n_files: int | None = None, console=None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()
    d = ev.as_dict()
    t = Table("kind", "gold", "pred", "tp", "P", "R", "F1", "span F1",
              title=f"span + value (strict) over {n_files if n_files is not None else len(d['files'])} file(s)")
    rows = list(d["kinds"].items()) + [("all", d["all"])]
    for k, s in rows:
        t.add_row(k, str(s["gold"]), str(s["pred"]), str(s["tp"]), f"{s['precision']:.3f}", f"{s['recall']:.3f}",
                  f"{s['f1']:.3f}", f"{s['span_f1']:.3f}", end_section=(k == rows[-2][0]) if len(rows) > 1 else False)
    console.print(t)
    ft = Table("field", "n", "correct", "accuracy", "by kind", title="field accuracy over span-matched pairs")
    for f, s in d["fields"].items():
        by = ", ".join(f"{k} {v['correct']}/{v['n']}" for k, v in s["by_kind"].items())
        ft.add_row(f, str(s["n"]), str(s["correct"]), f"{s['accuracy']:.3f}", by)
    console.print(ft)
    if not details:
        return
    for f in d["files"]:
        if not (f["fn"] or f["fp"] or f["wrong"]):
            continue
        console.print(f"\n[bold]{escape(f['file'])}[/]", soft_wrap=True)
        for tag, rows in (("[red]FN[/]", f["fn"]), ("[yellow]FP[/]", f["fp"])):
            for r in rows:
                console.print(f"  {tag} {r['kind']:<10} {escape(r['text'])}  [dim]{escape(r['value'])}[/]", soft_wrap=True)
        for r in f["wrong"]:
            span = f"  (pred span {escape(r['pred_text'])})" if r["pred_text"] != r["text"] else ""
            console.print(f"  [magenta]WRONG[/] {r['kind']:<10} {escape(r['text'])}  gold: {escape(r['value'])}"
                          f"  pred: {escape(r['pred_value'])}{span}", soft_wrap=True)


def eval_compare(gold_dir: Path, corpus: Optional[Path], as_json: bool, details: bool) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from ..eval.compare import evaluate_compare, load_compare_gold

    gold, errors = load_compare_gold(gold_dir)
    for e in errors:
        typer.echo(f"policyparse: error: {e}", err=True)
    if not gold:
        raise fail(f"{gold_dir}: no usable comparison cells")
    res = evaluate_compare(gold, gold_dir, corpus)
    for e in res["errors"]:
        typer.echo(f"policyparse: error: {e}", err=True)
    if as_json:
        if not details:
            res.pop("details")
        typer.echo(_json.dumps(res, ensure_ascii=False, indent=2))
    else:
        console = Console()
        t = Table("family", "gold", "pred", "tp", "P", "R", "F1", "bound", "base", "tier",
                  title=f"comparison cells (instrument+jurisdiction+role+value+unit) in {gold_dir}")

        def acc(x):
            return "—" if x is None else f"{x:.2f}"

        rows = list(res["families"].items()) + [("all", res["all"])]
        for fam, s in rows:
            t.add_row(fam, str(s["gold"]), str(s["pred"]), str(s["tp"]), f"{s['precision']:.3f}",
                      f"{s['recall']:.3f}", f"{s['f1']:.3f}", acc(s["bound_accuracy"]), acc(s["base_accuracy"]),
                      acc(s["tier_accuracy"]), end_section=fam == rows[-2][0])
        console.print(t)
        if details:
            for fam, d in res["details"].items():
                for tag, cells in (("[red]FN[/]", d["missed"]), ("[yellow]FP[/]", d["false_positives"])):
                    for c in cells:
                        console.print(f"{escape(fam)} {tag} {escape(c['instrument'])} {escape(c['jurisdiction'])} "
                                      f"{c['role']} {c['value']:g}{escape(c['unit'])} {escape(c['tier'])} "
                                      f"[dim]{escape(c['clause'][:60])}[/]", soft_wrap=True)
    if errors or res["errors"]:
        raise typer.Exit(1)
