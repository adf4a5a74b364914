#!/usr/bin/env bash
# End-to-end checks of `movemap ripples` (and `movemap map --gexf`): the
# files and their columns, schema-valid GEXF (dynamic, with spells) and
# GraphML, reach and recruiters recomputed independently in Python from a
# small generated log, options, errors and exit codes, thread-count
# determinism.
# Usage: ripples_test.sh PATH/TO/movemap DATA_SAMPLES_DIR [SCHEMA_DIR]
set -u
MM=$1
DATA=$2
SCHEMA=${3:-}
. "$(dirname "$0")/harness.sh"
LOG=$DATA/interactions.csv
ACTORS=$DATA/actors.csv
gexf_valid() {  # true when valid or when no schema / xmllint
  if [ -n "$SCHEMA" ] && [ -f "$SCHEMA/gexf-1.3/gexf.rng" ] && command -v xmllint >/dev/null; then
    xmllint --noout --relaxng "$SCHEMA/gexf-1.3/gexf.rng" "$1" 2>/dev/null
  fi
}
graphml_valid() {
  if [ -n "$SCHEMA" ] && [ -f "$SCHEMA/graphml/graphml.xsd" ] && command -v xmllint >/dev/null; then
    xmllint --noout --schema "$SCHEMA/graphml/graphml.xsd" "$1" 2>/dev/null
  fi
}

# 1. The sample, champions as seeds (the default).
"$MM" ripples "$LOG" --actors "$ACTORS" --out "$T/r" --lapse 60d >"$T/r.out" 2>"$T/r.err"; rc=$?
check "ripples exits 0" test "$rc" -eq 0
for f in reach.csv reach_curve.csv cascades.csv cascade_roots.csv cascade_seeds.csv cascade_growth.csv \
         network.gexf network.graphml nodes.csv ties.csv summary.json; do
  check "writes $f" test -s "$T/r/$f"
done
check "reach.csv header" test "$(head -1 "$T/r/reach.csv")" = "actor,seed,reached,earliest_arrival"
check "reach.csv: one row per actor" test "$(($(wc -l < "$T/r/reach.csv") - 1))" -eq 600
check "reach.csv: the 48 champions are the seeds" test "$(grep -c ',true,true,' "$T/r/reach.csv")" -eq 48
check "reach_curve.csv header" test "$(head -1 "$T/r/reach_curve.csv")" = "time,reached,new"
check "cascades.csv header" test "$(head -1 "$T/r/cascades.csv")" = \
  "actor,recruiter,root,depth,joined,recruited_at,recruits,cascade_size,cascade_depth"
check "cascade_seeds.csv: one row per champion" test "$(($(wc -l < "$T/r/cascade_seeds.csv") - 1))" -eq 48
check "cascade_growth.csv header" test "$(head -1 "$T/r/cascade_growth.csv")" = "seed,month,joined,size"
check "nodes.csv gains reached, cascade_size" sh -c "head -1 '$T/r/nodes.csv' | grep -q ',reached,cascade_size$'"
check "GEXF is dynamic" grep -q 'mode="dynamic" timeformat="dateTime"' "$T/r/network.gexf"
check "GEXF has spells" grep -q '<spells><spell start=' "$T/r/network.gexf"
check "GEXF schema-valid" gexf_valid "$T/r/network.gexf"
check "GraphML schema-valid" graphml_valid "$T/r/network.graphml"
check "prints the reach line" grep -q "reach .* of 600 actors" "$T/r.out"
# Roots' cascades partition the actors with contacts.
sum=$(python3 -c "import csv,sys; print(sum(int(r['size']) for r in csv.DictReader(open(sys.argv[1]))))" "$T/r/cascade_roots.csv")
rows=$(($(wc -l < "$T/r/cascades.csv") - 1))
check "root cascades cover every actor with contacts ($sum vs $rows)" test "$sum" -eq "$rows"

# 2. Independent recomputation on a small generated log (pair rows only, directed).
"$MM" generate --actors 60 --interactions 400 --attendance-share 0 --months 3 --seed 5 --out "$T/g" -q
for mode in chains strict; do
  extra=""; [ "$mode" = strict ] && extra="--strict"
  "$MM" ripples "$T/g/interactions.csv" --actors "$T/g/actors.csv" --out "$T/g_$mode" $extra -q; rc=$?
  check "generated log ($mode) exits 0" test "$rc" -eq 0
  python3 - "$T/g/interactions.csv" "$T/g/actors.csv" "$T/g_$mode" "$mode" >"$T/py_$mode.out" 2>&1 <<'PY'
import csv, sys
from datetime import datetime, timezone
log, actors, out, mode = sys.argv[1:]
def ts(s):
    s = s.strip()
    if s.isdigit(): return int(s)
    d = datetime.fromisoformat(s.replace("Z", "+00:00"))
    if d.tzinfo is None: d = d.replace(tzinfo=timezone.utc)
    return int(d.timestamp())
rows = [(ts(r["time"]), i, r["source"], r["target"]) for i, r in enumerate(csv.DictReader(open(log))) if r.get("target")]
rows.sort()
seeds = {r["id"] for r in csv.DictReader(open(actors)) if r["role"] == "champion"}
start = rows[0][0]
arr = {s: start for s in seeds}
INF = float("inf")
changed = True
while changed:
    changed = False
    for t, _, u, v in rows:
        if u == v: continue
        ok = (u in seeds or arr.get(u, INF) < t) if mode == "strict" else arr.get(u, INF) <= t
        if ok and t < arr.get(v, INF):
            arr[v] = t; changed = True
got = {r["actor"]: (ts(r["earliest_arrival"]) if r["earliest_arrival"] else INF) for r in csv.DictReader(open(out + "/reach.csv"))}
bad = [a for a in got if got[a] != arr.get(a, INF)]
joined = {}
for t, _, u, v in rows:
    joined.setdefault(u, t); joined.setdefault(v, t)
rec = {}
for t, _, u, v in rows:
    if v not in rec and joined[u] < joined[v]: rec[v] = u
    if u not in rec and joined[v] < joined[u]: rec[u] = v
got_rec = {r["actor"]: r["recruiter"] for r in csv.DictReader(open(out + "/cascades.csv"))}
bad_rec = [a for a in joined if got_rec.get(a) != rec.get(a, "")]
print(len(bad), "reach mismatches;", len(bad_rec), "recruiter mismatches;", sum(1 for a in arr if arr[a] < INF), "reached")
sys.exit(1 if bad or bad_rec or len(got_rec) != len(joined) else 0)
PY
  rc=$?
  check "reach and recruiters match a Python recomputation ($mode: $(cat "$T/py_$mode.out"))" test "$rc" -eq 0
done
check "--strict reaches no more than chains" test \
  "$(grep -c ',true,20' "$T/g_strict/reach.csv")" -le "$(grep -c ',true,20' "$T/g_chains/reach.csv")"

# 3. Options and errors.
"$MM" ripples "$LOG" --actors "$ACTORS" --out "$T/s" --start 2024-01-01 --seeds c0001 -q; rc=$?
check "--start and an id seed exit 0" test "$rc" -eq 0
check "reach starts at --start" test "$(sed -n 2p "$T/s/reach_curve.csv" | cut -d, -f1)" = "2024-01-01T00:00:00Z"
check "one seed" test "$(grep -c '^[^,]*,true,' "$T/s/reach.csv")" -eq 1
"$MM" ripples "$LOG" --actors "$ACTORS" --out "$T/e1" --seeds nobody 2>"$T/e1.err"; rc=$?
check "unknown seed exits 2" test "$rc" -eq 2
check "unknown seed is named" grep -q '"nobody"' "$T/e1.err"
"$MM" ripples "$LOG" --out "$T/e2" --lapse 3M 2>"$T/e2.err"; rc=$?
check "a lapse in months exits 2" test "$rc" -eq 2
"$MM" ripples "$LOG" --out "$T/e3" --start yesterday 2>"$T/e3.err"; rc=$?
check "bad --start exits 2" test "$rc" -eq 2

# 4. Same bytes for 1 and 2 threads.
"$MM" ripples "$LOG" --actors "$ACTORS" --out "$T/t1" --threads 1 -q
"$MM" ripples "$LOG" --actors "$ACTORS" --out "$T/t2" --threads 2 -q
for f in reach.csv reach_curve.csv cascades.csv cascade_growth.csv network.gexf; do
  check "$f identical for 1 and 2 threads" cmp -s "$T/t1/$f" "$T/t2/$f"
done

# 5. movemap map --gexf: a static GEXF beside the GraphML.
"$MM" map "$LOG" --actors "$ACTORS" --out "$T/m" --gexf -q; rc=$?
check "map --gexf exits 0" test "$rc" -eq 0
check "map --gexf writes a static network.gexf" grep -q 'mode="static"' "$T/m/network.gexf"
check "map GEXF schema-valid" gexf_valid "$T/m/network.gexf"
check "map GEXF has one node per actor" test "$(grep -c '<node id=' "$T/m/network.gexf")" -eq 600
"$MM" map "$LOG" --out "$T/m2" -q
check "map without --gexf writes none" test ! -e "$T/m2/network.gexf"

finish
