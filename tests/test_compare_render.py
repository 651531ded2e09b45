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
    res = runner.invoke(app, ["compare", "--db", str(db), "--cities", "天津,石家庄", "--topic", "产业技术研究院"])
    assert res.exit_code == 0 and "none stated" in res.output and "1000万元" in res.output
    res = runner.invoke(app, ["compare", "--db", str(db), "--topic", "没有这个主题"])
    assert res.exit_code == 1


def test_cli_targets(db):
    res = CliRunner().invoke(app, ["targets", "--db", str(db), "--city", "天津", "--json", "--reported"])
    assert res.exit_code == 0, res.output
    import json

    lines = [json.loads(x) for x in res.output.splitlines()]
    spin = [x for x in lines if x["metric"] == "衍生孵化企业" and x["year"] == 2025]
    assert spin and spin[0]["reports"][-1]["value"] == 420 and spin[0]["status"] == "70% of target"
