"""Network.bridging against networkx (and igraph), and the binding's promises.

Expected values come from outside movemap: networkx run here on random
graphs built independently from the same log rows (weights summed per pair):
constraint and effective size (nx.constraint, nx.effective_size, weighted
and unweighted), bridges and articulation points (nx.bridges,
nx.articulation_points on the undirected view without self-loops), the
modularity of the partition movemap returns recomputed by
nx.community.modularity (on the undirected view with w(u,v) + w(v,u) for
directed networks), attribute assortativity
(nx.attribute_assortativity_coefficient) and the mixing matrix
(nx.attribute_mixing_dict). Louvain's modularity is compared with igraph's
community_multilevel on classic graphs. The CLI's files (MOVEMAP_CLI) must
hold the same values as the Python result.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import movemap

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "data" / "golden"
REL = 1e-9
ABS = 1e-12


def random_log(seed: int, n: int = 40, rows: int = 180) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two loosely joined parts (so there are bridges and cut points), two
    isolated actors (actor table only), repeated interactions, no
    self-loops; weights are binary fractions, so sums are exact. Roles and
    sites with a few actors missing a site."""
    rng = np.random.default_rng(seed)
    ids = [f"v{i}" for i in range(n)]
    part_a, part_b = ids[: 2 * n // 3], ids[2 * n // 3: n - 2]
    src: list[str] = []
    tgt: list[str] = []
    for i in range(rows):
        if src and rng.random() < 0.2:
            j = int(rng.integers(0, len(src)))
            s, t = src[j], tgt[j]
        else:
            part = part_a if rng.random() < 0.75 else part_b
            s = part[int(rng.integers(len(part)))]
            t = part[int(rng.integers(len(part)))]
            if s == t:
                continue
        src.append(s)
        tgt.append(t)
    # One thin bridge between the parts, and a pendant chain.
    src += [part_a[0], part_b[0], part_b[1]]
    tgt += [part_b[0], part_b[-1] + "_leaf", part_b[-1] + "_leaf2"]
    log = pd.DataFrame({
        "time": 1_700_000_000 + np.arange(len(src), dtype=np.int64) * 3600,
        "source": src,
        "target": tgt,
        "weight": rng.choice([0.5, 1.0, 2.0, 3.25], size=len(src)),
    })
    roles = rng.choice(["citizen", "champion", "anchor", "service"], size=n, p=[0.55, 0.15, 0.15, 0.15])
    sites = [None if i % 9 == 4 else ("North" if i % 3 else "South") for i in range(n)]
    return log, pd.DataFrame({"id": ids, "role": roles, "site": sites})


def reference_graph(net: movemap.Network, log: pd.DataFrame, directed: bool) -> nx.Graph:
    """networkx graph from the rows (repeated pairs sum their weights), with
    every actor of the network and its role and site."""
    g = nx.DiGraph() if directed else nx.Graph()
    attrs = net.attributes()
    for a in net.actors():
        site = attrs.at[a, "site"] if "site" in attrs else None
        g.add_node(a, role=attrs.at[a, "role"], site=site if isinstance(site, str) else "(missing)")
    for s, t, w in zip(log["source"], log["target"], log["weight"]):
        if g.has_edge(s, t):
            g[s][t]["weight"] += float(w)
        else:
            g.add_edge(s, t, weight=float(w))
    return g


def undirected_view(g: nx.Graph) -> nx.Graph:
    """Directions dropped, w(u, v) + w(v, u) per pair."""
    if not g.is_directed():
        return g
    u = nx.Graph()
    u.add_nodes_from(g.nodes(data=True))
    for a, b, d in g.edges(data=True):
        if u.has_edge(a, b):
            u[a][b]["weight"] += d["weight"]
        else:
            u.add_edge(a, b, weight=d["weight"])
    return u


def assert_close(got: pd.Series, want: dict, what: str) -> None:
    bad = []
    for a, w in want.items():
        g = float(got[a])
        if math.isnan(w) or math.isnan(g):
            if not (math.isnan(w) and math.isnan(g)):
                bad.append(f"{a}: movemap {g!r}, networkx {w!r}")
        elif not math.isclose(g, w, rel_tol=REL, abs_tol=ABS):
            bad.append(f"{a}: movemap {g!r}, networkx {w!r}")
    assert not bad, f"{what}: " + "; ".join(bad[:10])


CASES = [(seed, directed) for seed in (1, 2, 3) for directed in (True, False)] + \
        [(4, directed) for directed in (True, False)]


@pytest.fixture(scope="module", params=CASES, ids=[f"seed{s}-{'directed' if d else 'undirected'}" for s, d in CASES])
def case(request):
    seed, directed = request.param
    n, rows = (40, 180) if seed < 4 else (300, 1800)
    log, actors = random_log(seed, n=n, rows=rows)
    net = movemap.load(log, actors=actors, directed=directed)
    return net, reference_graph(net, log, directed)


# ---------------------------------------------------- properties vs networkx ---


@pytest.mark.parametrize("weighted", [True, False])
def test_constraint_and_effective_size_match_networkx(case, weighted):
    net, g = case
    b = net.bridging(["holes"], weighted=weighted)
    w = "weight" if weighted else None
    assert_close(b.actors["constraint"], nx.constraint(g, weight=w), "constraint")
    # An explicit node list: networkx 3.6's all-nodes path normalises by the
    # wrong maximum on weighted or directed graphs (see structural_holes.hpp).
    # And in a directed graph that path says NaN for every actor without
    # successors (it tests G[v], the successors), though an actor with only
    # predecessors has contacts: those are checked against the undirected
    # meaning instead (at least one contact: a positive effective size).
    want = nx.effective_size(g, nodes=list(g), weight=w)
    only_in = {a for a in g if g.is_directed() and g.out_degree(a) == 0 and g.in_degree(a) > 0}
    assert_close(b.actors["effective_size"], {a: v for a, v in want.items() if a not in only_in}, "effective_size")
    assert all(b.actors.at[a, "effective_size"] > 0 for a in only_in)
    # Efficiency = effective size / number of neighbours (networkx has none).
    k = pd.Series({a: len(set(nx.all_neighbors(g, a)) - {a}) for a in g}, dtype=float)
    eff = b.actors["effective_size"] / k
    assert_close(b.actors["efficiency"], {a: (eff[a] if k[a] else math.nan) for a in g}, "efficiency")


def test_bridges_and_articulation_points_match_networkx(case):
    net, g = case
    b = net.bridging(["cut_points"])
    u = nx.Graph(undirected_view(g))
    u.remove_edges_from(nx.selfloop_edges(u))
    aps = set(nx.articulation_points(u))
    assert set(b.actors.index[b.actors["is_articulation_point"] == 1]) == aps
    assert (b.actors.loc[b.actors["is_articulation_point"] == 0, "cut_off"] == 0).all()
    assert (b.actors.loc[b.actors["is_articulation_point"] == 1, "cut_off"] > 0).all()
    want = {frozenset(e) for e in nx.bridges(u)}
    got = {frozenset((s, t)) for s, t, x in zip(b.ties["source"], b.ties["target"], b.ties["is_bridge"]) if x}
    assert got == want
    assert b.ties["is_bridge"].dtype == bool
    assert b.network["bridges"] == len(want)
    assert b.network["articulation_points"] == len(aps)


@pytest.mark.parametrize("algorithm", ["louvain", "leiden"])
@pytest.mark.parametrize("resolution", [1.0, 0.5, 2.0])
def test_modularity_of_the_partition_matches_networkx(case, algorithm, resolution):
    net, g = case
    b = net.bridging(["communities"], algorithm=algorithm, resolution=resolution, seed=7)
    comm = b.actors["community"]
    assert comm.min() == 0 and comm.max() + 1 == b.network["communities"]
    # Numbered by smallest member: community ids appear in increasing order.
    firsts = pd.Series(range(len(comm)), index=comm.index).groupby(comm.to_numpy()).min()
    assert firsts.is_monotonic_increasing
    parts = [set(members) for _, members in comm.groupby(comm.to_numpy()).groups.items()]
    q = nx.community.modularity(undirected_view(g), parts, weight="weight", resolution=resolution)
    assert math.isclose(b.network["modularity"], q, rel_tol=1e-9, abs_tol=1e-12), (b.network["modularity"], q)
    assert q > 0.1 or resolution == 2.0


def test_same_seed_same_partition(case):
    net, _ = case
    a = net.bridging(["communities"], seed=11).actors["community"]
    b = net.bridging(["communities"], seed=11).actors["community"]
    pd.testing.assert_series_equal(a, b)


@pytest.mark.parametrize("attribute", ["role", "site"])
def test_assortativity_and_mixing_match_networkx(case, attribute):
    net, g = case
    b = net.bridging(["mixing", "assortativity"], group_by=[attribute])
    want = nx.attribute_assortativity_coefficient(g, attribute)
    got = b.network[f"assortativity_{attribute}"]
    assert (math.isnan(got) and math.isnan(want)) or math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12), \
        (got, want)
    # networkx's attribute_mixing_dict: directed ties once (rows = source
    # group), undirected ties in both cells.
    mixing = b.mixing[attribute]
    ref = nx.attribute_mixing_dict(g, attribute)
    got_cells = {(f, t): n for f, t, n in zip(mixing["group_from"], mixing["group_to"], mixing["ties"])}
    want_cells = {(f, t): n for f, row in ref.items() for t, n in row.items() if n}
    assert got_cells == want_cells
    factor = 1 if g.is_directed() else 2
    assert mixing["ties"].sum() == factor * g.number_of_edges()
    assert math.isclose(mixing["weight"].sum(), factor * g.size(weight="weight"), rel_tol=1e-12)


def test_community_roles_definitions(case):
    """Guimera-Amaral participation P_i = 1 - sum_s (k_is / k_i)^2 over the
    found communities (weighted: strengths), on the undirected view."""
    net, g = case
    b = net.bridging(["communities", "community_roles"], weighted=False)
    comm = b.actors["community"]
    # Unweighted undirected view: 1 per tie, so a reciprocated directed pair weighs 2.
    ties: dict[str, dict[str, int]] = {a: {} for a in g}
    for s, t in g.edges():
        if s != t:
            ties[s][t] = ties[s].get(t, 0) + 1
            ties[t][s] = ties[t].get(s, 0) + 1
    want = {}
    for a, nbrs in ties.items():
        k = sum(nbrs.values())
        if not k:
            want[a] = 0.0
            continue
        by_comm: dict[int, int] = {}
        for v, w in nbrs.items():
            by_comm[comm[v]] = by_comm.get(comm[v], 0) + w
        want[a] = 1.0 - sum((x / k) ** 2 for x in by_comm.values())
    assert_close(b.actors["participation"], want, "participation")


# --------------------------------------------------------- Louvain vs igraph ---


@pytest.mark.parametrize("name", ["karate_club", "les_miserables"])
def test_louvain_modularity_at_least_igraphs(name):
    path = GOLDEN / f"{name}.csv"
    if not path.exists():
        pytest.skip("no golden graph")
    net = movemap.load(path, directed=False)
    b = net.bridging(["communities"])
    t = net.ties()
    ids = list(net.actors())
    index = {a: i for i, a in enumerate(ids)}
    gi = ig.Graph(n=len(ids), edges=[(index[s], index[d]) for s, d in zip(t["source"], t["target"])])
    gi.es["weight"] = t["weight"].tolist()
    q_ig = gi.community_multilevel(weights="weight").modularity
    assert b.network["modularity"] >= 0.99 * q_ig, (b.network["modularity"], q_ig)


# ------------------------------------------------------------ result shape ---


def test_default_result_shape(case):
    net, _ = case
    b = net.bridging(key_players=3, permutations=50)
    assert b.measures == movemap.DEFAULT_BRIDGING_MEASURES + ("key_players",)
    assert b.group_by == ("role", "site")
    assert list(b.actors.index) == list(net.actors())
    assert b.actors.index.name == "id"
    assert list(b.actors.columns[:2]) == ["role", "site"]
    for col in ("constraint", "effective_size", "efficiency", "hierarchy", "brokerage_role_coordinator",
                "brokerage_role_total_z", "brokerage_site_liaison", "is_articulation_point", "cut_off", "community",
                "participation", "within_module_z", "key_player_rank"):
        assert col in b.actors.columns, col
    assert set(b.mixing) == set(b.ei_index) == set(b.brokerage_by_group) == {"role", "site"}
    assert list(b.ei_index["role"].columns) == ["group", "actors", "internal", "external", "ei", "expected", "p_value"]
    assert b.ei_index["role"]["group"].iloc[-1] == "(overall)"
    p = b.network["ei_index_role_p_value"]
    assert 0 < p <= 1
    assert list(b.brokerage_by_group["site"].columns) == ["group", "actors", "role", "count", "expected", "sd", "z"]
    assert "(missing)" in set(b.groups["site"]["group"])
    assert b.groups["site"]["group"].iloc[-1] == "(missing)"
    assert b.groups["role"]["actors"].sum() == net.num_actors
    assert len(b.key_players) == 3
    assert list(b.key_players["rank"]) == [1, 2, 3]
    ranks = b.actors["key_player_rank"]
    assert list(ranks[ranks > 0].sort_values().index) == list(b.key_players["id"])
    frag = b.key_players["fragmentation_after"].to_numpy()
    assert (np.diff(frag) >= 0).all() and frag[0] >= b.network["fragmentation_before"]
    assert b["network"] is b.network


def test_brokerage_counts_by_group_add_up(case):
    """The group-level count of a role is the sum of its members' counts."""
    net, _ = case
    b = net.bridging(["brokerage"], group_by="role")
    table = b.brokerage_by_group["role"]
    groups = table[table["group"] != "(overall)"]
    overall = table[table["group"] == "(overall)"].set_index("role")
    assert list(overall.index) == ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "total"]
    for role in ("coordinator", "itinerant", "representative", "gatekeeper", "liaison"):
        column = b.actors[f"brokerage_role_{role}"]
        by_group = column.groupby(b.actors["role"]).sum()
        rows = groups[groups["role"] == role].set_index("group")["count"]
        for group, count in rows.items():
            assert count == by_group.get(group, 0), (role, group)
        assert overall.at[role, "count"] == column.sum(), role
    assert overall.at["total", "count"] == b.actors["brokerage_role_total"].sum()
    if not net.directed:  # each tie two arcs: a - b - c brokered both ways
        assert (b.actors["brokerage_role_representative"] == b.actors["brokerage_role_gatekeeper"]).all()


def test_community_as_a_group(case):
    net, _ = case
    b = net.bridging(["communities", "ei_index"], group_by=["community"], permutations=0)
    ei = b.ei_index["community"]
    assert len(ei) == b.network["communities"] + 1
    assert math.isnan(b.network["ei_index_community_p_value"])


# ---------------------------------------------------------------- errors ---


def test_errors(case):
    net, _ = case
    with pytest.raises(movemap.UsageError, match='"brokrage".*known measures: holes'):
        net.bridging(["brokrage"])
    with pytest.raises(movemap.UsageError, match='unknown group attribute "postcode"'):
        net.bridging(["mixing"], group_by=["postcode"])
    with pytest.raises(movemap.UsageError, match="louvain or leiden"):
        net.bridging(["communities"], algorithm="infomap")
    with pytest.raises(movemap.UsageError, match="resolution"):
        net.bridging(["communities"], resolution=0)
    with pytest.raises(movemap.UsageError, match="key_players"):
        net.bridging(["key_players"])
    with pytest.raises(movemap.UsageError, match="exceeds the number of actors"):
        net.bridging(["key_players"], key_players=net.num_actors + 1)
    assert set(movemap.BRIDGING_MEASURES) >= set(movemap.DEFAULT_BRIDGING_MEASURES)


def test_progress_and_cancel(case):
    net, _ = case
    seen: list[float] = []
    net.bridging(progress=seen.append, permutations=10)
    assert seen and seen[-1] == 1.0
    assert all(a <= b for a, b in zip(seen, seen[1:]))
    with pytest.raises(movemap.Cancelled):
        net.bridging(progress=lambda f: False)


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


@pytest.mark.parametrize("directed", [True, False])
def test_cli_equals_python(cli, sample, tmp_path, directed):
    lp, ap = sample
    out = tmp_path / "out"
    args = [cli, "bridging", str(lp), "--actors", str(ap), "--out", str(out), "--quiet", "--key-players", "3",
            "--permutations", "100", "--seed", "5", "--resolution", "0.9"]
    if not directed:
        args.append("--undirected")
    subprocess.run(args, check=True, capture_output=True, timeout=300)
    net = movemap.load(lp, actors=ap, directed=directed)
    b = net.bridging(key_players=3, permutations=100, seed=5, resolution=0.9)
    nodes = pd.read_csv(out / "nodes.csv", dtype={"id": str}, keep_default_na=False).set_index("id")
    assert list(nodes.index) == list(b.actors.index)
    measure_columns = [c for c in b.actors.columns if c not in ("role", "site", "label")]
    for col in measure_columns:
        np.testing.assert_array_equal(nodes[col].to_numpy(dtype=float), b.actors[col].to_numpy(dtype=float),
                                      err_msg=col)
    ties = pd.read_csv(out / "ties.csv", dtype={"source": str, "target": str}, keep_default_na=False)
    assert (ties["is_bridge"].to_numpy() == b.ties["is_bridge"].to_numpy().astype(int)).all()
    for kind, frames in (("mixing", b.mixing), ("ei_index", b.ei_index), ("brokerage", b.brokerage_by_group)):
        for attr, frame in frames.items():
            csv = pd.read_csv(out / f"{kind}_{attr}.csv", dtype={"group": str, "group_from": str, "group_to": str},
                              keep_default_na=False, na_values=[""])
            pd.testing.assert_frame_equal(csv, frame, check_dtype=False, obj=f"{kind}_{attr}")
    kp = pd.read_csv(out / "key_players.csv", dtype={"id": str})
    pd.testing.assert_frame_equal(kp, b.key_players, check_dtype=False)
    network = json.loads((out / "bridging.json").read_text())["network"]
    for k, v in b.network.items():
        assert (network[k] is None and math.isnan(v)) or network[k] == v, k
