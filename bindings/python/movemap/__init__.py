"""movemap: social network analysis for health social movements.

Turn interaction logs (referrals, meetings, events attended, messages,
volunteering, grants) into weighted, time-stamped networks and measure them.
The analysis runs in movemap's C++ engine; this package speaks pandas.

>>> import movemap
>>> net = movemap.load("data-samples/interactions.csv",
...                    actors="data-samples/actors.csv")       # doctest: +SKIP
>>> net.summary()["ties"]                                         # doctest: +SKIP
>>> net.degree().sort_values("strength", ascending=False).head()  # doctest: +SKIP
>>> net.centrality(["betweenness", "pagerank"]).nlargest(5, "betweenness")  # doctest: +SKIP
>>> net.bridging(key_players=5).actors.nsmallest(5, "constraint")   # doctest: +SKIP
>>> net.write_graphml("movement.graphml")                        # for Gephi  # doctest: +SKIP

Errors derive from :class:`movemap.Error`: :class:`InputError` (bad data,
the message names file, line and column), :class:`UsageError` (bad
arguments), :class:`IoError` (files), :class:`Cancelled` (Ctrl-C).
"""

from movemap._core import Cancelled, Error, InputError, IoError, UsageError
from movemap.loading import load
from movemap.momentum import WINDOW_MEASURES, Momentum
from movemap.network import (
    BRIDGING_MEASURES,
    CENTRALITY_MEASURES,
    DEFAULT_BRIDGING_MEASURES,
    DEFAULT_CENTRALITY_MEASURES,
    BridgingResult,
    CentralityArrays,
    Network,
)

__version__ = "0.1.0"

__all__ = [
    "BRIDGING_MEASURES",
    "BridgingResult",
    "CENTRALITY_MEASURES",
    "DEFAULT_BRIDGING_MEASURES",
    "DEFAULT_CENTRALITY_MEASURES",
    "Cancelled",
    "CentralityArrays",
    "Error",
    "InputError",
    "IoError",
    "Momentum",
    "Network",
    "UsageError",
    "WINDOW_MEASURES",
    "__version__",
    "load",
]
