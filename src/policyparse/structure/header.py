"""GB/T 9704 header and closing elements: site chrome, 发文字号, title, 主送机关, transmittal
notice, signature, 成文日期, back matter. Every function reads paragraphs; none writes clauses."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex as re

from ..model import Document
from ..normalize import fold
from .cues import cn_int, cues
from .paragraphs import Para

_SENTENCE_END = re.compile(r"[。；;：:！!？?]$")
_SPACE_IN_CJK = re.compile(r"(?<=[\p{Han}）」》”])\s+(?=[\p{Han}（「《“])")


def clean_title(s: str) -> str:
    """Title lines joined; the layout spaces of a broken title (办公室 关于…) removed."""
    return _SPACE_IN_CJK.sub("", s.strip())


def iso_date(text: str) -> Optional[str]:
    m = cues().date.match(text.strip())
    if not m:
        return None
    y, mo = cn_int(m.group("y")), cn_int(m.group("m"))
    if not y or not mo or not 1 <= mo <= 12:
        return None
    d = cn_int(m.group("d")) if m.group("d") else None
    return f"{y:04d}-{mo:02d}-{d:02d}" if d else f"{y:04d}-{mo:02d}"


def iso_datetime(value: str) -> str:
    m = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?", value)
    if not m:
        return value
    y, mo, d, hh, mm, ss = m.groups()
    out = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if hh:
        out += f"T{int(hh):02d}:{mm}:{ss or '00'}"
    return out


def strip_chrome(doc: Document, paras: list[Para]) -> int:
    """Index of the first non-chrome paragraph; chrome values go to doc.metadata / doc.published.

    Chrome is only recognised at the top, and only when at least one line is a keyed item
    (views, 发布时间, 来源): a lone dash line in a real document is not a web page.
    """
    c = cues()
    last, keyed = -1, False
    for i, p in enumerate(paras[: c.lex.chrome_scan_lines]):
        for key, rx in c.chrome:
            if rx.match(p.text):
                last, keyed = i, keyed or bool(key)
                break
    if last < 0 or not keyed:
        return 0
    headline: list[str] = []
    for p in paras[: last + 1]:
        for key, rx in c.chrome:
            m = rx.match(p.text)
            if m:
                if key:
                    doc.metadata[key] = (m.groupdict().get("value") or p.text).strip()
                break
        else:
            headline.append(p.text)
    if headline:
        doc.metadata["headline"] = " ".join(headline)
    if "published" in doc.metadata:
        doc.published = iso_datetime(doc.metadata["published"])
    return last + 1


def is_issuer_line(text: str) -> bool:
    return "关于" not in text and bool(cues().issuer_line.match(text))


def is_doc_number(text: str) -> bool:
    return bool(cues().doc_number.match(text))


def doc_number_of(text: str) -> str:
    """The 发文字号 a doc-number line holds, without spaces or the brackets around it."""
    m = cues().doc_number.match(text)
    return re.sub(r"\s+", "", m.group("value") if m else text)


def is_recipients(text: str) -> bool:
    if not re.search(r"[：:]$", text) or "。" in text or len(text) > 120:
        return False
    return any(cue in text for cue in cues().lex.recipient_cues)


def split_recipients(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[，,；;]", text.rstrip("：:")) if s.strip()]


def is_back_line(text: str) -> bool:
    c = cues()
    return bool(iso_date(text)) or is_issuer_line(text) or any(rx.match(text) for rx in c.back_matter)


def title_block(paras: list[Para], i: int, stop: int) -> Optional[tuple[int, str]]:
    """The longest run of lines from ``i`` (at most title_max_lines) that reads as one title:
    no line ends a sentence and the joined text ends with a document type. → (last index, text)."""
    c = cues()
    best, acc = None, ""
    for j in range(i, min(stop, i + c.lex.title_max_lines)):
        t = paras[j].text
        if _SENTENCE_END.search(t) or iso_date(t) or is_doc_number(t) or "。" in t:
            break
        if acc and fold(t) == fold(acc):  # the title printed twice (law-database exports)
            return best
        acc += t
        if len(acc) > c.lex.title_max_chars:
            break
        if c.doc_type_end.search(acc):
            best = (j, acc)
    return best


@dataclass
class Header:
    """What the front of a document says, as paragraph indices and values."""

    title: Optional[str] = None
    title_raw: str = ""  # lines joined with spaces (keeps "科技部 财政部" apart for issuers)
    doc_number: Optional[str] = None
    issuers: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    date: Optional[str] = None
    is_transmittal: bool = False
    wrapped_title: Optional[str] = None
    body_index: int = 0  # paragraph where the (wrapped) policy starts


def _add(issuers: list[str], name: str) -> None:
    name = re.sub(r"文件$", "", name.strip())
    if name and name not in issuers:
        issuers.append(name)


def _title_issuers(raw: str) -> list[str]:
    """Issuers named before 关于 in a title (天津市人民政府关于印发… → 天津市人民政府)."""
    if "关于" not in raw:
        return []
    parts = re.split(r"[\s、]+", raw.split("关于", 1)[0].strip())
    return [p for p in parts if p and is_issuer_line(p)]


def read_front(paras: list[Para], k: int, stop: int) -> Header:
    """Read header elements from paragraphs ``k`` (first non-chrome) up to ``stop`` (first heading)."""
    h = Header(body_index=k)
    i = k
    while i < stop:  # 版头: issuer line(s) and 发文字号, before the title
        t = paras[i].text
        if is_doc_number(t):
            h.doc_number = h.doc_number or doc_number_of(t)
        elif is_issuer_line(t):
            _add(h.issuers, t)
        elif not cues().attachment_label.match(t):  # a document that is itself 附件1 starts so
            break
        i += 1
    tb = title_block(paras, i, stop)
    if tb:
        j, text = tb
        h.title_raw = " ".join(p.text for p in paras[i:j + 1])
        h.title = clean_title(text)
        for name in _title_issuers(h.title_raw):
            _add(h.issuers, name)
        i = j + 1
        if i < stop and fold(paras[i].text) == fold(text):  # the title printed twice
            i += 1
        if i < stop and is_doc_number(paras[i].text):  # web pages put 发文字号 under the title
            h.doc_number = h.doc_number or doc_number_of(paras[i].text)
            i += 1
    i = _adoption_note(h, paras, i, stop)
    for j in range(i, min(stop, i + 2)):
        if is_recipients(paras[j].text):
            h.recipients = split_recipients(paras[j].text)
            i = j + 1
            break
    for j in range(i, min(stop, i + 6)):  # the notice is the first paragraph or close to it
        m = next((m for rx in cues().transmittal if (m := rx.search(paras[j].text))), None)
        if m:
            h.is_transmittal = True
            h.wrapped_title = clean_title(m.group("title")) if "title" in m.groupdict() and m.group("title") else None
            _read_signature(h, paras, j + 1, stop)
            break
    if not h.date:  # a 成文日期 line under the title of a plain (non-transmittal) document
        h.date = next((iso_date(p.text) for p in paras[k:stop] if iso_date(p.text)), None)
    return h


def _adoption_note(h: Header, paras: list[Para], i: int, stop: int) -> int:
    """A regulation's 题注 (…常务委员会第六次会议通过 / 修订 / 批准) on the lines from ``i``: the body
    that passed it first is the issuer, the last event's date the version's. → the next index."""
    events, j = [], i
    while j < min(stop, i + 4):
        found = list(cues().adoption_event.finditer(paras[j].text))
        if not found:
            break
        events += found
        j += 1
    if not events:
        return i
    passed = next((e for e in events if "通过" in e.group("act")), events[0])
    _add(h.issuers, passed.group("place") + passed.group("organ"))
    y, m, d = (int(x) for x in re.findall(r"\d+", events[-1].group("date")))
    h.date = h.date or f"{y:04d}-{m:02d}-{d:02d}"
    return j


def apply_page_metadata(h: Header, metadata: dict[str, str]) -> None:
    """A page's metadata table (发文字号, 发文机关, 成文日期) fills what the text itself does not say."""
    def get(*keys: str) -> str:  # our chrome keys, or the labels a reader kept as written
        return next((metadata[k].strip() for k in keys if metadata.get(k, "").strip()), "")

    if not h.doc_number and get("doc_number", "发文字号", "文号"):
        h.doc_number = re.sub(r"\s+", "", get("doc_number", "发文字号", "文号"))
    if not h.issuers and get("issuer", "发文机关", "发布机构"):
        for name in re.split(r"[\s、，,；;]+", get("issuer", "发文机关", "发布机构")):
            _add(h.issuers, name)
    if not h.date and get("written", "成文日期"):
        h.date = iso_date(re.sub(r"\s+", "", get("written", "成文日期")))


def _read_signature(h: Header, paras: list[Para], i: int, stop: int) -> None:
    """After a transmittal notice: signature, date, 此件公开发布, then the wrapped policy's title."""
    while i < stop and is_back_line(paras[i].text):
        t = paras[i].text
        if iso_date(t):
            h.date = h.date or iso_date(t)
        elif is_issuer_line(t):
            _add(h.issuers, t)
        i += 1
    h.body_index = i
    tb = title_block(paras, i, stop)
    if tb and not h.wrapped_title:
        h.wrapped_title = clean_title(tb[1])


def read_back(h: Header, doc: Document, back: list[Para]) -> None:
    """Fill what the closing lines say (signature issuer, 成文日期, 联系单位) when the front did not."""
    c = cues()
    for p in back:
        if iso_date(p.text) and not h.date:
            h.date = iso_date(p.text)
        elif is_issuer_line(p.text) and not any(rx.match(p.text) for rx in c.back_matter):
            _add(h.issuers, p.text)
    if not h.issuers:
        for p in back:
            m = c.contact_issuer.search(p.text)
            if m:
                _add(h.issuers, m.group("value"))


def back_start(paras: list[Para], lo: int, hi: int, headings: set[int]) -> int:
    """First index of the closing run (dates, signatures, contacts, 本意见自…实施) before ``hi``."""
    i = hi
    while i > lo and (i - 1) not in headings and is_back_line(paras[i - 1].text):
        i -= 1
    return i
