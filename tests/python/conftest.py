"""Shared fixtures and an independent reference implementation.

Expected values come from OUTSIDE movemap: the reference below rebuilds the
network from the same log with pandas + networkx, following the data model
(network.hpp, attendance.hpp): repeated pairs aggregate (weight sum, count,
first/last time); each pair of distinct attendees of an event of k distinct
attendees gets one co-attendance interaction of weight 1 ("count") or
1/(k-1) ("newman") at max(first attendance of u, first attendance of v),
mutual (both directions) in a directed network; self-loops are kept; actors
of the actor table are nodes even without interactions.
"""

from __future__ import annotations

import itertools
import math
import os
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data-samples"


# ------------------------------------------------------------- reference ---


def read_log_frame(path: str | os.PathLike) -> pd.DataFrame:
    """The log as text, exactly as written (no type guessing)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for c in ("target", "event", "kind", "weight"):
        if c not in df.columns:
            df[c] = ""
    return df


def to_seconds(text: pd.Series) -> np.ndarray:
    """ISO 8601 strings or Unix-second strings to UTC seconds."""
    out = np.empty(len(text), dtype=np.int64)
    for i, t in enumerate(text.tolist()):
        t = t.strip()
        if t.lstrip("+-").isdigit():
            out[i] = int(t)
        else:
            out[i] = pd.Timestamp(t).tz_localize("UTC").value // 10**9 if pd.Timestamp(t).tzinfo is None \
                else pd.Timestamp(t).tz_convert("UTC").value // 10**9
    return out


class Reference:
    """The network built with pandas + networkx."""

    def __init__(self, log: pd.DataFrame, actors: pd.DataFrame | None, directed: bool, attendance: str = "count"):
        self.directed = directed
        log = log.copy()
        log["t"] = to_seconds(log["time"])
        log["w"] = [float(w) if w.strip() else 1.0 for w in log["weight"].tolist()]

        # Nodes: the table's actors in order, then log actors by first appearance.
        order: list[str] = []
        seen: set[str] = set()
        roles: dict[str, str] = {}
        if actors is not None:
            for a, r in zip(actors["id"].tolist(), actors["role"].tolist() if "role" in actors else
                            [""] * len(actors)):
                order.append(a)
                seen.add(a)
                roles[a] = r if r else "unknown"
        for s, t in zip(log["source"].tolist(), log["target"].tolist()):
            for a in (s, t):
                if a and a not in seen:
                    seen.add(a)
                    order.append(a)
                    roles[a] = "unknown"
        self.nodes = order
        self.roles = roles

        # Interactions: pair rows + projected co-attendance.
        inter = []  # (u, v, t, w)
        pairs = log[log["target"] != ""]
        for s, t, tm, w in zip(pairs["source"], pairs["target"], pairs["t"], pairs["w"]):
            inter.append((s, t, int(tm), w))
        att = log[log["target"] == ""]
        first: dict[tuple[str, str], int] = {}
        for s, e, tm in zip(att["source"], att["event"], att["t"]):
            key = (e, s)
            first[key] = min(first.get(key, int(tm)), int(tm))
        by_event: dict[str, list[str]] = {}
        for (e, s) in first:
            by_event.setdefault(e, []).append(s)
        self.events = len(by_event)
        self.attendances = len(first)
        self.coattendance = 0
        for e, people in by_event.items():
            k = len(people)
            if k < 2 or attendance == "none":
                continue
            w = 1.0 if attendance == "count" else 1.0 / (k - 1)
            for u, v in itertools.combinations(people, 2):
                tm = max(first[(e, u)], first[(e, v)])
                self.coattendance += 1
                inter.append((u, v, tm, w))
                if directed:
                    inter.append((v, u, tm, w))

        ties: dict[tuple[str, str], list] = {}
        index = {a: i for i, a in enumerate(order)}
        for u, v, tm, w in inter:
            if not directed and index[u] > index[v]:
                u, v = v, u
            t = ties.get((u, v))
            if t is None:
                ties[(u, v)] = [w, 1, tm, tm]
            else:
                t[0] += w
                t[1] += 1
                t[2] = min(t[2], tm)
                t[3] = max(t[3], tm)
        self.ties = ties
        g = nx.DiGraph() if directed else nx.Graph()
        g.add_nodes_from(order)
        for (u, v), (w, c, f, l) in ties.items():
            g.add_edge(u, v, weight=w, count=c, first_seen=f, last_seen=l)
        self.graph = g

    def degree(self) -> pd.DataFrame:
        g = self.graph
        rows = {}
        for a in self.nodes:
            if self.directed:
                ind, outd = g.in_degree(a), g.out_degree(a)
                ins, outs = g.in_degree(a, weight="weight"), g.out_degree(a, weight="weight")
                rows[a] = (ind, outd, ind + outd, ins, outs, ins + outs)
            else:
                d, s = g.degree(a), g.degree(a, weight="weight")
                rows[a] = (d, d, d, s, s, s)
        return pd.DataFrame.from_dict(
            rows, orient="index",
            columns=["in_degree", "out_degree", "degree", "in_strength", "out_strength", "strength"])

    def summary(self) -> dict:
        g = self.graph
        n = g.number_of_nodes()
        if self.directed:
            weak = list(nx.weakly_connected_components(g))
            strong = nx.number_strongly_connected_components(g)
            recip = nx.overall_reciprocity(g) if g.number_of_edges() else 0.0
        else:
            weak = list(nx.connected_components(g))
            strong = len(weak)
            recip = None
        largest = max((len(c) for c in weak), default=0)
        by_role: dict[str, int] = {}
        for a in self.nodes:
            by_role[self.roles[a]] = by_role.get(self.roles[a], 0) + 1
        return {
            "directed": self.directed,
            "actors": n,
            "ties": g.number_of_edges(),
            "self_loops": nx.number_of_selfloops(g),
            "isolates": nx.number_of_isolates(g),
            "density": nx.density(g) if n > 1 else 0.0,
            "reciprocity": recip,
            "total_weight": g.size(weight="weight"),
            "weak_components": len(weak),
            "strong_components": strong,
            "largest_component": largest,
            "largest_component_share": largest / n if n else 0.0,
            "events": self.events,
            "attendances": self.attendances,
            "coattendance_interactions": self.coattendance,
            "actors_by_role": dict(sorted(by_role.items())),
        }


def assert_summary_matches(got: dict, ref: dict) -> None:
    for key, want in ref.items():
        have = got[key]
        if isinstance(want, float):
            assert have == pytest.approx(want, rel=1e-12, abs=1e-12), key
        else:
            assert have == want, key


def assert_degree_matches(got: pd.DataFrame, ref: pd.DataFrame) -> None:
    assert list(got.index) == list(ref.index)
    for c in ("in_degree", "out_degree", "degree"):
        assert got[c].dtype == np.int64
        np.testing.assert_array_equal(got[c].to_numpy(), ref[c].to_numpy(), err_msg=c)
    for c in ("in_strength", "out_strength", "strength"):
        np.testing.assert_allclose(got[c].to_numpy(), ref[c].to_numpy(dtype=float), rtol=1e-12, atol=1e-12,
                                   err_msg=c)


def assert_ties_match(got: pd.DataFrame, ref: Reference) -> None:
    assert len(got) == len(ref.ties)
    for row in got.itertuples(index=False):
        w, c, f, l = ref.ties[(row.source, row.target)]
        assert row.weight == pytest.approx(w, rel=1e-12)
        assert row.count == c
        assert row.first_seen.value // 10**9 == f
        assert row.last_seen.value // 10**9 == l


# ---------------------------------------------------------- random logs ---


def random_movement(seed: int, n_actors: int = 60, n_rows: int = 800, n_events: int = 15,
                    unix_times: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A seeded random log and actor table, as text columns.

    Includes repeated pairs, self-loops, empty weights, attendance rows,
    repeated attendance, actors missing from the table (log-only), table
    actors without interactions, and non-ASCII ids.
    """
    rng = np.random.default_rng(seed)
    ids = [f"a{i:03d}" for i in range(n_actors)]
    ids[3] = "Zoë"
    ids[5] = "北京-7"
    roles = rng.choice(["citizen", "champion", "anchor", "service", ""], size=n_actors,
                       p=[0.6, 0.1, 0.1, 0.1, 0.1])
    events = [f"ev{j}" for j in range(n_events)]
    kinds = ["referral", "meeting", "message", ""]
    # Actors 0..n-6 interact; the last 5 are table-only (isolates) unless drawn.
    active = ids[: n_actors - 5]
    rows = []
    t0 = 1_700_000_000
    for i in range(n_rows):
        tm = t0 + int(rng.integers(0, 90 * 86400))
        src = active[int(rng.integers(0, len(active) // 2)) if rng.random() < 0.5 else
                     int(rng.integers(0, len(active)))]
        w = "" if rng.random() < 0.4 else str(float(rng.choice([0.5, 1.0, 2.0, 3.25])))
        k = str(rng.choice(kinds))
        if rng.random() < 0.3:
            ev = events[int(rng.integers(0, n_events))]
            rows.append((tm, src, "", ev, k, w))
        else:
            if rng.random() < 0.03:
                tgt = src  # self-loop
            elif rng.random() < 0.05:
                tgt = f"x{int(rng.integers(0, 8))}"  # not in the actor table
            else:
                tgt = active[int(rng.integers(0, len(active)))]
            rows.append((tm, src, tgt, "", k, w))
    log = pd.DataFrame(rows, columns=["time", "source", "target", "event", "kind", "weight"])
    if unix_times:
        log["time"] = log["time"].astype(str)
    else:
        log["time"] = pd.to_datetime(log["time"], unit="s", utc=True).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    actors = pd.DataFrame({
        "id": ids,
        "role": roles,
        "label": [f"Person {i} <&\"'>" if i % 7 == 0 else f"Pérson {i}" for i in range(n_actors)],
        "site": rng.choice(["North", "South"], size=n_actors),
    })
    return log, actors


@pytest.fixture
def random_files(tmp_path):
    def make(seed: int, **kw):
        log, actors = random_movement(seed, **kw)
        lp, ap = tmp_path / f"log{seed}.csv", tmp_path / f"actors{seed}.csv"
        log.to_csv(lp, index=False)
        actors.to_csv(ap, index=False)
        return lp, ap
    return make


@pytest.fixture
def sample_files():
    lp, ap = SAMPLES / "interactions.csv", SAMPLES / "actors.csv"
    if not (lp.exists() and ap.exists()):
        pytest.skip("data-samples/interactions.csv and actors.csv not present")
    return lp, ap


@pytest.fixture
def small_log(tmp_path):
    p = tmp_path / "small.csv"
    p.write_text(
        "time,source,target,event,kind,weight\n"
        "2024-03-01T09:00:00Z,ann,bob,,referral,2\n"
        "2024-03-02,bob,ann,,message,\n"
        "2024-03-03T10:00:00+01:00,ann,bob,,meeting,1.5\n"
        "2024-03-04,ann,,walk1,,\n"
        "2024-03-04,bob,,walk1,,\n"
        "2024-03-04,cy,,walk1,,\n"
        "1709856000,cy,cy,,note,\n",
        encoding="utf-8",
    )
    return p


def nan_to_none(v):
    return None if isinstance(v, float) and math.isnan(v) else v
