"""Plain-text reader: encodings are detected strictly and recorded; bad inputs fail in one line."""
import os
import re

import pytest

from policyparse.errors import ReadError
from policyparse.readers import read, read_raw

from conftest import SEEDS

SAMPLE = "一、总体要求\n（一）支持产业技术研究院建设，给予最高500万元资助。\n"


def test_utf8_without_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(SAMPLE.encode("utf-8"))
    doc = read(p)
    assert doc.encoding == "utf-8"
    assert "最高500万元资助" in doc.text
    assert doc.format == "txt" and doc.sha256 and len(doc.sha256) == 64


def test_utf8_with_bom_strips_it(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    doc = read(p)
    assert doc.encoding == "utf-8-sig"
    assert not doc.text.startswith("\ufeff") and doc.text.startswith("一、总体要求")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    p = tmp_path / "a.txt"
    data = SAMPLE.encode(codec) if codec == "utf-16" else b"\xfe\xff" + SAMPLE.encode("utf-16-be")
    p.write_bytes(data)
    doc = read(p)
    assert doc.encoding == "utf-16"
    assert "产业技术研究院" in doc.text


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_gbk_without_bom_reads_correctly(tmp_path, codec):
    p = tmp_path / "a.txt"
    seed = SEEDS[0].read_text(encoding="utf-8")
    p.write_bytes(seed.encode(codec))
    raw = read_raw(p)
    assert raw.encoding in ("gb18030", "gbk")
    assert raw.text == seed


def test_short_gbk_text_is_not_misread_as_utf8(tmp_path):
    # "通知" in GBK happens to be neither valid UTF-8 nor ambiguous; "中文" likewise — check both decode right
    for word in ("通知", "中文", "关于印发", "市科技局"):
        p = tmp_path / "w.txt"
        p.write_bytes(word.encode("gbk"))
        assert read_raw(p).text == word


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_corpus_seeds_are_utf8(seed):
    raw = read_raw(seed)
    assert raw.encoding == "utf-8"
    assert raw.text == seed.read_text(encoding="utf-8")


def test_undecodable_bytes_fail_naming_the_reason(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("正文".encode("utf-8") + b"\xff\xfe\xfd\x80\x81\x30" * 3)
    with pytest.raises(ReadError) as e:
        read(p)
    msg = str(e.value)
    assert msg.startswith(str(p) + ":") and "\n" not in msg
    assert "utf-8" in msg and "gb18030" in msg


def test_nul_bytes_are_binary(tmp_path):
    p = tmp_path / "bin.txt"
    p.write_bytes(b"abc\x00\x01\x02" * 10)
    with pytest.raises(ReadError, match="binary"):
        read(p)


@pytest.mark.slow
def test_50mb_text_file_reads(tmp_path):
    """A 50 MB file decodes in chunks and comes through whole (no crash, no truncation)."""
    p = tmp_path / "big.txt"
    para = SEEDS[1].read_text(encoding="utf-8")
    block = (para + "\n").encode("utf-8")
    n = (50 * 1024 * 1024) // len(block) + 1
    with p.open("wb") as f:
        for _ in range(n):
            f.write(block)
    assert p.stat().st_size >= 50 * 1024 * 1024
    raw = read_raw(p)
    assert raw.encoding == "utf-8"
    assert len(raw.text) == n * len(para + "\n")
    assert raw.text.count("产业技术研究院") == n * para.count("产业技术研究院")


@pytest.mark.slow
def test_50mb_gb18030_file_reads(tmp_path):
    """The fallback decoder also streams: a big GB18030 file with a multibyte char split across chunks."""
    from policyparse.readers import text as text_reader

    p = tmp_path / "big-gb.txt"
    unit = ("一" + "研究院" * 1000 + "\n")
    with p.open("wb") as f:
        f.write(b"a")  # shift so two-byte chars straddle the 1 MiB chunk borders
        for _ in range(50 * 1024 * 1024 // len(unit.encode("gb18030")) + 1):
            f.write(unit.encode("gb18030"))
    raw = read_raw(p)
    assert raw.encoding == "gb18030"
    assert raw.text.startswith("a一研究院")
    assert "\ufffd" not in raw.text
    assert text_reader.CHUNK < p.stat().st_size


# ---- bad inputs: one line "<path>: <reason>", never a traceback --------------------------------
def _one_line(err: ReadError, path) -> str:
    msg = str(err)
    assert "\n" not in msg
    assert msg.startswith(str(path))
    return msg


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ReadError) as e:
        read(p)
    assert "empty" in _one_line(e.value, p)


def test_whitespace_only(tmp_path):
    p = tmp_path / "ws.txt"
    p.write_text(" \n\t\u3000\n  \n", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read(p)
    assert "whitespace" in _one_line(e.value, p)


def test_unknown_extension(tmp_path):
    p = tmp_path / "a.xyz"
    p.write_text("一、总则", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read(p)
    assert "unsupported format '.xyz'" in _one_line(e.value, p)


def test_directory(tmp_path):
    with pytest.raises(ReadError) as e:
        read(tmp_path)
    assert "directory" in _one_line(e.value, tmp_path)


def test_missing(tmp_path):
    p = tmp_path / "nope.txt"
    with pytest.raises(ReadError) as e:
        read(p)
    assert "no such file" in _one_line(e.value, p)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("一、总则", encoding="utf-8")
    p.chmod(0)
    try:
        with pytest.raises(ReadError) as e:
            read(p)
        assert "permission" in _one_line(e.value, p)
    finally:
        p.chmod(0o644)


def test_unreadable_as_root_is_still_one_line(tmp_path, monkeypatch):
    """Root ignores file modes, so simulate the OS refusing access."""
    p = tmp_path / "locked.txt"
    p.write_text("一、总则", encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    with pytest.raises(ReadError) as e:
        read(p)
    assert "permission denied" in _one_line(e.value, p)


def test_pdf_bytes_named_txt(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"%PDF-1.7\n%...")
    with pytest.raises(ReadError) as e:
        read(p)
    assert "PDF" in _one_line(e.value, p)


def test_error_reason_is_whitespace_free_of_newlines():
    err = ReadError("x.txt", "bad\nthing\n here")
    assert str(err) == "x.txt: bad thing here"
    assert re.fullmatch(r"[^\n]+", str(err))


@pytest.mark.slow
def test_big_text_file_reads_end_to_end(tmp_path):
    """read() on 50 MB: reader, normalise and structure all finish and keep every paragraph."""
    p = tmp_path / "big.txt"
    para = SEEDS[1].read_text(encoding="utf-8").strip() + "\n"
    n = (50 * 1024 * 1024) // len(para.encode("utf-8")) + 1
    with p.open("w", encoding="utf-8") as f:
        for _ in range(n):
            f.write(para)
    doc = read(p)
    assert p.stat().st_size >= 50 * 1024 * 1024
    assert doc.encoding == "utf-8"
    assert doc.text.count("本意见自发布之日起实施") == n
