"""A thin CLI over the public API: one module per command, registered on ``app``."""
from __future__ import annotations

import sys

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Read Chinese policy documents and extract structured records.")


@app.callback()
def _root() -> None:
    """Read Chinese policy documents and extract structured records."""


def fail(message: str, code: int = 1) -> "typer.Exit":
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"policyparse: error: {' '.join(str(message).split())}", err=True)
    return typer.Exit(code)


LIMIT_HELP = "NAME=VALUE: change a resource limit for this run (repeatable; names and defaults in docs/limits.md)"


def apply_limits(flags: list[str]) -> None:
    """Put the --limit flags over pyproject/environment limits for this process (and its workers)."""
    from .. import limits

    try:
        limits.use(limits.load(limits.parse_flags(flags or [])))
    except ValueError as e:
        raise fail(str(e))


def main() -> None:
    from . import commands  # noqa: F401  (registers the commands)
    app(prog_name="policyparse")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
