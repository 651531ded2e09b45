"""Fault suite (issue 12): hostile and huge inputs and a failing store. Every input is generated
in tmp_path; each fault gets one clear line naming the file and the reason, and the rest of the
batch is stored. Reasons are asserted, never times."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from policyparse import limits
from policyparse.errors import LimitExceeded, ReadError
from policyparse.readers import file_sha256, read_raw
from policyparse.store import connect, counts, ingest
from policyparse.store import db as store_db

from conftest import SEEDS
from fixtures.build import (DOCX_FOOT, DOCX_HEAD, blank_pdf, bomb_body, docx_with_body, make_zip_bomb_docx,
                            template_docx)

PY = sys.executable
_LOL = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
BILLION_LAUGHS_DTD = f'<!DOCTYPE lolz [<!ENTITY lol0 "lol">{_LOL}]>'


@pytest.fixture(autouse=True)
def _default_limits():
    limits.use(limits.Limits())
    yield
    limits.use(None)


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "policyparse", *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bomb")
    return make_zip_bomb_docx(d / "bomb.docx")


def test_zip_bomb_docx_is_refused_from_the_zip_directory(bomb):
    info = zipfile.ZipFile(bomb).getinfo("word/document.xml")
    assert info.file_size > 150 << 20 and bomb.stat().st_size < 2 << 20  # the shape
    with pytest.raises(LimitExceeded) as err:
        read_raw(bomb)
    msg = str(err.value)
    assert err.value.limit in ("part_mb", "zip_ratio") and "word/document.xml" in msg
    assert msg.startswith(str(bomb)) and "\n" not in msg and f"--limit {err.value.limit}=N" in msg


def test_zip_bomb_ratio_alone_refuses_it(bomb):
    limits.use(limits.Limits(part_mb=1000, unzipped_mb=1000))  # only the ratio stands in the way
    with pytest.raises(LimitExceeded, match=r"zip_ratio limit \(\d+x > 100x\)"):
        read_raw(bomb)


def _patch_central_size(path: Path, member: str, size: int) -> None:
    """Make the zip directory lie: declare ``size`` bytes for ``member``."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + n]) == name:
            struct.pack_into("<I", data, at + 24, size)
            path.write_bytes(bytes(data))
            return
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{member} not in the central directory")


def test_lying_zip_header_is_bounded_and_refused(tmp_path):
    """A directory that declares 1 KB for a part that inflates to 20 MB: zipfile stops at the
    declared size and the CRC fails, so nothing big is ever decompressed."""
    p = docx_with_body(tmp_path / "liar.docx", lambda f: bomb_body(f, 300_000), template_docx(tmp_path / "t.docx"))
    _patch_central_size(p, "word/document.xml", 1024)
    assert zipfile.ZipFile(p).getinfo("word/document.xml").file_size == 1024
    with pytest.raises(ReadError, match=r"corrupt \.docx: member word/document\.xml .*CRC"):
        read_raw(p)


def test_billion_laughs_in_docx_is_refused(tmp_path):
    def body(f):
        f.write(b'<?xml version="1.0" encoding="UTF-8"?>' + BILLION_LAUGHS_DTD.encode()
                + DOCX_HEAD.split(b"\n", 1)[1] + b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>" + DOCX_FOOT)

    p = docx_with_body(tmp_path / "laughs.docx", body, template_docx(tmp_path / "t.docx"))
    with pytest.raises(ReadError, match="word/document.xml declares a DTD or XML entities"):
        read_raw(p)


def test_billion_laughs_in_html_is_refused(tmp_path):
    p = tmp_path / "laughs.html"
    p.write_text(f'<?xml version="1.0"?>{BILLION_LAUGHS_DTD}<html><body><p>&lol9;</p></body></html>')
    with pytest.raises(ReadError, match=r"declares XML entities .*entity expansion guard"):
        read_raw(p)


def test_deeply_nested_html_is_refused(tmp_path):
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 5000 + "政策正文" * 50 + "</div>" * 5000 + "</body></html>",
                 encoding="utf-8")
    with pytest.raises(LimitExceeded, match=r"html_depth limit \(5,00\d levels > 256\)"):
        read_raw(p)
    limits.use(limits.Limits(html_depth=300))
    shallow = tmp_path / "ok.html"
    shallow.write_text("<html><body>" + "<div>" * 200 + "政策正文" * 50 + "</div>" * 200 + "</body></html>",
                       encoding="utf-8")
    assert "政策正文" in read_raw(shallow).text  # under the limit: read as usual


def test_pdf_of_thousands_of_blank_pages_is_refused(tmp_path):
    p = blank_pdf(tmp_path / "blank.pdf", 5000)
    with pytest.raises(LimitExceeded, match=r"pdf_pages limit \(5,000 pages > 2,000\)"):
        read_raw(p)
    limits.use(limits.Limits(pdf_pages=10))
    small = blank_pdf(tmp_path / "few.pdf", 5)
    with pytest.raises(ReadError, match="no text layer"):  # under the limit: read, and empty
        read_raw(small)


def _big_text(path: Path, mb: int) -> Path:
    block = (SEEDS[1].read_text(encoding="utf-8") + "\n").encode("utf-8") * 64
    with path.open("wb") as f:
        for _ in range((mb << 20) // len(block) + 1):
            f.write(block)
    return path


@pytest.fixture(scope="module")
def text_200mb(tmp_path_factory) -> Path:
    return _big_text(tmp_path_factory.mktemp("big") / "big.txt", 200)


def test_200mb_text_file_is_refused_before_reading(text_200mb):
    assert text_200mb.stat().st_size >= 200 << 20
    with pytest.raises(LimitExceeded, match=r"file_mb limit \(200\.\d MB > 128 MB\)"):
        read_raw(text_200mb)


def test_200mb_text_decoding_stops_at_text_chars(text_200mb):
    limits.use(limits.Limits(file_mb=1000))  # past the size check: the decoder bounds it
    with pytest.raises(LimitExceeded, match=r"text_chars limit \(at least 32,\d{3},\d{3} characters > 32,000,000\)"):
        read_raw(text_200mb)


# ---- ingest: the bad file fails alone, the batch is stored --------------------------------------

def _seed_folder(d: Path) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    for f in SEEDS:
        shutil.copy(f, d / f.name)
    return d


def test_ingest_with_hostile_files_stores_the_rest_and_exits_2(tmp_path, bomb):
    d = _seed_folder(tmp_path / "in")
    shutil.copy(bomb, d / "bomb.docx")
    (d / "deep.html").write_text("<html><body>" + "<div>" * 3000 + "正文" + "</div>" * 3000 + "</body></html>",
                                 encoding="utf-8")
    (d / "laughs.html").write_text(f"{BILLION_LAUGHS_DTD}<html><body>&lol9;</body></html>")
    blank_pdf(d / "blank.pdf", 3000)
    db = tmp_path / "p.sqlite"
    r = cli("ingest", str(d), "--db", str(db), "--workers", "2", "--json")
    assert r.returncode == 2, r.stderr
    summary = json.loads(r.stdout)
    assert summary["ingested"] == len(SEEDS)
    failed = {Path(f["path"]).name: f["error"] for f in summary["failed"]}
    assert sorted(failed) == ["blank.pdf", "bomb.docx", "deep.html", "laughs.html"]
    assert "part_mb" in failed["bomb.docx"] or "zip_ratio" in failed["bomb.docx"]
    assert "html_depth" in failed["deep.html"] and "pdf_pages" in failed["blank.pdf"]
    assert all("\n" not in e and e.startswith(str(d)) for e in failed.values())
    assert counts(connect(db))["failures"] == 4


def test_ingest_limit_flag_reaches_the_workers(tmp_path):
    d = _seed_folder(tmp_path / "in")
    db = tmp_path / "p.sqlite"
    r = cli("ingest", str(d), "--db", str(db), "--workers", "2", "--json", "--limit", "text_chars=100")
    assert r.returncode == 2, r.stderr
    failed = json.loads(r.stdout)["failed"]
    assert len(failed) == len(SEEDS) and all("text_chars limit" in f["error"] for f in failed)


def test_worker_time_limit_fails_the_file_alone(tmp_path, monkeypatch):
    """file_seconds: a read that hangs becomes that file's failure (serial path, in this process)."""
    import time

    from policyparse.store import work

    d = _seed_folder(tmp_path / "in")
    slow = d / "slow.txt"
    slow.write_text("一、总则\n本办法自发布之日起施行。\n", encoding="utf-8")
    real_read = __import__("policyparse.readers", fromlist=["read"]).read

    def read(path):
        if Path(path).name == "slow.txt":
            time.sleep(30)
        return real_read(path)

    monkeypatch.setattr("policyparse.readers.read", read)
    limits.use(limits.Limits(file_seconds=0.5))
    out = work.process((str(slow), str(slow), None))
    assert not out["ok"] and "file_seconds limit (0.5 s)" in out["error"]
    time.sleep(1)  # the alarm was disarmed: nothing fires after the file is done
    limits.use(limits.Limits(file_seconds=120))
    nxt = work.process((str(d / SEEDS[0].name), "k", None))
    assert nxt["ok"], nxt.get("error")  # the next file is unaffected


def test_worker_memory_limit_names_the_limit(tmp_path):
    """worker_memory_mb: a worker that runs out of its address space fails that file, named."""
    code = """
import sys
from policyparse import limits
from policyparse.store import guard, work
limits.use(limits.Limits(worker_memory_mb=1500))
guard.cap_memory(1500)
import policyparse.readers as r
real = r.read
def greedy(path):
    _ = bytearray(3 << 30)  # 3 GB: over the cap
    return real(path)
r.read = greedy
print(work.process((sys.argv[1], "k", None))["error"])
"""
    p = tmp_path / "a.txt"
    p.write_text("一、总则\n", encoding="utf-8")
    r = subprocess.run([PY, "-c", code, str(p)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(str(p)) and "worker_memory_mb limit (1500 MB)" in r.stdout


def test_files_deleted_or_rewritten_during_ingest(tmp_path, monkeypatch):
    d = _seed_folder(tmp_path / "in")
    gone, changed = d / SEEDS[0].name, d / SEEDS[1].name
    new_text = "一、总则\n本办法在入库过程中被改写，自发布之日起施行。\n"
    import importlib

    ingest_mod = importlib.import_module("policyparse.store.ingest")

    real_run = ingest_mod.run

    def run_after_changes(tasks, **kw):  # the plan has hashed every file; now they change
        gone.unlink()
        changed.write_text(new_text, encoding="utf-8")
        return real_run(tasks, **kw)

    monkeypatch.setattr(ingest_mod, "run", run_after_changes)
    db = tmp_path / "p.sqlite"
    summary = ingest([d], db, workers=1)
    assert [(Path(p).name, e.split(": ", 1)[1]) for p, e in summary.failed] == [(gone.name, "no such file")]
    assert summary.ingested == len(SEEDS) - 1
    conn = connect(db)
    row = conn.execute("SELECT v.sha256, v.text FROM versions v JOIN documents d ON d.doc_id = v.doc_id "
                       "WHERE d.doc_key = ?", (changed.resolve().as_posix(),)).fetchone()
    assert row[0] == file_sha256(changed) and "入库过程中被改写" in row[1]  # stored as it was read


def test_read_only_store_is_one_line_error(tmp_path, monkeypatch):
    """A store that refuses writes (PRAGMA query_only: root ignores file modes, so chmod can't)."""
    d = _seed_folder(tmp_path / "in")
    db = tmp_path / "p.sqlite"
    connect(db).close()
    real_connect = store_db.connect

    def read_only(path, **kw):
        conn = real_connect(path, **kw)
        conn.execute("PRAGMA query_only = ON")
        return conn

    monkeypatch.setattr(store_db, "connect", read_only)
    from typer.testing import CliRunner

    from policyparse.cli import app
    from policyparse.cli import commands  # noqa: F401

    r = CliRunner().invoke(app, ["ingest", str(d), "--db", str(db), "--workers", "1"])
    assert r.exit_code == 1
    line = r.output.strip().splitlines()[-1]
    assert line.startswith(f"policyparse: error: {db}: ") and "readonly" in line


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes to read-only files")
def test_read_only_store_file(tmp_path):
    d = _seed_folder(tmp_path / "in")
    db = tmp_path / "p.sqlite"
    connect(db).close()
    db.chmod(0o444)
    r = cli("ingest", str(d), "--db", str(db), "--workers", "1")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and str(db) in r.stderr


def test_full_disk_keeps_what_was_committed_and_resumes(tmp_path, monkeypatch):
    """SQLITE_FULL, simulated with PRAGMA max_page_count (no tiny filesystem is available here)."""
    d = _seed_folder(tmp_path / "in")
    db = tmp_path / "p.sqlite"
    connect(db).close()
    real_connect = store_db.connect

    def small_disk(path, **kw):
        conn = real_connect(path, **kw)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 40}")  # room for a document or two
        return conn

    monkeypatch.setattr(store_db, "connect", small_disk)
    from typer.testing import CliRunner

    from policyparse.cli import app
    from policyparse.cli import commands  # noqa: F401

    r = CliRunner().invoke(app, ["ingest", str(d), "--db", str(db), "--workers", "1", "--batch", "1"])
    assert r.exit_code == 1
    line = r.output.strip().splitlines()[-1]
    assert line.startswith(f"policyparse: error: {db}: ") and "full" in line
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kept = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    conn.close()
    assert 0 < kept < len(SEEDS)  # committed batches survive the full disk
    monkeypatch.setattr(store_db, "connect", real_connect)  # space freed: the rerun finishes the job
    summary = ingest([d], db, workers=1)
    assert (summary.unchanged, summary.ingested, summary.failed) == (kept, len(SEEDS) - kept, [])


def test_the_file_deadline_also_holds_off_the_main_thread():
    # dask runs tasks on a worker thread, where no SIGALRM can be delivered: a timer raises instead
    import threading
    import time

    from policyparse.store.guard import FileTimeout, deadline

    seen = []

    def busy():
        try:
            with deadline(0.2):
                end = time.monotonic() + 5
                while time.monotonic() < end:
                    pass
            seen.append("finished")
        except FileTimeout:
            seen.append("timeout")

    th = threading.Thread(target=busy)
    started = time.monotonic()
    th.start()
    th.join(10)
    assert seen == ["timeout"] and time.monotonic() - started < 3
