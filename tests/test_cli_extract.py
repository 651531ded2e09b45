"""The extract and eval commands through typer's test runner."""
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import policyparse
from policyparse.cli import app
from policyparse.cli import commands  # noqa: F401  (registers the commands)
from policyparse.model import record_from_dict

ROOT = Path(__file__).resolve().parents[1]
DOC = "tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_extract_jsonl_round_trips_to_records_on_the_document(corpus_dir):
    path = corpus_dir / DOC
    res = run("extract", path, "--format", "jsonl")
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    assert lines, "no records"
    doc = policyparse.read(path)
    kinds = set()
    for ln in lines:
        r = record_from_dict(json.loads(ln))
        assert doc.text[r.start:r.end] == r.text
        kinds.add(r.kind)
    assert "money" in kinds  # 最高不超过1000万元 is in this document


def test_extract_kinds_filter(corpus_dir):
    res = run("extract", corpus_dir / DOC, "--kinds", "money,time")
    assert res.exit_code == 0, res.output
    kinds = {json.loads(ln)["kind"] for ln in res.stdout.splitlines() if ln.strip()}
    assert kinds and kinds <= {"money", "time"}


def test_extract_table_lists_records(corpus_dir):
    res = runner.invoke(app, ["extract", str(corpus_dir / DOC), "--format", "table", "--kinds", "money"],
                        env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert "最高不超过1000万元" in res.stdout and "value=10000000" in res.stdout


def test_table_escapes_document_text():
    from io import StringIO

    from rich.console import Console

    from policyparse.cli.extract_cmd import print_records
    from policyparse.model import Money

    out = StringIO()
    print_records([Money(text="[bold]500万元[/bold]", start=0, end=19, value=5e6)],
                  Console(file=out, width=200, color_system=None))
    assert "[bold]500万元[/bold]" in out.getvalue()  # printed literally, not eaten as markup


@pytest.mark.parametrize("args,needle", [
    (("extract", "no-such-file.txt"), "no-such-file.txt"),
    (("extract", "{doc}", "--kinds", "money,nonsense"), "nonsense"),
    (("extract", "{doc}", "--format", "xml"), "xml"),
])
def test_extract_errors_are_one_line(args, needle, corpus_dir):
    res = run(*[a.format(doc=corpus_dir / DOC) for a in args])
    assert res.exit_code != 0
    err = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(err) == 1 and needle in err[0] and err[0].startswith("policyparse: error:")


@pytest.fixture()
def gold_dir(tmp_path):
    d = tmp_path / "gold"
    d.mkdir()
    for name in ("tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.json", "tianjin_2021_renda-0700-jianyi-dafu.json"):
        shutil.copy(ROOT / "gold" / name, d / name)
    return d


def _gold_kinds(d: Path) -> set[str]:
    return {r["kind"] for p in d.glob("*.json") for r in json.loads(p.read_text(encoding="utf-8"))["records"]}


def test_eval_prints_a_row_for_every_gold_kind(gold_dir, corpus_dir):
    res = runner.invoke(app, ["eval", str(gold_dir), "--corpus", str(corpus_dir)], env={"COLUMNS": "160"})
    assert res.exit_code == 0, res.output
    rows = {ln.split("│")[1].strip() for ln in res.stdout.splitlines() if ln.count("│") > 3}
    assert _gold_kinds(gold_dir) <= rows and "all" in rows


def test_eval_json_counts_every_gold_record(gold_dir, corpus_dir):
    res = run("eval", gold_dir, "--corpus", corpus_dir, "--json", "--details")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    n_gold = sum(len(json.loads(p.read_text(encoding="utf-8"))["records"]) for p in gold_dir.glob("*.json"))
    assert data["all"]["gold"] == n_gold
    assert set(data["kinds"]) >= _gold_kinds(gold_dir)
    assert all(0.0 <= k["f1"] <= 1.0 for k in data["kinds"].values())
    assert len(data["files"]) == 2


def test_eval_reports_a_broken_gold_file_and_scores_the_rest(gold_dir, corpus_dir):
    (gold_dir / "broken.json").write_text('{"file": "corpus/nothing.txt", "records": []}', encoding="utf-8")
    res = run("eval", gold_dir, "--corpus", corpus_dir, "--json")
    assert res.exit_code == 1
    assert "broken.json" in res.stderr and "nothing.txt" in res.stderr
    assert len(json.loads(res.stdout)["gold_files"]) == 2
