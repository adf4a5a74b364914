"""Momentum over time: Network.momentum's pandas surface (docs/momentum.md)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from movemap import _core
from movemap._pandas import pd

if TYPE_CHECKING:
    from movemap.network import Network

WINDOW_MEASURES: tuple[str, ...] = tuple(_core.window_measure_names())


@dataclass(frozen=True)
class Momentum:
    """What :meth:`Network.momentum` computed, as DataFrames ready to plot.

    Attributes
    ----------
    windows
        One row per window, indexed by the window start (a UTC
        DatetimeIndex named "start"): ``window`` (index), ``end``, then the
        indicators (active, new, retained, reactivated, lapsed; ties,
        new_ties, retained_ties, renewed_ties, lapsed_ties; density,
        reciprocity, components, largest_component_share,
        average_clustering; citizen_service_ties, citizen_champion_ties,
        anchor_ties, cross_role_ties, cross_site_ties) and the momentum
        columns (growth_rate, acceleration, net_inflow, momentum); with
        ``communities=True`` also communities and modularity (Louvain);
        with role changes (``movemap.load(..., role_changes=PATH)``) also
        role_changes (changes with time in [start, end)).
    by_role
        Long: window, start, role, then active, new, retained, reactivated,
        lapsed, ties, new_ties, renewed_ties, lapsed_ties for that role.
        With role changes, each actor counts under the role it held at the
        window's end.
    cohorts
        cohort (month start, UTC), size, months_since, active, share.
    trajectories
        Long: window, start, actor, measure, value, rank (1 = highest).
    rising
        measure, actor, rank_first, rank_last, gain (first -> last window).
    sensitivity
        measure, width_a, width_b (Timedelta), actors, tau_b (Kendall).
    gexf_timeline
        The trajectories as the per-window node columns of a dynamic GEXF
        (``<measure>_window`` and ``<measure>_window_rank``, as the CLI's
        network.gexf): ``net.write_gexf(path, dynamic=True, lapse=...,
        timeline=m.gexf_timeline)``.
    role_transitions
        Long: window, start, end, from, to, count (role changes of that type
        with time in [start, end), every window and type); empty (those
        columns, no rows) without role changes.
    role_cohorts
        Transition cohorts, like ``cohorts``: from, to, cohort (month start,
        UTC; the actors who made that change that month), size,
        months_since, active (members active in month cohort + k), share.
        Empty without role changes.
    """

    windows: pd.DataFrame
    by_role: pd.DataFrame
    cohorts: pd.DataFrame
    trajectories: pd.DataFrame
    rising: pd.DataFrame
    sensitivity: pd.DataFrame
    gexf_timeline: dict[str, Any]
    role_transitions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"window": [], "start": [], "end": [], "from": [], "to": [], "count": []}))
    role_cohorts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"from": [], "to": [], "cohort": [], "size": [], "months_since": [], "active": [], "share": []}))


def seconds(value: Any, name: str) -> int:
    """A duration in whole seconds from "90d"-style text, a number of seconds or a timedelta."""
    if isinstance(value, str):
        return int(_core.parse_duration(value))
    if isinstance(value, (pd.Timedelta, _dt.timedelta, np.timedelta64)):
        s = pd.Timedelta(value).total_seconds()
    elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        s = float(value)
    else:
        raise _core.UsageError(f"{name}={value!r}: expected a duration such as '90d', seconds or a timedelta")
    if not np.isfinite(s) or s <= 0 or s != int(s):
        raise _core.UsageError(f"{name}={value!r}: expected a positive whole number of seconds")
    return int(s)


def _utc(values: np.ndarray) -> pd.DatetimeIndex:
    return pd.to_datetime(np.asarray(values, dtype=np.int64), unit="s", utc=True)


def momentum(
    net: Network,
    window: Any = "90d",
    step: Any = "30d",
    *,
    windows: str = "sliding",
    anchor: str = "end",
    lapse: Any = None,
    half_life: Any = None,
    measures: Sequence[str] | str | None = ("degree", "pagerank"),
    span: float = 3,
    rising: int = 20,
    sensitivity: Sequence[Any] | str | None = "auto",
    communities: bool = False,
    progress: Any = None,
) -> Momentum:
    from movemap.network import _progress_callback

    if not _core.has_contacts(net.core):
        raise _core.UsageError(
            "momentum needs the network's contacts: load it with movemap.load(..., keep_contacts=True)")
    width_s, step_s = seconds(window, "window"), seconds(step, "step")
    lapse_s = 0 if lapse is None else seconds(lapse, "lapse")
    half_s = 0.0 if half_life is None else float(seconds(half_life, "half_life"))
    if measures is None:
        names: list[str] = []
    elif isinstance(measures, str):
        names = [m for m in measures.split(",") if m]
    else:
        names = list(measures)
    if sensitivity == "auto":
        widths = [width_s // 2, width_s, 2 * width_s] if windows == "sliding" else []
    elif sensitivity is None:
        widths = []
    else:
        widths = [seconds(w, "sensitivity") for w in ([sensitivity] if isinstance(sensitivity, str) else sensitivity)]
    with _progress_callback(progress) as callback:
        raw = _core.momentum(net.core, windows=windows, anchor=anchor, width=width_s, step=step_s, lapse=lapse_s,
                             half_life=half_s, measures=names, span=float(span), rising=int(rising),
                             sensitivity=widths, communities=bool(communities), progress=callback)
    ids = net.actors()
    start = _utc(raw["start"])

    frame = pd.DataFrame({"window": np.arange(len(start), dtype=np.int64), "end": _utc(raw["end"])}, index=start)
    for name, values in raw["windows"].items():
        frame[name] = values
    frame.index.name = "start"

    role = raw["by_role"]
    rw = np.asarray(role["window"], dtype=np.int64)
    by_role = pd.DataFrame({"window": rw, "start": start[rw], "role": pd.Series(role["role"], dtype=object)})
    for name, values in role["columns"].items():
        by_role[name] = values

    c = raw["cohorts"]
    cohorts = pd.DataFrame({"cohort": _utc(c["cohort"]), "size": c["size"], "months_since": c["months_since"],
                            "active": c["active"], "share": c["share"]})

    t = raw["trajectories"]
    mnames = np.asarray(t["measures"], dtype=object)
    tw = np.asarray(t["window"], dtype=np.int64)
    trajectories = pd.DataFrame({
        "window": tw, "start": start[tw], "actor": ids[np.asarray(t["node"], dtype=np.int64)],
        "measure": mnames[np.asarray(t["measure"], dtype=np.int64)] if len(mnames) else np.array([], dtype=object),
        "value": t["value"], "rank": t["rank"]})

    r = raw["rising"]
    rising_frame = pd.DataFrame({
        "measure": mnames[np.asarray(r["measure"], dtype=np.int64)] if len(mnames) else np.array([], dtype=object),
        "actor": ids[np.asarray(r["node"], dtype=np.int64)], "rank_first": r["rank_first"],
        "rank_last": r["rank_last"], "gain": r["gain"]})

    s = raw["sensitivity"]
    sens = pd.DataFrame({"measure": pd.Series(s["measure"], dtype=object),
                         "width_a": pd.to_timedelta(np.asarray(s["width_a"], dtype=np.int64), unit="s"),
                         "width_b": pd.to_timedelta(np.asarray(s["width_b"], dtype=np.int64), unit="s"),
                         "actors": s["actors"], "tau_b": s["tau_b"]})
    # The GEXF timeline: per measure, (offsets per window, nodes, values) for
    # the value and the rank; rows are ordered by window, measure, node.
    columns: dict[str, tuple] = {}
    nwin = len(start)
    node = np.asarray(t["node"], dtype=np.uint32)
    meas = np.asarray(t["measure"], dtype=np.int64)
    for mi, name in enumerate(mnames):
        sel = meas == mi
        counts = np.bincount(tw[sel], minlength=nwin)
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.uint64)
        columns[f"{name}_window"] = (offsets, node[sel], np.asarray(t["value"])[sel])
        columns[f"{name}_window_rank"] = (offsets, node[sel], np.asarray(t["rank"], dtype=np.float64)[sel])
    timeline = {"start": np.asarray(raw["start"], dtype=np.int64), "end": np.asarray(raw["end"], dtype=np.int64),
                "columns": columns}
    tr = raw["role_transitions"]
    trw = np.asarray(tr["window"], dtype=np.int64)
    end = _utc(raw["end"])
    transitions = pd.DataFrame({"window": trw, "start": start[trw], "end": end[trw],
                                "from": pd.Series(tr["from"], dtype=object),
                                "to": pd.Series(tr["to"], dtype=object),
                                "count": np.asarray(tr["count"], dtype=np.int64)})
    rc = raw["role_cohorts"]
    role_cohorts = pd.DataFrame({"from": pd.Series(rc["from"], dtype=object), "to": pd.Series(rc["to"], dtype=object),
                                 "cohort": _utc(rc["cohort"]), "size": rc["size"],
                                 "months_since": rc["months_since"], "active": rc["active"], "share": rc["share"]})
    return Momentum(frame, by_role, cohorts, trajectories, rising_frame, sens, timeline, transitions, role_cohorts)
