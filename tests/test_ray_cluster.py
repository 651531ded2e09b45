"""`policyparse ingest --engine ray --address HOST:PORT` against a real two-node Ray cluster on this
machine: `ray start --head` plus a second `ray start --address` (two raylets, one CPU each, each
with its own temp dir). The SQLite store stays on the driver; the records must be those the
process pool gives. Skipped, with the reason, where ray is missing or a cluster cannot start.

Teardown stops only this test's cluster: each `ray start` runs in its own process group and its
daemons stay in it, so the groups are killed by id. (`ray stop` would stop every Ray node of
this user on the machine, other people's included.)
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from policyparse.store import ingest
from policyparse.store.engines import ray_available

from conftest import ROOT, load_script
from test_engines import content
from test_ingest import generated

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not ray_available(), reason="ray is not installed (the [ray] extra)")]

stop_groups = load_script("scale").stop_groups  # SIGTERM then SIGKILL to our own process groups
RAY = Path(sys.executable).with_name("ray")
# nothing leaves the machine; no token auth between our own two local nodes
ENV = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "disabled", "PYTHONPATH": str(ROOT / "src")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ray_start(*args: str) -> tuple[int, subprocess.CompletedProcess]:
    """`ray start ...` in a new process group (its daemons stay in it); (group id, result)."""
    proc = subprocess.Popen([str(RAY), "start", "--num-cpus=1", "--node-ip-address=127.0.0.1",
                             "--object-store-memory=100000000", "--disable-usage-stats", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=ENV,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return proc.pid, subprocess.CompletedProcess(proc.args, proc.returncode, out, "")


@pytest.fixture(scope="module")
def cluster():
    if not RAY.exists():
        pytest.skip(f"no ray command beside {sys.executable}")
    # short paths: ray's unix sockets live under the temp dir (107-byte limit)
    head_dir, node_dir = tempfile.mkdtemp(prefix="rh"), tempfile.mkdtemp(prefix="rn")
    port, groups = _free_port(), []
    try:
        g, head = _ray_start("--head", f"--port={port}", "--include-dashboard=false", f"--temp-dir={head_dir}")
        groups.append(g)
        if head.returncode:
            pytest.skip(f"ray head could not start: {head.stdout.strip().splitlines()[-1:]}")
        address = f"127.0.0.1:{port}"
        g, node = _ray_start(f"--address={address}", f"--temp-dir={node_dir}")
        groups.append(g)
        if node.returncode:
            pytest.skip(f"second ray node could not join: {node.stdout.strip().splitlines()[-1:]}")
        yield address, Path(node_dir)
    finally:
        stop_groups(groups)
        shutil.rmtree(head_dir, ignore_errors=True)
        shutil.rmtree(node_dir, ignore_errors=True)


def _alive_nodes(address: str) -> int:
    code = ("import ray, json; ray.init(address=%r, log_to_driver=False, configure_logging=False); "
            "print(json.dumps(sum(n['Alive'] for n in ray.nodes())))" % address)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV, timeout=120)
    assert out.returncode == 0, out.stderr[-1000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_two_node_cluster_gives_the_process_pool_records(cluster, tmp_path):
    address, node_dir = cluster
    assert _alive_nodes(address) == 2  # two raylets
    paths = generated(tmp_path, 24, scale=0.1)
    src = paths[0].parent
    pool = tmp_path / "pool.sqlite"
    s = ingest([src], pool, workers=2, engine="process", chunk=2)
    assert s.ingested == 24 and not s.failed

    db = tmp_path / "ray.sqlite"
    out = subprocess.run([sys.executable, "-m", "policyparse", "ingest", str(src), "--db", str(db),
                          "--engine", "ray", "--address", address, "--json", "--quiet"],
                         capture_output=True, text=True, env=ENV, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    summary = json.loads(out.stdout)
    assert summary["ingested"] == 24 and not summary["failed"]
    assert content(db) == content(pool)  # same clauses and records, document by document
    # the second node ran work too: a python worker was started under its own temp dir
    assert list(node_dir.glob("session_*/logs/python-core-worker-*.log")), "no worker ran on the second node"
    again = subprocess.run([sys.executable, "-m", "policyparse", "ingest", str(src), "--db", str(db),
                            "--engine", "ray", "--address", address, "--json", "--quiet"],
                           capture_output=True, text=True, env=ENV, timeout=600)
    assert json.loads(again.stdout)["unchanged"] == 24  # idempotent against the cluster too
