"""Exports: csv / jsonl / parquet and frame() round-trip the stored records."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

import policyparse
from policyparse.model import record_from_dict
from policyparse.store import connect, export, frame, ingest
from policyparse.store.db import RECORD_COLUMNS, write_batch
from policyparse.store.work import rows

from conftest import SEEDS
from test_store import _synthetic_doc


@pytest.fixture()
def db(tmp_path):
    """The seed corpus plus one synthetic document with a record of six kinds (so every export
    has records even where the extractor finds none)."""
    d = tmp_path / "in"
    d.mkdir()
    for f in SEEDS:
        shutil.copy(f, d / f.name)
    path = tmp_path / "p.sqlite"
    ingest([d], path)
    doc, recs = _synthetic_doc()
    write_batch(connect(path), [{"ok": True, "path": doc.path, "doc_key": doc.path, "sha256": doc.sha256,
                                 **rows(doc, recs)}], tool_version="t")
    return path


def stored(db, kind=None) -> int:
    sql = "SELECT COUNT(*) FROM current_records" + (" WHERE kind = ?" if kind else "")
    return connect(db).execute(sql, (kind,) if kind else ()).fetchone()[0]


def test_frame_has_one_row_per_record_with_common_columns(db):
    df = policyparse.frame(db)
    assert len(df) == stored(db) > 0
    assert {"doc_key", "path", "sha256", "version_no", "json", *RECORD_COLUMNS} <= set(df.columns)
    money = frame(db, "money")
    assert len(money) == stored(db, "money") and set(money["kind"]) == {"money"}
    syn = money[money["doc_key"] == "/virtual/synthetic.txt"]
    assert syn[["value", "bound", "per"]].values.tolist() == [[1e7, "le", "每家每年"]]


def test_frame_rejects_unknown_kind(db):
    with pytest.raises(ValueError, match="unknown record kind"):
        frame(db, "monies")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_flat_exports_round_trip(db, tmp_path, fmt):
    out = tmp_path / f"r.{fmt}"
    n = export(db, fmt, out)
    back = pd.read_csv(out) if fmt == "csv" else pq.read_table(out).to_pandas()
    want = frame(db)
    assert n == len(back) == len(want) == stored(db)
    assert list(back.columns) == list(want.columns)
    assert sorted(back["json"]) == sorted(want["json"])
    for j in back["json"]:
        record_from_dict(json.loads(j))  # every row carries a loadable record


def test_jsonl_lines_are_full_records_with_provenance(db, tmp_path):
    out = tmp_path / "r.jsonl"
    n = export(db, "jsonl", out, kind="time")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(lines) == stored(db, "time") > 0
    for line in lines:
        assert {"doc_key", "path", "sha256", "version_no"} <= set(line)
        rec = record_from_dict({k: v for k, v in line.items() if k not in ("doc_key", "path", "sha256", "version_no")})
        assert rec.kind == "time"
    syn = [x for x in lines if x["doc_key"] == "/virtual/synthetic.txt"]
    assert sorted(x["type"] for x in syn) == ["deadline", "period"]


def test_all_versions_exports_old_versions_too(db, tmp_path):
    conn = connect(db)
    doc, recs = _synthetic_doc()
    doc.sha256 = "1" * 64  # the same document, changed: version 2 with the same records
    write_batch(conn, [{"ok": True, "path": doc.path, "doc_key": doc.path, "sha256": doc.sha256,
                        **rows(doc, recs)}], tool_version="t")
    assert len(frame(db, all_versions=True)) == len(frame(db)) + len(recs)
    assert set(frame(db).query("doc_key == '/virtual/synthetic.txt'")["version_no"]) == {2}


def test_cli_export(db, tmp_path):
    out = tmp_path / "m.parquet"
    r = subprocess.run([sys.executable, "-m", "policyparse", "export", "--db", str(db), "--format", "parquet",
                        "--kind", "money", "--out", str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert pq.read_table(out).num_rows == stored(db, "money")
    bad = subprocess.run([sys.executable, "-m", "policyparse", "export", "--db", str(tmp_path / "none.sqlite"),
                          "--out", str(out)], capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "none.sqlite" in bad.stderr


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_exports_stream_in_chunks_with_progress(db, tmp_path, fmt, monkeypatch):
    """Written a few records at a time (a chunk with an all-NULL column must not break the
    Parquet schema), the file holds the same records as one read; progress reaches the total."""
    import importlib

    ex = importlib.import_module("policyparse.store.export")

    monkeypatch.setattr(ex, "CHUNK_ROWS", 3)
    seen = []
    out = tmp_path / f"r.{fmt}"
    n = export(db, fmt, out, on_progress=lambda done, total: seen.append((done, total)))
    assert n == stored(db) > 6 and seen[-1] == (n, n) and len(seen) > 3
    if fmt == "jsonl":
        assert len(out.read_text(encoding="utf-8").splitlines()) == n
        return
    back = pd.read_csv(out) if fmt == "csv" else pq.read_table(out).to_pandas()
    want = frame(db)
    assert list(back.columns) == list(want.columns) and len(back) == n
    assert back["json"].tolist() == want["json"].tolist()
    assert back["value"].fillna(-1).tolist() == want["value"].fillna(-1).tolist()
