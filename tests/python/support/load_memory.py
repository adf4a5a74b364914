"""Peak memory of movemap.load on a DataFrame of N interactions, measured in
this process (run as a subprocess by tests/python/test_memory.py, or by hand:
``python3 tests/python/support/load_memory.py 10000000``).

The DataFrame is what pandas.read_csv gives for such a log: datetime64 times,
float64 weights, and one str object per id cell. Its columns' size is
``df.memory_usage(deep=True, index=False).sum()``. Peak extra memory is the
process's peak resident size while loading (VmHWM, reset just before through
/proc/self/clear_refs, so C++ allocations count: tracemalloc would miss them)
minus the resident size before. Prints one JSON line.
"""

from __future__ import annotations

import gc
import json
import sys
import time

import numpy as np
import pandas as pd


def status(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(field)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    keep_contacts = (sys.argv[2] if len(sys.argv) > 2 else "1") == "1"
    import movemap

    rng = np.random.default_rng(5)
    n_actors = max(2, rows // 20)
    src = rng.integers(0, n_actors, size=rows)
    tgt = rng.integers(0, n_actors, size=rows)
    df = pd.DataFrame({
        "time": pd.to_datetime(1_700_000_000 + rng.integers(0, 30_000_000, size=rows), unit="s"),
        "source": [f"actor{i:07d}" for i in src],
        "target": [f"actor{i:07d}" for i in tgt],
        "weight": rng.choice([0.5, 1.0, 2.0], size=rows),
    })
    del src, tgt
    columns = int(df.memory_usage(deep=True, index=False).sum())
    gc.collect()
    before = status("VmRSS")
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset VmHWM to the current resident size
        reset = True
    except OSError:
        reset = False
    start = time.perf_counter()
    net = movemap.load(df, keep_contacts=keep_contacts)
    seconds = time.perf_counter() - start
    peak = status("VmHWM")
    after = status("VmRSS")
    print(json.dumps({
        "rows": rows, "keep_contacts": keep_contacts, "columns_bytes": columns, "rss_before": before,
        "peak_extra": peak - before, "held_after": after - before, "hwm_reset": reset, "seconds": seconds,
        "ties": net.num_ties,
    }))


if __name__ == "__main__":
    main()
