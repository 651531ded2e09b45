"""Cross-city comparison on the corpus: 天津 vs 石家庄 on 产业技术研究院 (the acceptance cells),
each with its source clause, plus the SOURCES.tsv sidecar that gives the 2018 opinion its date."""
from __future__ import annotations

import re

import pytest

from policyparse.compare import compare, documents
from policyparse.store import ingest
from policyparse.store.sidecar import apply as apply_sidecar

from conftest import CORPUS, SEEDS

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("compare") / "p.sqlite"
    summary = ingest(SEEDS, path, workers=1)
    assert not summary.failed, summary.failed
    return path


@pytest.fixture(scope="module")
def docs(db):
    return {d.path.split("/")[-1]: d for d in documents(db)}


@pytest.fixture(scope="module")
def table(db):
    return compare(db, cities=["天津", "石家庄"], topic="产业技术研究院")


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def check_source(v, docs, needle: str):
    """The value links to a clause whose sentence holds ``needle`` and whose span is the value."""
    src = v.source
    assert src.clause_id and src.section, v
    assert needle in squash(src.sentence), (needle, src.sentence)
    doc = docs[src.path.split("/")[-1]]
    assert doc.text[src.start:src.end] == v.text
    clause = next(c for c in doc.clauses if c.id == src.clause_id)
    assert clause.start <= src.start and src.end <= clause.end


def only(cell, kind=None):
    vals = [v for v in cell.values if kind is None or v.kind == kind]
    assert len(vals) == 1, [v.display for v in cell.values]
    return vals[0]


def test_documents_compared_are_the_two_policies(table):
    assert table.cities == ["天津", "石家庄"]
    titles = [d.doc for d in table.documents]
    assert len(titles) == 2
    assert "天津市人民政府办公厅关于加快产业技术研究院建设发展的若干意见" in titles  # title from SOURCES.tsv
    assert all(d.doc_type != "答复" for d in table.documents)


def test_reply_excluded_unless_asked(db):
    with_replies = compare(db, cities=["天津"], topic="产业技术研究院", include_replies=True)
    assert any(d.doc_type == "答复" for d in with_replies.documents)


def test_accreditation_validity(table, docs):
    row = table.row("accreditation", "产业技术研究院")
    tj = only(row.cell("天津"))
    assert (tj.value, tj.unit) == (3, "year")
    check_source(tj, docs, "有效期为3年")
    sjz = row.cell("石家庄")
    assert not sjz.values and sjz.summary() == "mentioned, none stated"
    assert "认定" in sjz.mentions[0].sentence


def test_annual_reward_cap_normalised_per_year(table, docs):
    row = table.row("performance_reward", "产业技术研究院")
    tj = only(row.cell("天津"), "money")
    assert (tj.high, tj.bound, tj.per, tj.cycle_years, tj.per_year) == (1e7, "le", "每家每年", 1, 1e7)
    check_source(tj, docs, "每家每年奖励额度最高不超过1000万元")
    sjz = only(row.cell("石家庄"), "money")
    assert sjz.value == 5e5 and sjz.cycle_years == 3
    assert sjz.per_year == pytest.approx(5e5 / 3)
    assert "3-year cycle" in sjz.display and "16.7万元/year" in sjz.display
    check_source(sjz, docs, "每3年为1个评估周期")


def test_construction_funding(table, docs):
    row = table.row("construction_subsidy", "产业技术研究院")
    assert not row.cell("天津").stated and row.cell("天津").summary() == "none stated"
    v = only(row.cell("石家庄"))
    assert v.value == 2e5 and v.per == "每家"
    check_source(v, docs, "每家给予20万元建设资金")


def test_provincial_reward(table, docs):
    row = table.row("provincial_reward")
    assert not row.cell("天津").stated
    v = only(row.cell("石家庄"))
    assert v.value == 1e6
    check_source(v, docs, "省级产业技术研究院给予100万元的奖励")


def test_matching_funds(table, docs):
    row = table.row("matching_funds")
    v = only(row.cell("天津"), "ratio")
    assert v.terms == [1, 1] and v.display == "1:1"
    check_source(v, docs, "1︰1的配套资金支持")
    assert not row.cell("石家庄").stated


def test_import_tax_subsidy(table, docs):
    row = table.row("import_tax_subsidy")
    pct = only(row.cell("天津"), "percent")
    money = only(row.cell("天津"), "money")
    assert (pct.value, pct.bound) == (50, "le")
    assert (money.high, money.bound, money.per_year) == (5e6, "le", 5e6)
    check_source(money, docs, "每家每年补贴额度不高于500万元")
    check_source(pct, docs, "进口")
    assert not row.cell("石家庄").stated


def test_investment_loss_compensation(table, docs):
    row = table.row("investment_loss_compensation")
    pct = only(row.cell("天津"), "percent")
    money = only(row.cell("天津"), "money")
    assert (pct.value, pct.bound) == (50, "le")
    assert (money.high, money.bound) == (3e6, "le")
    check_source(money, docs, "单个企业项目投资损失最高补偿300万元")
    assert not row.cell("石家庄").stated


def test_targets_by_year(table, docs):
    row = table.row("target", metric="产业技术研究院")
    assert row is not None and row.unit == "家"
    tj = {(v.year, v.value) for v in row.cell("天津").values}
    sjz = {(v.year, v.value) for v in row.cell("石家庄").values}
    assert tj == {(2020, 20), (2025, 30)}
    assert sjz == {(2025, 50)}
    for v in row.cell("天津").values + row.cell("石家庄").values:
        check_source(v, docs, "产业技术研究院")


def test_no_instrument_from_background_amounts(table):
    # 千亿元产业集群 (指导思想) and 过百亿元 (a description in 建设目标) grant nothing
    shown = [v.value for r in table.rows if r.category != "target" for c in r.cells.values() for v in c.values]
    assert 1e11 not in shown and 1e10 not in shown


def test_sidecar_fills_missing_fields_only(docs):
    opinion = docs["tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt"]
    assert opinion.date == "2018-08" and opinion.city == "天津"
    assert "title" in opinion.metadata["sidecar_fields"] and opinion.metadata["sidecar"].endswith("SOURCES.tsv")
    plan = docs["tianjin_2025_liangchuang-ronghe-gongzuo-fangan.txt"]
    assert plan.title.startswith("天津市人民政府关于印发")  # the text's own title is kept
    assert "title" not in plan.metadata.get("sidecar_fields", "")


def test_sidecar_apply_unit(tmp_path):
    from policyparse.model import Document

    (tmp_path / "SOURCES.tsv").write_text(
        "file\tcity\tprovince\tyear\tissued\tdoc_type\ttitle\n"
        "a.txt\t天津\t天津\t2018\t2018-08\t意见\t关于某事的意见\n", encoding="utf-8")
    doc = apply_sidecar(Document(text="正文", city="北京"), tmp_path / "a.txt")
    assert (doc.city, doc.date, doc.doc_type, doc.title) == ("北京", "2018-08", "意见", "关于某事的意见")
    assert doc.metadata["sidecar_fields"] == "title,date,province,doc_type,jurisdiction"
    assert doc.jurisdiction.name == "北京市"  # the text's city wins over the row's
    untouched = apply_sidecar(Document(text="正文"), tmp_path / "b.txt")
    assert untouched.title is None and "sidecar" not in untouched.metadata


def test_documents_in_memory_give_the_same_cells(table):
    """compare() takes Documents as well as a store; read() alone does not apply the sidecar."""
    from policyparse import read

    docs = [read(CORPUS / "tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt"),
            read(CORPUS / "shijiazhuang_2022_shiji-chanye-jishu-yanjiuyuan-shishi-yijian.txt")]
    mem = compare(docs, cities=["天津", "石家庄"], topic="产业技术研究院")
    for cat in ("performance_reward", "construction_subsidy", "import_tax_subsidy", "matching_funds"):
        for city in ("天津", "石家庄"):
            got = [v.display for v in mem.row(cat).cell(city).values]
            want = [v.display for v in table.row(cat).cell(city).values]
            assert got == want, (cat, city)


def test_topic_selects_by_title_or_frequency(docs):
    from policyparse.compare.table import is_about

    plan_2025 = docs["tianjin_2025_liangchuang-ronghe-gongzuo-fangan.txt"]
    centres = docs["tianjin_2018_jishu-chuangxin-zhongxin-shishi-fangan.txt"]
    opinion = docs["tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt"]
    assert is_about(opinion, "产业技术研究院")
    assert not is_about(plan_2025, "产业技术研究院")  # named twice in passing
    assert not is_about(centres, "产业技术研究院") and is_about(centres, "技术创新中心")
