"""Expected values for tests/engine/bridging/communities_test.cpp.

    python3 tests/reference/communities_reference.py [--time]

Prints C++ snippets pasted into the test:
  1. karate (nx.karate_club_graph(), unweighted) and Les Miserables
     (nx.les_miserables_graph(), weighted; nodes numbered in networkx's
     node order) as edge lists;
  2. networkx modularity golden values on small random weighted graphs with
     self-loops and random partitions (Python's random, seed 2026), at
     resolutions 1, 0.5 and 2; one directed case symmetrised here by hand
     (w(u,v) + w(v,u), a loop keeping its weight; unweighted: the number of
     arcs, so a reciprocated pair weighs 2) before nx.modularity;
  3. igraph's community_multilevel and community_leiden(objective_function=
     "modularity", n_iterations=-1) modularity on karate, Les Miserables and
     a planted-partition graph (10 groups of 1000 nodes, built by the
     splitmix64 sampler below, which the C++ test repeats): the best and the
     median over igraph's RNG seeds 0..9 (igraph uses Python's random).
With --time: igraph community_multilevel on the ties of
`build/movemap generate --actors 100000 --interactions 1000000 --seed 7
--out /tmp/comm_gen` (undirected, weighted by the tie weights of ties.csv).
"""
import random
import statistics
import sys
import time

import igraph as ig
import networkx as nx
from networkx.algorithms.community import modularity

MASK = (1 << 64) - 1


class SplitMix:
    def __init__(self, seed):
        self.s = seed & MASK

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & MASK
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        return (self.next() * bound) >> 64


def planted(groups=10, size=1000, intra=8, inter=2, seed=11):
    """Each node u draws `intra` partners in its group and `inter` anywhere,
    keeping those outside its group; no self-loops, repeated pairs merged."""
    rng = SplitMix(seed)
    n = groups * size
    edges = set()
    for u in range(n):
        g = u // size
        for _ in range(intra):
            v = g * size + rng.below(size)
            if v != u:
                edges.add((min(u, v), max(u, v)))
        for _ in range(inter):
            v = rng.below(n)
            if v // size != g:
                edges.add((min(u, v), max(u, v)))
    return n, sorted(edges)


def igraph_values(n, edges, weights):
    g = ig.Graph(n=n, edges=edges)
    w = weights if weights is not None else None
    out = {}
    for name, run in (
        ("multilevel", lambda: g.community_multilevel(weights=w)),
        ("leiden", lambda: g.community_leiden(objective_function="modularity", weights=w, n_iterations=-1)),
    ):
        qs = []
        for s in range(10):
            random.seed(s)
            part = run()
            qs.append(g.modularity(part.membership, weights=w))
        out[name] = (max(qs), statistics.median(qs))
    return out


def cpp_edges(name, edges, weights=None):
    if weights is None:
        body = ", ".join(f"{{{u}, {v}}}" for u, v in edges)
        return f"const std::vector<std::pair<node_id, node_id>> {name}{{{body}}};"
    body = ", ".join(f"{{{u}, {v}, {w:g}}}" for (u, v), w in zip(edges, weights))
    return f"const std::vector<WeightedEdge> {name}{{{body}}};"


def random_case(rng, n, m, directed):
    edges = []
    for _ in range(m):
        u, v = rng.randrange(n), rng.randrange(n)
        if rng.random() < 0.1:
            v = u
        edges.append((u, v, rng.choice([0.5, 1, 1.5, 2, 3])))
    labels = [rng.randrange(4) for _ in range(n)]
    # movemap's graph sums repeated pairs; so does this multigraph-to-graph step.
    G = nx.Graph()
    G.add_nodes_from(range(n))
    if directed:
        arcs = {}
        for u, v, w in edges:
            arcs[(u, v)] = arcs.get((u, v), 0) + w
        for (u, v), w in arcs.items():
            key = (min(u, v), max(u, v))
            if G.has_edge(*key):  # the reverse arc: w(u,v) + w(v,u), one more tie
                G[key[0]][key[1]]["weight"] += w
                G[key[0]][key[1]]["ties"] += 1
            else:
                G.add_edge(*key, weight=w, ties=1)
    else:
        for u, v, w in edges:
            if G.has_edge(u, v):
                G[u][v]["weight"] += w
            else:
                G.add_edge(u, v, weight=w, ties=1)
    comms = [{u for u in range(n) if labels[u] == c} for c in range(4)]
    comms = [c for c in comms if c]
    q = {
        (gamma, weighted): modularity(G, comms, weight="weight" if weighted else "ties", resolution=gamma)
        for gamma in (1.0, 0.5, 2.0)
        for weighted in (True, False)
    }
    return edges, labels, q


def main():
    print(f"// networkx {nx.__version__}, python-igraph {ig.__version__}")
    K = nx.karate_club_graph()
    print(cpp_edges("kKarate", sorted((min(u, v), max(u, v)) for u, v in K.edges())))
    L = nx.les_miserables_graph()
    index = {name: i for i, name in enumerate(L.nodes())}
    le = [(index[u], index[v], d["weight"]) for u, v, d in L.edges(data=True)]
    print(cpp_edges("kLesMis", [(u, v) for u, v, _ in le], [w for _, _, w in le]))

    rng = random.Random(2026)
    for i, directed in enumerate((False, False, True)):
        edges, labels, q = random_case(rng, 20, 45, directed)
        print(f"// case {i} directed={directed}")
        print("{" + ", ".join(f"{{{u}, {v}, {w:g}}}" for u, v, w in edges) + "},")
        print("{" + ", ".join(map(str, labels)) + "},")
        for (gamma, weighted), value in q.items():
            print(f"  gamma={gamma} weighted={weighted}: {value!r}")

    karate = [(min(u, v), max(u, v)) for u, v in K.edges()]
    for name, n, edges, weights in (
        ("karate", 34, karate, None),
        ("lesmis", 77, [(u, v) for u, v, _ in le], [w for _, _, w in le]),
        ("planted", *planted(), None),
    ):
        for method, (best, median) in igraph_values(n, edges, weights).items():
            print(f"// {name} {method}: best {best!r} median {median!r}")

    if "--time" in sys.argv:
        import csv

        ids, edges, weights = {}, [], []
        with open("/tmp/comm_gen/ties.csv") as f:
            r = csv.DictReader(f)
            for row in r:
                u = ids.setdefault(row["source"], len(ids))
                v = ids.setdefault(row["target"], len(ids))
                edges.append((u, v))
                weights.append(float(row["weight"]))
        g = ig.Graph(n=len(ids), edges=edges)
        g.es["weight"] = weights
        g = g.as_undirected(mode="collapse", combine_edges="sum")
        times = []
        for s in range(3):
            random.seed(s)
            t = time.perf_counter()
            part = g.community_multilevel(weights="weight")
            times.append(time.perf_counter() - t)
            print(f"// generated: igraph multilevel Q={g.modularity(part.membership, weights='weight')!r} "
                  f"time {times[-1]:.3f} s")
        for s in range(3):
            random.seed(s)
            t = time.perf_counter()
            part = g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
            print(f"// generated: igraph leiden Q={g.modularity(part.membership, weights='weight')!r} "
                  f"time {time.perf_counter() - t:.3f} s")
        print(f"// generated: {g.vcount()} nodes, {g.ecount()} ties")


if __name__ == "__main__":
    main()
