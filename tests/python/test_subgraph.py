"""Network.subgraph (engine/include/movemap/subnetwork.hpp): equal to the
network loaded from the filtered log; its time arguments, errors and empty
cases; the CLI's --roles/--sites/--from/--to give the same tables."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import movemap
from movemap import _core

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data-samples"


@pytest.fixture(scope="module")
def sample():
    log = pd.read_csv(SAMPLES / "interactions.csv", dtype={"weight": float})
    actors = pd.read_csv(SAMPLES / "actors.csv", dtype=str, keep_default_na=False)
    return log, actors


def tie_set(net: movemap.Network) -> pd.DataFrame:
    t = net.ties()
    return t.sort_values(["source", "target"]).reset_index(drop=True)


def assert_same_network(got: movemap.Network, want: movemap.Network) -> None:
    assert list(got.actors()) == list(want.actors())
    pd.testing.assert_frame_equal(tie_set(got), tie_set(want))
    pd.testing.assert_frame_equal(got.degree(), want.degree())
    a, b = got.summary(), want.summary()
    for k in ("actors", "ties", "density", "reciprocity", "total_weight", "weak_components", "largest_component",
              "interactions", "pair_rows", "self_interactions", "actors_without_interactions", "actors_by_role"):
        assert a[k] == b[k], k


def seconds(text) -> pd.Series:
    return (pd.to_datetime(text, utc=True, format="ISO8601") - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)


@pytest.mark.parametrize("directed", [True, False])
def test_roles_equal_load_of_filtered_log(sample, directed):
    log, actors = sample
    keep = ["champion", "anchor"]
    net = movemap.load(log, actors=actors, directed=directed)
    ids = set(actors.loc[actors["role"].isin(keep), "id"])
    # Pair rows between kept actors, attendance rows of kept actors.
    rows = log["source"].isin(ids) & (log["target"].isna() | log["target"].isin(ids))
    want = movemap.load(log[rows], actors=actors[actors["id"].isin(ids)], directed=directed)
    assert_same_network(net.subgraph(roles=keep), want)


def test_sites_and_actors_combine(sample):
    log, actors = sample
    net = movemap.load(log, actors=actors)
    site = actors["site"].iloc[0]
    sub = net.subgraph(roles="citizen", sites=site)
    expected = actors[(actors["role"] == "citizen") & (actors["site"] == site)]["id"].tolist()
    assert list(sub.actors()) == expected
    assert set(sub.attributes()["site"]) == {site}
    # actors= keeps exactly those ids, in node order.
    few = expected[:5][::-1]
    assert list(net.subgraph(actors=few).actors()) == expected[:5]
    assert list(net.subgraph(actors=expected[0]).actors()) == expected[:1]


@pytest.mark.parametrize("directed", [True, False])
def test_between_equals_load_of_rows_in_interval(sample, directed):
    # attendance="none": contacts are the pair rows, so "rows in the interval"
    # is exactly the definition (co-attendance times are checked below).
    log, actors = sample
    net = movemap.load(log, actors=actors, directed=directed, attendance="none")
    t = seconds(log["time"])
    lo, hi = seconds(pd.Series(["2024-02-01", "2024-08-15T12:00:00Z"]))
    want = movemap.load(log[(t >= lo) & (t < hi)], actors=actors, directed=directed, attendance="none")
    assert_same_network(net.subgraph(between=("2024-02-01", "2024-08-15T12:00:00Z")), want)


def test_between_with_coattendance_equals_filtered_log():
    # Each event at one time and attended once per person: the co-attendance
    # contacts of the interval are those of the events in it.
    rng = np.random.default_rng(3)
    rows = []
    for i in range(300):
        rows.append((int(rng.integers(0, 1000)), f"p{rng.integers(0, 40)}", f"p{rng.integers(0, 40)}", None))
    for e in range(25):
        when = int(rng.integers(0, 1000))
        for p in rng.choice(40, size=int(rng.integers(1, 8)), replace=False):
            rows.append((when, f"p{p}", None, f"e{e}"))
    log = pd.DataFrame(rows, columns=["time", "source", "target", "event"])
    actors = pd.DataFrame({"id": [f"p{i}" for i in range(40)]})
    for directed in (True, False):
        net = movemap.load(log, actors=actors, directed=directed)
        sub = net.subgraph(between=(250, 700))
        want = movemap.load(log[(log.time >= 250) & (log.time < 700)], actors=actors, directed=directed)
        assert_same_network(sub, want)
        assert sub.summary()["attendances"] == want.summary()["attendances"]


def test_time_arguments_are_equivalent(sample):
    log, actors = sample
    net = movemap.load(log, actors=actors)
    ref = tie_set(net.subgraph(between=("2024-01-01", "2024-07-01")))
    same = [
        (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-07-01")),
        (pd.Timestamp("2024-01-01T01:00:00+01:00"), pd.Timestamp("2024-07-01", tz="UTC")),
        (dt.datetime(2024, 1, 1), dt.datetime(2024, 7, 1, tzinfo=dt.timezone.utc)),
        (dt.date(2024, 1, 1), np.datetime64("2024-07-01")),
        (1704067200, 1719792000),
    ]
    for between in same:
        pd.testing.assert_frame_equal(tie_set(net.subgraph(between=between)), ref)
    # Open ends.
    first, last = net.summary()["first_time"], net.summary()["last_time"]
    pd.testing.assert_frame_equal(tie_set(net.subgraph(between=(None, None))), tie_set(net))
    early = net.subgraph(between=(None, "2024-01-01"))
    late = net.subgraph(between=("2024-01-01", None))
    assert early.summary()["first_time"] == first and late.summary()["last_time"] == last
    assert early.summary()["interactions"] + late.summary()["interactions"] == net.summary()["interactions"]


def test_subgraph_of_subgraph_and_unchanged_values(sample):
    log, actors = sample
    net = movemap.load(log, actors=actors)
    once = net.subgraph(roles=["champion", "anchor"], between=("2024-01-01", None))
    twice = net.subgraph(roles=["champion", "anchor"]).subgraph(between=("2024-01-01", None))
    pd.testing.assert_frame_equal(tie_set(once), tie_set(twice))
    # Without `between` the kept ties keep their aggregated values.
    sub = net.subgraph(roles="champion")
    merged = tie_set(sub).merge(tie_set(net), on=["source", "target"], suffixes=("", "_all"))
    assert len(merged) == sub.num_ties
    for c in ("weight", "count", "first_seen", "last_seen", "kinds"):
        assert (merged[c] == merged[c + "_all"]).all(), c
    # No filter: the same network.
    pd.testing.assert_frame_equal(tie_set(net.subgraph()), tie_set(net))


def test_errors(sample):
    log, actors = sample
    net = movemap.load(log, actors=actors)
    with pytest.raises(movemap.UsageError, match='"champion"'):  # lists the roles present
        net.subgraph(roles="champoin")
    with pytest.raises(movemap.UsageError, match="no actor attribute"):
        _core.nodes_with_attribute(net.core, "colour", ["red"])
    with pytest.raises(movemap.UsageError, match="unknown actor id"):
        net.subgraph(actors=["nobody"])
    with pytest.raises(movemap.UsageError, match="expected strings"):
        net.subgraph(roles=[1])
    with pytest.raises(movemap.UsageError, match="empty"):
        net.subgraph(between=("2024-02-01", "2024-01-01"))
    with pytest.raises(movemap.UsageError, match="not a time"):
        net.subgraph(between=("last spring", None))
    for bad in ("2024-01-01", ("2024-01-01",), 5):
        with pytest.raises(movemap.UsageError, match=r"expected \(start, end\)"):
            net.subgraph(between=bad)
    slim = movemap.load(log, actors=actors, keep_contacts=False)
    with pytest.raises(movemap.UsageError, match="keep_contacts"):
        slim.subgraph(between=("2024-01-01", None))
    assert not _core.has_contacts(slim.core) and _core.has_contacts(net.core)
    # The engine's mask reaches numpy without a copy.
    mask = _core.nodes_with_attribute(net.core, "role", ["anchor"])
    assert mask.dtype == bool and not mask.flags.owndata and mask.base is not None
    assert mask.sum() == (actors["role"] == "anchor").sum()
    # Actor restrictions need no contacts.
    assert slim.subgraph(roles="anchor").num_ties == net.subgraph(roles="anchor").num_ties
    with pytest.raises(movemap.UsageError, match="entries"):
        _core.subnetwork(net.core, np.ones(3, dtype=bool))


def test_empty_inputs(sample):
    log, actors = sample
    net = movemap.load(log, actors=actors)
    none = net.subgraph(actors=[])
    assert none.num_actors == 0 and none.num_ties == 0
    assert none.summary()["actors"] == 0 and none.degree().empty and none.ties().empty
    assert none.to_networkx().number_of_nodes() == 0 and none.to_igraph().vcount() == 0
    quiet = net.subgraph(between=("1990-01-01", "1990-01-02"))  # nobody active: every actor an isolate
    assert quiet.num_actors == net.num_actors and quiet.num_ties == 0
    assert quiet.summary()["isolates"] == net.num_actors and quiet.summary()["interactions"] == 0
    empty = movemap.load(pd.DataFrame({"time": pd.Series([], dtype="int64"), "source": pd.Series([], dtype=object),
                                       "target": pd.Series([], dtype=object)}))
    assert empty.subgraph(between=(0, 10)).num_actors == 0
    assert empty.subgraph().num_ties == 0


@pytest.fixture
def cli():
    path = os.environ.get("MOVEMAP_CLI")
    if not path or not Path(path).is_file():
        pytest.skip("MOVEMAP_CLI not set or not a file")
    return path


def test_cli_restriction_equals_python(cli, tmp_path):
    lp, ap = SAMPLES / "interactions.csv", SAMPLES / "actors.csv"
    out = tmp_path / "out"
    subprocess.run([cli, "map", str(lp), "--actors", str(ap), "--out", str(out), "--quiet", "--roles",
                    "champion,anchor", "--from", "2024-01-01", "--to", "2024-07-01"],
                   check=True, capture_output=True, timeout=120)
    net = movemap.load(lp, actors=ap).subgraph(roles=["champion", "anchor"], between=("2024-01-01", "2024-07-01"))
    net.write_node_table(tmp_path / "nodes.csv")
    net.write_tie_table(tmp_path / "ties.csv")
    net.write_graphml(tmp_path / "network.graphml")
    for name in ("nodes.csv", "ties.csv", "network.graphml"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    bad = subprocess.run([cli, "map", str(lp), "--actors", str(ap), "--out", str(out), "--quiet", "--roles",
                          "champoin"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "champion" in bad.stderr
