"""The Network class: a movement's network, answered in pandas."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence, Union

import numpy as np

from movemap import _core
from movemap._pandas import pd

if TYPE_CHECKING:
    from movemap.momentum import Momentum

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


# Every measure name Network.centrality accepts, and the default set (the
# engine's registry, io/centrality_measures.hpp, shared with the CLI).
CENTRALITY_MEASURES: tuple[str, ...] = tuple(_core.centrality_measure_names())
DEFAULT_CENTRALITY_MEASURES: tuple[str, ...] = tuple(_core.default_centrality_measures())
_TIE_MEASURES = ("tie_betweenness",)

Progress = Union[bool, None, Callable[[float], Any]]


@dataclass(frozen=True)
class CentralityArrays:
    """Everything one centrality computation produced, as numpy arrays.

    Returned by :meth:`Network.centrality_arrays`. Each array is the engine's
    own buffer handed over without a copy (``arr.flags.owndata`` is False;
    ``arr.base`` owns the memory and is freed with the last reference).

    Attributes
    ----------
    measures
        The measures run, in order (the default set spelled out).
    nodes
        ``{column: array}``, one value per actor in node order (the order of
        :meth:`Network.actors`): float64, int64 for ``core`` and the degree
        counts.
    ties
        ``{column: array}``, one value per tie in the order of
        :meth:`Network.ties`; ``"betweenness"`` when ``tie_betweenness`` was
        requested.
    network
        Network-level values: ``degree_centralization``,
        ``betweenness_centralization`` (when ``betweenness`` was requested),
        ``transitivity``, ``average_clustering``.
    notes
        Run details: ``samples``, ``vertex_diameter_bound``, ``epsilon``,
        ``delta``, ``seed`` of ``betweenness_sampled``;
        ``<measure>_iterations`` and ``<measure>_residual`` of the power
        iterations; ``<measure>_error`` (text) when a measure of the default
        set did not converge (its column is NaN). Numbers as int or float.
    """

    measures: tuple[str, ...]
    nodes: dict[str, np.ndarray]
    ties: dict[str, np.ndarray] = field(default_factory=dict)
    network: dict[str, float] = field(default_factory=dict)
    notes: dict[str, int | float | str] = field(default_factory=dict)


# Every measure name Network.bridging accepts, and the default set (the
# engine's registry, io/bridging_measures.hpp, shared with `movemap bridging`).
BRIDGING_MEASURES: tuple[str, ...] = tuple(_core.bridging_measure_names())
DEFAULT_BRIDGING_MEASURES: tuple[str, ...] = tuple(_core.default_bridging_measures())


@dataclass(frozen=True)
class BridgingResult:
    """Everything one bridging computation produced (:meth:`Network.bridging`).

    The tables hold the same rows and columns as the CSV files ``movemap
    bridging`` writes (mixing_<attr>.csv, ei_index_<attr>.csv,
    brokerage_<attr>.csv, key_players.csv); docs/bridging.md defines each.

    Attributes
    ----------
    measures
        The measures run, in order (the default set spelled out).
    group_by
        The group attributes used (empty when no group measure ran).
    actors
        Indexed by actor id ("id"): role, site and label (those present),
        then the per-actor columns: constraint, effective_size, efficiency,
        hierarchy; brokerage_<attr>_<role> (counts) and
        brokerage_<attr>_<role>_z for role in coordinator, itinerant,
        representative, gatekeeper, liaison, total; is_articulation_point,
        cut_off; community; participation, within_module_z; key_player_rank
        (1..k, 0 for the others). Only those of the measures run.
    ties
        One row per tie (the order of :meth:`Network.ties`): source, target
        and is_bridge (bool) when cut_points ran.
    groups
        ``{attribute: DataFrame}`` with columns group (the value, or
        "(missing)") and actors, in code order (sorted values, "(missing)"
        last); with ``min_group_size``, actors is <NA> for suppressed groups
        and a ``suppressed`` column says which.
    mixing, ei_index, brokerage_by_group
        ``{attribute: DataFrame}``. mixing: group_from, group_to, ties,
        weight (cells with at least one tie); ei_index: group, actors,
        internal, external, ei, expected, p_value (the last row, group
        "(overall)", is the whole network with the permutation test);
        brokerage_by_group: group, actors, role, count, expected, sd, z
        (then six rows of group "(overall)": the whole network's five roles
        and total, as sna's gli values).
    key_players
        rank, id, fragmentation_after (empty unless key_players > 0).
    network
        Network-level values: modularity, communities, community_levels,
        bridges, articulation_points, bicomponents, assortativity_<attr>,
        ei_index_<attr> (+ _expected, _p_value), fragmentation_before,
        fragmentation_after (those of the measures run).
    notes
        Run details (community_algorithm).
    """

    measures: tuple[str, ...]
    group_by: tuple[str, ...]
    actors: pd.DataFrame
    ties: pd.DataFrame
    groups: dict[str, pd.DataFrame] = field(default_factory=dict)
    mixing: dict[str, pd.DataFrame] = field(default_factory=dict)
    ei_index: dict[str, pd.DataFrame] = field(default_factory=dict)
    brokerage_by_group: dict[str, pd.DataFrame] = field(default_factory=dict)
    key_players: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"rank": pd.Series(dtype="int64"), "id": pd.Series(dtype=object),
         "fragmentation_after": pd.Series(dtype="float64")}))
    network: dict[str, float] = field(default_factory=dict)
    notes: dict[str, int | float | str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        """``result["actors"]`` etc.: the attributes, also as dict keys."""
        if key not in self.__dataclass_fields__:
            raise KeyError(key)
        return getattr(self, key)


_NEVER = np.iinfo(np.int64).max
_NO_NODE = np.iinfo(np.uint32).max


@dataclass(frozen=True)
class Ripples:
    """How far change ripples out from the seeds, and who brought whom in.

    Returned by :meth:`Network.ripples`; the same tables as ``movemap
    ripples`` writes (docs/ripples.md). Times are UTC datetimes.

    Attributes
    ----------
    reach
        Indexed by actor id (every actor): ``seed`` (bool), ``reached``
        (bool), ``earliest_arrival`` (NaT when never reached).
    curve
        Indexed by ``time`` (DatetimeIndex): ``reached`` (by then, seeds
        included) and ``new``; the first row is the start.
    cascades
        Indexed by actor id (actors with contacts): ``recruiter`` (actor id;
        missing for roots), ``root`` (the cascade's root; itself for roots),
        ``depth``, ``joined``,
        ``recruited_at`` (NaT for roots), ``recruits``, ``cascade_size``,
        ``cascade_depth``.
    roots
        Indexed by root actor, largest cascade first: ``joined``, ``size``,
        ``depth``, ``recruits``.
    seeds
        The same for each seed's own cascade, indexed by seed.
    growth
        Long format, one row per seed and calendar month from the seed's
        first month with members: ``seed``, ``month`` (month start),
        ``joined`` (cascade members who joined that month), ``size``
        (members by the end of it).
    start
        When reach starts (the seeds' arrival time).
    """

    reach: pd.DataFrame
    curve: pd.DataFrame
    cascades: pd.DataFrame
    roots: pd.DataFrame
    seeds: pd.DataFrame
    growth: pd.DataFrame
    start: pd.Timestamp


def _utc_or_nat(seconds: np.ndarray) -> pd.DatetimeIndex:
    """UTC datetimes from Unix seconds, NaT where the engine says never."""
    s = np.asarray(seconds, dtype=np.int64)
    out = pd.to_datetime(np.where(s == _NEVER, 0, s), unit="s", utc=True)
    return out.where(s != _NEVER)


def _seconds(when: Any, what: str) -> int:
    """Unix seconds of a time given as text, datetime or Timestamp (naive = UTC)."""
    try:
        ts = pd.Timestamp(when)
    except (ValueError, TypeError) as e:
        raise _core.UsageError(f"{what}={when!r}: expected a date or date-time ({e})") from None
    if ts.tzinfo is None:
        ts = ts.tz_localize("UTC")
    return ts.value // 1_000_000_000  # floor: fractions of a second are truncated toward the past


def _lapse_seconds(lapse: Any) -> int:
    """A lapse period in seconds: None/0 (no lapse), seconds (int), '90d', a Timedelta."""
    if lapse is None:
        return 0
    units = {"s": 1, "h": 3600, "d": 86400, "w": 7 * 86400}
    if isinstance(lapse, (int, np.integer)) and not isinstance(lapse, bool):
        seconds = int(lapse)
    elif isinstance(lapse, str) and re.fullmatch(r"\s*\d+\s*[shdw]\s*", lapse):
        text = lapse.strip()
        seconds = int(text[:-1]) * units[text[-1]]  # as the CLI's --lapse: 12h, 30d, 2w
    else:
        try:
            seconds = int(pd.Timedelta(lapse).total_seconds())
        except (ValueError, TypeError) as e:
            raise _core.UsageError(
                f"lapse={lapse!r}: expected seconds, a duration such as '90d' or '12h', or a Timedelta ({e})"
            ) from None
    if seconds < 0:
        raise _core.UsageError(f"lapse={lapse!r}: expected 0 or a positive duration")
    return seconds


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

    __slots__ = ("_core", "_ids", "_attr_columns")

    def __init__(self, core: _core.Network) -> None:
        if not isinstance(core, _core.Network):
            raise TypeError("Network wraps a movemap._core.Network; build one with movemap.load(...)")
        self._core = core
        self._ids: pd.Index | None = None
        self._attr_columns: dict[str, np.ndarray] | None = None

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

    @property
    def role_changes(self) -> pd.DataFrame:
        """The role changes loaded with ``movemap.load(..., role_changes=PATH)``.

        One row per change, sorted by time (then node order): actor (id),
        time (UTC datetime), from, to. No rows when no role-change table was
        loaded. The ``role`` attribute is each actor's role after its last
        change; :meth:`momentum` uses the role held at each window's end.

        >>> net.role_changes.query("to == 'champion'")   # doctest: +SKIP
        """
        c = self._core.role_changes()
        ids = np.asarray(self._core.actor_ids(), dtype=object)
        actor = np.asarray(c["actor"], dtype=np.int64)
        return pd.DataFrame({"actor": ids[actor] if len(actor) else np.array([], dtype=object),
                             "time": _utc(c["time"]), "from": pd.Series(c["from"], dtype=object),
                             "to": pd.Series(c["to"], dtype=object)})

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
        columns = self._attribute_columns()
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

    def centrality(
        self,
        measures: Sequence[str] | str | None = None,
        *,
        length: str = "hops",
        normalized: bool = True,
        wf_improved: bool = True,
        epsilon: float = 0.01,
        delta: float = 0.1,
        seed: int = 1,
        alpha: float = 0.85,
        seeds: Sequence[str] | str | None = None,
        katz_alpha: float = 0.1,
        katz_beta: float = 1.0,
        tolerance: float = 1e-10,
        max_iterations: int = 1000,
        weighted: bool = True,
        progress: Progress = None,
    ) -> pd.DataFrame:
        """Centrality per actor: who is reached, who reaches, who bridges.

        The same computation as ``movemap centrality`` (one engine registry,
        so the values equal the CLI's nodes.csv), run in parallel with the GIL
        released. Conventions are networkx's (docs/centrality.md).

        Parameters
        ----------
        measures
            Names from :data:`movemap.CENTRALITY_MEASURES`; None runs
            :data:`movemap.DEFAULT_CENTRALITY_MEASURES` (degree, betweenness,
            closeness, harmonic, pagerank, eigenvector, core, clustering).
            ``degree`` adds in_degree, out_degree, degree, in_strength,
            out_strength, strength (in_/out_ when directed) and
            degree_centrality (+ in_/out_degree_centrality when directed);
            every other name adds one column of its own name
            (betweenness_sampled, closeness, harmonic, eigenvector, pagerank,
            katz, core, clustering). Tie measures (``tie_betweenness``) are
            not node columns: use :meth:`tie_centrality` or
            :meth:`centrality_arrays`.
        length
            Tie length for betweenness, closeness and harmonic: "hops" (every
            tie 1), "inverse" (1 / weight: strong ties are short) or "weight".
        normalized
            Betweenness scaled as networkx's ``normalized=True``.
        wf_improved
            Closeness scaled by the reached share (Wasserman and Faust), as
            networkx.
        epsilon, delta, seed
            ``betweenness_sampled``: every score within epsilon of the exact
            normalised betweenness with probability 1 - delta; the same seed
            gives the same result.
        alpha, seeds
            PageRank damping, and personalisation: a list of actor ids or
            ``"ATTRIBUTE=VALUE"`` selectors, e.g. ``"role=champion"``
            (teleports go uniformly to the selected actors).
        katz_alpha, katz_beta
            Katz attenuation (must be below 1 / largest eigenvalue) and
            baseline.
        tolerance, max_iterations, weighted
            Power iterations (eigenvector, pagerank, katz): stop when
            ``sum |x - x_prev| < n * tolerance``; ``weighted`` uses tie
            weights. A measure named explicitly that does not converge raises
            :class:`movemap.Error`; in the default set it becomes NaN with a
            note.
        progress
            True draws a tqdm bar (when tqdm is installed); a callable is
            called with the fraction done (0..1) from the engine's threads
            and cancels the run by returning False (raises
            :class:`movemap.Cancelled`) or by raising (its exception
            propagates). Ctrl-C always cancels (:class:`movemap.Cancelled`,
            a KeyboardInterrupt).

        Returns
        -------
        pandas.DataFrame
            Indexed by actor id ("id"): role, site and label (those present),
            then the measure columns in request order. ``attrs["network"]``
            holds the network-level values (degree_centralization,
            betweenness_centralization when betweenness was run,
            transitivity, average_clustering) and ``attrs["notes"]`` the run
            notes (iterations, residuals, sample size).

        Raises
        ------
        UsageError
            An unknown measure (the message lists the known ones), unknown
            seed or option out of range.
        Cancelled
            The progress callable returned False, or Ctrl-C.

        Examples
        --------
        >>> c = net.centrality(["betweenness", "pagerank"], seeds="role=champion")  # doctest: +SKIP
        >>> c.nlargest(5, "betweenness")[["role", "betweenness"]]                   # doctest: +SKIP
        >>> c.attrs["network"]["betweenness_centralization"]                        # doctest: +SKIP
        0.31
        >>> net.centrality(["closeness"], length="inverse", progress=True)          # doctest: +SKIP
        """
        names = _measure_list(measures)
        for name in names:
            if name in _TIE_MEASURES:
                raise _core.UsageError(
                    f'centrality(): "{name}" gives one value per tie, not per actor; use tie_centrality() '
                    "(or centrality_arrays() for node and tie columns from one run)")
        result = self.centrality_arrays(
            names, length=length, normalized=normalized, wf_improved=wf_improved, epsilon=epsilon, delta=delta,
            seed=seed, alpha=alpha, seeds=seeds, katz_alpha=katz_alpha, katz_beta=katz_beta, tolerance=tolerance,
            max_iterations=max_iterations, weighted=weighted, progress=progress)
        columns = self._attribute_columns()
        columns.update(result.nodes)
        frame = pd.DataFrame(columns, index=self.actors(), copy=False)
        frame.attrs["network"] = dict(result.network)
        frame.attrs["notes"] = dict(result.notes)
        return frame

    def centrality_arrays(
        self,
        measures: Sequence[str] | str | None = None,
        *,
        length: str = "hops",
        normalized: bool = True,
        wf_improved: bool = True,
        epsilon: float = 0.01,
        delta: float = 0.1,
        seed: int = 1,
        alpha: float = 0.85,
        seeds: Sequence[str] | str | None = None,
        katz_alpha: float = 0.1,
        katz_beta: float = 1.0,
        tolerance: float = 1e-10,
        max_iterations: int = 1000,
        weighted: bool = True,
        progress: Progress = None,
    ) -> CentralityArrays:
        """The centrality suite as zero-copy numpy arrays (no pandas).

        Takes the parameters of :meth:`centrality` and also accepts tie
        measures (``tie_betweenness``), so node and tie betweenness come from
        one run. Each array is the engine's buffer itself: nothing is copied,
        and its ``base`` frees the memory with the last reference.

        >>> r = net.centrality_arrays(["betweenness", "tie_betweenness"])  # doctest: +SKIP
        >>> r.nodes["betweenness"].argmax(), r.ties["betweenness"].max()    # doctest: +SKIP
        >>> r.network["betweenness_centralization"]                         # doctest: +SKIP
        """
        names = _measure_list(measures)
        with _progress_callback(progress) as callback:
            raw = _core.compute_centrality(
                self._core, names, length=length, normalized=normalized, wf_improved=wf_improved,
                epsilon=float(epsilon), delta=float(delta), seed=int(seed), pagerank_alpha=float(alpha),
                seeds=_seed_list(seeds), katz_alpha=float(katz_alpha), katz_beta=float(katz_beta),
                tolerance=float(tolerance), max_iterations=int(max_iterations), weighted=weighted,
                progress=callback)
        notes = {k: _note_value(v) for k, v in raw["notes"].items()}
        return CentralityArrays(measures=tuple(raw["measures"]), nodes=raw["nodes"], ties=raw["ties"],
                                network=raw["network"], notes=notes)

    def tie_centrality(
        self,
        measures: Sequence[str] | str = _TIE_MEASURES,
        *,
        length: str = "hops",
        normalized: bool = True,
        progress: Progress = None,
    ) -> pd.DataFrame:
        """Centrality per tie: the ties whose loss would cut the most paths.

        ``measures``: tie measures ("tie_betweenness", networkx's
        edge_betweenness_centrality; ``normalized`` and ``length`` as in
        :meth:`centrality`). One row per tie in the order of :meth:`ties`:
        source, target (actor ids), then one column per measure
        ("betweenness"). ``attrs["network"]`` and ``attrs["notes"]`` as in
        :meth:`centrality`.

        >>> net.tie_centrality().nlargest(5, "betweenness")   # doctest: +SKIP
        """
        names = _measure_list(measures)
        for name in names:
            if name not in _TIE_MEASURES:
                raise _core.UsageError(
                    f'tie_centrality(): "{name}" is not a tie measure; expected one of {", ".join(_TIE_MEASURES)} '
                    "(node measures: centrality())")
        result = self.centrality_arrays(names, length=length, normalized=normalized, progress=progress)
        columns: dict[str, Any] = self._tie_endpoints(self._core.ties())
        columns.update(result.ties)
        frame = pd.DataFrame(columns, copy=False)
        frame.attrs["network"] = dict(result.network)
        frame.attrs["notes"] = dict(result.notes)
        return frame

    def bridging(
        self,
        measures: Sequence[str] | str | None = None,
        *,
        group_by: Sequence[str] | str | None = None,
        algorithm: str = "louvain",
        resolution: float = 1.0,
        seed: int = 1,
        key_players: int = 0,
        permutations: int = 1000,
        weighted: bool = True,
        min_group_size: int = 0,
        progress: Progress = None,
    ) -> BridgingResult:
        """Who bridges: structural holes, brokerage roles, cut points,
        communities, mixing, E-I index and key players.

        The same computation as ``movemap bridging`` (one engine registry, so
        the values equal the CLI's nodes.csv and group tables), run with the
        GIL released. Conventions: docs/bridging.md.

        Parameters
        ----------
        measures
            Names from :data:`movemap.BRIDGING_MEASURES`: holes (or one of
            constraint, effective_size, efficiency, hierarchy), brokerage,
            cut_points, communities, community_roles, mixing, assortativity,
            ei_index, key_players. None runs
            :data:`movemap.DEFAULT_BRIDGING_MEASURES`, plus key_players when
            ``key_players > 0``.
        group_by
            Attributes whose values form the groups of brokerage, mixing,
            assortativity and the E-I index: actor-table columns ("role",
            "site", ...) or "community" (this run's communities). None =
            "role", plus "site" when the actor table has one (as the CLI).
            Values are coded in sorted order; actors without a value form
            the group "(missing)".
        algorithm, resolution, seed
            Communities: "louvain" or "leiden", modularity resolution
            (gamma > 0), seed (the same seed gives the same partition for any
            thread count; also seeds the E-I permutation test).
        key_players
            k, the number of key players to find (greedy fragmentation).
        permutations
            Size of the E-I permutation test (0: no test).
        weighted
            Structural holes and communities use tie weights.
        min_group_size
            Small-group suppression (the CLI's ``--min-group-size``): in the
            group tables and ``groups``, the cells of groups of fewer than
            this many actors are blanked (NaN / <NA>) with the secondary
            rule, and each table gains a ``suppressed`` column; the mixing
            table then lists every cell. 0 or 1: off.
        progress
            As in :meth:`centrality`: True draws a tqdm bar; a callable gets
            the fraction done and cancels by returning False; Ctrl-C cancels.

        Returns
        -------
        BridgingResult
            ``actors`` (DataFrame indexed by actor id), ``ties``, ``groups``,
            ``mixing``, ``ei_index``, ``brokerage_by_group`` (dicts of
            DataFrames by attribute), ``key_players`` (DataFrame),
            ``network`` (dict) and ``notes``.

        Raises
        ------
        UsageError
            An unknown measure or attribute (the message lists the known
            ones), or an option out of range.
        Cancelled
            The progress callable returned False, or Ctrl-C.

        Examples
        --------
        >>> net = movemap.load("data-samples/interactions.csv",
        ...                    actors="data-samples/actors.csv")              # doctest: +SKIP
        >>> b = net.bridging(group_by=["role", "site"], key_players=5)        # doctest: +SKIP
        >>> b.actors.nsmallest(5, "constraint")[["role", "constraint"]]       # doctest: +SKIP
        >>> b.mixing["role"].pivot(index="group_from", columns="group_to",
        ...                        values="ties").fillna(0)                   # doctest: +SKIP
        >>> b.ei_index["site"], b.network["modularity"]                       # doctest: +SKIP
        >>> b.key_players                                                     # doctest: +SKIP
        """
        names = _measure_list(measures)
        groups = [] if group_by is None else _names(group_by)
        with _progress_callback(progress, "bridging") as callback:
            raw = _core.compute_bridging(
                self._core, names, group_by=groups, algorithm=algorithm, resolution=float(resolution),
                seed=int(seed), key_players=int(key_players), permutations=int(permutations),
                weighted=weighted, min_group_size=int(min_group_size), progress=callback)
        columns = self._attribute_columns()
        columns.update(raw["nodes"])
        actors = pd.DataFrame(columns, index=self.actors(), copy=False)
        tie_columns: dict[str, Any] = self._tie_endpoints(self._core.ties())
        for name, values in raw["ties"].items():
            tie_columns[name] = values.astype(bool) if name == "is_bridge" else values
        tables: dict[str, dict[str, pd.DataFrame]] = {"mixing": {}, "ei_index": {}, "brokerage": {}}
        key_table = None
        for table in raw["tables"].values():
            frame = pd.DataFrame(_blanked(table["columns"], table["blank"]))
            if table["kind"] == "key_players":
                key_table = frame
            else:
                tables[table["kind"]][table["attribute"]] = frame
        group_frames = {}
        for attr, g in raw["groups"].items():
            sizes = np.asarray(g["sizes"], dtype=np.int64)
            if g["suppressed"]:
                mask = np.asarray(g["suppressed"], dtype=bool)
                group_frames[attr] = pd.DataFrame({"group": g["names"],
                                                   "actors": pd.arrays.IntegerArray(np.where(mask, 0, sizes), mask),
                                                   "suppressed": mask})
            else:
                group_frames[attr] = pd.DataFrame({"group": g["names"], "actors": sizes})
        extra = {} if key_table is None else {"key_players": key_table}
        return BridgingResult(
            measures=tuple(raw["measures"]), group_by=tuple(raw["group_by"]), actors=actors,
            ties=pd.DataFrame(tie_columns, copy=False), groups=group_frames, mixing=tables["mixing"],
            ei_index=tables["ei_index"], brokerage_by_group=tables["brokerage"], network=dict(raw["network"]),
            notes={k: _note_value(v) for k, v in raw["notes"].items()}, **extra)

    def momentum(self, window: Any = "90d", step: Any = "30d", *, windows: str = "sliding", anchor: str = "end",
                 lapse: Any = None,
                 half_life: Any = None, measures: Sequence[str] | str | None = ("degree", "pagerank"),
                 span: float = 3, rising: int = 20, sensitivity: Sequence[Any] | str | None = "auto",
                 communities: bool = False, progress: Progress = None) -> "Momentum":
        """Is momentum building? Indicators per time window, cohorts, trajectories.

        The same computation as ``movemap momentum`` (definitions in
        docs/momentum.md). Needs the contacts: :func:`movemap.load` keeps them
        by default (``keep_contacts=True``).

        Parameters
        ----------
        window, step
            Width and step of sliding windows ("90d", "12h", "2w", "3M" = 30
            days, "1y" = 365 days; seconds; or a timedelta). step == window
            gives tumbling windows. For ``windows="cumulative"`` the step
            spaces the window ends.
        windows
            "sliding", "month", "quarter" (calendar, UTC) or "cumulative".
        anchor
            Sliding windows: "end" (the last window ends at the last
            activity, so the latest window is complete) or "start" (the
            first window starts at the first activity).
        lapse
            Actors and ties stay present this long after each contact.
        half_life
            Tie weights decay by half per half-life before each window's end.
        measures
            Node measures per window: "degree", "pagerank", "betweenness",
            "constraint" (ranked from the least constrained), "brokerage"
            (Gould-Fernandez total, roles as groups).
        span
            Momentum index: EWMA of net inflow with alpha = 2 / (span + 1).
        rising
            Rising actors listed per measure.
        sensitivity
            Window widths for the ranking-stability check (Kendall tau-b);
            "auto": half, once and twice the window (sliding only); None: none.
        communities
            Also count Louvain communities per window (columns communities,
            modularity).
        progress
            True for a tqdm bar, or a callable(fraction) (False cancels).

        Returns
        -------
        movemap.momentum.Momentum
            DataFrames ``windows`` (DatetimeIndex of window starts),
            ``by_role``, ``cohorts``, ``trajectories``, ``rising``,
            ``sensitivity``; with role changes (``movemap.load(...,
            role_changes=PATH)``) the by-role counts use each window's end
            roles, ``windows`` has ``role_changes``, and
            ``role_transitions`` and ``role_cohorts`` have rows.

        >>> m = net.momentum(window="90d", step="30d")         # doctest: +SKIP
        >>> m.windows[["active", "new", "lapsed", "momentum"]].plot()  # doctest: +SKIP
        """
        from movemap.momentum import momentum

        return momentum(self, window, step, windows=windows, anchor=anchor, lapse=lapse, half_life=half_life,
                        measures=measures,
                        span=span, rising=rising, sensitivity=sensitivity, communities=communities,
                        progress=progress)

    def _attribute_columns(self) -> dict[str, Any]:
        """role, site and label (those present), as degree() shows them.

        Converted from the engine once per Network (the network is immutable)
        and kept as object arrays; each call hands out copies, so a caller
        editing its frame cannot change the next one.
        """
        if self._attr_columns is None:
            attrs = self._core.attributes()
            self._attr_columns = {name: np.array(attrs[name], dtype=object)
                                  for name in _DEGREE_ATTRIBUTES if name in attrs}
        return {name: values.copy() for name, values in self._attr_columns.items()}

    def _tie_endpoints(self, t: dict[str, Any]) -> dict[str, np.ndarray]:
        """source and target actor ids of each tie (from _core.ties())."""
        ids = np.asarray(self._core.actor_ids(), dtype=object)
        if not len(ids):
            return {"source": np.array([], dtype=object), "target": np.array([], dtype=object)}
        return {"source": ids[t["source"]], "target": ids[t["target"]]}

    def ties(self) -> pd.DataFrame:
        """One row per tie, sorted by (source, target) node order.

        Columns: source, target (actor ids; undirected ties list the earlier
        actor first), weight (sum of interaction weights), count (number of
        interactions), first_seen, last_seen (UTC datetimes), kinds
        (';'-joined, sorted; co-attendance ties have kind "co-attendance").
        """
        t = self._core.ties()
        return pd.DataFrame(
            {
                **self._tie_endpoints(t),
                "weight": t["weight"],
                "count": t["count"],
                "first_seen": _utc(t["first_seen"]),
                "last_seen": _utc(t["last_seen"]),
                "kinds": self._core.tie_kinds(),
            }
        )

    def to_networkx(self) -> networkx.Graph | networkx.DiGraph:
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

    # ------------------------------------------------------------ ripples --

    def ripples(self, seeds: Sequence[str] | str = "role=champion", *, start: Any = None, strict: bool = False,
                both_ways: bool = False, recruit_by_source: bool = False, progress: Progress = None) -> Ripples:
        """Temporal reach from the seeds and recruitment cascades.

        The computation ``movemap ripples`` runs (docs/ripples.md), on the
        log's time-ordered contacts (one pass each; GIL released).

        Parameters
        ----------
        seeds
            Actor ids and/or ``ATTRIBUTE=VALUE`` selectors (default the
            champions, ``"role=champion"``).
        start
            When the seeds start spreading (text, datetime, Timestamp; naive
            means UTC). Default: the first contact. Earlier contacts carry
            nothing.
        strict
            Each step of a path strictly later than the one before. By
            default contacts at one instant chain (a -> b and b -> c at the
            same time carry reach from a to c).
        both_ways
            In a directed network, reach crosses contacts both ways (default:
            source -> target only).
        recruit_by_source
            In a directed network, only a contact's source can recruit its
            target (default: meeting is enough).
        progress
            True (a tqdm bar when tqdm is installed), a callable taking the
            fraction done, or None. Ctrl-C cancels (:class:`movemap.Cancelled`).

        Returns
        -------
        Ripples
            ``reach``, ``curve``, ``cascades``, ``roots``, ``seeds`` and
            ``growth`` DataFrames.

        >>> r = net.ripples()                           # doctest: +SKIP
        >>> r.curve["reached"].plot(drawstyle="steps-post")  # doctest: +SKIP
        >>> r.seeds.nlargest(5, "size")                 # doctest: +SKIP
        """
        start_s = None if start is None else _seconds(start, "start")
        with _progress_callback(progress) as cb:
            reach = _core.temporal_reach(self._core, _seed_list(seeds), start=start_s, strict=strict,
                                         both_ways=both_ways, progress=cb)
            cas = _core.recruitment_cascades(self._core, follow_direction=recruit_by_source, progress=cb)
        ids = self.actors()
        id_array = np.asarray(ids, dtype=object)
        n = len(ids)
        seed_nodes = np.asarray(reach["seeds"], dtype=np.int64)
        is_seed = np.zeros(n, dtype=bool)
        is_seed[seed_nodes] = True
        arrival = np.asarray(reach["arrival"])
        reach_df = pd.DataFrame({"seed": is_seed, "reached": arrival != _NEVER,
                                 "earliest_arrival": _utc_or_nat(arrival)}, index=ids)
        curve_reached = np.asarray(reach["curve_reached"], dtype=np.int64)
        curve = pd.DataFrame({"reached": curve_reached, "new": np.diff(curve_reached, prepend=0)},
                             index=pd.DatetimeIndex(_utc(reach["curve_time"]), name="time"))

        joined = np.asarray(cas["joined"])
        active = np.flatnonzero(joined != _NEVER)

        def names(nodes: np.ndarray) -> np.ndarray:
            nodes = np.asarray(nodes, dtype=np.int64)
            out = np.full(len(nodes), None, dtype=object)
            ok = nodes != _NO_NODE
            out[ok] = id_array[nodes[ok]]
            return out

        size = np.asarray(cas["size"], dtype=np.int64)
        height = np.asarray(cas["height"], dtype=np.int64)
        recruits = np.asarray(cas["recruits"], dtype=np.int64)
        joined_utc = _utc_or_nat(joined)
        cascades = pd.DataFrame({
            "recruiter": names(np.asarray(cas["recruiter"])[active]),
            "root": names(np.asarray(cas["root"])[active]),
            "depth": np.asarray(cas["depth"], dtype=np.int64)[active],
            "joined": joined_utc[active],
            "recruited_at": _utc_or_nat(np.asarray(cas["recruited_at"])[active]),
            "recruits": recruits[active],
            "cascade_size": size[active],
            "cascade_depth": height[active],
        }, index=pd.Index(id_array[active], name="id"))

        def heads(nodes: np.ndarray, name: str) -> pd.DataFrame:
            nodes = np.asarray(nodes, dtype=np.int64)
            return pd.DataFrame({"joined": joined_utc[nodes], "size": size[nodes], "depth": height[nodes],
                                 "recruits": recruits[nodes]}, index=pd.Index(id_array[nodes], name=name))

        roots = np.asarray(cas["roots"], dtype=np.int64)
        roots = roots[np.lexsort((roots, -size[roots]))]
        growth = self._cascade_growth(seed_nodes, joined, size, np.asarray(cas["order"]), np.asarray(cas["pre"]),
                                      id_array)
        return Ripples(reach=reach_df, curve=curve, cascades=cascades, roots=heads(roots, "root"),
                       seeds=heads(seed_nodes, "seed"), growth=growth, start=_utc(reach["start"]))

    @staticmethod
    def _cascade_growth(seed_nodes: np.ndarray, joined: np.ndarray, size: np.ndarray, order: np.ndarray,
                        pre: np.ndarray, id_array: np.ndarray) -> pd.DataFrame:
        """Each seed's cascade by calendar month (UTC), as cascade_growth.csv."""
        def month_index(sec: np.ndarray) -> np.ndarray:  # calendar months (UTC) since 1970-01
            return np.asarray(sec, dtype="datetime64[s]").astype("datetime64[M]").astype(np.int64)

        columns: dict[str, list[Any]] = {"seed": [], "month": [], "joined": [], "size": []}
        live = [int(s) for s in seed_nodes if joined[s] != _NEVER]
        if live:
            first = int(month_index(np.array([min(joined[s] for s in live)]))[0])
            last = int(month_index(joined[joined != _NEVER]).max())
            span = np.arange(first, last + 1)
            for s in live:
                members = order[int(pre[s]):int(pre[s]) + int(size[s])]
                counts = np.bincount(month_index(joined[members]) - first, minlength=len(span))
                cumulative = np.cumsum(counts)
                keep = cumulative > 0
                columns["seed"] += [id_array[s]] * int(keep.sum())
                columns["month"] += span[keep].tolist()
                columns["joined"] += counts[keep].tolist()
                columns["size"] += cumulative[keep].tolist()
        months = np.asarray(columns["month"], dtype=np.int64).astype("datetime64[M]").astype("datetime64[s]")
        return pd.DataFrame({"seed": pd.Series(columns["seed"], dtype=object),
                             "month": pd.to_datetime(months.astype(np.int64), unit="s", utc=True),
                             "joined": pd.Series(columns["joined"], dtype=np.int64),
                             "size": pd.Series(columns["size"], dtype=np.int64)})

    # ------------------------------------------- subnetworks and export --
    # (h-notebook: subgraph, to_igraph)

    def subgraph(
        self,
        roles: Sequence[str] | str | None = None,
        sites: Sequence[str] | str | None = None,
        between: tuple[Any, Any] | None = None,
        actors: Sequence[str] | str | None = None,
    ) -> "Network":
        """A new Network restricted to some actors and/or a time interval.

        The filters combine (an actor is kept when it passes every filter
        given); with none, the network is copied.

        Parameters
        ----------
        roles, sites
            Keep the actors whose ``role`` / ``site`` attribute is one of
            these values (a string or a list). A value no actor has raises
            :class:`movemap.UsageError` listing the values present (typos do
            not silently give an empty network).
        actors
            Keep these actor ids (a string or a list; unknown ids raise
            :class:`movemap.UsageError`).
        between
            ``(start, end)``: keep only the interactions at
            ``start <= time < end`` and re-aggregate the ties from them
            (weights, counts, first/last seen of that period). Each end is a
            date or date-time string (``"2024-01-01"``), a
            ``pandas.Timestamp``, a ``datetime`` / ``date``, Unix seconds,
            or None for an open end; naive times are UTC. A co-attendance
            counts at the moment both attendees had been at the event. Needs
            the interactions: networks from :func:`movemap.load` keep them
            unless ``keep_contacts=False`` was given (then
            :class:`movemap.UsageError`).

        Returns
        -------
        Network
            Kept actors in their original order (actors without a tie in
            the period stay, as isolates); ties between kept actors, with
            their aggregated values unchanged when no ``between`` is given.
            ``summary()`` describes the kept part (interactions, first and
            last time, ...). Computed in the engine
            (engine/include/movemap/subnetwork.hpp).

        Examples
        --------
        >>> core = net.subgraph(roles=["champion", "anchor"])                 # doctest: +SKIP
        >>> y2024 = net.subgraph(between=("2024-01-01", "2025-01-01"))        # doctest: +SKIP
        >>> north_spring = net.subgraph(sites="north", between=("2024-03-01", "2024-06-01"))  # doctest: +SKIP
        >>> y2024.centrality(["pagerank"]).nlargest(5, "pagerank")           # doctest: +SKIP
        """
        keep: np.ndarray | None = None

        def narrow(mask: np.ndarray) -> None:
            nonlocal keep
            keep = mask if keep is None else (keep & mask)

        for column, values in (("role", roles), ("site", sites)):
            if values is not None:
                narrow(_core.nodes_with_attribute(self._core, column, _value_list(values, column)))
        if actors is not None:
            wanted = _value_list(actors, "actors")
            index = self.actors()
            positions = index.get_indexer(pd.Index(wanted, dtype=object))
            if (positions < 0).any():
                unknown = [a for a, p in zip(wanted, positions) if p < 0]
                raise _core.UsageError(
                    f"subgraph(actors=...): unknown actor id(s) {', '.join(repr(a) for a in unknown[:5])}"
                    f"{' ...' if len(unknown) > 5 else ''}; expected ids of net.actors()")
            mask = np.zeros(len(index), dtype=bool)
            mask[positions] = True
            narrow(mask)
        start = end = None
        if between is not None:
            if isinstance(between, (str, bytes)) or not hasattr(between, "__len__") or len(between) != 2:
                raise _core.UsageError(
                    'subgraph(between=...): expected (start, end), e.g. ("2024-01-01", "2024-07-01")')
            start, end = (_unix_seconds(v, "between") for v in between)
        return Network(_core.subnetwork(self._core, keep, start, end))

    def to_igraph(self) -> igraph.Graph:
        """The network as a python-igraph ``Graph`` (directed when the
        network is).

        Vertices in node order with attributes ``name`` (the actor id) and
        every actor attribute (role, label, site, ...; None when missing).
        Edges in the order of :meth:`ties`, with ``weight``, ``count``,
        ``first_seen``, ``last_seen`` (Unix seconds, as
        :meth:`to_networkx`) and ``kinds``. Degrees and strengths equal
        :meth:`degree` (``g.strength(weights="weight")``).

        >>> g = net.to_igraph()                                   # doctest: +SKIP
        >>> g.vs.find(name="ann")["role"]                         # doctest: +SKIP
        'champion'
        >>> g.community_multilevel(weights="weight")             # doctest: +SKIP
        """
        import igraph as ig

        n = self._core.num_nodes
        t = self._core.ties()
        edges = np.column_stack([t["source"], t["target"]]).astype(np.int64).tolist() if len(t["source"]) else []
        g = ig.Graph(n=n, edges=edges, directed=self.directed)
        g.vs["name"] = self._core.actor_ids()
        for name, values in self._core.attributes().items():
            g.vs[name] = values
        g.es["weight"] = t["weight"].tolist()
        g.es["count"] = t["count"].tolist()
        g.es["first_seen"] = t["first_seen"].tolist()
        g.es["last_seen"] = t["last_seen"].tolist()
        g.es["kinds"] = self._core.tie_kinds()
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

    def write_gexf(self, path: str | os.PathLike[str], dynamic: bool = False, lapse: Any = None, *,
                   attributes: Sequence[str] | None = None, labels: bool = True, measures: bool = True,
                   timeline: dict[str, Any] | None = None) -> None:
        """Writes GEXF 1.3 for Gephi, valid against the GEXF 1.3 schema.

        Static (default): the columns of :meth:`write_graphml` (actor
        attributes, the label as Gephi's Label, degree, strength, component;
        ties with their weight as Gephi's Weight, count, first_seen,
        last_seen, kinds). ``dynamic=True``: the same with node and edge
        spells from the log's contacts, so Gephi's Timeline plays the
        movement's growth: an actor or tie appears at its first contact and,
        with ``lapse`` (seconds, ``"90d"``, ``"12h"`` or a Timedelta), lapses
        when unseen for that long, reappearing at its next contact; without
        a lapse it stays to the end of the log. ``timeline`` (advanced: per-window
        node values, as the momentum measures produce) is
        ``{"start": seconds, "end": seconds, "columns": {name: (offsets,
        nodes, values)}}``; see io/gexf_writer.hpp. Conventions:
        docs/outputs.md. Written atomically.

        >>> net.write_gexf("movement.gexf", dynamic=True, lapse="90d")  # doctest: +SKIP
        """
        _core.write_gexf(self._core, os.fspath(path), dynamic=dynamic, lapse=_lapse_seconds(lapse),
                         attributes=_names(attributes), labels=labels, measures=measures, timeline=timeline)

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


def _blanked(columns: dict[str, Any], blank: dict[str, np.ndarray]) -> dict[str, Any]:
    """A table's columns with its suppressed cells missing: integer columns
    become nullable Int64 (<NA>), real ones are NaN already."""
    out = dict(columns)
    for name, mask in blank.items():
        values = out[name]
        if isinstance(values, np.ndarray) and values.dtype.kind == "i" and mask.any():
            out[name] = pd.arrays.IntegerArray(values.astype(np.int64), np.asarray(mask, dtype=bool))
    return out


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


def _measure_list(measures: Sequence[str] | str | None) -> list[str]:
    """None -> [] (the engine's default set); "pagerank" -> ["pagerank"]."""
    if measures is None:
        return []
    if isinstance(measures, str):
        return [measures]
    names = list(measures)
    for m in names:
        if not isinstance(m, str):
            raise _core.UsageError(f"measures: expected names (strings), found {m!r}")
    return names


def _note_value(text: str) -> int | float | str:
    """A note as the engine wrote it: an integer, a number, or text."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _seed_list(seeds: Sequence[str] | str | None) -> list[str]:
    """Seeds as the engine takes them: actor ids or ATTRIBUTE=VALUE selectors."""
    if seeds is None:
        return []
    if isinstance(seeds, str):
        return [seeds]
    return [str(s) for s in seeds]


class _progress_callback:
    """A context manager giving the engine's progress callable: None, the
    user's callable, or (progress=True) one that advances a tqdm bar, closed
    on exit."""

    def __init__(self, progress: Progress, desc: str = "centrality") -> None:
        self._bar = None
        self.callback: Callable[[float], Any] | None = None
        if progress is True:
            try:
                from tqdm.auto import tqdm
            except ImportError:  # no bar without tqdm; Ctrl-C still cancels
                return
            self._bar = tqdm(total=100, desc=desc, leave=False,
                             bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}<{remaining}")
            self.callback = self._advance
        elif callable(progress):
            self.callback = progress
        elif progress not in (None, False):
            raise TypeError("progress: expected True, False, None or a callable taking the fraction done")

    def _advance(self, fraction: float) -> None:
        done = round(100.0 * fraction, 1)
        if done > self._bar.n:
            self._bar.update(done - self._bar.n)

    def __enter__(self) -> Callable[[float], Any] | None:
        return self.callback

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()


def _value_list(values: Sequence[str] | str, what: str) -> list[str]:
    """"x" -> ["x"]; a sequence of strings -> a list (others: UsageError)."""
    if isinstance(values, str):
        return [values]
    out = list(values)
    for v in out:
        if not isinstance(v, str):
            raise _core.UsageError(f"subgraph({what}=...): expected strings, found {v!r}")
    return out


def _unix_seconds(value: Any, what: str) -> int | None:
    """A time (str, Timestamp, datetime, date, datetime64, Unix seconds;
    naive = UTC) as whole UTC seconds, floored; None stays None."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        raise _core.UsageError(f"{what}: {value!r} is not a time")
    if isinstance(value, (int, np.integer)):
        return int(value)
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as e:
        raise _core.UsageError(
            f"{what}: {value!r} is not a time ({e}); expected a date or date-time such as "
            '"2024-03-01" or "2024-03-01T09:30:00Z", a Timestamp/datetime, or Unix seconds') from None
    if ts is pd.NaT:
        raise _core.UsageError(f"{what}: a missing time (NaT); use None for an open end")
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    return int(ts.value // 10**9)


import typing as _typing  # noqa: E402

if _typing.TYPE_CHECKING:  # the return types of to_networkx / to_igraph (imported when called)
    import igraph
    import networkx
