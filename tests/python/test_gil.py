"""The GIL is released around the engine's long calls beyond centrality
(test_centrality.py covers that one): reading a log file, building the
network, cutting it by time, writing GraphML. A second Python thread keeps
counting during each call; with the GIL held it could not run at all."""

from __future__ import annotations

import threading
import time

import numpy as np
import pandas as pd
import pytest

import movemap
from movemap import _core

ROWS = 300_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    rng = np.random.default_rng(2)
    n = ROWS // 10
    df = pd.DataFrame({
        "time": 1_700_000_000 + rng.integers(0, 10_000_000, size=ROWS),
        "source": [f"a{i}" for i in rng.integers(0, n, size=ROWS)],
        "target": [f"a{i}" for i in rng.integers(0, n, size=ROWS)],
    })
    path = tmp_path_factory.mktemp("gil") / "log.csv"
    df.to_csv(path, index=False)
    return path


def runs_concurrently(call) -> None:
    """Calls `call` while a second thread counts; asserts the thread ran in
    the middle half of the call."""
    stamps: list[float] = []
    stop = threading.Event()

    def count():
        i = 0
        while not stop.is_set():
            i += 1
            if i % 200 == 0:
                stamps.append(time.perf_counter())

    worker = threading.Thread(target=count)
    worker.start()
    try:
        time.sleep(0.02)
        start = time.perf_counter()
        call()
        end = time.perf_counter()
    finally:
        stop.set()
        worker.join()
    lo, hi = start + 0.25 * (end - start), start + 0.75 * (end - start)
    during = [t for t in stamps if lo <= t <= hi]
    assert end - start > 0.03, f"call too short to tell ({end - start:.3f} s)"
    assert len(during) >= 5, f"counting thread ran {len(during)} times in the middle {hi - lo:.3f} s of the call"


def test_read_log_releases_the_gil(big_csv):
    runs_concurrently(lambda: _core.read_log(str(big_csv)))


def test_build_network_releases_the_gil(big_csv):
    log = _core.read_log(str(big_csv))
    runs_concurrently(lambda: _core.build_network(log, None, directed=True, keep_contacts=True))


def test_subgraph_by_time_releases_the_gil(big_csv):
    net = movemap.load(big_csv)
    runs_concurrently(lambda: net.subgraph(between=(1_702_000_000, None)))


def test_write_graphml_releases_the_gil(big_csv, tmp_path):
    net = movemap.load(big_csv)
    runs_concurrently(lambda: net.write_graphml(tmp_path / "n.graphml"))
