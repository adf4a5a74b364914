"""Memory: loading a log from a DataFrame holds at most one extra copy of its
columns (the issue's criterion), measured as peak resident memory in a
subprocess (tests/python/support/load_memory.py; C++ allocations included).

MOVEMAP_MEMORY_ROWS sets the size (default 10^6 to stay fast; the issue's
10^7 is run by hand: ``PYTHONPATH=build/python python3
tests/python/support/load_memory.py 10000000``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import movemap

SCRIPT = Path(__file__).resolve().parent / "support" / "load_memory.py"
ROWS = int(os.environ.get("MOVEMAP_MEMORY_ROWS", "1000000"))
MARGIN = 0.10  # allocator and interpreter noise


def measure(rows: int, keep_contacts: bool) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(movemap.__file__).resolve().parents[1]),
                                         env.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, str(SCRIPT), str(rows), "1" if keep_contacts else "0"], env=env,
                         check=True, capture_output=True, text=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("keep_contacts", [True, False], ids=["contacts", "no-contacts"])
def test_load_from_dataframe_holds_at_most_one_copy_of_the_columns(keep_contacts):
    r = measure(ROWS, keep_contacts)
    if not r["hwm_reset"]:
        pytest.skip("cannot reset the peak resident size (/proc/self/clear_refs)")
    assert r["ties"] > 0.9 * ROWS
    limit = r["columns_bytes"] * (1 + MARGIN)
    assert r["peak_extra"] <= limit, (
        f"loading {ROWS} rows peaked at {r['peak_extra'] / 2**20:.0f} MiB extra; the DataFrame's columns take "
        f"{r['columns_bytes'] / 2**20:.0f} MiB")
