"""Plain text: UTF-8 (± BOM), UTF-16/32 with BOM, GB18030/GBK — never silently wrong.

Order: BOM → strict UTF-8 → strict GB18030. Both decoders run incrementally over 1 MiB chunks,
so a 50 MB file costs one pass per candidate and no bytes+text doubling beyond the chunk.
When both decode cleanly (short texts can), charset-normalizer breaks the tie.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import LimitExceeded, ReadError
from ..limits import current as current_limits
from .base import RawText

CHUNK = 1 << 20
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
]
TIE_SAMPLE = 64 * 1024


class _Undecodable(Exception):
    def __init__(self, encoding: str, offset: int, byte: bytes):
        super().__init__(f"not valid {encoding} (byte {byte.hex()} at offset {offset})")


def _decode_file(path: Path, encoding: str, skip: int = 0) -> str:
    """Strictly decode the whole file in chunks; raise _Undecodable with the first bad offset."""
    dec = codecs.getincrementaldecoder(encoding)(errors="strict")
    parts: list[str] = []
    pos = skip
    cap, n_chars = current_limits().text_chars, 0
    with path.open("rb") as f:
        f.seek(skip)
        while True:
            chunk = f.read(CHUNK)
            final = not chunk
            try:
                parts.append(dec.decode(chunk, final=final))
            except UnicodeDecodeError as e:
                # offset inside the chunk is approximate when the decoder buffered a partial char
                raise _Undecodable(encoding, pos + max(e.start, 0), e.object[e.start:e.start + 1]) from None
            if final:
                break
            n_chars += len(parts[-1])
            if n_chars > cap:  # stop decoding here: a 2 GB file never becomes a 2 GB string
                raise LimitExceeded(path, "text_chars", f"at least {n_chars:,} characters", f"{cap:,}",
                                    "its text")
            pos += len(chunk)
    return "".join(parts)


def _cjk_share(text: str) -> float:
    """Share of non-ASCII chars that are Han, CJK punctuation or full-width forms."""
    import regex

    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 1.0
    good = regex.findall(r"[\p{Han}\u3000-\u303f\uff00-\uffef“”‘’—…·]", "".join(non_ascii))
    return len(good) / len(non_ascii)


def _tie_break(sample: bytes) -> str:
    from charset_normalizer import from_bytes

    # Chinese documents: the reading that yields Han text wins clearly over one that yields
    # Latin-1 accents/combining marks (short GBK strings are often also valid UTF-8)
    u = _cjk_share(sample.decode("utf-8", "ignore"))
    g = _cjk_share(sample.decode("gb18030", "ignore"))
    if abs(u - g) > 0.3:
        return "utf-8" if u > g else "gb18030"
    best = from_bytes(sample, cp_isolation=["utf_8", "gb18030"]).best()
    return "gb18030" if best is not None and best.encoding == "gb18030" else "utf-8"


def decode_text(path: Path) -> tuple[str, str]:
    """(text, encoding name actually used)."""
    with path.open("rb") as f:
        head = f.read(TIE_SAMPLE)
    for bom, name, codec in _BOMS:
        if head.startswith(bom):
            try:
                return _decode_file(path, name, skip=len(bom)), codec
            except _Undecodable as e:
                raise ReadError(path, f"has a {codec} byte-order mark but {e}") from None
    if b"\x00" in head:
        raise ReadError(path, "binary content (NUL bytes) in a text file")
    try:
        text = _decode_file(path, "utf-8")
    except _Undecodable as utf8_err:
        try:
            return _decode_file(path, "gb18030"), "gb18030"
        except _Undecodable as gb_err:
            raise ReadError(path, f"unknown text encoding: {utf8_err}; {gb_err}") from None
    if head.isascii():
        return text, "utf-8"  # ASCII is the same in both; nothing to break
    # Valid UTF-8 that is also valid GB18030: only short samples are ambiguous in practice.
    try:
        head.decode("gb18030")
        both = True
    except UnicodeDecodeError:
        both = False
    if both and _tie_break(head) == "gb18030":
        return _decode_file(path, "gb18030"), "gb18030"
    return text, "utf-8"


def read_text(path: Path) -> RawText:
    text, encoding = decode_text(path)
    return RawText(text=text, format="txt", reader="text", encoding=encoding)
