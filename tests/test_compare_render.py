"""compare output formats: CSV (one line per value, explicit none stated), HTML (escaped, linked
to source sentences), terminal table — and the CLI commands that write them."""
from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from policyparse.cli import app
from policyparse.cli import commands  # noqa: F401  (registers the commands)
from policyparse.compare import compare
from policyparse.compare.model import Cell, CellValue, ComparisonTable, Row, SourceRef
from policyparse.compare.render import html_page, print_terminal, to_csv
from policyparse.store import ingest

from conftest import SEEDS


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("render") / "p.sqlite"
    assert not ingest(SEEDS, path, workers=1).failed
    return path


@pytest.fixture(scope="module")
def table(db):
    return compare(db, cities=["天津", "石家庄"], topic="产业技术研究院")


def test_csv_one_line_per_value_and_explicit_none(table):
    rows = list(csv.DictReader(io.StringIO(to_csv(table))))
    build = [r for r in rows if r["category"] == "construction_subsidy"]
    tj = [r for r in build if r["city"] == "天津"]
    sjz = [r for r in build if r["city"] == "石家庄"]
    assert [r["display"] for r in tj] == ["none stated"] and tj[0]["value"] == ""
    assert len(sjz) == 1 and float(sjz[0]["value"]) == 2e5 and sjz[0]["clause_id"]
    assert "建设资金" in sjz[0]["sentence"]
    accr = [r for r in rows if r["category"] == "accreditation" and r["city"] == "石家庄"]
    assert accr[0]["display"] == "mentioned, none stated" and "认定" in accr[0]["sentence"]
    reward = [r for r in rows if r["category"] == "performance_reward" and r["city"] == "石家庄"]
    assert float(reward[0]["per_year"]) == pytest.approx(5e5 / 3) and float(reward[0]["cycle_years"]) == 3


def test_html_page_links_every_value_to_its_sentence(table):
    soup = BeautifulSoup(html_page(table), "html.parser")
    values = soup.select("td.stated li.val")
    assert len(values) == sum(len(c.values) for r in table.rows for c in r.cells.values())
    for li in values:
        href = li.find("a")["href"]
        assert href.startswith("#") and soup.find(id=href[1:]) is not None
    assert len(soup.select("td.none")) == sum(1 for r in table.rows for c in r.cells.values() if not c.values)


def _evil_table() -> ComparisonTable:
    ref = SourceRef(doc="<script>alert(1)</script>", path="x.txt", clause_id="s1.p1", section="一",
                    sentence="给予<b>100万元</b>", start=0, end=5)
    v = CellValue(kind="money", text="<i>100万元</i>", value=1e6, display="100万元", source=ref)
    row = Row(category="x", label="<img src=x onerror=alert(1)>", cells={"A": Cell(values=[v]), "B": Cell()})
    return ComparisonTable(cities=["A", "B"], documents=[ref.model_copy(update={"sentence": ""})], rows=[row])


def test_html_escapes_document_strings():
    page = html_page(_evil_table())
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find("script") and not soup.find("img") and not soup.find("i")
    assert not soup.select("div.sentence b") and soup.select_one("div.sentence").get_text() == "给予<b>100万元</b>"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_terminal_table_escapes_markup():
    from rich.console import Console

    buf = io.StringIO()
    print_terminal(_evil_table(), Console(file=buf, width=200, color_system=None))
    out = buf.getvalue()
    assert "<img src=x onerror=alert(1)>" in out and "none stated" in out


def test_cli_compare_formats(db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "c.csv"
    res = runner.invoke(app, ["compare", "--db", str(db), "--cities", "天津,石家庄", "--topic", "产业技术研究院",
                              "--format", "csv", "--out", str(out)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["city"] for r in rows} == {"天津", "石家庄"}
    assert "named-instrument coverage 100% (10/10)" in res.output  # every seed support amount is named
    res = runner.invoke(app, ["compare", "--db", str(db), "--cities", "天津,石家庄", "--topic", "产业技术研究院"])
    assert res.exit_code == 0 and "none stated" in res.output and "1000万元" in res.output
    assert "named-instrument coverage: 100%" in res.output
    res = runner.invoke(app, ["compare", "--db", str(db), "--topic", "没有这个主题"])
    assert res.exit_code == 1


def test_cli_targets(db):
    res = CliRunner().invoke(app, ["targets", "--db", str(db), "--city", "天津", "--json", "--reported"])
    assert res.exit_code == 0, res.output
    import json

    lines = [json.loads(x) for x in res.output.splitlines()]
    spin = [x for x in lines if x["metric"] == "衍生孵化企业" and x["year"] == 2025]
    assert spin and spin[0]["reports"][-1]["value"] == 420 and spin[0]["status"] == "70% of target"


TIERED = """江苏省支持企业创新若干措施（测试文本）

一、对年度研发投入1000万元及以上至5000万元、5000万元以上至1亿元、1亿元以上的企业，分别给予70%、80%和90%的补助。
二、对新引进的企业，按其对地方财政贡献，前三年80%、后两年50%给予奖励。对企业购买本地产品的，给予不超过采购金额10%的补贴。
"""


@pytest.fixture(scope="module")
def both(table, tmp_path_factory):
    """The seed table, and one with tiered schedules, an "other" row and coverage below 1."""
    from policyparse import read

    path = tmp_path_factory.mktemp("tiered") / "jiangsu_2020_test.txt"
    path.write_text(TIERED, encoding="utf-8")
    return [table, compare([read(path)])]


def test_csv_html_and_terminal_carry_the_same_rows(both):
    from rich.console import Console

    from policyparse.compare.render import COVERAGE, lines

    for table in both:
        want = [(ln.row.category, ln.city, ln.display) for ln in lines(table)]
        assert want
        rows = [r for r in csv.DictReader(io.StringIO(to_csv(table))) if r["category"] != COVERAGE]
        assert [(r["category"], r["city"], r["display"]) for r in rows] == want
        soup = BeautifulSoup(html_page(table), "html.parser")
        html = []
        for tr in soup.select("table.compare tbody tr"):
            for td in tr.select("td[data-city]"):
                items = td.select("li.val") or [td]
                html += [(tr["data-category"], td["data-city"], li.get("data-display") or td.em.get_text()) for li in items]
        assert html == want
        buf = io.StringIO()
        print_terminal(table, Console(file=buf, width=600, color_system=None))
        out = buf.getvalue()
        assert out.count("«") == sum(1 for ln in lines(table) if ln.value is not None)
        for _, _, shown in want:
            assert shown in out


def test_tiers_and_coverage_in_every_view(both):
    table = both[1]
    rows = list(csv.DictReader(io.StringIO(to_csv(table))))
    tiers = [r for r in rows if r["tier"]]
    assert [(r["tier"], float(r["value"])) for r in tiers if r["category"] == "rd_expense_subsidy"] == [
        ("1000万元及以上至5000万元", 70), ("5000万元以上至1亿元", 80), ("1亿元以上", 90)]
    assert {r["base"] for r in tiers if r["category"] == "local_fiscal_contribution_reward"} == {"地方财政贡献"}
    cov = [r for r in rows if r["category"] == "coverage"]
    named, total = table.coverage["江苏"]
    assert total > named > 0 and len(cov) == 1 and float(cov[0]["value"]) == pytest.approx(named / total)
    assert any(r["category"] == "other" and r["display"] == "≤10%" for r in rows)
    soup = BeautifulSoup(html_page(table), "html.parser")
    assert soup.select_one("tfoot td.coverage").get_text().startswith(f"{named / total:.0%}")
