"""PDF reader on reportlab fixtures: CJK without injected spaces, wrapped lines rejoined, page
numbers and running heads removed, two columns in order, seals ignored, bad PDFs fail in one line."""
import re

import pytest

from policyparse.errors import ReadError
from policyparse.readers import read, read_raw

from conftest import SEEDS
from fixtures.build import make_image_pdf, make_mixed_pdf, make_pdf


def _paras(text):
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


@pytest.fixture(scope="module")
def seed_text():
    return next(s for s in SEEDS if "chanye-jishu-yanjiuyuan-ruogan" in s.name).read_text(encoding="utf-8")


def test_paragraphs_come_back_whole(tmp_path, seed_text):
    raw = read_raw(make_pdf(seed_text, tmp_path / "a.pdf"))
    assert raw.pages >= 2
    assert _paras(raw.text) == _paras(seed_text)  # every wrap rejoined, no paragraph merged


def test_no_spaces_between_cjk_in_justified_lines(tmp_path, seed_text):
    raw = read_raw(make_pdf(seed_text, tmp_path / "a.pdf"))
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", raw.text)


def test_page_numbers_and_running_header_removed(tmp_path, seed_text):
    raw = read_raw(make_pdf(seed_text, tmp_path / "a.pdf", header="天津市人民政府办公厅文件"))
    assert not re.search(r"—\s*\d+\s*—", raw.text)
    assert "天津市人民政府办公厅文件" not in raw.text
    assert raw.headers == ["天津市人民政府办公厅文件"]


@pytest.mark.parametrize("style", ["-{n}-", "- {n} -", "第{n}页", "第 {n} 页 共 9 页", "{n}"])
def test_other_page_number_styles(tmp_path, seed_text, style, monkeypatch):
    from reportlab.pdfgen.canvas import Canvas

    orig = Canvas.drawCentredString

    def restyle(self, x, y, s, *a, **k):
        m = re.fullmatch(r"— (\d+) —", s)
        return orig(self, x, y, style.format(n=m.group(1)) if m else s, *a, **k)

    monkeypatch.setattr(Canvas, "drawCentredString", restyle)
    raw = read_raw(make_pdf(seed_text, tmp_path / "a.pdf", header=None))
    assert _paras(raw.text) == _paras(seed_text)


def test_two_column_pages_read_left_then_right(tmp_path, seed_text):
    raw = read_raw(make_pdf(seed_text, tmp_path / "a.pdf", columns=2))
    assert _paras(raw.text) == _paras(seed_text)


def test_seal_does_not_corrupt_the_body(tmp_path, seed_text):
    raw = read_raw(make_pdf(seed_text, tmp_path / "a.pdf", seal=True))
    assert _paras(raw.text) == _paras(seed_text)
    assert "专用章" not in raw.text and "公章" not in raw.text
    assert any("seal" in w and "page 1" in w for w in raw.warnings)


def test_metadata_and_provenance(tmp_path, seed_text):
    doc = read(make_pdf(seed_text, tmp_path / "a.pdf", title="测试PDF"))
    assert doc.format == "pdf" and doc.reader.startswith("pdf (pdfplumber")
    assert doc.metadata.get("Title") == "测试PDF"
    assert doc.pages >= 2


def test_encrypted(tmp_path, seed_text):
    p = make_pdf(seed_text, tmp_path / "enc.pdf", encrypt="secret")
    with pytest.raises(ReadError) as e:
        read(p)
    assert str(e.value) == f"{p}: encrypted PDF (needs a password)"


def test_image_only(tmp_path):
    p = make_image_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ReadError) as e:
        read(p)
    assert str(e.value) == f"{p}: no text layer (scanned image?)"


def test_some_pages_without_text_warn(tmp_path, seed_text):
    raw = read_raw(make_mixed_pdf(seed_text, tmp_path / "mixed.pdf"))
    assert raw.pages == 2
    assert "指导思想" in raw.text
    assert any(w.startswith("page 2: no text layer") for w in raw.warnings)


def test_garbage_named_pdf(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(ReadError) as e:
        read(p)
    msg = str(e.value)
    assert msg.startswith(str(p)) and "not a PDF" in msg and "\n" not in msg


def test_truncated_pdf(tmp_path, seed_text):
    good = make_pdf(seed_text, tmp_path / "a.pdf")
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(ReadError) as e:
        read(bad)
    assert str(e.value).startswith(str(bad)) and "\n" not in str(e.value)


def test_cid_garbage_page_is_an_error_naming_the_page(tmp_path, monkeypatch):
    """A font without a Unicode map yields (cid:N) per glyph: say so, naming the page."""
    import pdfplumber.page

    p = make_pdf("一、总则\n" + "正文内容。" * 40, tmp_path / "a.pdf")
    orig = pdfplumber.page.Page.chars.fget

    def cid_chars(self):
        return [dict(c, text=f"(cid:{i})") for i, c in enumerate(orig(self))]

    monkeypatch.setattr(pdfplumber.page.Page, "chars", property(cid_chars))
    with pytest.raises(ReadError) as e:
        read(p)
    assert e.value.page == 1 and "(cid:N)" in str(e.value) and str(e.value).startswith(f"{p} (page 1):")


def test_running_footer_goes_to_footers(tmp_path, seed_text):
    raw = read_raw(make_pdf(seed_text, tmp_path / "a.pdf", footer="天津市科学技术局 2018年8月印发"))
    assert raw.footers == ["天津市科学技术局 2018年8月印发"]
    assert "印发" not in raw.text.replace("印发《", "")
    assert _paras(raw.text) == _paras(seed_text)
