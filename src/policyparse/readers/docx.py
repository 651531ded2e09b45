""".docx via python-docx: body paragraphs with their generated numbering, tables as lines,
headers/footers kept apart, core properties as metadata."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import ReadError
from .base import RawText, add_unique, table_row
from .numbering import Numbering

from .base import CELL_SEP  # noqa: E402
# Labels that end in CJK punctuation join the text directly (一、总则); others get a space (1. 总则)
_TIGHT_END = "、）)．.。：:"


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP = {_W + "txbxContent", _W + "pPr", _W + "rPr", _W + "del", _W + "moveFrom", _W + "instrText",
         "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}


def _p_text(p_el) -> str:
    """Visible text of a w:p: runs at any depth (hyperlinks, tracked insertions, smart tags,
    simple fields) but not deleted text, text boxes or compatibility fallbacks."""
    out: list[str] = []

    def walk(el):
        for child in el:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                out.append("\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(p_el)
    return "".join(out)


def _join_label(label: str, suffix: str, text: str) -> str:
    if not label:
        return text
    if suffix == "nothing" or label[-1] in "、）)":
        return label + text
    return f"{label} {text}" if text else label


def _table_lines(tbl_el, numbering: Numbering) -> list[str]:
    from docx.oxml.ns import qn

    lines = []
    for tr in tbl_el.iter(qn("w:tr")):
        if tr.getparent() is not None and tr.getparent() is not tbl_el:
            continue  # nested tables come through their cell text
        cells = []
        for tc in tr.findall(qn("w:tc")):
            parts = []
            for child in tc:
                if child.tag == qn("w:p"):
                    label, suffix = numbering.label(child)
                    t = _join_label(label, suffix, _p_text(child)).strip()
                    if t:
                        parts.append(t)
                elif child.tag == qn("w:tbl"):
                    parts.extend(_table_lines(child, numbering))
            vmerge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue"):
                parts = []  # continuation of a vertically merged cell: Word shows it empty
            cells.append(" ".join(parts))
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            lines.append(table_row(cells))
    return lines


def _body_lines(container, numbering: Numbering) -> list[str]:
    from docx.oxml.ns import qn

    lines: list[str] = []
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            label, suffix = numbering.label(child)
            text = _p_text(child)
            lines.append(_join_label(label, suffix, text))
        elif child.tag == qn("w:tbl"):
            lines.extend(_table_lines(child, numbering))
        elif child.tag == qn("w:sdt"):  # content control: its paragraphs are body text
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                lines.extend(_body_lines(content, numbering))
    return lines


def _metadata(document) -> dict[str, str]:
    cp = document.core_properties
    meta = {}
    for key in ("title", "subject", "author", "keywords", "category", "comments",
                "last_modified_by", "created", "modified", "revision", "identifier", "language"):
        value = getattr(cp, key, None)
        if value not in (None, "", 0):
            meta[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return meta


def read_docx(path: Path) -> RawText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    from .ooxml import check_package

    try:
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" not in z.namelist():
                raise ReadError(path, "not a Word document (zip without word/document.xml)")
            check_package(path, z)  # limits and CRCs before python-docx decompresses anything
        document = docx.Document(str(path))
    except etree.XMLSyntaxError as e:
        if "depth" in str(e):
            raise ReadError(path, "XML nested deeper than 256 elements (libxml2's fixed cap)") from None
        raise
    except zipfile.BadZipFile as e:
        raise ReadError(path, f"corrupt or truncated .docx ({e})") from None
    except PackageNotFoundError as e:
        raise ReadError(path, f"not a .docx package ({e})") from None
    numbering = Numbering(document)
    lines = _body_lines(document.element.body, numbering)
    headers: list[str] = []
    footers: list[str] = []
    hf_numbering = Numbering(document)  # separate counters: headers must not advance body numbers
    for section in document.sections:
        for attr, bucket in (("header", headers), ("first_page_header", headers), ("even_page_header", headers),
                             ("footer", footers), ("first_page_footer", footers), ("even_page_footer", footers)):
            hf = getattr(section, attr)
            if hf.is_linked_to_previous and section is not document.sections[0]:
                continue
            try:
                el = hf._element
            except Exception:
                continue
            for line in _body_lines(el, hf_numbering):
                add_unique(bucket, line)
    import importlib.metadata as im

    return RawText(text="\n".join(lines), format="docx", reader=f"docx (python-docx {im.version('python-docx')})",
                   metadata=_metadata(document), headers=headers, footers=footers)
