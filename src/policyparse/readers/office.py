""".doc/.wps/.rtf/.odt: convert to .docx with LibreOffice, then read it with the docx reader.

Each conversion gets its own LibreOffice profile dir: two soffice processes sharing a profile
block each other (the second silently exits), which breaks parallel reads.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ReadError, UnsupportedFormat
from .base import RawText

TIMEOUT = int(os.environ.get("POLICYPARSE_SOFFICE_TIMEOUT", "120"))
INSTALL_HINT = "LibreOffice is needed to read this format: install it (apt-get install libreoffice-writer-nogui)"


def soffice() -> str | None:
    for name in ("soffice", "libreoffice", "lowriter"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(path: Path, outdir: Path) -> Path:
    exe = soffice()
    if exe is None:
        raise UnsupportedFormat(path, INSTALL_HINT)
    profile = Path(tempfile.mkdtemp(prefix="policyparse-lo-"))
    try:
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(path.resolve())]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT,
                                  env={**os.environ, "HOME": str(profile)})
        except subprocess.TimeoutExpired:
            raise ReadError(path, f"LibreOffice conversion timed out after {TIMEOUT}s") from None
        out = outdir / (path.stem + ".docx")
        if proc.returncode != 0 or not out.exists():
            why = (proc.stderr or proc.stdout or "").strip().splitlines()
            raise ReadError(path, f"LibreOffice could not convert it (exit {proc.returncode}"
                                  f"{': ' + why[-1] if why else ''})")
        return out
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def read_office(path: Path) -> RawText:
    from .docx import read_docx

    fmt = path.suffix.lower().lstrip(".")
    with tempfile.TemporaryDirectory(prefix="policyparse-conv-") as tmp:
        out = convert_to_docx(path, Path(tmp))
        raw = read_docx(out)
    raw.format = fmt
    raw.reader = f"office (LibreOffice → {raw.reader})"
    return raw
