"""The engine module itself: zero-copy results, logs, actor tables."""

from __future__ import annotations

import gc
import sys

import numpy as np
import pytest

import movemap
from movemap import _core


@pytest.fixture
def net(small_log):
    return _core.build_network(_core.read_log(str(small_log)))


def test_degree_arrays_are_zero_copy(net):
    d = net.degree()
    assert set(d) == {"in_degree", "out_degree", "degree", "in_strength", "out_strength", "strength"}
    for name, arr in d.items():
        assert arr.base is not None, name
        assert not arr.flags.owndata, name
        assert arr.shape == (net.num_nodes,)
    assert d["degree"].dtype == np.int64 and d["strength"].dtype == np.float64
    c = net.weak_components()
    assert c.dtype == np.uint32 and c.base is not None and not c.flags.owndata


def test_arrays_outlive_their_owner(small_log):
    n = _core.build_network(_core.read_log(str(small_log)))
    d = n.degree()["strength"]
    t = n.ties()["weight"]
    expect_d, expect_t = d.copy(), t.copy()
    del n
    gc.collect()
    np.testing.assert_array_equal(d, expect_d)
    np.testing.assert_array_equal(t, expect_t)


def test_ties_are_read_only_views(net):
    t = net.ties()
    assert t["source"].dtype == np.uint32 and t["count"].dtype == np.uint64
    assert t["first_seen"].dtype == np.int64 and t["weight"].dtype == np.float64
    for arr in t.values():
        assert not arr.flags.writeable and not arr.flags.owndata
    with pytest.raises(ValueError):
        t["weight"][0] = 5
    assert len(net.tie_kinds()) == net.num_ties


def test_read_log_stats_and_consume(small_log):
    log = _core.read_log(str(small_log))
    assert log.rows == 7 and log.stats["accepted"] == 7 and log.stats["ignored_columns"] == []
    a = _core.build_network(log, directed=False)
    b = _core.build_network(log, directed=True, consume=True)
    assert a.num_ties <= b.num_ties and log.consumed
    with pytest.raises(movemap.UsageError, match="consumed"):
        _core.build_network(log)


def test_log_from_columns_checks_rows():
    t = np.array([1, 2], dtype=np.int64)
    log = _core.log_from_columns(t, ["a", "b"], target=["b", None], event=[None, "e"], kind=["k", float("nan")],
                                 weight=np.array([2.0, np.nan]))
    assert log.rows == 2 and log.num_events == 1
    with pytest.raises(movemap.InputError, match=r"^row 1: column 'source': the id \"a\\x07\""):
        _core.log_from_columns(t, ["a\x07", "b"], target=["b", "a"])
    with pytest.raises(movemap.InputError, match=r"^row 2: column 'To': empty; expected an actor id"):
        _core.log_from_columns(t, ["a", "b"], target=["b", ""], names={"target": "To"})
    with pytest.raises(movemap.InputError, match=r"^row 2: column 'weight': inf"):
        _core.log_from_columns(t, ["a", "b"], target=["b", "a"], weight=[1.0, np.inf])
    with pytest.raises(movemap.InputError, match=r"^row 1: column 'target': found a value of type int"):
        _core.log_from_columns(t, ["a", "b"], target=[3, "a"])
    with pytest.raises(movemap.UsageError, match="same length"):
        _core.log_from_columns(t, ["a"], target=["b"])
    with pytest.raises(movemap.UsageError, match="one of 'target' or 'event'"):
        _core.log_from_columns(t, ["a", "b"])


def test_log_from_columns_large_chunks():
    # More than one chunk (1 << 16 rows), strings both ASCII and not.
    n = 150_000
    src = [f"a{i % 5000}" if i % 3 else f"ü{i % 700}" for i in range(n)]
    tgt = [f"a{(i * 7) % 5000}" for i in range(n)]
    log = _core.log_from_columns(np.arange(n, dtype=np.int64), src, target=tgt)
    net = _core.build_network(log)
    assert log.rows == n
    assert net.num_nodes == len(set(src) | set(tgt))
    assert net.degree()["out_degree"].sum() == net.num_ties
    # No lasting UTF-8 cache on the caller's strings.
    assert sys.getsizeof("ü1") == sys.getsizeof(src[0 if src[0].startswith("ü") else 3])


def test_actors_from_columns():
    t = _core.actors_from_columns(["a", "b"], {"role": ["champion", None], "age": ["3", "4"]})
    assert t.ids() == ["a", "b"] and t.attributes()["role"] == ["champion", None]
    assert t.attribute_types()["age"] == "long"
    with pytest.raises(movemap.InputError, match=r"^row 3: duplicate actor id \"a\" \(first on row 1\)"):
        _core.actors_from_columns(["a", "b", "a"])
    with pytest.raises(movemap.UsageError, match="one value per actor"):
        _core.actors_from_columns(["a", "b"], {"role": ["x"]})


def test_network_attributes_and_summary(small_log, tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text("id,role,label\nann,champion,Ann\nzed,citizen,\n")
    n = _core.build_network(_core.read_log(str(small_log)), _core.read_actors(str(actors)))
    assert n.actor_ids() == ["ann", "zed", "bob", "cy"]
    attrs = n.attributes()
    assert attrs["role"] == ["champion", "citizen", "unknown", "unknown"]
    assert attrs["label"] == ["Ann", None, None, None]
    s = n.summary()
    assert s["actors_by_role"] == {"champion": 1, "citizen": 1, "unknown": 2}
    assert s["actors_in_table"] == 2 and s["actors_created"] == 2 and s["actors_without_interactions"] == 1
    assert s["reciprocity"] is not None


def test_repr_and_version(small_log):
    net = movemap.load(small_log, directed=False)
    assert repr(net).startswith("<movemap.Network undirected: 3 actors")
    assert movemap.__version__ == "0.1.0" == _core.__version__


def test_to_networkx(small_log):
    net = movemap.load(small_log)
    g = net.to_networkx()
    assert g.number_of_nodes() == net.num_actors and g.number_of_edges() == net.num_ties
    assert g["ann"]["bob"]["count"] == 3
