#!/usr/bin/env python
"""Ingest at corpus scale: N generated documents into one SQLite store with 2 workers, then ask it
questions. What it reports (and writes with --json):

- throughput of `policyparse ingest --workers 2` over all N (docs/s, chars/s), the serial rate of a
  sample of the same corpus (for the ratio), and the peak memory of the ingest's process tree
  (PSS and summed RSS, sampled from /proc every 0.5 s);
- store size per document;
- wall latency of `compare` (all jurisdictions, one topic), `targets` (one jurisdiction),
  `export --format parquet` and `report` on the full store, each a fresh CLI process;
- with --kill-at: the ingest is SIGKILLed (whole process group) once that fraction of the corpus is
  committed (`random`: a seeded point in 20–80 %), then run again; the store must hold every
  document once (no loss, no duplicate, no orphan row) and the re-run must redo only the files
  that had not been committed (counted).

    python scripts/scale.py --docs 10000 --kill-at random --json scale.json
    python scripts/scale.py --docs 300 --only generate --out /tmp/c      # just the corpus

Documents: a header (issuer, title, doc number), 3–6 numbered sections of templated sentences on
one of TOPICS (money, percentages, counts, deadlines, lead departments, targets) mixed with
paragraphs of the seed documents, a closing date; the issuer is a province, city or county-level
government or bureau drawn from the administrative divisions, so jurisdictions vary. Deterministic
for a seed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

TOPICS = ("产业技术研究院", "高新技术企业", "专精特新企业", "科技型中小企业", "人才引进", "数字经济", "人工智能",
          "新能源汽车", "生物医药", "集成电路", "农业科技", "乡村振兴", "文化旅游", "养老服务", "普惠金融",
          "知识产权", "技术转移", "科技企业孵化器", "绿色低碳", "智能制造", "外贸发展", "招商引资",
          "职业技能培训", "保障性住房")
INSTRUMENTS = ("若干措施", "实施意见", "实施方案", "管理办法", "行动计划", "若干政策", "暂行办法", "工作方案")
BUREAUS = (("科学技术局", "科技局"), ("财政局", "财政局"), ("发展和改革委员会", "发展改革委"),
           ("工业和信息化局", "工业和信息化局"), ("人力资源和社会保障局", "人力社保局"),
           ("商务局", "商务局"), ("农业农村局", "农业农村局"), ("民政局", "民政局"))
HEADINGS = ("总体要求", "主要任务", "支持政策", "重点工程", "组织实施", "保障措施", "工作目标", "监督管理")
MEASURE_TOPIC = "数字经济"  # the compare question asked of the full store
UNIT = ("家", "个", "项", "人", "亿元")


# ---- corpus ------------------------------------------------------------------------------
def places(rng: random.Random) -> list[tuple[str, str]]:
    """(full name, level) of a fixed sample: every province, ~150 cities, ~150 counties/districts."""
    from policyparse.jurisdiction.divisions import tree

    divs = sorted(tree().by_code.values(), key=lambda d: d.code)
    prov = [(d.name, "province") for d in divs if d.level == "province"]
    city = [(d.name, "city") for d in divs if d.level == "city" and not d.name.endswith(("地区", "盟"))]
    full = {d.code: d for d in divs}
    counties = []  # written under their city (成都市武侯区): a bare county name is often ambiguous
    for d in rng.sample([d for d in divs if d.level in ("district", "county") and len(d.name) >= 3], 150):
        parent = full.get(d.parent)
        counties.append(((parent.name if parent else "") + d.name, d.level))
    return prov + rng.sample(city, 150) + counties


def _amount(rng: random.Random) -> str:
    return rng.choice(("{}万元", "{}万元", "{}万元", "{}亿元")).format(rng.choice((5, 10, 20, 30, 50, 80, 100, 200, 300, 500, 1000)))


def _sentence(rng: random.Random, place: str, short: str, topic: str, year: int) -> str:
    bureau = rng.choice(BUREAUS)[1]
    other = rng.choice(BUREAUS)[1]
    s = rng.choice((
        "对新认定的{topic}相关单位，给予最高不超过{amt}的一次性奖励。",
        "到{y}年，全{lvl}{topic}领域新增企业{n}{u}，年均增长{p}%以上。",
        "对符合条件的项目，按照实际投资额的{p}%给予补助，单个项目每年最高不超过{amt}，连续支持{k}年。",
        "（{lead}牵头，{other}、各区县人民政府按职责分工负责）",
        "设立{topic}专项资金，每年安排{amt}，重点支持关键技术攻关和成果转化。",
        "每年组织开展{topic}评估{k}次，评估结果作为后续支持的重要依据。",
        "截至{y0}年底，全{lvl}已累计培育{topic}相关主体{n}{u}，完成目标的{p}%。",
        "对引进的高层次人才团队，给予{amt}安家补贴，并在{k}年内给予租房补贴。",
        "贷款贴息比例不超过{p}%，贴息期限最长{k}年。",
        "{lead}要会同{other}建立健全{topic}工作协调机制，定期研究解决重大问题。",
        "力争到{y}年，{topic}产业规模突破{n}亿元，培育龙头企业{k}家。",
        "各地各部门应当加强{topic}政策宣传解读，不得擅自提高申报门槛。",
    ))
    return s.format(topic=topic, amt=_amount(rng), y=year + rng.choice((2, 3, 5)), y0=year - 1,
                    lvl=rng.choice(("市", "省", "区", "县")), n=rng.choice((10, 20, 50, 100, 200, 500, 1000)),
                    u=rng.choice(UNIT), p=rng.choice((5, 10, 15, 20, 30, 50)), k=rng.choice((1, 2, 3, 5)),
                    lead=place + bureau, other=place + other)


def document(i: int, rng: random.Random, place: tuple[str, str], paras: list[str], size: int) -> str:
    from policyparse.jurisdiction.divisions import short_name

    name, level = place
    short = short_name(name)
    topic = rng.choice(TOPICS)
    year = rng.randint(2016, 2025)
    bureau = rng.choice(BUREAUS)
    issuer = name + ("人民政府办公厅" if rng.random() < 0.4 else bureau[0])
    instrument = rng.choice(INSTRUMENTS)
    abbrev = short[:1] + ("政办发" if "政府" in issuer else "科发")
    lines = [f"{issuer}关于印发{short}{topic}{instrument}的通知", "",
             f"{abbrev}〔{year}〕{rng.randint(1, 120)}号", "",
             f"各有关单位：", "",
             f"　　为推动{topic}高质量发展，结合本{'市' if level != 'province' else '省'}实际，制定本{instrument[-2:]}。"]
    n = sum(len(x) for x in lines)
    numerals = "一二三四五六七八"
    sections = rng.sample(HEADINGS, rng.randint(3, 6))
    per_section = max(1, size // len(sections))
    for k, heading in enumerate(sections):
        lines += ["", f"　　{numerals[k]}、{heading}"]
        got = 0
        while got < per_section:
            # mostly the seeds' prose; templated sentences (dense in quantities) a quarter of the
            # paragraphs, so records per 1,000 characters stay near the seeds' (≈ 27)
            if rng.random() < 0.75:
                p = rng.choice(paras).replace("天津", short).replace("石家庄", short)
            else:
                p = "".join(_sentence(rng, name, short, topic, year) for _ in range(rng.randint(1, 3)))
            lines.append("　　" + p)
            got += len(p) + 2
        n += got
    lines += ["", f"　　本{instrument[-2:]}自发布之日起施行，有效期{rng.choice((3, 5))}年。", "",
              f"{issuer}", f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", ""]
    return "\n".join(lines)


def generate(out: Path, n_docs: int, seed: int = 20261204, *, scale: float = 1.0) -> list[Path]:
    """``n_docs`` .txt files under ``out`` (1,000 per folder), sizes like real notices: 1–20 k
    characters, median ≈ 3.5 k (log-normal), times ``scale`` (tests make small ones)."""
    from bench import seed_paragraphs

    rng = random.Random(seed)
    # body paragraphs of the seeds (not their headings, dates or signatures)
    paras = [p for p in seed_paragraphs()[0] if len(p) >= 40 and not p[0] in "一二三四五六七八九十"]
    where = places(rng)
    paths = []
    for i in range(n_docs):
        size = int(min(20_000, max(1_000, rng.lognormvariate(8.15, 0.55))) * scale)
        folder = out / f"batch{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        p = folder / f"doc{i:06d}.txt"
        p.write_text(document(i, rng, rng.choice(where), paras, size), encoding="utf-8")
        paths.append(p)
    return paths


# ---- running ------------------------------------------------------------------------------
def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), "RAY_USAGE_STATS_ENABLED": "0"}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "policyparse", *args]


def committed(db: Path) -> int:
    """Documents committed so far (a reader beside the writer: WAL)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def run_ingest(corpus: Path, db: Path, workers: int, kill_at_docs: Optional[int] = None) -> dict:
    """One `policyparse ingest` process tree (its own process group), its peak memory sampled;
    SIGKILLed (the whole group) once ``kill_at_docs`` documents are committed."""
    from bench import PeakRSS

    cmd = cli("ingest", str(corpus), "--db", str(db), "--workers", str(workers), "--json", "--quiet")
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
                            start_new_session=True)
    killed = False
    # sampled every 0.5 s: reading smaps of every process costs CPU the ingest would use
    with PeakRSS(proc.pid, every=0.5) as peak:
        if kill_at_docs is not None:
            while proc.poll() is None and committed(db) < kill_at_docs:
                time.sleep(0.2)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
        out, err = proc.communicate()
    secs = time.perf_counter() - t
    res = {"seconds": secs, "killed": killed, "returncode": proc.returncode,
           "peak_pss_mb": peak.pss / 2**20, "peak_rss_sum_mb": peak.total / 2**20,
           "largest_process_mb": peak.single / 2**20}
    if not killed:
        if proc.returncode not in (0, 2):
            raise SystemExit(f"ingest failed ({proc.returncode}):\n{err.decode()[-2000:]}")
        res["summary"] = json.loads(out)
    return res


def store_check(db: Path) -> dict:
    conn = sqlite3.connect(db)
    q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    out = {"documents": q("SELECT COUNT(*) FROM documents"), "versions": q("SELECT COUNT(*) FROM versions"),
           "distinct_keys": q("SELECT COUNT(DISTINCT doc_key) FROM documents"),
           "max_version_no": q("SELECT COALESCE(MAX(version_no), 0) FROM versions"),
           "orphans": q("SELECT COUNT(*) FROM orphans"), "failures": q("SELECT COUNT(*) FROM failures"),
           "records": q("SELECT COUNT(*) FROM records"), "chars": q("SELECT COALESCE(SUM(chars), 0) FROM versions")}
    conn.close()
    return out


def timed(cmd: list[str]) -> dict:
    from bench import PeakRSS

    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
    with PeakRSS(proc.pid, every=0.1) as peak:
        _, err = proc.communicate()
    return {"seconds": time.perf_counter() - t, "returncode": proc.returncode, "peak_rss_mb": peak.total / 2**20,
            "error": err.decode()[-500:] if proc.returncode else ""}


def busiest_jurisdiction(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT jurisdiction FROM versions WHERE jurisdiction IS NOT NULL "
                            "GROUP BY jurisdiction ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def ray_cluster(tmp: Path) -> tuple[str, list[int]]:
    """A two-node Ray cluster on this machine (head + one worker node, one CPU each, own temp
    dirs, each `ray start` in its own process group): (address, process groups to kill)."""
    import socket

    ray = Path(sys.executable).with_name("ray")
    tmp.mkdir(parents=True, exist_ok=True)
    env = {**_env(), "RAY_AUTH_MODE": "disabled"}
    with socket.socket() as sk:
        sk.bind(("127.0.0.1", 0))
        port = sk.getsockname()[1]
    groups = []
    common = ["--num-cpus=1", "--node-ip-address=127.0.0.1", "--object-store-memory=100000000",
              "--disable-usage-stats"]
    for extra, d in ((["--head", f"--port={port}", "--include-dashboard=false"], "rh"),
                     ([f"--address=127.0.0.1:{port}"], "rn")):
        tdir = Path(tempfile.mkdtemp(prefix=d, dir=tmp))  # short: ray's sockets live under it
        proc = subprocess.Popen([str(ray), "start", *common, *extra, f"--temp-dir={tdir}"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        groups.append(proc.pid)
        if proc.wait(timeout=180):
            stop_groups(groups)
            raise SystemExit("ray start failed")
    return f"127.0.0.1:{port}", groups


def stop_groups(groups: list[int]) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for g in groups:
            try:
                os.killpg(g, sig)
            except ProcessLookupError:
                pass
        time.sleep(2)


def crossover(sizes: list[int], work: Path, seed: int) -> dict:
    """Wall seconds of `ingest -j 2` per engine on the same corpora: the process pool, ray starting
    its own local runtime, and ray on a running two-node cluster (start-up not counted)."""
    env = {**_env(), "RAY_AUTH_MODE": "disabled"}
    out: dict = {}
    address, groups = ray_cluster(work / "r")
    try:
        for n in sizes:
            corpus = work / f"x{n}"
            generate(corpus, n, seed)
            row = {}
            for name, extra in (("process", ["--engine", "process"]), ("ray_local", ["--engine", "ray"]),
                                ("ray_cluster", ["--engine", "ray", "--address", address])):
                db = work / f"x{n}-{name}.sqlite"
                t = time.perf_counter()
                r = subprocess.run(cli("ingest", str(corpus), "--db", str(db), "-j", "2", "--json", "--quiet", *extra),
                                   capture_output=True, text=True, env=env)
                secs = time.perf_counter() - t
                summ = json.loads(r.stdout) if r.stdout.strip() else {}
                row[name] = {"seconds": secs, "ingested": summ.get("ingested"), "chars": summ.get("chars"),
                             "docs_per_s": n / secs, "load": os.getloadavg()[0]}
                log(f"crossover {n} docs, {name}: {secs:.1f}s ({n / secs:.1f} docs/s, load {os.getloadavg()[0]:.1f})")
            out[n] = row
    finally:
        stop_groups(groups)
    return out


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--serial-sample", type=int, default=1000, help="documents ingested serially for the ratio")
    ap.add_argument("--kill-at", help="fraction of documents committed when the ingest is SIGKILLed, or 'random'")
    ap.add_argument("--out", type=Path, help="working folder (default: a temporary one, removed)")
    ap.add_argument("--only", choices=("generate",), help="only write the corpus")
    ap.add_argument("--skip", nargs="*", default=(), help="queries to skip: compare targets export report")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--crossover", help="instead: time process pool vs ray at these sizes (200,2000)")
    args = ap.parse_args(argv)
    if args.crossover:
        with tempfile.TemporaryDirectory(prefix="policyparse-xo-", dir="/tmp") as tmp:
            fig = crossover([int(x) for x in args.crossover.split(",")], Path(tmp), args.seed)
        if args.json:
            args.json.write_text(json.dumps(fig, indent=2))
        return 0

    with tempfile.TemporaryDirectory(prefix="policyparse-scale-") as tmp:
        work = args.out or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpus, db = work / "corpus", work / "scale.sqlite"
        t = time.perf_counter()
        paths = generate(corpus, args.docs, args.seed)
        fig: dict = {"docs": args.docs, "workers": args.workers, "seed": args.seed, "cpus": os.cpu_count(),
                     "generate_seconds": time.perf_counter() - t,
                     "corpus_bytes": sum(p.stat().st_size for p in paths)}
        log(f"corpus: {args.docs:,} documents, {fig['corpus_bytes'] / 2**20:,.0f} MB, "
            f"in {fig['generate_seconds']:.0f}s")
        if args.only == "generate":
            return 0

        # serial rate on a sample of the same corpus (the ratio's denominator)
        sample = work / "sample"
        n_sample = min(args.serial_sample, args.docs)
        for p in paths[:n_sample]:
            (sample / p.parent.name).mkdir(parents=True, exist_ok=True)
            if not (sample / p.parent.name / p.name).exists():
                os.link(p, sample / p.parent.name / p.name)
        s = run_ingest(sample, work / "serial.sqlite", 1)
        fig["serial"] = {"docs": s["summary"]["ingested"], "seconds": s["seconds"],
                         "chars": s["summary"]["chars"], "chars_per_s": s["summary"]["chars"] / s["seconds"],
                         "docs_per_s": s["summary"]["ingested"] / s["seconds"], "peak_pss_mb": s["peak_pss_mb"]}
        log(f"serial sample: {fig['serial']['docs']:,} docs, {fig['serial']['chars_per_s']:,.0f} chars/s, "
            f"{fig['serial']['docs_per_s']:.1f} docs/s (load {os.getloadavg()[0]:.1f})")

        kill_docs = None
        if args.kill_at:
            frac = random.Random(args.seed).uniform(0.2, 0.8) if args.kill_at == "random" else float(args.kill_at)
            kill_docs = int(args.docs * frac)
        first = run_ingest(corpus, db, args.workers, kill_docs)
        runs = [first]
        if first["killed"]:
            before = store_check(db)
            log(f"SIGKILL after {first['seconds']:.0f}s with {before['documents']:,} documents committed")
            second = run_ingest(corpus, db, args.workers)
            runs.append(second)
            sm = second["summary"]
            fig["resume"] = {"kill_at_docs": kill_docs, "committed_at_kill": before["documents"],
                             "redone": sm["ingested"] + sm["new_versions"], "unchanged_on_rerun": sm["unchanged"],
                             "expected_redo": args.docs - before["documents"], "rerun_seconds": second["seconds"],
                             "killed_run_seconds": first["seconds"]}
            log(f"re-run: redid {fig['resume']['redone']:,} files (expected {fig['resume']['expected_redo']:,}), "
                f"{sm['unchanged']:,} unchanged")
        check = store_check(db)
        fig["store"] = check
        wall = sum(r["seconds"] for r in runs)
        fig["ingest"] = {"seconds": wall, "docs_per_s": check["documents"] / wall, "chars_per_s": check["chars"] / wall,
                         "peak_pss_mb": max(r["peak_pss_mb"] for r in runs),
                         "peak_rss_sum_mb": max(r["peak_rss_sum_mb"] for r in runs),
                         "largest_process_mb": max(r["largest_process_mb"] for r in runs),
                         "runs": [{k: v for k, v in r.items() if k != "summary"} for r in runs],
                         "failed": runs[-1]["summary"]["failed"][:5]}
        fig["ingest"]["ratio_to_serial"] = fig["ingest"]["chars_per_s"] / fig["serial"]["chars_per_s"]
        size = db.stat().st_size + sum(p.stat().st_size for p in db.parent.glob(db.name + "-wal"))
        fig["store"]["bytes"] = size
        fig["store"]["bytes_per_document"] = size / max(1, check["documents"])
        ok = (check["documents"] == check["versions"] == check["distinct_keys"] == args.docs - check["failures"]
              and check["max_version_no"] == 1 and check["orphans"] == 0)
        if "resume" in fig:
            r = fig["resume"]
            ok = ok and r["redone"] == r["expected_redo"] - check["failures"]
        fig["consistent"] = ok
        log(f"ingest: {check['documents']:,} docs in {wall:.0f}s = {fig['ingest']['docs_per_s']:.1f} docs/s, "
            f"{fig['ingest']['chars_per_s']:,.0f} chars/s ({fig['ingest']['ratio_to_serial']:.2f}× serial); "
            f"tree peak {fig['ingest']['peak_pss_mb']:.0f} MB PSS ({fig['ingest']['peak_rss_sum_mb']:.0f} MB RSS summed); "
            f"store {size / 2**20:,.0f} MB = {fig['store']['bytes_per_document'] / 1024:.1f} KB/doc; "
            f"{'consistent' if ok else 'INCONSISTENT'} {check}")

        queries = {}
        base = timed(cli("--help"))
        queries["cli_startup"] = base
        j = busiest_jurisdiction(db)
        fig["targets_jurisdiction"] = j
        plan = {"compare": cli("compare", "--db", str(db), "--topic", MEASURE_TOPIC, "--format", "csv",
                               "--out", str(work / "compare.csv")),
                "targets": cli("targets", "--db", str(db), "--jurisdiction", j, "--json"),
                "export": cli("export", "--db", str(db), "--format", "parquet", "--out", str(work / "r.parquet"),
                              "--quiet"),
                "report": cli("report", "--db", str(db), "--out", str(work / "report"), "--quiet")}
        for name, cmd in plan.items():
            if name in args.skip:
                continue
            queries[name] = timed(cmd)
            log(f"{name}: {queries[name]['seconds']:.2f}s (exit {queries[name]['returncode']}, "
                f"peak {queries[name]['peak_rss_mb']:.0f} MB) {queries[name]['error']}")
        fig["queries"] = queries
        fig["loadavg_end"] = os.getloadavg()
        if args.json:
            args.json.write_text(json.dumps(fig, indent=2, ensure_ascii=False))
        return 0 if ok else 1


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
