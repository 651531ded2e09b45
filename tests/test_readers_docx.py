"""DOCX reader: Word automatic numbering becomes label text; tables, headers/footers, metadata."""
import zipfile

import pytest

from policyparse.errors import ReadError
from policyparse.readers import read, read_raw
from policyparse.readers.numbering import chinese_count, format_number

from conftest import SEEDS
from fixtures.build import _el, _NumberingWriter, _set_numpr, make_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("n,expected", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (24, "二十四"),
                                        (100, "一百"), (105, "一百零五"), (1010, "一千零一十")])
def test_chinese_counting(n, expected):
    assert chinese_count(n) == expected


@pytest.mark.parametrize("n,fmt,expected", [(3, "ideographTraditional", "丙"), (2, "ideographZodiac", "丑"),
                                            (12, "decimalFullWidth", "１２"), (3, "decimalEnclosedCircle", "③"),
                                            (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"),
                                            (3, "chineseLegalSimplified", "叁")])
def test_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_fixture_numbers_are_generated_not_typed(tmp_path):
    """The fixture must carry the outline in numbering.xml, not in the paragraph text."""
    seed = SEEDS[1]  # tianjin 2018 若干意见: 一、 and （一） levels
    p = make_docx(seed.read_text(encoding="utf-8"), tmp_path / "a.docx")
    with zipfile.ZipFile(p) as z:
        body = z.read("word/document.xml").decode("utf-8")
        numbering = z.read("word/numbering.xml").decode("utf-8")
    assert "<w:t>一、" not in body and "指导思想" in body
    assert 'w:numFmt w:val="chineseCounting"' in numbering and "%1、" in numbering
    doc = read_raw(p)
    lines = doc.text.splitlines()
    assert "一、指导思想" in lines and "五、组织保障" in lines
    assert any(ln.startswith("（四）加快衍生企业发展") for ln in lines)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_numbered_headings_come_back_as_in_the_seed(tmp_path, seed):
    text = seed.read_text(encoding="utf-8")
    raw = read_raw(make_docx(text, tmp_path / "a.docx"))
    want = [ln.strip() for ln in text.splitlines() if ln.strip()]
    got = [ln.strip() for ln in raw.text.splitlines() if ln.strip()]
    assert len(got) == len(want)
    # identical but for the bracket width a single lvlText cannot mix (（一） vs (一))
    fold = str.maketrans("（）", "()")
    assert [g.translate(fold).replace(" ", "") for g in got] == [w.translate(fold).replace(" ", "") for w in want]


def test_attachment_restart_uses_start_override(tmp_path):
    """The 方案's attachment starts again at 一、: the builder must use a startOverride num for it."""
    seed = next(s for s in SEEDS if "jishu-chuangxin-zhongxin" in s.name)
    p = make_docx(seed.read_text(encoding="utf-8"), tmp_path / "a.docx")
    with zipfile.ZipFile(p) as z:
        assert "w:startOverride" in z.read("word/numbering.xml").decode()
    lines = read_raw(p).text.splitlines()
    firsts = [i for i, ln in enumerate(lines) if ln.startswith("一、")]
    assert len(firsts) == 2 and lines[firsts[1]].startswith("一、建设基础和重要意义")


def _doc_with_levels(tmp_path, defs, paragraphs, restart=None):
    import docx

    d = docx.Document()
    w = _NumberingWriter(d, defs, restart=restart)
    for ilvl, text in paragraphs:
        p = d.add_paragraph(text)
        _set_numpr(p, w.main, ilvl)
    path = tmp_path / "n.docx"
    d.save(str(path))
    return path


def test_deeper_levels_restart_and_lvlrestart_zero_does_not(tmp_path):
    defs = {0: ("chineseCounting", "%1、", "nothing"), 1: ("chineseCounting", "（%2）", "nothing"),
            2: ("decimal", "%3.", "nothing")}
    paras = [(0, "甲"), (1, "a"), (2, "x"), (2, "y"), (0, "乙"), (1, "b"), (2, "z")]
    lines = read_raw(_doc_with_levels(tmp_path, defs, paras)).text.splitlines()
    assert lines == ["一、甲", "（一）a", "1.x", "2.y", "二、乙", "（一）b", "1.z"]
    # level 3 (ilvl 2) never restarts: numbering runs on across sections
    lines = read_raw(_doc_with_levels(tmp_path, defs, paras, restart={2: 0})).text.splitlines()
    assert lines == ["一、甲", "（一）a", "1.x", "2.y", "二、乙", "（一）b", "3.z"]


def test_multilevel_text_and_ideograph_formats(tmp_path):
    defs = {0: ("ideographTraditional", "%1、", "nothing"), 1: ("decimal", "%1.%2", "space")}
    # %1 inside level 2's text is shown in level 1's format: 甲.1 — as Word does without isLgl
    lines = read_raw(_doc_with_levels(tmp_path, defs, [(0, "总则"), (1, "目的"), (1, "范围"), (0, "分则")])).text
    assert lines.splitlines() == ["甲、总则", "甲.1 目的", "甲.2 范围", "乙、分则"]


def test_numbering_via_paragraph_style(tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    w = _NumberingWriter(d, {0: ("chineseCountingThousand", "第%1条", "space")})
    st = d.styles.add_style("Article", WD_STYLE_TYPE.PARAGRAPH)
    st.element.get_or_add_pPr().append(_el(f'<w:numPr><w:numId w:val="{w.main}"/></w:numPr>'))
    for i in range(12):
        d.add_paragraph(f"条文{i + 1}", style="Article")
    d.add_paragraph("不编号的段落")
    path = tmp_path / "s.docx"
    d.save(str(path))
    lines = read_raw(path).text.splitlines()
    assert lines[0] == "第一条 条文1" and lines[11] == "第十二条 条文12" and lines[12] == "不编号的段落"


def test_tables_headers_footers_and_core_properties(tmp_path):
    table = [["序号", "举措名称", "负责部门"], ["1", "知识产权“三合一”审判", "最高人民法院"]]
    p = make_docx("一、总则\n正文一段。", tmp_path / "t.docx", header="天津市人民政府办公厅",
                  footer="— 1 —", table=table, title="测试标题")
    doc = read(p)
    assert "| 序号 | 举措名称 | 负责部门 |" in doc.text.splitlines()
    assert "| 1 | 知识产权“三合一”审判 | 最高人民法院 |" in doc.text.splitlines()
    assert doc.headers == ["天津市人民政府办公厅"] and doc.footers == ["— 1 —"]
    assert "天津市人民政府办公厅" not in doc.text
    assert doc.metadata["title"] == "测试标题"
    assert doc.format == "docx" and doc.reader.startswith("docx")


def test_truncated_docx(tmp_path):
    good = make_docx(SEEDS[0].read_text(encoding="utf-8"), tmp_path / "good.docx")
    bad = tmp_path / "cut.docx"
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as e:
        read(bad)
    msg = str(e.value)
    assert msg.startswith(str(bad)) and "\n" not in msg and "docx" in msg


def test_zip_that_is_not_word(tmp_path):
    p = tmp_path / "x.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReadError, match="not a Word document"):
        read(p)


def test_not_a_zip(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(b"just text, not a package")
    with pytest.raises(ReadError, match="not a .docx"):
        read(p)


def test_tracked_insertions_in_deletions_out(tmp_path):
    import docx

    d = docx.Document()
    p = d.add_paragraph("给予")
    p._p.append(_el('<w:ins w:id="1" w:author="a"><w:r><w:t>最高</w:t></w:r></w:ins>'))
    p._p.append(_el('<w:del w:id="2" w:author="a"><w:r><w:delText>不超过</w:delText></w:r></w:del>'))
    p._p.append(_el('<w:hyperlink><w:r><w:t>500万元</w:t></w:r></w:hyperlink>'))
    path = tmp_path / "t.docx"
    d.save(str(path))
    assert read_raw(path).text == "给予最高500万元"
