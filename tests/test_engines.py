"""The same per-document function on every engine gives the same store."""
from __future__ import annotations

import json
import sqlite3

import pytest

from policyparse.store import ingest
from policyparse.store.engines import ray_available, run

from test_ingest import assert_sound, cli, generated


def content(db) -> dict:
    """doc_key → (sha, clause texts, record JSON): everything an engine could get wrong."""
    conn = sqlite3.connect(db)
    out = {}
    for key, vid, sha in conn.execute("SELECT doc_key, version_id, sha256 FROM current_versions"):
        clauses = [t for t, in conn.execute("SELECT text FROM clauses WHERE version_id = ? ORDER BY start", (vid,))]
        recs = [j for j, in conn.execute("SELECT json FROM records WHERE version_id = ? ORDER BY seq", (vid,))]
        out[key] = (sha, clauses, recs)
    conn.close()
    return out


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("engines")
    paths = generated(tmp, 40, scale=0.1)
    (paths[0].parent / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    serial = tmp / "serial.sqlite"
    # a fresh process, like the pool workers: every side then runs the code as it is on disk now
    r = cli("ingest", str(paths[0].parent), "--db", str(serial), "--workers", "1", "--json")
    s = json.loads(r.stdout)
    assert s["ingested"] == 40 and len(s["failed"]) == 1, r.stderr
    return paths[0].parent, content(serial)


def test_process_pool_matches_serial(docs, tmp_path):
    src, want = docs
    db = tmp_path / "p.sqlite"
    s = ingest([src], db, workers=2, engine="process", chunk=3)
    assert (s.ingested, len(s.failed)) == (40, 1)
    assert content(db) == want
    assert_sound(db)


@pytest.mark.slow
def test_dask_local_cluster_matches_serial(docs, tmp_path):
    pytest.importorskip("dask.distributed", reason="the [dask] extra is not installed")
    src, want = docs
    db = tmp_path / "d.sqlite"
    s = ingest([src], db, workers=2, engine="dask", chunk=4)  # LocalCluster, processes=True, 2 workers
    assert (s.ingested, len(s.failed)) == (40, 1)
    assert s.failed[0][1].startswith(str(src / "broken.pdf") + ": ")
    assert content(db) == want
    assert_sound(db)


needs_ray = pytest.mark.skipif(not ray_available(), reason="ray is not installed (the [ray] extra)")


@needs_ray
@pytest.mark.slow
def test_ray_local_cluster_matches_serial(docs, tmp_path):
    src, want = docs
    db = tmp_path / "r.sqlite"
    s = ingest([src], db, workers=2, engine="ray", chunk=4)  # a local ray cluster of 2 CPUs
    assert (s.ingested, len(s.failed)) == (40, 1)
    assert s.failed[0][1].startswith(str(src / "broken.pdf") + ": ")
    assert content(db) == want
    assert_sound(db)
    again = ingest([src], db, workers=2, engine="ray")  # idempotent on this engine too
    assert (again.ingested, again.unchanged) == (0, 40)


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        list(run([("x", "x", None)], engine="spark", workers=2))


def test_ray_engine_without_ray_says_how_to_get_it(monkeypatch):
    import policyparse.store.engines as engines

    monkeypatch.setattr(engines, "ray_available", lambda: False)
    with pytest.raises(RuntimeError, match="pip install 'policyparse\\[ray\\]'"):
        list(run([("x", "x", None)], engine="ray", workers=2))


def crash_on_poison(tasks: list, limit_values=None) -> list[dict]:
    """A stand-in for work.process_many whose worker dies (as a crashing reader would)."""
    import os

    if any(t[0] == "poison" for t in tasks):
        os._exit(1)
    return [{"path": t[0], "doc_key": t[1], "sha256": None, "ok": True} for t in tasks]


def test_a_file_that_kills_its_worker_fails_alone():
    from policyparse.store.engines import chunked, run_process

    tasks = [(f"f{i}", f"f{i}", None) for i in range(30)]
    tasks.insert(13, ("poison", "poison", None))
    out = list(run_process(chunked(tasks, 4), 2, fn=crash_on_poison))
    assert sorted(r["path"] for r in out) == sorted(t[0] for t in tasks)  # every task once
    dead = [r for r in out if not r["ok"]]
    assert [r["path"] for r in dead] == ["poison"] and "worker process died" in dead[0]["error"]


@needs_ray
@pytest.mark.slow
def test_a_file_that_kills_its_ray_worker_fails_alone():
    import sys

    from ray import cloudpickle  # ray's own copy pickles the tasks

    from policyparse.store.engines import chunked, run_ray

    # ray workers cannot import this test module: ship crash_on_poison by value
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        tasks = [(f"f{i}", f"f{i}", None) for i in range(30)]
        tasks.insert(13, ("poison", "poison", None))
        out = list(run_ray(chunked(tasks, 4), 2, fn=crash_on_poison))
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert sorted(r["path"] for r in out) == sorted(t[0] for t in tasks)  # every task once
    dead = [r for r in out if not r["ok"]]
    assert [r["path"] for r in dead] == ["poison"] and "worker process died" in dead[0]["error"]


@pytest.mark.parametrize("engine", ["dask", pytest.param("ray", marks=needs_ray)])
@pytest.mark.slow
def test_scale_out_workers_take_the_parents_limits(docs, tmp_path, engine):
    # --limit flags live in the ingesting process; dask and ray workers run no pool initializer,
    # so each task carries them: a tiny text_chars limit set here fails every file there
    pytest.importorskip("dask.distributed", reason="the [dask] extra is not installed")
    from policyparse import limits

    src, _ = docs
    limits.use(limits.Limits(text_chars=10))
    try:
        s = ingest([src], tmp_path / "l.sqlite", workers=2, engine=engine, chunk=8)
    finally:
        limits.use(None)
    assert s.ingested == 0 and len(s.failed) == 41
    assert sum("text_chars" in err for _, err in s.failed) == 40  # the broken PDF fails for its own reason
