#!/usr/bin/env python
"""The figures of docs/limits.md: hostile and huge files under the default limits.

    python scripts/measure_limits.py                # bomb, ingest, compendium, orphans
    python scripts/measure_limits.py --unguarded    # also: the bomb with its limits lifted (slow)

Every run is a fresh `policyparse` process measured from outside: wall time, and peak RSS as
the kernel reports it (ru_maxrss of the waited child; for ingest the peak of the summed RSS of
the whole process tree, sampled every 20 ms with psutil). Inputs are generated in a temp dir.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
COMPENDIUM = Path("/work/shared/corpus-real/beijing_2024_chanye-zhengce-daoyin-shiji.pdf")
CLI = [sys.executable, "-m", "policyparse"]
ENV = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def run_peak(args: list[str], timeout: float = 900) -> dict:
    """A CLI run with its whole process tree's peak RSS (sampled) and its own ru_maxrss (wait4)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(CLI + args, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    me, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None and time.perf_counter() - t0 < timeout:
        try:
            tree = [me, *me.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    if proc.poll() is None:
        proc.kill()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    return {"rc": proc.returncode, "seconds": round(wall, 2), "tree_peak_mb": round(peak / 2**20),
            "stdout": out.decode(), "stderr": err.decode().strip()}


def maxrss_of(args: list[str]) -> dict:
    """wall + the kernel's peak RSS of one CLI process (os.wait4), for single-process commands."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(CLI + args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"rc": proc.returncode, "seconds": round(time.perf_counter() - t0, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024), "stderr": err.decode().strip().splitlines()[-1:]}


def orphan_check(folder: Path, db: Path) -> dict:
    proc = subprocess.Popen(CLI + ["ingest", str(folder), "--db", str(db), "--workers", "2"], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    me = psutil.Process(proc.pid)
    end = time.monotonic() + 120
    while len(me.children(recursive=True)) < 4 and time.monotonic() < end:
        time.sleep(0.05)
    kids = me.children(recursive=True)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    t0 = time.monotonic()

    def alive():
        out = []
        for k in kids:
            try:
                if k.status() != psutil.STATUS_ZOMBIE:
                    out.append(k.pid)
            except psutil.NoSuchProcess:
                pass
        return out

    while alive() and time.monotonic() - t0 < 10:
        time.sleep(0.02)
    left = alive()
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return {"descendants": len(kids), "gone_after_s": round(time.monotonic() - t0, 2), "left": left}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--unguarded", action="store_true", help="also read the bomb with its limits lifted")
    a = ap.parse_args()
    from fixtures.build import make_zip_bomb_docx

    from conftest import SEEDS

    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="policyparse-limits-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        bomb = make_zip_bomb_docx(tmp / "bomb.docx")
        import zipfile

        info = zipfile.ZipFile(bomb).getinfo("word/document.xml")
        results["bomb"] = {"package_kb": round(bomb.stat().st_size / 1024), "document_xml_mb": round(info.file_size / 2**20),
                           "generated_s": round(time.perf_counter() - t0, 1)}
        results["read_bomb"] = maxrss_of(["read", str(bomb)])
        results["extract_bomb"] = maxrss_of(["extract", str(bomb)])
        if a.unguarded:
            results["read_bomb_unguarded"] = maxrss_of(
                ["read", str(bomb), "--limit", "part_mb=10000", "--limit", "unzipped_mb=10000",
                 "--limit", "zip_ratio=100000", "--limit", "text_chars=1000000000"])

        folder = tmp / "in"
        folder.mkdir()
        good = [*SEEDS, *sorted((ROOT / "corpus" / "real").glob("*.txt")), *sorted((ROOT / "corpus" / "real").glob("*.html"))]
        for f in good:
            shutil.copy(f, folder / f.name)
        shutil.copy(bomb, folder / "bomb.docx")
        r = run_peak(["ingest", str(folder), "--db", str(tmp / "p.sqlite"), "--workers", "2", "--json"])
        s = json.loads(r["stdout"]) if r["stdout"].strip() else {}
        results["ingest"] = {"rc": r["rc"], "seconds": r["seconds"], "tree_peak_mb": r["tree_peak_mb"],
                             "good_files": len(good), "ingested": s.get("ingested"),
                             "failed": s.get("failed")}

        if COMPENDIUM.exists():
            results["compendium"] = maxrss_of(["read", str(COMPENDIUM)])

        many = tmp / "many"
        many.mkdir()
        for i in range(80):
            for f in SEEDS:
                shutil.copy(f, many / f"{f.stem}_{i}{f.suffix}")
        results["orphans_after_sigkill"] = orphan_check(many, tmp / "o.sqlite")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
