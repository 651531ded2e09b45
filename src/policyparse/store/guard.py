"""Process hygiene for ingest workers: die with the ingesting process, cap memory, cap time per file.

Why both a parent-death signal and a watchdog: a pool worker's parent is the forkserver, not the
ingesting process, and the forkserver outlives it as long as any worker holds its "alive" pipe —
so after a SIGKILL of ingest the workers, the forkserver and the resource tracker all stayed.
Workers now watch the ingesting process itself (multiprocessing's parent sentinel, which becomes
ready when that process is gone, however it died) and exit; the forkserver and each worker also
get PR_SET_PDEATHSIG (Linux) so the chain forkserver → workers dies at once. Each alone was
seen to clear all four processes within 0.3 s of a SIGKILL. Linux sends the signal when the
*thread* that started the forkserver ends: a pool started later (by another thread) finds the
forkserver gone and multiprocessing starts a new one.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Iterator

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Ask Linux to send ``sig`` to this process when its parent (thread) dies. False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        ok = libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
    return ok


def watch_parent() -> None:
    """A daemon thread that ends this process as soon as the process that started it is gone.

    Waits on multiprocessing's parent sentinel (no polling) where there is one; otherwise
    polls for a change of parent pid (re-parenting to init or a subreaper).
    """
    import multiprocessing as mp

    parent = mp.parent_process()
    sentinel = getattr(parent, "sentinel", None)

    def by_sentinel() -> None:
        from multiprocessing.connection import wait

        wait([sentinel])
        os._exit(1)

    def by_ppid(ppid: int = os.getppid()) -> None:
        import time

        while os.getppid() == ppid:
            time.sleep(0.5)
        os._exit(1)

    target = by_sentinel if sentinel is not None else by_ppid
    threading.Thread(target=target, name="policyparse-parent-watch", daemon=True).start()


def cap_memory(mb: float) -> None:
    """Limit this process's address space (RLIMIT_AS): past it allocations fail with MemoryError."""
    try:
        import resource
    except ImportError:  # not POSIX
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = int(mb * (1 << 20))
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    resource.setrlimit(resource.RLIMIT_AS, (want, hard))


class FileTimeout(Exception):
    """Raised in the working thread when one file's time is up (see ``deadline``)."""


@contextmanager
def _thread_deadline(seconds: float) -> Iterator[None]:
    """``deadline`` off the main thread: a timer raises FileTimeout in this thread (CPython's
    PyThreadState_SetAsyncExc), which, like a signal handler, takes effect between bytecodes."""
    import ctypes

    ident = threading.get_ident()
    done = threading.Event()

    def expire() -> None:
        if not done.is_set():
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(FileTimeout))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        done.set()
        timer.cancel()


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise FileTimeout in this (main) thread after ``seconds`` of wall time.

    A signal handler runs between bytecodes, so code stuck inside a C call is stopped when it
    returns to Python; worker_memory_mb bounds what it can take meanwhile. Off the main thread
    (no signals there) or without SIGALRM, nothing is armed.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_deadline(seconds):  # dask runs tasks on a worker thread: no signal there
            yield
        return

    def on_alarm(_signum, _frame):
        raise FileTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
