import json

from typer.testing import CliRunner

from conftest import CORPUS
from policyparse.cli import app
from policyparse.cli import read_cmd  # noqa: F401  (registers `read`)

TJ2025 = CORPUS / "tianjin_2025_liangchuang-ronghe-gongzuo-fangan.txt"
JISHU = CORPUS / "tianjin_2018_jishu-chuangxin-zhongxin-shishi-fangan.txt"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, ["read", *map(str, args)], env={"COLUMNS": "200"})


def test_read_prints_header_and_outline():
    r = run(TJ2025)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "title: 天津市人民政府关于印发天津市推动科技创新和产业创新深度融合工作方案（2025—2027年）的通知" in out
    assert "wraps: 天津市推动科技创新和产业创新深度融合工作方案（2025—2027年）" in out
    assert "date: 2025-05-16" in out and "published: 2025-05-18T19:53:00" in out
    assert "s2.2.5 5.完善科技成果转化改革政策" in out
    assert out.index("一、思路目标") < out.index("二、工作举措") < out.index("三、组织实施")


def test_read_lists_attachments():
    r = run(JISHU)
    assert r.exit_code == 0
    assert "attachment: 天津市技术创新中心建设方案编写提纲" in r.stdout
    assert "建设基础和重要意义" not in r.stdout  # the appendix outline is not printed as the outline


def test_read_json_is_the_document():
    r = run(TJ2025, "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["doc_type"] == "工作方案" and data["is_transmittal"] is True
    assert [s["heading"] for s in data["sections"]] == ["思路目标", "工作举措", "组织实施"]
    assert data["sections"][1]["children"][0]["children"][0]["path"] == ["二", "（一）", "1."]
    assert "records" not in data
    text = data["text"]
    assert all(text[c["start"]:c["end"]] == c["text"] for c in data["clauses"])


def test_document_text_is_escaped_not_rendered_as_markup(tmp_path):
    f = tmp_path / "markup.txt"
    f.write_text("一、[bold]加强[/bold]领导\n\n内容[red]。", encoding="utf-8")
    r = run(f)
    assert r.exit_code == 0, r.output
    assert "一、[bold]加强[/bold]领导" in r.stdout


def test_missing_file_is_a_one_line_error():
    r = run(CORPUS / "no-such-file.txt")
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("policyparse: error: ") and "no-such-file.txt" in lines[0]
    assert r.stdout == ""


def test_read_warns_on_stderr_when_a_pdf_has_no_cjk_text(tmp_path):
    """A PDF whose text has no Chinese (no CJK font, or glyphs without a Unicode map): one warning line."""
    from reportlab.pdfgen import canvas

    from fixtures.build import make_pdf

    latin = tmp_path / "latin.pdf"
    c = canvas.Canvas(str(latin))
    c.drawString(72, 720, "Measures for the administration of science and technology projects.")
    c.drawString(72, 700, "Article 1. These measures take effect on the date of issue.")
    c.save()
    r = CliRunner().invoke(app, ["read", str(latin), "--json"])
    assert r.exit_code == 0, r.output
    warned = [ln for ln in r.stderr.splitlines() if "warning" in ln]
    assert len(warned) == 1 and str(latin) in warned[0] and "no Chinese (CJK) text" in warned[0]
    chinese = make_pdf(JISHU.read_text(encoding="utf-8"), tmp_path / "zh.pdf")
    r = CliRunner().invoke(app, ["read", str(chinese), "--json"])
    assert r.exit_code == 0 and "no Chinese" not in r.stderr
