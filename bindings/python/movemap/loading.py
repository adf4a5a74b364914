"""movemap.load: interaction logs and actor tables from files or DataFrames."""

from __future__ import annotations

import datetime as _dt
import math
import os
from typing import Any, Mapping, Sequence

import numpy as np

from movemap import _core
from movemap._pandas import is_frame, pd
from movemap.network import Network

LOG_FIELDS = ("time", "source", "target", "event", "kind", "weight")
ACTOR_FIELDS = ("id", "role", "label", "site")
ROLE_CHANGE_FIELDS = ("id", "time", "from", "to")
_NAT = np.iinfo(np.int64).min  # numpy's NaT: a missing time for the engine


def load(
    log: str | os.PathLike[str] | pd.DataFrame,
    actors: str | os.PathLike[str] | pd.DataFrame | None = None,
    *,
    directed: bool = True,
    columns: Mapping[str, str] | None = None,
    actor_columns: Mapping[str, str] | None = None,
    format: str = "auto",
    delimiter: str | None = None,
    skip_invalid: str | os.PathLike[str] | None = None,
    attendance: str = "count",
    keep_contacts: bool = True,
    pseudonymise: str | os.PathLike[str] | bytes | None = None,
    keep_attributes: Sequence[str] | None = None,
    role_changes: str | os.PathLike[str] | None = None,
    role_change_columns: Mapping[str, str] | None = None,
) -> Network:
    """Builds a movement's network from an interaction log (and actor table).

    Parameters
    ----------
    log
        A file (CSV/TSV, JSON Lines, JSON array; by extension or `format`)
        or a DataFrame, one row per interaction, with columns ``time``,
        ``source``, ``target`` or ``event`` (exactly one per row; ``event``
        rows are attendance at a group event), optional ``kind`` and
        ``weight`` (> 0, default 1). DataFrame times may be datetime64
        (tz-aware converted to UTC, naive taken as UTC), integers (Unix
        seconds) or strings (ISO 8601 or Unix seconds, read exactly as the
        file reader reads them). Missing values (None, NaN, "") are absent.
    actors
        Optional actor table (file or DataFrame): ``id``, ``role``,
        ``label``, ``site`` and any further columns, kept as attributes.
        Table actors without interactions become isolates; actors only in
        the log get role ``"unknown"``.
    directed
        Ties source -> target (True) or symmetrised (False).
    columns, actor_columns
        Your column names, e.g. ``{"time": "When", "source": "From"}`` and
        ``{"id": "ActorID"}``; for files and DataFrames alike.
    format, delimiter
        Log format ("auto", "csv", "jsonl", "json") and CSV delimiter
        (default ","; tab for .tsv).
    skip_invalid
        A path: bad rows are skipped and written there (CSV: line, column,
        reason, record) instead of raising :class:`movemap.InputError`.
        For DataFrames, ``line`` is the 1-based row number.
    attendance
        Co-attendance tie weights: "count" (1 per shared event), "newman"
        (1/(k-1) for an event of k attendees) or "none" (no co-attendance
        ties).
    keep_contacts
        Keep every interaction as a time-stamped contact (36 bytes each;
        default True) so the network can be cut by time
        (``net.subgraph(between=...)``) and measured over time
        (:meth:`Network.momentum`). False saves that memory on a large log
        when no temporal analysis follows; time cuts and momentum then raise
        :class:`movemap.UsageError`.
    pseudonymise
        A key file (raw bytes, at least 16) or the key as ``bytes``: every
        actor id is replaced by the first 16 bytes of HMAC-SHA-256(key, id)
        in hex (the CLI's ``--pseudonymise``; docs/trust.md), and every
        attribute but ``role`` and ``keep_attributes`` (default: role, site)
        is dropped, labels included. Not with `skip_invalid` (the rejects
        file holds the raw rows).
    keep_attributes
        With `pseudonymise`: the attributes kept (``role`` always is).
    role_changes, role_change_columns
        A role-change table (CSV/TSV: ``id``, ``time``, ``from``, ``to``;
        the CLI's ``--role-changes``, docs/data-model.md): at ``time`` the
        actor changed role (a citizen trained as a champion). The static
        role is the last ``to``; :meth:`Network.momentum` counts each
        window's actors under the role they held at its end and reports
        ``role_transitions``; ``net.role_changes`` lists the changes.
        ``role_change_columns`` maps the fields to your column names.

    Raises
    ------
    InputError
        Bad data; the message names the file and line ("log.csv:17: column 1
        'time': ...") or the DataFrame row ("row 17: column 'time': ...").
    UsageError, IoError

    Examples
    --------
    >>> import movemap
    >>> net = movemap.load("interactions.csv", actors="actors.csv",
    ...                    columns={"time": "Date", "source": "From", "target": "To"},
    ...                    skip_invalid="rejects.csv")          # doctest: +SKIP
    >>> net.read_stats["rejected"]                            # doctest: +SKIP

    >>> import pandas as pd
    >>> df = pd.DataFrame({"time": pd.to_datetime(["2024-03-01", "2024-03-02"]),
    ...                    "source": ["ann", "bob"], "target": ["bob", "cy"]})
    >>> movemap.load(df, directed=False)
    <movemap.Network undirected: 3 actors, 2 ties>
    """
    columns = _mapping(columns, LOG_FIELDS, "columns")
    actor_columns = _mapping(actor_columns, ACTOR_FIELDS, "actor_columns")
    delim = "" if delimiter is None else delimiter
    rejects = "" if skip_invalid is None else os.fspath(skip_invalid)
    key = None
    if pseudonymise is not None:
        if skip_invalid is not None:
            raise _core.UsageError("pseudonymise= and skip_invalid= exclude each other: the rejects file holds the "
                                   "raw rows, with their actor ids")
        key = bytes(pseudonymise) if isinstance(pseudonymise, (bytes, bytearray)) else \
            _core.read_pseudonym_key(os.fspath(pseudonymise))
    elif keep_attributes is not None:
        raise _core.UsageError("keep_attributes= applies with pseudonymise= only")

    table = None
    if actors is not None:
        if is_frame(actors):
            table = _actors_from_frame(actors, actor_columns)
        else:
            table = _core.read_actors(os.fspath(actors), columns=actor_columns, delimiter=delim)

    if is_frame(log):
        core_log = _log_from_frame(log, columns, rejects)
    elif isinstance(log, (str, os.PathLike)):
        core_log = _core.read_log(os.fspath(log), columns=columns, format=format, delimiter=delim,
                                  rejects_path=rejects)
    else:
        raise TypeError(f"load(log=...): expected a path or a pandas DataFrame, not {type(log).__name__}")

    changes = None
    if role_changes is not None:
        changes = _core.read_role_changes(
            os.fspath(role_changes), columns=_mapping(role_change_columns, ROLE_CHANGE_FIELDS, "role_change_columns"),
            delimiter=delim)
    elif role_change_columns is not None:
        raise _core.UsageError("role_change_columns= applies with role_changes= only")
    core = _core.build_network(core_log, table, directed=directed, attendance=attendance, consume=True,
                               keep_contacts=keep_contacts, role_changes=changes)
    if key is not None:
        _core.pseudonymise(core, key, list(keep_attributes or []))
    return Network(core)


# ------------------------------------------------------------------ frames --


def _mapping(mapping: Mapping[str, str] | None, fields: tuple[str, ...], what: str) -> dict[str, str]:
    if mapping is None:
        return {}
    if isinstance(mapping, str):
        raise _core.UsageError(f'{what}: expected a dict such as {{"{fields[0]}": "YourColumn"}}, not a string')
    out = {}
    for field, name in dict(mapping).items():
        if field not in fields:
            raise _core.UsageError(
                f'column mapping: unknown field "{field}"; expected one of {", ".join(fields)}')
        if not isinstance(name, str) or not name:
            raise _core.UsageError(f'column mapping: expected a column name (text) for "{field}", got {name!r}')
        out[field] = name
    return out


def _log_from_frame(df: pd.DataFrame, columns: dict[str, str], rejects: str) -> _core.Log:
    names = {f: columns.get(f, f) for f in LOG_FIELDS}
    have = [str(c) for c in df.columns]
    present = {f: names[f] in df.columns for f in LOG_FIELDS}

    def missing(field: str, extra: str = "") -> _core.InputError:
        return _core.InputError(
            f"DataFrame: missing column '{names[field]}' for the {field}{extra} (the DataFrame has: "
            f"{', '.join(repr(c) for c in have)}); name yours with columns={{'{field}': NAME}}")

    if not present["time"]:
        raise missing("time")
    if not present["source"]:
        raise missing("source")
    if not present["target"] and not present["event"]:
        raise missing("target", f" (or '{names['event']}' for attendance rows)")

    def col(field: str) -> pd.Series | None:
        if not present[field]:
            return None
        c = df[names[field]]
        if isinstance(c, pd.DataFrame):
            raise _core.InputError(f"DataFrame: column '{names[field]}' appears more than once; "
                                   "expected each column name once")
        return c

    return _core.log_from_columns(
        _time_values(col("time"), names["time"]),
        _text_values(col("source")),
        target=None if col("target") is None else _text_values(col("target")),
        event=None if col("event") is None else _text_values(col("event")),
        kind=None if col("kind") is None else _text_values(col("kind")),
        weight=None if col("weight") is None else _weight_values(col("weight"), names["weight"]),
        names=names,
        rejects_path=rejects,
    )


def _time_values(s: pd.Series, name: str) -> np.ndarray | list:
    """int64 UTC seconds (NaT = INT64_MIN) or a list of strings for the
    engine's timestamp parser."""
    dtype = s.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_convert("UTC").dt.tz_localize(None)
        dtype = s.dtype
    if pd.api.types.is_datetime64_dtype(dtype):
        # Floor to whole seconds, as the file reader truncates fractions.
        values = s.to_numpy()
        unit, count = np.datetime_data(values.dtype)
        per_second = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}.get(unit)
        if per_second is None or count != 1:
            values = values.astype("datetime64[ns]")
            per_second = 10**9
        out = np.floor_divide(values.view(np.int64), per_second)
        out[np.isnat(values)] = _NAT
        return out
    if pd.api.types.is_bool_dtype(dtype):
        raise _core.InputError(f"DataFrame: column '{name}' holds booleans; expected times")
    if pd.api.types.is_integer_dtype(dtype):
        if pd.api.types.is_unsigned_integer_dtype(dtype) and len(s) and s.max() > np.iinfo(np.int64).max:
            raise _core.InputError(f"DataFrame: column '{name}' holds Unix seconds beyond the int64 range")
        return s.to_numpy(dtype=np.int64, na_value=_NAT)
    if pd.api.types.is_float_dtype(dtype):
        values = s.to_numpy(dtype="float64", na_value=np.nan)
        bad = ~np.isnan(values) & (np.floor(values) != values)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise _core.InputError(f"row {i + 1}: column '{name}': {values[i]!r} is not whole Unix seconds; "
                                   "expected an integer number of seconds, a datetime or an ISO 8601 string")
        out = np.where(np.isnan(values), 0, values).astype(np.int64)
        out[np.isnan(values)] = _NAT
        return out
    # Text (object, str): Python datetimes go through pandas, strings to the
    # engine's parser so a DataFrame reads exactly as the same file would.
    values = s.tolist()
    if any(isinstance(v, (_dt.datetime, _dt.date, np.datetime64)) for v in values):
        converted = pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="mixed", errors="coerce")
        return _time_values(converted, name)
    return [v if v is None or isinstance(v, str) else _as_text(v) for v in values]


def _weight_values(s: pd.Series, name: str) -> np.ndarray:
    if pd.api.types.is_bool_dtype(s.dtype):
        raise _core.InputError(f"DataFrame: column '{name}' holds booleans; expected positive numbers")
    if pd.api.types.is_numeric_dtype(s.dtype):
        return s.to_numpy(dtype="float64", na_value=np.nan)
    out = np.empty(len(s), dtype=np.float64)
    for i, v in enumerate(s.tolist()):
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or (isinstance(v, str) and not v.strip()):
            out[i] = np.nan
            continue
        try:
            out[i] = float(v)
        except (TypeError, ValueError):
            raise _core.InputError(
                f"row {i + 1}: column '{name}': {v!r} is not a positive number; "
                "expected a number > 0 (a missing value means 1)") from None
    return out


def _as_text(v: Any) -> str | None:
    """One cell as the text a file would hold (None when missing)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return None
        if f.is_integer() and abs(f) < 2**63:
            return str(int(f))
        return repr(f)
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if isinstance(v, (_dt.datetime, _dt.date)):
        return v.isoformat()
    return str(v)


def _text_values(s: pd.Series) -> list[str | None]:
    """A column as a list of str / None for the engine (no copy of the
    strings themselves)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        s = s.astype(object)
    values = s.tolist()
    if isinstance(s.dtype, pd.StringDtype) and getattr(s.dtype, "na_value", pd.NA) is not pd.NA:
        return values  # str and NaN only; the engine reads NaN as missing
    return [v if type(v) is str else _as_text(v) for v in values]


def _actors_from_frame(df: pd.DataFrame, columns: dict[str, str]) -> _core.ActorTable:
    id_name = columns.get("id", "id")
    if id_name in df.columns:
        ids = df[id_name]
        rest = df.drop(columns=[id_name])
    elif df.index.name == id_name:
        ids = df.index.to_series()
        rest = df
    else:
        have = ", ".join(repr(str(c)) for c in df.columns)
        raise _core.InputError(
            f"DataFrame: missing column '{id_name}' for the actor id (the DataFrame has: {have}); "
            "name yours with actor_columns={'id': NAME}")
    canonical = {columns.get(f, f): f for f in ("role", "label", "site")}
    attributes: dict[str, list[str | None]] = {}
    source_of: dict[str, str] = {}
    for c in rest.columns:
        name = canonical.get(str(c), str(c))
        if name in source_of:
            raise _core.InputError(
                f"DataFrame: columns '{source_of[name]}' and '{c}' would both become the attribute '{name}'; "
                "rename one or change the column mapping")
        source_of[name] = str(c)
        attributes[name] = _text_values(rest[c])
    return _core.actors_from_columns(_text_values(ids), attributes, id_name=id_name)
