"""Role transitions over time against an independent pandas computation.

A random log with a random, consistent role-change table (chains of 1-3
changes per actor, some at the same instant as log rows). The reference
computes, from the log and the table alone, each actor's role at every
window's end (the `to` of its last change before the end, else its first
change's `from`, else its table role), the by-role actor and tie states by
the definitions of docs/momentum.md, the ties across roles, and the
transitions per window with a pandas groupby.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import movemap
from test_momentum import BASE, DAY, contacts_of, random_log, tie_key


def random_changes(seed: int, actors: pd.DataFrame, span_days: int = 200):
    """A consistent change table; the actor table's role becomes the final role (empty for some)."""
    rng = np.random.default_rng(seed + 100)
    roles = ["citizen", "champion", "anchor", "service", "volunteer"]
    rows = []
    actors = actors.copy()
    for i, a in enumerate(actors["id"]):
        if rng.random() > 0.4:
            continue
        k = int(rng.integers(1, 4))
        days = sorted(rng.choice(np.arange(0, span_days, 2), size=k, replace=False))
        current = actors.at[i, "role"]
        for d in days:
            to = current
            while to == current:
                to = roles[int(rng.integers(len(roles)))]
            rows.append((a, BASE + int(d) * DAY, current, to))
            current = to
        actors.at[i, "role"] = None if rng.random() < 0.3 else current
    # one actor only in the change table
    rows.append(("newcomer", BASE + 50 * DAY, "citizen", "champion"))
    changes = pd.DataFrame(rows, columns=["id", "time", "from", "to"])
    return changes.sample(frac=1, random_state=seed).reset_index(drop=True), actors


def role_at(changes: pd.DataFrame, static: dict, actor: str, t: int) -> str:
    mine = changes[changes["id"] == actor].sort_values("time")
    if mine.empty:
        return static.get(actor) or "unknown"
    before = mine[mine["time"] < t]
    return before["to"].iloc[-1] if len(before) else mine["from"].iloc[0]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("lapse_days", [0, 10])
def test_by_role_and_transitions_match_pandas(tmp_path, seed, lapse_days):
    log, actors = random_log(seed)
    changes, actors = random_changes(seed, actors)
    path = tmp_path / "changes.csv"
    changes.to_csv(path, index=False)
    net = movemap.load(log, actors=actors, directed=False, role_changes=path)
    width, step, lapse = 30 * DAY, 15 * DAY, lapse_days * DAY
    m = net.momentum(window=width, step=step, lapse=lapse or None, measures=None, sensitivity=None)

    static = {a: r for a, r in zip(actors["id"], actors["role"]) if isinstance(r, str)}
    contacts, activity = contacts_of(log, False)
    first_a: dict = {}
    for t, a in activity:
        first_a[a] = min(first_a.get(a, t), t)
    first_t: dict = {}
    for t, u, v, _ in contacts:
        first_t[tie_key(u, v, False)] = min(first_t.get(tie_key(u, v, False), t), t)
    everyone = set(static) | set(changes["id"]) | {a for _, a in activity}
    all_roles = sorted({role_at(changes, static, a, t) for a in everyone for t in (-(2**62), 2**62)} |
                       set(changes["from"]) | set(changes["to"]))
    starts = (m.windows.index - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)
    prev_a, prev_t = set(), set()
    for k, s in enumerate(starts):
        e, r0 = s + width, s - lapse
        role = {a: role_at(changes, static, a, e) for a in everyone}
        A = {a for t, a in activity if r0 <= t < e}
        T = {tie_key(u, v, False) for t, u, v, _ in contacts if r0 <= t < e}
        got = m.by_role[m.by_role["window"] == k].set_index("role")
        assert list(got.index) == all_roles
        for r in all_roles:
            Ar = {a for a in A if role[a] == r}
            row = got.loc[r]
            assert row["active"] == len(Ar), (k, r)
            assert row["new"] == sum(1 for a in Ar if a not in prev_a and first_a[a] >= r0)
            assert row["retained"] == len(Ar & prev_a)
            assert row["reactivated"] == sum(1 for a in Ar if a not in prev_a and first_a[a] < r0)
            assert row["lapsed"] == sum(1 for a in prev_a - A if role[a] == r)
            mine = {x for x in T | prev_t if r in (role[x[0]], role[x[1]])}
            assert row["ties"] == len(mine & T)
            assert row["new_ties"] == sum(1 for x in mine & T if x not in prev_t and first_t[x] >= r0)
            assert row["renewed_ties"] == sum(1 for x in mine & T if x not in prev_t and first_t[x] < r0)
            assert row["lapsed_ties"] == len(mine & (prev_t - T))
        off = [(u, v) for (u, v) in T if u != v]
        w = m.windows.iloc[k]
        assert w["cross_role_ties"] == sum(role[u] != role[v] for u, v in off)
        assert w["citizen_service_ties"] == sum({role[u], role[v]} == {"citizen", "service"} for u, v in off)
        assert w["citizen_champion_ties"] == sum({role[u], role[v]} == {"citizen", "champion"} for u, v in off)
        assert w["anchor_ties"] == sum("anchor" in (role[u], role[v]) for u, v in off)
        prev_a, prev_t = A, T

    # Transitions per window: a pandas groupby of the changes in [start, end).
    types = changes[["from", "to"]].drop_duplicates().sort_values(["from", "to"]).reset_index(drop=True)
    expected = []
    for k, s in enumerate(starts):
        inside = changes[(changes["time"] >= s) & (changes["time"] < s + width)]
        counts = inside.groupby(["from", "to"]).size()
        for f, t in zip(types["from"], types["to"]):
            expected.append((k, f, t, int(counts.get((f, t), 0))))
    exp = pd.DataFrame(expected, columns=["window", "from", "to", "count"])
    got = m.role_transitions
    pd.testing.assert_frame_equal(got[["window", "from", "to", "count"]].reset_index(drop=True), exp,
                                  check_dtype=False)
    assert (got["end"] - got["start"] == pd.Timedelta(seconds=width)).all()
    np.testing.assert_array_equal(m.windows["role_changes"].to_numpy(),
                                  exp.groupby("window")["count"].sum().to_numpy())


@pytest.mark.parametrize("seed", [4, 5])
def test_role_cohorts_match_pandas(tmp_path, seed):
    log, actors = random_log(seed, span_days=400)
    changes, actors = random_changes(seed, actors, span_days=400)
    path = tmp_path / "changes.csv"
    changes.to_csv(path, index=False)
    net = movemap.load(log, actors=actors, role_changes=path)
    got = net.momentum(measures=None, sensitivity=None).role_cohorts

    def month(seconds):
        return pd.to_datetime(seconds, unit="s", utc=True).dt.tz_localize(None).dt.to_period("M")

    _, activity = contacts_of(log, True)
    act = pd.DataFrame(activity, columns=["t", "actor"])
    act["month"] = month(act["t"])
    active_months = act.groupby("actor")["month"].apply(set)
    last = act["month"].max()
    ch = changes.assign(month=month(changes["time"]))
    rows = []
    for (f, t, c), grp in ch.groupby(["from", "to", "month"], sort=True):
        members = set(grp["id"])
        for k in range(max((last - c).n, 0) + 1):
            n = sum(1 for a in members if c + k in active_months.get(a, set()))
            rows.append((f, t, c, len(members), k, n, n / len(members)))
    exp = pd.DataFrame(rows, columns=["from", "to", "cohort", "size", "months_since", "active", "share"])
    assert len(got) == len(exp)
    got_c = got.assign(cohort=got["cohort"].dt.tz_localize(None).dt.to_period("M"))
    pd.testing.assert_frame_equal(got_c.reset_index(drop=True), exp, check_dtype=False)


def test_network_role_changes_and_final_roles(tmp_path):
    log, actors = random_log(7)
    changes, actors = random_changes(7, actors)
    path = tmp_path / "changes.csv"
    changes.to_csv(path, index=False)
    net = movemap.load(log, actors=actors, role_changes=path)
    rc = net.role_changes
    exp = changes.assign(node=[net.actors().get_loc(a) for a in changes["id"]]) \
        .sort_values(["time", "node"]).reset_index(drop=True)
    assert list(rc["actor"]) == list(exp["id"])
    assert list(rc["from"]) == list(exp["from"]) and list(rc["to"]) == list(exp["to"])
    assert list(rc["time"]) == list(pd.to_datetime(exp["time"], unit="s", utc=True))
    attrs = net.attributes()
    last = exp.groupby("id")["to"].last()
    for a, r in last.items():
        assert attrs.loc[a, "role"] == r
    assert "newcomer" in net.actors()
    # Without the table: no changes, no transitions, no role_changes column.
    plain = movemap.load(log, actors=actors.fillna({"role": "citizen"}))
    assert len(plain.role_changes) == 0
    m = plain.momentum(measures=None, sensitivity=None)
    assert "role_changes" not in m.windows.columns and len(m.role_transitions) == 0


def test_bad_tables_raise_input_error_with_line(tmp_path):
    log, actors = random_log(1)
    bad = tmp_path / "bad.csv"
    bad.write_text("id,time,from,to\np1,2024-01-01,citizen,champion\np1,2024-01-01,champion,anchor\n")
    with pytest.raises(movemap.InputError, match=r"bad\.csv:3: actor 'p1' has a second role change at the same time"):
        movemap.load(log, role_changes=bad)
    mapped = tmp_path / "mapped.csv"
    mapped.write_text("Who,When,Was,Now\np1,2024-01-01,citizen,champion\n")
    net = movemap.load(log, role_changes=mapped,
                       role_change_columns={"id": "Who", "time": "When", "from": "Was", "to": "Now"})
    assert net.role_changes["to"].tolist() == ["champion"]
    with pytest.raises(movemap.UsageError):
        movemap.load(log, role_change_columns={"id": "Who"})
