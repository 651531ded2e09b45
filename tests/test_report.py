"""The HTML report: highlighting (escaped, one element per record, valid nesting), self-containment,
and — in real headless Chromium (Debian's /usr/bin/chromium via playwright) — no console errors,
tables and highlights present, and a <script> inside a document's text shown as text, not run."""
from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from policyparse.compare import documents
from policyparse.model import Count, Document, Money, Target
from policyparse.report import build
from policyparse.report.highlight import render
from policyparse.store import ingest

from conftest import CORPUS, SEEDS

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
EVIL = ("天津市科学技术局关于测试的通知\n\n一、总体要求\n\n"
        "每家给予<script>window.__pwned = 1</script>最高不超过100万元奖励，"
        "<img src=x onerror=\"window.__pwned = 2\">到2025年，新增企业<b>20家</b>。\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A store of the corpus plus one hostile document, and the report built from it."""
    root = tmp_path_factory.mktemp("report")
    src = root / "corpus"
    src.mkdir()
    for f in [*SEEDS, CORPUS / "SOURCES.tsv"]:  # the five seed texts and their sidecar
        shutil.copy(f, src / f.name)
    (src / "tianjin_2099_evil.txt").write_text(EVIL, encoding="utf-8")
    db = root / "p.sqlite"
    assert not ingest([src], db, workers=1).failed
    path = build(db, root / "out", cities=["天津", "石家庄"], topic="产业技术研究院")
    return db, path


def test_highlight_escapes_and_nests():
    text = "前<x>到2025年新增企业20家，每家不超过100万元。"
    doc = Document(text=text)
    a = text.index("20家")
    b = text.index("不超过100万元")
    recs = [Target(text=text[text.index("新增"):a + 3], start=text.index("新增"), end=a + 3, metric="企业", value=20),
            Count(text="20家", start=a, end=a + 3, value=20, unit="家"),
            Money(text=text[b:b + 8], start=b, end=b + 8, value=1e6, high=1e6, bound="le"),
            # crosses the money span: must be split, not break the nesting
            Count(text=text[b - 2:b + 3], start=b - 2, end=b + 3, value=1)]
    out = render(doc, 1, recs)
    soup = BeautifulSoup(out, "html.parser")
    assert soup.get_text() == text  # every character once, in order; <x> is text
    assert not soup.find("x")
    rids = {(m["data-kind"], m["data-rid"]) for m in soup.find_all("mark")}
    assert Counter(k for k, _ in rids) == Counter({"count": 2, "target": 1, "money": 1})
    money = soup.find("mark", attrs={"data-kind": "money"})
    assert "≤100万元" in money["title"]
    inner = soup.find("mark", attrs={"data-kind": "target"}).find("mark", attrs={"data-kind": "count"})
    assert inner is not None and inner.get_text() == "20家"


def test_report_is_one_self_contained_file(built):
    _, path = built
    assert path.name == "index.html" and [p.name for p in path.parent.iterdir()] == ["index.html"]
    page = path.read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    for tag in soup.find_all(True):
        for attr in ("src", "href", "action", "data"):
            v = tag.get(attr)
            if v is not None and tag.name != "object":
                assert v.startswith(("#", "data:")), (tag.name, attr, v)
    assert not soup.find("link", rel="stylesheet") and all(not s.get("src") for s in soup.find_all("script"))
    assert len(soup.find_all("script")) == 1  # ours; the document's <script> is text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page


def test_report_highlights_every_record(built):
    db, path = built
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    docs = documents(db)
    want = Counter(r.kind for d in docs for r in d.records)
    got = Counter(m["data-kind"] for m in soup.select("mark.rec") if "cont" not in m["class"])
    assert got == want and want["money"] > 0 and want["target"] > 0


def test_report_holds_comparison_followup_and_charts(built):
    _, path = built
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    rows = {th.get_text() for th in soup.select("table.compare tbody th")}
    assert any(r.startswith("annual/performance reward cap") for r in rows)
    assert soup.select("table.compare td.none") and soup.select("table.compare td.stated")
    tj = soup.select_one('table.followup[data-city="天津"]')
    assert "衍生孵化企业总数达到420家" in tj.get_text()
    bars = soup.select("svg.money-chart rect.bar")
    assert {b["data-city"] for b in bars} == {"天津", "石家庄"}
    assert soup.select("svg.target-chart circle.pt-reported")
    # the comparison's document numbers are the report's own document numbers
    legend = soup.select("table.compare ~ ol.legend li")
    assert len(legend) == 2
    for li in legend:
        n, title = re.match(r"\[(\d+)\] (.+?) \(", li.get_text()).groups()
        assert title in soup.select_one(f"#doc-{n} h3").get_text()
    # every link from the comparison lands on an element of the page
    for a in soup.select("table.compare a[href]"):
        assert soup.find(id=a["href"][1:]) is not None, a["href"]


def _playwright():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent (scripts/system-deps installs Debian's chromium when root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed in this environment")
    return sync_playwright


@pytest.fixture(scope="module")
def browser_page(built):
    sync_playwright = _playwright()
    _, path = built
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        errors, requests = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        yield page, errors, requests, path
        browser.close()


def test_browser_loads_without_errors_or_network(browser_page):
    page, errors, requests, path = browser_page
    assert errors == []
    assert all(u == path.as_uri() or u.startswith("data:") for u in requests), requests
    assert page.title().startswith("policyparse report")


def test_browser_shows_tables_and_highlights(browser_page, built):
    page, errors, _, _ = browser_page
    assert page.locator("table.compare tbody tr").count() >= 9
    assert page.locator("table.followup").count() == 2
    counts = page.evaluate("""() => {
        const seen = {};
        document.querySelectorAll('mark.rec').forEach(m => {
            (seen[m.dataset.kind] = seen[m.dataset.kind] || new Set()).add(m.dataset.rid); });
        return Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v.size])); }""")
    want = Counter(r.kind for d in documents(built[0]) for r in d.records)
    assert counts == dict(want)
    assert errors == []


def test_browser_does_not_run_document_script(browser_page):
    page, errors, _, _ = browser_page
    assert page.evaluate("() => window.__pwned") is None
    evil = page.locator("section.doc", has_text="测试的通知").locator(".doctext")
    text = evil.text_content()
    assert "<script>window.__pwned = 1</script>" in text and '<img src=x onerror="window.__pwned = 2">' in text
    assert evil.locator("script").count() == 0 and evil.locator("img").count() == 0
    assert errors == []


def test_browser_source_link_opens_the_document_text(browser_page):
    page, errors, _, _ = browser_page
    link = page.locator("table.compare td.stated a[href^='#d']").first
    target = link.get_attribute("href")[1:]
    link.click()
    page.wait_for_function("id => { const d = document.getElementById(id).closest('details'); return d && d.open; }",
                           arg=target)
    assert page.locator(f"[id='{target}']").is_visible()
    kinds = page.locator("input.kind-toggle[value='money']")
    kinds.uncheck()
    assert page.evaluate("() => document.body.classList.contains('hide-money')")
    assert errors == []
