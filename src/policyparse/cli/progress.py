"""Progress bars on stderr: ``IngestBar`` draws store.ingest's Progress events, ``slow_bar`` a bar
that appears only when a command (export, report) runs longer than a second.

Both are silent when the console is not a terminal or when ``quiet`` is set; the engines never
draw anything themselves (they emit events, the CLI renders them).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TaskProgressColumn,
                           TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

SHOW_AFTER_S = 1.0  # export/report: a bar only for what takes longer than this


def stderr_console() -> Console:
    return Console(stderr=True)


def shown(console: Console, quiet: bool) -> bool:
    return console.is_terminal and not quiet


class _CharsPerSecond(ProgressColumn):
    def render(self, task) -> Text:
        chars, secs = task.fields.get("chars", 0), task.elapsed or 0.0
        return Text(f"{chars / secs / 1000:,.0f}k chars/s" if chars and secs else "– chars/s",
                    style="progress.data.speed")


class _Failures(ProgressColumn):
    def render(self, task) -> Text:
        n = task.fields.get("failed", 0)
        return Text(f"{n} failed", style="red" if n else "dim")


class IngestBar:
    """``with IngestBar(console) as bar: ingest(..., on_progress=bar)`` — hashing as its own
    phase (files hashed/total), then files done/total, chars/s, ETA and failures so far."""

    def __init__(self, console: Console, quiet: bool = False):
        self.progress = Progress(TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
                                 _CharsPerSecond(), TimeRemainingColumn(), _Failures(), TimeElapsedColumn(),
                                 console=console, disable=not shown(console, quiet), transient=False)
        self.tasks: dict[str, int] = {}

    def __enter__(self) -> "IngestBar":
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def __call__(self, event) -> None:
        phase = "hashing" if event.phase == "plan" else "ingest"
        if phase not in self.tasks:
            if phase == "ingest" and "hashing" in self.tasks:  # hashing is over: freeze its line
                self.progress.stop_task(self.tasks["hashing"])
            fields = {"chars": 0, "failed": 0} if phase == "ingest" else {}
            self.tasks[phase] = self.progress.add_task(phase, total=event.total, **fields)
        fields = {"chars": event.chars, "failed": event.failed} if phase == "ingest" else {}
        self.progress.update(self.tasks[phase], completed=event.done, total=event.total, **fields)


@contextmanager
def slow_bar(console: Console, label: str, quiet: bool = False) -> Iterator[Callable[[int, Optional[int]], None]]:
    """Yields ``update(done, total)``; the bar is drawn only once the block has run SHOW_AFTER_S."""
    progress = Progress(TextColumn(label), BarColumn(), TaskProgressColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), TimeElapsedColumn(), console=console,
                        disable=not shown(console, quiet), transient=True)
    task = progress.add_task(label, total=None)
    timer = threading.Timer(SHOW_AFTER_S, progress.start)
    timer.daemon = True
    timer.start()

    def update(done: int, total: Optional[int] = None) -> None:
        progress.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        timer.cancel()
        timer.join()
        progress.stop()  # a no-op when it never started
