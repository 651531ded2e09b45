"""Moved, renamed and copied files, and edited SOURCES.tsv rows, in the store (docs/store.md)."""
from __future__ import annotations

import importlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from policyparse.store import connect, counts, db as store_db, ingest, sidecar

ingest_mod = importlib.import_module("policyparse.store.ingest")  # the package's ``ingest`` is the function

from conftest import CORPUS, SEEDS
from test_ingest import PY, assert_sound, cli, per_document

# Clause text with city-relative department aliases and no place name: 市科技局 is resolved by the
# document's city only, which this text leaves to its SOURCES.tsv row.
TEXT = "关于加快技术创新的若干措施\n\n一、总体要求\n（一）由市科技局牵头，市工信局配合，每年给予最高不超过100万元奖励。\n"
HEADER = "file\tcity\tprovince\tyear\tnotes\n"


def seeds(folder: Path) -> Path:
    """The five corpus texts and their real SOURCES.tsv in ``folder``."""
    folder.mkdir(parents=True)
    for f in [*SEEDS, CORPUS / "SOURCES.tsv"]:
        shutil.copy(f, folder / f.name)
    return folder


def distinct_docs(folder: Path, n: int, name: str = "doc{i}.txt") -> Path:
    """``n`` small documents that differ in one item each (so no two share a hash)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / name.format(i=i)).write_text(TEXT + f"（二）第{i + 1}项。\n", encoding="utf-8")
    return folder


def table(db: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def snapshot(db: Path) -> dict:
    """What must not change when files only move: rows per table and each version's content."""
    return {"counts": {k: v for k, v in counts(connect(db)).items() if k != "failures"},
            "versions": table(db, "SELECT version_id, doc_id, version_no, sha256, chars FROM versions ORDER BY 1"),
            "records": table(db, "SELECT record_id, version_id, kind, text, name FROM records ORDER BY 1")}


def departments(db: Path, path: Path, version_no: int | None = None) -> dict[str, str]:
    """written alias → canonical name in the document of ``path``: its current version (or ``version_no``)."""
    return dict(table(db, "SELECT r.text, r.name FROM records r JOIN versions v USING (version_id) "
                          "JOIN documents d USING (doc_id) WHERE r.kind = 'department' AND d.doc_key = ? "
                          "AND v.version_no = COALESCE(?, (SELECT MAX(version_no) FROM versions v2 "
                          "WHERE v2.doc_id = d.doc_id))", path.resolve().as_posix(), version_no))


class Spy:
    """Wraps ``ingest.run`` (the engine call): the files sent to read + extract."""

    def __init__(self, monkeypatch):
        self.tasks: list[tuple] = []
        real = ingest_mod.run

        def run(tasks, **kw):
            self.tasks.extend(tasks)
            return real(tasks, **kw)

        monkeypatch.setattr(ingest_mod, "run", run)


# ---- moves ----------------------------------------------------------------------------------

def test_moved_folder_is_rekeyed_not_stored_again(tmp_path, monkeypatch):
    src = seeds(tmp_path / "in")
    db = tmp_path / "p.sqlite"
    assert ingest([src], db).ingested == 5
    # the 2021 reply fails once (emptied), then gets its content back: a failure row for its old key
    reply = src / "tianjin_2021_renda-0700-jianyi-dafu.txt"
    content = reply.read_bytes()
    reply.write_bytes(b"")
    assert len(ingest([src], db).failed) == 1
    reply.write_bytes(content)
    old_keys = {k: doc_id for k, doc_id in table(db, "SELECT doc_key, doc_id FROM documents")}
    assert table(db, "SELECT doc_key FROM failures") == [(reply.resolve().as_posix(),)]
    before = snapshot(db)

    dest = tmp_path / "moved" / "policies"
    dest.parent.mkdir()
    src.rename(dest)
    spy = Spy(monkeypatch)
    r = ingest([dest], db)
    assert (r.files, r.moved, r.ingested, r.new_versions, r.unchanged, r.failed) == (5, 5, 0, 0, 0, [])
    assert spy.tasks == []  # nothing read or extracted
    assert snapshot(db) == before  # no document, version or record added, none rewritten
    new_keys = {k: doc_id for k, doc_id in table(db, "SELECT doc_key, doc_id FROM documents")}
    assert new_keys == {(dest / Path(k).name).resolve().as_posix(): d for k, d in old_keys.items()}
    assert table(db, "SELECT path FROM current_versions ORDER BY path") == \
        [(str(dest / f.name),) for f in sorted(SEEDS)]
    meta = [json.loads(m) for m, in table(db, "SELECT meta_json FROM current_versions")]
    assert sorted(m["path"] for m in meta) == sorted(str(dest / f.name) for f in SEEDS)
    # the sidecar that filled fields is the moved one now
    assert {m["metadata"]["sidecar"] for m in meta if "sidecar" in m["metadata"]} == {(dest / "SOURCES.tsv").as_posix()}
    assert table(db, "SELECT doc_key FROM failures") == []  # the old path's failure is moot
    moves = table(db, "SELECT doc_id, old_key, new_key, old_path, new_path FROM moves ORDER BY doc_id")
    assert [(m[0], m[1]) for m in moves] == sorted(((d, k) for k, d in old_keys.items()))
    assert all(Path(m[4]).parent == dest and Path(m[3]).parent == src and Path(m[3]).name == Path(m[4]).name
               for m in moves)
    assert_sound(db)

    again = cli("ingest", str(dest), "--db", str(db), "--json")
    assert again.returncode == 0, again.stderr
    s = json.loads(again.stdout)
    assert (s["moved"], s["unchanged"], s["ingested"], s["new_versions"]) == (0, 5, 0, 0)
    # the same store, record for record, as ingesting the moved folder from scratch
    clean = tmp_path / "clean.sqlite"
    assert ingest([dest], clean).ingested == 5
    assert per_document(db) == per_document(clean)


def test_renamed_file_keeps_its_document(tmp_path):
    d = distinct_docs(tmp_path / "in", 3, "doc{i}.txt")
    db = tmp_path / "p.sqlite"
    ingest([d], db)
    doc_id = table(db, "SELECT doc_id FROM documents WHERE doc_key LIKE '%/doc1.txt'")[0][0]
    before = snapshot(db)
    (d / "doc1.txt").rename(d / "renamed.txt")
    r = cli("ingest", str(d), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "ingested 0, new versions 0, unchanged 2, moved 1, failed 0" in r.stdout
    assert snapshot(db) == before
    assert table(db, "SELECT doc_key FROM documents WHERE doc_id = ?", doc_id) == \
        [((d / "renamed.txt").resolve().as_posix(),)]
    assert table(db, "SELECT path FROM versions WHERE doc_id = ?", doc_id) == [(str(d / "renamed.txt"),)]


def test_renamed_file_that_loses_its_sidecar_row_is_moved_and_versioned(tmp_path):
    """The 2018 opinion's title comes from SOURCES.tsv; under a new name the row no longer
    describes it: the same document gets a new version without the sidecar's fields."""
    src = seeds(tmp_path / "in")
    db = tmp_path / "p.sqlite"
    ingest([src], db)
    name = "tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt"
    row = next(r for r in (CORPUS / "SOURCES.tsv").read_text(encoding="utf-8").splitlines() if r.startswith(name))
    sidecar_title = row.split("\t")[7]
    [(doc_id, title)] = table(db, "SELECT doc_id, title FROM current_versions WHERE doc_key LIKE ?", "%/" + name)
    assert title == sidecar_title
    (src / name).rename(src / "opinion.txt")
    r = ingest([src], db)
    assert (r.moved, r.new_versions, r.unchanged, r.ingested) == (0, 1, 4, 0)
    assert counts(connect(db))["documents"] == 5
    [(key, version_no, title, meta)] = table(
        db, "SELECT doc_key, version_no, title, meta_json FROM current_versions WHERE doc_id = ?", doc_id)
    assert (Path(key).name, version_no) == ("opinion.txt", 2)
    assert title != sidecar_title and "sidecar_fields" not in json.loads(meta)["metadata"]
    assert len(table(db, "SELECT * FROM moves WHERE doc_id = ?", doc_id)) == 1


def test_copy_is_a_new_document(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "p.sqlite"
    ingest([d], db)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(d / "a.txt", other / "a.txt")
    shutil.copy(d / "a.txt", d / "b.txt")
    conn = connect(db)
    assert ingest_mod.plan(conn, ingest_mod.discover([d, other])).moves == []  # a.txt is still there
    conn.close()
    r = ingest([d, other], db)
    assert (r.ingested, r.moved, r.unchanged) == (2, 0, 1)
    assert counts(connect(db))["documents"] == 3
    assert table(db, "SELECT COUNT(*) FROM moves") == [(0,)]


def test_identical_copies_moved_together_pair_by_name(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("x.txt", "y.txt"):
        (d / name).write_text(TEXT, encoding="utf-8")
    db = tmp_path / "p.sqlite"
    ingest([d], db)
    ids = dict(table(db, "SELECT doc_key, doc_id FROM documents"))
    by_name = {Path(k).name: v for k, v in ids.items()}
    dest = tmp_path / "out"
    d.rename(dest)
    assert ingest([dest], db).moved == 2
    assert {Path(k).name: v for k, v in table(db, "SELECT doc_key, doc_id FROM documents")} == by_name


def test_moves_commit_per_batch(tmp_path, monkeypatch):
    """An error while moving rolls back that batch only; the re-run moves the rest."""
    d = distinct_docs(tmp_path / "in", 5, "d{i}.txt")
    db = tmp_path / "p.sqlite"
    ingest([d], db)
    dest = tmp_path / "out"
    d.rename(dest)
    real, calls = store_db.move_document, []

    def failing(*a, **kw):
        calls.append(kw["new_key"])
        if len(calls) == 3:
            raise RuntimeError("boom")
        return real(*a, **kw)

    monkeypatch.setattr(store_db, "move_document", failing)
    with pytest.raises(RuntimeError):
        ingest([dest], db, batch_docs=2)
    keys = [k for k, in table(db, "SELECT doc_key FROM documents")]
    assert sorted(Path(k).parent.name for k in keys) == ["in", "in", "in", "out", "out"]
    assert table(db, "SELECT COUNT(*) FROM moves") == [(2,)]
    monkeypatch.setattr(store_db, "move_document", real)
    r = ingest([dest], db)
    assert (r.moved, r.unchanged) == (3, 2)
    assert_sound(db)


# Each move is slowed *inside* its transaction, so the kill -9 lands with a batch half-written.
_SLOW_MOVES = """
import sys, time
from policyparse.store import db, ingest
orig = db.move_document
def slow(*a, **k):
    out = orig(*a, **k)
    time.sleep(0.02)
    return out
db.move_document = slow
ingest([sys.argv[1]], sys.argv[2], workers=1, batch_docs=10)
"""


@pytest.mark.slow
def test_kill_9_while_moving_leaves_whole_batches(tmp_path):
    d = distinct_docs(tmp_path / "in", 100, "d{i:03}.txt")
    db = tmp_path / "p.sqlite"
    assert ingest([d], db).ingested == 100
    before = snapshot(db)
    dest = tmp_path / "out"
    d.rename(dest)
    proc = subprocess.Popen([PY, "-c", _SLOW_MOVES, str(dest), str(db)])
    moved, deadline = 0, time.monotonic() + 300
    while moved < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        moved = table(db, "SELECT COUNT(*) FROM moves")[0][0]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the moves finished before they could be killed"
    moves = table(db, "SELECT new_key FROM moves")
    assert 20 <= len(moves) < 100 and len(moves) % 10 == 0  # whole batches only
    out_keys = [k for k, in table(db, "SELECT doc_key FROM documents") if Path(k).parent.name == "out"]
    assert sorted(out_keys) == sorted(k for k, in moves)  # every committed move re-keyed, nothing more
    assert_sound(db)
    r = cli("ingest", str(dest), "--db", str(db), "--json")
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)
    assert (s["moved"], s["unchanged"], s["ingested"]) == (100 - len(moves), len(moves), 0)
    assert snapshot(db) == before
    assert_sound(db)


def test_move_rechecks_inside_the_transaction(tmp_path):
    """A plan made before another ingest moved the files (or before the old file came back)
    must not move anything twice."""
    d = tmp_path / "in"
    d.mkdir()
    for name in ("a.txt", "b.txt"):
        (d / name).write_text(TEXT + name + "\n", encoding="utf-8")
    db = tmp_path / "p.sqlite"
    ingest([d], db)
    dest = tmp_path / "out"
    d.rename(dest)
    conn = connect(db)
    files = ingest_mod.discover([dest])
    stale = ingest_mod.plan(conn, files)
    assert [Path(m.key).name for m in stale.moves] == ["a.txt", "b.txt"]
    # another ingest moves a.txt meanwhile; b.txt's old file comes back (a copy now)
    assert ingest([dest / "a.txt"], db).moved == 1
    d.mkdir()
    shutil.copy(dest / "b.txt", d / "b.txt")

    def apply(m):
        with store_db.transaction(conn):
            return store_db.move_document(
                conn, old_key=m.old_key, new_key=m.key, path=m.path, sha256=m.sha, version_id=m.version_id,
                sidecar_sha256=stale.digests[m.key], same_sidecar=m.same_sidecar, sidecar_path=None,
                stamp=store_db.now(), tool_version="t")

    assert [apply(m) for m in stale.moves] == [store_db.UNCHANGED, None]
    conn.close()
    assert table(db, "SELECT COUNT(*) FROM moves") == [(1,)]
    assert sorted(Path(k).parent.name for k, in table(db, "SELECT doc_key FROM documents")) == ["in", "out"]


@pytest.mark.slow
def test_two_concurrent_ingests_of_a_moved_folder(tmp_path):
    src = seeds(tmp_path / "in")
    db = tmp_path / "p.sqlite"
    ingest([src], db)
    before = snapshot(db)
    dest = tmp_path / "out"
    src.rename(dest)
    procs = [subprocess.Popen([PY, "-m", "policyparse", "ingest", str(dest), "--db", str(db), "--workers", "1",
                               "--batch", "2", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e for _, e in outs]
    sa, sb = (json.loads(o) for o, _ in outs)
    assert sa["moved"] + sb["moved"] == 5 and sa["unchanged"] + sb["unchanged"] == 5
    assert sa["ingested"] + sb["ingested"] + sa["new_versions"] + sb["new_versions"] == 0
    assert snapshot(db) == before
    assert table(db, "SELECT COUNT(*) FROM moves") == [(5,)]
    assert_sound(db)


# ---- SOURCES.tsv rows --------------------------------------------------------------------------

def sidecar_folder(tmp_path: Path, city: str, province: str, notes: str = "") -> Path:
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "b.txt").write_text(TEXT.replace("市工信局", "市财政局"), encoding="utf-8")
    write_sidecar(d, city, province, notes)
    return d


def write_sidecar(d: Path, city: str, province: str, notes: str = "") -> None:
    (d / "SOURCES.tsv").write_text(HEADER + f"a.txt\t{city}\t{province}\t2024\t{notes}\n", encoding="utf-8")


def test_edited_sidecar_row_is_a_new_version(tmp_path, monkeypatch):
    d = sidecar_folder(tmp_path, "石家庄", "河北")
    db = tmp_path / "p.sqlite"
    assert ingest([d], db).ingested == 2
    a_key = (d / "a.txt").resolve().as_posix()
    # shijiazhuang.yaml names 市科技局 of a 石家庄 document
    assert departments(db, d / "a.txt")["市科技局"] == "石家庄市科学技术局"
    assert departments(db, d / "b.txt")["市科技局"] == "市科技局"  # no row, no city: stays as written
    write_sidecar(d, "保定", "河北")
    spy = Spy(monkeypatch)
    r = ingest([d], db)
    assert (r.new_versions, r.unchanged, r.ingested, r.moved) == (1, 1, 0, 0)
    assert [t[1] for t in spy.tasks] == [a_key]  # b.txt has no row: untouched
    assert table(db, "SELECT version_no, city FROM current_versions WHERE doc_key = ?", a_key) == [(2, "保定")]
    # 保定 has no gazetteer file: generic.yaml's template {city}市科学技术局 names it
    assert departments(db, d / "a.txt") == {"市科技局": "保定市科学技术局", "市工信局": "保定市工业和信息化局"}
    assert departments(db, d / "a.txt", version_no=1)["市科技局"] == "石家庄市科学技术局"  # the old version is kept
    assert_sound(db)


def test_unchanged_sidecar_row_costs_no_work(tmp_path, monkeypatch):
    d = sidecar_folder(tmp_path, "石家庄", "河北", notes="first")
    other = tmp_path / "other"
    other.mkdir()
    (other / "c.txt").write_text(TEXT, encoding="utf-8")
    (other / "SOURCES.tsv").write_text(HEADER + "c.txt\t天津\t天津\t\t\n", encoding="utf-8")
    db = tmp_path / "p.sqlite"
    ingest([d, other], db)
    before = snapshot(db)
    write_sidecar(d, "石家庄", "河北", notes="only the notes changed")  # a column apply() never reads
    spy = Spy(monkeypatch)
    reads = []
    real_rows = sidecar._rows

    def counting(*a):
        reads.append(a[0])
        return real_rows(*a)

    monkeypatch.setattr(sidecar, "_rows", counting)
    r = ingest([d, other], db)
    assert (r.unchanged, r.new_versions, r.ingested) == (3, 0, 0)
    assert spy.tasks == []
    assert sorted(Path(p).parent.name for p in reads) == ["in", "other"]  # once per folder, not per file
    assert snapshot(db) == before


def test_digest_follows_what_apply_reads():
    row = {"file": "a.txt", "city": "保定", "province": "河北", "notes": "x"}
    assert sidecar.digest(row) == sidecar.digest({**row, "notes": "y", "file": "b.txt"})
    assert sidecar.digest(row) != sidecar.digest({**row, "city": "石家庄"})
    assert sidecar.digest(None) == sidecar.digest({"file": "a.txt", "city": ""})
    assert sidecar.digest(None) != sidecar.digest({"issuer": "某局"})


# ---- stores made before sidecar digests ----------------------------------------------------------

def make_old(db: Path) -> None:
    """Turn ``db`` into what policyparse wrote before schema 2: no digest column, no moves table."""
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE moves")
    conn.execute("ALTER TABLE versions DROP COLUMN sidecar_sha256")
    conn.execute("DROP VIEW current_records")  # as schema 1 and 2 defined it: no jurisdiction columns
    for name in ("versions_jurisdiction", "versions_city", "versions_province", "versions_level"):
        conn.execute(f"DROP INDEX {name}")  # nor the indexes by place
    conn.execute("ALTER TABLE versions DROP COLUMN jurisdiction")
    conn.execute("ALTER TABLE versions DROP COLUMN jurisdiction_level")
    conn.execute("CREATE VIEW current_records AS SELECT cv.doc_key, cv.path, cv.title, cv.city, cv.province, "
                 "cv.date AS doc_date, cv.version_no, cv.sha256, r.* "
                 "FROM records r JOIN current_versions cv USING (version_id)")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    assert "sidecar_sha256" not in {r[1] for r in table(db, "PRAGMA table_info(versions)")}


def test_old_store_is_upgraded_in_place(tmp_path, monkeypatch):
    d = sidecar_folder(tmp_path, "石家庄", "河北")
    db = tmp_path / "p.sqlite"
    ingest([d], db)
    make_old(db)
    before = table(db, "SELECT version_id, sha256, path FROM versions ORDER BY 1")
    connect(db).close()
    connect(db).close()  # a second open of an upgraded store changes nothing
    assert {"sidecar_sha256", "jurisdiction", "jurisdiction_level"} <= {r[1] for r in table(db, "PRAGMA table_info(versions)")}
    assert "jurisdiction" in {r[1] for r in table(db, "PRAGMA table_info(current_records)")}  # the view made again
    assert table(db, "SELECT value FROM meta WHERE key = 'schema_version'") == [("3",)]
    assert table(db, "SELECT version_id, sha256, path FROM versions ORDER BY 1") == before
    assert table(db, "SELECT sidecar_sha256 FROM versions") == [(None,), (None,)]
    # the rows agree with what the old versions hold: unchanged, and their digests recorded
    spy = Spy(monkeypatch)
    r = ingest([d], db)
    assert (r.unchanged, r.new_versions) == (2, 0) and spy.tasks == []
    digests = dict(table(db, "SELECT path, sidecar_sha256 FROM versions"))
    assert digests == {str(d / "a.txt"): sidecar.digest({"city": "石家庄", "province": "河北", "year": "2024"}),
                       str(d / "b.txt"): sidecar.digest(None)}
    write_sidecar(d, "保定", "河北")  # now an edit is seen
    assert ingest([d], db).new_versions == 1


def test_old_store_edited_row_before_upgrade_is_a_new_version(tmp_path):
    d = sidecar_folder(tmp_path, "石家庄", "河北")
    db = tmp_path / "p.sqlite"
    ingest([d], db)
    make_old(db)
    write_sidecar(d, "保定", "河北")  # edited while the old policyparse could not see it
    r = ingest([d], db)
    assert (r.new_versions, r.unchanged) == (1, 1)
    assert departments(db, d / "a.txt")["市科技局"] == "保定市科学技术局"


def test_old_store_moved_folder(tmp_path):
    d = sidecar_folder(tmp_path, "石家庄", "河北")
    db = tmp_path / "p.sqlite"
    ingest([d], db)
    make_old(db)
    dest = tmp_path / "out"
    d.rename(dest)
    r = ingest([dest], db)
    assert (r.moved, r.new_versions, r.ingested) == (2, 0, 0)
    assert None not in [s for s, in table(db, "SELECT sidecar_sha256 FROM versions")]


def test_agrees_reapplies_the_row_to_what_the_text_said(tmp_path):
    """The upgrade check on the real corpus: each seed as ``process`` stores it agrees with its own
    row; an edited title for the opinion (its title comes from the row) does not; an edited city
    for the 2025 plan (its text names 天津, which wins) changes nothing, so it still agrees."""
    from policyparse.readers import read

    src = seeds(tmp_path / "in")
    folders = sidecar.Folders()
    metas = {}
    for f in sorted(src.glob("*.txt")):
        doc = sidecar.apply(read(f), f)
        metas[f.name] = doc.model_dump_json(exclude={"text", "sections", "clauses", "records"})
        assert sidecar.agrees(metas[f.name], f, folders.row(f)), f.name
    opinion = "tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt"
    row = folders.row(src / opinion)
    assert not sidecar.agrees(metas[opinion], src / opinion, {**row, "title": "另一个标题"})
    assert not sidecar.agrees(metas[opinion], src / opinion, None)  # row deleted: the title goes
    plan = "tianjin_2025_liangchuang-ronghe-gongzuo-fangan.txt"
    assert sidecar.agrees(metas[plan], src / plan, {**folders.row(src / plan), "city": "保定"})


def test_failure_of_a_moved_file_moves_with_it(tmp_path):
    """A file that could not be stored, moved: its failure is reported once, at its new path."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "ok.txt").write_text(TEXT, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    db = tmp_path / "p.sqlite"
    assert len(ingest([d], db).failed) == 1
    dest = tmp_path / "out"
    d.rename(dest)
    r = ingest([dest], db)
    assert (r.moved, [Path(p).name for p, _ in r.failed]) == (1, ["empty.txt"])
    assert table(db, "SELECT doc_key, attempts FROM failures") == [((dest / "empty.txt").resolve().as_posix(), 1)]
