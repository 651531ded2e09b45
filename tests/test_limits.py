"""Resource limits: one pydantic model, set by pyproject < environment < --limit."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from policyparse import limits
from policyparse.cli import app
from policyparse.cli import commands  # noqa: F401  (registers the commands)
from policyparse.errors import LimitExceeded, ReadError
from policyparse.readers import read_raw


@pytest.fixture(autouse=True)
def _fresh_limits():
    limits.use(None)
    yield
    limits.use(None)


def test_defaults_without_config(tmp_path):
    got = limits.load(environ={}, start=tmp_path)
    assert got == limits.Limits()
    assert got.pdf_pages > 331 and got.text_chars > 194_000  # the largest real document passes


def test_pyproject_then_environment_then_flags(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.policyparse.limits]\npdf_pages = 10\nhtml_depth = 20\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    got = limits.load(environ={"POLICYPARSE_LIMIT_HTML_DEPTH": "30"}, start=sub)
    assert (got.pdf_pages, got.html_depth) == (10, 30)
    got = limits.load({"html_depth": "40"}, environ={"POLICYPARSE_LIMIT_HTML_DEPTH": "30"}, start=sub)
    assert got.html_depth == 40


@pytest.mark.parametrize("flags, message", [
    (["nope=1"], "unknown limit 'nope'"),
    (["pdf_pages"], "name=value"),
    (["pdf_pages=-3"], "bad limit pdf_pages"),
    (["zip_ratio=x"], "bad limit zip_ratio"),
])
def test_bad_limits_are_one_line_errors(flags, message, tmp_path):
    with pytest.raises(ValueError, match=message):
        limits.load(limits.parse_flags(flags), environ={}, start=tmp_path)


def test_unknown_environment_limit_is_named(tmp_path):
    with pytest.raises(ValueError, match="unknown limit 'pages' in environment"):
        limits.load(environ={"POLICYPARSE_LIMIT_PAGES": "5"}, start=tmp_path)


def test_limit_error_names_file_limit_value_and_how_to_raise(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("一、总则\n" * 50, encoding="utf-8")
    limits.use(limits.Limits(text_chars=100))
    with pytest.raises(LimitExceeded) as err:
        read_raw(p)
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith(str(p))
    assert "text_chars" in msg and "> 100" in msg and "--limit text_chars=N" in msg
    assert "POLICYPARSE_LIMIT_TEXT_CHARS" in msg
    assert isinstance(err.value, ReadError) and err.value.limit == "text_chars"


def test_file_size_is_checked_before_reading(tmp_path):
    p = tmp_path / "big.txt"
    with p.open("wb") as f:
        f.write("政策".encode())
        f.truncate(3 << 20)  # sparse: 3 MB that is never read
    limits.use(limits.Limits(file_mb=2))
    with pytest.raises(LimitExceeded, match=r"file_mb limit \(3.0 MB > 2 MB\)"):
        read_raw(p)


def test_cli_limit_flag_applies_and_bad_flag_fails(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("一、总则\n本办法自发布之日起施行。\n" * 20, encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["read", str(p)])
    assert ok.exit_code == 0, ok.output
    over = runner.invoke(app, ["read", str(p), "--limit", "text_chars=50"])
    assert over.exit_code == 1 and "text_chars" in over.output
    bad = runner.invoke(app, ["read", str(p), "--limit", "nope=1"])
    assert bad.exit_code == 1 and "unknown limit 'nope'" in bad.output
