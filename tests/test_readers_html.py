"""HTML reader on a synthetic CMS page: container choice, chrome and metadata lines out of the body."""
from policyparse.readers import read

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于支持产业技术研究院的若干措施_某市人民政府</title>
<meta name="PubDate" content="2021-03-05 10:00"><style>.x{color:red}</style><script>var a = "一、脚本";</script></head>
<body><div class="header"><a href="/">首页</a><a href="/zw">政务公开</a></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a>政策文件</a></div>
<div class="main"><h1>关于支持产业技术研究院的若干措施</h1>
<div class="info">发布时间：2021年03月05日 来源：市科技局 浏览次数：1234 【字号：大 中 小】</div>
<div class="TRS_Editor"><p>一、总体要求</p><p>　　支持产业技术研究院建设，<br>给予最高500万元资助。</p>
<table><tr><td>序号</td><td>事项</td></tr><tr><td>1</td><td>认定</td></tr></table>
<p>二、保障措施</p><p>市科技局负责解释。</p></div>
<div class="share">分享到：微信 微博</div></div>
<div class="footer">版权所有：某市人民政府 网站地图 ICP备123号</div></body></html>"""


def test_cms_page(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    doc = read(p)
    lines = doc.text.splitlines()
    assert lines[0] == "关于支持产业技术研究院的若干措施"  # headline outside the container comes back
    assert "一、总体要求" in lines and "二、保障措施" in lines
    assert "支持产业技术研究院建设，" in lines and "给予最高500万元资助。" in lines  # <br> is a break
    assert "| 序号 | 事项 |" in lines and "| 1 | 认定 |" in lines
    for chrome in ("首页", "政务公开", "当前位置", "分享到", "版权所有", "网站地图", "脚本", "浏览次数", "字号", "发布时间"):
        assert chrome not in doc.text, chrome
    assert doc.published == "2021-03-05"
    assert doc.metadata["来源"] == "市科技局" and doc.metadata["浏览次数"] == "1234"


def test_gbk_page(tmp_path):
    p = tmp_path / "gbk.htm"
    html = PAGE.replace('charset="utf-8"', 'charset="gbk"')
    p.write_bytes(html.encode("gbk"))
    doc = read(p)
    assert "给予最高500万元资助。" in doc.text
    assert doc.encoding and doc.encoding.lower() in ("gbk", "gb2312", "gb18030")
