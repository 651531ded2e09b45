"""Structure of the five seed texts against expectations written by reading them."""
import pytest

from conftest import CORPUS, SEEDS
from policyparse.model import Document
from policyparse.normalize import normalize
from policyparse.structure import build
from policyparse.structure.paragraphs import paragraphs


def doc_of(name: str) -> Document:
    text = normalize((CORPUS / name).read_text(encoding="utf-8-sig"))
    return build(Document(path=name, text=text))


SJZ = "shijiazhuang_2022_shiji-chanye-jishu-yanjiuyuan-shishi-yijian.txt"
TJ2018 = "tianjin_2018_chanye-jishu-yanjiuyuan-ruogan-yijian.txt"
JISHU = "tianjin_2018_jishu-chuangxin-zhongxin-shishi-fangan.txt"
REPLY = "tianjin_2021_renda-0700-jianyi-dafu.txt"
TJ2025 = "tianjin_2025_liangchuang-ronghe-gongzuo-fangan.txt"


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {p.name: doc_of(p.name) for p in SEEDS}


def top(doc):
    return [(s.number, s.heading) for s in doc.sections]


def child_headings(doc, sid):
    return [s.heading for s in doc.section_by_id(sid).children]


# ---- invariants on every seed ------------------------------------------------------------------

@pytest.mark.parametrize("name", [p.name for p in SEEDS])
def test_clauses_are_exact_ordered_disjoint_and_cover_the_text(docs, name):
    doc = docs[name]
    assert doc.clauses
    ids = [c.id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    for c in doc.clauses:
        assert doc.text[c.start:c.end] == c.text and c.text.strip() == c.text and c.text
    for a, b in zip(doc.clauses, doc.clauses[1:]):
        assert a.end <= b.start
    covered = set()
    for c in doc.clauses:
        covered.update(range(c.start, c.end))
    paras = paragraphs(doc.text)
    chrome = [p.text for p in paras if p.end <= doc.clauses[0].start]
    assert chrome == (["最新!天津印发这份方案!事关两创融合", "-", "0次浏览", "发布时间：2025-05-18 19:53:00"]
                      if name == TJ2025 else [])
    for p in paras[len(chrome):]:
        missing = [i for i in range(p.start, p.end) if i not in covered and not doc.text[i].isspace()]
        assert not missing, p.text


@pytest.mark.parametrize("name", [p.name for p in SEEDS])
def test_sections_nest_and_clauses_point_to_their_section(docs, name):
    doc = docs[name]
    for s in doc.walk():
        assert s.start < s.end <= len(doc.text)
        assert "".join(doc.text[s.start:s.start + len(s.number) + 3].split()).startswith(s.number)
        for c in s.children:
            assert s.start < c.start and c.end <= s.end and c.level > s.level
            assert c.path[:-1] == s.path
    for c in doc.clauses:
        if c.section_id not in ("front", "back") and not c.section_id.startswith("att"):
            sec = doc.section_by_id(c.section_id)
            assert sec is not None and sec.start <= c.start and c.end <= sec.end
            assert c.section == sec.path_str


# ---- Shijiazhuang 2022 ---------------------------------------------------------------------------

def test_shijiazhuang_header(docs):
    d = docs[SJZ]
    assert d.title == "石家庄市人民政府办公室关于加快建设市级产业技术研究院促进主导产业快速发展的实施意见"
    assert d.doc_number == "〔2022〕—10"
    assert d.issuers == ["石家庄市人民政府办公室"]
    assert d.recipients == ["各县（市、区）人民政府", "高新区、循环化工园区管委会", "市政府各部门"]
    assert d.date == "2022-01-19"
    assert d.doc_type == "实施意见"
    assert (d.city, d.province) == ("石家庄", "河北")
    assert any("石家庄" in e for e in d.place_evidence)


def test_shijiazhuang_notice_wraps_the_opinion(docs):
    d = docs[SJZ]
    assert d.is_transmittal
    assert d.wrapped_title == "关于加快建设市级产业技术研究院促进主导产业快速发展的实施意见"
    assert d.text[d.body_start:].startswith("关于加快建设市级产业技术研究院 促进主导产业快速发展的实施意见\n")


def test_shijiazhuang_outline_with_mixed_parentheses(docs):
    d = docs[SJZ]
    assert top(d) == [("一、", "指导思想"), ("二、", "总体要求"), ("三、", "发展目标"), ("四、", "支持措施"),
                      ("五、", "组织保障")]
    assert child_headings(d, "s2") == ["功能定位", "主要任务", "建设原则"]
    assert [s.number for s in d.section_by_id("s2.3").children] == ["1.", "2.", "3.", "4."]
    assert d.section_by_id("s2.3.2").heading == "坚持聚焦高端，突出重点"
    # "(一) " written with ASCII brackets and "（七）" full-width: one level, seven items
    support = d.section_by_id("s4").children
    assert [s.ordinal for s in support] == [1, 2, 3, 4, 5, 6, 7]
    assert {s.level for s in support} == {2} and {s.style for s in support} == {"cn_paren"}
    assert d.section_by_id("s4.2").heading == "制定市级产业技术研究院认定管理办法"
    assert d.section_by_id("s4.7").path == ["四", "（七）"]


def test_shijiazhuang_split_words_rejoined_inside_one_clause(docs):
    d = docs[SJZ]
    c = d.clause_at(d.text.index("科研规律"))
    assert c is not None and c.section == "二/（三）/1." and "科研规律，由市、县两级政府" in c.text
    c = d.clause_at(d.text.index("对产业技术研究院依托单位"))
    assert c.section == "四/（六）"


def test_shijiazhuang_closing_line_is_back_matter(docs):
    d = docs[SJZ]
    assert d.clauses[-1].text == "本意见自发布之日起实施。" and d.clauses[-1].section == "back"
    assert d.section_by_id("s5.3").end <= d.clauses[-1].start


# ---- Tianjin 2018 opinion (starts at its 主送机关) -------------------------------------------------

def test_tianjin_2018_missing_header_stays_none(docs):
    d = docs[TJ2018]
    assert d.title is None and d.date is None and d.doc_number is None and d.issuers == []
    assert d.recipients == ["各区人民政府", "各委、局", "各直属单位"]
    assert d.doc_type == "意见"  # from 本意见所称…
    assert not d.is_transmittal
    assert (d.city, d.province) == ("天津", "天津")
    assert d.place_evidence and "天津" in d.place_evidence[0]


def test_tianjin_2018_outline_and_dash_bullets(docs):
    d = docs[TJ2018]
    assert [h for _, h in top(d)] == ["指导思想", "功能定位与建设原则", "建设目标", "主要任务措施", "组织保障"]
    assert child_headings(d, "s2.1") == ["集聚资源", "技术供给", "转化孵化", "人才输送", "战略导航"]
    assert child_headings(d, "s2.2") == ["市场运作，政府引导", "改革探索，攻坚破冰", "聚焦高端，宁缺毋滥",
                                         "整合力量，开放创新"]
    assert d.section_by_id("s2.1.1").number == "--" and d.section_by_id("s2.1.1").level == 3
    assert d.section_by_id("s3").children == []  # 到2020年… / 到2025年… are body text
    assert child_headings(d, "s4")[1] == "建立产业技术研究院年度考核与财政资金奖励制度"


def test_tianjin_2018_heading_phrase_split_from_inline_body(docs):
    d = docs[TJ2018]
    assert d.section_by_id("s2.1").heading == "功能定位"
    [clause] = [c for c in d.clauses if c.section_id == "s2.1" and c.heading]
    assert clause.id == "s2.1.p0" and clause.text.startswith("（一）功能定位。本意见所称产业技术研究院")
    nxt = d.clauses[d.clauses.index(clause) + 1]
    assert (nxt.id, nxt.text, nxt.section) == ("s2.1.p1", "主要功能包括：", "二/（一）")


# ---- Tianjin 2018 技术创新中心 plan with an appendix outline ------------------------------------------

def test_jishu_header_and_no_cited_doc_number(docs):
    d = docs[JISHU]
    assert d.title == "天津市技术创新中心建设实施方案"
    assert d.doc_type == "实施方案"
    assert d.doc_number is None  # 国科发基〔2017〕250号 is cited in the body, not this document's number
    assert (d.city, d.province) == ("天津", "天津")


def test_jishu_appendix_does_not_pollute_the_outline(docs):
    d = docs[JISHU]
    assert [h for _, h in top(d)] == ["功能定位", "建设目标和原则", "重点任务", "组建与运行", "组织实施", "保障措施"]
    assert all(s.style != "decimal" for s in d.walk())
    assert len(d.attachments) == 1
    att = d.attachments[0]
    assert att.title == "天津市技术创新中心建设方案编写提纲"
    body = d.text[att.start:att.end]
    assert "1.1国内外相关技术" in body and body.rstrip().endswith("等证明材料复印件）")
    assert d.section_by_id("s6").end <= att.start
    assert {c.section for c in d.clauses if c.start >= att.start} == {"附件1"}


def test_jishu_second_and_third_levels(docs):
    d = docs[JISHU]
    assert child_headings(d, "s4") == ["组建", "运行"]
    assert child_headings(d, "s4.1") == ["综合性技术创新中心建设", "专业性技术创新中心建设"]
    assert child_headings(d, "s4.2") == ["法律地位", "治理结构", "资金投入", "人才管理"]
    assert d.section_by_id("s3.1").heading == "服务我市战略，开展技术研发及产业化"


# ---- Tianjin 2021 reply -----------------------------------------------------------------------------

def test_reply_header(docs):
    d = docs[REPLY]
    assert d.title == "对市十七届人大五次会议第0700号建议的答复"
    assert d.doc_type == "答复"
    assert d.date == "2021-06-17"
    assert d.recipients == ["孙军代表"]
    assert d.issuers == ["天津市科学技术局"]  # from （联系单位及电话：天津市科学技术局，…）
    assert (d.city, d.province) == ("天津", "天津")


def test_reply_outline_ignores_inline_enumeration(docs):
    d = docs[REPLY]
    assert [h for _, h in top(d)] == [
        "推进支持新型研发机构政策情况", "多举措帮扶产业技术研究院建设", "产业技术研究院取得快速发展",
        "我市产业技术研究院未来发展目标", "借鉴先进地区经验制定大学科技园政策", "下一步工作"]
    assert d.section_by_id("s6").children == []  # 一是…二是… inside a sentence
    assert [c.section for c in d.clauses[-2:]] == ["back", "back"]
    assert d.clauses[-1].text.startswith("（联系单位及电话")


# ---- Tianjin 2025 plan (scraped page, transmittal) ------------------------------------------------------

def test_2025_site_chrome_goes_to_metadata(docs):
    d = docs[TJ2025]
    assert d.metadata["headline"] == "最新!天津印发这份方案!事关两创融合"
    assert d.metadata["views"] == "0"
    assert d.published == "2025-05-18T19:53:00"
    assert not any("浏览" in c.text or "发布时间" in c.text or "最新!" in c.text for c in d.clauses)
    assert d.clauses[0].text == "天津市人民政府关于印发天津市"


def test_2025_transmittal_and_three_line_title(docs):
    d = docs[TJ2025]
    assert d.title == "天津市人民政府关于印发天津市推动科技创新和产业创新深度融合工作方案（2025—2027年）的通知"
    assert d.is_transmittal
    assert d.wrapped_title == "天津市推动科技创新和产业创新深度融合工作方案（2025—2027年）"
    assert d.text[d.body_start:].startswith("天津市推动科技创新和产业创新深度融合\n工作方案（2025—2027年）\n为深入贯彻")
    assert d.doc_type == "工作方案"
    assert d.issuers == ["天津市人民政府"]
    assert d.recipients == ["各区人民政府", "市政府各委、办、局"]
    assert d.date == "2025-05-16"
    assert (d.city, d.province) == ("天津", "天津")


def test_2025_outline_numbering_runs_on_across_parents(docs):
    d = docs[TJ2025]
    assert [h for _, h in top(d)] == ["思路目标", "工作举措", "组织实施"]
    assert child_headings(d, "s2")[0] == "强化产业应用导向，夯实“两创融合”科技供给"
    assert len(d.section_by_id("s2").children) == 5
    items = [s for s in d.walk() if s.style == "arabic_dot"]
    assert [s.ordinal for s in items] == list(range(1, 25))
    assert [s.number for s in d.section_by_id("s2.2").children][0] == "5."
    assert d.section_by_id("s2.2.5").path == ["二", "（二）", "5."]
    assert d.section_by_id("s2.1.1").heading == "完善科技创新考核评价机制"
    assert child_headings(d, "s3") == ["加强工作统筹", "加强试点探索", "加强宣传引导"]


def test_2025_item_is_one_clause_under_its_section(docs):
    d = docs[TJ2025]
    item = next(c for c in d.clauses if c.id == "s2.1.1.p0")
    assert item.heading and item.section == "二/（一）/1."
    assert item.text.startswith("1.完善科技创新考核评价机制。推动高校、科研院所、国有企业完善科技创新评价制度")
    assert item.text.endswith("（市科技局、市教委、市国资委、市发展改革委、市工业和信息化局、市知识产权局按职责分工负责）")
