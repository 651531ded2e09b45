"""Revision pairs built from the corpus by scripted edits; every expected pair and change asserted."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from policyparse.cli import app
from policyparse.diff import diff
from policyparse.diff.render import summary_lines, to_html

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

OPINION = CORPUS / "tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt"
BASE = OPINION.read_text(encoding="utf-8")


def revise(tmp_path: Path, text: str, name: str = "new.txt") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def edited(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, f"edit anchor not unique: {old}"
    return text.replace(old, new)


def statuses(result) -> dict[str, int]:
    return result.counts()


def test_identical_documents_report_nothing():
    r = diff(OPINION, OPINION)
    assert set(statuses(r)) == {"unchanged"}
    assert r.changes == [] and r.substantive == []


def test_whitespace_and_punctuation_width_are_not_changes(tmp_path):
    text = BASE.replace("，", ",").replace("：", ":").replace("。\n", "。  \n").replace("（一）", "(一)")
    r = diff(OPINION, revise(tmp_path, text))
    assert r.substantive == [], [p.status for p in r.substantive]
    assert r.changes == []


def test_pure_renumbering_reports_no_change(tmp_path):
    text = BASE
    for a, b in [("五、组织保障", "六、组织保障"), ("四、主要任务措施", "五、主要任务措施"),
                 ("三、建设目标", "四、建设目标")]:
        text = edited(a, b, text)
    r = diff(OPINION, revise(tmp_path, text))
    assert r.substantive == [] and r.changes == []
    assert statuses(r).get("renumbered", 0) >= 3


def test_moved_clause_is_moved_not_deleted_and_inserted(tmp_path):
    para = next(line for line in BASE.splitlines() if line.strip().startswith("（三）强化政策落实"))
    text = BASE.replace(para + "\n", "")
    text = edited("　　（一）加强组织领导", para + "\n\n　　（一）加强组织领导", text)
    r = diff(OPINION, revise(tmp_path, text))
    moved = [p for p in r.pairs if p.status == "moved"]
    assert len(moved) == 1 and "强化政策落实" in moved[0].new[0].text
    assert not [p for p in r.pairs if p.status in ("inserted", "deleted", "modified")]
    assert r.changes == []


def test_split_and_merge(tmp_path):
    # split the 建设目标 2020 paragraph at its first comma-sentence boundary; merge two 组织保障 items
    text = edited("资格认定工作。通过认定的", "资格认定工作。\n\n　　通过认定的")
    text = edited("优化办事流程。市科技主管部门负责", "优化办事流程。\n\n　　市科技主管部门负责", text)
    para2 = next(line for line in BASE.splitlines() if line.strip().startswith("（二）加大财政支持"))
    para3 = next(line for line in BASE.splitlines() if line.strip().startswith("（三）强化政策落实"))
    text = text.replace(para2 + "\n\n" + para3, para2 + para3.strip())
    r = diff(OPINION, revise(tmp_path, text))
    kinds = statuses(r)
    assert kinds.get("split") == 2 and kinds.get("merged") == 1, kinds
    assert not [p for p in r.pairs if p.status in ("inserted", "deleted", "modified")]
    assert r.substantive == []  # the same words regrouped: nothing of substance


def test_insert_and_delete(tmp_path):
    gone = next(line for line in BASE.splitlines() if line.strip().startswith("（二）加大财政支持"))
    text = BASE.replace(gone + "\n", "")
    text = edited("　　本意见自发布之日起实施", "　　（四）加强宣传。各区要做好政策宣传解读工作。\n\n　　本意见自发布之日起实施", text)
    r = diff(OPINION, revise(tmp_path, text))
    ins = [p for p in r.pairs if p.status == "inserted"]
    dels = [p for p in r.pairs if p.status == "deleted"]
    assert len(ins) == 1 and "加强宣传" in ins[0].new[0].text
    assert len(dels) == 1 and "加大财政支持" in dels[0].old[0].text


def _only_change(r, kind):
    found = [c for c in r.changes if c.kind == kind]
    assert len(found) == 1, [c.summary for c in r.changes]
    return found[0]


def test_money_amount_change(tmp_path):
    r = diff(OPINION, revise(tmp_path, edited("最高不超过1000万元", "最高不超过50万元")))
    c = _only_change(r, "money")
    assert c.change == "changed" and c.old["value"] == 1e7 and c.new["value"] == 5e5
    assert [p.status for p in r.substantive] == ["modified"]


def test_money_bound_change(tmp_path):
    r = diff(OPINION, revise(tmp_path, edited("每家每年补贴额度不高于500万元", "每家每年补贴额度不低于500万元")))
    c = _only_change(r, "money")
    assert (c.old["bound"], c.new["bound"]) == ("le", "ge") and c.old["value"] == c.new["value"] == 5e6


def test_deadline_change(tmp_path):
    r = diff(OPINION, revise(tmp_path, edited("到2020年，经认定", "到2022年，经认定")))
    times = [c for c in r.changes if c.kind == "time"]
    assert len(times) == 1 and (times[0].old["year"], times[0].new["year"]) == (2020, 2022)
    assert times[0].old["type"] == times[0].new["type"] == "deadline"


def test_period_change(tmp_path):
    r = diff(OPINION, revise(tmp_path, edited("有效期为3年", "有效期为5年")))
    c = _only_change(r, "time")
    assert (c.old["value"], c.new["value"]) == (3, 5)


def test_department_replaced(tmp_path):
    r = diff(OPINION, revise(tmp_path, edited("并会同市财政局做好", "并会同市税务局做好")))
    c = _only_change(r, "department")
    assert c.change in ("changed", "replaced")
    assert "财政" in c.old["name"] and "税务" in c.new["name"]


def test_department_alias_change_is_reported(tmp_path):
    r = diff(OPINION, revise(tmp_path, edited("市科技主管部门负责制定", "市科技局负责制定")))
    c = _only_change(r, "department")
    assert c.old["text"] == "市科技主管部门" and c.new["text"] == "市科技局"


def test_deontic_may_to_prohibit(tmp_path):
    r = diff(OPINION, revise(tmp_path, edited("市、区两级可采取", "市、区两级不得采取")))
    obl = [c for c in r.changes if c.kind == "obligation"]
    assert len(obl) == 1 and (obl[0].old["deontic"], obl[0].new["deontic"]) == ("may", "prohibit")


def test_deontic_encourage_to_shall(tmp_path):
    old = CORPUS / "shijiazhuang_2022_shiji-chanye-jishu-yanjiuyuan-shishi-yijian.txt"
    text = edited("鼓励市级产业技术研究院申报", "市级产业技术研究院应申报", old.read_text(encoding="utf-8"))
    r = diff(old, revise(tmp_path, text))
    obl = [c for c in r.changes if c.kind == "obligation"]
    assert len(obl) == 1 and (obl[0].old["deontic"], obl[0].new["deontic"]) == ("encourage", "shall")


def test_json_schema_and_summary_cli(tmp_path, capsys):
    new = revise(tmp_path, edited("最高不超过1000万元", "最高不超过50万元"))
    from typer.testing import CliRunner
    from policyparse.cli import commands  # noqa: F401
    res = CliRunner().invoke(app, ["diff", str(OPINION), str(new), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["schema_version"] == 1 and data["summary"]["value_changes"] >= 1
    pair = next(p for p in data["pairs"] if p["status"] == "modified")
    assert pair["old"][0]["text"] != pair["new"][0]["text"] and pair["changes"][0]["old"]["start"] >= 0
    res = CliRunner().invoke(app, ["diff", str(OPINION), str(new), "--summary"])
    lines = [x for x in res.output.splitlines() if x.strip()]
    assert res.exit_code == 0 and lines and all("money" in x for x in lines if "1000万元" in x)
    assert any("1000万元" in x and "50万元" in x for x in lines)


def test_html_escapes_document_text(tmp_path):
    evil = BASE.replace("本意见自发布之日起实施", "本意见<script>alert(1)</script>自发布之日起实施")
    r = diff(OPINION, revise(tmp_path, evil))
    page = to_html(r)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert page.count("<tr") >= len(r.pairs)


def test_summary_lines_one_per_change(tmp_path):
    text = edited("最高不超过1000万元", "最高不超过50万元")
    text = edited("到2020年，经认定", "到2022年，经认定", text)
    r = diff(OPINION, revise(tmp_path, text))
    assert len(summary_lines(r)) == len(r.changes) >= 2


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_other_renderings_report_nothing_of_substance(tmp_path, fmt):
    from fixtures.build import make_docx, make_pdf
    make = make_docx if fmt == "docx" else make_pdf
    rendered = make(BASE, tmp_path / f"opinion.{fmt}")
    r = diff(OPINION, rendered)
    assert [(p.status, [c.summary for c in p.changes]) for p in r.substantive] == []
    assert r.counts().get("unchanged", 0) + r.counts().get("renumbered", 0) >= 25


def test_target_value_change(tmp_path):
    r = diff(OPINION, revise(tmp_path, edited("经认定的产业技术研究院达到30家", "经认定的产业技术研究院达到40家")))
    targets = [c for c in r.changes if c.kind == "target"]
    counts = [c for c in r.changes if c.kind == "count"]
    assert len(targets) == 1 and (targets[0].old["value"], targets[0].new["value"]) == (30, 40)
    assert targets[0].old["year"] == targets[0].new["year"] == 2025
    assert len(counts) == 1 and counts[0].field == "value"
