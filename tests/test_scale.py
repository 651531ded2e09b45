"""What keeps a large store usable, checked on a small generated one (scripts/scale.py's corpus):
compare/targets find documents through indexes (EXPLAIN QUERY PLAN), the report of a store larger
than a page is a summary with links to per-jurisdiction pages, and a SIGKILLed ingest resumes
without losing, duplicating or redoing committed documents."""
from __future__ import annotations

import re
import sqlite3
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from policyparse.compare.sources import CLAUSES_SQL, RECORDS_SQL, SECTIONS_SQL, candidates_sql, column_of
from policyparse.report import build
from policyparse.store import connect, ingest

from conftest import load_script


scale = load_script("scale")


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """300 small generated documents (≈ 500 characters each), ingested serially."""
    root = tmp_path_factory.mktemp("scale")
    scale.generate(root / "corpus", 300, scale=0.15)
    db = root / "s.sqlite"
    s = ingest([root / "corpus"], db, workers=1)
    assert s.ingested == 300 and not s.failed
    return db


def _plan(conn, sql, args) -> list[str]:
    return [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, args)]


def test_compare_and_targets_find_documents_through_indexes(small_store):
    conn = connect(small_store)
    conn.execute("ANALYZE")  # as a long-lived store would have; the plans hold without it too
    asked = [candidates_sql(["天津"]),  # targets of one jurisdiction
             candidates_sql(["天津", "四川", "全国"], "数字经济"),  # compare of named jurisdictions
             candidates_sql(["成都"], None, "city")]
    for sql, args in asked:
        plan = _plan(conn, sql, args)
        assert not [p for p in plan if p.startswith("SCAN")], plan  # no full scan of versions
        assert any("versions_jurisdiction" in p for p in plan), plan
    for sql in (RECORDS_SQL, CLAUSES_SQL, SECTIONS_SQL):  # the kept versions' rows, a chunk at a time
        plan = _plan(conn, sql.format(marks="?,?,?", where=""), (1, 2, 3))
        assert not [p for p in plan if p.startswith("SCAN")], plan
        assert all(p.startswith(("SEARCH", "USE TEMP B-TREE")) for p in plan), plan
    # all jurisdictions, one topic: versions are read once each (the topic may be anywhere in a
    # text), records never scanned
    plan = _plan(conn, *candidates_sql(None, "数字经济"))
    assert not [p for p in plan if p.startswith("SCAN") and "records" in p], plan


def test_prefilter_keeps_every_document_the_filters_keep(small_store):
    """The SQL preselection is a superset: compare/follow_up give the same with and without it."""
    from policyparse.compare import compare, documents
    from policyparse.compare.followup import follow_up

    docs = documents(small_store)  # every document
    labels = Counter(column_of(d.jurisdiction.name if d.jurisdiction else None,
                               d.jurisdiction.level if d.jurisdiction else None, d.city) for d in docs)
    busiest = [lb for lb, _ in labels.most_common(3)]
    for cities, topic in ((busiest, None), (None, "数字经济"), (busiest[:1], "人才引进")):
        assert compare(small_store, cities, topic) == compare(docs, cities, topic)
    for city in busiest:
        assert follow_up(small_store, city) == follow_up(docs, city)


def test_report_of_a_large_store_is_a_summary_with_links(small_store, tmp_path):
    seen = []
    index = build(small_store, tmp_path / "rep", page_docs=2, on_progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (300, 300)
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    assert "300 documents" in soup.header.get_text()
    assert not soup.select("section.doc") and not soup.select(".doctext")  # no document on the summary
    rows = soup.select("table.summary tbody tr")
    assert sum(int(r.find_all("td")[1].get_text()) for r in rows) == 300
    links = [a["href"] for a in soup.select("table.summary a")]
    assert len(links) == len(set(links)) and any(len(r.select("a")) > 1 for r in rows)  # split pages
    shown = Counter()
    for href in links:
        page = BeautifulSoup((index.parent / href).read_text(encoding="utf-8"), "html.parser")
        docs = page.select("section.doc")
        assert 1 <= len(docs) <= 2
        shown.update(d.select_one(".meta code").get_text() for d in docs)
    assert len(shown) == 300 and set(shown.values()) == {1}  # every document on exactly one page


def test_a_small_store_keeps_its_single_page(small_store, tmp_path):
    index = build(small_store, tmp_path / "one", page_docs=300)
    assert not (tmp_path / "one" / "pages").exists()
    assert len(BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser").select("section.doc")) == 300


def test_sigkilled_ingest_resumes_without_loss_duplicates_or_redoing(tmp_path):
    """`policyparse ingest --workers 2` killed (SIGKILL, whole process group) after its first
    commits, then run again: every document once, only the uncommitted ones redone."""
    scale.generate(tmp_path / "corpus", 300)
    db = tmp_path / "k.sqlite"
    first = scale.run_ingest(tmp_path / "corpus", db, workers=2, kill_at_docs=64)
    if not first["killed"]:
        pytest.skip("the ingest finished before it could be killed (machine too fast for 300 documents)")
    before = scale.store_check(db)
    assert 64 <= before["documents"] < 300 and before["orphans"] == 0
    assert before["documents"] == before["versions"]  # whole documents only
    second = scale.run_ingest(tmp_path / "corpus", db, workers=2)
    s = second["summary"]
    after = scale.store_check(db)
    assert not s["failed"]
    assert s["unchanged"] == before["documents"]  # committed ones are not redone …
    assert s["ingested"] == 300 - before["documents"]  # … and only the rest are
    assert after["documents"] == after["versions"] == after["distinct_keys"] == 300
    assert after["max_version_no"] == 1 and after["orphans"] == 0 and after["failures"] == 0
    conn = sqlite3.connect(db)
    per_doc = conn.execute("SELECT COUNT(DISTINCT version_id) FROM records").fetchone()[0]
    assert per_doc == 300  # every document's records, once (no version without rows)


def test_an_older_store_gets_the_place_indexes_when_opened(tmp_path):
    from policyparse.store.db import PLACE_INDEXES

    db = tmp_path / "o.sqlite"
    conn = connect(db)
    for name in PLACE_INDEXES:
        conn.execute(f"DROP INDEX {name}")
    conn.close()
    conn = connect(db)
    have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(PLACE_INDEXES) <= have
