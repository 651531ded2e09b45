"""Where the per-document work runs: in-process, a process pool, dask.distributed or ray.

Every engine takes chunks of tasks and yields result dicts as they complete (any order);
the caller is the single writer. Engines differ only in how ``work.process_many`` is shipped.
"""
from __future__ import annotations

import multiprocessing as mp
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator, Optional

from . import work

ENGINES = ("process", "dask", "ray")


def chunked(tasks: list, size: int) -> list[list]:
    return [tasks[i:i + size] for i in range(0, len(tasks), size)]


def default_chunk(n_tasks: int, workers: int) -> int:
    # small enough to balance the tail and keep the writer fed, big enough to amortise pickling
    return max(1, min(16, n_tasks // max(1, workers * 8)))


def run(tasks: list, *, engine: str = "process", workers: int = 1, chunk: Optional[int] = None,
        scheduler: Optional[str] = None) -> Iterator[dict]:
    if not tasks:
        return iter(())
    chunk = chunk or default_chunk(len(tasks), workers)
    if engine == "process" and workers <= 1:
        return run_serial(tasks)
    if engine == "process":
        return run_process(chunked(tasks, chunk), workers)
    if engine == "dask":
        return run_dask(chunked(tasks, chunk), workers, scheduler)
    if engine == "ray":
        return run_ray(chunked(tasks, chunk), workers, scheduler)
    raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")


def run_serial(tasks: list) -> Iterator[dict]:
    work.warm()
    for t in tasks:
        yield work.process(t)


def _context():
    # forkserver: workers start from a clean process (the parent may run a progress thread,
    # and fork with threads can deadlock); spawn where forkserver does not exist.
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        ctx.set_forkserver_preload(["policyparse.store._preload"])
    return ctx


class _Restart(Exception):
    """The pool lost a worker: start a new one."""


def run_process(chunks: list[list], workers: int, fn=work.process_many) -> Iterator[dict]:
    """A process pool with at most 2 chunks in flight per worker (bounded memory).

    If a worker dies (a reader crashing the interpreter), every task that was in flight is
    retried alone in a fresh pool, so the one file that kills workers is the only failure.
    """
    todo, suspects = deque(chunks), deque()
    while todo or suspects:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=work.init_worker,
                                 initargs=work.init_args()) as pool:
            try:
                while suspects:
                    task = suspects[0]
                    try:
                        res = pool.submit(fn, [task]).result()
                    except BrokenProcessPool:
                        suspects.popleft()
                        yield _died(task)
                        raise _Restart
                    suspects.popleft()
                    yield from res
                inflight: dict = {}
                while todo or inflight:
                    while todo and len(inflight) < workers * 2:
                        c = todo.popleft()
                        inflight[pool.submit(fn, c)] = c
                    done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                    for f in done:
                        try:
                            res = f.result()
                        except BrokenProcessPool:
                            suspects.extend(t for c in inflight.values() for t in c)
                            raise _Restart
                        del inflight[f]
                        yield from res
            except _Restart:
                pool.shutdown(wait=False, cancel_futures=True)


def _died(task: tuple) -> dict:
    path, key, sha = task
    return {"path": path, "doc_key": key, "sha256": sha, "ok": False, "chars": 0,
            "error": f"{path}: worker process died while reading this file"}


def run_dask(chunks: list[list], workers: int, scheduler: Optional[str] = None) -> Iterator[dict]:
    """The same function on dask.distributed: a LocalCluster of processes, or ``scheduler``."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as e:  # pragma: no cover - depends on the extra
        raise RuntimeError("engine 'dask' needs dask[distributed]: pip install 'policyparse[dask]'") from e
    from ..limits import current

    values = current().model_dump()  # the limits in force here, CLI flags included
    cluster = None
    if scheduler is None:  # the nanny restarts a worker past worker_memory_mb (its chunk fails)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, memory_limit=f"{int(values['worker_memory_mb'])}MiB")
    client = Client(cluster if cluster is not None else scheduler)
    try:
        client.run(work.warm)
        futures = client.map(work.process_many, chunks, limit_values=values, pure=False)
        for fut in as_completed(futures):
            yield from fut.result()
            fut.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def ray_available() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


def run_ray(chunks: list[list], workers: int, address: Optional[str] = None,
            fn=work.process_many) -> Iterator[dict]:
    """The same function on ray: a local ray cluster of ``workers`` CPUs, or the one at ``address``.

    Usage statistics are switched off before ray starts: nothing may leave the machine.
    """
    if not ray_available():
        raise RuntimeError("engine 'ray' needs ray: pip install 'policyparse[ray]'")
    import os

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    started = not ray.is_initialized()
    if started:
        if address is None:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
        else:
            ray.init(address=address, log_to_driver=False, configure_logging=False)
    from ..limits import current

    values = current().model_dump()  # every task takes the limits in force here (CLI flags included)
    # every ray worker warms itself on its first task (work.process_many calls warm())
    remote = ray.remote(num_cpus=1, max_retries=0)(fn)
    try:
        # a chunk whose worker dies is split and each task retried alone, so only the file
        # that kills workers fails (as in the process pool)
        pending = {remote.remote(c, values): c for c in chunks}
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                chunk = pending.pop(ref)
                try:
                    yield from ray.get(ref)
                except ray.exceptions.RayError:
                    if len(chunk) == 1:
                        yield _died(chunk[0])
                    else:
                        pending.update({remote.remote([t], values): [t] for t in chunk})
    finally:
        if started:
            ray.shutdown()
