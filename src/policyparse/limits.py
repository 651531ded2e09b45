"""Resource limits for hostile or huge inputs: one small pydantic model, read once per process.

Defaults are generous (many times the largest real document seen: a 331-page compendium PDF of
194k characters, 0.5 GB peak) and documented in docs/limits.md. Each can be raised, lowest to
highest precedence, in ``[tool.policyparse.limits]`` of the nearest pyproject.toml above the
working directory, by ``POLICYPARSE_LIMIT_<NAME>`` in the environment, or by ``--limit name=value``
on the command line. A file over a limit fails alone with :class:`~policyparse.errors.LimitExceeded`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

ENV_PREFIX = "POLICYPARSE_LIMIT_"
MB = 1 << 20


class Limits(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file_mb: float = Field(128, gt=0, description="size of any input file on disk (checked before reading)")
    zip_mb: float = Field(100, gt=0, description="size of a .docx package (compressed)")
    part_mb: float = Field(64, gt=0, description="uncompressed size of one part of a .docx, from the zip directory")
    unzipped_mb: float = Field(512, gt=0, description="uncompressed size of all parts of a .docx together")
    zip_ratio: float = Field(100, gt=1, description="uncompressed/compressed size of a .docx part over 1 MB")
    html_depth: int = Field(256, gt=0, description="element nesting depth of an HTML page")
    pdf_pages: int = Field(2000, gt=0, description="pages of a PDF")
    text_chars: int = Field(32_000_000, gt=0, description="characters of text a file yields")
    file_seconds: float = Field(600, gt=0, description="wall time to read and extract one file in ingest")
    worker_memory_mb: float = Field(4096, gt=0, description="address space of one ingest worker process")


NAMES = tuple(Limits.model_fields)


def _pyproject(start: Path) -> dict:
    """``[tool.policyparse.limits]`` of the nearest pyproject.toml at or above ``start``."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            return {}
    for folder in (start, *start.parents):
        f = folder / "pyproject.toml"
        if f.is_file():
            try:
                data = tomllib.loads(f.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return {}
            return dict(data.get("tool", {}).get("policyparse", {}).get("limits", {}))
    return {}


def parse_flags(flags: Iterable[str]) -> dict[str, str]:
    """``["pdf_pages=5000", ...]`` → ``{"pdf_pages": "5000"}``; a malformed flag is a ValueError."""
    out = {}
    for flag in flags:
        name, sep, value = flag.partition("=")
        if not sep or not value.strip():
            raise ValueError(f"--limit takes name=value, got {flag!r}")
        out[name.strip().lower().replace("-", "_")] = value.strip()
    return out


def load(overrides: Optional[Mapping[str, object]] = None, *, environ: Mapping[str, str] = os.environ,
         start: Optional[Path] = None) -> Limits:
    """Defaults < pyproject < environment < ``overrides``; an unknown name or bad value is a ValueError."""
    values: dict[str, object] = {}
    for source, items in (("pyproject.toml [tool.policyparse.limits]", _pyproject(start or Path.cwd()).items()),
                          ("environment", ((k[len(ENV_PREFIX):].lower(), v) for k, v in environ.items()
                                           if k.startswith(ENV_PREFIX))),
                          ("--limit", (overrides or {}).items())):
        for name, value in items:
            if name not in NAMES:
                raise ValueError(f"unknown limit {name!r} in {source} (known: {', '.join(NAMES)})")
            values[name] = value
    try:
        return Limits(**values)
    except ValidationError as e:
        first = e.errors()[0]
        raise ValueError(f"bad limit {first['loc'][0]}={first.get('input')!r}: {first['msg']}") from None


_current: Optional[Limits] = None


def current() -> Limits:
    """The limits in force in this process (loaded from pyproject/environment on first use)."""
    global _current
    if _current is None:
        _current = load()
    return _current


def use(limits: Optional[Limits]) -> None:
    """Set the limits of this process (the CLI after parsing --limit; a worker from its parent)."""
    global _current
    _current = limits


def hint(name: str) -> str:
    return f"raise it with --limit {name}=N or {ENV_PREFIX}{name.upper()}=N"
