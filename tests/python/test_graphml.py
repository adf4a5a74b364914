"""GraphML written by movemap, read back by networkx and igraph."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

import movemap

HOSTILE = "<&\"'> Zoë ☂ 北京"


@pytest.fixture
def hostile_files(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "time,source,target,event,kind,weight\n"
        "2024-01-01,ann,b&o,,referral,2\n"
        "2024-01-02,b&o,ann,,a<b>,\n"
        "2024-01-03,Zoë,ann,,message,0.25\n"
        "2024-01-04,ann,,ev,,\n"
        "2024-01-04,Zoë,,ev,,\n"
        "2024-01-05,has space,ann,,,\n",
        encoding="utf-8",
    )
    actors = tmp_path / "actors.csv"
    pd.DataFrame({
        "id": ["ann", "b&o", "Zoë", "lonely"],
        "role": ["champion", "service", "citizen", "citizen"],
        "label": [HOSTILE, "B & O", "", "Ünïcode ñ"],
        "site": ["North", "South", "North", ""],
        "age": ["31", "", "45", "52"],
        "member": ["true", "false", "", "true"],
    }).to_csv(actors, index=False)
    return log, actors


def actor_of(node_id, data):
    return data.get("actor_id", node_id)


@pytest.mark.parametrize("directed", [True, False])
def test_networkx_reads_back(tmp_path, hostile_files, directed):
    log, actors = hostile_files
    net = movemap.load(log, actors=actors, directed=directed)
    out = tmp_path / "net.graphml"
    net.write_graphml(out)
    g = nx.read_graphml(out)
    assert g.is_directed() is directed
    nodes = {actor_of(n, d): d for n, d in g.nodes(data=True)}
    assert set(nodes) == set(net.actors())
    assert nodes["ann"]["label"] == HOSTILE
    assert nodes["lonely"]["label"] == "Ünïcode ñ"
    assert "label" not in nodes["Zoë"]  # missing values are not written
    assert nodes["ann"]["role"] == "champion" and nodes["has space"]["role"] == "unknown"
    assert nodes["ann"]["age"] == 31 and nodes["Zoë"]["age"] == 45  # typed long
    assert nodes["ann"]["member"] is True and nodes["b&o"]["member"] is False  # typed boolean
    deg = net.degree()
    comp = net.components()
    for a, d in nodes.items():
        assert d["degree"] == deg.loc[a, "degree"]
        assert d["strength"] == pytest.approx(deg.loc[a, "strength"])
        assert d["component"] == comp.loc[a]
        if directed:
            assert d["in_degree"] == deg.loc[a, "in_degree"]
            assert d["out_strength"] == pytest.approx(deg.loc[a, "out_strength"])
    ident = {n: actor_of(n, d) for n, d in g.nodes(data=True)}
    edges = {(ident[u], ident[v]): d for u, v, d in g.edges(data=True)}
    ties = net.ties()
    assert len(edges) == len(ties)
    for t in ties.itertuples(index=False):
        key = (t.source, t.target)
        if not directed and key not in edges:
            key = (t.target, t.source)
        d = edges[key]
        assert d["weight"] == pytest.approx(t.weight)
        assert d["count"] == t.count
        assert pd.Timestamp(d["first_seen"]) == t.first_seen
        assert pd.Timestamp(d["last_seen"]) == t.last_seen
        assert set(d["kinds"].split(";")) == set(t.kinds.split(";"))


@pytest.mark.parametrize("directed", [True, False])
def test_igraph_reads_back(tmp_path, hostile_files, directed):
    igraph = pytest.importorskip("igraph")
    log, actors = hostile_files
    net = movemap.load(log, actors=actors, directed=directed)
    out = tmp_path / "net.graphml"
    net.write_graphml(out)
    g = igraph.Graph.Read_GraphML(str(out))
    assert g.is_directed() is directed
    assert g.vcount() == net.num_actors and g.ecount() == net.num_ties
    names = g.vs["actor_id"] if "actor_id" in g.vs.attributes() else g.vs["id"]
    names = [n if n else i for n, i in zip(names, g.vs["id"])]
    assert set(names) == set(net.actors())
    label = dict(zip(names, g.vs["label"]))
    assert label["ann"] == HOSTILE
    assert label["lonely"] == "Ünïcode ñ"
    deg = net.degree()
    for name, d, s in zip(names, g.vs["degree"], g.vs["strength"]):
        assert d == deg.loc[name, "degree"]
        assert s == pytest.approx(deg.loc[name, "strength"])
    w = {}
    for e in g.es:
        w[(names[e.source], names[e.target])] = (e["weight"], e["count"])
    for t in net.ties().itertuples(index=False):
        key = (t.source, t.target) if (t.source, t.target) in w else (t.target, t.source)
        assert w[key][0] == pytest.approx(t.weight) and w[key][1] == t.count


def test_graphml_options(tmp_path, hostile_files):
    log, actors = hostile_files
    net = movemap.load(log, actors=actors)
    out = tmp_path / "few.graphml"
    net.write_graphml(out, attributes=["role"], labels=False, measures=False)
    g = nx.read_graphml(out)
    keys = set()
    for _, d in g.nodes(data=True):
        keys |= set(d) - {"actor_id"}
    assert keys == {"role"}


def test_node_table_and_summary_files(tmp_path, hostile_files):
    log, actors = hostile_files
    net = movemap.load(log, actors=actors)
    net.write_node_table(tmp_path / "nodes.csv")
    net.write_tie_table(tmp_path / "ties.csv")
    net.write_summary(tmp_path / "summary.json")
    nodes = pd.read_csv(tmp_path / "nodes.csv", dtype={"id": str}, keep_default_na=False).set_index("id")
    deg = net.degree()
    assert list(nodes.index) == list(deg.index)
    assert nodes.loc["ann", "label"] == HOSTILE
    for c in ("in_degree", "out_degree", "degree"):
        assert nodes[c].tolist() == deg[c].tolist()
    import json
    s = json.loads((tmp_path / "summary.json").read_text())
    assert s["network"]["ties"] == net.num_ties
    assert s["input"]["rows_read"] == net.read_stats["rows_read"]
    ties = pd.read_csv(tmp_path / "ties.csv", keep_default_na=False)
    assert len(ties) == net.num_ties
    assert math.isclose(ties["weight"].sum(), net.summary()["total_weight"])
