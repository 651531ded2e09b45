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


def main() -> None:
    from . import commands  # noqa: F401  (registers the commands)
    app(prog_name="policyparse")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
