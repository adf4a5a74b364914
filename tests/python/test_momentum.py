"""Network.momentum against an independent pandas + networkx computation.

The reference rebuilds, from the log alone, every window's actor and tie
sets (contacts: pair rows and co-attendance pairs at max(first attendance);
attendance makes the attendee active), the states by the definitions in
docs/momentum.md, the window graph with networkx (density, reciprocity,
components, average clustering, degree, PageRank), ranks with pandas
rank(method="min"), momentum with pandas ewm(span, adjust=False), cohorts
with a pandas groupby. Random logs have simultaneous rows, gaps longer than
the lapse period and actors active in one window only.
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import movemap

BASE = 1_700_000_000
DAY = 86400
ROLES = ["citizen", "champion", "anchor", "service"]


def random_log(seed: int, n: int = 30, m: int = 300, span_days: int = 200):
    rng = np.random.default_rng(seed)
    ids = [f"p{i}" for i in range(n)]
    actors = pd.DataFrame({"id": ids, "role": rng.choice(ROLES, n),
                           "site": [None if rng.random() < 0.2 else f"S{rng.integers(3)}" for _ in range(n)]})
    rows = []
    for _ in range(m):
        day = int(rng.integers(0, span_days // 2)) * 2  # coarse grid: simultaneous rows
        if span_days // 3 < day < span_days // 2:  # a quiet gap longer than the lapse below
            day += span_days // 4
        t = BASE + day * DAY
        s = ids[int(rng.integers(n))]
        if rng.random() < 0.15:
            rows.append((t, s, None, f"ev{rng.integers(6)}", 1.0))
        else:
            tg = s if rng.random() < 0.05 else ids[int(rng.integers(n))]
            rows.append((t, s, tg, None, float(rng.integers(1, 4))))
    # one actor active once only, alone at an event
    rows.append((BASE + 7 * DAY, "loner", None, "solo", 1.0))
    log = pd.DataFrame(rows, columns=["time", "source", "target", "event", "weight"])
    return log, actors


def contacts_of(log: pd.DataFrame, directed: bool):
    """(time, u, v, weight) contacts and (time, person) activity, from the log alone."""
    contacts = []
    pairs = log[log["target"].notna()]
    for t, s, tg, w in zip(pairs["time"], pairs["source"], pairs["target"], pairs["weight"]):
        contacts.append((int(t), s, tg, float(w)))
    att = log[log["target"].isna()]
    first = att.groupby(["event", "source"])["time"].min()
    activity = [(int(t), p) for (_, p), t in first.items()]
    for ev, grp in first.groupby(level=0):
        people = list(grp.index.get_level_values(1))
        for u, v in itertools.combinations(people, 2):
            t = int(max(grp[(ev, u)], grp[(ev, v)]))
            contacts.append((t, u, v, 1.0))
            if directed:
                contacts.append((t, v, u, 1.0))
    for t, u, v, _ in contacts:
        activity += [(t, u), (t, v)]
    return contacts, activity


def tie_key(u, v, directed):
    return (u, v) if directed else tuple(sorted((u, v)))


def reference(log, actors, directed, width, step, lapse):
    contacts, activity = contacts_of(log, directed)
    t0 = min(t for t, _ in activity)
    t1 = max(t for t, _ in activity)
    first_a: dict = {}
    for t, a in activity:
        first_a[a] = min(first_a.get(a, t), t)
    first_t: dict = {}
    for t, u, v, _ in contacts:
        k = tie_key(u, v, directed)
        first_t[k] = min(first_t.get(k, t), t)
    role = dict(zip(actors["id"], actors["role"]))
    site = dict(zip(actors["id"], actors["site"]))
    rows, traj = [], []
    prev_a, prev_t = set(), set()
    s = t0
    k = 0
    while s <= t1:
        e, r0 = s + width, s - lapse
        A = {a for t, a in activity if r0 <= t < e}
        W: dict = {}
        for t, u, v, w in contacts:
            if r0 <= t < e:
                key = tie_key(u, v, directed)
                W[key] = W.get(key, 0.0) + w
        T = set(W)
        g = nx.DiGraph() if directed else nx.Graph()
        g.add_nodes_from(A)
        for (u, v), w in W.items():
            g.add_edge(u, v, weight=w)
        n = len(A)
        comps = list(nx.weakly_connected_components(g) if directed else nx.connected_components(g))
        simple = nx.Graph(g.to_undirected()) if directed else nx.Graph(g)
        simple.remove_edges_from(list(nx.selfloop_edges(simple)))
        row = {
            "active": n,
            "new": sum(1 for a in A if a not in prev_a and first_a[a] >= r0),
            "retained": len(A & prev_a),
            "reactivated": sum(1 for a in A if a not in prev_a and first_a[a] < r0),
            "lapsed": len(prev_a - A),
            "ties": len(T),
            "new_ties": sum(1 for x in T if x not in prev_t and first_t[x] >= r0),
            "retained_ties": len(T & prev_t),
            "renewed_ties": sum(1 for x in T if x not in prev_t and first_t[x] < r0),
            "lapsed_ties": len(prev_t - T),
            "density": nx.density(g) if n > 1 else 0.0,
            "reciprocity": (nx.overall_reciprocity(g) if g.number_of_edges() else 0.0) if directed else np.nan,
            "components": len(comps),
            "largest_component_share": max((len(c) for c in comps), default=0) / n if n else 0.0,
            "average_clustering": nx.average_clustering(simple) if n else 0.0,
        }

        def pair(u, v, a, b):
            return {role.get(u), role.get(v)} == {a, b}

        off = [(u, v) for (u, v) in T if u != v]
        row["citizen_service_ties"] = sum(pair(u, v, "citizen", "service") for u, v in off)
        row["citizen_champion_ties"] = sum(pair(u, v, "citizen", "champion") for u, v in off)
        row["anchor_ties"] = sum("anchor" in (role.get(u), role.get(v)) for u, v in off)
        row["cross_role_ties"] = sum(role.get(u, "unknown") != role.get(v, "unknown") for u, v in off)
        row["cross_site_ties"] = sum(1 for u, v in off if isinstance(site.get(u), str) and
                                     isinstance(site.get(v), str) and site[u] != site[v])
        rows.append(row)
        if n:
            pr = nx.pagerank(g, alpha=0.85, tol=1e-13, max_iter=2000, weight="weight")
            for a in A:
                traj.append((k, a, "degree", float(g.degree(a))))
                traj.append((k, a, "pagerank", pr[a]))
        prev_a, prev_t = A, T
        s += step
        k += 1
    frame = pd.DataFrame(rows)
    traj = pd.DataFrame(traj, columns=["window", "actor", "measure", "value"])
    traj["rank"] = traj.groupby(["window", "measure"])["value"].rank(method="min", ascending=False).astype(np.int64)
    return frame, traj, activity, t0


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("lapse_days", [0, 15])
def test_indicators_match_reference(seed, directed, lapse_days):
    log, actors = random_log(seed)
    net = movemap.load(log, actors=actors, directed=directed)
    width, step, lapse = 40 * DAY, 14 * DAY, lapse_days * DAY
    m = net.momentum(window=width, step=step, lapse=lapse if lapse else None, sensitivity=None)
    ref, traj, activity, t0 = reference(log, actors, directed, width, step, lapse)
    got = m.windows
    assert isinstance(got.index, pd.DatetimeIndex)
    assert len(got) == len(ref)
    assert got.index[0] == pd.Timestamp(t0, unit="s", tz="UTC")
    for c in ref.columns:
        np.testing.assert_allclose(got[c].to_numpy(dtype=float), ref[c].to_numpy(dtype=float), rtol=1e-12,
                                   atol=1e-12, err_msg=c)
    # momentum columns, from the reference counts with pandas
    A, N, R, L = (ref[c].astype(float) for c in ("active", "new", "reactivated", "lapsed"))
    growth = (A - A.shift(1)) / A.shift(1).where(A.shift(1) > 0)
    np.testing.assert_allclose(got["growth_rate"], growth, equal_nan=True)
    np.testing.assert_allclose(got["acceleration"], growth - growth.shift(1), equal_nan=True)
    inflow = ((N + R - L) / (A + L)).where(A + L > 0, 0.0)
    np.testing.assert_allclose(got["net_inflow"], inflow)
    np.testing.assert_allclose(got["momentum"], inflow.ewm(span=3, adjust=False).mean(), rtol=1e-12)
    # trajectories
    t = m.trajectories.copy()
    t["window"] = t["window"].astype(np.int64)
    merged = t.merge(traj, on=["window", "actor", "measure"], suffixes=("", "_ref"), how="outer", indicator=True)
    assert (merged["_merge"] == "both").all()
    deg = merged[merged["measure"] == "degree"]
    np.testing.assert_array_equal(deg["value"], deg["value_ref"])
    np.testing.assert_array_equal(deg["rank"], deg["rank_ref"])
    pr = merged[merged["measure"] == "pagerank"]
    np.testing.assert_allclose(pr["value"], pr["value_ref"], rtol=1e-6)


@pytest.mark.parametrize("seed", [4, 5])
def test_by_role_matches_reference(seed):
    log, actors = random_log(seed)
    net = movemap.load(log, actors=actors, directed=False)
    width = 30 * DAY
    m = net.momentum(window=width, step=width, measures=None, sensitivity=None)
    contacts, activity = contacts_of(log, False)
    role = dict(zip(actors["id"], actors["role"]))
    role["loner"] = "unknown"
    t0 = min(t for t, _ in activity)
    first_a: dict = {}
    for t, a in activity:
        first_a[a] = min(first_a.get(a, t), t)
    prev = set()
    starts = (m.windows.index - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)
    for k, s in enumerate(starts):
        A = {a for t, a in activity if s <= t < s + width}
        T = {tie_key(u, v, False) for t, u, v, _ in contacts if s <= t < s + width}
        for r in sorted(set(role.values())):
            row = m.by_role[(m.by_role["window"] == k) & (m.by_role["role"] == r)].iloc[0]
            Ar = {a for a in A if role[a] == r}
            assert row["active"] == len(Ar)
            assert row["new"] == sum(1 for a in Ar if a not in prev and first_a[a] >= s)
            assert row["retained"] == len(Ar & prev)
            assert row["lapsed"] == sum(1 for a in prev - A if role[a] == r)
            assert row["ties"] == sum(1 for (u, v) in T if r in (role[u], role[v]))
        prev = A
    assert t0 == starts[0]


def test_cohorts_match_pandas():
    log, actors = random_log(9, span_days=400)
    net = movemap.load(log, actors=actors)
    m = net.momentum(measures=None, sensitivity=None)
    _, activity = contacts_of(log, True)
    act = pd.DataFrame(activity, columns=["t", "actor"])
    act["month"] = pd.to_datetime(act["t"], unit="s", utc=True).dt.tz_localize(None).dt.to_period("M")
    cohort = act.groupby("actor")["month"].min().rename("cohort")
    act = act.join(cohort, on="actor").drop_duplicates(["actor", "month"])
    act["k"] = (act["month"] - act["cohort"]).apply(lambda d: d.n)
    active = act.groupby(["cohort", "k"]).size()
    size = cohort.value_counts()
    got = m.cohorts
    last = act["month"].max()
    expected_rows = sum((last - c).n + 1 for c in size.index)
    assert len(got) == expected_rows
    for row in got.itertuples():
        c = pd.Period(row.cohort.tz_localize(None), "M")
        assert row.size == size[c]
        assert row.active == active.get((c, row.months_since), 0)
        assert row.share == pytest.approx(row.active / row.size)


def test_calendar_months_and_tumbling():
    log, actors = random_log(3, span_days=120)
    net = movemap.load(log, actors=actors)
    m = net.momentum(windows="month", measures=None)
    assert (m.windows.index.day == 1).all()
    assert (m.windows["end"].dt.day == 1).all()
    assert len(m.sensitivity) == 0  # "auto": sliding only
    q = net.momentum(windows="quarter", measures=None)
    assert q.windows["active"].sum() >= m.windows["active"].max()
    c = net.momentum(windows="cumulative", step="30d", measures=None, sensitivity=None)
    assert c.windows["active"].is_monotonic_increasing
    assert (c.windows["lapsed"] == 0).all()


def test_sensitivity_and_rising():
    log, actors = random_log(6, m=600)
    net = movemap.load(log, actors=actors, directed=False)
    m = net.momentum(window="40d", step="20d", sensitivity=["20d", "40d", "40d"])
    s = m.sensitivity
    assert list(s.columns) == ["measure", "width_a", "width_b", "actors", "tau_b"]
    same = s[(s["width_a"] == pd.Timedelta(days=40)) & (s["width_b"] == pd.Timedelta(days=40))]
    assert (same["tau_b"] == 1.0).all()
    # rising: gains from the trajectories' first and last windows
    t = m.trajectories
    last = t["window"].max()
    for row in m.rising.itertuples():
        a = t[(t["window"] == 0) & (t["actor"] == row.actor) & (t["measure"] == row.measure)]["rank"].item()
        b = t[(t["window"] == last) & (t["actor"] == row.actor) & (t["measure"] == row.measure)]["rank"].item()
        assert row.gain == a - b


def test_durations_and_errors():
    log, actors = random_log(1)
    net = movemap.load(log, actors=actors)
    a = net.momentum(window="40d", step="2w", measures=None, sensitivity=None)
    b = net.momentum(window=pd.Timedelta(days=40), step=14 * DAY, measures=None, sensitivity=None)
    pd.testing.assert_frame_equal(a.windows, b.windows)
    with pytest.raises(movemap.UsageError):
        net.momentum(window="40x")
    with pytest.raises(movemap.UsageError):
        net.momentum(windows="weekly")
    with pytest.raises(movemap.UsageError):
        net.momentum(measures=["closeness"])
    lean = movemap.load(log, actors=actors, keep_contacts=False)
    with pytest.raises(movemap.UsageError, match="keep_contacts"):
        lean.momentum()
