"""Network.centrality against networkx and igraph, and the binding's promises.

Expected values come from outside movemap:
  - golden files tests/data/golden/<graph>.expected.json, written by
    tests/reference/make_golden.py from networkx (and igraph for
    centralization) on four classic graphs;
  - networkx (and igraph for centralization) run here on random graphs built
    independently from the same log rows (weights summed per pair, with
    G[u][v]["distance"] = 1 / weight for length="inverse").
Everything is compared at 1e-9 relative. The binding tests check zero-copy
arrays, the GIL released during a long run, progress and cancellation, and
that the CLI's nodes.csv holds the same values (MOVEMAP_CLI).
"""

from __future__ import annotations

import gc
import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import movemap

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "data" / "golden"
GRAPHS = ["krackhardt_kite", "karate_club", "florentine_families", "les_miserables"]
REL = 1e-9
ABS = 1e-14  # values networkx gives as exactly 0


def assert_close(got, want: dict, what: str) -> None:
    """got: a pandas Series indexed by actor id; want: {actor id: value}."""
    assert len(got) == len(want), what
    bad = []
    for a, w in want.items():
        g = float(got[a])
        if not math.isclose(g, w, rel_tol=REL, abs_tol=ABS):
            bad.append(f"{a}: movemap {g!r}, expected {w!r}")
    assert not bad, f"{what}: " + "; ".join(bad[:10])


def assert_value(got: float, want: float, what: str) -> None:
    assert math.isclose(got, want, rel_tol=REL, abs_tol=ABS), f"{what}: movemap {got!r}, expected {want!r}"


def tie_values(frame: pd.DataFrame, column: str, directed: bool) -> dict:
    key = (lambda s, t: (s, t)) if directed else (lambda s, t: frozenset((s, t)))
    return {key(s, t): v for s, t, v in zip(frame["source"], frame["target"], frame[column])}


def assert_ties_close(frame: pd.DataFrame, column: str, want: dict, directed: bool, what: str) -> None:
    got = tie_values(frame, column, directed)
    key = (lambda e: e) if directed else (lambda e: frozenset(e))
    want = {key(e): v for e, v in want.items()}
    assert got.keys() == want.keys(), what
    bad = [f"{sorted(e)}: movemap {got[e]!r}, expected {w!r}" for e, w in want.items()
           if not math.isclose(got[e], w, rel_tol=REL, abs_tol=ABS)]
    assert not bad, f"{what}: " + "; ".join(bad[:10])


# ------------------------------------------------------------- golden ---


@pytest.fixture(scope="module", params=GRAPHS)
def golden(request):
    name = request.param
    expected = json.loads((GOLDEN / f"{name}.expected.json").read_text(encoding="utf-8"))
    net = movemap.load(GOLDEN / f"{name}.csv", directed=False)
    return net, expected


def golden_ties(expected: dict, measure: str) -> dict:
    return {(u, v): x for u, v, x in expected["tie"][measure]}


ALL_NODE_MEASURES = ["degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "katz", "core",
                     "clustering"]


def test_golden_log_is_the_graph(golden):
    net, exp = golden
    assert not net.directed
    assert net.num_actors == exp["nodes"]
    assert net.num_ties == exp["ties"]


def test_golden_node_measures(golden):
    net, exp = golden
    p = exp["parameters"]
    c = net.centrality(ALL_NODE_MEASURES, katz_alpha=p["katz_alpha"], katz_beta=p["katz_beta"],
                       tolerance=p["tolerance"], max_iterations=p["max_iterations"], alpha=p["pagerank_alpha"],
                       weighted=False)
    for column in ("betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "katz", "core", "clustering",
                   "degree_centrality"):
        assert_close(c[column], exp["node"][column], f"{exp['graph']} {column}")
    assert c["core"].dtype == np.int64
    for name, value in exp["network"].items():
        assert_value(c.attrs["network"][name], value, f"{exp['graph']} {name}")


def test_golden_raw_betweenness(golden):
    net, exp = golden
    c = net.centrality(["betweenness"], normalized=False)
    assert_close(c["betweenness"], exp["node"]["betweenness_raw"], "raw betweenness")


@pytest.mark.parametrize("normalized", [True, False])
def test_golden_tie_betweenness(golden, normalized):
    net, exp = golden
    t = net.tie_centrality(normalized=normalized)
    assert list(t.columns) == ["source", "target", "betweenness"]
    want = golden_ties(exp, "betweenness" if normalized else "betweenness_raw")
    assert_ties_close(t, "betweenness", want, False, "tie betweenness")


def test_golden_weighted_variants_les_miserables():
    exp = json.loads((GOLDEN / "les_miserables.expected.json").read_text(encoding="utf-8"))
    assert exp["weighted"]
    net = movemap.load(GOLDEN / "les_miserables.csv", directed=False)
    node, p = exp["node"], exp["parameters"]
    inv = net.centrality(["betweenness", "closeness", "harmonic"], length="inverse")
    assert_close(inv["betweenness"], node["betweenness_inverse"], "betweenness 1/weight")
    assert_close(inv["closeness"], node["closeness_inverse"], "closeness 1/weight")
    assert_close(inv["harmonic"], node["harmonic_inverse"], "harmonic 1/weight")
    raw = net.centrality(["betweenness"], length="inverse", normalized=False)
    assert_close(raw["betweenness"], node["betweenness_inverse_raw"], "raw betweenness 1/weight")
    by_weight = net.centrality(["betweenness"], length="weight")
    assert_close(by_weight["betweenness"], node["betweenness_weight"], "betweenness length=weight")
    t = net.tie_centrality(length="inverse")
    assert_ties_close(t, "betweenness", golden_ties(exp, "betweenness_inverse"), False, "tie betweenness 1/weight")
    w = net.centrality(["eigenvector", "pagerank", "katz"], weighted=True, katz_alpha=p["katz_alpha_weighted"],
                       tolerance=p["tolerance"], max_iterations=p["max_iterations"])
    assert_close(w["eigenvector"], node["eigenvector_weighted"], "weighted eigenvector")
    assert_close(w["pagerank"], node["pagerank_weighted"], "weighted pagerank")
    assert_close(w["katz"], node["katz_weighted"], "weighted katz")


def test_golden_files_are_current():
    """The committed expected values are what make_golden.py computes (with
    the networkx / igraph versions they were made with)."""
    recorded = json.loads((GOLDEN / "karate_club.expected.json").read_text(encoding="utf-8"))["versions"]
    if (recorded["networkx"], recorded["igraph"]) != (nx.__version__, ig.__version__):
        pytest.skip(f"golden files made with networkx {recorded['networkx']} / igraph {recorded['igraph']}")
    r = subprocess.run([sys.executable, str(REPO / "tests" / "reference" / "make_golden.py"), "--check"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


# --------------------------------------------- random graphs vs networkx ---


def random_log(seed: int, n: int = 36, rows: int = 160) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two separate parts, two isolated actors (actor table only), self-loops
    and repeated interactions; weights are binary fractions, so sums are
    exact."""
    rng = np.random.default_rng(seed)
    ids = [f"v{i}" for i in range(n)]
    part_a, part_b = ids[: 2 * n // 3], ids[2 * n // 3: n - 2]
    src: list[str] = []
    tgt: list[str] = []
    for i in range(rows):
        if i > 0 and rng.random() < 0.2:
            j = int(rng.integers(0, i))
            s, t = src[j], tgt[j]
        else:
            part = part_a if rng.random() < 0.7 else part_b
            s = part[int(rng.integers(len(part)))]
            t = s if rng.random() < 0.05 else part[int(rng.integers(len(part)))]
        src.append(s)
        tgt.append(t)
    log = pd.DataFrame({
        "time": 1_700_000_000 + np.arange(rows, dtype=np.int64) * 3600,
        "source": src,
        "target": tgt,
        "weight": rng.choice([0.5, 1.0, 2.0, 3.25], size=rows),
    })
    roles = ["champion" if i % 7 == 0 else "citizen" for i in range(n)]
    return log, pd.DataFrame({"id": ids, "role": roles})


def reference_graph(log: pd.DataFrame, actors: pd.DataFrame, directed: bool) -> nx.Graph:
    """networkx graph from the rows: repeated pairs sum their weights."""
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(actors["id"])
    for s, t, w in zip(log["source"], log["target"], log["weight"]):
        if g.has_edge(s, t):
            g[s][t]["weight"] += float(w)
        else:
            g.add_edge(s, t, weight=float(w))
    for _, _, d in g.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    return g


# (seed, directed, actors, rows): small graphs, and larger ones that span
# several of the kernels' blocks of sources.
CASES = [(seed, directed, 36, 160) for seed in (1, 2, 3) for directed in (True, False)] + \
        [(4, directed, 300, 1500) for directed in (True, False)]


@pytest.fixture(scope="module", params=CASES,
                ids=[f"seed{s}-{'directed' if d else 'undirected'}-{n}" for s, d, n, _ in CASES])
def case(request):
    seed, directed, n, rows = request.param
    log, actors = random_log(seed, n=n, rows=rows)
    net = movemap.load(log, actors=actors, directed=directed)
    return net, reference_graph(log, actors, directed)


NX_WEIGHT = {"hops": None, "inverse": "distance", "weight": "weight"}


@pytest.mark.parametrize("length", ["hops", "inverse", "weight"])
@pytest.mark.parametrize("normalized", [True, False])
def test_betweenness_matches_networkx(case, length, normalized):
    net, g = case
    r = net.centrality_arrays(["betweenness", "tie_betweenness"], length=length, normalized=normalized)
    nodes = pd.Series(r.nodes["betweenness"], index=net.actors())
    assert_close(nodes, nx.betweenness_centrality(g, normalized=normalized, weight=NX_WEIGHT[length]),
                 f"betweenness {length}")
    ties = net.ties()[["source", "target"]].assign(betweenness=r.ties["betweenness"])
    want = nx.edge_betweenness_centrality(g, normalized=normalized, weight=NX_WEIGHT[length])
    assert_ties_close(ties, "betweenness", want, g.is_directed(), f"tie betweenness {length}")


@pytest.mark.parametrize("length", ["hops", "inverse", "weight"])
@pytest.mark.parametrize("wf_improved", [True, False])
def test_closeness_and_harmonic_match_networkx(case, length, wf_improved):
    net, g = case
    c = net.centrality(["closeness", "harmonic"], length=length, wf_improved=wf_improved)
    d = NX_WEIGHT[length]
    assert_close(c["closeness"], nx.closeness_centrality(g, distance=d, wf_improved=wf_improved), "closeness")
    assert_close(c["harmonic"], nx.harmonic_centrality(g, distance=d), "harmonic")


@pytest.mark.parametrize("weighted", [True, False])
def test_pagerank_matches_networkx(case, weighted):
    net, g = case
    w = "weight" if weighted else None
    c = net.centrality(["pagerank"], weighted=weighted, alpha=0.8)
    assert_close(c["pagerank"], nx.pagerank(g, alpha=0.8, weight=w, tol=1e-10, max_iter=1000), "pagerank")
    # Personalised: uniform teleport over the champions.
    champions = [a for a, r in zip(net.actors(), net.attributes()["role"]) if r == "champion"]
    by_role = net.centrality(["pagerank"], weighted=weighted, seeds="role=champion")
    by_ids = net.centrality(["pagerank"], weighted=weighted, seeds=champions)
    want = nx.pagerank(g, weight=w, personalization={a: 1 for a in champions}, tol=1e-10, max_iter=1000)
    assert_close(by_role["pagerank"], want, "personalised pagerank (role=champion)")
    np.testing.assert_array_equal(by_role["pagerank"].to_numpy(), by_ids["pagerank"].to_numpy())


@pytest.mark.parametrize("weighted", [True, False])
def test_eigenvector_matches_networkx_where_it_converges(case, weighted):
    net, g = case
    w = "weight" if weighted else None
    try:
        want = nx.eigenvector_centrality(g, weight=w, tol=1e-10, max_iter=1000)
    except nx.PowerIterationFailedConvergence:
        pytest.skip("networkx does not converge on this graph")
    c = net.centrality(["eigenvector"], weighted=weighted)
    assert_close(c["eigenvector"], want, "eigenvector")


@pytest.mark.parametrize("weighted", [True, False])
def test_katz_matches_networkx(case, weighted):
    net, g = case
    w = "weight" if weighted else None
    lmax = float(np.max(np.abs(np.linalg.eigvals(nx.to_numpy_array(g, weight=w)))))
    alpha = 0.5 / lmax  # well below 1 / lambda_max
    c = net.centrality(["katz"], weighted=weighted, katz_alpha=alpha, katz_beta=1.0)
    assert_close(c["katz"], nx.katz_centrality(g, alpha=alpha, beta=1.0, weight=w, tol=1e-10, max_iter=1000),
                 "katz")


def test_core_clustering_degree_match_networkx(case):
    net, g = case
    c = net.centrality(["degree", "core", "clustering"])
    simple = g.copy()
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    undirected = simple.to_undirected()
    assert_close(c["core"], nx.core_number(simple), "core number")
    assert c["core"].dtype == np.int64
    assert_close(c["clustering"], nx.clustering(undirected), "clustering")
    assert_close(c["degree_centrality"], nx.degree_centrality(g), "degree centrality")
    if g.is_directed():
        assert_close(c["in_degree_centrality"], nx.in_degree_centrality(g), "in-degree centrality")
        assert_close(c["out_degree_centrality"], nx.out_degree_centrality(g), "out-degree centrality")
        assert_close(c["in_strength"], dict(g.in_degree(weight="weight")), "in-strength")
    else:
        assert "in_degree" not in c.columns and "in_degree_centrality" not in c.columns
    assert_close(c["degree"], dict(g.degree()), "degree")
    assert_close(c["strength"], dict(g.degree(weight="weight")), "strength")
    net_level = c.attrs["network"]
    assert_value(net_level["transitivity"], nx.transitivity(undirected), "transitivity")
    assert_value(net_level["average_clustering"], nx.average_clustering(undirected), "average clustering")


def igraph_of(g: nx.Graph) -> ig.Graph:
    names = list(g.nodes)
    index = {u: i for i, u in enumerate(names)}
    return ig.Graph(n=len(names), edges=[(index[u], index[v]) for u, v in g.edges], directed=g.is_directed())


def test_centralization_matches_igraph(case):
    """igraph_centralization_degree(mode=ALL, loops=False) and
    igraph_centralization_betweenness: python-igraph does not expose them,
    so igraph's degree() and betweenness() go through igraph's formula
    (n * max - sum) / tmax, tmax from igraph_centralization_*_tmax."""
    net, g = case
    n = g.number_of_nodes()
    h = igraph_of(g)
    deg = h.degree(mode="all", loops=False)
    btw = h.betweenness(directed=g.is_directed())
    tmax_deg = (2 if g.is_directed() else 1) * (n - 1) * (n - 2)
    tmax_btw = (n - 1) ** 2 * (n - 2) / (1 if g.is_directed() else 2)
    c = net.centrality(["betweenness"])
    assert_value(c.attrs["network"]["degree_centralization"], (n * max(deg) - sum(deg)) / tmax_deg,
                 "degree centralization")
    assert_value(c.attrs["network"]["betweenness_centralization"], (n * max(btw) - sum(btw)) / tmax_btw,
                 "betweenness centralization")
    assert "betweenness_centralization" not in net.centrality(["closeness"]).attrs["network"]


def test_sampled_betweenness_within_epsilon_of_exact(case):
    net, g = case
    exact = nx.betweenness_centrality(g)
    eps = 0.05
    for seed in (1, 2, 3):
        r = net.centrality_arrays(["betweenness_sampled"], epsilon=eps, delta=0.1, seed=seed)
        est = pd.Series(r.nodes["betweenness_sampled"], index=net.actors())
        worst = max(abs(est[a] - exact[a]) for a in exact)
        assert worst <= eps, f"seed {seed}: max error {worst} > epsilon {eps}"
        assert isinstance(r.notes["samples"], int) and r.notes["samples"] > 0
        assert r.notes["epsilon"] == eps
    again = net.centrality_arrays(["betweenness_sampled"], epsilon=eps, delta=0.1, seed=3)
    np.testing.assert_array_equal(again.nodes["betweenness_sampled"], r.nodes["betweenness_sampled"])


def test_default_measures_and_column_order(case):
    net, g = case
    c = net.centrality()
    assert list(c.index) == list(net.actors())
    attributes = [col for col in ("role", "site", "label") if col in c.columns]
    assert attributes[0] == "role"
    assert list(c.columns[: len(attributes)]) == attributes
    expected = ["in_degree", "out_degree", "degree", "in_strength", "out_strength", "strength", "degree_centrality",
                "in_degree_centrality", "out_degree_centrality"] if g.is_directed() else \
        ["degree", "strength", "degree_centrality"]
    measure_columns = [col for col in c.columns if col not in ("role", "site", "label")]
    assert measure_columns[: len(expected)] == expected
    for m in movemap.DEFAULT_CENTRALITY_MEASURES:
        if m != "degree":
            assert m in c.columns, m
    assert set(c.attrs["network"]) >= {"degree_centralization", "transitivity", "average_clustering"}


# ------------------------------------------------------------- binding ---


def test_measure_names():
    assert set(movemap.DEFAULT_CENTRALITY_MEASURES) <= set(movemap.CENTRALITY_MEASURES)
    assert {"betweenness", "tie_betweenness", "betweenness_sampled", "katz"} <= set(movemap.CENTRALITY_MEASURES)


def test_arrays_are_zero_copy(case):
    net, _ = case
    r = net.centrality_arrays(["betweenness", "core", "tie_betweenness", "pagerank"])
    arrays = list(r.nodes.values()) + list(r.ties.values())
    assert arrays
    for a in arrays:
        assert a.flags.owndata is False
        assert a.base is not None
    assert r.nodes["core"].dtype == np.int64
    assert r.nodes["betweenness"].dtype == np.float64
    assert len(r.ties["betweenness"]) == net.num_ties
    kept = r.nodes["pagerank"]
    expected = kept.copy()
    del r, net
    gc.collect()
    np.testing.assert_array_equal(kept, expected)  # the base keeps the engine's buffer alive


def test_unknown_measure_is_a_usage_error(case):
    net, _ = case
    with pytest.raises(movemap.UsageError, match="bogus") as e:
        net.centrality(["betweenness", "bogus"])
    assert "pagerank" in str(e.value)  # lists the known names
    assert isinstance(e.value, ValueError)


def test_bad_options_are_usage_errors(case):
    net, _ = case
    with pytest.raises(movemap.UsageError, match="length"):
        net.centrality(["closeness"], length="miles")
    with pytest.raises(movemap.UsageError, match="nobody_here"):
        net.centrality(["pagerank"], seeds=["nobody_here"])
    with pytest.raises(movemap.UsageError, match="tie_centrality"):
        net.centrality(["tie_betweenness"])
    with pytest.raises(movemap.UsageError, match="not a tie measure"):
        net.tie_centrality(["pagerank"])
    with pytest.raises(TypeError):
        net.centrality(["pagerank"], progress=42)


def test_explicit_measure_that_does_not_converge_raises(case):
    net, _ = case
    with pytest.raises(movemap.Error, match="katz"):
        net.centrality(["katz"], katz_alpha=5.0, max_iterations=50)


@pytest.fixture(scope="module")
def big():
    """12,000 actors, 60,000 rows: a betweenness run long enough (about half a
    second with both threads) to interrupt or to watch the GIL during it,
    however fast the kernels get (3,000 actors stopped being enough)."""
    rng = np.random.default_rng(11)
    n, rows = 12000, 60000
    src = rng.integers(0, n, size=rows)
    tgt = rng.integers(0, n, size=rows)
    log = pd.DataFrame({
        "time": 1_700_000_000 + np.arange(rows, dtype=np.int64),
        "source": [f"a{i}" for i in src],
        "target": [f"a{i}" for i in tgt],
        "weight": rng.choice([0.5, 1.0, 2.0], size=rows),
    })
    return movemap.load(log, directed=False)


def test_gil_is_released_during_a_long_run(big):
    stamps: list[float] = []
    stop = threading.Event()

    def count():
        i = 0
        while not stop.is_set():
            i += 1
            if i % 500 == 0:
                stamps.append(time.perf_counter())

    worker = threading.Thread(target=count)
    worker.start()
    try:
        time.sleep(0.05)
        start = time.perf_counter()
        big.centrality_arrays(["betweenness"])
        end = time.perf_counter()
    finally:
        stop.set()
        worker.join()
    # With the GIL held for the call, the counting thread could not run at
    # all in the middle of it.
    lo, hi = start + 0.25 * (end - start), start + 0.75 * (end - start)
    during = [t for t in stamps if lo <= t <= hi]
    assert end - start > 0.05, "run too short to tell"
    assert len(during) >= 10, f"counting thread ran {len(during)} times in the middle {hi - lo:.3f} s"


def test_progress_is_monotone_and_ends_at_one(case):
    net, _ = case
    seen: list[float] = []
    net.centrality(["betweenness", "closeness", "pagerank"], progress=seen.append)
    assert seen, "progress never called"
    assert all(0.0 <= f <= 1.0 for f in seen)
    assert all(a <= b for a, b in zip(seen, seen[1:]))
    assert seen[-1] == 1.0


def test_progress_true_draws_tqdm_bar(case):
    pytest.importorskip("tqdm")
    net, _ = case
    a = net.centrality(["betweenness"], progress=True)
    b = net.centrality(["betweenness"])
    np.testing.assert_array_equal(a["betweenness"].to_numpy(), b["betweenness"].to_numpy())


def test_progress_returning_false_cancels(big):
    calls = []

    def stop_at_first(f):
        calls.append(f)
        return False

    with pytest.raises(movemap.Cancelled):
        big.centrality(["betweenness"], progress=stop_at_first)
    assert len(calls) == 1

    def stop_later(f):
        return f < 0.2

    with pytest.raises(KeyboardInterrupt):  # Cancelled is a KeyboardInterrupt
        big.centrality(["betweenness", "closeness"], progress=stop_later)


def test_progress_raising_cancels_and_propagates(big):
    def interrupt(f):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt) as e:
        big.centrality(["betweenness"], progress=interrupt)
    assert type(e.value) is KeyboardInterrupt

    def broken(f):
        raise ValueError("broken progress bar")

    with pytest.raises(ValueError, match="broken progress bar"):
        big.centrality(["betweenness"], progress=broken)
    # The network is still usable afterwards.
    assert len(big.centrality(["core"])) == big.num_actors


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
def test_ctrl_c_cancels_a_long_run(big):
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals are handled on the main thread only")
    # Python's own Ctrl-C handler, whatever this process inherited: a shell
    # that starts a job in the background (`cmd &` without job control) makes
    # it ignore SIGINT, and Python then installs no handler at all.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT))
    start = time.perf_counter()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt) as e:
            big.centrality(["betweenness", "closeness", "harmonic"], length="inverse")
            time.sleep(10)  # the run ended before the signal: it lands here (a plain KeyboardInterrupt)
    finally:
        timer.join()
        signal.signal(signal.SIGINT, previous)
    assert isinstance(e.value, movemap.Cancelled), "the run finished before Ctrl-C; make the graph bigger"
    assert time.perf_counter() - start < 10


# ------------------------------------------------------- CLI agreement ---


@pytest.fixture
def cli():
    path = os.environ.get("MOVEMAP_CLI")
    if not path or not Path(path).is_file():
        pytest.skip("MOVEMAP_CLI not set or not a file")
    return path


@pytest.fixture
def sample():
    lp, ap = REPO / "data-samples" / "interactions.csv", REPO / "data-samples" / "actors.csv"
    if not (lp.exists() and ap.exists()):
        pytest.skip("no data-samples")
    return lp, ap


CLI_MEASURES = ["degree", "betweenness", "closeness", "harmonic", "pagerank", "eigenvector", "katz", "core",
                "clustering", "betweenness_sampled"]


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("length", ["hops", "inverse"])
def test_cli_nodes_csv_equals_python(cli, sample, tmp_path, directed, length):
    lp, ap = sample
    out = tmp_path / "out"
    args = [cli, "centrality", str(lp), "--actors", str(ap), "--out", str(out), "--quiet",
            "--measures", ",".join(CLI_MEASURES + ["tie_betweenness"]), "--length", length,
            "--katz-alpha", "0.0005", "--seeds", "role=champion", "--epsilon", "0.05", "--seed", "5"]
    if not directed:
        args.append("--undirected")
    subprocess.run(args, check=True, capture_output=True, timeout=300)
    nodes = pd.read_csv(out / "nodes.csv", dtype={"id": str}, keep_default_na=False).set_index("id")
    net = movemap.load(lp, actors=ap, directed=directed)
    c = net.centrality(CLI_MEASURES, length=length, katz_alpha=0.0005, seeds="role=champion", epsilon=0.05, seed=5)
    assert list(nodes.index) == list(c.index)
    measure_columns = [col for col in c.columns if col not in ("role", "site", "label")]
    assert {"betweenness", "pagerank", "katz", "core", "betweenness_sampled"} <= set(measure_columns)
    for col in measure_columns:
        assert col in nodes.columns, col
        np.testing.assert_array_equal(nodes[col].to_numpy(dtype=float), c[col].to_numpy(dtype=float),
                                      err_msg=col)
    ties = pd.read_csv(out / "ties.csv", dtype={"source": str, "target": str}, keep_default_na=False)
    t = net.tie_centrality(length=length)
    assert ties["source"].tolist() == t["source"].tolist()
    assert ties["target"].tolist() == t["target"].tolist()
    np.testing.assert_array_equal(ties["betweenness"].to_numpy(dtype=float), t["betweenness"].to_numpy())


def test_import_and_numpy_path_leave_pandas_unimported(tmp_path):
    """`import movemap`, load and centrality_arrays work without importing
    pandas (about 40 MiB); the first DataFrame result imports it."""
    log = tmp_path / "log.csv"
    log.write_text("time,source,target\n2024-01-01,a,b\n2024-01-02,b,c\n2024-01-03,c,a\n")
    code = (
        "import sys, movemap\n"
        f"net = movemap.load({str(log)!r})\n"
        "r = net.centrality_arrays(['pagerank', 'core'])\n"
        "assert list(r.nodes['core']) == [2, 2, 2], r.nodes\n"
        "print('pandas' in sys.modules)\n"
        "net.centrality(['core'])\n"
        "print('pandas' in sys.modules)\n")
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_frames_do_not_share_the_cached_attribute_columns():
    """The role/label/site columns are converted once per Network; editing one
    result frame leaves the next one (and degree()) unchanged."""
    log, actors = random_log(3)
    net = movemap.load(log, actors=actors)
    first = net.centrality(["core"])
    want = first["role"].copy()
    first.loc[first.index[0], "role"] = "edited"
    first["role"].to_numpy()[1] = "edited too"  # raw write into the frame's array
    again = net.centrality(["core"])
    pd.testing.assert_series_equal(again["role"], want)
    pd.testing.assert_series_equal(net.degree()["role"], want)
    assert list(again["role"]) == list(net.attributes()["role"])
