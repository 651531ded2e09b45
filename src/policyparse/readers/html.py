""".html: the article of a government page, without site chrome.

Pick the content container (known gov CMS ids/classes, else the block with the most non-link
text), render <p>/<br>/table rows as lines, and move the page's 发布时间/来源/浏览次数/字号 lines
into metadata.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import LimitExceeded, ReadError
from ..limits import current as current_limits
from .base import RawText, table_row

# Known content containers of government CMSs, most specific first.
CONTAINERS = ["TRS_Editor", "UCAP-CONTENT", "Custom_UnionStyle", "pages_content", "zoom", "article-content",
              "article_content", "artibody", "wzy_content", "main-text", "detail-content", "view TRS_UEDITOR",
              "article", "content", "text"]
_DROP_TAGS = ["script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "select", "button",
              "input", "textarea", "svg", "link", "meta", "object", "embed", "head", "title"]
_CHROME = re.compile(r"(?:^|[-_ ])(nav|navbar|menu|breadcrumb|crumbs?|position|location|weizhi|footer|foot|"
                     r"header|head|top|banner|share|sidebar|side|search|login|copyright|links?|qr|"
                     r"bread|dh|fenxiang|print|tool|toolbar)(?:$|[-_ \d])", re.I)
_META_KEYS = ("发布时间", "发布日期", "来源", "信息来源", "文章来源", "浏览次数", "访问量", "点击数", "阅读次数",
              "字号", "浏览字号", "作者", "索引号", "主题分类", "发文机关", "成文日期", "标题", "发文字号",
              "主题词", "发布机构", "生效日期", "有效性")
_KEYS_RE = "|".join(r"\s*".join(k) for k in sorted(_META_KEYS, key=len, reverse=True))  # 标　　题 too
_META_LINE = re.compile(r"^[【\[]?\s*(" + _KEYS_RE + r")\s*[:：]\s*(.*?)\s*[【】\[\]]?$")
_META_TOKEN = re.compile(r"(" + _KEYS_RE + r")\s*[:：]")
_JUNK_LINE = re.compile(r"^(?:[【\[]?\s*(?:打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏|分享到?[:：]?|我要纠错|"
                        r"扫一扫在手机(?:上)?打开当前页|返回顶部|大\s*中\s*小|上一篇[:：]?.*|下一篇[:：]?.*|"
                        r"【?\s*字体\s*[:：].*)\s*[】\]]?)$")
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tbody", "thead", "section",
          "article", "main", "center", "blockquote", "pre", "dd", "dt", "dl", "address", "figure", "figcaption",
          "hr", "tfoot", "caption"}
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
from .base import CELL_SEP  # noqa: E402


_CJK_CH = "\u3000-\u9fff\uff00-\uffef"


def _norm_space(s: str) -> str:
    # a source line break between two CJK chars is markup formatting, not a space in the text
    s = re.sub(rf"(?<=[{_CJK_CH}])[ \t\r\f\v]*\n\s*(?=[{_CJK_CH}])", "", s)
    return re.sub(r"[ \t\r\n\f\v\xa0]+", " ", s)


class _Renderer:
    def __init__(self):
        self.lines: list[str] = []
        self.buf: list[str] = []

    def brk(self):
        line = _norm_space("".join(self.buf)).strip()
        if line:
            self.lines.append(line)
        self.buf = []

    def walk(self, el):
        from bs4 import NavigableString, Tag
        from bs4.element import Comment, Doctype, ProcessingInstruction

        for child in el.children:
            if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.buf.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name == "br":
                self.brk()
            elif name == "tr":
                self.brk()
                cells = []
                for cell in child.find_all(["td", "th"], recursive=False):
                    r = _Renderer()
                    r.walk(cell)
                    r.brk()
                    cells.append(" ".join(r.lines))
                while cells and not cells[-1]:
                    cells.pop()
                if any(cells):
                    self.lines.append(table_row(cells))
            elif name in _BLOCK:
                self.brk()
                self.walk(child)
                self.brk()
            else:
                self.walk(child)


def render(el) -> list[str]:
    r = _Renderer()
    r.walk(el)
    r.brk()
    return r.lines


def _text_len(el) -> int:
    return len(re.sub(r"\s+", "", el.get_text()))


def _link_len(el) -> int:
    return sum(len(re.sub(r"\s+", "", a.get_text())) for a in el.find_all("a"))


def _nonlink(el) -> int:
    return _text_len(el) - _link_len(el)


def _attrs(el) -> str:
    return " ".join([el.get("id") or ""] + list(el.get("class") or []))


def _pick_container(soup):
    body = soup.body or soup
    named = []
    for name in CONTAINERS:
        for el in body.find_all(id=name) + body.find_all(class_=name):
            if _nonlink(el) >= 100:
                named.append(el)
        if named:
            break
    if named:
        return max(named, key=_nonlink)
    # densest block: most non-link text with a low link ratio, then descend while one child holds most of it
    best = body
    while True:
        total = max(_nonlink(best), 1)
        kids = [k for k in best.find_all(True, recursive=False) if k.name not in ("a", "span", "b", "strong", "font")]
        top = max(kids, key=_nonlink, default=None)
        if top is None or _nonlink(top) < 0.8 * total:
            return best
        best = top


def _metadata(rows: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    pieces: list[str] = []
    for row in rows:
        for cell in re.split(r"\s[|｜](?:\s|$)|^[|｜]\s", row):  # cells, nested tables included
            if len(cell) > 160:
                continue
            # "来源：X 发布日期：Y" or "value 发文机关：" share one line: split before every key
            cuts = [0] + [m.start() for m in _META_TOKEN.finditer(cell)] + [len(cell)]
            pieces.extend(p.strip() for p in (cell[a:b] for a, b in zip(cuts, cuts[1:])) if p.strip())
    for i, piece in enumerate(pieces):
        m = _META_LINE.match(piece)
        if not m:
            continue
        key, value = re.sub(r"\s+", "", m.group(1)), m.group(2).strip().rstrip("【[").strip()
        if not value and i + 1 < len(pieces) and not _META_LINE.match(pieces[i + 1]):
            value = pieces[i + 1].strip().rstrip("【[").strip()
        if key in ("字号", "浏览字号"):
            value = ""
        meta.setdefault(key, value)
    return meta


def _is_meta_line(line: str) -> bool:
    return bool(_META_TOKEN.match(line.lstrip("【[ "))) and len(line) <= 120


def _title(meta: dict[str, str], page_lines: list[str]) -> str | None:
    """The article headline: 标题 metadata, else the <title> before its ｜site-name suffix, if the
    page shows it as a line of its own."""
    parts = re.split(r"\s*[｜|_]\s*|\s+-\s+", meta.get("page_title", ""))
    # a <title> without a "｜site" suffix is as likely the site's name as the article's
    candidates = [meta.get("标题"), meta.get("ArticleTitle"), parts[0] if len(parts) > 1 else None]
    shown = {re.sub(r"\s+", "", ln) for ln in page_lines}
    for c in candidates:
        if c and len(c) >= 6 and re.sub(r"\s+", "", c) in shown:
            return c.strip()
    return None


def _iso(value: str) -> str | None:
    m = _DATE.search(value)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


def _check_depth(path: Path, soup) -> None:
    """Refuse pages nested deeper than html_depth before the recursive renderer walks them."""
    from bs4 import Tag

    cap, deepest, stack = current_limits().html_depth, 0, [(soup, 0)]
    while stack:
        el, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((c, depth + 1) for c in el.contents if isinstance(c, Tag))
    if deepest > cap:
        raise LimitExceeded(path, "html_depth", f"{deepest:,} levels", cap, "element nesting")


def read_html(path: Path) -> RawText:
    import importlib.metadata as im

    from bs4 import BeautifulSoup

    data = path.read_bytes()
    if _ENTITY_DECL.search(data):
        raise ReadError(path, "declares XML entities (<!ENTITY …>), which no HTML page needs "
                              "(refused: entity expansion guard)")
    soup = BeautifulSoup(data, "lxml")
    _check_depth(path, soup)
    page_title = soup.title.get_text(strip=True) if soup.title else ""
    for t in soup(["script", "style", "noscript"]):
        t.decompose()
    page_lines = render(soup)
    meta = _metadata(page_lines)
    for m in soup.find_all("meta"):
        name, content = (m.get("name") or "").strip(), (m.get("content") or "").strip()
        if name in ("ArticleTitle", "PubDate", "ContentSource", "Keywords", "Description") and content:
            meta.setdefault(name, content)
    for t in soup(_DROP_TAGS):
        t.decompose()
    total = max(_text_len(soup), 1)
    for el in soup.find_all(True):
        if getattr(el, "decomposed", False) or el.attrs is None:  # inside an element already dropped
            continue
        if _CHROME.search(_attrs(el)) and _text_len(el) < 0.3 * total:
            el.decompose()
    container = _pick_container(soup)
    lines = []
    for line in render(container):
        if _is_meta_line(line) or _JUNK_LINE.match(line):
            continue
        lines.append(line)
    if page_title:
        meta.setdefault("page_title", page_title)
    title = _title(meta, page_lines)
    if title and not re.sub(r"\s+", "", "".join(lines[:4])).startswith(re.sub(r"\s+", "", title)[:12]):
        lines.insert(0, title)  # the CMS put the headline outside the article container
    published = None
    for key in ("发布时间", "发布日期", "PubDate"):
        if key in meta and _iso(meta[key]):
            published = _iso(meta[key])
            break
    enc = soup.original_encoding or "utf-8"
    return RawText(text="\n".join(lines), format="html", reader=f"html (beautifulsoup4 {im.version('beautifulsoup4')})",
                   encoding=enc, metadata=meta, published=published)
