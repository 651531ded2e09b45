"""Check a .docx package before python-docx loads it: sizes from the zip's central directory
(nothing decompressed yet), then one streamed pass over every part for its CRC and for DTDs.

Why this is enough to bound memory: zipfile never yields more bytes of a member than the
central directory declares (a lying header ends in a CRC error, not in a bigger buffer), and
python-docx reads parts through zipfile. A DTD is refused outright: OPC (ECMA-376 part 2)
forbids DTDs in package XML, and without one there are no entities to expand (billion laughs).
Element depth is capped at 256 by libxml2 itself (python-docx's parser leaves huge_tree off).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import LimitExceeded, ReadError
from ..limits import MB, current

RATIO_FLOOR = 1 * MB  # small parts may compress very well (styles, settings); only big ones are checked
_CHUNK = 1 << 20
_DTD = (b"<!DOCTYPE", b"<!ENTITY")


def _mb(n: float) -> str:
    return f"{n / MB:.1f} MB"


def check_package(path: Path, z: zipfile.ZipFile) -> None:
    lim = current()
    size = path.stat().st_size
    if size > lim.zip_mb * MB:
        raise LimitExceeded(path, "zip_mb", _mb(size), f"{lim.zip_mb:g} MB", "the package")
    total = 0
    for info in z.infolist():
        if info.file_size > lim.part_mb * MB:
            raise LimitExceeded(path, "part_mb", _mb(info.file_size), f"{lim.part_mb:g} MB",
                                f"part {info.filename} (uncompressed, per the zip directory)")
        if info.file_size > RATIO_FLOOR and info.file_size > lim.zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise LimitExceeded(path, "zip_ratio", f"{ratio:.0f}x", f"{lim.zip_ratio:g}x",
                                f"part {info.filename} compression ratio")
        total += info.file_size
    if total > lim.unzipped_mb * MB:
        raise LimitExceeded(path, "unzipped_mb", _mb(total), f"{lim.unzipped_mb:g} MB", "the parts together")
    for info in z.infolist():
        _scan(path, z, info)


def _scan(path: Path, z: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    xml = info.filename.endswith((".xml", ".rels"))
    tail = b""
    try:
        with z.open(info) as f:
            while chunk := f.read(_CHUNK):
                if xml:
                    window = tail + chunk
                    if any(m in window for m in _DTD):
                        raise ReadError(path, f"part {info.filename} declares a DTD or XML entities, which .docx "
                                              f"packages never hold (refused: entity expansion guard)")
                    tail = window[-16:]
    except zipfile.BadZipFile as e:
        raise ReadError(path, f"corrupt .docx: member {info.filename} ({e})") from None
