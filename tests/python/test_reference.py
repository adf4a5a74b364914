"""movemap against an independent pandas + networkx build of the same log."""

from __future__ import annotations

import pandas as pd
import pytest

import movemap
from conftest import (
    Reference,
    assert_degree_matches,
    assert_summary_matches,
    assert_ties_match,
    random_movement,
    read_log_frame,
)


def check(log_path, actors_path, directed, attendance):
    net = movemap.load(log_path, actors=actors_path, directed=directed, attendance=attendance)
    actors = pd.read_csv(actors_path, dtype=str, keep_default_na=False) if actors_path else None
    ref = Reference(read_log_frame(log_path), actors, directed, attendance)
    assert net.directed is directed
    assert_degree_matches(net.degree(), ref.degree())
    assert_summary_matches(net.summary(), ref.summary())
    assert_ties_match(net.ties(), ref)
    # Components: the same partition as networkx's.
    comp = net.components()
    groups = {frozenset(ids) for _, ids in comp.groupby(comp).groups.items()}
    g = ref.graph
    want = nx_components(g)
    assert groups == want
    strong = net.components("strong")
    groups = {frozenset(ids) for _, ids in strong.groupby(strong).groups.items()}
    import networkx as nx
    want_strong = ({frozenset(c) for c in nx.strongly_connected_components(g)} if directed
                   else want)
    assert groups == want_strong
    return net, ref


def nx_components(g):
    import networkx as nx
    comps = nx.weakly_connected_components(g) if g.is_directed() else nx.connected_components(g)
    return {frozenset(c) for c in comps}


@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("attendance", ["count", "newman"])
def test_sample_matches_networkx(sample_files, directed, attendance):
    log, actors = sample_files
    net, ref = check(log, actors, directed, attendance)
    assert net.summary()["actors"] == len(ref.nodes)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("attendance", ["count", "newman"])
def test_random_logs_match_networkx(random_files, seed, directed, attendance):
    log, actors = random_files(seed, unix_times=seed % 2 == 0)
    net, ref = check(log, actors, directed, attendance)
    s = net.summary()
    assert s["actors_created"] == len([a for a in ref.nodes if a.startswith("x")])
    assert s["actors_without_interactions"] >= 0


@pytest.mark.parametrize("directed", [True, False])
def test_random_log_without_actor_table(random_files, directed):
    log, _ = random_files(11)
    net, ref = check(log, None, directed, "count")
    assert set(net.summary()["actors_by_role"]) == {"unknown"}


def test_attendance_none_makes_no_coattendance_ties(random_files):
    log, actors = random_files(5)
    net = movemap.load(log, actors=actors, attendance="none")
    ref = Reference(read_log_frame(log), pd.read_csv(actors, dtype=str, keep_default_na=False), True, "none")
    assert_degree_matches(net.degree(), ref.degree())
    assert "co-attendance" not in set(net.ties()["kinds"])
    assert net.summary()["events"] == ref.events


def test_small_log_by_hand(small_log):
    # ann->bob: 2 + 1.5 (3 rows in all with bob->ann 1); walk1: ann, bob, cy.
    net = movemap.load(small_log, directed=True)
    d = net.degree()
    assert list(d.index) == ["ann", "bob", "cy"]
    ties = net.ties().set_index(["source", "target"])
    assert ties.loc[("ann", "bob"), "weight"] == 2 + 1.5 + 1  # two pair rows + co-attendance
    assert ties.loc[("ann", "bob"), "count"] == 3
    assert ties.loc[("bob", "ann"), "weight"] == 1 + 1
    assert ties.loc[("cy", "cy"), "count"] == 1
    assert set(ties.loc[("ann", "bob"), "kinds"].split(";")) == {"referral", "meeting", "co-attendance"}
    assert ties.loc[("ann", "bob"), "first_seen"] == pd.Timestamp("2024-03-01T09:00:00Z")
    assert ties.loc[("ann", "bob"), "last_seen"] == pd.Timestamp("2024-03-04T00:00:00Z")
    # tie_kinds are sorted by name.
    for k in net.ties()["kinds"]:
        parts = k.split(";")
        assert parts == sorted(parts)
    s = net.summary()
    assert s["self_loops"] == 1 and s["events"] == 1 and s["attendances"] == 3
    assert s["first_time"] == pd.Timestamp("2024-03-01T09:00:00Z")


def test_newman_weights_by_hand(tmp_path):
    # One event of 3 attendees: each pair gets 1/(3-1) = 0.5; one of 2: 1.
    p = tmp_path / "ev.csv"
    p.write_text("time,source,event\n1,a,e1\n2,b,e1\n3,c,e1\n4,a,e2\n5,b,e2\n5,b,e2\n")
    net = movemap.load(p, directed=False, attendance="newman")
    ties = net.ties().set_index(["source", "target"])["weight"].to_dict()
    assert ties == {("a", "b"): 1.5, ("a", "c"): 0.5, ("b", "c"): 0.5}
    net = movemap.load(p, directed=False, attendance="count")
    ties = net.ties().set_index(["source", "target"])["weight"].to_dict()
    assert ties == {("a", "b"): 2.0, ("a", "c"): 1.0, ("b", "c"): 1.0}
