"""Writes tests/data/golden/: four classic graphs as movemap interaction logs
and the centrality values networkx (and igraph, for centralization) give on
them. The C++ golden test (tests/engine/centrality/golden_test.cpp) and the
Python one (tests/python/test_centrality.py) compare movemap with these files.

    python3 tests/reference/make_golden.py            # rewrite the files
    python3 tests/reference/make_golden.py --check    # fail if they would change

Graphs (networkx's bundled copies):
  krackhardt_kite      nx.krackhardt_kite_graph()          10 nodes, unweighted
  karate_club          nx.karate_club_graph()              34 nodes, exported unweighted
                                                           (weight 1; networkx's copy also
                                                           carries interaction counts, ignored)
  florentine_families  nx.florentine_families_graph()      15 nodes, unweighted
  les_miserables       nx.les_miserables_graph()           77 nodes, weighted (co-appearances)

Each <graph>.csv is a log with one row per edge (time,source,target,weight),
to be loaded undirected; the log lists edges in networkx's order. Each
<graph>.expected.json holds, keyed by actor id:
  node.betweenness            nx.betweenness_centrality(G)              (normalized)
  node.betweenness_raw        nx.betweenness_centrality(G, normalized=False)
  node.closeness              nx.closeness_centrality(G)                (wf_improved)
  node.harmonic               nx.harmonic_centrality(G)
  node.eigenvector            nx.eigenvector_centrality(G, max_iter, tol)
  node.pagerank               nx.pagerank(G, alpha=0.85, max_iter, tol, weight=None)
  node.katz                   nx.katz_centrality(G, alpha=katz_alpha, beta=1, max_iter, tol)
  node.core                   nx.core_number(G)
  node.clustering             nx.clustering(G)
  node.degree_centrality      nx.degree_centrality(G)
and, for Les Miserables (weighted), with G[u][v]["distance"] = 1 / weight:
  node.betweenness_inverse(_raw)  nx.betweenness_centrality(G, weight="distance"(, normalized=False))
  node.betweenness_weight         nx.betweenness_centrality(G, weight="weight")  (length = weight)
  node.closeness_inverse          nx.closeness_centrality(G, distance="distance")
  node.harmonic_inverse           nx.harmonic_centrality(G, distance="distance")
  node.eigenvector_weighted       nx.eigenvector_centrality(G, weight="weight", ...)
  node.pagerank_weighted          nx.pagerank(G, weight="weight", ...)
  node.katz_weighted              nx.katz_centrality(G, alpha=katz_alpha_weighted, weight="weight", ...)
tie.<measure>: [source, target, value] rows from nx.edge_betweenness_centrality
(betweenness, betweenness_raw; betweenness_inverse on Les Miserables);
network: transitivity (nx.transitivity), average_clustering
(nx.average_clustering), and degree_centralization / betweenness_centralization
from igraph's degree() and betweenness() with igraph's Freeman formula
(igraph_centralization: n * max - sum, over the star's maximum
igraph_centralization_degree_tmax(loops=False) = (n-1)(n-2) and
igraph_centralization_betweenness_tmax = (n-1)^2 (n-2) / 2 for undirected
graphs; python-igraph does not expose those C functions). igraph's
transitivity_undirected / transitivity_avglocal_undirected(mode="zero") and
betweenness must agree with networkx (checked here).

The power iterations use the tolerance recorded under parameters (movemap's
default, 1e-10), so both libraries stop at the same iterate; katz_alpha is
half of 1 / lambda_max (rounded down to 4 decimals) and recorded with
lambda_max.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import scipy

OUT = Path(__file__).resolve().parents[1] / "data" / "golden"
TOLERANCE = 1e-10       # movemap's IterationOptions::tolerance default
MAX_ITER = 10000
PAGERANK_ALPHA = 0.85
EPOCH = 1_704_067_200   # 2024-01-01T00:00:00Z; row i has time EPOCH + i


def graphs() -> dict[str, tuple[nx.Graph, bool, str]]:
    return {
        "krackhardt_kite": (nx.krackhardt_kite_graph(), False, "nx.krackhardt_kite_graph()"),
        "karate_club": (nx.karate_club_graph(), False, "nx.karate_club_graph() (weights dropped)"),
        "florentine_families": (nx.florentine_families_graph(), False, "nx.florentine_families_graph()"),
        "les_miserables": (nx.les_miserables_graph(), True, "nx.les_miserables_graph()"),
    }


def as_ids(g: nx.Graph, weighted: bool) -> nx.Graph:
    """The graph with string node ids (movemap ids are text) and weight 1
    on unweighted graphs."""
    h = nx.Graph()
    h.add_nodes_from(str(u) for u in g.nodes)
    for u, v, d in g.edges(data=True):
        w = float(d["weight"]) if weighted else 1.0
        h.add_edge(str(u), str(v), weight=w, distance=1.0 / w)
    return h


def log_csv(g: nx.Graph) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["time", "source", "target", "weight"])
    for i, (u, v, d) in enumerate(g.edges(data=True)):
        weight = d["weight"]
        w.writerow([EPOCH + i, u, v, repr(weight) if weight != int(weight) else str(int(weight))])
    return buf.getvalue()


def lambda_max(g: nx.Graph, weight: str | None) -> float:
    a = nx.to_numpy_array(g, weight=weight)
    return float(np.max(np.linalg.eigvalsh(a)))


def katz_alpha(lmax: float) -> float:
    return math.floor(0.5 / lmax * 1e4) / 1e4


def ties(values: dict) -> list:
    return [[u, v, float(x)] for (u, v), x in values.items()]


def floats(d: dict) -> dict:
    """Values in node-id order (networkx's harmonic_centrality iterates a
    set, so its own order, and the last bit of its sums, vary per run)."""
    return {str(k): float(d[k]) for k in sorted(d)}


def same(a, b) -> bool:
    """Equal up to 1e-12 relative (the last bits of networkx's set-ordered
    sums vary between runs)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)
    return a == b


def igraph_of(g: nx.Graph) -> tuple[ig.Graph, list[str]]:
    names = list(g.nodes)
    index = {u: i for i, u in enumerate(names)}
    h = ig.Graph(n=len(names), edges=[(index[u], index[v]) for u, v in g.edges], directed=False)
    return h, names


def freeman(scores: list[float], tmax: float) -> float:
    """igraph_centralization(scores, tmax, normalized=True)."""
    return (len(scores) * max(scores) - sum(scores)) / tmax


def expected(name: str, g: nx.Graph, weighted: bool, origin: str) -> dict:
    n = g.number_of_nodes()
    it = dict(max_iter=MAX_ITER, tol=TOLERANCE)
    lmax = lambda_max(g, None)
    alpha = katz_alpha(lmax)
    node = {
        "betweenness": floats(nx.betweenness_centrality(g)),
        "betweenness_raw": floats(nx.betweenness_centrality(g, normalized=False)),
        "closeness": floats(nx.closeness_centrality(g)),
        "harmonic": floats(nx.harmonic_centrality(g)),
        "eigenvector": floats(nx.eigenvector_centrality(g, **it)),
        "pagerank": floats(nx.pagerank(g, alpha=PAGERANK_ALPHA, weight=None, **it)),
        "katz": floats(nx.katz_centrality(g, alpha=alpha, beta=1.0, **it)),
        "core": {k: int(v) for k, v in nx.core_number(g).items()},
        "clustering": floats(nx.clustering(g)),
        "degree_centrality": floats(nx.degree_centrality(g)),
    }
    tie = {
        "betweenness": ties(nx.edge_betweenness_centrality(g)),
        "betweenness_raw": ties(nx.edge_betweenness_centrality(g, normalized=False)),
    }
    parameters = {
        "tolerance": TOLERANCE,
        "max_iterations": MAX_ITER,
        "pagerank_alpha": PAGERANK_ALPHA,
        "katz_alpha": alpha,
        "katz_beta": 1.0,
        "lambda_max": lmax,
    }
    if weighted:
        lmax_w = lambda_max(g, "weight")
        alpha_w = katz_alpha(lmax_w)
        parameters.update(katz_alpha_weighted=alpha_w, lambda_max_weighted=lmax_w)
        node.update({
            "betweenness_inverse": floats(nx.betweenness_centrality(g, weight="distance")),
            "betweenness_inverse_raw": floats(nx.betweenness_centrality(g, weight="distance", normalized=False)),
            "betweenness_weight": floats(nx.betweenness_centrality(g, weight="weight")),
            "closeness_inverse": floats(nx.closeness_centrality(g, distance="distance")),
            "harmonic_inverse": floats(nx.harmonic_centrality(g, distance="distance")),
            "eigenvector_weighted": floats(nx.eigenvector_centrality(g, weight="weight", **it)),
            "pagerank_weighted": floats(nx.pagerank(g, alpha=PAGERANK_ALPHA, weight="weight", **it)),
            "katz_weighted": floats(nx.katz_centrality(g, alpha=alpha_w, beta=1.0, weight="weight", **it)),
        })
        tie["betweenness_inverse"] = ties(nx.edge_betweenness_centrality(g, weight="distance"))

    h, names = igraph_of(g)
    deg = [float(d) for d in h.degree(loops=False)]
    btw = h.betweenness(directed=False)
    network = {
        "transitivity": float(nx.transitivity(g)),
        "average_clustering": float(nx.average_clustering(g)),
        "degree_centralization": freeman(deg, (n - 1) * (n - 2)),
        "betweenness_centralization": freeman(btw, (n - 1) ** 2 * (n - 2) / 2.0),
    }
    # Cross-checks: igraph and networkx agree where both define the measure.
    for i, u in enumerate(names):
        assert math.isclose(btw[i], node["betweenness_raw"][u], rel_tol=1e-12, abs_tol=1e-12), (name, u)
    assert math.isclose(h.transitivity_undirected(), network["transitivity"], rel_tol=1e-12)
    assert math.isclose(h.transitivity_avglocal_undirected(mode="zero"), network["average_clustering"],
                        rel_tol=1e-12)

    return {
        "graph": name,
        "origin": origin,
        "log": f"{name}.csv (load undirected)",
        "weighted": weighted,
        "nodes": n,
        "ties": g.number_of_edges(),
        "versions": {"networkx": nx.__version__, "igraph": ig.__version__, "numpy": np.__version__,
                     "scipy": scipy.__version__, "python": sys.version.split()[0]},
        "parameters": parameters,
        "node": node,
        "tie": tie,
        "network": network,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, (g0, weighted, origin) in graphs().items():
        g = as_ids(g0, weighted)
        data = expected(name, g, weighted, origin)
        files = {
            OUT / f"{name}.csv": log_csv(g),
            OUT / f"{name}.expected.json": json.dumps(data, indent=1, ensure_ascii=False) + "\n",
        }
        for path, text in files.items():
            if not args.check:
                path.write_text(text, encoding="utf-8")
            elif not path.exists():
                stale.append(path.name)
            elif path.suffix == ".csv":
                if path.read_text(encoding="utf-8") != text:
                    stale.append(path.name)
            else:
                old = json.loads(path.read_text(encoding="utf-8"))
                old.pop("versions", None)
                new = json.loads(text)
                new.pop("versions", None)
                if not same(old, new):
                    stale.append(path.name)
    if stale:
        print("out of date (networkx/igraph versions differ?):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
