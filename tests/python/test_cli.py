"""The CLI and the Python module give the same node table (MOVEMAP_CLI)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import movemap


@pytest.fixture
def cli():
    path = os.environ.get("MOVEMAP_CLI")
    if not path or not Path(path).is_file():
        pytest.skip("MOVEMAP_CLI not set or not a file")
    return path


def inputs(request, random_files):
    if request.param == "sample":
        lp, ap = Path(__file__).resolve().parents[2] / "data-samples" / "interactions.csv", \
            Path(__file__).resolve().parents[2] / "data-samples" / "actors.csv"
        if not lp.exists():
            pytest.skip("no data-samples")
        return lp, ap
    return random_files(7)


@pytest.fixture(params=["sample", "random"])
def files(request, random_files):
    return inputs(request, random_files)


@pytest.mark.parametrize("directed", [True, False])
def test_cli_node_table_equals_python(cli, tmp_path, files, directed):
    lp, ap = files
    out = tmp_path / "out"
    args = [cli, "map", str(lp), "--actors", str(ap), "--out", str(out), "--quiet"]
    if not directed:
        args.append("--undirected")
    subprocess.run(args, check=True, capture_output=True, timeout=120)
    nodes = pd.read_csv(out / "nodes.csv", dtype={"id": str}, keep_default_na=False).set_index("id")
    net = movemap.load(lp, actors=ap, directed=directed)
    deg = net.degree()
    assert list(nodes.index) == list(deg.index)
    measures = ["in_degree", "out_degree", "degree", "in_strength", "out_strength", "strength"]
    present = [m for m in measures if m in nodes.columns]
    assert {"degree", "strength"} <= set(present)
    for m in present:
        np.testing.assert_allclose(nodes[m].to_numpy(dtype=float), deg[m].to_numpy(dtype=float), rtol=0,
                                   atol=0, err_msg=m)
    for a in ("role", "site", "label"):
        if a in deg.columns:
            assert nodes[a].tolist() == deg[a].fillna("").tolist()
    assert nodes["component"].tolist() == net.components().tolist()
    # The module's writers produce the same bytes as the CLI.
    net.write_node_table(tmp_path / "nodes.csv")
    assert (tmp_path / "nodes.csv").read_bytes() == (out / "nodes.csv").read_bytes()
    net.write_graphml(tmp_path / "network.graphml")
    assert (tmp_path / "network.graphml").read_bytes() == (out / "network.graphml").read_bytes()
    net.write_tie_table(tmp_path / "ties.csv")
    assert (tmp_path / "ties.csv").read_bytes() == (out / "ties.csv").read_bytes()
