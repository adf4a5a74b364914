"""Every public Network method on empty inputs (no rows; only isolates), and
its argument errors. A public method missing from CALLS fails the coverage
test, so each capability is covered as it lands."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest

import movemap

EMPTY_LOG = pd.DataFrame({"time": pd.Series([], dtype="int64"), "source": pd.Series([], dtype=object),
                          "target": pd.Series([], dtype=object)})


def empty_network(directed=True):
    return movemap.load(EMPTY_LOG, directed=directed)


def isolates_network(directed=True):
    actors = pd.DataFrame({"id": ["a", "b", "c"], "role": ["champion", "citizen", "service"],
                           "site": ["north", "north", "south"]})
    return movemap.load(EMPTY_LOG, actors=actors, directed=directed)


def small_network(directed=True):
    log = pd.DataFrame({"time": ["2024-01-01", "2024-01-05", "2024-02-01", "2024-03-01"],
                        "source": ["a", "b", "c", "a"], "target": ["b", "c", "a", "c"]})
    actors = pd.DataFrame({"id": ["a", "b", "c", "d"], "role": ["champion", "citizen", "service", "citizen"]})
    return movemap.load(log, actors=actors, directed=directed)


# name -> (call on a network, check of the result on an empty/isolates network)
def _writes(method):
    def call(net, tmp_path):
        path = tmp_path / f"{method}.out"
        getattr(net, method)(path)
        return path.stat().st_size
    return call


def _ripples(net, tmp_path):
    if net.num_actors == 0:  # the default seeds (role=champion) select nobody: an error, not an empty result
        with pytest.raises(movemap.UsageError, match="selects no actor"):
            net.ripples()
        return net.actors()
    r = net.ripples()
    assert len(r.reach) == net.num_actors and r.reach["reached"].sum() == 1  # only the champion, no contacts
    return r.reach


CALLS = {
    "actors": lambda net, tmp: net.actors(),
    "attributes": lambda net, tmp: net.attributes(),
    "summary": lambda net, tmp: net.summary(),
    "degree": lambda net, tmp: net.degree(),
    "components": lambda net, tmp: net.components(),
    "centrality": lambda net, tmp: net.centrality(),
    "centrality_arrays": lambda net, tmp: net.centrality_arrays(["betweenness", "tie_betweenness"]),
    "tie_centrality": lambda net, tmp: net.tie_centrality(),
    "bridging": lambda net, tmp: net.bridging(),
    "momentum": lambda net, tmp: net.momentum("30d", "30d"),
    "ripples": _ripples,
    "role_changes": lambda net, tmp: net.role_changes,
    "ties": lambda net, tmp: net.ties(),
    "to_networkx": lambda net, tmp: net.to_networkx(),
    "to_igraph": lambda net, tmp: net.to_igraph(),
    "subgraph": lambda net, tmp: net.subgraph(between=(0, 2_000_000_000)),
    "write_graphml": _writes("write_graphml"),
    "write_gexf": _writes("write_gexf"),
    "write_node_table": _writes("write_node_table"),
    "write_tie_table": _writes("write_tie_table"),
    "write_summary": _writes("write_summary"),
}
PROPERTIES = {"core", "directed", "num_actors", "num_ties", "read_stats"}


def public_methods():
    return sorted(n for n, v in inspect.getmembers(movemap.Network) if not n.startswith("_") and n not in PROPERTIES)


def test_every_public_method_is_covered():
    missing = [n for n in public_methods() if n not in CALLS]
    assert not missing, f"add {missing} to CALLS in tests/python/test_api.py (empty inputs and errors)"


@pytest.mark.parametrize("make", [empty_network, isolates_network], ids=["no-actors", "isolates"])
@pytest.mark.parametrize("directed", [True, False], ids=["directed", "undirected"])
@pytest.mark.parametrize("name", public_methods())
def test_empty_inputs(name, make, directed, tmp_path):
    net = make(directed)
    result = CALLS[name](net, tmp_path)
    if isinstance(result, (pd.DataFrame, pd.Series, pd.Index)):
        assert len(result) in (0, net.num_actors)
    elif isinstance(result, int):  # a file was written
        assert result > 0
    elif name == "momentum":  # no interactions: no windows
        assert len(result.windows) == 0


def test_errors_of_each_method(tmp_path):
    net = small_network()
    with pytest.raises(movemap.UsageError):
        net.components("sideways")
    with pytest.raises(movemap.UsageError, match="unknown"):
        net.centrality(["fame"])
    with pytest.raises(movemap.UsageError):
        net.centrality(["tie_betweenness"])
    with pytest.raises(movemap.UsageError):
        net.tie_centrality(["pagerank"])
    with pytest.raises(movemap.UsageError):
        net.centrality_arrays([3])
    with pytest.raises(movemap.UsageError):
        net.bridging(["influence"])
    with pytest.raises(movemap.UsageError):
        net.bridging(group_by=["colour"])
    with pytest.raises((movemap.UsageError, ValueError)):
        net.momentum("0d")
    with pytest.raises(movemap.UsageError):
        net.subgraph(roles="nobody")
    with pytest.raises(movemap.UsageError, match="unknown seed"):
        net.ripples(seeds="nobody")
    with pytest.raises(movemap.IoError):
        net.write_graphml(tmp_path / "missing-folder" / "x.graphml")
    with pytest.raises(movemap.IoError):
        net.write_node_table(tmp_path / "missing-folder" / "x.csv")
    with pytest.raises(movemap.IoError):
        net.write_tie_table(tmp_path / "missing-folder" / "x.csv")
    with pytest.raises(movemap.IoError):
        net.write_summary(tmp_path / "missing-folder" / "x.json")
    with pytest.raises(TypeError):
        movemap.Network(object())
    with pytest.raises(TypeError):
        movemap.load(42)


def test_results_on_a_small_network_are_indexed_by_actor(tmp_path):
    net = small_network()
    for name in ("degree", "centrality"):
        frame = CALLS[name](net, tmp_path)
        assert list(frame.index) == ["a", "b", "c", "d"] and frame.index.name == "id"
        assert frame["role"].tolist() == ["champion", "citizen", "service", "citizen"]
    assert np.isclose(net.centrality(["degree"])["degree"].sum(), 2 * net.num_ties)
