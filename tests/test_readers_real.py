"""Every file in ../shared/corpus-real reads: the article without site chrome, the right metadata,
the big PDF without page numbers, the .doc through LibreOffice, the map PDF with a warning."""
import csv
import re
import shutil

import pytest

from policyparse.errors import ReadError
from policyparse.readers import read, read_raw

from conftest import SHARED

REAL = SHARED / "corpus-real"
pytestmark = pytest.mark.skipif(not REAL.exists(), reason="../shared/corpus-real is not beside the checkout")


def _titles():
    if not REAL.exists():
        return {}
    with (REAL / "SOURCES.tsv").open(encoding="utf-8") as f:
        return {row["file"]: row["title"] for row in csv.DictReader(f, delimiter="\t")}


def _flat(s):
    return re.sub(r"\s+", "", s).translate(str.maketrans("()", "（）"))


HTML = sorted(p.name for p in REAL.glob("*.html")) if REAL.exists() else []
CHROME = ["首页", "网站地图", "联系我们", "版权", "ICP备", "您现在的位置", "上一篇", "下一篇", "无障碍浏览",
          "扫一扫在手机打开当前页", "用户登录", "在线客服", "大中小"]
KNOWN = {  # one sentence from the body of each page
    "guangzhou-nansha_2017_jiju-rencai-chuangxin-ruogan-cuoshi.html": "本措施由南沙开发区党工委组织部负责解释",
    "guangzhou-nansha_2017_keji-chuangxin-chanye-fuchi-banfa.html": "本办法由南沙开发区工业和科技信息化局负责解释",
    "guangzhou-nansha_2017_zongbu-jingji-fuchi-banfa.html": "本办法由南沙开发区发改局负责解释",
    "guangzhou-nansha_2017_zongbu-jingji-fuchi-banfa-shishi-xize.html": "第四十五条",
    "national_2018_guobanfa-126-tuiguang-dierpi-chuangxin-gaige-jucuo.gov-cn.html": "现就有关事项通知如下",
    "national_2018_guofa-39-cujin-jiuye-ruogan-yijian.gov-cn.html": "就业是最大的民生",
}


@pytest.mark.parametrize("name", HTML)
def test_html_article_without_chrome(name):
    doc = read(REAL / name)
    title = _titles()[name]
    body = _flat(doc.text)
    short_title = re.sub(r"（[^）]*号）$", "", title)
    assert _flat(short_title) in body
    assert _flat(KNOWN[name]) in body
    for chrome in CHROME:
        assert _flat(chrome) not in body, chrome
    assert doc.format == "html"


@pytest.mark.parametrize("name,published,source", [
    ("guangzhou-nansha_2017_jiju-rencai-chuangxin-ruogan-cuoshi.html", "2017-10-13", "南沙区发改局"),
    ("national_2018_guofa-39-cujin-jiuye-ruogan-yijian.gov-cn.html", "2018-12-05", None),
    ("national_2018_guobanfa-126-tuiguang-dierpi-chuangxin-gaige-jucuo.gov-cn.html", "2019-01-08", None),
])
def test_html_metadata_leaves_the_body(name, published, source):
    doc = read(REAL / name)
    assert doc.published == published
    assert "发布日期" not in doc.text and "发布时间" not in doc.text
    if source:
        assert doc.metadata["来源"] == source and "来源：" not in doc.text
    else:
        assert doc.metadata["发文字号"] in doc.text  # the gov.cn info table is metadata; the 字号 is also in the body


def test_html_reform_table_rows():
    """The 附件 table has 23 <tr>: a header, 5 category rows and 17 reform rows (the crawled page
    itself lacks reforms 15-20). Each row is one line "| cell | cell |"."""
    doc = read(REAL / "national_2018_guobanfa-126-tuiguang-dierpi-chuangxin-gaige-jucuo.gov-cn.html")
    rows = [ln for ln in doc.text.splitlines() if ln.startswith("| ") and ln.endswith(" |")]
    assert len(rows) == 23
    cells = [r[2:-2].split(" | ") for r in rows]
    assert cells[0][0] == "序号" and cells[0][1] == "改革举措" and len(cells[0]) == 5
    numbered = [c for c in cells if c[0].isdigit()]
    assert [int(c[0]) for c in numbered] == list(range(1, 15)) + [21, 22, 23]
    assert all(len(c) == 5 for c in numbered)
    assert [c[0][:2] for c in cells if len(c) == 1] == ["一、", "二、", "三、", "四、", "五、"]
    assert "知识产权民事、刑事、行政案件“三合一”审判" == numbered[0][1]
    assert numbered[-1][4] == "全国"


@pytest.fixture(scope="module")
def beijing():
    """The 331-page PDF, read once per session (about 15 s)."""
    return read(REAL / "beijing_2024_chanye-zhengce-daoyin-shiji.pdf")


@pytest.mark.slow
def test_beijing_pdf(beijing):
    assert beijing.pages == 331
    assert "北京市技术创新中心认定" in beijing.text
    assert "中关村国家自主创新示范区支持领军企业牵头建设技术创新中心" in beijing.text
    # no bare page numbers left as lines (the front matter uses I, II …; the body 1 … 322)
    assert not [ln for ln in beijing.text.splitlines() if re.fullmatch(r"\s*(\d{1,3}|[IVX]{1,4})\s*", ln)]
    # Word's PDF export sets CJK with justified gaps: none may come back as spaces
    assert "产业政策导引" in beijing.text and "北京市发展和改革委员会" in beijing.text
    assert not re.search(r"北京市 技术|技术 创新|创新 中心", beijing.text)


@pytest.mark.slow
def test_beijing_pdf_keeps_card_fields(beijing):
    for field in ("依据文件", "发文字号", "服务内容", "条件要求", "联络方式"):
        assert beijing.text.count(field) >= 100, field


def test_shanghai_map_pdf_is_little_text_with_a_warning():
    """Decision: a page that is mostly an image but has a caption reads as the caption plus a
    warning that the content is probably in the image (not an error: the caption is real text)."""
    doc = read(REAL / "shanghai-yangpu_2025_xinzhi-xiudai-chuangxinqu-kongjian-buju-tu.pdf")
    assert doc.text.strip() == "附件：杨“数”浦新质秀带创新区空间布局图"
    assert any("mostly image" in w and "page 1" in w for w in doc.warnings)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_legacy_doc_through_libreoffice():
    doc = read(REAL / "guangzhou-nansha_2018_xinxing-yanfa-jigou-ruku-banshi-zhinan.doc")
    assert doc.format == "doc" and "LibreOffice" in doc.reader
    assert "关于申报南沙区创建期新型研发机构入库的办事指南" in doc.text
    assert "一、政策依据" in doc.text and "二、申请条件" in doc.text
    assert doc.metadata.get("author")


def test_missing_soffice_says_how_to_install(tmp_path, monkeypatch):
    from policyparse.readers import office

    monkeypatch.setattr(office, "soffice", lambda: None)
    p = tmp_path / "a.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ReadError) as e:
        read(p)
    assert "apt-get install libreoffice-writer-nogui" in str(e.value) and "\n" not in str(e.value)


def test_doc_that_is_not_word(tmp_path):
    p = tmp_path / "a.doc"
    p.write_bytes(b"plain words")
    with pytest.raises(ReadError, match="not a Word/WPS file"):
        read(p)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_rtf_through_libreoffice(tmp_path):
    p = tmp_path / "a.rtf"
    p.write_text(r"{\rtf1\ansi\ansicpg936{\fonttbl{\f0 SimSun;}}\f0 \u19968?\u12289?\u24635?\u21017?\par "
                 r"\u27491?\u25991?\par}", encoding="ascii")
    doc = read(p)
    assert doc.format == "rtf" and "一、总则" in doc.text and "正文" in doc.text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_parallel_conversions_do_not_clash(tmp_path):
    """Each conversion has its own LibreOffice profile, so two at once both succeed."""
    from concurrent.futures import ThreadPoolExecutor

    src = REAL / "guangzhou-nansha_2018_xinxing-yanfa-jigou-ruku-banshi-zhinan.doc"
    copies = []
    for i in range(2):
        p = tmp_path / f"copy{i}.doc"
        p.write_bytes(src.read_bytes())
        copies.append(p)
    with ThreadPoolExecutor(2) as pool:
        docs = list(pool.map(read, copies))
    assert all("一、政策依据" in d.text for d in docs)
    assert docs[0].text == docs[1].text
