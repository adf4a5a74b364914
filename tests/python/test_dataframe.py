"""Loading from DataFrames equals loading from the same file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import movemap
from conftest import random_movement, to_seconds


def assert_same_network(a: movemap.Network, b: movemap.Network) -> None:
    pdt.assert_frame_equal(a.degree(), b.degree())
    pdt.assert_frame_equal(a.ties(), b.ties())
    sa, sb = a.summary(), b.summary()
    assert sa == sb
    pdt.assert_series_equal(a.components(), b.components())


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("directed", [True, False])
def test_frame_equals_file(tmp_path, seed, directed):
    log, actors = random_movement(seed, unix_times=seed == 2)
    lp, ap = tmp_path / "log.csv", tmp_path / "actors.csv"
    log.to_csv(lp, index=False)
    actors.to_csv(ap, index=False)
    from_file = movemap.load(lp, actors=ap, directed=directed)
    # As pandas reads it back: empty cells NaN, weights float, times text.
    df = pd.read_csv(lp)
    adf = pd.read_csv(ap)
    from_frame = movemap.load(df, actors=adf, directed=directed)
    assert_same_network(from_file, from_frame)
    # Times as datetime64 (UTC, naive taken as UTC, another zone) and as int seconds.
    secs = to_seconds(log["time"])
    utc = pd.Series(pd.to_datetime(secs, unit="s", utc=True))
    for t in (utc, utc.dt.tz_localize(None), utc.dt.tz_convert("Europe/Berlin"), secs,
              utc.dt.tz_localize(None).astype("datetime64[ns]")):
        df2 = df.assign(time=t)
        assert_same_network(from_file, movemap.load(df2, actors=adf, directed=directed))


def test_sample_frame_equals_file(sample_files):
    lp, ap = sample_files
    assert_same_network(movemap.load(lp, actors=ap), movemap.load(pd.read_csv(lp), actors=pd.read_csv(ap)))


def test_column_mapping_file_and_frame(tmp_path):
    df = pd.DataFrame({
        "When": ["2024-01-01", "2024-01-02T10:00:00+02:00", "2024-01-03"],
        "From": ["a", "b", "c"],
        "To": ["b", "a", None],
        "Meeting": [None, None, "m1"],
        "W": [1.0, np.nan, 2.0],
    })
    cols = {"time": "When", "source": "From", "target": "To", "event": "Meeting", "weight": "W"}
    p = tmp_path / "mapped.csv"
    df.to_csv(p, index=False)
    a = movemap.load(p, columns=cols)
    b = movemap.load(df, columns=cols)
    assert_same_network(a, b)
    assert a.read_stats["ignored_columns"] == []
    actors = pd.DataFrame({"ActorID": ["a", "b", "z"], "Type": ["champion", "service", "citizen"],
                           "Name": ["A", "B", "Z"], "age": [30, None, 41]})
    ap = tmp_path / "actors.csv"
    actors.to_csv(ap, index=False)
    acols = {"id": "ActorID", "role": "Type", "label": "Name"}
    a = movemap.load(p, actors=ap, columns=cols, actor_columns=acols)
    b = movemap.load(df, actors=actors, columns=cols, actor_columns=acols)
    assert_same_network(a, b)
    d = b.degree()
    assert list(d.columns[:2]) == ["role", "label"]
    assert d.loc["z", "role"] == "citizen" and d.loc["c", "role"] == "unknown"
    attrs = b.attributes()
    assert attrs.loc["a", "age"] == 30 and pd.isna(attrs.loc["b", "age"])


def test_actor_frame_indexed_by_id():
    log = pd.DataFrame({"time": [1, 2], "source": ["a", "b"], "target": ["b", "a"]})
    actors = pd.DataFrame({"role": ["champion", "citizen"]}, index=pd.Index(["a", "b"], name="id"))
    d = movemap.load(log, actors=actors).degree()
    assert d["role"].tolist() == ["champion", "citizen"]


def test_frame_bad_rows_raise_with_row_numbers():
    df = pd.DataFrame({"time": ["2024-01-01", "2024-13-01"], "source": ["a", "b"], "target": ["b", "c"]})
    with pytest.raises(movemap.InputError, match=r"^row 2: column 'time': \"2024-13-01\" is not a valid time"):
        movemap.load(df)
    df = pd.DataFrame({"time": [1, 2, 3], "source": ["a", None, "c"], "target": ["b", "c", "a"]})
    with pytest.raises(movemap.InputError, match=r"^row 2: column 'source': empty; expected an actor id"):
        movemap.load(df)
    df = pd.DataFrame({"T": [1, 2], "source": ["a", "b"], "target": ["b", "a"], "weight": [1.0, -2.0]})
    with pytest.raises(movemap.InputError, match=r"^row 2: column 'weight': -2 is not a positive number"):
        movemap.load(df, columns={"time": "T"})
    df = pd.DataFrame({"time": [1, 2], "source": ["a", "b"], "target": ["b", None], "event": [None, "e"],
                       "kind": ["x", "bad\x01kind"]})
    with pytest.raises(movemap.InputError, match=r"^row 2: column 'kind': the kind .* control character"):
        movemap.load(df)
    df = pd.DataFrame({"time": [1, 2], "source": ["a", "b"], "target": ["b", "c"], "event": [None, "e"]})
    with pytest.raises(movemap.InputError, match=r"^row 2: the row has both a target"):
        movemap.load(df)
    df = pd.DataFrame({"time": pd.to_datetime(["2024-01-01", None]), "source": ["a", "b"], "target": ["b", "c"]})
    with pytest.raises(movemap.InputError, match=r"^row 2: column 'time': missing"):
        movemap.load(df)
    with pytest.raises(movemap.InputError, match="missing column 'target'"):
        movemap.load(pd.DataFrame({"time": [1], "source": ["a"]}))


def test_frame_skip_invalid(tmp_path):
    df = pd.DataFrame({
        "time": ["2024-01-01", "nope", "2024-01-03", "2024-01-04", "2024-01-05"],
        "source": ["a", "b", "", "d", "e"],
        "target": ["b", "c", "d", "e", "a"],
        "weight": [1, 1, 1, 0, 2],
    })
    rejects = tmp_path / "rejects.csv"
    net = movemap.load(df, skip_invalid=rejects)
    st = net.read_stats
    assert st["rows_read"] == 5 and st["accepted"] == 2 and st["rejected"] == 3
    r = pd.read_csv(rejects, keep_default_na=False)
    assert r["line"].tolist() == [2, 3, 4]
    assert r["column"].tolist() == ["time", "source", "weight"]


def test_frame_dup_actor_id():
    log = pd.DataFrame({"time": [1], "source": ["a"], "target": ["b"]})
    actors = pd.DataFrame({"id": ["a", "b", "a"]})
    with pytest.raises(movemap.InputError, match=r"^row 3: duplicate actor id \"a\""):
        movemap.load(log, actors=actors)


def test_frame_integer_and_categorical_ids():
    log = pd.DataFrame({"time": [1, 2], "source": [10, 20], "target": [20, 30]})
    net = movemap.load(log)
    assert list(net.actors()) == ["10", "20", "30"]
    log = pd.DataFrame({"time": [1, 2], "source": pd.Categorical(["x", "y"]), "target": ["y", "x"]})
    assert movemap.load(log).num_ties == 2


def test_empty_frame():
    df = pd.DataFrame({"time": pd.Series([], dtype="int64"), "source": pd.Series([], dtype=object),
                       "target": pd.Series([], dtype=object)})
    net = movemap.load(df)
    assert net.num_actors == 0 and net.num_ties == 0
    assert net.degree().empty and net.ties().empty


def test_nullable_string_and_object_columns():
    base = {"time": ["2024-01-01", "2024-01-02", "2024-01-03"], "source": ["a", "b", "c"],
            "target": ["b", None, "a"], "event": [None, "e", None]}
    want = movemap.load(pd.DataFrame(base))
    for dtype in ("string", object):
        df = pd.DataFrame({k: pd.Series(v, dtype=dtype) for k, v in base.items()})
        assert_same_network(want, movemap.load(df))
