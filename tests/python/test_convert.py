"""Network.to_networkx and Network.to_igraph carry the same network: node
attributes, edge weight/count/first_seen/last_seen/kinds, directedness; their
degrees and strengths equal movemap's."""

from __future__ import annotations

from pathlib import Path

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import movemap

SAMPLES = Path(__file__).resolve().parents[2] / "data-samples"


@pytest.fixture(scope="module", params=[True, False], ids=["directed", "undirected"])
def net(request):
    return movemap.load(SAMPLES / "interactions.csv", actors=SAMPLES / "actors.csv", directed=request.param)


def test_igraph_degrees_and_strengths(net):
    g = net.to_igraph()
    assert isinstance(g, ig.Graph)
    assert g.is_directed() == net.directed
    assert g.vcount() == net.num_actors and g.ecount() == net.num_ties
    d = net.degree()
    assert g.vs["name"] == list(d.index)
    if net.directed:
        np.testing.assert_array_equal(g.outdegree(), d["out_degree"].to_numpy())
        np.testing.assert_array_equal(g.indegree(), d["in_degree"].to_numpy())
        np.testing.assert_allclose(g.strength(mode="out", weights="weight"), d["out_strength"], rtol=1e-12)
        np.testing.assert_allclose(g.strength(mode="in", weights="weight"), d["in_strength"], rtol=1e-12)
    np.testing.assert_array_equal(g.degree(), d["degree"].to_numpy())
    np.testing.assert_allclose(g.strength(weights="weight"), d["strength"], rtol=1e-12)


def test_networkx_degrees_and_strengths(net):
    g = net.to_networkx()
    assert g.is_directed() == net.directed
    assert g.number_of_nodes() == net.num_actors and g.number_of_edges() == net.num_ties
    d = net.degree()
    assert list(g.nodes) == list(d.index)
    assert [g.degree(a) for a in d.index] == d["degree"].tolist()
    np.testing.assert_allclose([g.degree(a, weight="weight") for a in d.index], d["strength"], rtol=1e-12)


def test_both_carry_the_same_attributes(net):
    g, h = net.to_igraph(), net.to_networkx()
    attrs = net.attributes()
    ties = net.ties()
    for i, a in enumerate(list(attrs.index)[:50]):
        v = g.vs[i]
        assert v["name"] == a
        assert v["role"] == h.nodes[a]["role"] == attrs.loc[a, "role"]
        assert v["site"] == h.nodes[a].get("site") == attrs.loc[a, "site"]
    epoch, second = pd.Timestamp(0, tz="UTC"), pd.Timedelta(seconds=1)
    first = (ties["first_seen"] - epoch) // second
    last = (ties["last_seen"] - epoch) // second
    for e in range(0, len(ties), max(1, len(ties) // 200)):
        s, t = ties.at[e, "source"], ties.at[e, "target"]
        edge = g.es[e]
        assert (g.vs[edge.source]["name"], g.vs[edge.target]["name"]) == (s, t)
        for key, want in (("weight", ties.at[e, "weight"]), ("count", ties.at[e, "count"]),
                          ("first_seen", first[e]), ("last_seen", last[e]), ("kinds", ties.at[e, "kinds"])):
            assert edge[key] == want == h[s][t][key], key


def test_isolates_and_missing_attributes():
    log = pd.DataFrame({"time": ["2024-01-01", "2024-01-02"], "source": ["a", "b"], "target": ["b", "b"]})
    actors = pd.DataFrame({"id": ["a", "b", "z"], "role": ["champion", "citizen", "service"],
                           "site": ["north", None, "south"]})
    for directed in (True, False):
        net = movemap.load(log, actors=actors, directed=directed)
        g = net.to_igraph()
        assert g.vs["name"] == ["a", "b", "z"] and g.degree()[2] == 0  # the isolate stays
        assert g.vs["site"] == ["north", None, "south"]
        assert g.es["count"] == [1, 1]
        assert g.degree() == [g.degree(v) for v in range(3)] == net.degree()["degree"].tolist()
        h = net.to_networkx()
        assert "site" not in h.nodes["b"] and h.has_edge("b", "b")


def test_round_trip_through_graphml_readers(tmp_path):
    # to_igraph equals what igraph reads from movemap's own GraphML.
    net = movemap.load(SAMPLES / "interactions.csv", actors=SAMPLES / "actors.csv")
    net.write_graphml(tmp_path / "n.graphml", measures=False)
    read = ig.Graph.Read_GraphML(str(tmp_path / "n.graphml"))
    g = net.to_igraph()
    assert read.vs["id"] == g.vs["name"]
    np.testing.assert_allclose(read.es["weight"], g.es["weight"])
    assert [(e.source, e.target) for e in read.es] == [(e.source, e.target) for e in g.es]
    assert nx.utils.graphs_equal(nx.DiGraph(net.to_networkx()), net.to_networkx())
