"""Network.ripples: temporal reach against a brute-force time-respecting
search and recruiters against the definition, both computed from the log
with pandas (contacts as in test_gexf), a hand-built example, the CLI's
tables equal to the DataFrames, and argument errors."""

from __future__ import annotations

import os
import subprocess

import numpy as np
import pandas as pd
import pytest

import movemap
from conftest import random_movement, to_seconds
from test_gexf import contacts



def or_none(v):
    return None if pd.isna(v) else v


def ordered_contacts(log: pd.DataFrame, directed: bool) -> list[tuple[int, str, str]]:
    """Contacts in the engine's order: time, then pair rows in log order, then co-attendance pairs."""
    c = contacts(log, directed)
    c["pair"] = [0] * int((log["target"] != "").sum()) + [1] * (len(c) - int((log["target"] != "").sum()))
    c["pos"] = np.arange(len(c))
    c = c.sort_values(["t", "pair", "pos"], kind="stable")
    return list(zip(c["t"].astype(int), c["u"], c["v"]))


def brute_reach(cs, seeds, start, both_ways, strict):
    inf = float("inf")
    arr = {s: start for s in seeds}
    changed = True
    while changed:
        changed = False
        for t, u, v in cs:
            if t < start or u == v:
                continue
            for a, b in ((u, v), (v, u)) if both_ways else ((u, v),):
                ok = (a in seeds or arr.get(a, inf) < t) if strict else arr.get(a, inf) <= t
                if ok and t < arr.get(b, inf):
                    arr[b] = t
                    changed = True
    return arr


@pytest.mark.parametrize("seed,directed,strict,both_ways", [(11, True, False, False), (12, True, True, False),
                                                            (13, False, False, False), (14, True, False, True),
                                                            (15, False, True, False)])
def test_reach_matches_brute_force(seed, directed, strict, both_ways):
    log, actors = random_movement(seed, n_rows=300)
    net = movemap.load(log, actors=actors, directed=directed)
    seeds = ["a001", "a010", "Zoë"]
    r = net.ripples(seeds, strict=strict, both_ways=both_ways)
    cs = ordered_contacts(log, directed)
    start = min(t for t, _, _ in cs)
    want = brute_reach(cs, set(seeds), start, both_ways or not directed, strict)
    got = r.reach
    assert got["seed"].sum() == 3 and set(got.index[got["seed"]]) == set(seeds)
    reached = got.index[got["reached"]]
    assert set(reached) == set(want)
    for actor in reached:
        assert got.loc[actor, "earliest_arrival"] == pd.Timestamp(want[actor], unit="s", tz="UTC"), actor
    assert got.loc[~got["reached"], "earliest_arrival"].isna().all()
    # Curve: reached by each step time, the first row the start.
    times = sorted({start} | set(want.values()))
    assert list(r.curve.index) == [pd.Timestamp(t, unit="s", tz="UTC") for t in times]
    assert r.curve["reached"].tolist() == [sum(1 for a in want.values() if a <= t) for t in times]
    assert r.curve["new"].sum() == len(want)
    assert r.start == pd.Timestamp(start, unit="s", tz="UTC")


@pytest.mark.parametrize("seed,directed", [(21, True), (22, False)])
def test_recruiters_match_the_definition(seed, directed):
    log, actors = random_movement(seed, n_rows=300)
    # Pair rows only, times cut to the day: many contacts share an instant,
    # so the tie rule (earliest in the log) decides.
    log = log[log["target"] != ""].reset_index(drop=True)
    log["time"] = log["time"].str[:10]
    net = movemap.load(log, actors=actors, directed=directed)
    r = net.ripples("role=champion")
    cs = ordered_contacts(log, directed)
    joined: dict[str, int] = {}
    for t, u, v in cs:
        joined.setdefault(u, t)
        joined.setdefault(v, t)
    recruiter: dict[str, str] = {}
    for t, u, v in cs:
        if v not in recruiter and joined[u] < joined[v]:
            recruiter[v] = u
        if u not in recruiter and joined[v] < joined[u]:
            recruiter[u] = v
    c = r.cascades
    assert set(c.index) == set(joined)
    for actor in joined:
        assert or_none(c.loc[actor, "recruiter"]) == recruiter.get(actor), actor
        assert c.loc[actor, "joined"] == pd.Timestamp(joined[actor], unit="s", tz="UTC")
    # Depth and root by walking up; sizes sum over the roots' cascades.
    for actor in joined:
        d, top = 0, actor
        while top in recruiter:
            top, d = recruiter[top], d + 1
        assert c.loc[actor, "depth"] == d and c.loc[actor, "root"] == top
    assert r.roots["size"].sum() == len(joined)
    assert r.roots["size"].is_monotonic_decreasing
    # Each seed's growth ends at its cascade size.
    last = r.growth.groupby("seed")["size"].last()
    for s, size in last.items():
        assert size == r.seeds.loc[s, "size"]
        assert r.growth.loc[r.growth["seed"] == s, "joined"].sum() == size


def test_hand_example():
    # As tests/engine/temporal/cascades_test.cpp: forest B -> C -> D, A -> F, E -> H, G.
    rows = [(1, "A", "B"), (2, "B", "C"), (2, "A", "C"), (3, "C", "D"), (3, "E", "F"), (4, "F", "A"),
            (5, "E", "D"), (6, "G", "G"), (7, "H", "E")]
    day = 86400
    log = pd.DataFrame({"time": [pd.Timestamp("2024-01-01", tz="UTC") + pd.Timedelta(days=t) for t, _, _ in rows],
                        "source": [s for _, s, _ in rows], "target": [g for _, _, g in rows]})
    net = movemap.load(log, directed=False)
    r = net.ripples(["B"])
    assert {k: or_none(v) for k, v in r.cascades["recruiter"].items()} == {"A": None, "B": None, "C": "B", "D": "C", "E": None, "F": "A",
                                                 "G": None, "H": "E"}
    assert r.cascades["cascade_size"].to_dict() == {"A": 2, "B": 3, "C": 2, "D": 1, "E": 2, "F": 1, "G": 1,
                                                    "H": 1}
    assert list(r.roots.index) == ["B", "A", "E", "G"]  # largest first, then node order
    assert r.seeds.loc["B", "size"] == 3 and r.seeds.loc["B", "depth"] == 2
    # Reach from B (both ways: undirected): C at day 2 ... everyone but G by day 7.
    arrival = r.reach["earliest_arrival"]
    base = pd.Timestamp("2024-01-01", tz="UTC")
    assert arrival["A"] == base + pd.Timedelta(days=1)  # A-B at the start instant
    assert arrival["C"] == base + pd.Timedelta(days=2)
    assert arrival["E"] == base + pd.Timedelta(days=5)  # E-D
    assert arrival["F"] == base + pd.Timedelta(days=4)
    assert pd.isna(arrival["G"])
    assert arrival["H"] == base + pd.Timedelta(days=7)
    strict = net.ripples(["B"], strict=True).reach["earliest_arrival"]
    assert strict["A"] == base + pd.Timedelta(days=1)  # A-B at the start instant: seeds count as reached before it
    # Seed A from day 2: A-C and B-C at day 2 chain A -> C -> B only without --strict.
    chains = net.ripples(["A"], start=base + pd.Timedelta(days=2)).reach["earliest_arrival"]
    assert chains["B"] == base + pd.Timedelta(days=2)
    strict = net.ripples(["A"], start=base + pd.Timedelta(days=2), strict=True).reach["earliest_arrival"]
    assert pd.isna(strict["B"]) and strict["C"] == base + pd.Timedelta(days=2)
    assert day == 86400


def test_equals_the_cli(tmp_path, random_files):
    cli = os.environ.get("MOVEMAP_CLI")
    if not cli:
        pytest.skip("MOVEMAP_CLI not set")
    lp, ap = random_files(31)
    out = tmp_path / "out"
    subprocess.run([cli, "ripples", str(lp), "--actors", str(ap), "--out", str(out), "-q"], check=True)
    net = movemap.load(lp, actors=ap)
    r = net.ripples()
    reach = pd.read_csv(out / "reach.csv", index_col="actor", keep_default_na=False)
    assert reach.index.tolist() == r.reach.index.tolist()
    assert (reach["reached"] == r.reach["reached"]).all()
    got = r.reach["earliest_arrival"].map(lambda t: "" if pd.isna(t) else t.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert (reach["earliest_arrival"] == got).all()
    cas = pd.read_csv(out / "cascades.csv", index_col="actor", keep_default_na=False)
    assert cas.index.tolist() == r.cascades.index.tolist()
    assert (cas["recruiter"] == r.cascades["recruiter"].fillna("")).all()
    assert (cas["cascade_size"] == r.cascades["cascade_size"]).all()
    growth = pd.read_csv(out / "cascade_growth.csv")
    assert growth["seed"].tolist() == r.growth["seed"].tolist()
    assert growth["month"].tolist() == r.growth["month"].dt.strftime("%Y-%m").tolist()
    assert growth["size"].tolist() == r.growth["size"].tolist()
    curve = pd.read_csv(out / "reach_curve.csv")
    assert curve["reached"].tolist() == r.curve["reached"].tolist()


def test_errors(small_log):
    net = movemap.load(small_log)
    with pytest.raises(movemap.UsageError, match="nobody"):
        net.ripples(["nobody"])
    with pytest.raises(movemap.UsageError):
        net.ripples([])
    with pytest.raises(movemap.UsageError):
        net.ripples(["ann"], start="not a date")
    r = net.ripples(["ann"], start="2030-01-01")  # after the log: only the seed
    assert r.reach["reached"].sum() == 1
    assert r.curve["reached"].tolist() == [1]


def test_engine_arrays_are_not_copied(small_log):
    net = movemap.load(small_log)
    reach = movemap._core.temporal_reach(net.core, ["ann"])
    cas = movemap._core.recruitment_cascades(net.core)
    for a in (reach["arrival"], reach["curve_time"], cas["joined"], cas["recruiter"], cas["order"]):
        assert not a.flags.owndata and a.base is not None


def test_progress_callable_can_cancel(small_log):
    net = movemap.load(small_log)
    calls = []

    def stop(fraction):
        calls.append(fraction)
        return False

    with pytest.raises(movemap.Cancelled):
        net.ripples(["ann"], progress=stop)
    assert calls
