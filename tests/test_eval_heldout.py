"""The held-out gold (gold/heldout/): two real pages no rule was written against.

These tests check that the held-out set is usable and scored, never how well: the scores are
reported (``policyparse eval gold/heldout``), not tuned, so there are no thresholds on them.
"""
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policyparse.cli import app
from policyparse.cli import commands  # noqa: F401  (registers the commands)
from policyparse.eval import evaluate, load_gold_dir
from policyparse.model import KINDS

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "gold" / "heldout"
REAL = ROOT / "corpus" / "real"
HELDOUT_FILES = sorted(HELDOUT.glob("*.json"))


def raw_records(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["records"]


@pytest.fixture(scope="module")
def loaded():
    files, errors = load_gold_dir(HELDOUT, REAL)
    return files, errors


@pytest.fixture(scope="module")
def scores(loaded):
    files, _ = loaded
    return evaluate(files).as_dict()


def test_heldout_gold_files_name_real_documents_with_a_source_row():
    assert len(HELDOUT_FILES) >= 8
    sources = (ROOT / "corpus/real/SOURCES.tsv").read_text(encoding="utf-8")
    for p in HELDOUT_FILES:
        assert "\n" + Path(json.loads(p.read_text(encoding="utf-8"))["file"]).name + "\t" in sources, p.name
    for p in HELDOUT_FILES:
        name = json.loads(p.read_text(encoding="utf-8"))["file"]
        assert name.startswith("corpus/real/") and (ROOT / name).is_file(), name


def test_heldout_documents_are_not_in_the_tuning_gold():
    # "held out" means no gold/*.json (the set the rules were written against) covers them
    tuning = {json.loads(p.read_text(encoding="utf-8"))["file"]
              for p in [*(ROOT / "gold").glob("*.json"), *(ROOT / "gold" / "real").glob("*.json")]}
    heldout = {json.loads(p.read_text(encoding="utf-8"))["file"] for p in HELDOUT_FILES}
    assert heldout and not heldout & tuning
    assert not {Path(f).name for f in heldout} & {p.name for p in (ROOT / "corpus").glob("*.*")}


def test_heldout_gold_loads_completely(loaded):
    files, errors = loaded
    assert [str(e) for e in errors] == []
    assert sorted(f.path.name for f in files) == [p.name for p in HELDOUT_FILES]
    for gf in files:
        raw = raw_records(gf.path)
        assert len(gf.records) == len(raw), gf.path.name  # nothing dropped
        assert [g.kind for g in gf.records] == [r["kind"] for r in raw]
        for g in gf.records:
            r = g.record
            assert gf.doc.text[r.start:r.end] == r.text
            assert r.kind in KINDS


def test_every_heldout_record_sits_at_a_distinct_place(loaded):
    # two gold records of one kind on the same span would be a copy-paste slip (wrong context)
    files, _ = loaded
    for gf in files:
        spans = Counter((g.kind, g.record.start, g.record.end) for g in gf.records)
        assert [s for s, n in spans.items() if n > 1] == [], gf.path.name


def test_every_kind_present_has_a_computed_f1(loaded, scores):
    files, _ = loaded
    gold_kinds = Counter(g.kind for gf in files for g in gf.records)
    assert scores["errors"] == []  # the extractor ran on both documents
    assert set(gold_kinds) <= set(scores["kinds"])
    for kind, n in gold_kinds.items():
        ks = scores["kinds"][kind]
        assert ks["gold"] == n, kind  # every gold record was scored
        assert isinstance(ks["f1"], float) and 0.0 <= ks["f1"] <= 1.0, kind
        assert isinstance(ks["span_f1"], float) and ks["f1"] <= ks["span_f1"] <= 1.0, kind
    assert scores["all"]["gold"] == sum(gold_kinds.values())


def test_cli_eval_scores_the_heldout_set(monkeypatch, loaded):
    files, _ = loaded
    monkeypatch.chdir(ROOT)  # gold `file` paths are relative to the repository root
    res = CliRunner().invoke(app, ["eval", "gold/heldout", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["errors"] == []
    assert sorted(Path(p).name for p in data["gold_files"]) == [p.name for p in HELDOUT_FILES]
    assert data["all"]["gold"] == sum(len(gf.records) for gf in files)
    assert all(isinstance(v["f1"], float) for v in data["kinds"].values())
