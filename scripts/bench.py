#!/usr/bin/env python
"""Throughput and memory of the ingestion pipeline on a generated corpus.

    python scripts/bench.py                      # 2,000 docs, 5 runs per stage
    python scripts/bench.py --docs 200 --runs 3  # quick look
    python scripts/bench.py --profile            # also: where extract spends its time
    python scripts/bench.py --only diff          # diff of the 2025 seed and a scripted revision

The corpus is made with a fixed seed from the paragraphs of the five seed documents in
corpus/ (shuffled into new documents of the seeds' sizes) and written as .txt files. Each
stage runs ``--runs`` times; the table shows medians, and the ratios are taken within the same
run set (pipeline ÷ jieba.lcut over the same text; serial ÷ 2-worker wall time).

read/jieba/extract/store run in this process, after jieba and the grammars are loaded; the two
pipeline stages run ``ingest()`` in a fresh process each time (as `policyparse ingest` does),
from cold: loading jieba and the grammars is inside their clock.

Stages live in BENCHMARKS (name → function(ctx) -> Measure); add a stage by adding an entry.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import pstats
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout without installing

TARGETS = {"chars_per_s_per_core": 250_000, "speedup_2w": 1.7, "peak_mb": 300}


# ---- corpus ------------------------------------------------------------------------------
def seed_paragraphs(corpus: Path = ROOT / "corpus") -> tuple[list[str], list[int]]:
    """All non-empty paragraphs of the seed texts, and the seeds' sizes in characters."""
    paras, sizes = [], []
    for f in sorted(corpus.glob("*.txt")):
        text = f.read_text(encoding="utf-8-sig")
        sizes.append(len(text))
        paras += [p.strip() for p in text.splitlines() if p.strip()]
    return paras, sizes


def generate_corpus(out: Path, n_docs: int, seed: int = 20240601, *, scale: float = 1.0) -> list[Path]:
    """Write ``n_docs`` .txt documents of shuffled seed paragraphs into ``out`` (deterministic).

    Sizes follow the seeds' (±30 %) times ``scale``; each document gets a unique first line so
    no two files share a hash.
    """
    rng = random.Random(seed)
    paras, sizes = seed_paragraphs()
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_docs):
        target = int(rng.choice(sizes) * rng.uniform(0.7, 1.3) * scale)
        body, n = [f"关于印发第{i}号实施方案的通知（基准测试生成）"], 0
        while n < target:
            p = rng.choice(paras)
            body.append("　　" + p)
            n += len(p) + 4
        path = out / f"doc{i:05d}.txt"
        path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


# ---- measuring ---------------------------------------------------------------------------
@dataclass
class Measure:
    seconds: float  # wall time
    chars: int
    docs: int
    cpu: float = float("nan")  # CPU seconds of the whole process tree (robust to a busy machine)

    @property
    def chars_per_cpu_s(self) -> float:
        return self.chars / self.cpu if self.cpu else float("nan")

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds if self.seconds else float("nan")

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else float("nan")


@dataclass
class Context:
    paths: list[Path]
    tmp: Path
    docs: list = field(default_factory=list)  # read Documents (filled by "read")
    results: list = field(default_factory=list)  # worker results ready to store
    chars: int = 0
    n: int = 0

    def fresh_db(self) -> Path:
        self.n += 1
        return self.tmp / f"bench{self.n}.sqlite"


def bench_read(ctx: Context) -> Measure:
    from policyparse import read

    t = time.perf_counter()
    docs = [read(p) for p in ctx.paths]
    dt = time.perf_counter() - t
    ctx.docs, ctx.chars = docs, sum(len(d.text) for d in docs)
    return Measure(dt, ctx.chars, len(docs))


def bench_jieba(ctx: Context) -> Measure:
    import jieba

    t = time.perf_counter()
    for d in ctx.docs:
        jieba.lcut(d.text)
    return Measure(time.perf_counter() - t, ctx.chars, len(ctx.docs))


def bench_extract(ctx: Context) -> Measure:
    from policyparse import extract

    t = time.perf_counter()
    for d in ctx.docs:
        extract(d)
    return Measure(time.perf_counter() - t, ctx.chars, len(ctx.docs))


def bench_store(ctx: Context) -> Measure:
    """Only the writer: pre-computed rows into a fresh database, 64 documents per transaction."""
    from policyparse import __version__
    from policyparse.store import db
    from policyparse.store.ingest import doc_key
    from policyparse.store.work import rows

    if not ctx.results:
        for d in ctx.docs:
            r = rows(d, d.records)
            ctx.results.append({"ok": True, "path": d.path, "doc_key": doc_key(d.path),
                                "sha256": d.sha256, "chars": len(d.text), **r})
    conn = db.connect(ctx.fresh_db())
    t, c = time.perf_counter(), time.process_time()
    for i in range(0, len(ctx.results), 64):
        db.write_batch(conn, ctx.results[i:i + 64], tool_version=__version__)
    dt, cpu = time.perf_counter() - t, time.process_time() - c  # not the one-off row preparation
    conn.close()
    return Measure(dt, ctx.chars, len(ctx.results), cpu)


def _pipeline(ctx: Context, workers: int) -> Measure:
    """``ingest`` timed in a fresh process, as `policyparse ingest` runs.

    Not in this process: here every Document of the other stages is alive (over a GB of
    objects), and the garbage collector's walks over that heap cost the pipeline ~8 % that no
    user's ingest pays. The child's figures cover ``ingest()`` from cold: jieba's dictionary and
    the grammars are loaded inside the clock (serial: in the child; 2 workers: in the pool's
    forkserver), interpreter start-up and module imports are not.
    """
    import subprocess

    cmd = [sys.executable, __file__, "--child-pipeline", str(ctx.paths[0].parent), str(ctx.fresh_db()),
           str(workers)]
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    if out.returncode:
        raise SystemExit(f"pipeline child failed:\n{out.stderr}")
    r = json.loads(out.stdout)
    if r["failed"] or r["ingested"] != len(ctx.paths):
        raise SystemExit(f"pipeline stored {r['ingested']}/{len(ctx.paths)} (failed: {r['failed'][:3]})")
    return Measure(r["seconds"], r["chars"], r["ingested"], r["cpu"])


def child_pipeline(corpus: Path, db_path: Path, workers: int) -> int:
    """The child side of _pipeline: time one ingest from cold; JSON on stdout.

    Cold for both: loading jieba and the grammars is inside the clock, in this process (serial)
    or in the pool's forkserver (2 workers), so neither side of the speedup is spared it.
    """
    from policyparse.store import ingest

    with TreeCPU() as cpu:
        t = time.perf_counter()
        s = ingest([corpus], db_path, workers=workers)
        dt = time.perf_counter() - t
    print(json.dumps({"seconds": dt, "cpu": cpu.seconds, "chars": s.chars, "ingested": s.ingested,
                      "failed": [list(f) for f in s.failed]}))
    return 0


def bench_pipeline_serial(ctx: Context) -> Measure:
    return _pipeline(ctx, 1)


def bench_pipeline_2w(ctx: Context) -> Measure:
    return _pipeline(ctx, 2)


# Order matters: later stages use what "read" left in ctx.
BENCHMARKS: dict[str, Callable[[Context], Measure]] = {
    "read": bench_read,
    "jieba": bench_jieba,
    "extract": bench_extract,
    "store": bench_store,
    "pipeline_serial": bench_pipeline_serial,
    "pipeline_2w": bench_pipeline_2w,
}


class TreeCPU:
    """CPU seconds used by this process and its descendants while the block runs (descendants
    are sampled, so a worker's last ~0.1 s may be missed)."""

    def __init__(self, every: float = 0.1):
        import psutil

        self.proc, self.every, self.seen, self.seconds = psutil.Process(), every, {}, 0.0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> dict:
        import psutil

        out = {}
        for p in self.proc.children(recursive=True):
            try:
                t = p.cpu_times()
                out[p.pid] = t.user + t.system
            except psutil.Error:
                pass
        return out

    def _run(self):
        while not self._stop.wait(self.every):
            self.seen.update(self._sample())

    def __enter__(self):
        self.base, self.t0 = self._sample(), time.process_time()
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()
        self.seen.update(self._sample())
        children = sum(v - self.base.get(pid, 0.0) for pid, v in self.seen.items())
        self.seconds = time.process_time() - self.t0 + children


class PeakRSS:
    """Samples the RSS of a process and all its descendants (pool workers are grandchildren
    under forkserver, which getrusage(RUSAGE_CHILDREN) does not see until they are reaped)."""

    def __init__(self, pid: Optional[int] = None, every: float = 0.05):
        import psutil

        self.proc, self.every = psutil.Process(pid), every
        self.total = self.single = self.pss = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil

        while not self._stop.is_set():
            rss, pss = [], []
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.Error:  # the process ended
                return
            for p in procs:
                try:
                    mem = p.memory_full_info()  # pss: shared (forked) pages counted once overall
                    rss.append(mem.rss)
                    pss.append(getattr(mem, "pss", mem.rss))
                except psutil.Error:
                    pass
            self.total, self.single = max(self.total, sum(rss)), max([self.single, *rss])
            self.pss = max(self.pss, sum(pss))
            time.sleep(self.every)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()


def cli_memory(ctx: Context, workers: int = 2) -> dict:
    """Peak RSS of a real `policyparse ingest --workers 2` run (its own process tree), so the
    figure is the tool's, not this benchmark's (which holds every Document in memory)."""
    import subprocess

    cmd = [sys.executable, "-m", "policyparse", "ingest", str(ctx.paths[0].parent), "--db",
           str(ctx.fresh_db()), "--workers", str(workers), "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    with PeakRSS(proc.pid, every=0.02) as peak:
        out, _ = proc.communicate()
    if proc.returncode not in (0, 2):
        raise SystemExit(f"ingest exited {proc.returncode}")
    return {"largest_process": peak.single / 2**20, "tree_total": peak.total / 2**20,
            "tree_pss": peak.pss / 2**20,
            "summary": json.loads(out)}


# ---- diff ----------------------------------------------------------------------------------
DIFF_SEED = ROOT / "corpus" / "tianjin_2025_liangchuang-ronghe-gongzuo-fangan.txt"  # ~20 KB


def revise(text: str) -> str:
    """A scripted revision: every amount doubled, years +1, one clause moved, one paragraph inserted."""
    import re

    text = re.sub(r"(\d+(?:\.\d+)?)(?=\s*(?:万元|亿元|元))", lambda m: f"{float(m.group(1)) * 2:g}", text)
    text = re.sub(r"20(2\d)(?=\s*年)", lambda m: f"20{int(m.group(1)) + 1}", text)
    paras = text.split("\n")
    body = [i for i, p in enumerate(paras) if len(p.strip()) > 40]
    a, b = body[len(body) // 3], body[2 * len(body) // 3]
    paras.insert(b, paras.pop(a))  # a clause moved further down
    paras.insert(body[len(body) // 2], "　　（新增）建立成果转化年度报告制度，市科技局每年组织评估1次，"
                                        "对评估优秀的单位给予最高50万元奖励。")
    return "\n".join(paras)


def bench_diff(tmp: Path, runs: int) -> dict:
    """Median wall seconds of ``policyparse.diff.diff(old_path, new_path)`` on the ~20 KB seed and
    its scripted revision. Included: reading both files, extracting both, aligning and diffing;
    not included: interpreter start-up and the one-off jieba/grammar loading (warm() ran before)."""
    from policyparse.diff import diff

    old, new = tmp / "diff_old.txt", tmp / "diff_new.txt"
    text = DIFF_SEED.read_text(encoding="utf-8-sig")
    old.write_text(text, encoding="utf-8")
    new.write_text(revise(text), encoding="utf-8")
    secs, res = [], None
    for _ in range(max(runs, 5)):
        t = time.perf_counter()
        res = diff(old, new)
        secs.append(time.perf_counter() - t)
    statuses: dict[str, int] = {}
    for p in res.pairs:
        statuses[p.status] = statuses.get(p.status, 0) + 1
    return {"seconds": statistics.median(secs), "all_seconds": secs, "runs": len(secs),
            "old_bytes": old.stat().st_size, "new_bytes": new.stat().st_size, "old_chars": len(text), "new_chars": len(new.read_text(encoding="utf-8")), "pairs": statuses}


def profile_extract(ctx: Context, limit: int = 25, n_docs: int = 200) -> str:
    from policyparse import extract

    prof = cProfile.Profile()
    prof.enable()
    for d in ctx.docs[:n_docs]:
        extract(d)
    prof.disable()
    buf = io.StringIO()
    st = pstats.Stats(prof, stream=buf)
    st.sort_stats("tottime").print_stats(limit)
    st.sort_stats("cumulative").print_stats("policyparse", limit)
    return buf.getvalue()


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--only", nargs="*", help=f"stages to run (default all): {', '.join(BENCHMARKS)}, diff")
    ap.add_argument("--profile", action="store_true", help="cProfile extract over (at most) 200 documents")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--child-pipeline", nargs=3, metavar=("CORPUS", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_pipeline:
        c, d, w = args.child_pipeline
        return child_pipeline(Path(c), Path(d), int(w))

    import logging

    import jieba

    from policyparse.store.work import warm

    jieba.setLogLevel(logging.WARNING)
    warm()  # jieba dictionary + grammars loaded once, outside every timing
    stages = [s for s in BENCHMARKS if not args.only or s in args.only or s == "read"]
    with tempfile.TemporaryDirectory(prefix="policyparse-bench-") as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        ctx = Context(generate_corpus(tmp / "corpus", args.docs, args.seed), tmp)
        print(f"corpus: {args.docs} documents generated in {time.perf_counter() - t:.1f}s (seed {args.seed}); "
              f"{args.runs} runs per stage; {os.cpu_count()} CPUs", file=sys.stderr)
        runs: dict[str, list[Measure]] = {s: [] for s in stages}
        # no memory sampler during the timed stages: its thread would take CPU and the GIL from them
        for _ in range(args.runs):
            for s in stages:  # interleaved, so a noisy neighbour hits every stage alike
                with TreeCPU() as cpu:
                    m = BENCHMARKS[s](ctx)
                if math.isnan(m.cpu):  # a stage may time its own CPU (to leave out set-up)
                    m.cpu = cpu.seconds
                runs[s].append(m)
                print(f"  {s}: {m.seconds:.2f}s wall, {m.cpu:.2f}s CPU, load {os.getloadavg()[0]:.1f}",
                      file=sys.stderr)
        mem = cli_memory(ctx)
        dif = bench_diff(tmp, args.runs) if not args.only or "diff" in args.only else None
        prof = profile_extract(ctx) if args.profile else None
    med = {s: Measure(statistics.median(m.seconds for m in ms), ms[0].chars, ms[0].docs,
                      statistics.median(m.cpu for m in ms)) for s, ms in runs.items()}
    report = figures(med, runs)
    report["memory_mb"]["cli_ingest_2w"] = {k: v for k, v in mem.items() if k != "summary"}
    print_table(med, report, args)
    if dif:
        report["diff"] = dif
        print(f"diff: policyparse.diff.diff(old, new) on {DIFF_SEED.name} ({dif['old_bytes'] / 1000:.1f} KB, {dif['old_chars']:,} chars) and a "
              f"scripted revision ({dif['new_bytes'] / 1000:.1f} KB, {dif['new_chars']:,} chars; amounts, years, a moved clause, an inserted paragraph): "
              f"median {dif['seconds']:.2f}s of {dif['runs']} runs (min {min(dif['all_seconds']):.2f}, max "
              f"{max(dif['all_seconds']):.2f}), reading + extracting both included — target < 2 s "
              f"{'meets' if dif['seconds'] < 2 else 'misses'}; pairs {dif['pairs']}")
    if prof:
        print("\n## Profile of extract (cProfile, first 200 documents at most)\n" + prof)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


def figures(med: dict[str, Measure], runs: dict[str, list[Measure]]) -> dict:
    out = {"stages": {s: {"seconds": m.seconds, "chars": m.chars, "docs": m.docs,
                          "chars_per_s": m.chars_per_s, "docs_per_s": m.docs_per_s,
                          "cpu_seconds": m.cpu, "chars_per_cpu_s": m.chars_per_cpu_s,
                          "all_seconds": [x.seconds for x in runs[s]]} for s, m in med.items()},
           "loadavg_end": os.getloadavg()}
    if "pipeline_serial" in med and "jieba" in med:
        # per run, so both sides saw the same machine load; then the median
        out["pipeline_over_jieba"] = statistics.median(
            j.seconds / p.seconds for p, j in zip(runs["pipeline_serial"], runs["jieba"]))
    if "pipeline_serial" in med and "pipeline_2w" in med:
        out["speedup_2w"] = statistics.median(
            a.seconds / b.seconds for a, b in zip(runs["pipeline_serial"], runs["pipeline_2w"]))
    ru_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ru_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out["memory_mb"] = {"bench_maxrss": ru_self, "reaped_children_maxrss": ru_children}
    return out


def print_table(med: dict[str, Measure], rep: dict, args) -> None:
    from rich.console import Console
    from rich.table import Table

    c = Console(highlight=False, width=max(Console().width, 120), soft_wrap=True)
    t = Table(title=f"policyparse bench — {args.docs} docs, median of {args.runs} runs")
    for col in ("stage", "wall s", "chars/s", "docs/s", "min–max s", "CPU s", "chars/CPU-s"):
        t.add_column(col, justify="right" if col != "stage" else "left", no_wrap=True)
    for s, m in med.items():
        secs = rep["stages"][s]["all_seconds"]
        t.add_row(s, f"{m.seconds:.2f}", f"{m.chars_per_s:,.0f}", f"{m.docs_per_s:,.1f}",
                  f"{min(secs):.2f}–{max(secs):.2f}", f"{m.cpu:.2f}", f"{m.chars_per_cpu_s:,.0f}")
    c.print(t)
    c.print(f"load average at the end: {' '.join(f'{x:.1f}' for x in rep['loadavg_end'])} on {os.cpu_count()} CPUs "
            "(wall figures are only meaningful on an otherwise idle machine; CPU figures much less affected)")

    def verdict(ok: bool) -> str:
        return "[green]meets[/]" if ok else "[red]misses[/]"

    if "pipeline_serial" in med:
        v, vc = med["pipeline_serial"].chars_per_s, med["pipeline_serial"].chars_per_cpu_s
        goal = TARGETS["chars_per_s_per_core"]
        c.print(f"whole pipeline, 1 core: {v:,.0f} chars/s wall {verdict(v >= goal)}, {vc:,.0f} chars per CPU-second "
                f"{verdict(vc >= goal)} — target ≥ {goal:,}")
    if "pipeline_over_jieba" in rep:
        c.print(f"pipeline ÷ jieba.lcut (same text, same run): {rep['pipeline_over_jieba']:.3f} "
                f"(pipeline runs at {rep['pipeline_over_jieba']:.1%} of jieba's speed)")
    if "speedup_2w" in rep:
        v = rep["speedup_2w"]
        c.print(f"2-worker speedup (wall): {v:.2f}× — target ≥ {TARGETS['speedup_2w']} {verdict(v >= TARGETS['speedup_2w'])}")
        eff = med["pipeline_serial"].cpu / med["pipeline_2w"].cpu
        c.print(f"2-worker CPU overhead: serial CPU ÷ 2-worker CPU = {eff:.2f} (1.0 = no overhead; "
                f"the best wall speedup 2 idle cores could give is ≈ {2 * min(eff, 1.0):.2f}×)")
    m = rep["memory_mb"]
    cm = m["cli_ingest_2w"]
    c.print(f"peak memory of `policyparse ingest --workers 2` on the corpus: largest process "
            f"{cm['largest_process']:.0f} MB, whole tree {cm['tree_pss']:.0f} MB PSS ({cm['tree_total']:.0f} MB "
            f"summed RSS, shared pages counted in every process) — target ≤ {TARGETS['peak_mb']} MB: "
            f"per process {verdict(cm['largest_process'] <= TARGETS['peak_mb'])}, "
            f"tree PSS {verdict(cm['tree_pss'] <= TARGETS['peak_mb'])}")
    c.print(f"(this benchmark process, holding all {args.docs} Documents: maxrss {m['bench_maxrss']:.0f} MB)")


if __name__ == "__main__":
    sys.exit(main())
