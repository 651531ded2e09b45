""".pdf via pdfplumber: per-page lines (pdf_layout), page numbers and running headers/footers
removed, lines wrapped mid-sentence rejoined into paragraphs."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..errors import LimitExceeded, ReadError
from ..limits import current as current_limits
from .base import RawText, add_unique
from .pdf_layout import Line, is_cjk, page_lines, set_columns

# A page number as a whole line: — 3 —, -3-, - 3 -, 第3页, 第 3 页 共 9 页, 3/9, Page 3
_PAGE_NO = re.compile(
    r"^(?:[—–\-－─]+\s*\d{1,4}\s*[—–\-－─]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.I)
_BARE_NO = re.compile(r"^(?:\d{1,4}|[IVXLCivxlc]{1,6})$")  # only at the head/foot of a page
_END = "。；;：:！!？?"
_CLOSERS = "”’」』）)】》"
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[.．、](?!\d)|[（(]\d{1,3}[）)]"
    r"|[①-⑳]|——|第[一二三四五六七八九十百零〇\d]+[章节条]|附件)")
_CID = re.compile(r"\(cid:\d+\)")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
NO_CJK = ("no Chinese (CJK) text in this PDF: its fonts may map glyphs to no Unicode, or it was made "
          "without a CJK font")


def _margin_zone(ln: Line, height: float) -> str:
    if ln.bottom < height * 0.12:
        return "head"
    if ln.top > height * 0.86:
        return "foot"
    return ""


def _strip_page_numbers(pages: list[list[Line]], heights: list[float]) -> None:
    for lines, h in zip(pages, heights):
        keep = []
        edge = {id(lines[0]), id(lines[-1])} if lines else set()
        if lines:
            edge |= {id(max(lines, key=lambda x: x.bottom)), id(min(lines, key=lambda x: x.top))}
        for ln in lines:
            t = ln.text.strip()
            if _PAGE_NO.match(t):
                continue
            first_or_last = id(ln) in edge
            if _BARE_NO.match(t) and first_or_last and _margin_zone(ln, h):
                continue
            keep.append(ln)
        lines[:] = keep


def _key(ln: Line) -> tuple[str, int]:
    return re.sub(r"\d+", "#", ln.text.replace(" ", "")), round(ln.top / 6)


def _strip_running(pages: list[list[Line]], heights: list[float], headers: list[str], footers: list[str]) -> None:
    """Lines repeated at the same position (digits aside) on most pages are running heads/feet."""
    n = len(pages)
    if n < 2:
        return
    seen: Counter = Counter()
    for lines, h in zip(pages, heights):
        seen.update({_key(ln) for ln in lines if _margin_zone(ln, h)})
    need = max(2, int(n * 0.5 + 0.999))
    running = {k for k, c in seen.items() if c >= need}
    if not running:
        return
    for lines, h in zip(pages, heights):
        keep = []
        for ln in lines:
            zone = _margin_zone(ln, h)
            if zone and _key(ln) in running:
                add_unique(headers if zone == "head" else footers, ln.text)
            else:
                keep.append(ln)
        lines[:] = keep


def _ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip(_CLOSERS)
    return not t or t[-1] in _END


def _fills(ln: Line) -> bool:
    left, right = ln.column
    return ln.x1 >= right - 1.5 * ln.size and (right - left) > 8 * ln.size


def _indented(ln: Line) -> bool:
    return ln.x0 > ln.column[0] + 1.2 * ln.size


def _continues(prev: Line, ln: Line) -> bool:
    """A wrapped line starts under its predecessor, or up to a first-line indent to its left;
    a line far to the left of it is another cell of a card/table layout, not its continuation."""
    shift = (prev.x0 - prev.column[0]) - (ln.x0 - ln.column[0])  # per column: works across a gutter
    return -1.0 * ln.size <= shift <= 4.5 * ln.size


def _joiner(a: str, b: str) -> str:
    if not a or not b or is_cjk(a[-1]) or is_cjk(b[0]) or a[-1] == "-":
        return ""
    return " "


def join_lines(lines: list[Line]) -> str:
    """Rejoin lines wrapped mid-paragraph. A full-width line joins the next unless the next starts
    a heading or is indented; where paragraphs are set with a first-line indent, that indent is
    the paragraph mark, so a full line ending in 。 or ； still joins a flush-left next line."""
    indent_marks = sum(1 for ln in lines if _indented(ln)) >= max(2, 0.08 * len(lines))
    paras: list[str] = []
    prev: Line | None = None
    for ln in lines:
        text = ln.text.strip()
        if prev is not None and paras and _fills(prev) and (indent_marks or not _ends_sentence(prev.text)) \
                and not _HEADING.match(text) and not _indented(ln) and _continues(prev, ln):
            paras[-1] += _joiner(paras[-1], text) + text
        else:
            paras.append(text)
        prev = ln
    return "\n".join(paras)


def _metadata(pdf) -> dict[str, str]:
    meta = {}
    for k, v in (pdf.metadata or {}).items():
        if isinstance(v, bytes):
            v = v.decode("utf-16" if v.startswith(b"\xfe\xff") else "latin-1", "replace")
        if isinstance(v, (str, int, float)) and str(v).strip():
            meta[str(k)] = str(v).strip()
    return meta


def read_pdf(path: Path) -> RawText:
    import importlib.metadata as im

    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(str(path))
    except Exception as e:  # pdfplumber wraps pdfminer's errors: look at the cause
        causes = [e, *e.args, e.__cause__, e.__context__]
        if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes):
            raise ReadError(path, "encrypted PDF (needs a password)") from None
        if any(isinstance(c, PDFSyntaxError) for c in causes):
            raise ReadError(path, f"corrupt PDF ({next(c for c in causes if isinstance(c, PDFSyntaxError))})") from None
        raise
    warnings: list[str] = []
    pages: list[list[Line]] = []
    heights: list[float] = []
    empty: list[int] = []
    seal_pages: list[int] = []
    imagey: list[int] = []
    with pdf:
        meta = _metadata(pdf)
        n_pages = _page_count(pdf)
        cap = current_limits().pdf_pages
        if n_pages > cap:
            raise LimitExceeded(path, "pdf_pages", f"{n_pages:,} pages", f"{cap:,}", "the PDF")
        for i, page in enumerate(pdf.pages, start=1):
            try:
                lines, n_chars, n_seal = page_lines(page, i)
            except (PDFPasswordIncorrect, PDFEncryptionError):
                raise ReadError(path, "encrypted PDF (needs a password)") from None
            cid = sum(len(_CID.findall(c["text"])) for ln in lines for c in ln.chars)
            if n_chars and cid > 0.5 * n_chars:
                raise ReadError(path, "text is mostly (cid:N) glyph codes: the font has no Unicode map "
                                      "(OCR needed)", page=i)
            if n_chars == 0:
                empty.append(i)
            elif n_chars < 80 and page.images:
                imagey.append(i)
            if n_seal:
                seal_pages.append(i)
            pages.append(lines)
            heights.append(float(page.height))
            page.close()  # free the page's parsed objects: 300-page files stay small
    if n_pages == 0:
        raise ReadError(path, "PDF has no pages")
    if len(empty) == n_pages:
        raise ReadError(path, "no text layer (scanned image?)")
    if empty:
        warnings.append(f"{_ranges(empty)}: no text layer (scanned image?)")
    if imagey:
        warnings.append(f"{_ranges(imagey)}: mostly image (little text beside images; content may be in the image)")
    if seal_pages:
        warnings.append(f"{_ranges(seal_pages)}: red/rotated text (seal) left out of the body")
    headers: list[str] = []
    footers: list[str] = []
    _strip_page_numbers(pages, heights)
    _strip_running(pages, heights, headers, footers)
    for lines in pages:
        set_columns(lines)  # measured without heads, feet and page numbers
    text = join_lines([ln for lines in pages for ln in lines])
    if not _HAN.search(text):
        warnings.append(NO_CJK)
    return RawText(text=text, format="pdf", reader=f"pdf (pdfplumber {im.version('pdfplumber')})",
                   pages=n_pages, metadata=meta, headers=headers, footers=footers, warnings=warnings)


def _page_count(pdf) -> int:
    """The page tree's /Count, read before any page object is built (a 1M-page file stays cheap);
    the built list when the tree has no usable count."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"]).get("Count"))
        if isinstance(count, int) and count >= 0:
            return count
    except Exception:  # noqa: BLE001 — a broken page tree: let pdfplumber count
        pass
    return len(pdf.pages)


def _ranges(nums: list[int]) -> str:
    out, start = [], None
    for i, n in enumerate(nums):
        if start is None:
            start = n
        if i + 1 == len(nums) or nums[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}-{n}")
            start = None
    return ("page " if len(nums) == 1 else "pages ") + ", ".join(out)
