"""department: gazetteer canonicalisation per city, roles, spans (examples.yaml + corpus)."""
from pathlib import Path

import pytest
import yaml

from policyparse import read
from policyparse.dimensions.department import search
from policyparse.dimensions.department.gazetteer import gazetteers, table
from policyparse.extract import extract
from policyparse.jurisdiction import of
from policyparse.lexicon.schemas.department import Gazetteer

from conftest import CORPUS

EXAMPLES = yaml.safe_load(
    (Path(__file__).parents[1] / "src/policyparse/dimensions/department/examples.yaml").read_text("utf-8"))
TIANJIN_2025 = CORPUS / "tianjin_2025_liangchuang-ronghe-gongzuo-fangan.txt"
SJZ_2022 = CORPUS / "shijiazhuang_2022_shiji-chanye-jishu-yanjiuyuan-shishi-yijian.txt"
CITY = {"tianjin": "天津", "shijiazhuang": "石家庄"}


def _search(ex):
    """The example's document place: a city short name (``city``) or any jurisdiction (``place``)."""
    if "place" in ex:
        return search(ex["phrase"], place=ex["place"])
    return search(ex["phrase"], city=ex["city"])


@pytest.mark.parametrize("ex", EXAMPLES["examples"], ids=lambda e: e["phrase"])
def test_example(ex):
    found = _search(ex)
    assert len(found) == 1, [d.text for d in found]
    d = found[0]
    for field, want in ex["expect"].items():
        assert getattr(d, field) == want, field
    assert ex["phrase"][d.start:d.end] == d.text


@pytest.mark.parametrize("ex", EXAMPLES["lists"], ids=lambda e: e["phrase"])
def test_list(ex):
    found = _search(ex)
    assert len(found) == len(ex["expect"]), [(d.text, d.name) for d in found]
    for d, want in zip(found, ex["expect"]):
        for field, value in want.items():
            assert getattr(d, field) == value, (d.text, field)
        assert ex["phrase"][d.start:d.end] == d.text


@pytest.mark.parametrize("ex", EXAMPLES["negatives"], ids=lambda e: e["phrase"])
def test_negative(ex):
    assert _search(ex) == []


def test_list_ending_in_division_of_duties_gives_one_responsible_record_each():
    text = "（市科技局、市教委、市知识产权局、市地方金融管理局、中国人民银行天津市分行、天津金融监管局、天津证监局按职责分工负责）"
    found = search(text, city="天津")
    assert [d.text for d in found] == ["市科技局", "市教委", "市知识产权局", "市地方金融管理局",
                                       "中国人民银行天津市分行", "天津金融监管局", "天津证监局"]
    assert {d.role for d in found} == {"responsible"}
    assert all(text[d.start:d.end] == d.text for d in found)


def test_subject_and_joined_body_get_different_roles():
    text = "市科技主管部门负责产业技术研究院的认定和管理工作，并会同市财政局、市税务局做好年度考核。"
    roles = {d.text: d.role for d in search(text, city="石家庄")}
    assert roles == {"市科技主管部门": "responsible", "市财政局": "co", "市税务局": "co"}


def test_same_alias_is_canonical_for_each_city():
    assert search("市科技局", city="天津")[0].name == "天津市科学技术局"
    assert search("市科技局", city="石家庄市")[0].name == "石家庄市科学技术局"
    assert search("市教委", city="天津")[0].name == "天津市教育委员会"


def test_place_file_wins_over_the_grammar():
    # the grammar builds 市市场监管委 → 天津市市场监督管理委员会 too, but the place file decides
    # where both find a span: Tianjin's tax bureau name is the file's
    assert table("天津").aliases["市市场监管委"].name == "天津市市场监督管理委员会"
    assert search("市市场监管局", city="保定")[0].name == "保定市市场监督管理局"
    assert search("市市场监管委", city="天津")[0].name == "天津市市场监督管理委员会"


def test_override_data_names_the_real_body():
    # Shanghai's science body is a commission: overrides.yaml, not a branch in code
    assert search("市科技主管部门", jurisdiction=of("上海"))[0].name == "上海市科学技术委员会"
    assert search("市科技主管部门", jurisdiction=of("成都"))[0].name == "成都市科学技术局"
    assert search("省工业和信息化主管部门", jurisdiction=of("四川"))[0].name == "四川省经济和信息化厅"
    assert search("省工业和信息化主管部门", jurisdiction=of("江苏"))[0].name == "江苏省工业和信息化厅"


def test_gazetteer_rejects_an_alias_naming_two_bodies():
    with pytest.raises(ValueError):
        Gazetteer.model_validate({"place": "x", "level": "city", "entries": [
            {"name": "甲市财政局", "aliases": ["市财政"]}, {"name": "甲市税务局", "aliases": ["市财政"]}]})


def test_every_place_file_loads():
    assert {"generic", "national", "tianjin", "hebei", "shijiazhuang"} <= set(gazetteers())


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_corpus_spans_index_document_text(path):
    doc = read(path)
    found = search(doc.text, city=CITY[path.stem.split("_")[0]])
    assert found
    assert all(doc.text[d.start:d.end] == d.text for d in found)
    assert all(d.resolved for d in found)


def test_corpus_2025_counts_responsible_bodies():
    doc = read(TIANJIN_2025)
    found = search(doc.text, city="天津")
    leads = [d for d in found if d.role == "lead"]
    assert [d.name for d in leads] == ["天津市科学技术局", "天津市科学技术局"]  # items 3 and 4
    resp = [d for d in found if d.role == "responsible"]
    # 24 trailing （…负责） name 市科技局 (grep), two of them 牵头负责
    assert sum(d.name == "天津市科学技术局" for d in resp) == 22
    assert {d.name for d in found if d.level == "district"} == {"各区人民政府", "有关区人民政府", "相关区人民政府", "各区"}


def test_extract_shifts_departments_into_document_offsets():
    doc = read(SJZ_2022)
    doc.city = doc.city or "石家庄"
    recs = extract(doc, kinds=["department"])
    assert recs and all(doc.text[r.start:r.end] == r.text and r.clause_id for r in recs)
    assert any(r.name == "国家税务总局石家庄市税务局" and r.role == "co" for r in recs)


TASK_TABLE = """<html><head><meta charset="utf-8"><title>成都市推进数字经济发展实施方案</title></head><body>
<p>成都市人民政府办公厅关于印发成都市推进数字经济发展实施方案的通知</p>
<p>一、重点任务</p><p>各单位要按照下表分工抓好落实。</p>
<table><tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td></tr>
<tr><td>1</td><td>建设算力中心</td><td>市发展改革委</td><td>市经信局、市财政局</td></tr>
<tr><td>2</td><td>培育数据企业</td><td>市经信局</td><td>市科技局牵头，市商务局</td></tr></table>
<p>二、保障措施</p><p>市财政局加强资金保障。</p></body></html>"""


def test_task_table_columns_give_roles(tmp_path):
    p = tmp_path / "plan.html"
    p.write_text(TASK_TABLE, "utf-8")
    doc = read(p)
    deps = [r for r in extract(doc) if r.kind == "department"]
    rows = {(d.name, d.role) for d in deps if "|" in doc.text[doc.text.rfind("\n", 0, d.start):d.start]}
    assert ("成都市发展和改革委员会", "lead") in rows
    assert ("成都市经济和信息化局", "lead") in rows and ("成都市经济和信息化局", "co") in rows
    assert ("成都市财政局", "co") in rows and ("成都市商务局", "co") in rows
    assert ("成都市科学技术局", "lead") in rows  # its own cell's 牵头 wins over the column
    after = [d for d in deps if d.start > doc.text.index("保障措施")]
    assert after and all(d.role is None for d in after)  # the table ended: no column role


def test_plain_text_and_flattened_tables_give_roles(tmp_path):
    spaced = ("关于印发成都市数字经济实施方案的通知\n一、重点任务\n序号  重点任务  牵头单位  配合单位\n"
              "1  建设算力中心  市发展改革委  市经信局、市财政局\n二、保障措施\n市科技局加强统筹。\n")
    flattened = ("关于印发成都市数字经济实施方案的通知\n附件\n重点任务清单\n序号\n\n工作任务\n\n牵头单位\n\n配合单位\n\n"
                 "1\n\n建设算力中心，形成算力网络。\n\n市发展改革委\n\n市经信局、市财政局、置业集团\n\n"
                 "2\n\n培育数据企业\n\n市经信局\n\n市商务局\n")
    for name, text in (("spaced.txt", spaced), ("flat.txt", flattened)):
        p = tmp_path / name
        p.write_text(text, "utf-8")
        doc = read(p)
        got = {(d.name, d.role) for d in extract(doc) if d.kind == "department"}
        assert ("成都市发展和改革委员会", "lead") in got, name
        assert ("成都市财政局", "co") in got and ("成都市经济和信息化局", "co") in got, name
        if name == "flat.txt":
            assert ("成都市经济和信息化局", "lead") in got and ("成都市商务局", "co") in got
        else:
            assert ("成都市科学技术局", None) in got  # after the table: no column role


def test_a_short_name_the_text_defines_is_the_body_from_then_on(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text("上海市嘉定区人民政府关于推进城市更新工作的实施意见\n一、主要职责\n"
                 "区城市更新领导小组下设办公室（以下简称区更新办），设在区建设管理委。\n"
                 "区更新办牵头制定年度计划。\n二、保障\n市推进科技创新领导小组（以下简称领导小组）负责统筹。领导小组定期会商。\n", "utf-8")
    doc = read(p)
    deps = [r for r in extract(doc) if r.kind == "department"]
    office = [d for d in deps if d.text == "区更新办"]
    assert office and {d.name for d in office} == {"区城市更新领导小组办公室"} and office[0].role == "lead"
    group = [d for d in deps if d.text == "领导小组" and d.start > doc.text.index("负责统筹")]
    assert group and group[0].name == "市推进科技创新领导小组"
    before = doc.text.index("（以下简称区更新办）")
    assert not [d for d in deps if d.text == "区更新办" and d.start < before]


def test_shared_head_list_ending_with_related_departments():
    found = search("区发展改革、财政、税务、国资等有关部门在各自职责范围内制定政策", place="上海市嘉定区")
    assert [d.name for d in found][:4] == ["上海市嘉定区发展和改革委员会", "上海市嘉定区财政局",
                                           "国家税务总局上海市嘉定区税务局", "上海市嘉定区人民政府国有资产监督管理委员会"]
