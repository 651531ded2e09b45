"""Progress of `ingest` (events from store.ingest, a rich bar drawn by the CLI) and of export/report:
every file is seen once per phase, failures are counted, the bar is drawn on a terminal only,
and --json prints one JSON object with the counts."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from policyparse.cli import progress as cli_progress
from policyparse.cli.progress import IngestBar, slow_bar
from policyparse.store import doc_key, ingest

from conftest import ROOT, SEEDS


@pytest.fixture()
def corpus(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for f in SEEDS:
        shutil.copy(f, d / f.name)
    (d / "broken.pdf").write_bytes(b"not a pdf")
    return d


def _terminal() -> tuple[Console, StringIO]:
    buf = StringIO()
    return Console(force_terminal=True, file=buf, width=160), buf


def test_callback_sees_every_file_once_per_phase_and_counts_failures(corpus, tmp_path):
    events = []
    s = ingest([corpus], tmp_path / "p.sqlite", on_progress=events.append)
    files = {doc_key(p) for p in corpus.iterdir()}
    for phase in ("plan", "ingest"):
        seen = [doc_key(e.path) for e in events if e.phase == phase and e.path]
        assert sorted(seen) == sorted(files), phase  # each file exactly once
        done = [e.done for e in events if e.phase == phase]
        assert done == sorted(done) and done[-1] == len(files)
    ingest_events = [e for e in events if e.phase == "ingest"]
    assert [e.phase for e in events].index("ingest") > max(i for i, e in enumerate(events) if e.phase == "plan")
    last = ingest_events[-1]
    assert last.failed == len(s.failed) == 1
    assert [doc_key(e.path) for e in ingest_events if e.path and not e.ok] == [doc_key(corpus / "broken.pdf")]
    assert last.chars == s.chars > 0
    # a re-run: everything unchanged, still one event per file, no characters read
    again = []
    s2 = ingest([corpus], tmp_path / "p.sqlite", on_progress=again.append)
    settled = [e for e in again if e.phase == "ingest" and e.path]
    assert len(settled) == s2.files == len(files) and s2.unchanged == len(files) - 1
    assert settled[-1].chars == 0 and settled[-1].failed == 1


def test_bar_renders_phases_counts_and_failures_on_a_terminal(corpus, tmp_path):
    console, buf = _terminal()
    with IngestBar(console) as bar:
        s = ingest([corpus], tmp_path / "p.sqlite", on_progress=bar)
    out = buf.getvalue()
    assert "hashing" in out and "ingest" in out
    n = len(SEEDS) + 1
    assert f"{n}/{n}" in out
    assert f"{len(s.failed)} failed" in out and len(s.failed) == 1
    assert "chars/s" in out


def test_bar_is_silent_without_a_terminal_or_when_quiet(corpus, tmp_path):
    buf = StringIO()
    with IngestBar(Console(file=buf, force_terminal=False)) as bar:
        ingest([corpus], tmp_path / "a.sqlite", on_progress=bar)
    console, tbuf = _terminal()
    with IngestBar(console, quiet=True) as bar:
        ingest([corpus], tmp_path / "b.sqlite", on_progress=bar)
    assert buf.getvalue() == "" and tbuf.getvalue() == ""


def test_slow_bar_appears_only_after_the_threshold(monkeypatch):
    monkeypatch.setattr(cli_progress, "SHOW_AFTER_S", 0.05)
    console, buf = _terminal()
    with slow_bar(console, "quick") as update:
        update(1, 2)
    assert buf.getvalue() == ""  # over before the threshold: nothing drawn
    with slow_bar(console, "slow") as update:
        update(1, 2)
        deadline = time.monotonic() + 5
        while "slow" not in buf.getvalue() and time.monotonic() < deadline:
            time.sleep(0.02)
    assert "slow" in buf.getvalue()


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "policyparse", *args], capture_output=True, text=True, env=env)


def test_cli_json_is_one_object_with_the_counts_and_no_bar_when_piped(corpus, tmp_path):
    out = _cli("ingest", str(corpus), "--db", str(tmp_path / "p.sqlite"), "--workers", "1", "--json")
    assert out.returncode == 2  # one file failed, the rest stored
    summary = json.loads(out.stdout)  # the whole of stdout is one JSON object
    assert summary["files"] == len(SEEDS) + 1
    assert summary["ingested"] == len(SEEDS) and len(summary["failed"]) == 1
    assert summary["files"] == (summary["ingested"] + summary["new_versions"] + summary["unchanged"]
                                + summary["moved"] + len(summary["failed"]))
    assert "━" not in out.stderr and "hashing" not in out.stderr  # stderr is a pipe: no bar
    again = _cli("ingest", str(corpus), "--db", str(tmp_path / "p.sqlite"), "--workers", "1", "--json", "--quiet")
    assert json.loads(again.stdout)["unchanged"] == len(SEEDS)
