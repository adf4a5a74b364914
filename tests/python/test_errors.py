"""Errors: classes, messages naming file and line, skipping bad rows."""

from __future__ import annotations

import pandas as pd
import pytest

import movemap
from movemap import _core

GOOD = "2024-01-01,a,b,,,\n"


def test_exception_hierarchy():
    assert issubclass(movemap.InputError, movemap.Error)
    assert issubclass(movemap.InputError, ValueError)
    assert issubclass(movemap.UsageError, movemap.Error) and issubclass(movemap.UsageError, ValueError)
    assert issubclass(movemap.IoError, movemap.Error) and issubclass(movemap.IoError, OSError)
    assert issubclass(movemap.Cancelled, movemap.Error)
    assert issubclass(movemap.Error, Exception)
    assert movemap.InputError is _core.InputError


def test_bad_log_names_file_and_line(tmp_path):
    p = tmp_path / "file.csv"
    p.write_text("time,source,target,event,kind,weight\n" + GOOD + GOOD + "2024-02-30,a,b,,,\n" + GOOD)
    with pytest.raises(movemap.InputError) as e:
        movemap.load(p)
    assert "file.csv:4:" in str(e.value)
    assert "column 1 'time'" in str(e.value)
    assert e.value.line == 4 and e.value.file.endswith("file.csv")


@pytest.mark.parametrize("row,fragment", [
    ("2024-01-01,,b,,,", "column 2 'source': empty"),
    ("2024-01-01,a,b,e,,", "both a target"),
    ("2024-01-01,a,,,,", "neither target nor event"),
    ("2024-01-01,a,b,,,-1", "column 6 'weight'"),
    ("2024-01-01,a,b,,,abc", "column 6 'weight'"),
    ("2024-01-01,a,b", "fields"),
])
def test_bad_rows(tmp_path, row, fragment):
    p = tmp_path / "file.csv"
    p.write_text("time,source,target,event,kind,weight\n" + GOOD + row + "\n")
    with pytest.raises(movemap.InputError, match="file.csv:3:") as e:
        movemap.load(p)
    assert fragment in str(e.value)


def test_skip_invalid_writes_exactly_the_bad_rows(tmp_path):
    p = tmp_path / "file.csv"
    bad = {3: "2024-13-01,a,b,,,", 5: "2024-01-01,,b,,,", 6: "2024-01-01,a,b,,,0"}
    lines = ["time,source,target,event,kind,weight"]
    for line in range(2, 9):
        lines.append(bad.get(line, f"2024-01-0{line},a{line},b,,,"))
    p.write_text("\n".join(lines) + "\n")
    rejects = tmp_path / "rejects.csv"
    net = movemap.load(p, skip_invalid=rejects)
    st = net.read_stats
    assert st["rows_read"] == st["accepted"] + st["rejected"]
    assert st["rows_read"] == 7 and st["rejected"] == 3
    r = pd.read_csv(rejects, keep_default_na=False, dtype={"record": str})
    assert r["line"].tolist() == sorted(bad)
    assert r["record"].tolist() == [bad[k] for k in sorted(bad)]
    assert net.summary()["interactions"] == 4


def test_usage_and_io_errors(tmp_path):
    p = tmp_path / "log.csv"
    p.write_text("time,source,target\n" + "2024-01-01,a,b\n")
    with pytest.raises(movemap.UsageError, match="unknown field \"when\""):
        movemap.load(p, columns={"when": "time"})
    with pytest.raises(movemap.UsageError, match="unknown field"):
        _core.read_log(str(p), columns={"nope": "x"})
    with pytest.raises(movemap.UsageError, match="attendance"):
        movemap.load(p, attendance="sometimes")
    with pytest.raises(movemap.UsageError, match="format"):
        movemap.load(p, format="xml")
    with pytest.raises(movemap.UsageError, match="delimiter"):
        movemap.load(p, delimiter=";;")
    with pytest.raises(movemap.IoError) as e:
        movemap.load(tmp_path / "missing.csv")
    assert isinstance(e.value, OSError) and "missing.csv" in str(e.value)
    with pytest.raises(movemap.InputError, match='log.csv:1: missing column "From" for the source'):
        movemap.load(p, columns={"source": "From"})


def test_bad_actor_table(tmp_path):
    p = tmp_path / "log.csv"
    p.write_text("time,source,target\n2024-01-01,a,b\n")
    a = tmp_path / "actors.csv"
    a.write_text("id,role\na,citizen\nb,service\na,champion\n")
    with pytest.raises(movemap.InputError, match=r"actors.csv:4: duplicate actor id"):
        movemap.load(p, actors=a)


def test_header_only_log(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_text("time,source,target,event,kind,weight\n")
    net = movemap.load(p)
    assert net.num_actors == 0 and net.num_ties == 0
    s = net.summary()
    assert s["actors"] == 0 and s["first_time"] is None and s["density"] == 0.0
    assert net.degree().empty and net.ties().empty and net.components().empty
    assert net.read_stats["rows_read"] == 0
    a = tmp_path / "actors.csv"
    a.write_text("id,role\nx,citizen\ny,service\n")
    net = movemap.load(p, actors=a, directed=False)
    assert list(net.degree().index) == ["x", "y"]
    assert net.summary()["isolates"] == 2 and net.summary()["reciprocity"] is None
    net.write_graphml(tmp_path / "empty.graphml")
    net.write_node_table(tmp_path / "empty.csv")
