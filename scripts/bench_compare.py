#!/usr/bin/env python
"""How long `compare` takes over a store of generated documents (issue 10: < 2 s for 1,000).

    python scripts/bench_compare.py                 # 1,000 documents, 3 timed runs
    python scripts/bench_compare.py --docs 200 --keep /tmp/b   # keep the corpus and store

The corpus is scripts/bench.py's (shuffled seed paragraphs, fixed seed), each document's first
line naming one of eight jurisdictions so there are columns; it is ingested once (2 workers,
not timed). Then, medians over --runs: compare() in this process for two jurisdictions and for
all, and the CLI (`policyparse compare --jurisdictions 天津,上海 -f csv`, a fresh process:
start-up included).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

PLACES = ["天津市", "石家庄市", "上海市", "广东省", "四川省", "成都市", "湖北省", "江苏省"]


def build(tmp: Path, n: int, seed: int) -> Path:
    from bench import generate_corpus

    from policyparse.store import ingest

    paths = generate_corpus(tmp / "corpus", n, seed)
    for i, p in enumerate(paths):
        text = p.read_text(encoding="utf-8")
        p.write_text(f"{PLACES[i % len(PLACES)]}人民政府办公厅{text}", encoding="utf-8")
    db = tmp / "bench.sqlite"
    t = time.perf_counter()
    summary = ingest([tmp / "corpus"], db, workers=2)
    print(f"ingested {n} documents in {time.perf_counter() - t:.1f}s ({len(summary.failed)} failed)", file=sys.stderr)
    return db


def _cpu() -> float:
    """CPU seconds of this process and its finished children (a busy machine inflates wall time)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn, runs: int) -> tuple[float, list[float], object]:
    """Median wall seconds, every run's (wall, cpu) and the last result."""
    times, out = [], None
    for _ in range(runs):
        t, c = time.perf_counter(), _cpu()
        out = fn()
        times.append((round(time.perf_counter() - t, 2), round(_cpu() - c, 2)))
    return statistics.median(w for w, _ in times), times, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--keep", type=Path, help="build (or reuse) the corpus and store here")
    args = ap.parse_args(argv)
    from policyparse.compare import compare

    with tempfile.TemporaryDirectory(prefix="policyparse-bench-compare-") as tmp:
        where = args.keep or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        db = where / "bench.sqlite"
        if not db.exists():
            db = build(where, args.docs, args.seed)
        two, t2, table = timed(lambda: compare(db, ["天津", "上海"]), args.runs)
        print(f"compare(db, [天津, 上海]): median {two:.2f}s (wall, cpu) {t2} — "
              f"{len(table.documents)} documents, {len(table.rows)} rows, coverage {table.coverage_share()}")
        every, ta, table = timed(lambda: compare(db), args.runs)
        print(f"compare(db) (all {len(table.cities)} columns): median {every:.2f}s (wall, cpu) {ta} — "
              f"{len(table.documents)} documents, {len(table.rows)} rows")
        cli = [sys.executable, "-m", "policyparse", "compare", "--db", str(db), "--jurisdictions", "天津,上海",
               "-f", "csv", "-o", str(where / "c.csv")]
        env_path = str(ROOT / "src")

        env = {**os.environ, "PYTHONPATH": env_path + os.pathsep + os.environ.get("PYTHONPATH", "")}
        cl, tc, _ = timed(lambda: subprocess.run(cli, check=True, capture_output=True, env=env), args.runs)
        print(f"CLI compare --jurisdictions 天津,上海 -f csv: median {cl:.2f}s (wall, cpu) {tc} "
              f"(target < 2 s: {'meets' if cl < 2 else 'misses'}; "
              f"median CPU {statistics.median(c for _, c in tc):.2f}s; load {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
