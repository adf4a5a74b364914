"""Prints the expected values pasted into
tests/engine/bridging/structural_holes_test.cpp (networkx 3.6, python-igraph 1.0).

    python3 tests/reference/make_bridging_reference.py

Graphs: networkx's own test graphs from
networkx/algorithms/tests/test_structuralholes.py (D: directed, 3 nodes;
G: Borgatti's undirected example, nodes A..G numbered in networkx's insertion
order), and two seeded random graphs (one directed, one undirected; weights
in 0.5 steps; a self-loop in each, which movemap ignores, so networkx is run
on the graph without it).

Values: nx.constraint, nx.effective_size(G, nodes=list(G)) (weight=None and
weight="weight"; Burt's formula - networkx's all-nodes sparse-matrix path
normalises m_jq by the wrong node's maximum, a networkx bug, see
structural_holes.hpp),
efficiency = effective size / number of contacts (predecessors and
successors), and Burt's hierarchy computed here from nx.local_constraint:
H = sum_j r_j ln r_j / (N ln N), r_j = c_ij / (C_i / N); NaN for N < 2.
igraph's Graph.constraint is printed as a second oracle (it agrees).
"""

import math
import random

import igraph as ig
import networkx as nx


def contacts(G, u):
    return set(nx.all_neighbors(G, u)) - {u}


def hierarchy(G, u, weight):
    N = len(contacts(G, u))
    if N < 2:
        return float("nan")
    local = [nx.local_constraint(G, u, v, weight=weight) for v in contacts(G, u)]
    mean = sum(local) / N
    return sum((c / mean) * math.log(c / mean) for c in local if c > 0) / (N * math.log(N))


def fmt(x):
    return "kNaN" if math.isnan(x) else repr(x)


def report(name, G, n):
    H = G.copy()
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    print(f"// ---- {name}: {'directed' if G.is_directed() else 'undirected'}, {n} nodes")
    edges = ", ".join(f"{{{u}, {v}, {d.get('weight', 1)}}}" for u, v, d in G.edges(data=True))
    print(f"edges = {{{edges}}};")
    for weight in (None, "weight"):
        c = nx.constraint(H, weight=weight)
        c_nodes = nx.constraint(H, nodes=list(H), weight=weight)
        assert all(math.isclose(c[u], c_nodes[u], rel_tol=1e-12) or math.isnan(c[u]) for u in H)
        # The node-list path: networkx's all-nodes (sparse matrix) path
        # divides by the row maximum of q instead of j in m_jq, so it differs
        # on weighted or directed graphs (networkx 3.6); see the header.
        e = nx.effective_size(H, nodes=list(H), weight=weight)
        nodes = range(n)
        print(f"// weight={weight!r}")
        print("constraint     = {" + ", ".join(fmt(c.get(u, float("nan"))) for u in nodes) + "};")
        print("effective_size = {" + ", ".join(fmt(e.get(u, float("nan"))) for u in nodes) + "};")
        eff = [e[u] / len(contacts(H, u)) if u in H and contacts(H, u) else float("nan") for u in nodes]
        print("efficiency     = {" + ", ".join(fmt(x) for x in eff) + "};")
        h = [hierarchy(H, u, weight) if u in H else float("nan") for u in nodes]
        print("hierarchy      = {" + ", ".join(fmt(x) for x in h) + "};")
        if not G.is_directed() and weight is None:
            b = nx.effective_size(H, nodes=list(H))  # Borgatti's n - 2t/n
            print("// Borgatti     = {" + ", ".join(fmt(b.get(u, float("nan"))) for u in nodes) + "};")
        g = ig.Graph(n=n, edges=[(u, v) for u, v in H.edges()], directed=G.is_directed())
        w = [d.get("weight", 1) for _, _, d in H.edges(data=True)] if weight else None
        print("// igraph       = {" + ", ".join(fmt(x) for x in g.constraint(weights=w)) + "};")


def main():
    D = nx.DiGraph()
    D.add_edges_from([(0, 1), (0, 2), (1, 0), (2, 1)])
    nx.set_edge_attributes(D, {(0, 1): 2, (0, 2): 2, (1, 0): 1, (2, 1): 1}, "weight")
    report("networkx test D", D, 3)

    names = ["A", "B", "F", "G", "E", "D", "C"]
    idx = {s: i for i, s in enumerate(names)}
    Gw = {("A", "B"): 2, ("A", "F"): 3, ("A", "G"): 5, ("A", "E"): 2, ("E", "G"): 8,
          ("F", "G"): 3, ("B", "G"): 4, ("B", "D"): 1, ("D", "G"): 3, ("G", "C"): 10}
    G = nx.Graph()
    for (u, v), w in Gw.items():
        G.add_edge(idx[u], idx[v], weight=w)
    G.add_node(7)  # an isolate
    report("networkx test G (A,B,F,G,E,D,C = 0..6) plus isolate 7", G, 8)

    for seed, directed in ((1, True), (2, False)):
        rng = random.Random(seed)
        R = nx.DiGraph() if directed else nx.Graph()
        R.add_nodes_from(range(10))
        while R.number_of_edges() < (26 if directed else 18):
            u, v = rng.randrange(9), rng.randrange(9)  # node 9 stays isolated
            if u != v:
                R.add_edge(u, v, weight=0.5 * rng.randint(1, 8))
        R.add_edge(3, 3, weight=2.0)
        report(f"random seed {seed}", R, 10)


if __name__ == "__main__":
    main()
