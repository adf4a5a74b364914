"""The Network class: a movement's network, answered in pandas."""

from __future__ import annotations

import os
from typing import Any, Sequence

import numpy as np
import pandas as pd

from movemap import _core

# Attribute columns that degree() carries beside the measures, in this order.
_DEGREE_ATTRIBUTES = ("role", "site", "label")
_DEGREE_MEASURES = ("in_degree", "out_degree", "degree", "in_strength", "out_strength", "strength")


def _utc(seconds: Any) -> pd.Series | pd.Timestamp | None:
    """UTC datetimes from Unix seconds (an array, or one int / None)."""
    if seconds is None:
        return None
    if np.ndim(seconds) == 0:
        return pd.Timestamp(int(seconds), unit="s", tz="UTC")
    return pd.to_datetime(np.asarray(seconds, dtype=np.int64), unit="s", utc=True)


class Network:
    """A movement's network: actors with their attributes and aggregated ties.

    Build one with :func:`movemap.load`. The network is immutable; every
    method computes from the engine's compressed graph and returns pandas
    objects indexed by actor id.

    Node order: actors of the actor table first (in table order, those
    without interactions as isolates), then actors named only by the log, in
    order of first appearance (role ``"unknown"``).

    >>> import pandas as pd, movemap
    >>> log = pd.DataFrame({"time": ["2024-03-01", "2024-03-02", "2024-03-05"],
    ...                     "source": ["ann", "bob", "ann"],
    ...                     "target": ["bob", "ann", "bob"]})
    >>> net = movemap.load(log)
    >>> net
    <movemap.Network directed: 2 actors, 2 ties>
    >>> net.degree()["out_strength"].to_dict()
    {'ann': 2.0, 'bob': 1.0}
    """

    __slots__ = ("_core", "_ids")

    def __init__(self, core: _core.Network) -> None:
        if not isinstance(core, _core.Network):
            raise TypeError("Network wraps a movemap._core.Network; build one with movemap.load(...)")
        self._core = core
        self._ids: pd.Index | None = None

    # ------------------------------------------------------------ basics --

    @property
    def core(self) -> _core.Network:
        """The engine object (zero-copy numpy results)."""
        return self._core

    @property
    def directed(self) -> bool:
        """True when ties are source -> target, False when symmetrised."""
        return self._core.directed

    @property
    def num_actors(self) -> int:
        return self._core.num_nodes

    @property
    def num_ties(self) -> int:
        return self._core.num_ties

    def __len__(self) -> int:
        return self._core.num_nodes

    @property
    def read_stats(self) -> dict[str, Any]:
        """Input accounting: rows_read (= accepted + rejected), accepted,
        rejected, blank_lines, ignored_columns."""
        return self._core.read_stats

    def actors(self) -> pd.Index:
        """Actor ids in node order (a pandas Index named "id")."""
        if self._ids is None:
            self._ids = pd.Index(self._core.actor_ids(), name="id")
        return self._ids

    def attributes(self) -> pd.DataFrame:
        """The actors' attributes (role, label, site, ...), one row per actor.

        Missing values are None; every actor has a role ("unknown" for
        actors the actor table does not list). Columns the engine inferred as
        numbers or booleans are converted (nullable dtypes).
        """
        attrs = self._core.attributes()
        types = self._core.attribute_types()
        frame = pd.DataFrame({name: _typed(values, types[name]) for name, values in attrs.items()},
                             index=self.actors())
        return frame

    def summary(self) -> dict[str, Any]:
        """Network-level summary as a dict.

        Keys: directed, actors, ties, self_loops, isolates, density
        (networkx's nx.density), reciprocity (nx.overall_reciprocity; None
        when undirected), total_weight, weak_components, strong_components,
        largest_component, largest_component_share, events, attendances,
        actors_by_role ({role: count}), and the build accounting:
        interactions, pair_rows, attendance_rows, self_interactions,
        coattendance_interactions, actors_in_table, actors_created,
        actors_without_interactions, first_time, last_time (UTC Timestamps;
        None for an empty log).

        >>> net.summary()["density"]  # doctest: +SKIP
        0.0123
        """
        s = self._core.summary()
        s["first_time"] = _utc(s["first_time"])
        s["last_time"] = _utc(s["last_time"])
        return s

    # ---------------------------------------------------------- measures --

    def degree(self) -> pd.DataFrame:
        """Degree and strength per actor (networkx's conventions).

        Index: actor id (named "id"). Columns: role, site and label (those
        present), then in_degree, out_degree, degree (int64) and in_strength,
        out_strength, strength (float64, sums of tie weights). Undirected:
        in = out = degree, a self-loop counted twice.

        >>> net.degree().nlargest(5, "strength")  # doctest: +SKIP
        """
        measures = self._core.degree()
        attrs = self._core.attributes()
        columns: dict[str, Any] = {}
        for name in _DEGREE_ATTRIBUTES:
            if name in attrs:
                columns[name] = attrs[name]
        for name in _DEGREE_MEASURES:
            columns[name] = measures[name]
        return pd.DataFrame(columns, index=self.actors(), copy=False)

    def components(self, kind: str = "weak") -> pd.Series:
        """Component id per actor ("weak": directions ignored; "strong").

        Component 0 holds the first actor; ids increase with each component's
        first actor.
        """
        if kind == "weak":
            values = self._core.weak_components()
        elif kind == "strong":
            values = self._core.strong_components()
        else:
            raise _core.UsageError(f'components(kind="{kind}"): expected "weak" or "strong"')
        return pd.Series(values, index=self.actors(), name="component", copy=False)

    def ties(self) -> pd.DataFrame:
        """One row per tie, sorted by (source, target) node order.

        Columns: source, target (actor ids; undirected ties list the earlier
        actor first), weight (sum of interaction weights), count (number of
        interactions), first_seen, last_seen (UTC datetimes), kinds
        (';'-joined, sorted; co-attendance ties have kind "co-attendance").
        """
        t = self._core.ties()
        ids = np.asarray(self._core.actor_ids(), dtype=object)
        return pd.DataFrame(
            {
                "source": ids[t["source"]] if len(ids) else np.array([], dtype=object),
                "target": ids[t["target"]] if len(ids) else np.array([], dtype=object),
                "weight": t["weight"],
                "count": t["count"],
                "first_seen": _utc(t["first_seen"]),
                "last_seen": _utc(t["last_seen"]),
                "kinds": self._core.tie_kinds(),
            }
        )

    def to_networkx(self):
        """The network as a networkx (Di)Graph: node attributes as in
        attributes(), edge attributes weight, count, first_seen, last_seen
        (Unix seconds) and kinds."""
        import networkx as nx

        g = nx.DiGraph() if self.directed else nx.Graph()
        ids = self._core.actor_ids()
        attrs = self._core.attributes()
        for i, a in enumerate(ids):
            g.add_node(a, **{k: v[i] for k, v in attrs.items() if v[i] is not None})
        t = self._core.ties()
        kinds = self._core.tie_kinds()
        for e in range(len(kinds)):
            g.add_edge(ids[t["source"][e]], ids[t["target"][e]], weight=float(t["weight"][e]),
                       count=int(t["count"][e]), first_seen=int(t["first_seen"][e]),
                       last_seen=int(t["last_seen"][e]), kinds=kinds[e])
        return g

    # ----------------------------------------------------------- writers --

    def write_graphml(self, path: str | os.PathLike[str], *, attributes: Sequence[str] | None = None,
                      labels: bool = True, measures: bool = True) -> None:
        """Writes GraphML for Gephi (also read by networkx, igraph, yEd).

        Nodes carry the actor attributes (all, or only `attributes`; no
        label column with labels=False) and, with measures=True, the same
        measures as ``movemap map``: degree, strength (in_/out_ variants when
        directed) and weak component. Ties carry weight, count, first_seen,
        last_seen and kinds. Written atomically.

        >>> net.write_graphml("movement.graphml", attributes=["role", "site"])  # doctest: +SKIP
        """
        self._core.write_graphml(os.fspath(path), attributes=_names(attributes), labels=labels,
                                 measures=measures)

    def write_node_table(self, path: str | os.PathLike[str], *, attributes: Sequence[str] | None = None,
                         labels: bool = True, measures: bool = True) -> None:
        """Writes the CSV node table, as ``movemap map`` writes nodes.csv."""
        self._core.write_node_table(os.fspath(path), attributes=_names(attributes), labels=labels,
                                    measures=measures)

    def write_tie_table(self, path: str | os.PathLike[str]) -> None:
        """Writes the CSV tie table, as ``movemap map`` writes ties.csv."""
        self._core.write_tie_table(os.fspath(path))

    def write_summary(self, path: str | os.PathLike[str]) -> None:
        """Writes the JSON run summary, as ``movemap map`` writes summary.json."""
        self._core.write_summary(os.fspath(path))

    def __repr__(self) -> str:
        kind = "directed" if self.directed else "undirected"
        return f"<movemap.Network {kind}: {self.num_actors} actors, {self.num_ties} ties>"


def _names(attributes: Sequence[str] | None) -> list[str] | None:
    if attributes is None:
        return None
    if isinstance(attributes, str):
        return [attributes]
    return list(attributes)


def _typed(values: list[str | None], kind: str) -> Any:
    """Attribute text as the engine typed it (nullable pandas dtypes)."""
    if kind == "long":
        return pd.array([None if v is None else int(v) for v in values], dtype="Int64")
    if kind == "double":
        return pd.array([None if v is None else float(v) for v in values], dtype="Float64")
    if kind == "boolean":
        return pd.array([None if v is None else v == "true" for v in values], dtype="boolean")
    return values
