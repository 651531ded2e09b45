"""The outline on small, tricky snippets."""
from policyparse.model import Document
from policyparse.normalize import normalize
from policyparse.structure import build
from policyparse.structure.cues import cn_int


def doc(text: str) -> Document:
    return build(Document(text=normalize(text)))


def outline(text: str):
    return doc(text).outline()


def test_cn_numerals():
    assert [cn_int(s) for s in ["一", "十", "十二", "二十", "二十四", "一百零五", "二〇二二", "7"]] == \
        [1, 10, 12, 20, 24, 105, 2022, 7]


def test_a_number_inside_a_sentence_is_not_a_heading():
    o = outline("一、总体要求\n\n主要包括：其中1.完善机制，2.加强服务。\n\n二、保障措施")
    assert o == [(1, "一、", "总体要求"), (1, "二、", "保障措施")]


def test_years_amounts_and_decimals_at_paragraph_start_are_not_headings():
    o = outline("一、目标\n\n2025年，建成20家。\n\n1.5万家企业参与。\n\n2020年后将视实施情况优化完善。\n\n"
                "3.5亿元用于建设。\n\n二、措施")
    assert [h for _, _, h in o] == ["目标", "措施"]


def test_out_of_sequence_number_is_body_text():
    o = outline("一、任务\n\n1.建设平台。内容。\n\n3.不是第三项的开头，因为没有第二项。\n\n2.完善机制。内容。")
    assert o == [(1, "一、", "任务"), (2, "1.", "建设平台"), (2, "2.", "完善机制")]


def test_chapters_and_articles_of_a_measure():
    text = ("第一章 总则\n\n第一条 为规范管理，制定本办法。\n\n第二条 本办法适用于本市。\n\n"
            "第二章 认定\n\n第三条 认定条件如下：\n\n（一）在本市注册；\n\n（二）具有独立法人资格。\n\n第四条 其他。")
    d = doc(text)
    o = d.outline()
    assert [(lvl, num) for lvl, num, _ in o] == [
        (1, "第一章"), (2, "第一条"), (2, "第二条"), (1, "第二章"), (2, "第三条"), (3, "（一）"), (3, "（二）"),
        (2, "第四条")]
    assert o[0][2] == "总则"
    assert d.section_by_id("s2.3.1").path == ["第二章", "第三条", "（一）"]
    art1 = d.section_by_id("s1.1")
    assert art1.heading == ""  # an article's sentence is body, not a heading phrase
    assert any(c.text.startswith("第一条") and c.section == "第一章/第一条" for c in d.clauses)


def test_levels_follow_first_appearance_and_mixed_brackets_share_a_level():
    d = doc("一、措施\n\n(一) 第一项内容写在这里比较长，超过了二十个字的单句条目。\n\n（二）第二项。\n\n"
            "1.细则甲。内容。\n\n二、保障")
    o = d.outline()
    assert [(lvl, num) for lvl, num, _ in o] == [(1, "一、"), (2, "（一）"), (2, "（二）"), (3, "1."), (1, "二、")]
    assert o[1][2] == ""  # one long sentence: an item without a heading phrase
    assert o[2][2] == "第二项"


def test_heading_split_from_inline_body():
    d = doc("一、总体\n\n（一）功能定位。本意见所称产业技术研究院，是指新型研发机构。")
    sec = d.section_by_id("s1.1")
    assert sec.heading == "功能定位"
    [clause] = [c for c in d.clauses if c.section_id == "s1.1"]  # one paragraph, one clause
    assert (clause.id, clause.heading) == ("s1.1.p0", True)
    assert clause.text == "（一）功能定位。本意见所称产业技术研究院，是指新型研发机构。"


def test_dash_bullets_count_in_order_under_their_parent():
    d = doc("一、原则\n\n——聚焦产业。围绕需求。\n\n——企业主体。发挥作用。\n\n二、任务\n\n--第一。内容。")
    assert [(s.id, s.number, s.heading) for s in d.walk()] == [
        ("s1", "一、", "原则"), ("s1.1", "——", "聚焦产业"), ("s1.2", "——", "企业主体"),
        ("s2", "二、", "任务"), ("s2.1", "--", "第一")]
    assert d.section_by_id("s1.2").path == ["一", "—2"]


def test_sections_end_before_the_next_sibling_and_contain_their_paragraphs():
    d = doc("一、甲\n\n甲的内容。\n\n（一）子项\n\n子项内容。\n\n二、乙\n\n乙的内容。")
    s1, s2 = d.sections
    assert d.text[s1.start:s1.end] == "一、甲\n\n甲的内容。\n\n（一）子项\n\n子项内容。"
    assert d.text[s2.start:s2.end] == "二、乙\n\n乙的内容。"
    assert [c.id for c in d.clauses] == ["s1.p0", "s1.p1", "s1.1.p0", "s1.1.p1", "s2.p0", "s2.p1"]
    assert [c.heading for c in d.clauses] == [True, False, True, False, True, False]


def test_labelled_attachment_keeps_its_numbering_out_of_the_outline():
    d = doc("一、任务\n\n内容。\n\n二、保障\n\n内容。\n\n附件：申报书格式\n\n一、基本情况\n\n1.单位名称\n\n二、承诺")
    assert [h for _, _, h in d.outline()] == ["任务", "保障"]
    assert [a.title for a in d.attachments] == ["申报书格式"]
    assert d.text[d.attachments[0].start:].startswith("附件：申报书格式")
    assert {c.section for c in d.clauses if c.start >= d.attachments[0].start} == {"附件1"}


def test_no_headings_means_every_paragraph_is_front():
    d = doc("各区人民政府：\n\n请认真贯彻执行。")
    assert d.sections == [] and [c.id for c in d.clauses] == ["front.p1", "front.p2"]


def test_unambiguous_styles_may_skip_forward_but_arabic_items_may_not():
    o = outline("一、甲\n\n二、乙\n\n四、丁\n\n（一）子一\n\n（三）子三\n\n1.项一。内容。\n\n3.项三不是标题。")
    assert [(lvl, num) for lvl, num, _ in o] == [(1, "一、"), (1, "二、"), (1, "四、"), (2, "（一）"), (2, "（三）"),
                                                 (3, "1.")]
    d = doc("一、甲\n\n二、乙\n\n四、丁")
    assert [s.id for s in d.sections] == ["s1", "s2", "s4"]


def test_table_of_contents_lines_are_not_headings():
    d = doc("目录\n\n一、综合篇 ........................ 1\n\n1.北京市老旧厂房改造项目...... 1\n\n一、综合篇\n\n内容。")
    assert d.outline() == [(1, "一、", "综合篇")]
    assert d.sections[0].start == d.text.rindex("一、综合篇")


def test_heading_phrase_may_end_at_a_colon():
    d = doc("一、举措\n\n（一）知识产权保护方面5项：知识产权案件“三合一”审判；专利保险机制。")
    assert d.section_by_id("s1.1").heading == "知识产权保护方面5项"


def test_attachment_list_above_the_signature_is_back_matter_not_an_attachment():
    d = doc("一、任务\n\n内容。\n\n附件：推广清单\n\n国务院办公厅\n\n2018年12月23日\n\n（本文有删减）\n\n"
            "附件\n\n推广清单\n\n| 序号 | 举措 |")
    assert [(a.title, d.text[a.start:a.end].split("\n")[0]) for a in d.attachments] == [("推广清单", "附件")]
    assert [c.section for c in d.clauses if "推广清单" in c.text] == ["back", "附件1"]
    assert [c.text for c in d.clauses if c.section == "back"] == [
        "附件：推广清单", "国务院办公厅", "2018年12月23日", "（本文有删减）"]


def test_an_article_number_alone_on_its_line_heads_the_text_below():
    # law collections print 第一条 on its own line: the article is still a section, so a lead-in
    # (…可以采用下列方式：) carries into its own items only, not into the next articles
    from policyparse.model import Document
    from policyparse.normalize import normalize
    from policyparse.structure import build
    d = build(Document(text=normalize("某省条例\n\n第一章 总 则\n\n第一条\n为了促进转化，制定本条例。\n\n"
                                      "第二条 本条例适用于本省。\n\n第三条\n科技成果转化活动受法律保护。\n")))
    assert [c.number for c in d.sections[0].children] == ["第一条", "第二条", "第三条"]
    assert [c.section_id for c in d.clauses if "受法律保护" in c.text] == ["s1.3"]
