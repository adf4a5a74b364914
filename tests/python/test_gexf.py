"""GEXF written by movemap (Network.write_gexf), read back with xml.etree and
networkx: node and edge spells recomputed from the log with pandas (the
contacts of the data model: one per pair row, one per co-attendance pair at
the later of the two first attendances), static columns equal to the
network's, and validity against the GEXF 1.3 RelaxNG schema (xmllint)."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import movemap
from conftest import REPO, random_movement, to_seconds

NS = {"g": "http://gexf.net/1.3"}
RNG = REPO.parent / "shared" / "schemas" / "gexf-1.3" / "gexf.rng"


def validate(path: Path) -> None:
    if not RNG.exists() or shutil.which("xmllint") is None:
        pytest.skip("GEXF schema or xmllint not available")
    r = subprocess.run(["xmllint", "--noout", "--relaxng", str(RNG), str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[:2000]


def contacts(log: pd.DataFrame, directed: bool) -> pd.DataFrame:
    """Every contact (t, u, v) of the log, computed from the table alone (a
    co-attendance is mutual: u -> v and v -> u in a directed network)."""
    log = log.copy()
    log["t"] = to_seconds(log["time"])
    pairs = log[log["target"] != ""][["t", "source", "target"]].rename(columns={"source": "u", "target": "v"})
    rows = [pairs]
    att = log[(log["target"] == "") & (log["event"] != "")]
    first = att.groupby(["event", "source"])["t"].min()
    co = []
    for ev, group in first.groupby(level=0):
        people = group.droplevel(0)
        for a, b in itertools.combinations(sorted(people.index), 2):
            co.append((max(people[a], people[b]), a, b))
            if directed:
                co.append((max(people[a], people[b]), b, a))
    rows.append(pd.DataFrame(co, columns=["t", "u", "v"]))
    return pd.concat(rows, ignore_index=True)


def expected_spells(times: pd.Series, lapse: int, log_end: int) -> list[tuple[int, int]]:
    ts = np.sort(times.to_numpy())
    if lapse == 0:
        return [(int(ts[0]), log_end)]
    breaks = np.flatnonzero(np.diff(ts) > lapse)
    starts = np.r_[0, breaks + 1]
    ends = np.r_[breaks, len(ts) - 1]
    return [(int(ts[s]), int(ts[e]) + lapse) for s, e in zip(starts, ends)]


def seconds(text: str) -> int:
    return int(pd.Timestamp(text).value // 10**9)


def spells_of(element) -> list[tuple[int, int]]:
    return [(seconds(s.get("start")), seconds(s.get("end"))) for s in element.findall("g:spells/g:spell", NS)]


@pytest.mark.parametrize("seed,directed,lapse", [(1, True, 0), (2, False, 7 * 86400), (3, True, 86400),
                                                 (4, False, 0)])
def test_dynamic_spells_match_the_log(tmp_path, seed, directed, lapse):
    log, actors = random_movement(seed)
    net = movemap.load(log, actors=actors, directed=directed)
    out = tmp_path / "net.gexf"
    net.write_gexf(out, dynamic=True, lapse=lapse)
    validate(out)
    root = ET.parse(out).getroot()
    graph = root.find("g:graph", NS)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "dateTime"
    c = contacts(log, directed)
    log_end = int(to_seconds(log["time"]).max())
    ids = {}
    for node in graph.findall("g:nodes/g:node", NS):
        av = {a.get("for"): a.get("value") for a in node.findall("g:attvalues/g:attvalue", NS)}
        ids[node.get("id")] = av.get("actor_id", node.get("id"))
    # Node spells.
    checked = 0
    for node in graph.findall("g:nodes/g:node", NS):
        actor = ids[node.get("id")]
        times = pd.concat([c.loc[c["u"] == actor, "t"], c.loc[c["v"] == actor, "t"]])
        want = expected_spells(times, lapse, log_end) if len(times) else []
        assert spells_of(node) == want, actor
        checked += bool(want)
    assert checked > 40
    # Edge spells: contacts grouped by tie (ordered pair when directed).
    key = (lambda u, v: (u, v)) if directed else (lambda u, v: frozenset((u, v)))
    c["key"] = [key(u, v) for u, v in zip(c["u"], c["v"])]
    by_tie = c.groupby("key")["t"]
    edges = graph.findall("g:edges/g:edge", NS)
    assert len(edges) == by_tie.ngroups == net.num_ties
    for edge in edges:
        k = key(ids[edge.get("source")], ids[edge.get("target")])
        assert spells_of(edge) == expected_spells(by_tie.get_group(k), lapse, log_end), k


def test_static_gexf_read_by_networkx(tmp_path, random_files):
    lp, ap = random_files(5)
    net = movemap.load(lp, actors=ap, directed=True)
    out = tmp_path / "static.gexf"
    net.write_gexf(out)
    validate(out)
    g = nx.read_gexf(out, node_type=str)
    assert g.number_of_nodes() == net.num_actors
    assert g.number_of_edges() == net.num_ties
    deg = net.degree()
    for actor, data in g.nodes(data=True):
        name = data.get("actor_id", actor)
        role = net.attributes().loc[name, "role"]
        assert data.get("role") == (None if pd.isna(role) else role)
        assert data["degree"] == deg.loc[name, "degree"]
        assert data["strength"] == pytest.approx(deg.loc[name, "strength"])
    ties = net.ties()
    ids = {n: d.get("actor_id", n) for n, d in g.nodes(data=True)}
    got = {(ids[u], ids[v]): d for u, v, d in g.edges(data=True)}
    for row in ties.itertuples():
        d = got[(row.source, row.target)]
        assert d["weight"] == pytest.approx(row.weight)
        assert d["count"] == row.count
        assert d["kinds"] == row.kinds


def test_options_and_timeline(tmp_path, small_log):
    net = movemap.load(small_log, directed=False)
    out = tmp_path / "t.gexf"
    n = net.num_actors
    t0 = seconds("2024-03-01")
    timeline = {"start": [t0, t0 + 86400 * 3], "end": [t0 + 86400 * 3, t0 + 86400 * 9],
                "columns": {"window_degree": ([0, n, 2 * n], list(range(n)) * 2, [1.0] * n + [2.0] * n)}}
    net.write_gexf(out, dynamic=True, lapse="2d", timeline=timeline)
    validate(out)
    root = ET.parse(out).getroot()
    node = root.find("g:graph/g:nodes/g:node", NS)
    vals = [(a.get("value"), a.get("start"), a.get("end")) for a in node.findall("g:attvalues/g:attvalue", NS)
            if a.get("for") == "w0"]
    assert vals == [("1", "2024-03-01T00:00:00Z", "2024-03-03T23:59:59Z"),
                    ("2", "2024-03-04T00:00:00Z", "2024-03-09T23:59:59Z")]
    with pytest.raises(movemap.UsageError):
        net.write_gexf(out, lapse="3 months")
    with pytest.raises(movemap.UsageError):
        net.write_gexf(out, dynamic=True, lapse=-5)
    with pytest.raises(movemap.UsageError):
        net.write_gexf(out, timeline=timeline)  # a timeline needs dynamic=True
    net.write_gexf(out, attributes=["role"], labels=False)
    assert "label=" not in out.read_text(encoding="utf-8")
