"""A killed ingest leaves no process behind (issue 12): SIGKILL the ingesting process and its
forkserver, workers and resource tracker are all gone within 5 s."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from policyparse.store import guard

from conftest import SEEDS

psutil = pytest.importorskip("psutil")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")


def _gone(p) -> bool:
    try:
        return p.status() == psutil.STATUS_ZOMBIE  # exited; init reaps it
    except psutil.NoSuchProcess:
        return True


def _poll(check, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return check()


@linux_only
def test_die_with_parent_is_set():
    assert guard.die_with_parent(signal.SIGKILL) is True
    assert guard.die_with_parent(0) is True  # and cleared again in this (test) process


@pytest.mark.slow
def test_sigkill_of_ingest_leaves_no_process(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(80):  # enough work that the pool is busy when it is killed
        for f in SEEDS:
            shutil.copy(f, src / f"{f.stem}_{i}{f.suffix}")
    cmd = [sys.executable, "-m", "policyparse", "ingest", str(src), "--db", str(tmp_path / "p.sqlite"),
           "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    main = psutil.Process(proc.pid)
    kids: list = []
    try:
        # resource tracker + forkserver + 2 workers: wait until the workers exist
        assert _poll(lambda: len(main.children(recursive=True)) >= 4, 120), "the pool never started"
        kids = main.children(recursive=True)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        left = lambda: [k for k in kids if not _gone(k)]  # noqa: E731
        assert _poll(lambda: not left(), 5.0), f"still alive 5 s after SIGKILL: {left()}"
    finally:  # never leave a process behind, even when the test fails
        if proc.poll() is None:
            proc.kill()
        for k in kids:
            if not _gone(k):
                k.kill()
