"""The store in-process: idempotence, versions, offsets, generic record columns, failures."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from policyparse import __version__, read
from policyparse.model import (Department, Document, Money, Obligation, Ratio, Time,
                               record_from_dict)
from policyparse.normalize import normalize
from policyparse.store import connect, counts, discover, doc_key, ingest
from policyparse.store.db import RECORD_COLUMNS, write_batch
from policyparse.store.work import rows

from conftest import SEEDS


@pytest.fixture()
def corpus_copy(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for f in SEEDS:
        shutil.copy(f, d / f.name)
    return d


def test_reingest_adds_nothing(corpus_copy, tmp_path):
    db = tmp_path / "p.sqlite"
    first = ingest([corpus_copy], db)
    assert (first.ingested, first.unchanged, first.failed) == (len(SEEDS), 0, [])
    before = counts(connect(db))
    second = ingest([corpus_copy], db)
    assert (second.ingested, second.new_versions, second.unchanged) == (0, 0, len(SEEDS))
    assert counts(connect(db)) == before
    assert before["documents"] == before["versions"] == len(SEEDS)


def test_provenance_is_stored(corpus_copy, tmp_path):
    db = tmp_path / "p.sqlite"
    ingest([corpus_copy], db)
    conn = connect(db)
    rows_ = conn.execute("SELECT doc_key, path, sha256, reader, encoding, tool_version, ingested_at, chars, text "
                         "FROM current_versions").fetchall()
    assert len(rows_) == len(SEEDS)
    for key, path, sha, reader, encoding, tool, at, chars, text in rows_:
        doc = read(path)
        assert key == doc_key(path) and sha == doc.sha256
        assert reader == doc.reader and encoding == doc.encoding and tool == __version__
        assert text == doc.text and chars == len(doc.text) and at.startswith("20")


def test_changed_file_is_a_new_version_of_the_same_document(corpus_copy, tmp_path):
    db = tmp_path / "p.sqlite"
    ingest([corpus_copy], db)
    f = sorted(corpus_copy.iterdir())[0]
    original = f.read_bytes()
    f.write_bytes(original + "\n\n六、本意见自印发之日起施行。\n".encode())
    s = ingest([corpus_copy], db)
    assert (s.ingested, s.new_versions, s.unchanged) == (0, 1, len(SEEDS) - 1)
    conn = connect(db)
    c = counts(conn)
    assert (c["documents"], c["versions"]) == (len(SEEDS), len(SEEDS) + 1)
    (no, sha, text), = conn.execute("SELECT version_no, sha256, text FROM current_versions WHERE doc_key = ?",
                                    (doc_key(f),)).fetchall()
    assert no == 2 and sha == read(f).sha256 and "本意见自印发之日起施行" in text
    # going back to the old content is another change: version 3, same hash as version 1
    f.write_bytes(original)
    assert ingest([corpus_copy], db).new_versions == 1
    hashes = [h for h, in conn.execute("SELECT sha256 FROM versions v JOIN documents d USING (doc_id) "
                                       "WHERE doc_key = ? ORDER BY version_no", (doc_key(f),))]
    assert len(hashes) == 3 and hashes[0] == hashes[2] != hashes[1]


def test_stored_offsets_index_the_stored_text(corpus_copy, tmp_path):
    db = tmp_path / "p.sqlite"
    ingest([corpus_copy], db)
    conn = connect(db)
    texts = dict(conn.execute("SELECT version_id, text FROM versions"))
    clauses = conn.execute('SELECT version_id, start, "end", text FROM clauses').fetchall()
    recs = conn.execute('SELECT version_id, start, "end", text FROM records').fetchall()
    assert clauses
    for vid, start, end, text in clauses + recs:
        assert texts[vid][start:end] == text


def test_records_of_the_extractor_are_all_stored(corpus_copy, tmp_path):
    from policyparse import extract

    db = tmp_path / "p.sqlite"
    ingest([corpus_copy], db)
    conn = connect(db)
    for f in sorted(corpus_copy.iterdir()):
        expected = [r.model_dump(mode="json") for r in extract(read(f))]
        stored = [json.loads(j) for j, in conn.execute(
            "SELECT json FROM current_records WHERE doc_key = ? ORDER BY seq", (doc_key(f),))]
        assert stored == expected


def _synthetic_doc() -> tuple[Document, list]:
    """A document with one record of several kinds, offsets computed from the text."""
    text = normalize("一、支持措施\n到2025年，每家每年给予最高不超过1000万元奖励，市科技局牵头负责，配套比例1:1。\n")
    doc = Document(path="/virtual/synthetic.txt", text=text, sha256="0" * 64, reader="test", city="天津市")
    from policyparse.structure import build

    build(doc)

    def at(s):
        i = text.index(s)
        return {"text": s, "start": i, "end": i + len(s), "clause_id": "c1", "section": "一"}

    recs = [
        Time(type="deadline", year=2025, **at("到2025年")),
        Time(type="period", every=1, unit="year", **at("每年")),
        Money(value=1e7, high=1e7, bound="le", per="每家每年", **at("最高不超过1000万元")),
        Department(name="天津市科学技术局", role="lead", level="city", **at("市科技局")),
        Ratio(terms=[1, 1], **at("1:1")),
        Obligation(deontic="support", cue="给予", actor="天津市科学技术局", links=["money@1:2"],
                   **at("每家每年给予最高不超过1000万元奖励")),
    ]
    return doc, recs


def test_every_kind_maps_to_the_common_columns_and_full_json(tmp_path):
    doc, recs = _synthetic_doc()
    res = {"ok": True, "path": doc.path, "doc_key": doc.path, "sha256": doc.sha256, **rows(doc, recs)}
    conn = connect(tmp_path / "p.sqlite")
    assert write_batch(conn, [res], tool_version="t") == ["ingested"]
    conn.row_factory = sqlite3.Row
    stored = conn.execute("SELECT * FROM records ORDER BY seq").fetchall()
    assert len(stored) == len(recs)
    for row, rec in zip(stored, recs):
        d = rec.model_dump(mode="json")
        for col in RECORD_COLUMNS:
            want = d.get(col)
            assert row[col] == (json.dumps(want, ensure_ascii=False) if isinstance(want, (list, dict)) else want), col
        assert record_from_dict(json.loads(row["json"])) == rec
    money = next(r for r in stored if r["kind"] == "money")
    assert (money["value"], money["bound"], money["per"]) == (1e7, "le", "每家每年")
    dept = next(r for r in stored if r["kind"] == "department")
    assert (dept["name"], dept["role"]) == ("天津市科学技术局", "lead")
    assert next(r for r in stored if r["kind"] == "obligation")["deontic"] == "support"


def test_failure_is_listed_then_cleared_by_a_fixed_file(corpus_copy, tmp_path):
    db = tmp_path / "p.sqlite"
    bad = corpus_copy / "later.txt"
    bad.write_bytes(b"")
    s = ingest([corpus_copy], db)
    assert [p for p, _ in s.failed] == [str(bad)]
    conn = connect(db)
    (path, sha, error), = conn.execute("SELECT path, sha256, error FROM failures").fetchall()
    assert path == str(bad) and error.startswith(f"{bad}: ") and "\n" not in error and sha is not None
    bad.write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    s = ingest([corpus_copy], db)
    assert (s.ingested, s.failed) == (1, [])
    assert conn.execute("SELECT COUNT(*) FROM failures").fetchone()[0] == 0


def test_repeated_failure_counts_attempts(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    db = tmp_path / "p.sqlite"
    ingest([bad], db)
    ingest([bad], db)
    assert connect(db).execute("SELECT attempts FROM failures").fetchone()[0] == 2


def test_missing_file_named_explicitly_is_a_failure_not_a_crash(tmp_path):
    s = ingest([tmp_path / "nope.txt"], tmp_path / "p.sqlite")
    assert len(s.failed) == 1 and s.failed[0][1].endswith("no such file")


def test_orphans_view_sees_orphans(tmp_path):
    """The integrity query other tests rely on must be able to fail."""
    conn = connect(tmp_path / "p.sqlite")
    assert conn.execute("SELECT COUNT(*) FROM orphans").fetchone()[0] == 0
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO records (version_id, seq, kind, text, start, \"end\", json) VALUES (99, 0, 'money', 'x', 0, 1, '{}')")
    conn.execute("INSERT INTO clauses (version_id, id, start, \"end\", text) VALUES (98, 'p1', 0, 1, 'x')")
    assert sorted(w for w, _ in conn.execute("SELECT * FROM orphans")) == ["clause", "record"]


def test_deleting_a_document_removes_all_its_rows(corpus_copy, tmp_path):
    db = tmp_path / "p.sqlite"
    ingest([corpus_copy], db)
    conn = connect(db)
    conn.execute("DELETE FROM documents WHERE doc_key = ?", (doc_key(sorted(corpus_copy.iterdir())[0]),))
    c = counts(conn)
    assert c["documents"] == c["versions"] == len(SEEDS) - 1
    assert conn.execute("SELECT COUNT(*) FROM orphans").fetchone()[0] == 0


def test_discover_finds_supported_files_only(tmp_path):
    for name in ("a.TXT", "b.docx", "c.pdf", "d.html", "e.htm", "f.doc", "g.wps", "h.rtf",
                 "skip.tsv", "~$lock.docx", ".hidden/x.txt", "sub/deep.txt"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    found = sorted(p.relative_to(tmp_path).as_posix() for p in discover([tmp_path]))
    assert found == ["a.TXT", "b.docx", "c.pdf", "d.html", "e.htm", "f.doc", "g.wps", "h.rtf", "sub/deep.txt"]
    assert discover([tmp_path / "a.TXT", tmp_path]) == discover([tmp_path])  # each file once


def test_progress_reaches_the_total_once_per_file(corpus_copy, tmp_path):
    (corpus_copy / "broken.pdf").write_bytes(b"garbage")
    calls = []
    s = ingest([corpus_copy], tmp_path / "p.sqlite",
               on_progress=lambda e: calls.append((e.done, e.total)) if e.phase == "ingest" else None)
    assert calls[-1] == (s.files, s.files) == (len(SEEDS) + 1, len(SEEDS) + 1)
    done = [d for d, _ in calls]
    assert done == sorted(done) and len(set(done)) == len(done)
