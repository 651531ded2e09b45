"""Ingest under stress, in subprocesses: broken files, kill -9 mid-write, two writers at once."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policyparse.store import connect, counts, ingest

from conftest import ROOT, SEEDS

PY = sys.executable


def _bench():
    spec = importlib.util.spec_from_file_location("policyparse_bench", ROOT / "scripts" / "bench.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, mod)  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def generated(tmp_path: Path, n: int, scale: float = 0.15) -> list[Path]:
    """``n`` small documents of shuffled seed paragraphs (the benchmark's generator)."""
    return _bench().generate_corpus(tmp_path / "gen", n, seed=7, scale=scale)


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "policyparse", *args], capture_output=True, text=True, timeout=600, **kw)


def per_document(db: Path) -> dict[str, tuple]:
    """doc_key → (versions, sha, clauses, sections, records): the shape a clean ingest must have."""
    conn = sqlite3.connect(db)
    rows = conn.execute("""
        SELECT d.doc_key, (SELECT COUNT(*) FROM versions v WHERE v.doc_id = d.doc_id), cv.sha256,
               (SELECT COUNT(*) FROM clauses c WHERE c.version_id = cv.version_id),
               (SELECT COUNT(*) FROM sections s WHERE s.version_id = cv.version_id),
               (SELECT COUNT(*) FROM records r WHERE r.version_id = cv.version_id)
        FROM documents d JOIN current_versions cv USING (doc_id)""").fetchall()
    conn.close()
    return {r[0]: r[1:] for r in rows}


def assert_sound(db: Path) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT * FROM orphans").fetchall() == []
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_broken_files_do_not_stop_the_batch(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for f in SEEDS:
        shutil.copy(f, d / f.name)
    (d / "empty.txt").write_bytes(b"")
    (d / "garbage.pdf").write_bytes(os.urandom(2048))
    (d / "truncated.docx").write_bytes(b"PK\x03\x04" + os.urandom(300))
    db = tmp_path / "p.sqlite"
    r = cli("ingest", str(d), "--db", str(db), "--workers", "2", "--json")
    assert r.returncode == 2, r.stderr  # partial success
    assert "\x1b" not in r.stderr + r.stdout  # not a terminal: no progress bar drawn
    summary = json.loads(r.stdout)
    assert summary["ingested"] == len(SEEDS)
    assert sorted(Path(f["path"]).name for f in summary["failed"]) == ["empty.txt", "garbage.pdf", "truncated.docx"]
    c = counts(connect(db))
    assert (c["documents"], c["failures"]) == (len(SEEDS), 3)
    listed = cli("failures", "--db", str(db), "--json")
    assert listed.returncode == 0
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted(Path(r["path"]).name for r in rows) == ["empty.txt", "garbage.pdf", "truncated.docx"]
    for row in rows:
        assert row["error"].startswith(row["path"] + ": ") and "\n" not in row["error"]
    assert_sound(db)
    missing = cli("failures", "--db", str(tmp_path / "none.sqlite"))
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "none.sqlite" in missing.stderr


# The driver slows every document's write *inside* the transaction, so a kill -9 lands with a
# batch half-written; the resumed ingest is the plain CLI.
_SLOW_DRIVER = """
import sys, time
from policyparse.store import db, ingest
orig = db.write_result
def slow(*a, **k):
    out = orig(*a, **k)
    time.sleep(0.01)
    return out
db.write_result = slow
sys.modules["policyparse.store.ingest"].BATCH_SECONDS = 1e9  # commit by count only: batches of 10
ingest([sys.argv[1]], sys.argv[2], workers=1, batch_docs=10)
"""


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_stores_every_document_once(tmp_path):
    paths = generated(tmp_path, 300)
    src = paths[0].parent
    db = tmp_path / "killed.sqlite"
    proc = subprocess.Popen([PY, "-c", _SLOW_DRIVER, str(src), str(db)])
    committed = 0
    deadline = time.monotonic() + 300
    while committed < 40 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as c:
                    committed = c.execute("SELECT COUNT(*) FROM versions").fetchone()[0]
            except sqlite3.OperationalError:  # schema not created yet
                pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "ingest finished before it could be killed"

    conn = sqlite3.connect(db)
    before = set(conn.execute("SELECT version_id, sha256 FROM versions"))
    conn.close()
    assert 40 <= len(before) < 300 and len(before) % 10 == 0  # whole batches only
    assert_sound(db)

    r = cli("ingest", str(src), "--db", str(db), "--workers", "2", "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert (s["ingested"], s["unchanged"], s["failed"]) == (300 - len(before), len(before), [])
    conn = sqlite3.connect(db)
    after = set(conn.execute("SELECT version_id, sha256 FROM versions"))
    keys = [k for k, in conn.execute("SELECT doc_key FROM documents")]
    conn.close()
    assert before <= after  # nothing committed was lost or rewritten
    assert len(keys) == len(set(keys)) == len(after) == 300
    assert_sound(db)
    # same shape, document by document, as an uninterrupted ingest
    clean = tmp_path / "clean.sqlite"
    assert ingest([src], clean, workers=1).ingested == 300
    assert per_document(db) == per_document(clean)


@pytest.mark.slow
def test_two_concurrent_ingests_on_one_db(tmp_path):
    paths = [str(p) for p in generated(tmp_path, 240)]
    db = tmp_path / "p.sqlite"
    a, b = paths[:160], paths[80:]  # 80 files in both
    common = ("--db", str(db), "--workers", "1", "--batch", "5", "--json")
    procs = [subprocess.Popen([PY, "-m", "policyparse", "ingest", *part, *common], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for part in (a, b)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    sa, sb = (json.loads(out) for out, _ in outs)
    assert sa["ingested"] + sb["ingested"] == 240
    assert sa["unchanged"] + sb["unchanged"] == 80
    assert sa["files"] == sb["files"] == 160
    c = counts(connect(db))
    assert c["documents"] == c["versions"] == 240
    assert_sound(db)
    clean = tmp_path / "clean.sqlite"
    ingest(paths, clean)
    assert per_document(db) == per_document(clean)
