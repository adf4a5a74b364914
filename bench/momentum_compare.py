#!/usr/bin/env python3
"""movemap momentum vs the notebook approach (pandas slice per window -> igraph).

Usage: bench/momentum_compare.py LOG_DIR [--window 90d] [--step 11d] [--peer igraph|networkx|none]
         [--max-windows N] [--movemap build/movemap]

LOG_DIR holds interactions.csv and actors.csv from `movemap generate`. Times,
each in its own process measured with /usr/bin/time -v (wall, peak RSS):
  1. movemap map        (the static network: the memory reference)
  2. movemap momentum   (windows, per-window indicators, degree + PageRank)
  3. the peer notebook: pandas reads the log, projects co-attendance once
     (as movemap does), then per window slices the contacts, aggregates ties,
     builds an igraph (or networkx) graph and computes the same indicators
     (actor and tie states, density, reciprocity, weak components, average
     clustering, ties across roles/sites) and degree + PageRank.
--max-windows N runs the peer on N windows spread evenly over the series
(every k-th, each with its previous window's sets for the states) and
extrapolates its loop time to all windows (stated in the output).
movemap momentum runs with --no-gexf (the notebook writes nothing either)
and --anchor start (the notebook's window grid); its tables (windows,
by_role, cohorts, trajectories) are written.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "M": 30 * 86400, "y": 365 * 86400}


def seconds(text: str) -> int:
    return int(text[:-1]) * UNITS[text[-1]] if text[-1] in UNITS else int(text)


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB, stdout) of a command under /usr/bin/time -v."""
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", p.stderr).group(1)
    parts = [float(x) for x in wall.split(":")]
    secs = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) == 3 else 0)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    return secs, rss, p.stdout


def peer(log_dir: str, width: int, step: int, lib: str, max_windows: int) -> None:
    """The notebook approach; prints JSON {windows, run, seconds_per_window, ...}."""
    import numpy as np
    import pandas as pd

    t_start = time.perf_counter()
    log = pd.read_csv(os.path.join(log_dir, "interactions.csv"), dtype={"source": str, "target": str, "event": str})
    actors = pd.read_csv(os.path.join(log_dir, "actors.csv"), dtype=str)
    log["t"] = (pd.to_datetime(log["time"], utc=True, format="ISO8601") - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(
        seconds=1)
    if "weight" not in log:
        log["weight"] = 1.0
    log["weight"] = log["weight"].fillna(1.0)
    ids = pd.Index(pd.concat([actors["id"], log["source"], log["target"].dropna()]).unique())
    n = len(ids)
    role_names, role = np.unique(actors.set_index("id")["role"].reindex(ids).fillna("unknown").to_numpy(),
                                 return_inverse=True)
    site_codes, site = np.unique(actors.set_index("id")["site"].reindex(ids).fillna("").to_numpy(),
                                 return_inverse=True)
    site = np.where(site_codes[site] == "", -1, site)
    pairs = log[log["target"].notna()]
    cs = pd.DataFrame({"t": pairs["t"].to_numpy(), "u": ids.get_indexer(pairs["source"]),
                       "v": ids.get_indexer(pairs["target"]), "w": pairs["weight"].to_numpy(float)})
    att = log[log["target"].isna()]
    att = pd.DataFrame({"e": att["event"].to_numpy(), "p": ids.get_indexer(att["source"]), "t": att["t"].to_numpy()})
    att = att.groupby(["e", "p"], as_index=False)["t"].min()
    m = att.merge(att, on="e")
    m = m[m["p_x"] != m["p_y"]]  # both directions: a directed network's mutual co-attendance
    co = pd.DataFrame({"t": np.maximum(m["t_x"], m["t_y"]).to_numpy(), "u": m["p_x"].to_numpy(),
                       "v": m["p_y"].to_numpy(), "w": 1.0})
    cs = pd.concat([cs, co], ignore_index=True).sort_values("t", kind="stable", ignore_index=True)
    cs["key"] = cs["u"].astype(np.int64) * n + cs["v"]
    act = pd.concat([cs[["t", "u"]].rename(columns={"u": "a"}), cs[["t", "v"]].rename(columns={"v": "a"}),
                     att[["t", "p"]].rename(columns={"p": "a"})]).sort_values("t", kind="stable")
    first_a = act.groupby("a")["t"].min().reindex(range(n)).to_numpy()
    first_t = cs.groupby("key")["t"].min()
    ct, at = cs["t"].to_numpy(), act["t"].to_numpy()
    t0, t1 = int(min(ct.min(), at.min())), int(max(ct.max(), at.max()))
    prep = time.perf_counter() - t_start

    if lib == "igraph":
        import igraph as ig
    else:
        import networkx as nx
    starts = list(range(t0, t1 + 1, step))
    total = len(starts)
    # --max-windows N: N windows spread evenly over the series (every k-th),
    # each with its previous window's actor and tie sets (for the states).
    stride = max(1, -(-total // max_windows)) if max_windows else 1
    run = list(range(0, total, stride))
    act_a, key = act["a"].to_numpy(), cs["key"].to_numpy()
    rows = []
    t_loop = time.perf_counter()
    for i in run:
        s = starts[i]
        e = s + width
        if i == 0:
            prev_a = np.array([], dtype=np.int64)
            prev_t = np.array([], dtype=np.int64)
        elif stride > 1:
            ps = starts[i - 1]
            prev_a = np.unique(act_a[np.searchsorted(at, ps):np.searchsorted(at, ps + width)])
            prev_t = np.unique(key[np.searchsorted(ct, ps):np.searchsorted(ct, ps + width)])
        w = cs.iloc[np.searchsorted(ct, s):np.searchsorted(ct, e)]
        A = np.unique(act["a"].to_numpy()[np.searchsorted(at, s):np.searchsorted(at, e)])
        ties = w.groupby("key", sort=True).agg(u=("u", "first"), v=("v", "first"), w=("w", "sum"))
        T = ties.index.to_numpy()
        new_a = ~np.isin(A, prev_a)
        row = {"active": len(A), "new": int((new_a & (first_a[A] >= s)).sum()),
               "reactivated": int((new_a & (first_a[A] < s)).sum()), "retained": int((~new_a).sum()),
               "lapsed": int((~np.isin(prev_a, A)).sum())}
        new_t = ~np.isin(T, prev_t)
        ft = first_t.reindex(T).to_numpy()
        row.update(ties=len(T), new_ties=int((new_t & (ft >= s)).sum()), renewed_ties=int((new_t & (ft < s)).sum()),
                   lapsed_ties=int((~np.isin(prev_t, T)).sum()))
        local = np.full(n, -1)
        local[A] = np.arange(len(A))
        u, v = ties["u"].to_numpy(), ties["v"].to_numpy()
        ru, rv = role[u], role[v]
        off = u != v
        row["cross_role_ties"] = int((off & (ru != rv)).sum())
        row["cross_site_ties"] = int((off & (site[u] >= 0) & (site[v] >= 0) & (site[u] != site[v])).sum())
        edges = np.column_stack([local[u], local[v]])
        if lib == "igraph":
            g = ig.Graph(n=len(A), edges=edges, directed=True)
            g.es["weight"] = ties["w"].to_numpy()
            row["density"] = g.density(loops=True)
            row["reciprocity"] = g.reciprocity(ignore_loops=False) if len(T) else 0.0
            cc = g.connected_components(mode="weak")
            row["components"] = len(cc)
            row["largest_component_share"] = max(cc.sizes()) / len(A) if len(A) else 0.0
            und = g.as_undirected(mode="collapse")
            und.simplify()
            row["average_clustering"] = und.transitivity_avglocal_undirected(mode="zero")
            deg = g.degree()
            pr = g.pagerank(weights="weight")
        else:
            g = nx.DiGraph()
            g.add_nodes_from(range(len(A)))
            g.add_weighted_edges_from(zip(edges[:, 0].tolist(), edges[:, 1].tolist(), ties["w"].tolist()))
            row["density"] = nx.density(g)
            row["reciprocity"] = nx.overall_reciprocity(g) if len(T) else 0.0
            cc = list(nx.weakly_connected_components(g))
            row["components"] = len(cc)
            row["largest_component_share"] = max(map(len, cc)) / len(A) if len(A) else 0.0
            und = nx.Graph(g.to_undirected())
            und.remove_edges_from(list(nx.selfloop_edges(und)))
            row["average_clustering"] = nx.average_clustering(und)
            deg = dict(g.degree())
            pr = nx.pagerank(g, weight="weight")
        rows.append(row)
        prev_a, prev_t = A, T
    loop = time.perf_counter() - t_loop
    print(json.dumps({"windows_total": total, "windows_run": len(run), "prepare_s": prep, "loop_s": loop,
                      "estimated_total_s": prep + loop * total / max(1, len(run)), "last": rows[-1] if rows else {}}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("log_dir")
    ap.add_argument("--window", default="90d")
    ap.add_argument("--step", default="11d")
    ap.add_argument("--peer", default="igraph")
    ap.add_argument("--max-windows", type=int, default=0)
    ap.add_argument("--movemap", default="build/movemap")
    ap.add_argument("--threads", default="0")
    ap.add_argument("--peer-only", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.peer_only:
        peer(a.log_dir, seconds(a.window), seconds(a.step), a.peer, a.max_windows)
        return
    log, actors = os.path.join(a.log_dir, "interactions.csv"), os.path.join(a.log_dir, "actors.csv")
    with tempfile.TemporaryDirectory() as out:
        ms, mr, _ = timed([a.movemap, "map", log, "--actors", actors, "-q", "-t", a.threads, "--out", out + "/map"])
        ts, tr, _ = timed([a.movemap, "momentum", log, "--actors", actors, "--window", a.window, "--step", a.step,
                           "--sensitivity", "none", "--no-gexf", "--anchor", "start", "-q", "-t", a.threads, "--timings", "--out", out + "/mom"])
        print(f"movemap map       {ms:8.2f} s  peak {mr:8.0f} MiB")
        print(f"movemap momentum  {ts:8.2f} s  peak {tr:8.0f} MiB  ({tr / mr:.2f}x the static map)")
        if a.peer != "none":
            ps, pr, out_json = timed([sys.executable, __file__, a.log_dir, "--peer-only", "--peer", a.peer,
                                      "--window", a.window, "--step", a.step, "--max-windows", str(a.max_windows)])
            r = json.loads(out_json)
            est = r["estimated_total_s"]
            note = "" if r["windows_run"] == r["windows_total"] else \
                f" (ran {r['windows_run']} of {r['windows_total']} windows, total extrapolated)"
            print(f"{a.peer} notebook  {est:8.2f} s  peak {pr:8.0f} MiB  prepare {r['prepare_s']:.2f} s, "
                  f"{r['loop_s'] / max(1, r['windows_run']):.3f} s/window{note}")
            print(f"ratio {a.peer} / movemap momentum: {est / ts:.1f}x")
            print("peer last window:", r["last"])


if __name__ == "__main__":
    main()
